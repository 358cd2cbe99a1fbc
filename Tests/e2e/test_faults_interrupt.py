"""Ctrl-C (SIGINT through the pty, or to the process) during save, load, --export, a long `@`
and train: nothing half-written, the session's state kept and the prompt back. Each case is
tried at several moments, so some land in the middle of the work."""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_repl import PROMPT, Repl  # noqa: E402

NPY_BYTES = 128 + 8 * 2500 * 2500


def _interrupt(r, line, delay):
    """Types `line`, presses Ctrl-C after `delay` seconds and waits for the prompt."""
    r.type(line + "\r")
    time.sleep(delay)
    r.p.sendcontrol("c")
    r.number = int(r.p.expect(PROMPT, timeout=60).group(1))
    # A Ctrl-C that came after the cell had finished drops the empty line at the prompt and
    # shows the prompt again: take that one too before the next cell.
    time.sleep(0.3)
    while r.p._read(0.1):
        pass
    last = list(re.finditer(PROMPT, r.p.text[r.p.pos:]))
    if last:
        r.p.pos += last[-1].end()
        r.number = int(last[-1].group(1))


def test_faults_ctrl_c_save_load_matmul_train(nns):
    r = Repl(nns)
    try:
        r.cell("keep = 42; seed(1); a = rand(2500, 2500)")
        target = os.path.join(r.home, "t.npy")
        for delay in [0.05, 0.2, 0.5, 1.0]:
            _interrupt(r, 'save(a, "t.npy")', delay)
            names = sorted(os.listdir(r.home))
            assert [n for n in names if n not in ("history", "t.npy")] == [], names
            if os.path.exists(target):
                assert os.path.getsize(target) == NPY_BYTES  # complete, never a prefix
            assert r.cell("keep").strip().endswith("42")
        r.cell('save(a, "t.npy")')
        for delay in [0.02, 0.2, 0.5]:
            r.cell("b = zeros(1)")
            _interrupt(r, 'b = load("t.npy")', delay)
            # b is either still the old one or the whole tensor, equal to a.
            out = r.cell("len(b) == 1 or sum(abs(b - a)) == 0")
            assert out.strip().endswith("true"), out
        for delay in [0.1, 0.6]:
            r.cell("c = zeros(1)")
            _interrupt(r, "c = a @ a @ a", delay)
            out = r.cell("len(c) == 1 or len(c) == 2500")
            assert out.strip().endswith("true"), out
        r.cell("seed(1); net = mlp([2, 64, 1], act: tanh); d = xor()")
        _interrupt(r, "h = train(net, d.x, d.y, opt: sgd(lr: 0.01), epochs: 100000000)", 1.0)
        assert r.cell("len(net(d.x))").strip().endswith("4")
        assert r.cell("keep + 1").strip().endswith("43")
    finally:
        r.close()


def test_faults_sigint_during_export(nns):
    d = tempfile.mkdtemp(prefix="nns-int-")
    try:
        with open(os.path.join(d, "s.nns"), "w") as f:
            f.write("# Page\nseed(1)\na = rand(800, 800)\nfor i in 0..30 { b = a @ a }\nprint(sum(b))\n")
        with open(os.path.join(d, "out.html"), "w") as f:
            f.write("old")
        complete = None
        for delay in [0.1, 0.4, 0.8, 1.5, 3.0, 30.0]:
            p = subprocess.Popen([nns, "--export", "out.html", "s.nns"], cwd=d,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                p.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                p.send_signal(signal.SIGINT)
            p.communicate(timeout=120)
            text = open(os.path.join(d, "out.html")).read()
            assert text == "old" or text.rstrip().endswith("</html>"), text[-200:]
            if text != "old":
                complete = text
            assert sorted(os.listdir(d)) == ["out.html", "s.nns"], os.listdir(d)
        assert complete is not None  # the last run was not interrupted
    finally:
        shutil.rmtree(d, ignore_errors=True)
