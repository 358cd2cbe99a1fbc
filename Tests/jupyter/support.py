"""What the Jupyter tests share: a kernel started from the installed `nns` kernelspec through
jupyter_client, running a cell and collecting every message it causes, a strict PNG decoder, and
the processes a kernel leaves."""
import os
import sys
import time

from jupyter_client import KernelManager

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
import nnstest  # noqa: E402


def start_kernel():
    """A kernel from the installed kernelspec `nns`, ready for requests."""
    km = KernelManager(kernel_name="nns")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def stop_kernel(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


class Cell:
    """The messages one execute_request caused, in order, and its reply."""

    def __init__(self, messages, reply):
        self.messages = messages          # iopub messages (not status or execute_input)
        self.reply = reply                # the execute_reply's content

    def of(self, kind):
        return [m["content"] for m in self.messages if m["msg_type"] == kind]

    @property
    def stdout(self):
        return "".join(c["text"] for c in self.of("stream") if c["name"] == "stdout")

    @property
    def results(self):
        return [c["data"]["text/plain"] for c in self.of("execute_result")]


def collect(kc, msg_id, timeout=60):
    """The messages of request msg_id until the kernel is idle again, then its reply."""
    messages = []
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        assert left > 0, "the cell did not finish within %s s: %s" % (timeout, messages[-3:])
        m = kc.get_iopub_msg(timeout=left)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        m["received"] = time.monotonic()
        if m["msg_type"] == "status":
            if m["content"]["execution_state"] == "idle":
                break
            continue
        if m["msg_type"] != "execute_input":
            messages.append(m)
    while True:
        reply = kc.get_shell_msg(timeout=max(1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return Cell(messages, reply["content"])


def run(kc, code, timeout=60):
    return collect(kc, kc.execute(code), timeout)


def ask(kc, send, timeout=30):
    """The reply of a shell request sent by `send()` (complete, inspect, is_complete, ...)."""
    msg_id = send()
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def decode_png(data):
    """Checks a PNG byte by byte (signature, chunk CRCs, IHDR, zlib stream, one filter byte per
    row) and gives (width, height, channels, the inflated image data with its filter bytes)."""
    png = nnstest.decode_png(data)
    return png.width, png.height, png.channels, png.raw


def children(pid):
    """The pids of the processes whose parent is pid."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except OSError:
        return False


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("%s did not happen within %s s" % (what, timeout))
