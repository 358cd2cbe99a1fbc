"""Tensor benchmark (NumPy side): the operations of tensor.nns, each the best of `reps` runs of
the operation alone; prints "name seconds" lines."""
import ctypes
import glob
import os
import time
import numpy as np


def best(reps, f):
    b = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        f()
        b = min(b, time.perf_counter() - t)
    return b


def blas_info():
    """NumPy's bundled OpenBLAS: version, kernel set and threads, asked from the library itself."""
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*"))
    try:
        lib = ctypes.CDLL(libs[0])
        core = lib.scipy_openblas_get_corename64_
        core.restype = ctypes.c_char_p
        config = lib.scipy_openblas_get_config64_
        config.restype = ctypes.c_char_p
        threads = lib.scipy_openblas_get_num_threads64_()
        version = " ".join(config().decode().split()[:2])
        return f"{version} ({core().decode()} kernels, {threads} threads)"
    except (IndexError, OSError, AttributeError):
        return "unknown"


reps = 7
rng = np.random.default_rng(0)
print("blas", blas_info())
A, B = rng.random((1024, 1024)), rng.random((1024, 1024))
print("matmul_1024", best(reps, lambda: A @ B))
P, Q = rng.random((256, 784)), rng.random((784, 128))
print("matmul_256x784x128", best(reps * 5, lambda: P @ Q))
v = rng.random(10_000_000)
print("exp_10M", best(reps, lambda: np.exp(v)))
w = v + 0.5
print("log_10M", best(reps, lambda: np.log(w)))
X = rng.random((4096, 4096))
print("sum_axis0_4096", best(reps, lambda: np.sum(X, axis=0)))
row = rng.random(4096)
print("add_row_4096", best(reps, lambda: X + row))
