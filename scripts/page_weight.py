"""What a page weighs on a first visit: every resource the page (and the workers it starts) requests,
by name, with its size raw, gzip -9, and as the server sent it (a benchmark: it prints figures, it
asserts nothing).

    python scripts/page_weight.py [--site site] [--page ""] [--budget-kib 200] [--json]

Needs the built site (`make site`). The site is served by scripts/serve.py's SiteServer, with its
`_headers`; headless Debian chromium opens the page in a fresh browser context (an empty HTTP cache,
no service worker yet), waits for the page's load event, the search index and a quiet network, and
lists every request the page and its dedicated workers made (Material's search worker among them).

  gzip -9   each file as `gzip -9` compresses it: what a host that compresses sends, whatever
            SiteServer does. The total of this column is the page's weight, the figure issue 25
            sets a budget for (200 KiB for the home page).
  sent      the response body as the server sent it (compressed if the server compressed it).

The service worker's script counts as the page's (the page registers it); what the service worker
then downloads for its cache is summed on a line of its own, not in the page's weight. The last line says whether the page
requested the checkers' Pyodide runtime (assets/runtime/): the home page must not.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from serve import SiteServer  # noqa: E402

from chromium_launch import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
SEARCH_INDEX = "search/search_index.json"
RUNTIME_FOLDER = "assets/runtime/"  # the checkers' Pyodide runtime (safeguarding_guidance/pyodide_runtime.py)
KIB = 1024


@dataclass(frozen=True)
class Resource:
    path: str  # below the site root ("" is the home page)
    kind: str  # Playwright's resource type: document, stylesheet, script, fetch, image...
    raw: int
    gzip9: int
    sent: int  # the response body's size on the wire; -1 (or 0 for a worker's script) when the browser did not say


@dataclass(frozen=True)
class Visit:
    page: str
    resources: list[Resource]
    service_worker: list[Resource]  # what the service worker fetched for itself (not the page's weight)

    @property
    def gzip9(self) -> int:
        return sum(resource.gzip9 for resource in self.resources)

    @property
    def raw(self) -> int:
        return sum(resource.raw for resource in self.resources)

    @property
    def runtime_requested(self) -> list[str]:
        return [resource.path for resource in self.resources if resource.path.startswith(RUNTIME_FOLDER)]


def gzip9_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def file_for(site: Path, path: str) -> Path | None:
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def resource_of(site: Path, base_path: str, request) -> Resource | None:
    url = urlsplit(request.url)
    if url.scheme not in ("http", "https") or not url.path.startswith(base_path):
        return None
    path = unquote(url.path[len(base_path):])
    target = file_for(site, path)
    data = target.read_bytes() if target else b""
    try:
        sent = request.sizes()["responseBodySize"]
    except Exception:  # a request answered from memory or cancelled has no sizes
        sent = -1
    return Resource(path, request.resource_type, len(data), gzip9_size(data) if data else 0, sent)


def visit(browser, site: Path, page_path: str = "") -> Visit:
    """Open the page once, as a first-time visitor, and list what it and its workers requested."""
    site = Path(site).resolve()
    with SiteServer(site) as url:
        base_path = urlsplit(url).path
        context = browser.new_context(service_workers="allow")
        from_page, from_service_worker = [], []
        context.on("requestfinished", lambda request: (
            from_service_worker if is_precache(request) else from_page).append(request))
        page = context.new_page()
        with page.expect_request_finished(lambda request: request.url.endswith(SEARCH_INDEX), timeout=60000):
            page.goto(url + page_path, wait_until="load")
        page.wait_for_load_state("networkidle")
        resources = [r for r in (resource_of(site, base_path, request) for request in from_page) if r]
        service_worker = [r for r in (resource_of(site, base_path, request) for request in from_service_worker) if r]
        context.close()
    return Visit(page_path, unique(resources), unique(service_worker))


def is_precache(request) -> bool:
    """A download the service worker makes for its cache. The service worker's own script, which the
    browser fetches because the page registers it, counts as the page's."""
    return request.service_worker is not None and request.resource_type != "script"


def unique(resources: list[Resource]) -> list[Resource]:
    """Each file once (a file requested twice is downloaded once on a first visit with a cache)."""
    seen: dict[str, Resource] = {}
    for resource in resources:
        seen.setdefault(resource.path, resource)
    return list(seen.values())


def kib(n: int) -> str:
    return f"{n / KIB:,.1f}"


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def report(result: Visit, budget_kib: float | None) -> str:
    name = result.page or "(home page)"
    lines = [f"{name}: first visit, every resource the page and its workers requested (KiB = 1,024 bytes)",
             f"  {'resource':<58}{'type':<12}{'raw':>9}{'gzip -9':>9}{'sent':>9}"]
    for resource in sorted(result.resources, key=lambda r: -r.gzip9):
        sent = kib(resource.sent) if resource.sent > 0 or resource.raw == 0 else "-"
        lines.append(f"  {resource.path or '(page)':<58}{resource.kind:<12}{kib(resource.raw):>9}{kib(resource.gzip9):>9}{sent:>9}")
    sent_total = sum(r.sent for r in result.resources if r.sent > 0)
    lines.append(f"  {'total: ' + str(len(result.resources)) + ' resources':<70}{kib(result.raw):>9}"
                 f"{kib(result.gzip9):>9}{kib(sent_total):>9}")
    if budget_kib is not None:
        verdict = "within" if result.gzip9 <= budget_kib * KIB else "OVER"
        lines.append(f"  budget {budget_kib:g} KiB gzip -9: {verdict} ({kib(budget_kib * KIB - result.gzip9)} KiB to spare)")
    precache = result.service_worker
    lines.append(f"  the service worker's own downloads after the page (not counted above): {len(precache)} files, "
                 f"{kib(sum(r.raw for r in precache))} KiB raw, {kib(sum(r.gzip9 for r in precache))} KiB gzip -9")
    runtime = result.runtime_requested
    lines.append("  Pyodide runtime requested by the page: " + (", ".join(runtime) if runtime else "none"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--page", default="", help="the page's path below the site root (default: the home page)")
    parser.add_argument("--budget-kib", type=float, default=200, help="the weight to compare with (default: 200)")
    parser.add_argument("--json", action="store_true", help="print the resources as JSON")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run `make site` first", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            result = visit(browser, args.site, args.page)
        finally:
            browser.close()
    if args.json:
        print(json.dumps({"page": result.page, "gzip9": result.gzip9, "raw": result.raw,
                          "resources": [asdict(r) for r in result.resources],
                          "service_worker": [asdict(r) for r in result.service_worker]}, indent=1))
    else:
        print(f"Site {args.site}; load average {loadavg()}")
        print(report(result, args.budget_kib))
    return 0


if __name__ == "__main__":
    sys.exit(main())
