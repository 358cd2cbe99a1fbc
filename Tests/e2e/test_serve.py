"""The machine protocol of `nns --serve` (docs/jupyter.md) over real pipes: the hello, cells and
their messages in order, nothing but protocol lines on stdout, protocol errors for random and
truncated messages (never a crash or a hang), interrupts by SIGINT and by message, and the end of
the process when the front end goes away."""
import base64
import json
import os
import random
import select
import signal
import subprocess
import time


class Serve:
    """One `nns --serve` process and a reader of its messages with a deadline."""

    def __init__(self, nns):
        self.proc = subprocess.Popen([nns, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.buffer = b""
        self.next_id = 0
        self.hello = self.read()

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        self.send_raw(json.dumps(message).encode() + b"\n")

    def read(self, timeout=30):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            assert left > 0, "no message from nns --serve within %ss (got %r)" % (timeout, self.buffer[:200])
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
                assert chunk, "nns --serve closed its output (status %r, stderr %r)" % (
                    self.proc.wait(5), self.proc.stderr.read())
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)  # every line on stdout must be one JSON message

    def request(self, message, timeout=30):
        """Sends a request; returns (messages before the reply, the reply)."""
        self.next_id += 1
        message = dict(message, id=self.next_id)
        self.send(message)
        events = []
        while True:
            m = self.read(timeout)
            assert m.get("id") == self.next_id, (m, message)
            if m["type"].endswith("_reply") or m["type"] == "protocol_error":
                return events, m
            events.append(m)

    def execute(self, code, timeout=30):
        return self.request({"type": "execute_request", "code": code}, timeout)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)


def test_hello_and_a_cell(nns):
    s = Serve(nns)
    try:
        h = s.hello
        assert h["type"] == "hello" and h["protocol"] == "nns-serve" and h["protocol_version"] == 1, h
        assert h["language_info"]["name"] == "nns" and h["language_info"]["file_extension"] == ".nns", h
        assert h["language_info"]["mimetype"] == "text/x-nns" and h["pid"] == s.proc.pid, h
        events, reply = s.execute('x = 2\nprint("x is", x)\nx ^ 10')
        assert [e["type"] for e in events] == ["stream", "execute_result"], events
        assert events[0]["name"] == "stdout" and events[0]["text"] == "x is 2\n", events
        assert events[1]["data"] == {"text/plain": "1024"} and events[1]["execution_count"] == 1, events
        assert reply == {"type": "execute_reply", "id": 1, "status": "ok", "execution_count": 1}, reply
        events, reply = s.execute("x + 1;")  # a trailing ; hides the value
        assert events == [] and reply["status"] == "ok" and reply["execution_count"] == 2, (events, reply)
        events, reply = s.request({"type": "execute_request", "code": "x", "execution_count": 7})
        assert events[0]["execution_count"] == 7 and reply["execution_count"] == 7, (events, reply)
        events, reply = s.execute("Out[7] + _")  # the prompt's Out[n] and _
        assert events[0]["data"]["text/plain"] == "4", events
        _, reply = s.request({"type": "kernel_info_request"})
        assert reply["type"] == "kernel_info_reply" and reply["language_info"] == h["language_info"], reply
        _, reply = s.request({"type": "shutdown_request"})
        assert reply == {"type": "shutdown_reply", "id": s.next_id, "status": "ok"}, reply
        assert s.proc.wait(10) == 0
    finally:
        s.close()


def test_output_streams_while_the_cell_runs(nns):
    s = Serve(nns)
    try:
        s.send({"type": "execute_request", "id": "a", "code": 'print("start")\nt = clock()\nwhile clock() - t < 2 { }\nprint("end")'})
        started = time.monotonic()
        first = s.read()
        assert first == {"type": "stream", "id": "a", "name": "stdout", "text": "start\n"}, first
        assert time.monotonic() - started < 1.5, "printed text waited for the end of the cell"
        rest = [s.read(), s.read()]
        assert rest[0]["text"] == "end\n" and rest[1]["type"] == "execute_reply", rest
    finally:
        s.close()


