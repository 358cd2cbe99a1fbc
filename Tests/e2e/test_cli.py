"""The nns command line: modes, `args`, exit statuses, error format, and
that stdout carries nothing but what the script prints."""
import os
import subprocess


from nnstest import folder, nns_run, script


def test_version_and_help(nns):
    out = nns_run(nns, "--version")
    assert out.returncode == 0 and out.stdout.startswith("nns "), out
    out = nns_run(nns, "--help")
    assert out.returncode == 0 and "-e <CODE>" in out.stdout, out


def test_bad_usage_exits_2(nns):
    out = nns_run(nns, "--no-such-option")
    assert out.returncode == 2, out
    assert "no-such-option" in out.stderr, out
    out = nns_run(nns, "/no/such/file.nns")
    assert out.returncode == 2 and "cannot open" in out.stderr, out


def test_e_prints_last_value(nns):
    out = nns_run(nns, "-e", "x = 2; x ^ 10")
    assert out.returncode == 0 and out.stdout == "1024\n", out
    out = nns_run(nns, "-e", "x = 3")
    assert out.returncode == 0 and out.stdout == "", out


def test_script_with_args(nns):
    path = script('print(len(args), args[0], args[1])\n')
    out = nns_run(nns, path, "first", "--second")
    assert out.returncode == 0, out
    assert out.stdout == "2 first --second\n", out


def test_stdin_script(nns):
    out = nns_run(nns, stdin="a = 1 + 1\nprint(a)\n")
    assert out.returncode == 0 and out.stdout == "2\n", out


def test_error_format_and_exit_1(nns):
    path = script('print("before")\nx = 1\ny = x + undefined_name\nprint("after")\n')
    out = nns_run(nns, path)
    assert out.returncode == 1, out
    assert out.stdout == "before\n", out          # output printed before the error stays
    first = out.stderr.splitlines()[0]
    assert first.startswith(f"{path}:3:9: error:"), out.stderr
    assert "undefined_name" in first, out.stderr
    assert "^" in out.stderr, out.stderr


def test_syntax_error_position(nns):
    out = nns_run(nns, "-e", "x = (1 + 2")
    assert out.returncode == 1, out
    assert out.stderr.startswith("<-e>:1:"), out.stderr


def test_runaway_recursion_is_an_error(nns):
    path = script("fn f(n) { return f(n + 1) }\nf(0)\n")
    out = nns_run(nns, path)
    assert out.returncode == 1, out
    assert "error:" in out.stderr, out.stderr


def test_runtime_error_shows_call_chain(nns):
    path = script("fn inner(x) {\n  return x + nope\n}\nfn outer(x) {\n  return inner(x)\n}\nouter(1)\n")
    out = nns_run(nns, path)
    assert out.returncode == 1, out
    assert f"{path}:2:" in out.stderr and "inner" in out.stderr and "outer" in out.stderr, out.stderr


def test_no_crash_on_binary_garbage(nns):
    out = nns_run(nns, stdin="\x00\x01\xff(((]]]{{{ 1e999999 \"unterminated\n")
    assert out.returncode == 1, out
    assert "error:" in out.stderr, out


def test_ctrl_c_stops_a_script_with_a_message(nns):
    import signal
    import time
    path = script("i = 0\nwhile true { i += 1 }\n")
    proc = subprocess.Popen([nns, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1, (proc.returncode, err)
    assert f"{path}:2:" in err and "interrupted" in err, err


def test_export_writes_a_notebook_page(nns):
    src = script('# Sigmoid\nseed(1)\nx = [1, 2, 3]\nprint(x)\n\nplot(sigmoid, from: -5, to: 5)\n')
    out_dir = folder()
    page = os.path.join(out_dir, "page.html")
    out = nns_run(nns, "--export", page, src)
    assert out.returncode == 0, out
    html = open(page, encoding="utf-8").read()
    import re
    text = re.sub(r"<[^>]+>", "", html)          # code is highlighted with spans
    assert "print(x)" in text and "data:image/png;base64," in html, html[:500]
    out = nns_run(nns, "--export", os.path.join(out_dir, "page.txt"), src)
    assert out.returncode == 2, out
    bad = script("x = 1\n\ny = x + nope\n")
    out = nns_run(nns, "--export", os.path.join(out_dir, "bad.md"), bad)
    assert out.returncode == 1 and "nope" in out.stderr, out
    assert os.path.exists(os.path.join(out_dir, "bad.md"))


def test_repl_export_replays_the_same_random_draws(nns):
    out_dir = folder()
    page = os.path.join(out_dir, "s.md")
    empty = script("")
    out = nns_run(nns, "-i", empty, stdin=f"rand()\n:export {page}\n")
    assert out.returncode == 0, out
    shown = out.stdout.splitlines()[0].strip()
    assert f"Out[1]: {shown}" in open(page, encoding="utf-8").read(), (shown, open(page).read())


def test_failed_stdout_write_is_an_error(nns):
    # A full disk (/dev/full) or a closed stdout: one message on stderr, status 1, at once.
    if not os.path.exists("/dev/full"):
        return
    for argv in (["-e", "print(1)"], ["-e", "for i in 0..100000 { print(i) }\nprint(never_reached)"],
                 ["--version"]):
        with open("/dev/full", "w") as full:
            out = subprocess.run([nns, *argv], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
        assert out.returncode == 1, (argv, out)
        assert out.stderr == "nns: cannot write to standard output: No space left on device\n", (argv, out.stderr)
    out = subprocess.run([nns, "-e", "print(1)"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert out.returncode == 1 and out.stderr.startswith("nns: cannot write to standard output: "), out


def test_closed_pipe_ends_quietly(nns):
    # `nns endless.nns | head -1`: once the reader is gone nns stops at once, status 0, no message.
    path = script('while true { print("y") }\n')
    proc = subprocess.Popen([nns, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline() == b"y\n"
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=30) == 0, (proc.returncode, err)
    assert err == b"", err


def test_results_that_would_not_fit_are_refused(nns):
    """An elementwise result, a negation or a transpose of a tensor as large as the memory left is
    an error at its line (not the end of the process); a reshape, which copies nothing, is not."""
    env = dict(os.environ, NNS_MEMORY_LIMIT="700M")
    for line in ["Y = exp(X)", "Y = sigmoid(X)", "Y = -X", "Y = X.T", "Y = X * 2"]:
        out = subprocess.run([nns, "-e", f"X = zeros(6000, 6000)\n{line}\nprint(\"after\")"],
                             capture_output=True, text=True, timeout=60, env=env)
        assert out.returncode == 1, (line, out)
        assert "<-e>:2:" in out.stderr and "needs 274 MiB of memory" in out.stderr, (line, out.stderr)
        assert "after" not in out.stdout, out
    out = subprocess.run([nns, "-e", "X = zeros(6000, 6000)\nY = reshape(X, 3000, 12000)\nprint(Y.shape)"],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0 and out.stdout.strip() == "[3000, 12000]", out
