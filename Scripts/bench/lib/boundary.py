"""Times `boundary` for Scripts/bench/boundary: a 100×100 grid through a 2-8-8-1 network
(tanh, tanh, sigmoid) over 300 moons points, inside one nns process (mean of N calls after one
warm-up each): the batched forward pass over the 10,000 grid points alone, the picture to PNG,
to SVG, with units: true, and as text; NumPy's forward pass of the same grid for reference."""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

SETUP = '''seed(5)
net = mlp([2, 8, 8, 1], act: tanh, out: sigmoid)
d = moons(n: 300, noise: 0.1)
train(net, d.x, d.y, loss: bce, opt: adam(lr: 0.02), epochs: 200);
G = reshape(latent_grid(100, span: 1.5), 10000, 2)
fn timed(f) {{
    f()
    t = clock()
    for i in 0..{n} {{ f() }}
    return (clock() - t) / {n}
}}
'''
CASES = [
    ("forward pass of the 100×100 grid", "fn() = net(G)"),
    ("boundary to PNG (res 100)", 'fn() = boundary(net, d.x, d.y, file: "{dir}/b.png")'),
    ("boundary to SVG (res 100)", 'fn() = boundary(net, d.x, d.y, file: "{dir}/b.svg")'),
    ("boundary, units: true, to PNG", 'fn() = boundary(net, d.x, d.y, units: true, file: "{dir}/u.png")'),
    ("boundary as text (48 columns)", "fn() = str(1)"),
]
NUMPY = '''
import numpy as np, time
rng = np.random.default_rng(0)
W1, b1 = rng.uniform(-1, 1, (8, 2)), np.zeros(8)
W2, b2 = rng.uniform(-1, 1, (8, 8)), np.zeros(8)
W3, b3 = rng.uniform(-1, 1, (1, 8)), np.zeros(1)
z = np.linspace(-1.5, 1.5, 100)
G = np.stack(np.meshgrid(z, z, indexing="ij"), -1).reshape(-1, 2)
def f():
    h = np.tanh(G @ W1.T + b1); h = np.tanh(h @ W2.T + b2)
    return 1 / (1 + np.exp(-(h @ W3.T + b3)))
f(); t = time.perf_counter()
for _ in range({n}): f()
print((time.perf_counter() - t) / {n})
'''


def nns_time(binary, code, n):
    out = subprocess.run([binary, "-e", code], capture_output=True, text=True, check=True,
                         env=dict(os.environ, NO_COLOR="1"))
    return float(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nns", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--calls", type=int, default=20)
    args = ap.parse_args()
    results = {label: [] for label, _ in CASES}
    results["NumPy forward pass of the same grid"] = []
    with tempfile.TemporaryDirectory() as d:
        for _ in range(args.repeat):
            for label, body in CASES:
                if label.startswith("boundary as text"):
                    # The text picture is timed around a boundary call whose output goes to a pipe.
                    code = SETUP.format(n=args.calls) + (
                        "t = clock()\nfor i in 0..{n} {{ boundary(net, d.x, d.y) }}\n"
                        "print((clock() - t) / {n})").format(n=args.calls)
                else:
                    code = SETUP.format(n=args.calls) + f"print(timed({body.format(dir=d)}))"
                results[label].append(nns_time(args.nns, code, args.calls))
            try:
                out = subprocess.run(["python3", "-c", NUMPY.format(n=args.calls * 5)], capture_output=True,
                                     text=True, check=True)
                results["NumPy forward pass of the same grid"].append(float(out.stdout))
            except (subprocess.CalledProcessError, ValueError):
                pass
    print(f"boundary, 2-8-8-1 network, 100×100 grid (median of {args.repeat} sittings, mean of {args.calls} calls)")
    for label, values in results.items():
        if not values:
            continue
        m = statistics.median(values)
        note = ""
        if label == "boundary to PNG (res 100)":
            note = "   (target: under 50 ms)" + ("  ok" if m < 0.05 else "  MISSED")
        print(f"  {label:40s}{m * 1000:9.2f} ms{note}")


if __name__ == "__main__":
    main()
