"""The Python half of the runtime build (scripts/runtime_build/), under CPython: what it does needs no
Pyodide, only an interpreter. The .pyc files it writes carry this interpreter's magic number here
(inside Pyodide, Pyodide's), so this interpreter can import them: that proves their headers and their
placement. The build itself (`make runtime`) runs the same modules inside Pyodide and proves the
runtime on the whole corpus."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from runtime_build import bytecode, corpus, discover, listing, snapshot, verify

SCENARIOS = ROOT / "tests" / "scenarios"


def scenario_files() -> list[tuple[str, str]]:
    """As the driver reads them: (checker, file text), sorted by folder and file name."""
    return [(folder.name, file.read_text(encoding="utf-8"))
            for folder in sorted(p for p in SCENARIOS.iterdir() if p.is_dir())
            for file in sorted(folder.glob("*.json"))]


# --- corpus -----------------------------------------------------------------------------------

@pytest.fixture
def fixed_environment(monkeypatch):
    monkeypatch.delenv("CHECKERS_DATE", raising=False)
    yield
    os.environ.pop("CHECKERS_DATE", None)


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    """The whole corpus, once for this file (the environment restored after it)."""
    scratch = tmp_path_factory.mktemp("corpus")
    saved = os.environ.pop("CHECKERS_DATE", None)
    try:
        scenarios = scenario_files()
        return scenarios, scratch, corpus.run_corpus(scenarios, scratch=str(scratch)), os.environ.get("CHECKERS_DATE")
    finally:
        os.environ.pop("CHECKERS_DATE", None)
        if saved is not None:
            os.environ["CHECKERS_DATE"] = saved


def test_the_corpus_runs_every_checker_and_scenario_and_nothing_crashes(corpus_run):
    from checkers import api

    scenarios, scratch, results, date_left = corpus_run
    assert len(results) > 2 * len(scenarios)
    crashes = [r for r in results if str(r.get("exit", "")).startswith("crash") or str(r.get("response", "")).startswith("crash")]
    assert crashes == []
    asked = [json.loads(r["handle"]).get("checker") for r in results if "handle" in r and r["handle"].startswith("{")]
    assert set(api.NAMES) <= {name for name in asked if isinstance(name, str)}
    for index, (name, text) in enumerate(scenarios):
        assert json.loads((scratch / f"scenario{index}.json").read_text(encoding="utf-8")) == json.loads(text)["input"], name
    assert results[-1] == {"today": 0}  # today's date: its exit code only
    assert date_left == corpus.FIXED_DATE


def test_the_corpus_gives_the_same_results_again(corpus_run, fixed_environment):
    scenarios, scratch, results, _ = corpus_run
    assert corpus.run_corpus(scenarios, scratch=str(scratch)) == results


def test_form_pairs_are_what_a_form_posts():
    assert corpus._form_pairs({"a": True, "b": False, "c": ["x", "y"], "d": "text"}) == [
        ["a", "true"], ["b", "false"], ["c", "x"], ["c", "y"], ["d", "text"]]


# --- discovery --------------------------------------------------------------------------------

def run_python(code: str, *paths: Path) -> str:
    """Run code in a fresh interpreter with these folders or zips first on sys.path."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*map(str, paths), str(ROOT / "scripts")]),
           "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def small_stdlib(path: Path) -> Path:
    """A zip standing in for a standard library: a package, a module, a runtime package (pyodide/)
    whose code imports others, a data file, and a module that does not compile."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("fakepkg/", b"")
        archive.writestr("fakepkg/__init__.py", "VALUE = 1\n")
        archive.writestr("fakepkg/inner.py", "from fakepkg import VALUE\nDOUBLE = 2 * VALUE\n")
        archive.writestr("fakemod.py", "import fakepkg.inner\nNAME = 'fakemod'\n")
        archive.writestr("pyodide/", b"")
        archive.writestr("pyodide/__init__.py", "import fakemod\n\ndef later():\n    from fakepkg import inner\n")
        archive.writestr("broken.py", "def (:\n")
        archive.writestr("fakepkg/data.txt", "data")
    return path


def test_zip_files_names_the_modules_loaded_from_a_zip(tmp_path):
    stdlib = small_stdlib(tmp_path / "stdlib.zip")
    code = ("import fakemod\nfrom runtime_build.discover import zip_files\nimport json\n"
            f"print(json.dumps(zip_files({str(stdlib) + '/'!r}), sort_keys=True))")
    assert json.loads(run_python(code, stdlib)) == {
        "fakemod.py": "fakemod", "fakepkg/__init__.py": "fakepkg", "fakepkg/inner.py": "fakepkg.inner"}


def test_runtime_imports_are_read_from_the_runtime_packages_sources(tmp_path):
    modules, static = discover.runtime_imports(small_stdlib(tmp_path / "stdlib.zip"))
    assert modules == ["pyodide"]
    assert static == ["fakemod", "fakepkg"]  # the import inside a function too


def test_kept_files_add_whatever_was_loaded_late_and_nothing_twice(monkeypatch):
    monkeypatch.setattr(discover, "zip_files", lambda prefix=discover.PREFIX: {"a.py": "a", "late.py": "late", "c.py": "c"})
    steps = {"startup": ["a.py"], "unpack": [], "checkers": ["c.py"], "margin": ["b.py"]}
    assert discover.kept_files(steps) == {"keep": ["a.py", "b.py", "c.py", "late.py"], "late_margin": ["late.py"]}


def test_the_checkers_must_come_from_the_wheel():
    site = "/lib/python3.14/site-packages"
    assert discover.not_from_wheel([f"{site}/checkers/api.py"], site) == []
    assert discover.not_from_wheel(["/lib/python314.zip/checkers/api.py"], site) == ["/lib/python314.zip/checkers/api.py"]


def test_the_margin_archives_are_real_archives(tmp_path):
    import tarfile

    discover.write_margin_archives(str(tmp_path))
    with tarfile.open(tmp_path / "margin.tar.gz") as tar:
        assert tar.extractfile("margin/hello.txt").read() == b"hi"
    with zipfile.ZipFile(tmp_path / "margin.zip") as archive:
        assert archive.read("margin/hello.txt") == b"hi"


@pytest.mark.parametrize(("module", "inline_imports"), [
    ("corpus", "io, json, os, sys, traceback"),
    ("discover", "importlib, io, json, os, sys, traceback, warnings"),
    ("bytecode", "base64, hashlib, importlib.util, marshal, zipfile"),
    ("verify", "os, sys"),
    ("snapshot", "importlib, os, pkgutil, sys"),
])
def test_each_module_imports_what_its_inline_python_imported(module, inline_imports):
    """Inside Pyodide, discovery counts the modules imported at each step: importing a module of the
    package must load exactly what the Python it replaces imported (from the JavaScript strings it
    came from), and nothing else."""
    loaded = "import sys\nbefore = set(sys.modules)\n{}\nprint(sorted(set(sys.modules) - before))"
    by_package = eval(run_python(loaded.format(f"import runtime_build.{module}")))
    by_inline = eval(run_python(loaded.format(f"import {inline_imports}")))
    assert [name for name in by_package if not name.startswith("runtime_build")] == by_inline


# --- compiling ----------------------------------------------------------------------------------

def test_compile_stdlib_writes_sourceless_pyc_and_trims_to_the_kept_modules(tmp_path):
    stdlib = small_stdlib(tmp_path / "stdlib.zip")
    full, trimmed, trimmed_source = tmp_path / "full.zip", tmp_path / "trimmed.zip", tmp_path / "trimmed-source.zip"
    report = bytecode.compile_stdlib(["fakepkg/__init__.py", "fakepkg/inner.py", "fakemod.py", "gone.py"],
                                     full, trimmed, trimmed_source, stdlib=str(stdlib))
    assert report["missing"] == ["gone.py"]
    assert [line.split(":")[0] for line in report["failed"]] == ["broken.py"]
    assert set(zipfile.ZipFile(trimmed).namelist()) == {"fakepkg/", "fakepkg/__init__.pyc", "fakepkg/inner.pyc", "fakemod.pyc"}
    assert set(zipfile.ZipFile(trimmed_source).namelist()) == {"fakepkg/", "fakepkg/__init__.py", "fakepkg/inner.py", "fakemod.py"}
    full_names = set(zipfile.ZipFile(full).namelist())
    assert {"broken.py", "fakepkg/data.txt", "pyodide/__init__.pyc"} <= full_names and "fakemod.py" not in full_names
    assert report["trimmed_entries"] == 4 and report["full_entries"] == len(full_names)
    header = zipfile.ZipFile(trimmed).read("fakemod.pyc")[:16]
    assert header == importlib.util.MAGIC_NUMBER + bytes(12)  # sourceless: no flags, no mtime, no size
    # This interpreter imports the trimmed, sourceless zip, and the code names the zip as its file.
    out = run_python("import fakemod, fakepkg.inner\nprint(fakemod.NAME, fakepkg.inner.DOUBLE, fakemod.__file__)", trimmed)
    assert out.split() == ["fakemod", "2", f"{trimmed}/fakemod.pyc"]
    code = run_python("import fakemod, sys\nprint(sys.modules['fakemod'].__spec__.loader.get_code('fakemod').co_filename)", trimmed)
    assert code.strip() == f"{stdlib}/fakemod.py"


def make_wheel(path: Path) -> Path:
    """A small wheel as the build backend writes it: package, dist-info, RECORD last."""
    files = {
        "demo/__init__.py": "from demo.core import answer\n",
        "demo/core.py": "def answer():\n    return 42\n",
        "demo/data.json": "{}",
        "demo-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
        "demo-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
        archive.writestr("demo-1.0.dist-info/RECORD", "".join(f"{name},,\n" for name in files) + "demo-1.0.dist-info/RECORD,,\n")
    return path


def test_compile_wheel_adds_checked_hash_pyc_and_a_true_record(tmp_path):
    wheel = make_wheel(tmp_path / "demo-1.0-py3-none-any.whl")
    compiled = tmp_path / "out.whl"
    report = bytecode.compile_wheel(wheel, compiled, site=str(tmp_path / "site") + "/")
    tag = sys.implementation.cache_tag
    assert report["pyc"] == [f"demo/__pycache__/__init__.{tag}.pyc", f"demo/__pycache__/core.{tag}.pyc"]
    archive = zipfile.ZipFile(compiled)
    names = archive.namelist()
    assert names[-1] == "demo-1.0.dist-info/RECORD"
    assert names.index(report["pyc"][-1]) < names.index("demo-1.0.dist-info/METADATA")
    record = archive.read("demo-1.0.dist-info/RECORD").decode().splitlines()
    listed = {line.split(",")[0]: line for line in record}
    assert set(listed) == set(names)
    for name in names[:-1]:
        assert listed[name] == bytecode.record_line(name, archive.read(name))
    pyc = archive.read(report["pyc"][1])
    source = archive.read("demo/core.py")
    assert pyc[:4] == importlib.util.MAGIC_NUMBER and pyc[4:8] == (3).to_bytes(4, "little")
    assert pyc[8:16] == importlib.util.source_hash(source)
    # Unpacked, this interpreter uses the .pyc (checked against the source) and the code answers.
    site = tmp_path / "site"
    archive.extractall(site)
    out = run_python("import demo, sys\nprint(demo.answer(), sys.modules['demo.core'].__cached__)", site)
    assert out.split() == ["42", str(site / report["pyc"][1])]
    # Compiling an already compiled wheel compiles again from the sources: the same wheel.
    again = tmp_path / "again.whl"
    bytecode.compile_wheel(compiled, again, site=str(tmp_path / "site") + "/")
    assert again.read_bytes() == compiled.read_bytes()


def test_a_wheel_without_a_record_is_refused(tmp_path):
    wheel = tmp_path / "bad.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("demo/__init__.py", "")
        archive.writestr("demo-1.0.dist-info/METADATA", "")
    with pytest.raises(ValueError, match="no .dist-info/RECORD"):
        bytecode.compile_wheel(wheel, tmp_path / "out.whl")


# --- verification, snapshot, listing --------------------------------------------------------------

def test_check_runtime_names_checkers_loaded_from_elsewhere():
    import checkers.api  # noqa: F401  (from this repository, not from an unpacked wheel)
    import checkers.cli  # noqa: F401

    problems = verify.check_runtime()
    assert any(problem.startswith("checkers.api loaded from") for problem in problems)
    here = str(Path(checkers.api.__file__).parent) + os.sep
    assert not any("loaded from" in problem for problem in verify.check_runtime(site_checkers=here))


def test_the_snapshot_script_imports_every_checkers_module_and_leaves_no_date(fixed_environment):
    import pkgutil

    import checkers

    snapshot.prepare()
    expected = {"checkers"} | {f"checkers.{m.name}" for m in pkgutil.iter_modules(checkers.__path__) if m.name != "__main__"}
    assert expected <= set(snapshot.checkers_modules())
    assert snapshot.checkers_modules() == sorted(snapshot.checkers_modules())
    os.environ["CHECKERS_DATE"] = corpus.FIXED_DATE
    with pytest.raises(AssertionError, match="CHECKERS_DATE must not be baked"):
        snapshot.prepare()


def test_the_snapshot_file_runs_as_a_script_as_the_driver_runs_it(tmp_path):
    out = run_python(f"exec(open({str(ROOT / 'scripts' / 'runtime_build' / 'snapshot.py')!r}).read())\n"
                     "print('checkers.api' in checkers_modules())", ROOT)
    assert out.strip() == "True"


def test_the_module_listing_is_sorted_by_module_with_why():
    text = listing.modules_listing({"startup": ["json/__init__.py", "os.py"], "unpack": ["zipfile/__init__.py"],
                                    "checkers": ["json/decoder.py"], "margin": ["abc.py"]})
    lines = text.splitlines()
    assert lines[:4] == listing.HEADER.splitlines()
    assert lines[4:] == [f"{'abc'.ljust(48)} margin", f"{'json'.ljust(48)} startup", f"{'json.decoder'.ljust(48)} checkers",
                         f"{'os'.ljust(48)} startup", f"{'zipfile'.ljust(48)} unpack"]
    assert text.endswith("\n")


def test_the_shipped_module_listing_is_what_listing_writes():
    """build/pyodide/stdlib-modules.txt (from `make runtime`) reads back into the same text."""
    shipped = (ROOT / "build" / "pyodide" / "stdlib-modules.txt").read_text(encoding="utf-8")
    steps = {why: [] for why in listing.REASONS}
    for line in shipped.splitlines()[4:]:
        name, why = line.split()
        steps[why].append(name.replace(".", "/") + ".py")
    assert listing.modules_listing(steps).splitlines()[4:] == shipped.splitlines()[4:]
