#!/usr/bin/env python3
"""Tests of nns in Jupyter with the real Jupyter libraries (jupyter_client, ipykernel, nbclient,
nbformat): every test_*.py file beside this one, each test a function named test_* taking the path
of the nns binary. The `nns` kernelspec must be installed (Scripts/test installs it with
`nns kernel install --user` into a fresh Jupyter). Prints 'N passed, N failed'; exits non-zero on
any failure."""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "harness"))
import nnstest  # noqa: E402

nnstest.main("jupyter", here)
