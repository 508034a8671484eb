"""The checkers in the browser: how soon the checker is ready on a first (cold) visit and on a later
(warm) visit, against a naive main-thread Pyodide page, and how soon a submit made the moment it
says ready is answered (a benchmark: it prints figures, it asserts nothing).

    python scripts/bench_site.py [--runs 5] [--warm-runs 5] [--no-variant] [--no-instrument]
                                 [--link MBIT] [--service-workers allow|block] [--site site]

Needs the built site (`make site`). Headless Debian chromium, launched as the tests launch it.

Cold: every measurement is a fresh browser context, so the HTTP cache is empty and the site's
service worker is not installed yet. The columns take turns within each round; medians of the runs
are shown, with min-max where it helps.

  ours         checkers/lawful-basis/ of the built site, served by SiteServer with its _headers
               (CSP and all): navigation start to data-checker-state="ready"; then, in the same
               task as the state change, the answers are ticked and "Check my answers" clicked, and
               the time to [data-checker-result][data-outcome] is taken (the first submit).
  naive        a page generated into a temporary folder (not part of the site), served by SiteServer
               with no CSP: the stock node_modules/pyodide files (original python_stdlib.zip and
               pyodide-lock.json) and the plain wheel from build/wheel/ on the MAIN THREAD with
               default options: loadPyodide({indexURL}), then fetch + unpackArchive + import
               checkers.api (= ready), then one api.handle() of the same answers.
  unoptimised  (unless --no-variant) our page and worker, with the stock Pyodide files and the plain
               wheel as the runtime: the site is rebuilt into a temporary folder with
               CHECKERS_RUNTIME_DIR pointing at them. ours / unoptimised is what compiling and
               trimming the standard library, the minimal lock file and the precompiled wheel buy.

Warm: one persistent browser profile (a user-data folder, so the HTTP cache, the service worker
and its cache, and compiled code stay on disk, as in a reader's browser). A first visit, then the
service worker is left to cache the site (the runtime and the interpreter's memory snapshot with
it); then --warm-runs later visits, each in the browser started afresh on that profile, so that
nothing is left in memory. Playwright's private contexts would not do: their small in-memory cache
drops the 9.6 MB .wasm.

Settling: each launch of the browser is followed by --settle seconds (default 3) before the first
visit. Chromium starts pages of its own at launch (its address bar's popup, a WebUI page, about a
second of CPU on a 2-core machine); a reader's visit is to a browser already running, and without the
pause the warm visits, which each start the browser, would measure that too.

Where the time goes: ours is served from a temporary copy of the site whose checker-worker.mjs
posts a timestamp after each step (pyodide.mjs imported, WebAssembly compiled, the interpreter
started or restored, wheel unpacked, checkers imported, warmed up), stamped with the worker's clock;
its sw.js is regenerated for it. --no-instrument serves the site itself and prints no breakdown.

Bytes: "the page and its worker load" sums the files behind every URL the page and its checker
worker requested (their size on disk, uncompressed), however each was answered (network, HTTP cache,
service worker); "on the wire" is every response body the server wrote during the visit, gzipped as
SiteServer sends it to a browser (as the static hosts in deploy/ do), including the service worker's
install (its requests are told apart by Playwright) and any file fetched twice.

  --link MBIT   send every response through one shared link of that speed (bytes as sent), so that
                downloads, and the service worker's precache competing with them, cost what they
                would on a real connection. Loopback (the default) hides them.

Timings depend on the machine: the figures are CPU-bound on loopback, so the number of CPUs and the
load average are printed with them.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from serve import SiteHandler, SiteServer  # noqa: E402

from chromium_launch import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
STOCK = ROOT / "node_modules" / "pyodide"
STOCK_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
OURS_RUNTIME = Path(os.environ.get("CHECKERS_RUNTIME_DIR") or ROOT / "build" / "pyodide")
PLAIN_WHEEL_DIR = ROOT / "build" / "wheel"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
CHECKER = "lawful-basis"
# The answers ticked in the page (the Node benchmark's input), as the form posts them.
ANSWERS = [
    ["organisation", "voluntary"], ["purpose", "safeguarding"], ["protecting", "child"],
    ["concern", "significant_harm"], ["data", "personal"], ["data", "special_category"],
    ["consent", "would_prejudice"], ["confidential", "true"],
]
COLD_TARGET, COLD_AIM, WARM_TARGET, RESULT_TARGET_MS = 0.5, 0.4, 0.30, 50.0
TIMEOUT_MS = 90_000

INIT_SCRIPT = """
(() => {
  const now = () => performance.now();
  const bench = window.__bench = { states: [], worker: [] };
  const NativeWorker = window.Worker;
  if (typeof NativeWorker === "function") {
    window.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        if (!String(args[0]).includes("checker-worker")) return;  // not Material's search worker
        bench.worker.push({ event: "created", t: now() });
        this.addEventListener("message", (event) => {
          const m = event.data || {};
          // `at` (epoch ms, stamped in the worker) only comes from an --instrument worker.
          const t = typeof m.at === "number" ? m.at - performance.timeOrigin : now();
          const name = m.type === "progress" ? m.stage : m.type;
          bench.worker.push({ event: name, t, ms: m.ms });
        });
      }
    };
  }
  const answers = __ANSWERS__;
  new MutationObserver((records) => {
    for (const record of records) {
      const el = record.target;
      if (record.attributeName === "data-checker-state" && el.dataset.checker === "__CHECKER__") {
        const state = el.dataset.checkerState;
        if (!bench.states.length || bench.states[bench.states.length - 1].state !== state) bench.states.push({ state, t: now() });
        if (state === "ready" && bench.ready === undefined) {
          // The moment the checker says ready: tick the answers and press "Check my answers".
          bench.ready = now();
          bench.loadedFrom = el.dataset.checkerLoadedFrom || "";
          for (const [name, value] of answers) el.querySelector(`input[name="${name}"][value="${value}"]`).checked = true;
          bench.submitted = now();
          el.querySelector("[data-checker-submit]").click();
          bench.clicked = now();  // the request is posted to the worker inside click()
        }
        if (state === "unavailable") bench.failed = el.querySelector("[data-checker-status]").textContent;
      }
      if (record.attributeName === "data-outcome" && el.dataset.outcome && bench.result === undefined) {
        bench.result = now();
        bench.outcome = el.dataset.outcome;
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-checker-state", "data-outcome"] });
})();
"""

NAIVE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Naive Pyodide (main thread)</title></head>
<body data-state="loading"><p>Naive: stock Pyodide on the main thread, default options.</p>
<script type="module">
const marks = {};
const mark = (name) => { marks[name] = performance.now(); };
window.__naive = { marks };
try {
  const { loadPyodide } = await import("./pyodide/pyodide.mjs");
  mark("imported");
  const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
  mark("loaded");
  const wheel = await (await fetch("./__WHEEL__")).arrayBuffer();
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel");
  mark("unpacked");
  const api = pyodide.pyimport("checkers.api");
  mark("ready");
  document.body.dataset.state = "ready";
  const response = JSON.parse(api.handle(__REQUEST__));
  mark("evaluated");
  window.__naive.outcome = response.ok ? response.result.outcome : "error";
  document.body.dataset.state = "done";
} catch (error) {
  window.__naive.error = String(error && error.stack || error);
  document.body.dataset.state = "failed";
}
</script>
</body></html>
"""


# The --instrument worker: the site's own checker-worker.mjs with this prelude, and a mark after
# each step found in its source. Every message it posts carries `at`, the worker's clock as epoch ms.
INSTRUMENT_PRELUDE = """// Instrumented by scripts/bench_site.py --instrument (a temporary copy; not part of the site).
const __post = self.postMessage.bind(self);
const __at = () => performance.timeOrigin + performance.now();
self.postMessage = (message, ...rest) =>
  __post(message && typeof message === "object" ? { ...message, at: __at() } : message, ...rest);
const __mark = (stage) => __post({ type: "progress", stage: `mark: ${stage}`, at: __at() });
__mark("worker module running");
for (const name of ["instantiateStreaming", "compileStreaming"]) {
  const original = WebAssembly[name];
  if (typeof original !== "function") continue;
  WebAssembly[name] = async function (...args) {
    __mark(`WebAssembly.${name} called`);
    const result = await original.apply(this, args);
    __mark(`WebAssembly.${name} resolved`);
    return result;
  };
}
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "evaluate") __mark("evaluate request received");
});
"""
INSTRUMENT_MARKS = [  # (regular expression on a source line ending in ";", mark after it)
    (r"await import\(", "pyodide.mjs imported"),
    (r"await snapshot;", "snapshot read"),
    (r"await snapshotIfTheLinkIsFast\(", "first visit: link measured"),
    (r"await loaded\(loadPyodide\(", "loadPyodide resolved"),
    (r"\.unpackArchive\(", "wheel unpacked"),
    (r"pyimport\(", "checkers.api imported"),
    (r"warm_up\(\)", "warmed up"),
]
INSTRUMENT_OPTIONS = ("packages: [],", 'packages: [], fsInit: () => __mark("wasm instantiated (preRun)"),')


# --first-visit start-up: the worker's threshold for fetching the snapshot on a first visit, set so
# that no connection passes it.
FAST_LINK = ("const FAST_LINK_MS = ", "const FAST_LINK_MS = -1; // scripts/bench_site.py --first-visit start-up")


def instrument_site(site: Path, folder: Path, first_visit_start_up: bool = False) -> tuple[Path, list[str]]:
    """A copy of the built site whose checker worker posts timestamps; returns it and the marks placed.
    With first_visit_start_up, its worker never fetches the snapshot on a first visit."""
    import re

    shutil.copytree(site, folder)
    sys.path.insert(0, str(ROOT))
    from safeguarding_guidance.versioned_assets import find

    worker = find(folder, "assets/javascripts/checker-worker.mjs")  # under its versioned name
    lines, placed = [], ["worker module running", "WebAssembly.instantiateStreaming called/resolved",
                         "evaluate request received"]
    for line in worker.read_text(encoding="utf-8").splitlines():
        if INSTRUMENT_OPTIONS[0] in line:
            line = line.replace(*INSTRUMENT_OPTIONS)
            placed.append("wasm instantiated (preRun)")
        if first_visit_start_up and line.startswith(FAST_LINK[0]):
            line = FAST_LINK[1]
            placed.append("(first visits start Python)")
        lines.append(line)
        for pattern, mark in INSTRUMENT_MARKS:
            if re.search(pattern, line) and line.rstrip().endswith(";"):
                indent = line[: len(line) - len(line.lstrip())]
                lines.append(f'{indent}__mark("{mark}");')
                placed.append(mark)
    worker.write_text(INSTRUMENT_PRELUDE + "\n".join(lines) + "\n", encoding="utf-8")
    # The service worker caches every file with its hash: list the instrumented worker's.
    sys.path.insert(0, str(ROOT))
    from safeguarding_guidance.offline_cache import write_service_worker

    write_service_worker(folder)
    return folder, placed


# --- serving, with the bytes counted ----------------------------------------------------------

class Link:
    """One shared link of a given speed: every response body of a server queues for it, chunk by chunk."""

    def __init__(self, mbit_per_s: float):
        self.bytes_per_s = mbit_per_s * 1e6 / 8
        self.lock = threading.Lock()
        self.free_at = 0.0

    def send(self, n: int) -> None:
        with self.lock:
            start = max(time.monotonic(), self.free_at)
            self.free_at = start + n / self.bytes_per_s
            done = self.free_at
        time.sleep(max(0.0, done - time.monotonic()))


class CountingHandler(SiteHandler):
    """SiteHandler that notes every response body it writes: (path, bytes, from the SW install?)."""

    def __init__(self, *args, log: list, lock: threading.Lock, link: Link | None, **kwargs):
        self.log, self.lock, self.link = log, lock, link
        super().__init__(*args, **kwargs)

    def copyfile(self, source, outputfile):
        written = 0
        while chunk := source.read(64 * 1024 if self.link else 256 * 1024):
            if self.link:
                self.link.send(len(chunk))
            outputfile.write(chunk)
            written += len(chunk)
        with self.lock:
            self.log.append((self.path.split("?")[0], written))


class CountingServer(SiteServer):
    def __init__(self, root: Path, mbit_per_s: float | None = None, **kwargs):
        super().__init__(root, **kwargs)
        self.root = Path(root).resolve()
        self.log: list = []
        self.lock = threading.Lock()
        old = self.httpd.RequestHandlerClass
        self.httpd.RequestHandlerClass = functools.partial(
            CountingHandler, *old.args, **old.keywords, log=self.log, lock=self.lock,
            link=Link(mbit_per_s) if mbit_per_s else None)

    def take(self) -> list:
        with self.lock:
            taken = list(self.log)
            self.log.clear()
        return taken

    def size_of(self, url: str) -> int:
        """The size of the file a URL of this server names (0 if none)."""
        path = unquote(urlsplit(url).path).lstrip("/")
        file = self.root / path
        if file.is_dir() or path == "" or path.endswith("/"):
            file = file / "index.html"
        return file.stat().st_size if file.is_file() else 0


def wire(log: list, server: CountingServer, requested: list, from_service_worker: list | None = None) -> dict:
    """Bytes: on the wire (server log), fetched more than once, the files the page itself loaded, and
    what the service worker's install fetched from the server (its requests that reached the wire)."""
    by_path: dict[str, list[int]] = {}
    for path, n in log:
        by_path.setdefault(path, []).append(n)
    urls = {request.url for request in requested}
    sw_paths = {urlsplit(url).path for url in (from_service_worker or [])}
    return {
        "wire": sum(n for _, n in log),
        "sw_bytes": sum(max(by_path[path]) for path in sw_paths if path in by_path),
        "twice": sum(sum(sizes) - max(sizes) for sizes in by_path.values()),
        "bytes": sum(server.size_of(url) for url in urls),
        "requests": len(urls),
    }


# --- preparing the pages -----------------------------------------------------------------------

def manifest_of(runtime_dir: Path) -> dict:
    return json.loads((runtime_dir / "runtime.json").read_text(encoding="utf-8"))


def plain_wheel(manifest: dict) -> Path:
    wheel = PLAIN_WHEEL_DIR / manifest["wheel"]
    if not wheel.is_file():
        sys.exit(f"{wheel.relative_to(ROOT)} is missing: run `make runtime` (or `make site`)")
    return wheel


def request_json() -> str:
    return json.dumps({"checker": CHECKER, "form": ANSWERS})


def make_naive(folder: Path, wheel: Path) -> None:
    (folder / "pyodide").mkdir(parents=True)
    for name in STOCK_FILES:
        shutil.copy2(STOCK / name, folder / "pyodide" / name)
    shutil.copy2(wheel, folder / wheel.name)
    page = NAIVE_PAGE.replace("__WHEEL__", wheel.name).replace("__REQUEST__", json.dumps(request_json()))
    (folder / "index.html").write_text(page, encoding="utf-8")


def make_unoptimised_site(folder: Path, manifest: dict, wheel: Path) -> Path:
    """The stock Pyodide files and the plain wheel as a runtime folder, and the site built with it."""
    import hashlib

    runtime = folder / "runtime"
    runtime.mkdir(parents=True)
    files = []
    for source in [STOCK / name for name in STOCK_FILES] + [wheel]:
        shutil.copy2(source, runtime / source.name)
        data = source.read_bytes()
        files.append({"name": source.name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                      "role": "wheel" if source == wheel else "runtime"})
    stock_version = json.loads((STOCK / "package.json").read_text(encoding="utf-8"))["version"]
    (runtime / "runtime.json").write_text(json.dumps({
        "pyodide_version": stock_version, "python_version": manifest.get("python_version", ""),
        "wheel": wheel.name, "stdlib": "python_stdlib.zip", "files": files,
    }, indent=2) + "\n", encoding="utf-8")
    site = folder / "site"
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "CHECKERS_RUNTIME_DIR": str(runtime)},
    )
    if result.returncode != 0:
        sys.exit(f"building the site with the unoptimised runtime failed:\n{result.stdout}{result.stderr}")
    return site


