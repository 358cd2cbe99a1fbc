#!/usr/bin/env python3
"""Runs the tensor benchmark (W7 matrix products, exp over 10M elements, sum over axis 0 of a
4096×4096 matrix, a row added to it) in nns and in NumPy, one after the other on this machine,
and prints each time, GFLOP/s for the products and the ratio nns/NumPy (lower is better for
times). Both processes run without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE so each library picks
its own kernels; the kernels in use are printed."""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "..", "programs")
FLOPS = {"matmul_1024": 2 * 1024 ** 3, "matmul_256x784x128": 2 * 256 * 784 * 128}


def run(cmd):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=1200, env=env)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    results, info = {}, ""
    for line in out.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name == "blas":
            info = value
        elif value:
            results[name] = float(value)
    return results, info


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nns", required=True)
    a = ap.parse_args()
    nns, nns_blas = run([a.nns, os.path.join(PROGRAMS, "tensor.nns")])
    numpy, numpy_blas = run([sys.executable, os.path.join(PROGRAMS, "tensor.py")])
    print(f"BLAS — nns: {nns_blas}; NumPy: {numpy_blas}")
    print(f"{'operation':<22}{'nns':>12}{'NumPy':>12}{'nns/NumPy':>11}   GFLOP/s nns / NumPy")
    for name, t in nns.items():
        p = numpy.get(name, float("nan"))
        extra = ""
        if name in FLOPS:
            extra = f"   {FLOPS[name] / t / 1e9:7.1f} / {FLOPS[name] / p / 1e9:.1f}" \
                    f"  ({p / t:.2f}× NumPy's GFLOP/s; goal ≥ 0.95)"
        print(f"{name:<22}{t * 1000:>10.2f}ms{p * 1000:>10.2f}ms{t / p:>11.2f}{extra}")


if __name__ == "__main__":
    main()