def test_pictures_errors_and_nothing_else_on_stdout(nns):
    s = Serve(nns)
    try:
        events, reply = s.execute("for i in 0..2000 { print(i) }\nplot(sigmoid)\nshow(eye(4))\nprint(\"done\")")
        kinds = [e["type"] for e in events]
        assert kinds.count("display_data") == 2 and kinds[-1] == "stream", kinds
        text = "".join(e["text"] for e in events if e["type"] == "stream")
        assert text == "".join("%d\n" % i for i in range(2000)) + "done\n"
        assert len(events) < 20, "printed lines were not gathered into few stream messages"
        pictures = [e for e in events if e["type"] == "display_data"]
        for p in pictures:
            assert p["data"]["image/png"].startswith("iVBORw0KGgo"), p  # base64 of the PNG signature
        # text/plain is the picture as a script prints it.
        script = subprocess.run([nns, "-e", "plot(sigmoid)"], capture_output=True, text=True)
        assert pictures[0]["data"]["text/plain"] == script.stdout, (pictures[0]["data"]["text/plain"], script.stdout)
        # A picture written to a file shows too, its description as text/plain.
        path = "/tmp/nns-serve-%d.png" % os.getpid()
        events, reply = s.execute('plot(sigmoid, file: "%s")' % path)
        assert [e["type"] for e in events] == ["display_data"] and reply["status"] == "ok", events
        assert events[0]["data"]["text/plain"] == "line plot of sigmoid", events
        with open(path, "rb") as f:
            assert f.read() == base64.b64decode(events[0]["data"]["image/png"])
        os.unlink(path)
        events, reply = s.execute("fn g(a) {\n  return a + nope\n}\n1 + 1\ng(1)")
        assert [e["type"] for e in events] == ["error"], events
        e = events[0]
        assert e["ename"] == "error" and e["evalue"] == "undefined name 'nope'", e
        assert reply["status"] == "error" and reply["traceback"] == e["traceback"], reply
        tb = "\n".join(e["traceback"])
        assert "return a + nope" in tb and "\x1b[1;31merror:\x1b[0m" in tb and "in g at In[" in tb, tb
        caret = [i for i, line in enumerate(e["traceback"]) if line.strip() == "^"][0]
        assert e["traceback"][caret - 1] == "    return a + nope", e["traceback"]
        assert e["traceback"][caret].index("^") == e["traceback"][caret - 1].index("nope"), e["traceback"]
    finally:
        s.close()


def test_complete_inspect_is_complete(nns):
    s = Serve(nns)
    try:
        _, r = s.request({"type": "complete_request", "code": "sigm", "cursor_pos": 4})
        assert r["matches"] == ["sigmoid"] and (r["cursor_start"], r["cursor_end"]) == (0, 4), r
        _, r = s.request({"type": "complete_request", "code": "train(net, X, Y, ep", "cursor_pos": 19})
        assert "epochs:" in r["matches"] and r["cursor_start"] == 17, r
        # Cursors count Unicode scalars, as Jupyter does: θ is one.
        s.execute("θ = 1\nθlong = 2")
        _, r = s.request({"type": "complete_request", "code": "y = θl + 1", "cursor_pos": 6})
        assert r["matches"] == ["θlong"] and (r["cursor_start"], r["cursor_end"]) == (4, 6), r
        _, r = s.request({"type": "inspect_request", "code": "sigmoid(x)", "cursor_pos": 3})
        assert r["found"] and "sigmoid(u)" in r["data"]["text/plain"], r
        _, r = s.request({"type": "inspect_request", "code": "nosuchname", "cursor_pos": 3})
        assert r["found"] is False and r["data"] == {}, r
        for code, status in [("1 + 1", "complete"), ("fn f(x) {", "incomplete"), ("1 +* 2", "invalid"),
                             ("x = [1,", "incomplete"), (":vars", "complete"), ("", "complete")]:
            _, r = s.request({"type": "is_complete_request", "code": code})
            assert r["status"] == status, (code, r)
        _, r = s.request({"type": "is_complete_request", "code": "fn f(x) {"})
        assert r["indent"] == "    ", r
    finally:
        s.close()


