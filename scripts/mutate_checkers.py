"""Mutation testing of the checkers: does a small change to a rule make a test fail?

Each mutant is one small change to checkers/*.py of the kinds a reviewer makes by hand: a flipped or
shifted comparison, `and` for `or`, a removed `not`, True for False, one outcome or status swapped
for another, an element dropped from a list or tuple (a rule, a reference, a choice), a dropped
`x.append(...)` (an action, a warning, a judgement), `in` for `not in`, a number one higher or lower
(a day of a commencement date). The script lists every site, samples `--count` of them with
`--seed`, and runs each against the same tests as `make test-checkers`, in a temporary copy of the
repository (the working tree is never edited). It prints the share of mutants caught (some test
failed, or the tests could not even load the changed module, or they ran past `--timeout`) and every
survivor with its file, line, and the line before and after the change.

A survivor is either a rule that no test pins (write the scenario) or a change that makes no
difference (an equivalent mutant: say why and move on). A report, not a test: it exits 0 whatever
the share (1 only when the unchanged tests already fail, so there is nothing to measure).

    .venv/bin/python scripts/mutate_checkers.py [--seed 1] [--count 80] [--jobs 2] [--files proportionality.py ...]
    .venv/bin/python scripts/mutate_checkers.py --list [--files ...]   # every site, without running anything

Stdlib only; pytest (and its hypothesis plugin, given --hypothesis-seed=SEED so that a run is
repeatable) come from the venv.
"""

from __future__ import annotations

import argparse
import ast
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKERS = ROOT / "checkers"

# Values a result can take, each swapped for the others: outcomes of the checkers, and the status of a
# proportionality principle (its judgement).
SWAPS = (
    ("share", "seek_advice", "do_not_share"),
    ("proportionate", "review", "not_proportionate"),
    ("met", "not_met", "check"),
)
# Each comparison and what it becomes: its negation, and for an ordering its boundary (< for <=).
COMPARISONS = {
    ast.Eq: ("==", [ast.NotEq]),
    ast.NotEq: ("!=", [ast.Eq]),
    ast.Lt: ("<", [ast.GtE, ast.LtE]),
    ast.LtE: ("<=", [ast.Gt, ast.Lt]),
    ast.Gt: (">", [ast.LtE, ast.GtE]),
    ast.GtE: (">=", [ast.Lt, ast.Gt]),
    ast.In: ("in", [ast.NotIn]),
    ast.NotIn: ("not in", [ast.In]),
    ast.Is: ("is", [ast.IsNot]),
    ast.IsNot: ("is not", [ast.Is]),
}
_OPERATOR = {
    ast.NotIn: re.compile(r"\bnot\s+in\b"),
    ast.In: re.compile(r"\bin\b"),
    ast.IsNot: re.compile(r"\bis\s+not\b"),
    ast.Is: re.compile(r"\bis\b"),
}
DROPPED_CALLS = frozenset({"append", "extend", "insert", "add", "update"})
# The kinds, in the words the report uses.
KINDS = ("compare", "and/or", "not", "bool", "outcome", "drop element", "drop call", "number")

# What the copy of the repository leaves out: nothing the checkers' tests read.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "build", "site", "dist", ".hypothesis", ".pytest_cache", "__pycache__",
    ".coverage", "*.pyc",
)


@dataclass(frozen=True)
class Mutant:
    """One change: characters start..end of the file's text replaced by `replacement`."""

    path: str  # relative to the repository, e.g. "checkers/proportionality.py"
    kind: str
    start: int
    end: int
    replacement: str
    line: int  # the first line changed (1-based)

    def apply(self, source: str) -> str:
        return source[: self.start] + self.replacement + source[self.end :]

    def lines(self, source: str) -> tuple[list[str], list[str]]:
        """The lines the change touches, before and after it."""
        before = source.splitlines()
        after = self.apply(source).splitlines()
        first = self.line - 1
        last_before = source.count("\n", 0, self.end)
        changed = len(before) - len(after)
        return before[first : last_before + 1], after[first : last_before + 1 - changed]


class _Offsets:
    """Character offsets in the text for ast positions (whose columns count UTF-8 bytes)."""

    def __init__(self, source: str):
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def at(self, line: int, column_bytes: int) -> int:
        text = self.lines[line - 1].encode("utf-8")[:column_bytes].decode("utf-8")
        return self.starts[line - 1] + len(text)

    def start(self, node: ast.AST) -> int:
        return self.at(node.lineno, node.col_offset)

    def end(self, node: ast.AST) -> int:
        return self.at(node.end_lineno, node.end_col_offset)

    def segment(self, node: ast.AST) -> str:
        return self.source[self.start(node) : self.end(node)]