# --- one cold visit ----------------------------------------------------------------------------

def resource_ends(page_requests: list, origin_ms: float) -> dict:
    """responseEnd of the runtime files, in ms from navigation start."""
    ends = {}
    for request in page_requests:
        timing = request.timing
        if timing.get("responseEnd", -1) < 0:
            continue
        name = request.url.rsplit("/", 1)[-1]
        if name.endswith((".wasm", ".zip", ".whl", ".mjs", "pyodide-lock.json")):
            ends[name] = timing["startTime"] + timing["responseEnd"] - origin_ms
    return ends


READY_SELECTOR = (f'[data-checker="{CHECKER}"][data-checker-state="ready"], '
                  f'[data-checker="{CHECKER}"][data-checker-state="unavailable"]')


def measure(page, server: CountingServer, url: str, wait_for_service_worker: bool) -> dict:
    """One visit to our checker in a page of a prepared context: timings, bytes, worker messages."""
    finished, from_service_worker = [], []
    page.on("requestfinished", lambda request: finished.append(request))
    page.context.on("requestfinished", lambda request: from_service_worker.append(request.url)
                    if request.service_worker is not None else None)
    server.take()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(READY_SELECTOR, timeout=TIMEOUT_MS)
    bench = page.evaluate("window.__bench")
    if bench.get("failed"):
        return {"error": f"checker unavailable: {bench['failed']}"}
    page.wait_for_selector("[data-checker-result][data-outcome]", timeout=TIMEOUT_MS)
    bench = page.evaluate("window.__bench")
    if wait_for_service_worker:
        # Let the service worker finish installing (it caches the site), to count its bytes.
        page.evaluate("""() => !navigator.serviceWorker ? 'none' : Promise.race([
            navigator.serviceWorker.ready.then(() => performance.now()),
            new Promise((resolve) => setTimeout(() => resolve('timeout'), 60000))])""")
    page.wait_for_load_state("networkidle")
    origin = page.evaluate("performance.timeOrigin")
    ends = resource_ends(finished, origin)
    log = server.take()
    return {
        "ready": bench["ready"], "result": bench["result"] - bench["submitted"], "outcome": bench["outcome"],
        "from": bench.get("loadedFrom") or "-",
        "t_submitted": bench["submitted"], "t_clicked": bench["clicked"], "t_result": bench["result"],
        **wire(log, server, finished, from_service_worker),
        "worker": bench["worker"], "states": bench["states"], "ends": ends,
    }


