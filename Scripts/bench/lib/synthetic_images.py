#!/usr/bin/env python3
"""The synthetic images of the W3 (autoencoder) and W4 (classifier) benchmarks: 60,000 28×28 images, each the pixel-wise maximum of
3 separable Gaussian blobs exp(−((x−cx)² + (y−cy)²)/(2s²)) × amp; centres ~ U[4, 24), s ~ U[1.5, 3.5];
blob 0 has amp 1 and its centre gives the label (col = min(floor((cx−4)/4), 4),
row = min(floor((cy−4)/10), 1), label = 5 row + col); blobs 1, 2 have amp ~ U[0.3, 0.8].
Writes OUT_images.npy (60000×784 float64) and OUT_labels.npy (60000 float64).
Usage: synthetic_images.py OUT_PREFIX [--n 60000] [--seed 0]"""
import argparse
import os

import numpy as np


def make(n, seed):
    rng = np.random.default_rng(seed)
    cx = rng.uniform(4, 24, (n, 3))
    cy = rng.uniform(4, 24, (n, 3))
    s = rng.uniform(1.5, 3.5, (n, 3))
    amp = np.concatenate([np.ones((n, 1)), rng.uniform(0.3, 0.8, (n, 2))], axis=1)
    grid = np.arange(28, dtype=np.float64)
    images = np.zeros((n, 28, 28))
    chunk = 5000
    for start in range(0, n, chunk):
        sl = slice(start, min(start + chunk, n))
        # separable: exp(−(x−cx)²/2s²) · exp(−(y−cy)²/2s²), one outer product per blob
        gx = np.exp(-((grid[None, None, :] - cx[sl, :, None]) ** 2) / (2 * s[sl, :, None] ** 2))
        gy = np.exp(-((grid[None, None, :] - cy[sl, :, None]) ** 2) / (2 * s[sl, :, None] ** 2))
        blobs = amp[sl, :, None, None] * gy[:, :, :, None] * gx[:, :, None, :]
        images[sl] = blobs.max(axis=1)
    col = np.minimum(np.floor((cx[:, 0] - 4) / 4), 4)
    row = np.minimum(np.floor((cy[:, 0] - 4) / 10), 1)
    labels = 5 * row + col
    return images.reshape(n, 784), labels.astype(np.float64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=60000)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    x, y = make(a.n, a.seed)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    np.save(a.out + "_images.npy", x)
    np.save(a.out + "_labels.npy", y)
    print(f"{a.n} images, mean pixel {x.mean():.4f}, labels {np.bincount(y.astype(int), minlength=10).tolist()}")


if __name__ == "__main__":
    main()
