"""Shared fixtures: the built sites (default and both example editions) and a browser.

Sites are built once per test session from the working tree, with `mkdocs build --strict`, into a
temporary folder. The checkers' runtime must already be built (`make runtime`; `make test` does it).
"""

from __future__ import annotations

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
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


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


def build_sites_together(builds: dict[str, tuple[list[str], Path]]) -> dict[str, subprocess.CompletedProcess]:
    """Run several builds at once ({name: (command, working folder)}): each is mostly one core's work."""
    running = {
        name: subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory) -> dict[str, BuiltSite]:
    require_runtime()
    destinations = {name: tmp_path_factory.mktemp(f"site-{name}") for name in SITES}
    results = build_sites_together(
        {name: (build_command(config, destinations[name]), ROOT) for name, config in SITES.items()}
    )
    sites = {}
    for name, result in results.items():
        if result.returncode != 0:
            pytest.fail(f"`mkdocs build --strict` failed for {SITES[name]}:\n{result.stdout}", pytrace=False)
        sites[name] = BuiltSite(name, destinations[name], result.stdout)
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
