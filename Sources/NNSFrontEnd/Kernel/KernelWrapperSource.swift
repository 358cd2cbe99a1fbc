// The Jupyter side of the nns kernel: a small wrapper kernel on ipykernel's `Kernel` (Jupyter's
// documented way to add a language), kept inside the nns binary so that `nns kernel install`
// needs nothing beyond Jupyter itself and the two can never be out of step. `nns kernel run`
// hands it to Python; it starts `nns --serve` and maps each Jupyter message to the protocol's.

/// The wrapper kernel's Python source.
enum KernelWrapperSource {
    /// What `python -c` runs: the source from `NNS_KERNEL_SOURCE`, as the program `nns-kernel`.
    static let bootstrap = "import os; exec(compile(os.environ.pop('NNS_KERNEL_SOURCE'), 'nns-kernel', 'exec'))"

    static let python = #"""
"""The nns kernel for Jupyter: a wrapper kernel on ipykernel's Kernel. It runs `nns --serve` as a
child process and maps Jupyter's messages to the nns machine protocol (one JSON object a line on
the child's stdin and stdout; docs/jupyter.md). ipykernel does ZeroMQ, signing, heartbeat and the
protocol versions; nns does everything about the language.

Interrupts: Jupyter sends SIGINT to this process (interrupt_mode "signal"); it is passed on to the
child, which stops the cell as Ctrl-C does at the nns prompt. The child runs in a process group
of its own, so it gets each interrupt exactly once. When the child ends unexpectedly (a kill -9),
the running cell gets an error and this process exits, so Jupyter shows a dead kernel and offers
a restart instead of a cell that never finishes."""
import sys

# `python -c` puts the working directory (the notebook's folder) first on sys.path: a student's
# json.py or signal.py there must not replace the modules this kernel imports.
sys.path[:] = [p for p in sys.path if p not in ("", ".")]

import collections
import json
import os
import signal
import subprocess
import threading

try:
    from ipykernel.kernelapp import IPKernelApp
    from ipykernel.kernelbase import Kernel
except ImportError as error:
    sys.stderr.write(
        "nns kernel: the Python at %s cannot import ipykernel (%s). Install Jupyter there "
        "(python3 -m pip install jupyter), or run `nns kernel install --python PATH` with a Python "
        "that has it.\n" % (sys.executable, error))
    sys.exit(1)

NNS = os.environ.get("NNS_KERNEL_BINARY") or "nns"
PROTOCOL_VERSION = 1
RED, RESET = "\x1b[1;31m", "\x1b[0m"


class ChildEnded(Exception):
    """The nns process has ended."""


class NNSKernel(Kernel):
    implementation = "nns"
    implementation_version = "0"
    language = "nns"
    language_info = {"name": "nns", "mimetype": "text/x-nns", "file_extension": ".nns"}
    banner = "nns"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._next_id = 0
        self._stopping = False
        self._stderr_tail = collections.deque(maxlen=20)
        self._child = subprocess.Popen(
            [NNS, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, start_new_session=True)
        threading.Thread(target=self._drain_stderr, name="nns-stderr", daemon=True).start()
        hello = self._read()
        if hello.get("type") != "hello" or hello.get("protocol_version") != PROTOCOL_VERSION:
            raise RuntimeError("%s --serve speaks protocol %r, this kernel protocol %d"
                               % (NNS, hello.get("protocol_version"), PROTOCOL_VERSION))
        self.language_info = hello["language_info"]
        self.implementation_version = hello["implementation_version"]
        self.banner = hello["banner"]
        # SIGINT is passed on to nns (installed now, in the main thread, after ipykernel ignored it).
        signal.signal(signal.SIGINT, self._pass_interrupt)
        threading.Thread(target=self._watch_child, name="nns-watch", daemon=True).start()

    # ipykernel (7) installs Python's KeyboardInterrupt handler around each request; this kernel
    # keeps its own, which passes the interrupt on to nns.
    def pre_handler_hook(self):
        pass

    def post_handler_hook(self):
        pass

    def _pass_interrupt(self, signum, frame):
        try:
            self._child.send_signal(signal.SIGINT)
        except OSError:
            pass

    # --- talking to nns

    def _send(self, message):
        try:
            self._child.stdin.write(json.dumps(message).encode("utf-8") + b"\n")
            self._child.stdin.flush()
        except (OSError, ValueError):
            raise ChildEnded()

    def _read(self):
        try:
            line = self._child.stdout.readline()
        except (OSError, ValueError):
            line = b""
        if not line:
            raise ChildEnded()
        return json.loads(line)

    def _exchange(self, message, on_event=None):
        """Sends a request; passes the messages it causes to on_event; returns its reply."""
        self._next_id += 1
        message["id"] = self._next_id
        self._send(message)
        while True:
            event = self._read()
            kind = event.get("type", "")
            if event.get("id") == self._next_id and (kind.endswith("_reply") or kind == "protocol_error"):
                return event
            if on_event is not None:
                on_event(event)

    def _publish(self, event):
        kind = event["type"]
        if kind == "stream":
            content = {"name": event["name"], "text": event["text"]}
        elif kind in ("display_data", "update_display_data"):
            content = {"data": event["data"], "metadata": event.get("metadata", {}), "transient": {}}
            if "display_id" in event:
                content["transient"]["display_id"] = event["display_id"]
        elif kind == "execute_result":
            content = {"execution_count": event["execution_count"], "data": event["data"],
                       "metadata": event.get("metadata", {})}
        elif kind == "error":
            content = {"ename": event["ename"], "evalue": event["evalue"], "traceback": event["traceback"]}
        else:
            self.log.warning("nns: unexpected message %r", kind)
            return
        self.send_response(self.iopub_socket, kind, content)

    # --- the child's health

    def _drain_stderr(self):
        for raw in iter(self._child.stderr.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self._stderr_tail.append(line)
            self.log.warning("nns: %s", line)

    def _end_reason(self):
        code = self._child.poll()
        if code is None:
            return "stopped answering"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = "signal %d" % -code
            return "was killed by %s" % name
        return "exited with status %d" % code

    def _watch_child(self):
        self._child.wait()
        if self._stopping:
            return
        self.log.error("nns: the nns process %s; ending the kernel so that Jupyter restarts it", self._end_reason())
        # Time for a running cell to report the end before the kernel goes.
        threading.Event().wait(1.0)
        os._exit(1)

    def _dead(self, silent=False):
        """The reply of a request that found nns gone, after telling the user why."""
        self._stopping = True
        try:
            self._child.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self._child.kill()
        text = ("the nns process %s, so every variable of this session is lost; Jupyter restarts the kernel"
                % self._end_reason())
        traceback = [RED + "error:" + RESET + " " + text] + list(self._stderr_tail)
        if not silent:
            self.send_response(self.iopub_socket, "error",
                               {"ename": "error", "evalue": text, "traceback": traceback})
        threading.Timer(0.5, os._exit, (1,)).start()
        return {"status": "error", "ename": "error", "evalue": text, "traceback": traceback,
                "execution_count": self.execution_count}

    # --- Jupyter's requests

    async def do_execute(self, code, silent, store_history=True, user_expressions=None,
                         allow_stdin=False, **kwargs):
        request = {"type": "execute_request", "code": code, "silent": bool(silent),
                   "execution_count": self.execution_count}
        try:
            reply = self._exchange(request, None if silent else self._publish)
        except ChildEnded:
            return self._dead(silent)
        if reply["type"] == "protocol_error":
            return {"status": "error", "ename": "error", "evalue": reply["message"],
                    "traceback": [reply["message"]], "execution_count": self.execution_count}
        content = {"status": reply["status"], "execution_count": self.execution_count,
                   "user_expressions": {}, "payload": []}
        if reply["status"] == "error":
            content.update(ename=reply["ename"], evalue=reply["evalue"], traceback=reply["traceback"])
        return content

    async def do_complete(self, code, cursor_pos):
        empty = {"status": "ok", "matches": [], "cursor_start": cursor_pos, "cursor_end": cursor_pos, "metadata": {}}
        try:
            reply = self._exchange({"type": "complete_request", "code": code, "cursor_pos": cursor_pos})
        except ChildEnded:
            return empty
        if reply["type"] == "protocol_error":
            return empty
        return {"status": "ok", "matches": reply["matches"], "cursor_start": reply["cursor_start"],
                "cursor_end": reply["cursor_end"], "metadata": {}}

    async def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        try:
            reply = self._exchange({"type": "inspect_request", "code": code, "cursor_pos": cursor_pos})
        except ChildEnded:
            reply = {"type": "protocol_error"}
        if reply["type"] == "protocol_error":
            return {"status": "ok", "found": False, "data": {}, "metadata": {}}
        return {"status": "ok", "found": reply["found"], "data": reply["data"], "metadata": {}}

    async def do_is_complete(self, code):
        try:
            reply = self._exchange({"type": "is_complete_request", "code": code})
        except ChildEnded:
            return {"status": "unknown"}
        if reply["type"] == "protocol_error":
            return {"status": "unknown"}
        content = {"status": reply["status"]}
        if "indent" in reply:
            content["indent"] = reply["indent"]
        return content

    async def do_shutdown(self, restart):
        # Closing nns's input ends it at once, even in the middle of a cell.
        self._stopping = True
        try:
            self._child.stdin.close()
        except OSError:
            pass
        try:
            self._child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.wait()
        return {"status": "ok", "restart": restart}


if __name__ == "__main__":
    IPKernelApp.launch_instance(kernel_class=NNSKernel)
"""#
}
