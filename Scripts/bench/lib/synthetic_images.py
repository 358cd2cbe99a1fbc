#!/usr/bin/env python3
"""The W3/W4 synthetic images of docs (workloads.md): each 28×28 image is the pixel-wise maximum
of 3 separable Gaussian blobs exp(−((x−cx)² + (y−cy)²)/(2s²))·amp, centres cx, cy ~ U[4, 24),
s ~ U[1.5, 3.5]; blob 0 has amp 1 and decides the label: col = min(floor((cx−4)/4), 4),
row = min(floor((cy−4)/10), 1), label = 5·row + col; blobs 1 and 2 have amp ~ U[0.3, 0.8].

Draw order (numpy.random.default_rng(seed)): for all images at once, cx (n×3), cy (n×3), s (n×3),
then amp (n×2) for blobs 1 and 2. Usage:
    python3 synthetic_images.py --out DIR [--n 60000] [--seed 0]
writes DIR/images.npy (n×784 float64), DIR/labels.npy (n, float64), DIR/onehot.npy (n×10).
"""
import argparse
import os

import numpy as np


def generate(n=60000, seed=0):
    """Returns (images n×784 float64 in [0, 1], labels n float64)."""
    g = np.random.default_rng(seed)
    cx = g.uniform(4, 24, (n, 3))
    cy = g.uniform(4, 24, (n, 3))
    s = g.uniform(1.5, 3.5, (n, 3))
    amp = np.concatenate([np.ones((n, 1)), g.uniform(0.3, 0.8, (n, 2))], axis=1)
    grid = np.arange(28, dtype=np.float64)
    images = np.zeros((n, 28, 28))
    for k in range(3):
        # separable: exp(−(x−cx)²/2s²) · exp(−(y−cy)²/2s²); rows are y, columns x
        gx = np.exp(-((grid[None, :] - cx[:, k:k + 1]) ** 2) / (2 * s[:, k:k + 1] ** 2))
        gy = np.exp(-((grid[None, :] - cy[:, k:k + 1]) ** 2) / (2 * s[:, k:k + 1] ** 2))
        blob = amp[:, k, None, None] * gy[:, :, None] * gx[:, None, :]
        np.maximum(images, blob, out=images)
    col = np.minimum(np.floor((cx[:, 0] - 4) / 4), 4)
    row = np.minimum(np.floor((cy[:, 0] - 4) / 10), 1)
    labels = 5 * row + col
    return images.reshape(n, 784), labels.astype(np.float64)


def write(out, n=60000, seed=0):
    """Writes images.npy, labels.npy and onehot.npy to `out` (skipped when already there)."""
    os.makedirs(out, exist_ok=True)
    paths = [os.path.join(out, f) for f in ("images.npy", "labels.npy", "onehot.npy")]
    if all(os.path.exists(p) for p in paths):
        return paths
    x, y = generate(n, seed)
    np.save(paths[0], x)
    np.save(paths[1], y)
    np.save(paths[2], np.eye(10)[y.astype(int)])
    return paths


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    for p in write(a.out, a.n, a.seed):
        print(p)
