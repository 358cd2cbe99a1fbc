#!/usr/bin/env python3
"""nns beside PyTorch and onnxruntime on trained networks: each network is trained in nns, saved as
.safetensors and .onnx, loaded into PyTorch with the code of docs/interop.md and into
onnxruntime, and the predictions compared with nns's; then a network trained in PyTorch is brought
into nns. Prints the largest absolute difference of each comparison. Run by Scripts/interop/check."""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import torch
from safetensors.torch import save_file

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "Tests", "interop"))
from docs_code import definitions  # noqa: E402  (the guide's own code)

binary = os.environ.get("NNS_BIN") or os.path.join(here, "..", "..", ".build", "release", "nns")
load_nns_network = definitions("load_nns_network")["load_nns_network"]
onnx_predict = definitions("onnx_predict")["onnx_predict"]
ACTS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "gelu", "swish", "softmax", "step"]
work = tempfile.mkdtemp(prefix="nns-interop-check-")
atexit.register(shutil.rmtree, work, ignore_errors=True)


def run_nns(source):
    path = os.path.join(work, "script.nns")
    with open(path, "w") as f:
        f.write(source)
    out = subprocess.run([binary, path], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"nns failed:\n{out.stderr}")
    return out.stdout


def largest(a, b):
    return float(np.max(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))))


def torch_predict(path, X):
    net = load_nns_network(path)
    dtype = next(net.parameters()).dtype
    with torch.no_grad():
        return net(torch.tensor(X, dtype=dtype)).numpy()


rows = []


def compare(name, stem, X, onnx_ok=True):
    """nns's predictions (stem.npy) against PyTorch's from stem.safetensors and onnxruntime's from stem.onnx."""
    y = np.load(f"{work}/{stem}.npy")
    vs_torch = largest(torch_predict(f"{work}/{stem}.safetensors", X), y)
    vs_ort = largest(onnx_predict(f"{work}/{stem}.onnx", X), y) if onnx_ok else None
    rows.append((name, vs_torch, vs_ort))


# 1. Networks trained in nns.
np.save(f"{work}/grid.npy", np.random.default_rng(0).uniform(-1, 2, (1000, 2)))
np.save(f"{work}/random5.npy", np.random.default_rng(1).standard_normal((1000, 5)) * 2)
script = f"""
seed(1)
data = xor()
xor_net = mlp([2, 4, 1], act: tanh, out: sigmoid)
train(xor_net, data.x, data.y, opt: sgd(lr: 0.5), epochs: 5000)
save(xor_net, "{work}/xor.safetensors"); save(xor_net, "{work}/xor.onnx")
save(xor_net(load("{work}/grid.npy")), "{work}/xor.npy")

d = digits()
save(d.x, "{work}/digits_x.npy"); save(d.y, "{work}/digits_y.npy")
clf = mlp([64, 32, 10], act: relu, out: softmax)
h = train(clf, d.x, d.onehot, loss: cross_entropy, opt: adam(lr: 0.01), epochs: 20, batch: 64)
save(clf, "{work}/digits.safetensors"); save(clf, "{work}/digits.onnx")
save(clf(d.x), "{work}/digits.npy")
print("nns digits accuracy", mean(argmax(clf(d.x), axis: 1) == d.y))

X = randn(200, 5)
Y = rand(200, 3)
R = load("{work}/random5.npy")
for act in {json.dumps(ACTS)} {{
    net = mlp([5, 8, 6, 3], act: act, out: act)
    train(net, X, Y, opt: adam(lr: 0.01), epochs: 50)
    save(net, "{work}/" + act + "32.safetensors", dtype: "f32")
    save(net, "{work}/" + act + "32.onnx", dtype: "f32")
    save(net, "{work}/" + act + ".safetensors")
    if act != "gelu" {{ save(net, "{work}/" + act + ".onnx") }}
    save(net(R), "{work}/" + act + "32.npy")
    save(net(R), "{work}/" + act + ".npy")
}}
"""
print(run_nns(script), end="")
grid = np.load(f"{work}/grid.npy")
digits_x = np.load(f"{work}/digits_x.npy")
random5 = np.load(f"{work}/random5.npy")
compare("xor 2-4-1 tanh/sigmoid, f64, 1000 points", "xor", grid)
compare("digits 64-32-10 relu/softmax, f64, 1797 images", "digits", digits_x)
for act in ACTS:
    compare(f"5-8-6-3 {act}/{act}, f64", act, random5, onnx_ok=act != "gelu")
for act in ACTS:
    compare(f"5-8-6-3 {act}/{act}, f32", f"{act}32", random5)

# 2. A network trained in PyTorch, brought into nns.
torch.manual_seed(0)
labels = np.load(f"{work}/digits_y.npy").astype(np.int64)
model = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 16), torch.nn.ReLU(),
                            torch.nn.Linear(16, 10), torch.nn.Softmax(dim=-1))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
xt, yt = torch.tensor(digits_x, dtype=torch.float32), torch.tensor(labels)
for _ in range(200):
    opt.zero_grad()
    loss = torch.nn.functional.nll_loss(torch.log(model(xt)), yt)
    loss.backward()
    opt.step()
save_file(model.state_dict(), f"{work}/torch.safetensors")
with torch.no_grad():
    y32 = model(xt).numpy()
    y64 = model.double()(torch.tensor(digits_x)).numpy()
print(run_nns(f"""
net = load("{work}/torch.safetensors", act: relu, out: softmax)
y = net(load("{work}/digits_x.npy"))
save(y, "{work}/from_torch.npy")
print("PyTorch-trained net in nns:", str(len(net.layers)) + " layers (" + str(net.layers[0].act) + ", " +
      str(net.layers[1].act) + ", " + str(net.layers[2].act) + "), accuracy", mean(argmax(y, axis: 1) == load("{work}/digits_y.npy")))
"""), end="")
from_torch = np.load(f"{work}/from_torch.npy")
print(f"PyTorch's own accuracy: {np.mean(y32.argmax(axis=1) == labels)}; "
      f"argmax agrees with nns on {int(np.sum(y32.argmax(axis=1) == from_torch.argmax(axis=1)))} of {len(labels)}")

print()
print(f"{'network (nns-trained unless said)':<48} {'vs PyTorch':>12} {'vs onnxruntime':>15}")
for name, t, o in rows:
    print(f"{name:<48} {t:>12.3g} {('not run (no DOUBLE Erf)' if o is None else format(o, '.3g')):>15}")
print(f"{'PyTorch-trained 64-32-16-10 vs torch float32':<48} {largest(from_torch, y32):>12.3g} {'':>15}")
print(f"{'PyTorch-trained 64-32-16-10 vs torch float64':<48} {largest(from_torch, y64):>12.3g} {'':>15}")
worst64 = max(max(t, o or 0) for name, t, o in rows if "f64" in name)
worst32 = max(max(t, o or 0) for name, t, o in rows if "f32" in name)
print(f"largest difference in float64: {worst64:.3g}; in float32: {worst32:.3g}; "
      f"PyTorch-trained (float64 PyTorch): {largest(from_torch, y64):.3g}")
