#!/usr/bin/env python3
"""Old nns against new on the training workloads W1–W4 (the scripts of Scripts/bench/train and
Scripts/bench/autoencoder): the two binaries take turns (old, new, then new, old, ...) so that a
change of the machine's load falls on both; the median training-loop time of --repeat runs each,
the ratio new/old and the final losses (which must be equal: a faster nns computes the same
numbers). Exits 1 when a workload is slower than --limit (new/old) or a final loss differs."""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
import train_bench  # noqa: E402  (the W1, W2, W4 scripts and the image generator)

TITLES = {
    "w1": "XOR 2-4-1, SGD, 10,000 steps",
    "w2": "digits AE 64-16-64, Adam, 100 epochs",
    "w3": "images AE 784-128-784, Adam, 2 epochs",
    "w4": "images 784-256-10, SGD m, 1 epoch",
}


def run(cmd):
    """(final loss text, loop seconds) from the program's last line: `RESULT loss secs` or `loss secs`."""
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    words = proc.stdout.split()
    return words[-2], float(words[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--old", default="/work/baseline/nns")
    ap.add_argument("--new", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", default="w1,w2,w3,w4")
    ap.add_argument("--limit", type=float, default=1.03)
    a = ap.parse_args()
    works = a.only.split(",")
    data = os.path.join(tempfile.gettempdir(), "nns-bench-data")
    os.makedirs(data, exist_ok=True)
    if "w4" in works:
        train_bench.write_images(data)
    w3_images = os.path.join(tempfile.gettempdir(), "nns-bench", "w3_images.npy")
    if "w3" in works and not os.path.exists(w3_images):
        subprocess.run([sys.executable, os.path.join(HERE, "synthetic_images.py"), w3_images[:-len("_images.npy")]],
                       check=True, stdout=subprocess.DEVNULL)
    commands = {}
    for w in works:
        if w == "w3":
            commands[w] = [os.path.join(ROOT, "Scripts", "bench", "programs", "autoencoder_w3.nns"), w3_images]
            continue
        path = os.path.join(data, f"compare_{w}.nns")
        with open(path, "w") as f:
            f.write(train_bench.NNS[w].replace("{data}", data))
        commands[w] = [path]

    times = {(w, b): [] for w in works for b in ("old", "new")}
    losses = {}
    for i in range(a.repeat):
        for w in works:
            for which in (("old", "new") if i % 2 == 0 else ("new", "old")):
                binary = a.old if which == "old" else a.new
                loss, secs = run([binary] + commands[w])
                times[(w, which)].append(secs)
                losses.setdefault((w, which), loss)

    print(f"median of {a.repeat} runs each, training loop only; old = {a.old}, new = {a.new}")
    print(f"{'work':<5}{'':<40}{'old':>9}{'new':>9}{'new/old':>9}   final loss (old | new)")
    failed = False
    for w in works:
        old, new = statistics.median(times[(w, "old")]), statistics.median(times[(w, "new")])
        same = losses[(w, "old")] == losses[(w, "new")]
        ratio = new / old
        failed |= ratio > a.limit or not same
        mark = "" if same else "   LOSSES DIFFER"
        print(f"{w.upper():<5}{TITLES[w]:<40}{old:>8.3f}s{new:>8.3f}s{ratio:>9.3f}   "
              f"{losses[(w, 'old')]} | {losses[(w, 'new')]}{mark}")
    print(f"limit new/old ≤ {a.limit}: {'exceeded' if failed else 'kept'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
