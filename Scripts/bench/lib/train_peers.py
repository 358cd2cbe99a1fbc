#!/usr/bin/env python3
"""The peers of the training benchmark: W1 (XOR 2-4-1, SGD), W2 (digits autoencoder 64-16-64, Adam) and W4 (784-256-10 classifier
of the synthetic images, SGD with momentum) in PyTorch (float64 or
float32, 2 threads) and in hand-written NumPy float64. Usage:
    python3 train_peers.py WORKLOAD PEER DATA_DIR      (WORKLOAD w1|w2|w4, PEER torch64|torch32|numpy)
Prints `RESULT <final loss> <training-loop seconds>` as its last line; the loop time excludes
imports and data preparation."""
import os
import sys
import time

import numpy as np

W1 = {  # the fixed start weights, written (in, out): transposed from the lecture's (out, in)
    "W1": [[0.2739, -0.4604, -0.9181, -0.9669], [0.6265, 0.8255, 0.2133, 0.459]],
    "b1": [0.0872, 0.8701, 0.6317, -0.9945],
    "W2": [[0.7148], [-0.9328], [0.4593], [-0.6487]],
    "b2": [0.7264],
}
XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]]
XOR_Y = [[0], [1], [1], [0]]


def load(data, name):
    return np.load(os.path.join(data, name))


def digits(data):
    raw = np.loadtxt(os.path.join(data, "digits.csv"), delimiter=",")
    return raw[:, :64] / 16


# --- PyTorch -------------------------------------------------------------------------------

def torch_run(work, dtype_name, data):
    import torch
    torch.set_num_threads(2)
    dt = torch.float64 if dtype_name == "torch64" else torch.float32
    torch.manual_seed(0)
    if work == "w1":
        X = torch.tensor(XOR_X, dtype=dt)
        Y = torch.tensor(XOR_Y, dtype=dt)
        params = [torch.tensor(W1[k], dtype=dt, requires_grad=True) for k in ("W1", "b1", "W2", "b2")]
        opt = torch.optim.SGD(params, lr=0.5)
        W1t, b1, W2t, b2 = params
        t = time.perf_counter()
        for _ in range(10000):
            opt.zero_grad()
            p = torch.sigmoid(torch.tanh(X @ W1t + b1) @ W2t + b2)
            loss = ((p - Y) ** 2).mean()
            loss.backward()
            opt.step()
        t = time.perf_counter() - t
        with torch.no_grad():
            final = float(((torch.sigmoid(torch.tanh(X @ W1t + b1) @ W2t + b2) - Y) ** 2).mean())
        return final, t
    if work == "w2":
        X = torch.tensor(digits(data), dtype=dt)
        model = torch.nn.Sequential(torch.nn.Linear(64, 16), torch.nn.Sigmoid(),
                                    torch.nn.Linear(16, 64), torch.nn.Sigmoid()).to(dt)
        opt = torch.optim.Adam(model.parameters(), lr=0.01)
        n = X.shape[0]
        t = time.perf_counter()
        for _ in range(100):
            perm = torch.randperm(n)
            for s in range(0, n, 64):
                xb = X[perm[s:s + 64]]
                opt.zero_grad()
                loss = ((model(xb) - xb) ** 2).mean()
                loss.backward()
                opt.step()
        t = time.perf_counter() - t
        with torch.no_grad():
            final = float(((model(X) - X) ** 2).mean())
        return final, t
    if work == "w4":
        X = torch.tensor(load(data, "images.npy"), dtype=dt)
        y = torch.tensor(load(data, "labels.npy")).long()
        model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).to(dt)
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        n = X.shape[0]
        t = time.perf_counter()
        perm = torch.randperm(n)
        total = 0.0
        for s in range(0, n, 128):
            idx = perm[s:s + 128]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(X[idx]), y[idx])
            loss.backward()
            opt.step()
            total += float(loss) * len(idx)
        t = time.perf_counter() - t
        return total / n, t
    raise SystemExit(f"unknown workload {work}")


# --- NumPy ---------------------------------------------------------------------------------

def sigmoid(u):
    return 1 / (1 + np.exp(-u))


