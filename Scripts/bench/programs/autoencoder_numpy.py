"""W2/W3 in NumPy float64 by hand: forward, backward and Adam for a sigmoid/sigmoid mse autoencoder.
Usage: autoencoder_numpy.py w2|w3 DATA. Prints final epoch loss and loop seconds."""
import sys
import time

import numpy as np

work = sys.argv[1]
if work == "w2":
    X = np.loadtxt(sys.argv[2], delimiter=",")[:, :64] / 16
    n_code, lr, batch, epochs = 16, 0.01, 64, 100
else:
    X = np.load(sys.argv[2])
    n_code, lr, batch, epochs = 128, 1e-3, 256, 2
n, m = X.shape
rng = np.random.default_rng(0)
r = np.sqrt(6 / (m + n_code))
params = [rng.uniform(-r, r, (n_code, m)), np.zeros(n_code), rng.uniform(-r, r, (m, n_code)), np.zeros(m)]
first = [np.zeros_like(p) for p in params]
second = [np.zeros_like(p) for p in params]
b1, b2, eps = 0.9, 0.999, 1e-8


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


start = time.perf_counter()
t = 0
for epoch in range(epochs):
    perm = rng.permutation(n)
    total = 0.0
    for i in range(0, n, batch):
        xb = X[perm[i:i + batch]]
        W, b, W2, c = params
        h = sigmoid(xb @ W.T + b)
        y = sigmoid(h @ W2.T + c)
        diff = y - xb
        total += (diff ** 2).mean() * len(xb)
        d2 = 2 * diff / diff.size * y * (1 - y)
        d1 = (d2 @ W2) * h * (1 - h)
        grads = [d1.T @ xb, d1.sum(0), d2.T @ h, d2.sum(0)]
        t += 1
        for p, g, mo, v in zip(params, grads, first, second):
            mo *= b1
            mo += (1 - b1) * g
            v *= b2
            v += (1 - b2) * g * g
            p -= lr * (mo / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
elapsed = time.perf_counter() - start
print(f"{total / n:.6f} {elapsed:.4f}")
