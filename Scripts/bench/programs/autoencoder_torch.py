"""W2/W3 in PyTorch: a sigmoid/sigmoid autoencoder with mse, Adam, minibatches reshuffled each epoch.
Usage: autoencoder_torch.py w2|w3 float64|float32 [IMAGES.npy]. Prints final epoch loss and loop seconds."""
import sys
import time

import numpy as np
import torch

torch.set_num_threads(2)
work, dtype = sys.argv[1], getattr(torch, sys.argv[2])
torch.manual_seed(0)
if work == "w2":
    X = torch.tensor(np.loadtxt(sys.argv[3], delimiter=",")[:, :64] / 16, dtype=dtype)
    n_code, lr, batch, epochs = 16, 0.01, 64, 100
else:
    X = torch.tensor(np.load(sys.argv[3]), dtype=dtype)
    n_code, lr, batch, epochs = 128, 1e-3, 256, 2
n, m = X.shape
model = torch.nn.Sequential(torch.nn.Linear(m, n_code), torch.nn.Sigmoid(),
                            torch.nn.Linear(n_code, m), torch.nn.Sigmoid()).to(dtype)
opt = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
loss_fn = torch.nn.MSELoss()
start = time.perf_counter()
for epoch in range(epochs):
    perm = torch.randperm(n)
    total = 0.0
    for i in range(0, n, batch):
        xb = X[perm[i:i + batch]]
        opt.zero_grad()
        loss = loss_fn(model(xb), xb)
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
elapsed = time.perf_counter() - start
print(f"{total / n:.6f} {elapsed:.4f}")
