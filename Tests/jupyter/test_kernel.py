"""The nns kernel through jupyter_client, started from the installed kernelspec: cells that print,
show and hide values, keep variables, draw pictures, train with a progress bar and fail; complete,
inspect and is_complete; interrupts of a loop and of a training run; restart, shutdown, and a
killed nns process seen as a dead kernel."""
import base64
import json
import os
import signal
import subprocess
import threading
import time

import support
from support import ask, run

_shared = {}


def kernel():
    """The kernel most tests share (one session, as a notebook has)."""
    if "kc" not in _shared:
        _shared["km"], _shared["kc"] = support.start_kernel()
    return _shared["km"], _shared["kc"]


def teardown_module():
    if "kc" in _shared:
        support.stop_kernel(_shared["km"], _shared["kc"])


def test_kernelspec_is_installed(nns):
    out = subprocess.run(["jupyter", "kernelspec", "list", "--json"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out
    spec = json.loads(out.stdout)["kernelspecs"]["nns"]
    s = spec["spec"]
    assert s["display_name"] == "nns" and s["language"] == "nns" and s["interrupt_mode"] == "signal", s
    assert os.path.isabs(s["argv"][0]) and os.path.samefile(s["argv"][0], nns), s["argv"]
    assert s["argv"][1:3] == ["kernel", "run"] and "{connection_file}" in s["argv"], s["argv"]
    for size in (32, 64):
        with open(os.path.join(spec["resource_dir"], "logo-%dx%d.png" % (size, size)), "rb") as f:
            w, h, _, _ = support.decode_png(f.read())
        assert (w, h) == (size, size)


def test_kernel_info(nns):
    km, kc = kernel()
    # The kernel's command line stays one short line in process listings.
    with open("/proc/%d/cmdline" % km.provisioner.process.pid) as f:
        assert len(f.read()) < 400, "the wrapper's source is on the command line"
    info = ask(kc, kc.kernel_info)
    li = info["language_info"]
    assert li["name"] == "nns" and li["file_extension"] == ".nns" and li["mimetype"] == "text/x-nns", li
    assert li["codemirror_mode"] == "python" and li["pygments_lexer"] == "python", li
    assert info["implementation"] == "nns" and info["status"] == "ok", info
    assert subprocess.run([nns, "--version"], capture_output=True, text=True).stdout.strip().endswith(info["implementation_version"])


def test_print_values_semicolon_and_variables(nns):
    _, kc = kernel()
    c = run(kc, 'print("hello", 1 + 1)')
    assert c.stdout == "hello 2\n" and c.results == [] and c.reply["status"] == "ok", c.messages
    n = c.reply["execution_count"]
    c = run(kc, "x = 21\nx * 2")
    assert c.results == ["42"] and c.reply["execution_count"] == n + 1, c.messages
    assert c.of("execute_result")[0]["execution_count"] == n + 1  # Out[n] is Jupyter's count
    c = run(kc, "x * 2;")
    assert c.results == [] and c.stdout == "", c.messages
    c = run(kc, "fn sq(u) = u ^ 2\nsq(x)")
    assert c.results == ["441"], c.messages
    c = run(kc, "Out[%d] + _" % (n + 1))
    assert c.results == ["483"], c.messages
    c = run(kc, "seed(7)\na = rand(2)")
    c2 = run(kc, "a")
    ref = subprocess.run([nns, "-e", "seed(7)\nrand(2)"], capture_output=True, text=True)
    assert c2.results == [ref.stdout.rstrip("\n")], (c2.results, ref.stdout)


def test_output_arrives_while_the_cell_runs(nns):
    _, kc = kernel()
    c = run(kc, 'print("first")\nt = clock()\nwhile clock() - t < 2 { }\nprint("last")')
    streams = [m for m in c.messages if m["msg_type"] == "stream"]
    assert streams[0]["content"]["text"] == "first\n", streams
    assert streams[-1]["received"] - streams[0]["received"] > 1.5, "the first line waited for the cell's end"


def test_pictures_are_png(nns):
    _, kc = kernel()
    c = run(kc, "plot(sigmoid, tanh, from: -4, to: 4)\nscatter([[0, 0], [1, 1], [0, 1]], [0, 1, 1])\n"
                "hist(randn(500))\nshow(eye(8), eye(8) * 0.5, shape: [8, 8])")
    pictures = c.of("display_data")
    assert len(pictures) == 4 and c.reply["status"] == "ok", c.messages
    sizes = [support.decode_png(base64.b64decode(p["data"]["image/png"]))[:2] for p in pictures]
    assert sizes[:3] == [(640, 400)] * 3, sizes
    # Two rows of one 8×8 image, 8 pixels a pixel, a 1-pixel grey border and gap.
    assert sizes[3] == (1 + (8 * 8 + 1), 1 + 2 * (8 * 8 + 1)), sizes
    # The text/plain fallback is the picture as a script prints it.
    script = subprocess.run([nns, "-e", "plot(sigmoid, tanh, from: -4, to: 4)"], capture_output=True, text=True)
    assert pictures[0]["data"]["text/plain"] == script.stdout
    assert c.stdout == "", "pictures printed text as well"
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "nns-kernel-test-%d.png" % os.getpid())
    c = run(kc, 'plot(relu, file: "%s")' % path)
    (shown,) = c.of("display_data")
    assert shown["data"]["text/plain"] == "line plot of relu" and c.reply["status"] == "ok", c.messages
    with open(path, "rb") as f:
        assert f.read() == base64.b64decode(shown["data"]["image/png"]), "not the picture written"
    os.unlink(path)


def test_training_progress_is_one_line_updated_in_place(nns):
    _, kc = kernel()
    started = time.monotonic()
    c = run(kc, "d = xor()\nnet = mlp([2, 8, 1], act: tanh, out: sigmoid)\n"
                "h = train(net, d.x, d.y, opt: sgd(lr: 0.5), epochs: 100000)\nlen(h.loss)", timeout=300)
    seconds = time.monotonic() - started
    assert c.reply["status"] == "ok" and c.results == ["100000"], c.messages
    shown, updates = c.of("display_data"), c.of("update_display_data")
    assert len(shown) == 1 and shown[0]["transient"]["display_id"], shown
    ids = {u["transient"]["display_id"] for u in updates}
    assert ids == {shown[0]["transient"]["display_id"]}, ids
    # At most ten redraws a second, whatever the number of epochs.
    assert 1 <= len(updates) <= 10 * seconds + 2, (len(updates), seconds)
    assert "epoch 100000/100000" in updates[-1]["data"]["text/plain"], updates[-1]
    assert c.of("stream") == [], "the bar went to a stream"
    assert all("\x1b" not in u["data"]["text/plain"] for u in updates)


def test_error_with_caret_and_call_chain(nns):
    _, kc = kernel()
    run(kc, "kept = 5")
    c = run(kc, "fn inner(a) {\n    return a + missing_name\n}\nprint(\"before\")\ninner(1)")
    assert c.stdout == "before\n" and c.reply["status"] == "error", c.messages
    (e,) = c.of("error")
    assert e["ename"] == "error" and e["evalue"] == "undefined name 'missing_name'", e
    assert c.reply["ename"] == "error" and c.reply["traceback"] == e["traceback"], c.reply
    tb = e["traceback"]
    line = [i for i, t in enumerate(tb) if "return a + missing_name" in t][0]
    assert tb[line + 1].index("^") == tb[line].index("missing_name"), tb
    assert "in inner at In[" in "\n".join(tb), tb
    assert any("\x1b[" in t for t in tb), "no colour in the traceback"
    # Streams carry no colour; the session goes on with its variables.
    assert "\x1b" not in c.stdout
    c = run(kc, "kept + 1")
    assert c.results == ["6"], c.messages
    c = run(kc, "1 +* 2")
    assert c.reply["status"] == "error" and c.of("error")[0]["ename"] == "error", c.messages


def test_complete(nns):
    _, kc = kernel()
    r = ask(kc, lambda: kc.complete("sigm", 4))
    assert r["status"] == "ok" and "sigmoid" in r["matches"], r
    assert (r["cursor_start"], r["cursor_end"]) == (0, 4), r
    code = "train(net, X, Y, ep"
    r = ask(kc, lambda: kc.complete(code, len(code)))
    assert r["matches"][0] == "epochs:" and r["cursor_start"] == len(code) - 2, r
    run(kc, "net = mlp([2, 3, 1])\nfn side_effect() {\n  print(\"ran\")\n  return net\n}")
    r = ask(kc, lambda: kc.complete("net.la", 6))
    assert r["matches"] == ["layers"] and r["cursor_start"] == 4, r
    # Completion never runs user code.
    r = ask(kc, lambda: kc.complete("side_effect().la", 16))
    c = run(kc, "1")
    assert c.stdout == "", "completion ran a function"


def test_inspect(nns):
    _, kc = kernel()
    r = ask(kc, lambda: kc.inspect("sigmoid", 3))
    assert r["status"] == "ok" and r["found"], r
    help_text = subprocess.run([nns, "-e", "help(sigmoid)"], capture_output=True, text=True).stdout
    assert r["data"]["text/plain"].split("\n")[0] == help_text.split("\n")[0], (r["data"], help_text)
    assert "Example:" in r["data"]["text/plain"], r
    r = ask(kc, lambda: kc.inspect("train(net, ", 11))
    assert r["found"] and r["data"]["text/plain"].startswith("train("), r
    r = ask(kc, lambda: kc.inspect("no_such_thing", 4))
    assert r["found"] is False, r


def test_is_complete(nns):
    _, kc = kernel()
    r = ask(kc, lambda: kc.is_complete("1 + 1"))
    assert r["status"] == "complete", r
    r = ask(kc, lambda: kc.is_complete("fn f(x) {"))
    assert r["status"] == "incomplete" and r["indent"] == "    ", r
    r = ask(kc, lambda: kc.is_complete("1 +* 2"))
    assert r["status"] == "invalid", r


def interrupt_after(km, seconds):
    threading.Timer(seconds, km.interrupt_kernel).start()


def test_interrupt_a_loop(nns):
    km, kc = kernel()
    interrupt_after(km, 1.0)
    c = run(kc, "kept_here = 7\ni = 0\nwhile true { i += 1 }", timeout=30)
    assert c.reply["status"] == "error" and c.reply["ename"] == "interrupted", c.reply
    assert c.of("error")[0]["ename"] == "interrupted", c.messages
    c = run(kc, "[kept_here, i > 1000]")
    assert c.results == ["[7, true]"], c.messages
    # Two interrupts in quick succession stop the cell and keep the kernel.
    threading.Timer(0.5, km.interrupt_kernel).start()
    threading.Timer(0.6, km.interrupt_kernel).start()
    c = run(kc, "while true { }", timeout=30)
    assert c.reply["ename"] == "interrupted", c.reply
    time.sleep(0.5)
    assert km.is_alive()
    assert run(kc, "kept_here").results == ["7"]


def test_interrupt_a_training_run(nns):
    km, kc = kernel()
    run(kc, "seed(3)\nd = xor()\nnet = mlp([2, 16, 1], act: tanh, out: sigmoid)\nW0 = net.layers[0].W")
    interrupt_after(km, 1.5)
    c = run(kc, "h = train(net, d.x, d.y, opt: sgd(lr: 0.1), epochs: 10000000)", timeout=60)
    assert c.reply["status"] == "error" and c.reply["ename"] == "interrupted", c.reply
    assert "training interrupted" in "".join(x["text"] for x in c.of("stream") if x["name"] == "stderr"), c.messages
    # The weights so far and the history so far are kept; the next cell runs.
    c = run(kc, "[norm(net.layers[0].W - W0) > 0, h.interrupted, len(h.loss) < 10000000]")
    assert c.results == ["[true, true, true]"], c.messages


def nns_child(km):
    pid = km.provisioner.process.pid
    kids = support.children(pid)
    assert len(kids) == 1, (pid, kids)
    return pid, kids[0]


def test_restart_and_shutdown_leave_no_process(nns):
    km, kc = support.start_kernel()
    try:
        run(kc, "gone = 1")
        kernel_pid, child = nns_child(km)
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=60)
        support.wait_until(lambda: not support.alive(kernel_pid) and not support.alive(child), 10,
                           "the end of the old kernel and its nns process")
        c = run(kc, "gone")
        assert c.reply["status"] == "error" and "undefined name 'gone'" in c.reply["evalue"], c.reply
        assert run(kc, "2 + 3").results == ["5"]
        kernel_pid, child = nns_child(km)
    finally:
        support.stop_kernel(km, kc)
    support.wait_until(lambda: not support.alive(kernel_pid) and not support.alive(child), 10,
                       "the end of the kernel and its nns process after shutdown")


