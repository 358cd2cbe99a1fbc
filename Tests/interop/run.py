#!/usr/bin/env python3
"""Interop tests of nns with the real libraries of the tools students move on to: every test_*.py
file beside this one, each test a function named test_* taking the path of the nns binary.
Needs numpy, safetensors, onnx and onnxruntime (Scripts/test installs them with pip when
missing; never torch). Prints 'N passed, N failed' and exits non-zero on any failure."""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "harness"))
import nnstest  # noqa: E402

nnstest.main("interop", here)