def init_script() -> str:
    return INIT_SCRIPT.replace("__ANSWERS__", json.dumps(ANSWERS)).replace("__CHECKER__", CHECKER)


def visit_ours(browser, server: CountingServer, url: str, service_workers: str) -> dict:
    context = browser.new_context(service_workers=service_workers)
    context.add_init_script(init_script())
    try:
        return measure(context.new_page(), server, url, service_workers == "allow")
    finally:
        context.close()


WHOLE_SITE_CACHED = """async () => {
  const registration = await navigator.serviceWorker.ready;
  for (let i = 0; i < 1200; i++) {
    const keys = await caches.keys();
    if (keys.length === 1 && navigator.serviceWorker.controller) {
      const cached = (await (await caches.open(keys[0])).keys()).map((request) => request.url);
      if (cached.some((url) => url.endsWith("/interpreter-snapshot.bin"))) return cached.length;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 0;
}"""


def visit_warm(playwright, server: CountingServer, url: str, visits: int, settle_s: float) -> tuple[dict, list[dict]]:
    """A first visit in a new persistent profile, then later visits, each in the browser started
    afresh on that profile (and left settle_s seconds to finish starting). Returns (the first visit,
    the later visits)."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        def session():
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, service_workers="allow")
            context.add_init_script(init_script())
            time.sleep(settle_s)
            return context

        context = session()
        try:
            page = context.pages[0] if context.pages else context.new_page()
            first = measure(page, server, url, wait_for_service_worker=True)
            if "error" not in first and not page.evaluate(WHOLE_SITE_CACHED):
                first = {"error": "the service worker did not cache the site"}
        finally:
            context.close()
        later = []
        for _ in range(visits if "error" not in first else 0):
            context = session()
            try:
                page = context.pages[0] if context.pages else context.new_page()
                later.append(measure(page, server, url, wait_for_service_worker=False))
            finally:
                context.close()
        return first, later


def visit_naive(browser, server: CountingServer, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    server.take()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_selector('body[data-state="done"], body[data-state="failed"]', timeout=TIMEOUT_MS)
        naive = page.evaluate("window.__naive")
        page.wait_for_load_state("networkidle")
        origin = page.evaluate("performance.timeOrigin")
        ends = resource_ends(finished, origin)
    finally:
        context.close()
    log = server.take()
    if naive.get("error"):
        return {"error": naive["error"]}
    marks = naive["marks"]
    return {
        "ready": marks["ready"], "result": marks["evaluated"] - marks["ready"], "outcome": naive["outcome"],
        **wire(log, server, finished), "marks": marks, "ends": ends,
    }


# --- printing ----------------------------------------------------------------------------------

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ms(values, digits: str = ",.0f") -> str:
    """Median in milliseconds, with the range when there is more than one value."""
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    m = statistics.median(values)
    return f"{m:{digits}} ms ({min(values):{digits}}-{max(values):{digits}})" if len(values) > 1 else f"{m:{digits}} ms"


def ms_fine(values) -> str:
    return ms(values, ".1f")


def mb(n) -> str:
    return "-" if n is None else f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


def ratio(a, b) -> str:
    return f"{a / b:.2f}x" if a is not None and b else "-"


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def size(n: int) -> str:
    return f"{n:,} B" if n < 1024 else f"{n / 1024:,.0f} kB"


def print_sizes(manifest: dict, wheel: Path) -> None:
    print("Runtime files, size / gzip -6 (what a compressing host would send):")
    print(f"  {'file':<42}{'ours: ' + shown(OURS_RUNTIME) + '/':>28}"
          f"{'stock: node_modules/pyodide/':>32}")
    rows = [(name, OURS_RUNTIME / name, STOCK / name) for name in STOCK_FILES]
    rows.append(("checkers wheel (ours precompiled; plain)", OURS_RUNTIME / manifest["wheel"], wheel))
    if manifest.get("snapshot"):
        rows.append(("memory snapshot (gzip)", OURS_RUNTIME / manifest["snapshot"], Path("/nonexistent")))
    totals = [0, 0, 0, 0]
    for name, ours, stock in rows:
        cells = []
        for i, path in enumerate((ours, stock)):
            data = path.read_bytes() if path.is_file() else b""
            packed = len(gzip.compress(data, 6)) if data else 0
            totals[2 * i] += len(data)
            totals[2 * i + 1] += packed
            cells.append(f"{size(len(data))} / {size(packed)}" if data else "-")
        print(f"  {name:<42}{cells[0]:>28}{cells[1]:>32}")
    print(f"  {'total (ours: with the snapshot)':<42}{size(totals[0]) + ' / ' + size(totals[1]):>28}{size(totals[2]) + ' / ' + size(totals[3]):>32}")


PHASES = [  # (label, from event (or events: the last of them that happened), to event): the worker's marks
    ("page, until the worker is created", None, "page: worker created"),
    ("worker script, pyodide.mjs", "page: worker created", "worker: mark: pyodide.mjs imported"),
    ("first visit: link measured (snapshot fetched)", "worker: mark: pyodide.mjs imported", "worker: mark: first visit: link measured"),
    ("pyodide.asm.mjs fetched and run", ("worker: mark: pyodide.mjs imported", "worker: mark: first visit: link measured"),
     "worker: mark: WebAssembly.instantiateStreaming called"),
    ("fetch: .wasm (compiled as it streams)", "worker: mark: WebAssembly.instantiateStreaming called", "worker: mark: WebAssembly.instantiateStreaming resolved"),
    ("instantiate, file system", "worker: mark: WebAssembly.instantiateStreaming resolved", "worker: mark: wasm instantiated (preRun)"),
    ("interpreter: start (or restore)", "worker: mark: wasm instantiated (preRun)", "worker: mark: loadPyodide resolved"),
    ("wheel: unpack", "worker: mark: loadPyodide resolved", "worker: mark: wheel unpacked"),
    ("checkers: import, warm-up", "worker: mark: wheel unpacked", "worker: ready"),
    ("checkers: import, check (snapshot)", "worker: mark: loadPyodide resolved", "worker: ready"),
    ("ready reaches the page", "worker: ready", "page: state ready"),
]


def events_of(r: dict) -> dict[str, float]:
    """First time of each event of a visit, as labels: page states, worker messages, downloads."""
    events: dict[str, float] = {}
    for state in r["states"]:
        events.setdefault(f"page: state {state['state']}", state["t"])
    for event in r["worker"]:
        label = "page: worker created" if event["event"] == "created" else f"worker: {event['event']}"
        events.setdefault(label, event["t"])
    for key, label in [("t_submitted", "page: answers ticked, submit clicked"),
                       ("t_clicked", "page: click() returned (request posted)"), ("t_result", "page: result shown")]:
        events.setdefault(label, r[key])
    for file, t in r["ends"].items():
        events.setdefault(f"downloaded: {file}", t)
    return events


def phase_durations(r: dict) -> dict[str, float]:
    events, found = events_of(r), {}
    snapshot = r.get("from") == "snapshot"
    for label, begin, end in PHASES:
        if ("(snapshot)" in label) != snapshot and label.startswith("checkers"):
            continue
        if snapshot and label.startswith("wheel"):
            continue
        if begin is None:
            t0 = 0.0
        else:
            found_begins = [events[b] for b in ((begin,) if isinstance(begin, str) else begin) if b in events]
            t0 = max(found_begins) if found_begins else None
        t1 = events.get(end)
        if t0 is not None and t1 is not None:
            found[label] = t1 - t0
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold visits per column (default 5)")
    parser.add_argument("--warm-runs", type=int, default=5, help="later visits in one persistent profile (default 5; 0: none)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default site/)")
    parser.add_argument("--no-variant", action="store_true", help="skip the unoptimised-runtime column")
    parser.add_argument("--service-workers", choices=["allow", "block"], default="allow",
                        help="on cold visits, let our site's service worker register and cache the site (default) or block it")
    parser.add_argument("--no-instrument", action="store_true",
                        help="serve the site itself, not a copy whose worker posts a timestamp after each step; no breakdown")
    parser.add_argument("--first-visit", choices=["measured", "start-up"], default="measured",
                        help="measured (default): the site as built, whose worker fetches the snapshot on a first visit"
                             " only when the connection proves fast; start-up: first visits always start Python"
                             " (needs the instrumented copy)")
    parser.add_argument("--settle", type=float, default=3.0, metavar="SECONDS",
                        help="after each launch of the browser, wait this long before the first visit (default 3):"
                             " the browser's own start-up work (about a second of CPU) is not part of a visit")
    parser.add_argument("--link", type=float, metavar="MBIT",
                        help="serve every column through one shared link of this many Mbit/s (bytes as sent; "
                             "default: loopback, unlimited), to see what the downloads and the service worker's "
                             "precache cost on a real connection")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warm_runs < 0:
        parser.error("--runs must be at least 1 and --warm-runs at least 0")
    if args.no_instrument and args.first_visit == "start-up":
        parser.error("--first-visit start-up changes the instrumented copy: drop --no-instrument")
    if not (args.site / "checkers" / CHECKER / "index.html").is_file():
        sys.exit(f"{args.site} holds no built site: run `make site` first")
    if not Path(CHROMIUM).exists():
        sys.exit("Debian chromium is missing: apt-get install -y chromium")
    manifest = manifest_of(OURS_RUNTIME)
    wheel = plain_wheel(manifest)
    started = time.monotonic()
    load_before = loadavg()
    instrument = not args.no_instrument

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-site-") as temp:
        temp = Path(temp)
        make_naive(temp / "naive", wheel)
        columns = ["ours", "naive"]
        roots = {"ours": args.site, "naive": temp / "naive"}
        placed: list[str] = []
        if instrument:
            roots["ours"], placed = instrument_site(args.site, temp / "instrumented", args.first_visit == "start-up")
        if not args.no_variant:
            roots["unoptimised"] = make_unoptimised_site(temp / "unoptimised", manifest, wheel)
            if instrument:
                roots["unoptimised"], _ = instrument_site(roots["unoptimised"], temp / "unoptimised-instrumented",
                                                          args.first_visit == "start-up")
            columns.append("unoptimised")
        servers = {name: CountingServer(root, args.link) for name, root in roots.items()}
        urls = {name: server.__enter__() for name, server in servers.items()}
        results: dict[str, list] = {name: [] for name in columns}
        errors: dict[str, list] = {name: [] for name in [*columns, "warm"]}
        warm_first, warm = None, []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                time.sleep(args.settle)
                version = browser.version
                for _ in range(args.runs):
                    for name in columns:
                        if name == "naive":
                            r = visit_naive(browser, servers[name], urls[name])
                        else:
                            r = visit_ours(browser, servers[name], f"{urls[name]}checkers/{CHECKER}/", args.service_workers)
                        (errors if "error" in r else results)[name].append(r.get("error", r))
                browser.close()
                if args.warm_runs:
                    warm_first, warm = visit_warm(playwright, servers["ours"], f"{urls['ours']}checkers/{CHECKER}/", args.warm_runs, args.settle)
                    if "error" in warm_first:
                        errors["warm"].append(warm_first["error"])
                    errors["warm"] += [r["error"] for r in warm if "error" in r]
                    warm = [r for r in warm if "error" not in r]
        finally:
            for server in servers.values():
                server.__exit__(None, None, None)

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"Checkers in the browser: headless Chromium {version}; cold: median of {args.runs} first visits (min-max);"
          f" warm: median of {len(warm)} later visits in one persistent profile")
    print(f"Machine: {cpus} CPUs ({cpu_model()}), load average {load_before} before, {loadavg()} after;"
          f" Python {platform.python_version()}; service workers on cold visits: {args.service_workers};"
          f" {'link ' + format(args.link, 'g') + ' Mbit/s (shared, bytes as sent)' if args.link else 'loopback, no bandwidth limit'}")
    print()
    print_sizes(manifest, wheel)
    print()
    for name in [*columns, "warm"]:
        for error in errors[name]:
            print(f"{name}: a run failed: {error}")

    def col(name, key):
        return [r[key] for r in results[name]]

    header = f"{'cold (first visit)':<42}{'ours':>28}{'naive':>28}{'ours/naive':>12}"
    if "unoptimised" in columns:
        header += f"{'ours unoptimised':>28}{'ours/unopt.':>13}"
    print(header)

    def row(label, key, fmt):
        o, n = med(col("ours", key)), med(col("naive", key))
        line = f"{label:<42}{fmt(col('ours', key)):>28}{fmt(col('naive', key)):>28}{ratio(o, n):>12}"
        if "unoptimised" in columns:
            u = med(col("unoptimised", key))
            line += f"{fmt(col('unoptimised', key)):>28}{ratio(o, u):>13}"
        print(line)

    row("navigation -> ready", "ready", ms)
    row("submit at ready -> result (naive: 1st eval)", "result", ms_fine)
    for name in [c for c in columns if c != "naive"]:
        counts = {source: col(name, "from").count(source) for source in sorted(set(col(name, "from")))}
        print(f"{'  ' + name + ': loaded from':<42}" + ", ".join(f"{source} {n}x" for source, n in counts.items()))
    row("bytes the page and its worker load", "bytes", lambda v: mb(med(v)))
    row("files the page and its worker load", "requests", lambda v: "-" if med(v) is None else f"{med(v):.0f}")
    row("bytes on the wire, whole visit", "wire", lambda v: mb(med(v)))
    if args.service_workers == "allow":
        row("  of which the service worker's install", "sw_bytes", lambda v: mb(med(v)))
    row("  of which the same file fetched again", "twice", lambda v: mb(med(v)))
    print()
    n_ready = med(col("naive", "ready"))
    w_ready = med([r["ready"] for r in warm])
    if warm:
        print(f"{'warm (later visit, same profile)':<42}{'ours':>25}{'ours / naive cold':>25}")
        print(f"{'navigation -> ready':<42}{ms([r['ready'] for r in warm]):>25}{ratio(w_ready, n_ready):>25}")
        print(f"{'submit at ready -> result':<42}{ms_fine([r['result'] for r in warm]):>25}")
        print(f"{'loaded from':<42}{', '.join(sorted({r['from'] for r in warm})):>25}")
        print(f"{'bytes the page and its worker load':<42}{mb(med([r['bytes'] for r in warm])):>25}")
        print(f"{'bytes on the wire':<42}{mb(med([r['wire'] for r in warm])):>25}")
        if warm_first and "error" not in warm_first:
            print(f"{'(its first visit: ready; on the wire)':<42}{ms([warm_first['ready']]):>25}{mb(warm_first['wire']):>25}")
        print()
    o_ready, o_result = med(col("ours", "ready")), med(col("ours", "result"))
    missed = []
    if o_ready is not None and n_ready:
        r = o_ready / n_ready
        verdict = "met" if r <= COLD_TARGET else "MISSED"
        aim = " (and the 0.4x aim)" if r <= COLD_AIM else ""
        missed += [] if r <= COLD_TARGET else ["cold"]
        print(f"Target: cold, ours ready within {COLD_TARGET}x naive (aim {COLD_AIM}x): {r:.2f}x, {verdict}{aim}")
    if w_ready is not None and n_ready:
        r = w_ready / n_ready
        missed += [] if r <= WARM_TARGET else ["warm"]
        print(f"Target: warm, ours ready within {WARM_TARGET}x naive cold: {r:.2f}x, {'met' if r <= WARM_TARGET else 'MISSED'}")
    if o_result is not None:
        missed += [] if o_result <= RESULT_TARGET_MS else ["first submit"]
        verdict = "met" if o_result <= RESULT_TARGET_MS else "MISSED"
        print(f"Target: first submit at ready -> result within {RESULT_TARGET_MS:.0f} ms (median of {len(results['ours'])} cold visits):"
              f" {o_result:.1f} ms, {verdict}")
    if missed:
        print(f"Missed: {', '.join(missed)}. Where the time goes is below.")
    sys.path.insert(0, str(ROOT))
    from checkers import api

    shown_outcomes = ", ".join(f"{c} {'/'.join(sorted({r['outcome'] for r in results[c]})) or '-'}" for c in columns)
    print(f"Outcome shown: {shown_outcomes}; the command line: {json.loads(api.handle(request_json()))['result']['outcome']}")

    if instrument:
        print()
        print("Where the time goes (medians of each visit's steps, ms; the worker's marks as they reach the page):")
        sets = {"ours cold": results["ours"], "ours warm": warm}
        if "unoptimised" in columns:
            sets["unoptimised cold"] = results["unoptimised"]
        sets = {name: rs for name, rs in sets.items() if rs}
        durations = {name: [phase_durations(r) for r in rs] for name, rs in sets.items()}
        print(f"  {'step':<46}" + "".join(f"{name:>18}" for name in sets))
        for label, _, _ in PHASES:
            cells = [med([d.get(label) for d in durations[name]]) for name in sets]
            if all(c is None for c in cells):
                continue
            print(f"  {label:<46}" + "".join(f"{c:>18,.0f}" if c is not None else f"{'-':>18}" for c in cells))
        print(f"  {'= navigation -> ready':<46}" + "".join(f"{med([r['ready'] for r in rs]):>18,.0f}" for rs in sets.values()))
        print("  downloads finished (ms from navigation start; runtime files only):")
        for name, rs in sets.items():
            files = sorted({f for r in rs for f in r["ends"]}, key=lambda f: med([r["ends"].get(f) for r in rs]) or 0)
            print(f"    {name}: " + ", ".join(f"{f} {med([r['ends'].get(f) for r in rs]):,.0f}" for f in files))
        print(f"  (marks placed in the worker: {', '.join(placed)})")
    rs = results["naive"]
    if rs:
        marks = {k: med([r["marks"][k] for r in rs]) for k in rs[0]["marks"]}
        print(f"  naive: pyodide.mjs imported {marks['imported']:,.0f}, loadPyodide done {marks['loaded']:,.0f},"
              f" wheel fetched + unpacked {marks['unpacked']:,.0f}, checkers.api imported (ready) {marks['ready']:,.0f},"
              f" first evaluation done {marks['evaluated']:,.0f}")
        print_ends(rs)
    print()
    print(f"Total time {time.monotonic() - started:.0f} s. Bytes on the wire are response bodies as SiteServer wrote them (gzip where the browser accepts it).")
    return 0


def print_ends(rs: list) -> None:
    names = sorted({n for r in rs for n in r["ends"]}, key=lambda n: med([r["ends"].get(n) for r in rs]) or 0)
    if names:
        ends = ", ".join(f"{n} {med([r['ends'].get(n) for r in rs]):,.0f}" for n in names)
        print(f"         downloaded by: {ends}")


if __name__ == "__main__":
    sys.exit(main())
