#!/usr/bin/env python3
"""Tests of nns in Jupyter with the real Jupyter libraries (jupyter_client, ipykernel, nbclient,
nbformat): every test_*.py file beside this one, each test a function named test_* taking the path
of the nns binary. The `nns` kernelspec must be installed (Scripts/test installs it with
`nns kernel install --user` into a fresh Jupyter). Prints 'N passed, N failed'; exits non-zero on
any failure."""
import importlib.util
import os
import sys
import time
import traceback

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
binary = os.environ.get("NNS_BIN") or os.path.join(here, "..", "..", ".build", "release", "nns")
only = sys.argv[1:]
passed = failed = 0
for name in sorted(os.listdir(here)):
    if not (name.startswith("test_") and name.endswith(".py")):
        continue
    spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for attr in sorted(dir(module)):
        if not (attr.startswith("test_") and callable(getattr(module, attr))):
            continue
        if only and attr not in only and name[:-3] not in only:
            continue
        started = time.monotonic()
        try:
            getattr(module, attr)(binary)
            passed += 1
            print(f"ok   {name}::{attr} ({time.monotonic() - started:.1f} s)", flush=True)
        except Exception:
            failed += 1
            print(f"FAIL {name}::{attr}", flush=True)
            traceback.print_exc()
    if hasattr(module, "teardown_module"):
        module.teardown_module()
print(f"jupyter: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
