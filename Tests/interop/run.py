#!/usr/bin/env python3
"""Interop tests of nns with the real libraries of the tools students move on to: every test_*.py
file beside this one, each test a function named test_* taking the path of the nns binary.
Needs numpy, safetensors, onnx and onnxruntime (Scripts/test installs them with pip when
missing; never torch). Prints 'N passed, N failed' and exits non-zero on any failure."""
import importlib.util
import os
import sys
import traceback

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
binary = os.environ.get("NNS_BIN") or os.path.join(here, "..", "..", ".build", "release", "nns")
passed = failed = 0
for name in sorted(os.listdir(here)):
    if not (name.startswith("test_") and name.endswith(".py")):
        continue
    spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for attr in sorted(dir(module)):
        if attr.startswith("test_") and callable(getattr(module, attr)):
            try:
                getattr(module, attr)(binary)
                passed += 1
                print(f"ok   {name}::{attr}")
            except Exception:
                failed += 1
                print(f"FAIL {name}::{attr}")
                traceback.print_exc()
print(f"interop: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
