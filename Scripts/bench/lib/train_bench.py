#!/usr/bin/env python3
"""Training benchmark: W1 (XOR 2-4-1, 10,000 full-batch SGD steps from fixed weights), W2 (digits
autoencoder 64-16-64, Adam, 100 epochs) and W4 (synthetic 28×28 images, 784-256-10 classifier,
SGD momentum, 1 epoch) in nns, PyTorch float64/float32 (2 threads) and NumPy float64, in one go.
For each: the training-loop time (measured inside each program, median of --repeat runs), the
whole-process wall time, the peak resident memory (the child's ru_maxrss) and the final loss;
then the ratios nns/peer. W1's final loss must equal the float64 peers' to 1e-9 relative."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

NNS = {
    "w1": """
net = seq(dense(2, 4, act: tanh), dense(4, 1, act: sigmoid))
net.layers[0].W = [[0.2739, 0.6265], [-0.4604, 0.8255], [-0.9181, 0.2133], [-0.9669, 0.459]]
net.layers[0].b = [0.0872, 0.8701, 0.6317, -0.9945]
net.layers[1].W = [[0.7148, -0.9328, 0.4593, -0.6487]]
net.layers[1].b = [0.7264]
d = xor()
t = clock()
h = train(net, d.x, d.y, loss: mse, opt: sgd(lr: 0.5), epochs: 10000, batch: 0)
t = clock() - t
print("RESULT", mse(net(d.x), d.y), t)
""",
    "w2": """
d = digits()
seed(0)
ae = autoencoder(64, 16, act: sigmoid, out: sigmoid)
t = clock()
h = train(ae, d.x, opt: adam(lr: 0.01), epochs: 100, batch: 64)
t = clock() - t
print("RESULT", mse(ae(d.x), d.x), t)
""",
    "w4": """
X = load("{data}/images.npy")
Y = load("{data}/labels.npy")
seed(0)
net = mlp([784, 256, 10], act: relu, out: softmax)
t = clock()
h = train(net, X, Y, loss: cross_entropy, opt: sgd(lr: 0.1, momentum: 0.9), epochs: 1, batch: 128)
t = clock() - t
print("RESULT", h.loss[0], t)
""",
}
TITLES = {
    "w1": "W1  XOR 2-4-1 tanh/sigmoid, mse, SGD lr 0.5, full batch, 10,000 steps",
    "w2": "W2  digits autoencoder 64-16-64 sigmoid, mse, Adam lr 0.01, batch 64, 100 epochs",
    "w4": "W4  60,000 synthetic 28×28 images, 784-256-10 relu/softmax, cross-entropy, SGD 0.1 m 0.9, batch 128, 1 epoch",
}
PEERS = ["nns", "torch64", "torch32", "numpy"]
LABELS = {"nns": "nns", "torch64": "PyTorch f64", "torch32": "PyTorch f32", "numpy": "NumPy f64"}


def write_images(out, n=60000, seed=0):
    """images.npy and labels.npy in `out` (kept between runs), made by the shared generator in a
    separate process so that this one stays small: a child's peak memory (ru_maxrss) starts
    from the size of the process that forked it."""
    paths = [os.path.join(out, f) for f in ("images.npy", "labels.npy")]
    if all(os.path.exists(p) for p in paths):
        return
    prefix = os.path.join(out, "w34")
    subprocess.run([sys.executable, os.path.join(HERE, "synthetic_images.py"), prefix, "--n", str(n),
                    "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    os.replace(prefix + "_images.npy", paths[0])
    os.replace(prefix + "_labels.npy", paths[1])


def run_measured(cmd):
    """Like run(), with the child's peak memory from wait4."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as o, tempfile.TemporaryFile("w+") as e:
        proc = subprocess.Popen(cmd, stdout=o, stderr=e, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        o.seek(0)
        e.seek(0)
        out, err = o.read(), e.read()
    peak = usage.ru_maxrss / 1024  # KiB → MiB
    if proc.returncode != 0:
        tail = err.strip().splitlines()[-1] if err.strip() else ""
        return f"failed ({proc.returncode}): {tail}"
    line = [l for l in out.splitlines() if l.startswith("RESULT")]
    if not line:
        return f"no RESULT line: {out[-200:]!r}"
    _, final, secs = line[-1].split()[:3]
    return float(final), float(secs), wall, peak


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nns", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="w1,w2,w4")
    ap.add_argument("--peers", default=",".join(PEERS))
    a = ap.parse_args()
    data = os.path.join(tempfile.gettempdir(), "nns-bench-data")
    os.makedirs(data, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "Sources", "NeuralKit", "Resources", "digits.csv"), data)
    works = a.only.split(",")
    if "w4" in works:
        write_images(data)
    peers = a.peers.split(",")
    scripts = {}
    for w in works:
        path = os.path.join(data, f"bench_{w}.nns")
        with open(path, "w") as f:
            f.write(NNS[w].replace("{data}", data))
        scripts[w] = path

    # W2 needs the autoencoder built-in; skip it with a message when this nns has none.
    if "w2" in works and "nns" in peers:
        probe = subprocess.run([a.nns, "-e", "autoencoder"], capture_output=True, text=True)
        if probe.returncode != 0:
            print("W2: this nns has no autoencoder built-in yet; W2 skipped for nns\n")

    for w in works:
        print(TITLES[w])
        print(f"  {'peer':<13}{'loop':>10}{'process':>10}{'peak MiB':>10}   final loss")
        results = {}
        for peer in peers:
            cmd = [a.nns, scripts[w]] if peer == "nns" else [sys.executable, os.path.join(HERE, "train_peers.py"), w, peer, data]
            runs = [run_measured(cmd) for _ in range(a.repeat)]
            ok = [r for r in runs if isinstance(r, tuple)]
            if not ok:
                print(f"  {LABELS[peer]:<13}{runs[0]}")
                continue
            loop = statistics.median(r[1] for r in ok)
            wall = statistics.median(r[2] for r in ok)
            peak = max(r[3] for r in ok)
            results[peer] = (ok[0][0], loop, wall, peak)
            print(f"  {LABELS[peer]:<13}{loop:>9.4f}s{wall:>9.3f}s{peak:>10.1f}   {ok[0][0]!r}")
        if "nns" in results:
            n = results["nns"]
            for peer in peers[1:]:
                if peer in results:
                    p = results[peer]
                    print(f"  nns/{LABELS[peer]:<13} loop {n[1] / p[1]:7.3f}   process {n[2] / p[2]:6.3f}   "
                          f"memory {n[3] / p[3]:5.2f}   (speed-up ×{p[1] / n[1]:.1f})")
            if w == "w1":
                for peer in ("torch64", "numpy"):
                    if peer in results:
                        rel = abs(n[0] - results[peer][0]) / abs(results[peer][0])
                        verdict = "ok" if rel <= 1e-9 else "MISMATCH"
                        print(f"  final loss vs {LABELS[peer]}: relative difference {rel:.2e} ({verdict}, goal ≤ 1e-9)")
        print()


if __name__ == "__main__":
    main()
