"""Offline after the first visit: writes sw.js, a service worker that precaches every page, asset
and the checkers' runtime (assets/javascripts/offline.mjs registers it).

Every file is listed with its sha256 as Subresource Integrity, so the service worker refuses a
download that does not match the build, and checks each cached copy before it serves it. Its cache
is named after a hash of every cached file, so any change to the built site gives a new sw.js;
browsers fetch sw.js afresh (it is served with no-cache), install the new version on the next online
visit and delete the old cache. Pages are fetched network first, so that visit already shows the new
build; files named after their content (versioned_assets.versioned_files) come from the cache first.
Documents for download (the edition's PDF, 1.8 MB) are listed but not fetched when the service
worker installs: they are cached when the reader first opens one, so a first visit on metered data
does not download them unasked.

Plain functions on a built site folder: nothing here needs MkDocs (postbuild.py runs them).
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from .pyodide_runtime import files_checked_by_worker
from .versioned_assets import versioned_files

TEMPLATE = Path(__file__).resolve().parent / "service_worker.template.js"
# sitemap.xml stays in: Material reads it for every <link rel="alternate"> on a page, and each page
# links the feed of changes that way.
SKIP_NAMES = {"_headers", "_headers.nginx", "_headers.embed.nginx", "sw.js", "sitemap.xml.gz"}
SKIP_SUFFIXES = {".gz", ".map"}
SKIP_FOLDERS = ("assets/javascripts/lunr/",)  # language packs for search in other languages
ON_DEMAND_SUFFIXES = {".pdf"}  # cached when first opened, not when the service worker installs


def precache_list(site_dir: Path) -> list[str]:
    """Every file a reader may need offline, as URLs relative to the site root (pages as folders)."""
    paths = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site_dir).as_posix()
        if path.name in SKIP_NAMES or path.suffix in SKIP_SUFFIXES or relative.startswith(SKIP_FOLDERS):
            continue
        if path.name == "index.html":
            relative = relative[: -len("index.html")] or "./"
        paths.append(relative)
    return paths


def file_for(site_dir: Path, relative: str) -> Path:
    if relative == "./":
        return site_dir / "index.html"
    return site_dir / (relative + "index.html" if relative.endswith("/") else relative)


def integrity(data: bytes) -> str:
    """The Subresource Integrity value of a file's content."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def precache_entries(site_dir: Path, paths: list[str]) -> list[tuple[str, str]]:
    return [(relative, integrity(file_for(site_dir, relative).read_bytes())) for relative in paths]


def version(entries: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for relative, sri in entries:
        digest.update(relative.encode())
        digest.update(sri.encode())
    return digest.hexdigest()[:16]


def write_service_worker(site_dir: Path) -> list[str]:
    """Write sw.js precaching every file now in the site, each with its integrity; returns the precache list."""
    site_dir = Path(site_dir)
    paths = precache_list(site_dir)
    entries = precache_entries(site_dir, paths)
    script = TEMPLATE.read_text(encoding="utf-8")
    listing = "[\n" + ",\n".join("  " + json.dumps(list(entry)) for entry in entries) + "\n]"
    listed = set(paths)
    versioned = [path for path in versioned_files(site_dir) if path in listed]
    on_demand = [path for path in paths if Path(path).suffix in ON_DEMAND_SUFFIXES]
    checked_by_reader = [path for path in files_checked_by_worker(site_dir) if path in listed and path in versioned]
    script = (script.replace("__VERSION__", version(entries)).replace("__PRECACHE__", listing)
              .replace("__VERSIONED__", json.dumps(versioned)).replace("__ON_DEMAND__", json.dumps(on_demand))
              .replace("__CHECKED_BY_READER__", json.dumps(checked_by_reader)))
    (site_dir / "sw.js").write_text(script, encoding="utf-8")
    stale = site_dir / "sw.js.gz"  # from an earlier run; precompress writes it again
    if stale.exists():
        stale.unlink()
    return paths
