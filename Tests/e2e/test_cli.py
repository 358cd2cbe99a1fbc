"""The nns command line: exit codes and -e."""
import subprocess


def test_version(nns):
    out = subprocess.run([nns, "--version"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out
