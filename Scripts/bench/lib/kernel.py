"""Times the nns Jupyter kernel through jupyter_client (see Scripts/bench/kernel)."""
import argparse
import datetime
import json
import statistics
import subprocess
import time

from jupyter_client import KernelManager


def start(name):
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc, time.perf_counter() - t0


def cell_times(kc, code, n):
    """Round trip (client) and kernel share (reply date minus ipykernel's 'started' stamp)."""
    trips, kernel = [], []
    for i in range(n + 5):
        t0 = time.perf_counter()
        msg_id = kc.execute(code)
        while True:
            reply = kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        trip = time.perf_counter() - t0
        assert reply["content"]["status"] == "ok", reply["content"]
        started = reply["metadata"].get("started")
        if i >= 5:  # warm-up rounds left out
            trips.append(trip)
            if isinstance(started, str):
                started = datetime.datetime.fromisoformat(started.replace("Z", "+00:00"))
            if started is not None:
                kernel.append((reply["header"]["date"] - started).total_seconds())
        # Drain iopub so it never backs up.
        while True:
            try:
                kc.get_iopub_msg(timeout=0.01)
            except Exception:
                break
    return trips, kernel


def serve_times(nns, n):
    proc = subprocess.Popen([nns, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    proc.stdout.readline()
    times = []
    for i in range(n + 5):
        t0 = time.perf_counter()
        proc.stdin.write(b'{"type": "execute_request", "id": 1, "code": "1 + 1"}\n')
        proc.stdin.flush()
        while json.loads(proc.stdout.readline())["type"] != "execute_reply":
            pass
        if i >= 5:
            times.append(time.perf_counter() - t0)
    proc.stdin.close()
    proc.wait()
    return times


def ms(xs):
    return "%.2f ms" % (1000 * statistics.median(xs)) if xs else "n/a"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--nns", required=True)
    p.add_argument("--cells", type=int, default=200)
    p.add_argument("--starts", type=int, default=5)
    a = p.parse_args()
    print("%-34s %14s %14s %14s" % ("kernel", "start-up", "1 + 1 trip", "1 + 1 kernel"))
    for name, code in (("nns", "1 + 1"), ("python3", "1 + 1")):
        starts = []
        for _ in range(a.starts):
            km, kc, seconds = start(name)
            starts.append(seconds)
            kc.stop_channels()
            km.shutdown_kernel(now=False)
        km, kc, _ = start(name)
        trips, kernel = cell_times(kc, code, a.cells)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        print("%-34s %14s %14s %14s" % (name + " (median of %d / %d)" % (a.starts, a.cells), ms(starts), ms(trips), ms(kernel)))
    print("%-34s %14s %14s" % ("nns --serve alone (pipes)", "", ms(serve_times(a.nns, a.cells))))
    print("goal: `1 + 1` under 20 ms of kernel time")


if __name__ == "__main__":
    main()