def numpy_run(work, data):
    if work == "w1":
        X = np.array(XOR_X, float)
        Y = np.array(XOR_Y, float)
        W1t, b1, W2t, b2 = (np.array(W1[k], float) for k in ("W1", "b1", "W2", "b2"))
        t = time.perf_counter()
        for _ in range(10000):
            h = np.tanh(X @ W1t + b1)
            p = sigmoid(h @ W2t + b2)
            d2 = 2 * (p - Y) / Y.size * p * (1 - p)
            d1 = (d2 @ W2t.T) * (1 - h * h)
            W2t -= 0.5 * h.T @ d2
            b2 -= 0.5 * d2.sum(0)
            W1t -= 0.5 * X.T @ d1
            b1 -= 0.5 * d1.sum(0)
        t = time.perf_counter() - t
        final = float(((sigmoid(np.tanh(X @ W1t + b1) @ W2t + b2) - Y) ** 2).mean())
        return final, t
    if work == "w2":
        X = digits(data)
        g = np.random.default_rng(0)
        r = np.sqrt(6 / 80)
        P = [g.uniform(-r, r, (64, 16)), np.zeros(16), g.uniform(-r, r, (16, 64)), np.zeros(64)]
        M = [np.zeros_like(p) for p in P]
        V = [np.zeros_like(p) for p in P]
        n, step = X.shape[0], 0
        t = time.perf_counter()
        for _ in range(100):
            perm = g.permutation(n)
            for s in range(0, n, 64):
                xb = X[perm[s:s + 64]]
                h = sigmoid(xb @ P[0] + P[1])
                y = sigmoid(h @ P[2] + P[3])
                d2 = 2 * (y - xb) / xb.size * y * (1 - y)
                d1 = (d2 @ P[2].T) * h * (1 - h)
                G = [xb.T @ d1, d1.sum(0), h.T @ d2, d2.sum(0)]
                step += 1
                for k in range(4):
                    M[k] = 0.9 * M[k] + 0.1 * G[k]
                    V[k] = 0.999 * V[k] + 0.001 * G[k] ** 2
                    P[k] -= 0.01 / (1 - 0.9 ** step) * M[k] / (np.sqrt(V[k]) / np.sqrt(1 - 0.999 ** step) + 1e-8)
        t = time.perf_counter() - t
        final = float(((sigmoid(sigmoid(X @ P[0] + P[1]) @ P[2] + P[3]) - X) ** 2).mean())
        return final, t
    if work == "w4":
        X = load(data, "images.npy")
        T = np.eye(10)[load(data, "labels.npy").astype(int)]
        g = np.random.default_rng(0)
        P = [g.uniform(-1, 1, (784, 256)) * np.sqrt(6 / 784), np.zeros(256),
             g.uniform(-1, 1, (256, 10)) * np.sqrt(6 / 266), np.zeros(10)]
        B = [np.zeros_like(p) for p in P]
        n = X.shape[0]
        t = time.perf_counter()
        perm = g.permutation(n)
        total = 0.0
        for s in range(0, n, 128):
            idx = perm[s:s + 128]
            xb, tb = X[idx], T[idx]
            z1 = xb @ P[0] + P[1]
            h = np.maximum(z1, 0)
            z2 = h @ P[2] + P[3]
            e = np.exp(z2 - z2.max(1, keepdims=True))
            p = e / e.sum(1, keepdims=True)
            total += -np.sum(tb * np.log(np.maximum(p, 1e-300)))
            d2 = (p - tb) / len(idx)
            d1 = (d2 @ P[2].T) * (z1 > 0)
            G = [xb.T @ d1, d1.sum(0), h.T @ d2, d2.sum(0)]
            for k in range(4):
                B[k] = 0.9 * B[k] + G[k]
                P[k] -= 0.1 * B[k]
        t = time.perf_counter() - t
        return float(total) / n, t
    raise SystemExit(f"unknown workload {work}")


def main():
    work, peer, data = sys.argv[1:4]
    if peer == "numpy":
        final, t = numpy_run(work, data)
    else:
        final, t = torch_run(work, peer, data)
    print(f"RESULT {final!r} {t!r}")


if __name__ == "__main__":
    main()
