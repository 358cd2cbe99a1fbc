"""Running nns scripts from the interop tests: each script gets a fresh folder for its files."""
import os
import subprocess
import tempfile

_root = tempfile.TemporaryDirectory(prefix="nns-interop-")


def folder():
    """A new empty folder, removed when the tests end."""
    return tempfile.mkdtemp(dir=_root.name)


def nns(binary, source, expect_error=False, timeout=120):
    """Runs `source` as a script file; gives the completed process. Fails unless it exits 0
    (or, with expect_error, exits 1 with an error message — never a crash)."""
    fd, path = tempfile.mkstemp(suffix=".nns", dir=_root.name)
    with os.fdopen(fd, "w") as f:
        f.write(source)
    out = subprocess.run([binary, path], capture_output=True, text=True, timeout=timeout)
    if expect_error:
        assert out.returncode == 1 and ": error: " in out.stderr, (out.returncode, out.stdout, out.stderr)
    else:
        assert out.returncode == 0, (out.returncode, out.stdout, out.stderr)
    return out
