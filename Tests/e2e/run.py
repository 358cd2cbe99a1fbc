#!/usr/bin/env python3
"""End-to-end tests of the nns command: every test_*.py file beside this one, each test a function
named test_* taking the path of the nns binary. Prints 'N passed, N failed' and exits non-zero on
any failure. `-k TEXT` runs only the tests whose `file::name` contains TEXT. Standard library only (pty, subprocess), so a fresh machine needs nothing more."""
import importlib.util
import os
import sys
import traceback

here = os.path.dirname(os.path.abspath(__file__))
binary = os.environ.get("NNS_BIN") or os.path.join(here, "..", "..", ".build", "release", "nns")
pattern = sys.argv[sys.argv.index("-k") + 1] if "-k" in sys.argv[1:-1] else None
passed = failed = 0
for name in sorted(os.listdir(here)):
    if not (name.startswith("test_") and name.endswith(".py")):
        continue
    spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for attr in sorted(dir(module)):
        if pattern is not None and pattern not in f"{name}::{attr}":
            continue
        if attr.startswith("test_") and callable(getattr(module, attr)):
            try:
                getattr(module, attr)(binary)
                passed += 1
                print(f"ok   {name}::{attr}")
            except Exception:
                failed += 1
                print(f"FAIL {name}::{attr}")
                traceback.print_exc()
print(f"e2e: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