def _skipped(tree: ast.AST) -> set[int]:
    """Nodes whose change cannot matter: annotations (never evaluated, with `from __future__ import
    annotations`), docstrings, and the pieces of f-strings (the format spec of "{n:04x}")."""
    skipped: set[int] = set()

    def skip(node: ast.AST | None) -> None:
        if node is not None:
            skipped.update(id(child) for child in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            skip(node.returns)
            for argument in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs, node.args.vararg, node.args.kwarg):
                if argument is not None:
                    skip(argument.annotation)
        elif isinstance(node, ast.AnnAssign):
            skip(node.annotation)
        elif isinstance(node, ast.JoinedStr):
            skip(node)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and ast.get_docstring(node, clean=False):
            skip(node.body[0])
    return skipped


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def candidates(source: str, path: str) -> list[Mutant]:
    """Every change of the kinds above, in order of position (some may not parse: see `mutants`)."""
    tree = ast.parse(source)
    at = _Offsets(source)
    skipped = _skipped(tree)
    parents = _parents(tree)
    found: list[Mutant] = []

    def add(kind: str, start: int, end: int, replacement: str) -> None:
        found.append(Mutant(path, kind, start, end, replacement, source.count("\n", 0, start) + 1))

    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Compare):
            for index, op in enumerate(node.ops):
                left = node.left if index == 0 else node.comparators[index - 1]
                gap_start, gap_end = at.end(left), at.start(node.comparators[index])
                gap = source[gap_start:gap_end]
                symbol, replacements = COMPARISONS[type(op)]
                match = _OPERATOR[type(op)].search(gap) if type(op) in _OPERATOR else re.search(re.escape(symbol), gap)
                if match is None:
                    continue
                for other in replacements:
                    add("compare", gap_start + match.start(), gap_start + match.end(), COMPARISONS[other][0])
        elif isinstance(node, ast.BoolOp):
            word, other = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
            start, end = at.start(node), at.end(node)
            pieces, position = [], start
            for left, right in zip(node.values, node.values[1:]):
                gap_start, gap_end = at.end(left), at.start(right)
                gap = re.sub(rf"\b{word}\b", other, source[gap_start:gap_end], count=1)
                pieces += [source[position:gap_start], gap]
                position = gap_end
            pieces.append(source[position:end])
            add("and/or", start, end, "".join(pieces))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            add("not", at.start(node), at.end(node), f"({at.segment(node.operand)})")
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            add("bool", at.start(node), at.end(node), str(not node.value))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for group in SWAPS:
                if node.value in group:
                    text = at.segment(node)
                    for other in group:
                        if other != node.value:
                            add("outcome", at.start(node), at.end(node), text.replace(node.value, other, 1))
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            for other in (node.value + 1, node.value - 1):
                add("number", at.start(node), at.end(node), str(other))
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)) and isinstance(getattr(node, "ctx", ast.Load()), ast.Load):
            parent = parents.get(id(node))
            if isinstance(parent, ast.Assign) and any(isinstance(t, (ast.Tuple, ast.List)) for t in parent.targets):
                continue  # a, b = x, y: dropping one only breaks the unpacking
            if isinstance(parent, ast.Subscript) and parent.slice is node:
                continue  # x[a, b]
            elements = node.elts
            if len(elements) < (1 if isinstance(node, ast.List) else 2):
                continue
            for index, element in enumerate(elements):
                if index < len(elements) - 1:
                    add("drop element", at.start(element), at.start(elements[index + 1]), "")
                elif len(elements) > 1:
                    add("drop element", at.end(elements[index - 1]), at.end(element), "")
                else:
                    add("drop element", at.start(element), at.end(element), "")
        elif (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr in DROPPED_CALLS
        ):
            add("drop call", at.start(node), at.end(node), "pass")
    return sorted(found, key=lambda m: (m.start, m.end, m.kind, m.replacement))


