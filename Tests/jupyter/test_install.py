"""`nns kernel install` and `uninstall`: where the kernelspec goes (--user, --prefix), that
Jupyter's own tools see it, that uninstall removes it, and the messages when no usable Python is
found — nothing half-installed."""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def kernel_cmd(nns, *args, env=None):
    return subprocess.run([nns, "kernel", *args], capture_output=True, text=True, timeout=120, env=env)


def test_install_and_uninstall_with_a_prefix(nns):
    prefix = tempfile.mkdtemp(prefix="nns-prefix-")
    try:
        out = kernel_cmd(nns, "install", "--prefix", prefix)
        assert out.returncode == 0, out
        folder = os.path.join(prefix, "share", "jupyter", "kernels", "nns")
        assert ("installed the nns kernel in " + folder) in out.stdout, out.stdout
        # Jupyter does not search a prefix of its own accord (or finds another nns first): said.
        assert "\nnote: " in out.stdout, "no note on where Jupyter looks: " + out.stdout
        with open(os.path.join(folder, "kernel.json")) as f:
            spec = json.load(f)
        assert spec["argv"][-2:] == ["-f", "{connection_file}"] and spec["argv"][3] == "--python", spec
        assert os.path.samefile(spec["argv"][4], sys.executable), (spec["argv"][4], sys.executable)
        # With the prefix on JUPYTER_PATH, Jupyter's own listing finds this one.
        env = dict(os.environ, JUPYTER_PATH=os.path.join(prefix, "share", "jupyter"))
        listed = subprocess.run(["jupyter", "kernelspec", "list", "--json"], capture_output=True, text=True, env=env)
        assert json.loads(listed.stdout)["kernelspecs"]["nns"]["resource_dir"] == folder, listed.stdout
        out = kernel_cmd(nns, "uninstall", "--prefix", prefix)
        assert out.returncode == 0 and out.stdout.strip() == "removed " + folder, out
        assert not os.path.exists(folder)
        out = kernel_cmd(nns, "uninstall", "--prefix", prefix)
        assert out.returncode == 0 and out.stdout.strip() == "no nns kernelspec found", out
    finally:
        shutil.rmtree(prefix)


def test_install_and_uninstall_for_the_user(nns):
    data = tempfile.mkdtemp(prefix="nns-data-")
    env = dict(os.environ, JUPYTER_DATA_DIR=data)
    try:
        out = kernel_cmd(nns, "install", "--user", env=env)
        assert out.returncode == 0 and os.path.isfile(os.path.join(data, "kernels", "nns", "kernel.json")), out
        assert "note:" not in out.stdout, out.stdout
        out = kernel_cmd(nns, "uninstall", "--user", env=env)
        assert out.returncode == 0 and "removed " + os.path.join(data, "kernels", "nns") in out.stdout, out
        assert not os.path.exists(os.path.join(data, "kernels", "nns"))
    finally:
        shutil.rmtree(data)


def test_no_usable_python_is_a_clear_error(nns):
    prefix = tempfile.mkdtemp(prefix="nns-prefix-")
    try:
        out = kernel_cmd(nns, "install", "--prefix", prefix, "--python", "/no/such/python")
        assert out.returncode == 1 and "no Python with Jupyter's ipykernel found" in out.stderr, out
        assert "/no/such/python" in out.stderr and "pip install jupyter" in out.stderr, out.stderr
        env = {k: v for k, v in os.environ.items() if k != "NNS_KERNEL_PYTHON"}
        env["PATH"] = prefix  # no Python at all
        out = kernel_cmd(nns, "install", "--prefix", prefix, env=env)
        assert out.returncode == 1 and "no python3 on PATH" in out.stderr, out
        # A Python without Jupyter (the system's, when it has none).
        bare = "/usr/bin/python3"
        if os.path.exists(bare) and subprocess.run([bare, "-c", "import ipykernel"], capture_output=True).returncode != 0:
            out = kernel_cmd(nns, "install", "--prefix", prefix, "--python", bare)
            assert out.returncode == 1 and "ipykernel" in out.stderr, out
        assert not os.path.exists(os.path.join(prefix, "share")), "something was installed"
        out = kernel_cmd(nns, "install", "--user", "--prefix", prefix)
        assert out.returncode == 2 and "cannot be combined" in out.stderr, out
    finally:
        shutil.rmtree(prefix)
