"""A file-size limit (ulimit -f) and a full disk (a small tmpfs, where mounting is permitted)
during save, --export and the history file: a clear message, exit status 1 (not SIGXFSZ's 153),
the old file untouched, no temporary left, and at the prompt the session goes on."""
import os
import resource
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_repl import Repl  # noqa: E402


def _limit(nbytes):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))


def _nns(nns, argv, cwd, limit=None, stdin=None):
    return subprocess.run([nns, *argv], cwd=cwd, capture_output=True, text=True, timeout=120,
                          preexec_fn=_limit(limit) if limit else None, input=stdin)


def test_faults_file_size_limit_save(nns):
    d = tempfile.mkdtemp(prefix="nns-fsize-")
    try:
        # The case: 2000×2000 doubles (32 MB) under ulimit -f 1000 (1000 KiB).
        out = _nns(nns, ["-e", 'save(rand(2000, 2000), "x.npy")'], d, limit=1000 * 1024)
        assert out.returncode == 1, (out.returncode, out.stderr)
        assert "save: cannot write 'x.npy' (it passes the file-size limit set by ulimit -f)" in out.stderr, out.stderr
        assert os.listdir(d) == [], os.listdir(d)
        # Over an existing file: the old one stays, byte for byte, for each format.
        for target, small, big in [("a.npy", "rand(2, 2)", "rand(2000, 2000)"),
                                   ("m.nnm", "mlp([2, 2])", "mlp([784, 1000, 10])"),
                                   ("m.safetensors", "mlp([2, 2])", "mlp([784, 1000, 10])"),
                                   ("m.onnx", "mlp([2, 2])", "mlp([784, 1000, 10])"),
                                   ("c.csv", "rand(2, 2)", "rand(2000, 200)")]:
            code = "save_csv" if target.endswith(".csv") else "save"
            assert _nns(nns, ["-e", f'{code}({small}, "{target}")'], d).returncode == 0
            old = open(os.path.join(d, target), "rb").read()
            out = _nns(nns, ["-e", f'{code}({big}, "{target}")'], d, limit=200 * 1024)
            assert out.returncode == 1 and "ulimit -f" in out.stderr, (target, out.returncode, out.stderr)
            assert open(os.path.join(d, target), "rb").read() == old, target
        assert sorted(os.listdir(d)) == ["a.npy", "c.csv", "m.nnm", "m.onnx", "m.safetensors"], os.listdir(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_faults_file_size_limit_export(nns):
    d = tempfile.mkdtemp(prefix="nns-fsize-")
    try:
        with open(os.path.join(d, "s.nns"), "w") as f:
            f.write("# A long page\nfor i in 0..3000 { print(i * 1000000) }\n")
        for out_name in ["out.html", "out.md", "out.ipynb"]:
            with open(os.path.join(d, out_name), "w") as f:
                f.write("old")
            out = _nns(nns, ["--export", out_name, "s.nns"], d, limit=8 * 1024)
            assert out.returncode == 1 and "ulimit -f" in out.stderr, (out_name, out.returncode, out.stderr)
            assert open(os.path.join(d, out_name)).read() == "old", out_name
        assert sorted(os.listdir(d)) == ["out.html", "out.ipynb", "out.md", "s.nns"], os.listdir(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def test_faults_file_size_limit_history_and_prompt(nns):
    """At the prompt: a failed save is an error and the next cells work; a history file past the
    limit is said once and the previous complete file stays."""
    r = Repl(nns)
    try:
        resource.prlimit(r.p.pid, resource.RLIMIT_FSIZE, (600, 600))
        out = r.cell("x = 7")
        out = r.cell('save(rand(100, 100), "big.npy")')
        assert "cannot write 'big.npy' (it passes the file-size limit set by ulimit -f)" in out, out
        assert r.cell("x + 1").strip().endswith("8")
        told = 0
        for i in range(40):
            out = r.cell(f"y{i} = {i} + 1000000000")
            told += out.count("cannot save the history")
        assert told == 1, r.p.text[-2000:]
        assert "kept in memory" in r.p.text
        assert r.cell("y39").strip().endswith("1000000039")
        history = open(os.path.join(r.home, "history"), "rb").read()
        assert history.startswith(b"_HiStOrY_V2_\n") and history.endswith(b"\n") and len(history) <= 600
        assert sorted(os.listdir(r.home)) == ["history"], os.listdir(r.home)
    finally:
        r.close()


def test_faults_full_disk_tmpfs(nns):
    mount = tempfile.mkdtemp(prefix="nns-tmpfs-")
    try:
        made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount],
                              capture_output=True, text=True)
        if made.returncode != 0:
            print(f"     tmpfs not mountable here ({made.stderr.strip()}): the full-disk case is skipped")
            return
        try:
            for target, small, big in [("a.npy", "rand(2, 2)", "rand(2000, 2000)"),
                                       ("m.nnm", "mlp([2, 2])", "mlp([784, 1000, 10])")]:
                assert _nns(nns, ["-e", f'save({small}, "{target}")'], mount).returncode == 0
                old = open(os.path.join(mount, target), "rb").read()
                free = os.statvfs(mount).f_bfree
                out = _nns(nns, ["-e", f'save({big}, "{target}")'], mount)
                assert out.returncode == 1 and f"{target}" in out.stderr and "(the disk is full)" in out.stderr, out.stderr
                assert open(os.path.join(mount, target), "rb").read() == old
                assert os.statvfs(mount).f_bfree == free  # the unnamed temporary is gone with it
            assert sorted(os.listdir(mount)) == ["a.npy", "m.nnm"], os.listdir(mount)
            with open(os.path.join(mount, "s.nns"), "w") as f:
                f.write("for i in 0..100000 { print(i * 1000000) }\n")
            out = _nns(nns, ["--export", "out.html", "s.nns"], mount)
            assert out.returncode == 1 and "the disk is full" in out.stderr, out.stderr
            assert sorted(os.listdir(mount)) == ["a.npy", "m.nnm", "s.nns"], os.listdir(mount)
        finally:
            subprocess.run(["umount", mount], capture_output=True)
    finally:
        shutil.rmtree(mount, ignore_errors=True)