def test_a_killed_nns_process_is_a_dead_kernel(nns):
    km, kc = support.start_kernel()
    try:
        kernel_pid, child = nns_child(km)
        msg_id = kc.execute("while true { }")
        time.sleep(0.5)
        os.kill(child, signal.SIGKILL)
        # The running cell ends with an error that says why; then the kernel is dead.
        c = support.collect(kc, msg_id, timeout=20)
        assert c.reply["status"] == "error" and "killed by SIGKILL" in c.reply["evalue"], c.reply
        support.wait_until(lambda: not km.is_alive(), 10, "the kernel's exit")
        km.restart_kernel(now=True)
        kc.wait_for_ready(timeout=60)
        assert run(kc, "1 + 1").results == ["2"]
        # An idle kernel whose nns process dies exits too (Jupyter then offers a restart).
        kernel_pid, child = nns_child(km)
        os.kill(child, signal.SIGKILL)
        support.wait_until(lambda: not km.is_alive(), 10, "the exit of an idle kernel")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_prompt_commands_in_cells(nns):
    _, kc = kernel()
    c = run(kc, "?relu")
    assert c.stdout.startswith("relu(u)"), c.stdout
    run(kc, "zz = ones(2, 3)")
    c = run(kc, ":vars")
    assert any(line.split()[:3] == ["zz", "tensor", "[2,"] for line in c.stdout.splitlines()), c.stdout
    c = run(kc, ":time 6 * 7")
    assert c.results == ["42"] and "time:" in c.stdout, c.messages
