#!/usr/bin/env python3
"""Runs W5 (fib(27), a 3M-step scalar loop, the perceptron rule by hand) and W6 (start-up) in nns,
CPython and Lua 5.4. Each program prints its result and its own loop time; the median over
--repeat runs is reported, together with whole-process wall time."""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "..", "programs")


def run(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    result, seconds = out.stdout.split()[-2:]
    return result, float(seconds), wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nns", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    peers = {"nns": [a.nns], "CPython": [sys.executable], "Lua 5.4": ["lua5.4"]}
    ext = {"nns": ".nns", "CPython": ".py", "Lua 5.4": ".lua"}
    print(f"W5 — interpreter loops (median of {a.repeat}; loop time measured inside each program)")
    print(f"{'program':<12}{'nns':>10}{'CPython':>10}{'Lua 5.4':>10}{'nns/CPython':>13}{'nns/Lua':>9}   nns result")
    worst = 0.0
    for name in ["fib", "loop", "perceptron"]:
        times = {}
        results = {}
        for peer, cmd in peers.items():
            path = os.path.join(PROGRAMS, name + ext[peer])
            runs = [run(cmd + [path]) for _ in range(a.repeat)]
            times[peer] = statistics.median(r[1] for r in runs)
            results[peer] = runs[0][0]
        r_py = times["nns"] / times["CPython"]
        r_lua = times["nns"] / times["Lua 5.4"]
        worst = max(worst, r_py)
        print(f"{name:<12}{times['nns']:>9.4f}s{times['CPython']:>9.4f}s{times['Lua 5.4']:>9.4f}s"
              f"{r_py:>13.2f}{r_lua:>9.2f}   {results['nns']} (CPython {results['CPython']})")
    print(f"worst nns/CPython ratio: {worst:.2f} (goal ≤ 1.0, aim 0.5)")

    print()
    print(f"W6 — start-up, whole process (median of {a.repeat * 4})")
    starts = {"nns -e 1": [a.nns, "-e", "1"], "python3 -c 1": [sys.executable, "-c", "1"],
              "lua5.4 -e ''": ["lua5.4", "-e", ""]}
    med = {}
    for label, cmd in starts.items():
        samples = []
        for _ in range(a.repeat * 4):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, timeout=60)
            samples.append(time.perf_counter() - t)
        med[label] = statistics.median(samples)
    for label, t in med.items():
        print(f"{label:<16}{t * 1000:>8.1f} ms")
    print(f"nns/CPython start-up ratio: {med['nns -e 1'] / med['python3 -c 1']:.2f} (goal ≤ 1.0)")


if __name__ == "__main__":
    main()
