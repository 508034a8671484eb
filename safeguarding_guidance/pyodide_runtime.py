"""Ship the self-hosted Pyodide runtime and the checkers wheel with the site.

`make runtime` builds them into build/pyodide/ (scripts/build_pyodide_runtime.mjs): the pinned
Pyodide files, its standard library compiled and trimmed, the checkers wheel, and runtime.json
listing them. The installed package carries a copy (resources.py). `copy_runtime` puts those files
in the built site under assets/runtime/<content hash>/, so their URLs change whenever their content
does and hosts can cache them for a year. Checker forms learn the folder and the wheel's name from
`Runtime` before the pages are rendered.

What the worker would otherwise find out at start-up is written into it at build time
(assets/javascripts/checker-worker.mjs, in place of `const BUILD = {}`): the lock file's contents
(so it never fetches pyodide-lock.json) and the name of the interpreter's memory snapshot.

Plain functions: nothing here needs MkDocs (postbuild.py copies the runtime and bakes the worker).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .versioned_assets import find


class RuntimeMissing(FileNotFoundError):
    """The runtime folder is absent or incomplete."""


@dataclass(frozen=True)
class Runtime:
    source: Path  # the folder holding runtime.json and the files it lists
    path: str  # where the files go in the site: assets/runtime/<hash>/
    wheel: str
    pyodide: str
    files: tuple[str, ...]
    worker_build: tuple[tuple[str, object], ...] = ()  # what the worker needs before it loads anything

    def as_extra(self) -> dict:
        """What the checker forms read (config.extra["checker_runtime"])."""
        return {"path": self.path, "wheel": self.wheel, "pyodide": self.pyodide, "files": list(self.files)}


def read_runtime(source: Path) -> Runtime:
    """The runtime manifest in `source`, checked complete."""
    source = Path(source)
    manifest_file = source / "runtime.json"
    if not manifest_file.is_file():
        raise RuntimeMissing(
            f"{manifest_file} is missing: build the checkers' runtime first with `make runtime` "
            "(or use `make site`, which does it for you)"
        )
    raw = manifest_file.read_bytes()
    manifest = json.loads(raw)
    digest = hashlib.sha256(raw).hexdigest()[:12]
    # Files with the role "review" (the list of kept stdlib modules) are for people, not browsers.
    names = [entry["name"] for entry in manifest["files"] if entry.get("role") != "review"]
    missing = [name for name in names if not (source / name).is_file()]
    if missing:
        raise RuntimeMissing(f"{source} is incomplete ({', '.join(missing)} missing): run `make runtime`")
    return Runtime(
        source=source,
        path=f"assets/runtime/{digest}/",
        wheel=manifest["wheel"],
        pyodide=manifest.get("pyodide_version", ""),
        files=tuple(names),
        worker_build=tuple(worker_build_config(manifest).items()),
    )


WORKER = "assets/javascripts/checker-worker.mjs"
BUILD_MARKER = "const BUILD = {};"
# The marker as the source has it, or as an earlier run of the post-build steps baked it: running the
# steps again on a built folder gives the same worker.
BUILD_LINE = re.compile(r"^const BUILD = \{.*\};$", re.M)


class WorkerMarkerMissing(ValueError):
    """The worker script does not hold its build-settings marker exactly once."""


def worker_build_config(manifest: dict) -> dict:
    """What the checkers' worker needs to know about the runtime before it loads anything."""
    build = {}
    if manifest.get("lock_file_contents"):
        build["lockFileContents"] = manifest["lock_file_contents"]
    if manifest.get("snapshot"):
        build["snapshot"] = manifest["snapshot"]
    hashes = {entry["name"]: entry.get("sha256") for entry in manifest.get("files", [])}
    integrity = {name: sri_of_hex(hashes[name]) for name in checked_by_worker(manifest) if hashes.get(name)}
    if integrity:
        build["integrity"] = integrity
    return build


def checked_by_worker(manifest: dict) -> list[str]:
    """The runtime's large files, which the worker checks against their hash itself before it uses them
    (the service worker serves them from its cache unread: checker-worker.mjs, `checked`)."""
    names = ["pyodide.asm.wasm", manifest.get("stdlib") or "python_stdlib.zip"]
    if manifest.get("snapshot"):
        names.append(manifest["snapshot"])
    return names


def sri_of_hex(hex_digest: str) -> str:
    """A SHA-256 hex digest as a Subresource Integrity value."""
    return "sha256-" + base64.b64encode(bytes.fromhex(hex_digest)).decode()


def bake_worker(site_dir: Path, runtime: Runtime) -> Path:
    """Write the runtime's build settings into the built site's worker script (under its plain name, or
    its versioned one when the post-build steps run again on a finished site)."""
    worker = find(site_dir, WORKER)
    source = worker.read_text(encoding="utf-8")
    if len(BUILD_LINE.findall(source)) != 1:
        raise WorkerMarkerMissing(f"{WORKER} must contain `{BUILD_MARKER}` once, for the runtime's build settings")
    baked = "const BUILD = " + json.dumps(dict(runtime.worker_build), separators=(",", ":")) + ";"
    worker.write_text(BUILD_LINE.sub(lambda _: baked, source), encoding="utf-8")
    return worker


def baked_build(source: str) -> dict:
    """The build settings bake_worker wrote into a worker script (empty if none were baked)."""
    line = BUILD_LINE.search(source)
    return json.loads(line.group(0)[len("const BUILD = "):-len(";")]) if line else {}


def files_checked_by_worker(site_dir: Path) -> list[str]:
    """The runtime files the built site's worker checks against their hash itself (the `integrity` baked
    into it), as paths from the site root: the service worker serves these from its cache unread."""
    site_dir = Path(site_dir)
    try:
        worker = find(site_dir, WORKER)
    except FileNotFoundError:
        return []
    names = baked_build(worker.read_text(encoding="utf-8")).get("integrity", {})
    folders = sorted(path for path in (site_dir / "assets" / "runtime").glob("*") if path.is_dir())
    return [(folder / name).relative_to(site_dir).as_posix()
            for folder in folders for name in sorted(names) if (folder / name).is_file()]


def copy_runtime(site_dir: Path, runtime: Runtime) -> list[Path]:
    """Copy the runtime's files into the built site; returns the files written."""
    target = Path(site_dir) / runtime.path
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in runtime.files:
        destination = target / name
        shutil.copyfile(runtime.source / name, destination)
        written.append(destination)
    return written
