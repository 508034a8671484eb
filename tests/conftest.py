"""Shared fixtures: the built sites (default and both example editions) and a browser.

Sites are built once per test session from the working tree, with `mkdocs build --strict`, into a
temporary folder. The checkers' runtime must already be built (`make runtime`; `make test` does it).
The PDF is most of a build's time: the default site is built with it (tests/test_postbuild.py reads
it), the example editions here without it (SAFEGUARDING_PDF=off), since tests/test_package.py builds
each of them again from the installed wheel, PDF and all, and checks that one.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
for path in (ROOT, ROOT / "tests", ROOT / "scripts"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
RUNTIME_MANIFEST = Path(os.environ.get("CHECKERS_RUNTIME_DIR") or ROOT / "build" / "pyodide") / "runtime.json"
SITES = {
    "default": "mkdocs.yml",
    "harbourside": "examples/harbourside/mkdocs.yml",
    "northmoor-vale": "examples/northmoor-vale/mkdocs.yml",
}
from chromium_launch import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


@dataclass(frozen=True)
class BuiltSite:
    name: str
    path: Path
    log: str


def build_command(config: str | Path, destination: Path) -> list[str]:
    return [str(MKDOCS), "build", "--strict", "--config-file", str(config), "--site-dir", str(destination)]


def build_site(config: str | Path, destination: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        build_command(config, destination), cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **(env or {})},
    )


WITHOUT_PDF = {"SAFEGUARDING_PDF": "off"}


def build_sites_together(builds: dict[str, tuple[list[str], Path]],
                         envs: dict[str, dict] | None = None) -> dict[str, subprocess.CompletedProcess]:
    """Run several builds at once ({name: (command, working folder)}, and any environment variables
    for each in envs): each is mostly one core's work."""
    running = {
        name: subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, **(envs or {}).get(name, {})})
        for name, (command, cwd) in builds.items()
    }
    results = {}
    for name, process in running.items():
        output, _ = process.communicate()
        results[name] = subprocess.CompletedProcess(process.args, process.returncode, output, "")
    return results


def require_runtime() -> None:
    if not RUNTIME_MANIFEST.is_file():
        pytest.fail(f"{RUNTIME_MANIFEST} is missing: build the checkers' runtime with `make runtime`", pytrace=False)


def _build_sites(folder: Path) -> dict[str, BuiltSite]:
    destinations = {name: folder / f"site-{name}" for name in SITES}
    results = build_sites_together(
        {name: (build_command(config, destinations[name]), ROOT) for name, config in SITES.items()},
        envs={name: WITHOUT_PDF for name in SITES if name != "default"},
    )
    sites = {}
    for name, result in results.items():
        if result.returncode != 0:
            pytest.fail(f"`mkdocs build --strict` failed for {SITES[name]}:\n{result.stdout}", pytrace=False)
        sites[name] = BuiltSite(name, destinations[name], result.stdout)
    return sites


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory) -> dict[str, BuiltSite]:
    """The sites, built once for the whole run. With pytest-xdist's workers (`make test` runs two),
    the first worker to get here builds them into the run's shared temporary folder while the others
    wait on a lock; every test only reads them (a test that changes a site works on a copy)."""
    require_runtime()
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _build_sites(tmp_path_factory.mktemp("sites"))
    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker of this run
    with open(shared / "built-sites.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = shared / "built-sites.json"
        if record.exists():
            saved = json.loads(record.read_text(encoding="utf-8"))
            if saved is None:
                pytest.fail("the sites failed to build in another worker: see its error", pytrace=False)
            return {name: BuiltSite(name, Path(site["path"]), site["log"]) for name, site in saved.items()}
        folder = shared / "sites"
        folder.mkdir()
        try:
            sites = _build_sites(folder)
        except BaseException:
            record.write_text("null", encoding="utf-8")
            raise
        record.write_text(json.dumps({name: {"path": str(site.path), "log": site.log} for name, site in sites.items()}),
                          encoding="utf-8")
        return sites


@pytest.fixture(scope="session")
def default_site(built_sites) -> BuiltSite:
    return built_sites["default"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install -y chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(default_site):
    from serve import SiteServer

    with SiteServer(default_site.path) as url:
        yield url


# The longest test files first: `make test` gives each file to one of two processes as they come
# free, so a long file started last would leave the other process idle at the end.
LONGEST_FIRST = [
    "test_accessibility.py", "test_package.py", "test_checkers_in_browser.py", "test_case_studies_in_browser.py",
    "test_runtime_failures.py", "test_pyodide_parity.py", "test_checker_properties.py", "test_offline.py",
    "test_search_and_print.py", "test_nginx.py", "test_partnerships.py",
]


# A test that uses any of these fixtures needs a built site or a browser: it is marked `site`, so that
# `make test-checkers` (`-m "not site"`) leaves it out. A test that builds a site itself, or runs
# node, carries @pytest.mark.site in its file.
SITE_FIXTURES = frozenset({"built_sites", "default_site", "site_url", "browser"})


def pytest_collection_modifyitems(items):
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file keeps its order
