#!/usr/bin/env python3
"""End-to-end tests of the nns command: every test_*.py file beside this one, each test a function
named test_* taking the path of the nns binary. Prints 'N passed, N failed' and exits non-zero on
any failure. Standard library only (pty, subprocess), so a fresh machine needs nothing more.
Arguments name tests or files to run; -k TEXT keeps the tests whose name contains TEXT."""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "harness"))
import nnstest  # noqa: E402

nnstest.main("e2e", here)