BAD_MESSAGES = [
    (b"not json", "not JSON"),
    (b"[1, 2]", "must be a JSON object"),
    (b'{"id": 5}', 'needs a "type"'),
    (b'{"type": "dance", "id": 5}', "unknown message type"),
    (b'{"type": "execute_request", "id": 6}', '"code" must be a string'),
    (b'{"type": "execute_request", "id": 7, "code": 3}', '"code" must be a string'),
    (b'{"type": "complete_request", "id": 8, "code": "ab", "cursor_pos": 9}', "past the end"),
    (b'{"type": "complete_request", "id": 9, "code": "ab", "cursor_pos": -1}', "whole number"),
    (b'{"type": "execute_request", "id": {"a": 1}, "code": ""}', '"id" must be'),
    (b'{"type": "execute_request", "id": 10, "code": "\\ud800"}', "surrogate"),
    (b'{"type": "execute_request", "id": 11, "code": "\xff"}', "not UTF-8"),
    (b"[" * 100000, "nested more than"),
    (b'{"type": "kernel_info_request"} trailing', "after the JSON value"),
]


def test_protocol_errors(nns):
    s = Serve(nns)
    try:
        for raw, words in BAD_MESSAGES:
            s.send_raw(raw + b"\n")
            m = s.read()
            assert m["type"] == "protocol_error" and words in m["message"], (raw[:60], m)
            try:
                sent = json.loads(raw)
            except (ValueError, RecursionError):
                sent = None
            if isinstance(sent, dict) and isinstance(sent.get("id"), int) and "surrogate" not in words:
                assert m["id"] == sent["id"], (raw, m)  # the error names the request it answers
        s.send_raw(b"\n  \n")  # blank lines are no messages
        events, reply = s.execute("1 + 1")
        assert events[0]["data"]["text/plain"] == "2" and reply["status"] == "ok", (events, reply)
    finally:
        s.close()


def test_fuzz_random_and_truncated_messages(nns):
    rng = random.Random(11)
    valid = [json.dumps(m).encode() for m in [
        {"type": "execute_request", "id": 1, "code": "1 + 1"},
        {"type": "complete_request", "id": "x", "code": "sigm", "cursor_pos": 4},
        {"type": "is_complete_request", "id": 2, "code": "fn f(x) {"},
        {"type": "inspect_request", "id": 3, "code": "relu", "cursor_pos": 2},
    ]]
    s = Serve(nns)
    try:
        sent = 0
        for i in range(600):
            if i % 3 == 0:
                line = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
            elif i % 3 == 1:
                m = rng.choice(valid)
                line = m[:rng.randrange(1, len(m))]  # truncated: never valid JSON
            else:
                m = bytearray(rng.choice(valid))
                for _ in range(rng.randrange(1, 4)):
                    m[rng.randrange(len(m))] = rng.randrange(32, 127)
                line = bytes(m)
            line = line.replace(b"\n", b" ")
            if not line.strip(b" \t\r"):
                continue
            s.send_raw(line + b"\n")
            sent += 1
            # Every line gets exactly one answer: an error, or (a mutation that is still valid)
            # the request's messages and reply.
            while True:
                m = s.read(timeout=30)
                if m["type"] == "protocol_error" or m["type"].endswith("_reply"):
                    break
                assert m["type"] in ("stream", "execute_result", "error", "display_data"), m
        assert s.proc.poll() is None, "nns --serve ended under fuzzing"
        events, reply = s.execute("40 + 2")
        assert events[-1]["data"]["text/plain"] == "42", events
        # A message cut off by the end of the input: an error, then a clean exit.
        s.send_raw(b'{"type": "execute_re')
        s.proc.stdin.close()
        m = s.read()
        assert m["type"] == "protocol_error" and "ended in the middle" in m["message"], m
        assert s.proc.wait(10) == 0
        assert sent > 500
    finally:
        s.close()


def test_a_line_over_the_limit_is_skipped(nns):
    s = Serve(nns)
    try:
        s.send_raw(b'{"type": "execute_request", "code": "' + b"1" * (64 << 20) + b'"}\n')
        m = s.read(timeout=60)
        assert m["type"] == "protocol_error" and "longer than" in m["message"], m
        events, reply = s.execute("2 + 2")
        assert events[0]["data"]["text/plain"] == "4", events
    finally:
        s.close()