def mutants(source: str, path: str) -> list[Mutant]:
    """The candidates that still parse and change the program (not merely its layout). Each change
    lies within one top-level statement, so only that statement is parsed again (a module of a
    thousand lines would take a tenth of a second a mutant)."""
    tree = ast.parse(source)
    at = _Offsets(source)
    statements = []
    for statement in tree.body:
        decorators = getattr(statement, "decorator_list", [])
        start = min([at.start(statement), *(at.start(d) for d in decorators)])
        start = at.starts[source.count("\n", 0, start)]  # from the start of its line
        statements.append((start, at.end(statement), ast.dump(statement)))
    kept = []
    for mutant in candidates(source, path):
        start, end, original = next(s for s in statements if s[0] <= mutant.start and mutant.end <= s[1])
        changed = source[start : mutant.start] + mutant.replacement + source[mutant.end : end]
        try:
            body = ast.parse(changed).body
        except SyntaxError:
            continue
        if len(body) != 1 or ast.dump(body[0]) != original:
            kept.append(mutant)
    return kept


def all_mutants(sources: dict[str, str]) -> list[Mutant]:
    """Every mutant of every file ({path relative to the repository: its text}), in order."""
    return [mutant for path, source in sources.items() for mutant in mutants(source, path)]


def sample(found: list[Mutant], count: int, seed: int) -> list[Mutant]:
    """`count` mutants (all of them if there are fewer), chosen by `seed`, in file and line order."""
    chosen = found if count >= len(found) else random.Random(seed).sample(found, count)
    order = {id(mutant): index for index, mutant in enumerate(found)}
    return sorted(chosen, key=lambda mutant: order[id(mutant)])


def checker_tests(makefile: Path = ROOT / "Makefile") -> list[str]:
    """The test files of `make test-checkers` (the Makefile's CHECKER_TESTS), so both run the same set."""
    text = makefile.read_text(encoding="utf-8")
    match = re.search(r"^CHECKER_TESTS\s*:?=((?:[^\n]*\\\n)*[^\n]*)", text, re.M)
    if match is None:
        raise SystemExit(f"{makefile} has no CHECKER_TESTS")
    return match.group(1).replace("\\\n", " ").split()


# --- running ---------------------------------------------------------------------------------------

# Put first the files that fail fastest, so that -x stops early (tests/conftest.py puts the longest
# files first, for two processes): this plugin runs after it and orders by the command line.
ORDER_PLUGIN = '''
import pytest

@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    order = {arg: index for index, arg in enumerate(config.args)}
    items.sort(key=lambda item: order.get(item.path.relative_to(config.rootpath).as_posix(), len(order)))
'''


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant | None
    verdict: str  # "survived", "failed" (a test failed), "error" (the tests could not load it), "timeout"
    seconds: float
    output: str = ""

    @property
    def caught(self) -> bool:
        return self.verdict != "survived"


def make_copy(folder: Path) -> Path:
    """A copy of the repository to run mutants in (about 3 MB: pages, tests, checkers), with a second
    copy of checkers/ as it was at the start, to restore before each mutant."""
    copy = folder / "repository"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    shutil.copytree(copy / "checkers", folder / "checkers-unchanged")
    plugins = folder / "plugins"
    plugins.mkdir()
    (plugins / "mutation_order.py").write_text(ORDER_PLUGIN, encoding="utf-8")
    return copy


def run_tests(copy: Path, tests: list[str], seed: int, timeout: float, mutant: Mutant | None = None) -> Outcome:
    """The tests in `copy`, with checkers/ restored as it was at the start and `mutant` applied.
    PYTHONDONTWRITEBYTECODE: a cached .pyc of one mutant must never stand in for the next."""
    unchanged = copy.parent / "checkers-unchanged"
    shutil.rmtree(copy / "checkers")
    shutil.copytree(unchanged, copy / "checkers")
    if mutant is not None:
        source = (unchanged / Path(mutant.path).relative_to("checkers")).read_text(encoding="utf-8")
        (copy / mutant.path).write_text(mutant.apply(source), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("CHECKERS_DATE", "PYTHONPATH")}
    env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(copy.parent / "plugins"))
    command = [
        sys.executable, "-m", "pytest", "-m", "not site", "-x", "-q", "--no-cov", "-p", "no:cacheprovider",
        "-p", "mutation_order", f"--hypothesis-seed={seed}", *tests,
    ]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return Outcome(mutant, "timeout", time.monotonic() - started, output)
    seconds = time.monotonic() - started
    verdict = {0: "survived", 1: "failed"}.get(process.returncode, "error")
    return Outcome(mutant, verdict, seconds, output)


def report_line(outcome: Outcome) -> str:
    mutant = outcome.mutant
    return f"{outcome.verdict:>8}  {outcome.seconds:5.1f} s  {mutant.path}:{mutant.line}  [{mutant.kind}]"


