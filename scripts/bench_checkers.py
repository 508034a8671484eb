"""Evaluations per second for each checker on CPython (a benchmark: it prints, it asserts nothing).

    python scripts/bench_checkers.py [--seconds 1.0]

Each checker is run over its scenario inputs (tests/scenarios/<name>/*.json) in a loop, including
validation, as the command line and the browser run it (checkers.api.evaluate).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkers import api  # noqa: E402


def inputs_for(name: str) -> list[dict]:
    cases = sorted((ROOT / "tests" / "scenarios" / name).glob("*.json"))
    return [json.loads(path.read_text(encoding="utf-8"))["input"] for path in cases]


def bench(name: str, inputs: list[dict], seconds: float) -> tuple[int, float]:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for payload in inputs:
            api.evaluate(name, payload)
        count += len(inputs)
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0, help="time per checker")
    args = parser.parse_args()
    print(f"CPython {platform.python_version()} on {platform.machine()}")
    print(f"{'checker':<18}{'cases':>6}{'evaluations/s':>16}{'mean per evaluation':>22}")
    for name in api.NAMES:
        inputs = inputs_for(name)
        if not inputs:
            print(f"{name:<18}{0:>6}{'no scenario inputs':>16}")
            continue
        count, elapsed = bench(name, inputs, args.seconds)
        print(f"{name:<18}{len(inputs):>6}{count / elapsed:>16,.0f}{elapsed / count * 1e6:>19.1f} µs")


if __name__ == "__main__":
    main()
