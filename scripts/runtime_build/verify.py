"""Checks inside the runtime as built, after the corpus has run in it: the checkers come from the
unpacked wheel with their precompiled .pyc, and no standard library module was loaded from source."""

import os
import sys

SITE_CHECKERS = "/lib/python3.14/site-packages/checkers/"  # where Pyodide unpacks the wheel
STDLIB_PREFIX = "/lib/python314.zip/"


def check_runtime(site_checkers=SITE_CHECKERS, stdlib_prefix=STDLIB_PREFIX):
    """Every problem found, as sentences (none: the runtime is as built)."""
    problems = []
    for name in ("checkers", "checkers.api", "checkers.cli"):
        file = getattr(sys.modules.get(name), "__file__", "")
        if not file.startswith(site_checkers):
            problems.append(f"{name} loaded from {file!r}")
    cached = getattr(sys.modules["checkers.api"], "__cached__", None)
    if not cached or not os.path.exists(cached):
        problems.append(f"checkers.api has no precompiled .pyc ({cached!r})")
    stdlib = [n for n, m in sys.modules.items() if (getattr(m, "__file__", "") or "").startswith(stdlib_prefix)
              and not m.__file__.endswith(".pyc") and getattr(m.__spec__, "origin", None) != "frozen"]
    if stdlib:
        problems.append(f"stdlib modules loaded from source: {stdlib}")
    return problems
