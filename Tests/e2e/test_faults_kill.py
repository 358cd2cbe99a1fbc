"""kill -9 at random moments while nns saves a large tensor (.npy) and a large model (.nnm,
.safetensors): afterwards the target holds either the old file or the complete new one,
byte-identical to a reference and loadable, and nothing else is left in the folder.
NNS_FAULT_RUNS sets the kills per format (default 17, so about 50 in all)."""
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time

RUNS = int(os.environ.get("NNS_FAULT_RUNS", "17"))

CASES = [
    # (target, code that makes the value, how to save it)
    ("t.npy", "seed(1); v = rand(1500, 1500)"),
    ("m.nnm", "seed(1); v = mlp([784, 900, 900, 10])"),
    ("m.safetensors", "seed(1); v = mlp([784, 900, 900, 10])"),
]


def _run(nns, code, cwd, timeout=120):
    return subprocess.run([nns, "-e", code], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _timed(nns, code, cwd):
    start = time.monotonic()
    out = _run(nns, code, cwd)
    assert out.returncode == 0, out.stderr
    return time.monotonic() - start


def _kill_during_saves(nns, target, make, report):
    root = tempfile.mkdtemp(prefix="nns-kill-")
    try:
        ref_dir = os.path.join(root, "ref")
        work = os.path.join(root, "work")
        os.mkdir(ref_dir)
        os.mkdir(work)
        save = f'{make}; save(v, "{target}")'
        # The reference bytes, and the time the run takes without and with the save.
        _timed(nns, save, ref_dir)
        reference = open(os.path.join(ref_dir, target), "rb").read()
        before = _timed(nns, make, ref_dir)
        whole = _timed(nns, save, ref_dir)
        old_code = f'seed(2); save({"rand(3, 3)" if target.endswith(".npy") else "mlp([2, 2])"}, "{target}")'
        assert _run(nns, old_code, work).returncode == 0
        old = open(os.path.join(work, target), "rb").read()
        rng = random.Random(15)
        seen = {"old": 0, "new": 0, "window": 0}
        for i in range(RUNS):
            if open(os.path.join(work, target), "rb").read() != old:
                assert _run(nns, old_code, work).returncode == 0  # start again from the old file
            p = subprocess.Popen([nns, "-e", save], cwd=work, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            # Most kills land in the save itself: between the end of the making and the end.
            time.sleep(rng.uniform(before * 0.8, whole * 1.1))
            p.send_signal(signal.SIGKILL)
            p.wait()
            data = open(os.path.join(work, target), "rb").read()
            assert data in (old, reference), f"run {i}: {target} is neither the old nor the new file ({len(data)} bytes)"
            seen["new" if data == reference else "old"] += 1
            debris = sorted(set(os.listdir(work)) - {target})
            if debris:
                # Only a kill between the link and the rename can leave a name, of the named
                # pattern; the next save must clear it.
                assert all(d.startswith(f".{target}.tmp-") for d in debris), debris
                seen["window"] += 1
                assert _run(nns, save, work).returncode == 0
                assert sorted(os.listdir(work)) == [target], os.listdir(work)
        # The last file loads and is the reference once saved again.
        assert _run(nns, save, work).returncode == 0
        assert open(os.path.join(work, target), "rb").read() == reference
        check = _run(nns, f'w = load("{target}"); 1', work)
        assert check.returncode == 0, check.stderr
        report.append(f"{target}: {RUNS} kills, old {seen['old']}, new {seen['new']}, "
                      f"named temporary left and cleared {seen['window']}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_faults_kill_during_save(nns):
    report = []
    for target, make in CASES:
        _kill_during_saves(nns, target, make, report)
    for line in report:
        print("     " + line)
