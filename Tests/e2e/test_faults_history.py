"""A damaged, unreadable or unwritable history file, and a missing or unwritable HOME: the
prompt starts, says so once, and works; a damaged file is kept aside, never thrown away."""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyexpect import Spawn  # noqa: E402
from test_repl import PROMPT  # noqa: E402


def _session(nns, env_changes, cwd):
    env = dict(os.environ, TERM="xterm", NO_COLOR="1")
    for k, v in env_changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    p = Spawn([nns], env=env, cwd=cwd)
    p.expect(PROMPT, timeout=30)
    return p


def _cells(p, lines):
    for line in lines:
        time.sleep(0.05)  # as a person types: libedit sets up the terminal first
        p.send(line + "\r")
        p.expect(PROMPT, timeout=30)
    time.sleep(0.05)
    p.sendcontrol("d")
    p.wait(timeout=30)
    return p.text


def test_faults_history_file_and_home(nns):
    d = tempfile.mkdtemp(prefix="nns-hist-")
    try:
        damaged = os.path.join(d, "damaged")
        with open(damaged, "wb") as f:
            f.write(b"\x00\xff not a history file \x89PNG\n" * 10)
        loop = os.path.join(d, "loop")
        os.symlink(loop, loop)  # a path that cannot be opened, even by root
        folder = os.path.join(d, "folder")
        os.mkdir(folder)
        cases = [
            ({"NNS_HISTORY": damaged}, "was damaged; it is kept as '" + damaged + ".damaged'"),
            ({"NNS_HISTORY": loop}, "cannot read the history file '" + loop + "'"),
            ({"NNS_HISTORY": folder}, "is a folder"),
            ({"NNS_HISTORY": None, "HOME": None}, "HOME is not set"),
            ({"NNS_HISTORY": None, "HOME": os.path.join(d, "no", "home")}, "cannot save the history"),
            ({"NNS_HISTORY": os.path.join(d, "gone", "h")}, "does not exist"),
        ]
        for env, said in cases:
            text = _cells(_session(nns, env, d), ["x = 40", "x + 2", "y = x", "y"])
            assert text.count(said) == 1, (env, said, text)
            assert text.count("nns: ") == 1, (env, text)  # one notice, nothing else
            assert "Out[2]: 42" in text and "Out[4]: 40" in text, (env, text)
        # The damaged file is kept aside as it was, and a good one was begun in its place.
        assert open(damaged + ".damaged", "rb").read().startswith(b"\x00\xff not a history")
        assert open(damaged, "rb").read().startswith(b"_HiStOrY_V2_\n")
        # The next session reads it without a word.
        text = _cells(_session(nns, {"NNS_HISTORY": damaged}, d), ["1"])
        assert "nns: " not in text, text
        assert os.path.islink(loop) and os.path.isdir(folder)
    finally:
        shutil.rmtree(d, ignore_errors=True)
