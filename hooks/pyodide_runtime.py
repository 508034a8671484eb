"""Ship the self-hosted Pyodide runtime and the checkers wheel with the site.

`make runtime` builds them into build/pyodide/ (scripts/build_pyodide_runtime.mjs): the pinned
Pyodide files, its standard library compiled and trimmed, the checkers wheel, and runtime.json
listing them. This hook adds those files to the site under assets/runtime/<content hash>/, so
their URLs change whenever their content does and hosts can cache them for a year. Checker forms
learn the folder and the wheel's name from config.extra["checker_runtime"].

What the worker would otherwise find out at start-up is written into it at build time
(assets/javascripts/checker-worker.mjs, in place of `const BUILD = {}`): the lock file's contents
(so it never fetches pyodide-lock.json) and the name of the interpreter's memory snapshot.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
# CHECKERS_RUNTIME_DIR points the build at another runtime folder (benchmarks compare runtimes).
RUNTIME_DIR = Path(os.environ.get("CHECKERS_RUNTIME_DIR") or ROOT / "build" / "pyodide")
MANIFEST = RUNTIME_DIR / "runtime.json"


def read_manifest() -> tuple[dict, str]:
    """The runtime manifest and the site folder its files go in."""
    if not MANIFEST.is_file():
        raise PluginError(
            f"{MANIFEST} is missing: build the checkers' runtime first with `make runtime` "
            "(or use `make site`, which does it for you)"
        )
    raw = MANIFEST.read_bytes()
    manifest = json.loads(raw)
    digest = hashlib.sha256(raw).hexdigest()[:12]
    return manifest, f"assets/runtime/{digest}/"


def runtime_files(manifest: dict) -> list[str]:
    # Files with the role "review" (the list of kept stdlib modules) are for people, not browsers.
    names = [entry["name"] for entry in manifest["files"] if entry.get("role") != "review"]
    missing = [name for name in names if not (RUNTIME_DIR / name).is_file()]
    if missing:
        raise PluginError(f"build/pyodide is incomplete ({', '.join(missing)} missing): run `make runtime`")
    return names


def on_config(config):
    manifest, folder = read_manifest()
    config.extra["checker_runtime"] = {
        "path": folder,
        "wheel": manifest["wheel"],
        "pyodide": manifest.get("pyodide_version", ""),
        "files": runtime_files(manifest),
    }
    return config


WORKER = "assets/javascripts/checker-worker.mjs"
BUILD_MARKER = "const BUILD = {};"


def worker_build_config(manifest: dict) -> dict:
    """What the checkers' worker needs to know about the runtime before it loads anything."""
    build = {}
    if manifest.get("lock_file_contents"):
        build["lockFileContents"] = manifest["lock_file_contents"]
    if manifest.get("snapshot"):
        build["snapshot"] = manifest["snapshot"]
    return build


def on_post_build(config):
    worker = Path(config.site_dir) / WORKER
    source = worker.read_text(encoding="utf-8")
    if source.count(BUILD_MARKER) != 1:
        raise PluginError(f"{WORKER} must contain `{BUILD_MARKER}` once, for the runtime's build settings")
    manifest, _ = read_manifest()
    baked = "const BUILD = " + json.dumps(worker_build_config(manifest), separators=(",", ":")) + ";"
    worker.write_text(source.replace(BUILD_MARKER, baked), encoding="utf-8")


def on_files(files, config):
    runtime = config.extra["checker_runtime"]
    for name in runtime["files"]:
        files.append(
            File.generated(config, runtime["path"] + name, abs_src_path=str(RUNTIME_DIR / name))
        )
    return files
