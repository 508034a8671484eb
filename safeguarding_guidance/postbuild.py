"""The steps that finish a built site, as plain functions on its folder: nothing here needs MkDocs.

Whatever builds the pages (MkDocs today; its successor after Material for MkDocs reaches end of life),
these steps turn the folder into the site that is published:

1. copy the checkers' runtime in and write its build settings into the worker
   (pyodide_runtime.copy_runtime, pyodide_runtime.bake_worker);
2. name every script and stylesheet after its content, and the pages after them
   (versioned_assets.version_assets), once nothing changes them any more;
3. write the service worker that makes the site work offline (offline_cache.write_service_worker),
   which lists every file, so it comes after everything else that adds files;
4. write the security headers from the pages as built (security_headers.write_headers);
5. write precompressed copies of the large files (precompress.precompress), last, so the service
   worker is compressed too.

    python -m safeguarding_guidance.postbuild SITE_DIR [--runtime FOLDER]

runs them on a folder from the command line.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from .offline_cache import write_service_worker
from .page_scripts import PackageScripts
from .precompress import precompress
from .pyodide_runtime import Runtime, bake_worker, copy_runtime, read_runtime
from .security_headers import write_headers
from .versioned_assets import version_assets


@dataclass(frozen=True)
class FinishedSite:
    runtime_files: int
    precached: int
    headers: int
    compressed: int


def finish_site(site_dir: Path, runtime: Runtime, embed_origins: tuple[str, ...] = (),
                scripts: PackageScripts | None = None) -> FinishedSite:
    """Run every post-build step on `site_dir`, in order. Raises security_headers.PolicyViolation when
    a page needs something the Content-Security-Policy would block, or carries a script the package
    did not write (`scripts`: the theme's own inline scripts; default, the installed theme's).
    `embed_origins`: the websites that may frame the checkers under /embed/ (embedding.py)."""
    site_dir = Path(site_dir)
    copied = copy_runtime(site_dir, runtime)
    bake_worker(site_dir, runtime)  # before the worker is named after its content
    version_assets(site_dir)  # before the service worker hashes every file
    precached = write_service_worker(site_dir)
    headers = write_headers(site_dir, embed_origins, scripts)
    compressed = precompress(site_dir)
    return FinishedSite(len(copied), len(precached), len(headers), len(compressed))


def main(argv: list[str] | None = None) -> int:
    from .resources import shared_files

    parser = argparse.ArgumentParser(description="Finish a built site: runtime, service worker, headers, compression.")
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--runtime", type=Path, help="the runtime folder (default: the installed one)")
    parser.add_argument("--embed-origin", action="append", default=[], metavar="ORIGIN",
                        help="a website that may frame the checkers under /embed/ (repeat for each)")
    args = parser.parse_args(argv)
    runtime = read_runtime(args.runtime or shared_files().runtime)
    finished = finish_site(args.site_dir, runtime, tuple(args.embed_origin))
    print(
        f"{args.site_dir}: {finished.runtime_files} runtime files copied, {finished.precached} files precached "
        f"by sw.js, {finished.headers} security headers, {finished.compressed} files precompressed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
