"""Times `plot` to PNG for Scripts/bench/pictures: inside one nns process (first plot, then the
mean of N more) and as whole processes (median of N runs), for this nns and optionally a
baseline binary, alternating between them so both see the same machine load."""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

PLOT = 'plot(sigmoid, file: "{png}")'
IN_PROCESS = ('t = clock(); plot(sigmoid, file: "{png}"); first = clock() - t\n'
              't = clock(); for i in 0..{n} {{ plot(sigmoid, file: "{png}") }}\n'
              'print(first, (clock() - t) / {n})')


def in_process(binary, png, n):
    out = subprocess.run([binary, "-e", IN_PROCESS.format(png=png, n=n)], capture_output=True, text=True, check=True)
    first, each = (float(v) for v in out.stdout.split())
    return first, each


def process(binary, code):
    t = time.perf_counter()
    subprocess.run([binary, "-e", code], capture_output=True, check=True)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nns", required=True)
    ap.add_argument("--baseline")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    binaries = [("nns", args.nns)] + ([("baseline", args.baseline)] if args.baseline else [])
    results = {name: {"first": [], "each": [], "plot process": [], "start-up": []} for name, _ in binaries}
    with tempfile.TemporaryDirectory() as d:
        png = os.path.join(d, "p.png")
        for _ in range(args.repeat):
            for name, binary in binaries:
                first, each = in_process(binary, png, 20)
                results[name]["first"].append(first)
                results[name]["each"].append(each)
                results[name]["plot process"].append(process(binary, PLOT.format(png=png)))
                results[name]["start-up"].append(process(binary, "1"))
    print(f"{'640×400 sigmoid plot to PNG (median of ' + str(args.repeat) + ')':44s}" +
          "".join(f"{name:>12s}" for name, _ in binaries) + ("       ratio" if args.baseline else ""))
    for key, label in [("first", "first plot in a process"), ("each", "each further plot"),
                       ("plot process", "whole process: nns -e 'plot(...)'"), ("start-up", "start-up: nns -e 1")]:
        medians = [statistics.median(results[name][key]) for name, _ in binaries]
        row = f"{label:44s}" + "".join(f"{m * 1000:9.1f} ms" for m in medians)
        if args.baseline:
            row += f"{medians[0] / medians[1]:12.2f}"
        print(row)


if __name__ == "__main__":
    main()