def show(mutant: Mutant, source: str) -> str:
    before, after = mutant.lines(source)
    lines = [f"{mutant.path}:{mutant.line} [{mutant.kind}]"]
    lines += [f"  - {line.strip()}" for line in before]
    lines += [f"  + {line.strip()}" for line in after] or ["  + (lines removed)"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="chooses the sample, and seeds hypothesis (default 1)")
    parser.add_argument("--count", type=int, default=80, help="how many mutants to run (default 80)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once (default 2)")
    parser.add_argument("--timeout", type=float, default=0,
                        help="seconds one mutant may run before it counts as caught (default: 4 times the unchanged run, at least 120)")
    parser.add_argument("--files", nargs="+", metavar="NAME",
                        help="only these files of checkers/ (for example lawful_basis.py); default all")
    parser.add_argument("--list", action="store_true", help="print every site and its change, run nothing")
    args = parser.parse_args(argv)

    files = sorted(CHECKERS.glob("*.py"))
    if args.files:
        wanted = {Path(name).name for name in args.files}
        unknown = wanted - {file.name for file in files}
        if unknown:
            parser.error(f"not in checkers/: {', '.join(sorted(unknown))}")
        files = [file for file in files if file.name in wanted]
    sources = {file.relative_to(ROOT).as_posix(): file.read_text(encoding="utf-8") for file in files}
    found = all_mutants(sources)
    if args.list:
        for mutant in found:
            print(show(mutant, sources[mutant.path]))
        print(f"{len(found)} sites in {len(files)} files: " + ", ".join(
            f"{kind} {count}" for kind, count in sorted(Counter(m.kind for m in found).items())))
        return 0

    chosen = sample(found, args.count, args.seed)
    tests = checker_tests()
    print(f"Mutation testing of checkers/ on {time.strftime('%Y-%m-%d %H:%M')}: seed {args.seed}, "
          f"{len(chosen)} of {len(found)} sites in {len(files)} files, {args.jobs} at once")
    print(f"Tests (make test-checkers): {' '.join(tests)}")
    print(f"Load average at the start: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")

    with tempfile.TemporaryDirectory(prefix="mutate-checkers-") as folder:
        copies = [make_copy(Path(folder) / f"copy-{index}") for index in range(max(1, args.jobs))]
        baseline = run_tests(copies[0], tests, args.seed, timeout=3600)
        if baseline.verdict != "survived":
            print(f"The unchanged tests do not pass ({baseline.verdict}): nothing to measure.\n{baseline.output[-3000:]}")
            return 1
        timeout = args.timeout or max(120.0, 4 * baseline.seconds)
        print(f"Unchanged tests: passed in {baseline.seconds:.1f} s; a mutant may run {timeout:.0f} s\n")

        free: queue.Queue[Path] = queue.Queue()
        for copy in copies:
            free.put(copy)

        def run(mutant: Mutant) -> Outcome:
            copy = free.get()
            try:
                return run_tests(copy, tests, args.seed, timeout, mutant)
            finally:
                free.put(copy)

        outcomes = []
        with ThreadPoolExecutor(max_workers=len(copies)) as pool:
            for number, outcome in enumerate(pool.map(run, chosen), start=1):
                outcomes.append(outcome)
                print(f"{number:3}/{len(chosen)} {report_line(outcome)}", flush=True)

    caught = [outcome for outcome in outcomes if outcome.caught]
    survivors = [outcome.mutant for outcome in outcomes if not outcome.caught]
    share = 100 * len(caught) / len(outcomes) if outcomes else 0.0
    verdicts = Counter(outcome.verdict for outcome in outcomes)
    print(f"\nCaught {len(caught)} of {len(outcomes)} ({share:.1f}%): "
          + ", ".join(f"{verdict} {verdicts[verdict]}" for verdict in ("failed", "error", "timeout", "survived")))
    by_file: dict[str, list[int]] = {}
    for outcome in outcomes:
        counts = by_file.setdefault(outcome.mutant.path, [0, 0])
        counts[0] += outcome.caught
        counts[1] += 1
    for path, (hit, total) in sorted(by_file.items()):
        print(f"  {path}: {hit} of {total}")
    print(f"Load average at the end: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    if survivors:
        print(f"\nSurvivors ({len(survivors)}):")
        for mutant in survivors:
            print(show(mutant, sources[mutant.path]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
