"""The checkers give the same answers in the browser's runtime as under CPython.

Every scenario case in tests/scenarios, and a handful of invalid inputs, runs both ways:
`python -m checkers NAME FILE` (a subprocess per case) and the self-hosted Pyodide in build/pyodide
under Node (scripts/run-in-pyodide.mjs --batch, one Pyodide for every case). Standard output,
standard error and exit status must be identical. CHECKERS_DATE is fixed for both, so the
comparison never straddles midnight.

Nothing is built here: build/pyodide must exist (`make runtime`). Its absence is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scenarios import LAWFUL_BASIS_EXAMPLE, load_cases

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "build" / "pyodide"
RUNNER = ROOT / "scripts" / "run-in-pyodide.mjs"
DATE = "2026-01-15"
NAMES = ("lawful-basis", "proportionality", "key-questions", "decision-record")

CASES = load_cases()

LAWFUL_BASIS = LAWFUL_BASIS_EXAMPLE

# (id, args, stdin text or None, files to create: {name: bytes}); FILE arguments are relative to the
# temporary directory both runners work in, so messages naming the file match.
INVALID = [
    ("not-json", ["lawful-basis"], "this is not JSON", {}),
    ("not-json-file", ["proportionality", "bad.json"], None, {"bad.json": b"{'single': 'quotes'}"}),
    ("truncated-crlf", ["key-questions"], '{"purpose":\r\n "yes",\r"identifies"', {}),
    ("empty-stdin", ["decision-record"], "", {}),
    ("unknown-field", ["lawful-basis"], json.dumps({**LAWFUL_BASIS, "colour": "red"}), {}),
    ("empty-data", ["lawful-basis"], json.dumps({**LAWFUL_BASIS, "data": []}), {}),
    ("empty-object", ["proportionality"], "{}", {}),
    ("not-an-object", ["key-questions"], "[1, 2]", {}),
    ("duplicate-key", ["lawful-basis"], '{"purpose": "safeguarding", "purpose": "other"}', {}),
    ("nan", ["lawful-basis"], '{"confidential": NaN}', {}),
    ("record-without-answers", ["decision-record"], json.dumps({"checker": "lawful-basis"}), {}),
    ("missing-file", ["lawful-basis", "missing.json"], None, {}),
    ("file-is-a-directory", ["proportionality", "."], None, {}),
    ("file-below-a-file", ["decision-record", "bad.json/input.json"], None, {}),
    ("file-not-utf8", ["key-questions", "latin1.json"], None, {"latin1.json": '{"purpose": "café"}'.encode("latin-1")}),
    ("unknown-checker", ["nope"], None, {}),
    ("no-arguments", [], None, {}),
    ("questions-unknown", ["questions", "nope"], None, {}),
    *[(f"questions-{name}", ["questions", name], None, {}) for name in NAMES],
    # issue 13's probe and the evaluation date (--on)
    ("nested-1000-deep", ["lawful-basis"], "[" * 1000 + "]" * 1000, {}),
    ("nested-objects", ["lawful-basis"], '{"a":' * 40 + "1" + "}" * 40, {}),
    ("integer-4301-digits", ["lawful-basis"], '{"organisation": ' + "7" * 4301 + "}", {}),
    ("integer-4000-digits", ["lawful-basis"], '{"organisation": ' + "7" * 4000 + "}", {}),
    ("lone-surrogate", ["decision-record"], json.dumps({"checker": "key-questions", "answers": {}, "partnership": "\udc80"}), {}),
    ("checker-a-list", ["decision-record"], json.dumps({"checker": ["lawful-basis"], "answers": {}}), {}),
    ("byte-order-mark", ["key-questions"], '\ufeff{"purpose": "no"}', {}),
    ("control-characters", ["key-questions"], '{"purpose": "\\u001b[2J", "\\u202e": 1}', {}),
    ("endless-file", ["key-questions", "/dev/zero"], None, {}),
    ("on-before-file", ["key-questions", "--on", "2026-10-01", "kq.json"], None, {"kq.json": b'{"purpose": "no"}'}),
    ("on-after-file", ["key-questions", "kq.json", "--on=2026-10-01"], None, {"kq.json": b'{"purpose": "no"}'}),
    ("on-before-2018", ["key-questions", "--on", "2018-05-24"], "{}", {}),
    ("on-not-a-date", ["key-questions", "--on=2026-02-30"], "{}", {}),
]

# The cases above that are valid: compared, and expected to succeed.
ACCEPTED = {f"questions-{name}" for name in NAMES} | {"byte-order-mark", "on-before-file", "on-after-file"}


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CHECKERS_"))}
    env.update(CHECKERS_DATE=DATE, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    return env


def _requests(tmp: Path) -> list[tuple[str, list[str], bytes | None]]:
    requests = []
    for name, case_id, case in CASES:
        file = tmp / "cases" / f"{case_id}.json"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(case["input"], ensure_ascii=False, indent=1), encoding="utf-8")
        requests.append((case_id, [name, str(file.relative_to(tmp))], None))
    for case_id, args, stdin, files in INVALID:
        for file, data in files.items():
            (tmp / file).write_bytes(data)
        requests.append((f"invalid/{case_id}", args, None if stdin is None else stdin.encode("utf-8")))
    return requests


def _cpython(tmp: Path, args: list[str], stdin: bytes | None) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "checkers", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=tmp,
        env=_env(),
        timeout=60,
    )
    return {"exit": done.returncode, "stdout": done.stdout.decode("utf-8"), "stderr": done.stderr.decode("utf-8")}


def _pyodide(tmp: Path, requests) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the Pyodide parity test runs the runtime under Node 20")
    lines = "".join(
        json.dumps({"args": args, **({} if stdin is None else {"stdin": stdin.decode("utf-8")})}) + "\n"
        for _, args, stdin in requests
    )
    done = subprocess.run(
        [node, str(RUNNER), "--runtime", str(RUNTIME), "--batch"],
        input=lines.encode("utf-8"),
        capture_output=True,
        cwd=tmp,
        env=_env(),
        timeout=120,
    )
    if done.returncode != 0:
        pytest.fail(f"run-in-pyodide.mjs --batch failed (exit {done.returncode}):\n{done.stderr.decode(errors='replace')}")
    responses = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(responses) == len(requests), "the batch runner answered a different number of requests"
    return responses


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory):
    if not (RUNTIME / "runtime.json").is_file():
        pytest.fail(
            f"{RUNTIME.relative_to(ROOT)}/runtime.json not found: build the Pyodide runtime first with `make runtime` "
            "(scripts/build_pyodide_runtime.mjs); this test compares against it and builds nothing itself"
        )
    wheel = RUNTIME / json.loads((RUNTIME / "runtime.json").read_text(encoding="utf-8"))["wheel"]
    with zipfile.ZipFile(wheel) as archive:
        stale = [
            path.name
            for path in sorted((ROOT / "checkers").glob("*.py"))
            if f"checkers/{path.name}" not in archive.namelist() or archive.read(f"checkers/{path.name}") != path.read_bytes()
        ]
    if stale:
        pytest.fail(f"build/pyodide is older than checkers/ ({', '.join(stale)} changed): rebuild it with `make runtime`")
    tmp = tmp_path_factory.mktemp("parity")
    requests = _requests(tmp)
    with ThreadPoolExecutor(max_workers=1) as node_pool, ThreadPoolExecutor(max_workers=4) as pool:
        pyodide = node_pool.submit(_pyodide, tmp, requests)
        cpython = list(pool.map(lambda request: _cpython(tmp, request[1], request[2]), requests))
        pyodide = pyodide.result()
    return {case_id: (args, c, p) for (case_id, args, _), c, p in zip(requests, cpython, pyodide)}


def _last_line(text: str) -> str:
    return text.rstrip("\n").rpartition("\n")[2]


def _compare(both_ways, case_id):
    args, cpython, pyodide = both_ways[case_id]
    assert "error" not in pyodide, pyodide.get("error")
    if cpython["exit"] == 1 and cpython["stderr"].startswith("Traceback"):
        # A crash is a bug in the checkers (tests/test_scenarios.py reports it); here it must at least
        # be the same crash: the tracebacks' file paths differ, their last line must not.
        assert (pyodide["exit"], pyodide["stdout"], _last_line(pyodide["stderr"])) == (
            1, cpython["stdout"], _last_line(cpython["stderr"])
        ), f"CPython crashed on {case_id} and Pyodide did not crash the same way:\n{cpython['stderr']}"
        return
    assert pyodide["stderr"] == cpython["stderr"], f"stderr differs for {' '.join(args)}"
    assert pyodide["exit"] == cpython["exit"], f"exit status differs for {' '.join(args)}"
    assert pyodide["stdout"] == cpython["stdout"], f"stdout differs for {' '.join(args)}"


def test_there_are_cases_for_every_checker():
    assert {name for name, _, _ in CASES} == set(NAMES)


@pytest.mark.parametrize("case_id", [case_id for _, case_id, _ in CASES])
def test_scenario_same_in_pyodide(both_ways, case_id):
    _compare(both_ways, case_id)


@pytest.mark.parametrize("case_id", [case_id for case_id, _, _, _ in INVALID])
def test_invalid_input_same_in_pyodide(both_ways, case_id):
    _compare(both_ways, f"invalid/{case_id}")
    _, cpython, _ = both_ways[f"invalid/{case_id}"]
    if case_id not in ACCEPTED:
        assert cpython["exit"] == 2 and cpython["stdout"] == "" and cpython["stderr"].count("\n") == 1
