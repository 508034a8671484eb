"""What the project installs, and under what licence: every Python package pinned with its hashes and
installed with --require-hashes by a pinned pip, no pinned package that nothing needs, every npm
package locked with its integrity, and one licence stated the same way everywhere."""

from __future__ import annotations

import importlib.metadata
import json
import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

# What the project itself uses: the guidance package's own dependencies (pyproject.toml), and what
# this repository builds and tests with. Everything else pinned must be needed by one of these.
PACKAGE_DEPENDENCIES = [Requirement(text).name for text in
                        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]]
DIRECT = [*PACKAGE_DEPENDENCIES, "pytest", "pytest-cov", "pytest-xdist", "hypothesis", "playwright", "pypdf", "python-docx", "build",
          "setuptools", "pip"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$")


def pins(name: str) -> dict[str, list[str]]:
    """{canonical name: hashes} of a requirements file, which must hold nothing but pins with hashes."""
    found: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line == "-r requirements-pip.txt":
            continue
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            assert current not in found, f"{name}: {current} pinned twice"
            found[current] = []
            continue
        hash_line = re.fullmatch(r"    --hash=sha256:([0-9a-f]{64})( \\)?", line)
        assert hash_line and current, f"{name}: unexpected line {line!r}"
        found[current].append(hash_line.group(1))
    return found


def test_every_python_package_is_pinned_with_its_hashes():
    everything = {**pins("requirements-pip.txt"), **pins("requirements.txt")}
    assert everything, "no pins found"
    for name, hashes in everything.items():
        assert hashes, f"{name} has no hash"
    assert "-r requirements-pip.txt" in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert list(pins("requirements-pip.txt")) == ["pip"]


def test_setup_installs_pip_first_then_everything_with_require_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line and not line.startswith("#")]
    assert installs == [
        "$(PY) -m pip install --quiet --require-hashes --requirement requirements-pip.txt",
        "$(PY) -m pip install --quiet --require-hashes --requirement requirements.txt",
        # This repository's own package, from its own files: --no-deps, so nothing comes unhashed.
        "$(PY) -m pip install --quiet --no-deps --no-build-isolation --editable . > /dev/null",
    ]
    assert "$(VENV)/.installed: requirements.txt requirements-pip.txt" in makefile


def test_the_installed_pip_is_the_pinned_one():
    version = re.search(r"^pip==(\S+) ", (ROOT / "requirements-pip.txt").read_text(encoding="utf-8"), re.M).group(1)
    assert importlib.metadata.version("pip") == version


def test_every_pinned_package_is_needed_and_every_needed_one_is_pinned():
    """The pins are exactly the direct packages and what they require (on this Python, this platform)."""
    needed, seen, stack = set(), set(), [(name, "") for name in DIRECT]
    while stack:
        name, extra = stack.pop()
        name = canonicalize_name(name)
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        needed.add(name)
        for text in importlib.metadata.distribution(name).requires or []:
            requirement = Requirement(text)
            # A requirement applies with no extra, or with the extra asked for (fonttools[woff], say).
            if requirement.marker is None or requirement.marker.evaluate({"extra": extra}):
                stack.append((requirement.name, ""))
                stack.extend((requirement.name, wanted) for wanted in requirement.extras)
    pinned = set(pins("requirements.txt")) | set(pins("requirements-pip.txt"))
    assert sorted(pinned - needed) == [], "pinned but used by nothing"
    assert sorted(needed - pinned) == [], "used but not pinned"
    # pytest-xdist (and execnet, which it needs) are pinned because `make test` uses them.
    assert "--numprocesses $(TEST_PROCESSES)" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_installed_versions_are_the_pinned_ones():
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            assert importlib.metadata.version(match.group(1)) == match.group(2), match.group(1)


def test_every_npm_package_is_locked_with_its_integrity():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert lock["lockfileVersion"] == 3
    for path, entry in lock["packages"].items():
        if path:
            assert entry["integrity"].startswith("sha512-"), path
    for name, version in {**manifest["dependencies"], **manifest["devDependencies"]}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned exactly: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_one_licence_stated_the_same_way_everywhere():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert package["license"] == lock["packages"][""]["license"] == project["license"] == "MIT"
    assert licence.startswith("MIT License\n")
    assert project["license-files"] == ["LICENSE"]
    assert 'package.json, package-lock.json and pyproject.toml each state it as "MIT"' in licence.replace("\n", " ")


def test_the_licence_names_only_folders_that_exist():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    named = re.findall(r"(?<![\w/.:-])((?:[\w.*-]+/)+)", licence.split("---", 1)[1])
    assert "checkers/" in named and "examples/*/pages/" in named
    for folder in named:
        assert list(ROOT.glob(folder.rstrip("/"))), f"LICENSE names {folder}, which does not exist"


def test_software_by_others_ships_with_its_licence_text():
    """Pyodide (MPL-2.0) and the CPython standard library inside it (PSF) come with every site and the
    wheel: their texts are in docs/licences/, and the Software licences page names the pinned versions."""
    pyodide = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))
    python = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]["python"]
    assert pyodide["license"] == "MPL-2.0"
    assert (ROOT / "docs" / "licences" / "MPL-2.0.txt").read_text(encoding="utf-8").startswith("Mozilla Public License Version 2.0\n")
    psf = (ROOT / "docs" / "licences" / "python-LICENSE.txt").read_text(encoding="utf-8")
    assert "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2" in psf and "ZERO-CLAUSE BSD LICENSE" in psf
    page = (ROOT / "docs" / "licences.md").read_text(encoding="utf-8")
    assert f"Pyodide, version {pyodide['version']}" in page and f"Python {python}, inside Pyodide" in page
    assert "(licences/MPL-2.0.txt)" in page and "(licences/python-LICENSE.txt)" in page
    assert "licences.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    licence = " ".join((ROOT / "LICENSE").read_text(encoding="utf-8").split())
    assert "Pyodide (Mozilla Public License 2.0, docs/licences/MPL-2.0.txt)" in licence
    assert "(Python Software Foundation License Version 2, docs/licences/python-LICENSE.txt)" in licence


def test_every_built_site_carries_the_licence_texts(default_site):
    for name in ("MPL-2.0.txt", "python-LICENSE.txt"):
        assert (default_site.path / "licences" / name).read_bytes() == (ROOT / "docs" / "licences" / name).read_bytes()
    page = (default_site.path / "licences" / "index.html").read_text(encoding="utf-8")
    assert 'href="../licences/MPL-2.0.txt"' in page or 'href="MPL-2.0.txt"' in page
