#!/usr/bin/env python3
"""Runs W2 (digits 64-16-64, 100 epochs) and W3 (60,000×784 synthetic images, 784-128-784,
2 epochs) in nns, PyTorch float64/float32 and NumPy float64. Each program prints its final epoch
loss and its own training-loop time; this reports the median over --repeat runs, the whole-process
wall time, the ratio nns/peer and each process's peak resident memory (GNU time's maximum resident set size).
The peers take turns (nns, PyTorch f64, PyTorch f32, NumPy, then again), so a change in the
machine's load during the sitting falls on all of them alike."""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "..", "programs")


def run(cmd):
    """(final loss, loop seconds, wall seconds, peak MiB) of one run; the peak resident memory
    comes from GNU time's %M when /usr/bin/time exists (else nan)."""
    timed = os.path.exists("/usr/bin/time")
    full = (["/usr/bin/time", "-f", "%M"] if timed else []) + cmd
    start = time.perf_counter()
    proc = subprocess.run(full, capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    loss, seconds = proc.stdout.split()[-2:]
    mib = float("nan")
    if timed:
        try:
            mib = int(proc.stderr.strip().splitlines()[-1]) / 1024
        except (ValueError, IndexError):
            pass
    return float(loss), float(seconds), wall, mib


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nns", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", choices=["w2", "w3"])
    a = ap.parse_args()
    digits = os.path.join(a.root, "Sources", "NeuralKit", "Resources", "digits.csv")
    images = "/tmp/nns-bench/w3_images.npy"
    works = ["w2", "w3"] if a.only is None else [a.only]
    if "w3" in works and not os.path.exists(images):
        subprocess.run([sys.executable, os.path.join(HERE, "synthetic_images.py"), "/tmp/nns-bench/w3"], check=True)
    torch = os.path.join(PROGRAMS, "autoencoder_torch.py")
    numpy = os.path.join(PROGRAMS, "autoencoder_numpy.py")
    goals = {"w2": "goal: nns ≥ 20× faster than PyTorch f64", "w3": "goal: nns ≤ PyTorch f64, aim PyTorch f32"}
    for work in works:
        data = digits if work == "w2" else images
        peers = {
            "nns": [a.nns, os.path.join(PROGRAMS, f"autoencoder_{work}.nns")] + ([] if work == "w2" else [images]),
            "PyTorch f64": [sys.executable, torch, work, "float64", data],
            "PyTorch f32": [sys.executable, torch, work, "float32", data],
            "NumPy f64": [sys.executable, numpy, work, data],
        }
        print(f"{work.upper()} — median of {a.repeat}; loop = training loop only, process = whole run")
        print(f"{'peer':<13}{'loop':>10}{'process':>10}{'peak MiB':>10}{'final loss':>12}{'nns/peer':>10}")
        runs = {peer: [] for peer in peers}
        for _ in range(a.repeat):
            for peer, cmd in peers.items():
                runs[peer].append(run(cmd))
        rows = {peer: (statistics.median(r[1] for r in rs), statistics.median(r[2] for r in rs),
                       max(r[3] for r in rs), rs[0][0]) for peer, rs in runs.items()}
        base = rows["nns"][0]
        for peer, (loop, wall, mib, loss) in rows.items():
            print(f"{peer:<13}{loop:>9.3f}s{wall:>9.2f}s{mib:>10.0f}{loss:>12.6f}{base / loop:>10.3f}")
        t64 = rows["PyTorch f64"]
        print(f"nns is {t64[0] / base:.1f}× PyTorch f64's speed, {rows['PyTorch f32'][0] / base:.1f}× f32's, "
              f"{rows['NumPy f64'][0] / base:.1f}× NumPy's; peak memory {rows['nns'][2] / t64[2]:.2f} of PyTorch f64's "
              f"({goals[work]}; memory under 0.5)")
        if work == "w3":
            print(f"nns: {60000 * 2 / base:,.0f} samples/s in the loop")
        print()


if __name__ == "__main__":
    main()