def test_interrupts_keep_the_session(nns):
    s = Serve(nns)
    try:
        s.send({"type": "execute_request", "id": 1, "code": "kept = 42\ni = 0\nwhile true { i += 1 }"})
        time.sleep(0.5)
        # Three quick SIGINTs: the first stops the cell; none ends the session.
        for _ in range(3):
            s.proc.send_signal(signal.SIGINT)
            time.sleep(0.05)
        m = s.read()
        assert m["type"] == "error" and m["ename"] == "interrupted", m
        reply = s.read()
        assert reply["status"] == "error" and reply["ename"] == "interrupted", reply
        time.sleep(0.3)
        assert s.proc.poll() is None, "the session ended on repeated interrupts"
        events, reply = s.execute("[kept, i > 0]")
        assert events[0]["data"]["text/plain"] == "[42, true]", events
        # The protocol's interrupt_request does the same (for front ends that cannot signal).
        s.send({"type": "execute_request", "id": "loop", "code": "while true { }"})
        time.sleep(0.3)
        s.send({"type": "interrupt_request", "id": "stop"})
        seen = [s.read(), s.read(), s.read()]
        types = sorted((m["type"], m["id"]) for m in seen)
        assert types == [("error", "loop"), ("execute_reply", "loop"), ("interrupt_reply", "stop")], seen
        events, reply = s.execute("kept")
        assert events[0]["data"]["text/plain"] == "42", events
    finally:
        s.close()


def test_the_end_of_input_ends_a_running_cell(nns):
    s = Serve(nns)
    try:
        s.send({"type": "execute_request", "id": 1, "code": "while true { }"})
        time.sleep(0.3)
        s.proc.stdin.close()
        assert s.proc.wait(5) == 0
    finally:
        s.close()


def test_repl_export_writes_a_notebook(nns):
    import tempfile
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "session.ipynb")
    empty = os.path.join(folder, "empty.nns")
    open(empty, "w").close()
    out = subprocess.run([nns, "-i", empty], input="x = 3\nx * 2\nplot(relu)\n:export %s\n" % path,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out
    nb = json.load(open(path, encoding="utf-8"))
    assert nb["nbformat"] == 4 and nb["metadata"]["kernelspec"]["name"] == "nns", nb["metadata"]
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and not c["source"][0].startswith("# :load")]
    assert [c["source"] for c in code] == [["x = 3"], ["x * 2"], ["plot(relu)"]], code
    assert code[1]["outputs"][0]["output_type"] == "execute_result", code[1]
    assert code[1]["outputs"][0]["data"]["text/plain"] == ["6"], code[1]
    assert code[2]["outputs"][0]["output_type"] == "display_data", code[2]
    assert "image/png" in code[2]["outputs"][0]["data"], code[2]


def test_the_guides_front_end_runs(nns):
    """docs/jupyter.md's front end in a few lines of Python works as printed."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(root, "docs", "jupyter.md"), encoding="utf-8") as f:
        guide = f.read()
    block = guide.split("A front end in a few lines of Python:\n\n```python\n", 1)[1].split("```", 1)[0]
    assert '["nns", "--serve"]' in block, block
    code = block.replace('["nns", "--serve"]', "[%r, \"--serve\"]" % nns)
    out = subprocess.run(["python3", "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out
    assert "'execute_result'" in out.stdout and "'0.5'" in out.stdout, out.stdout


def test_command_line_of_serve_and_kernel(nns):
    out = subprocess.run([nns, "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "--serve" in out.stdout and "nns kernel install" in out.stdout, out.stdout
    out = subprocess.run([nns, "kernel", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "install" in out.stdout and "uninstall" in out.stdout, out
    assert "run " not in out.stdout.split("SUBCOMMANDS")[-1], "the internal run command is listed"
    for argv in (["--serve", "x.nns"], ["--serve", "-e", "1"], ["kernel", "fly"], ["kernel", "run"]):
        out = subprocess.run([nns, *argv], capture_output=True, text=True)
        assert out.returncode == 2 and out.stderr, (argv, out)
