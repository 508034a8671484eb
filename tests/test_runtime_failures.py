"""The checker in Chromium when something goes wrong, and on later visits: a hard failure reaches the
checklist at once with a message saying it failed; a result renderer that cannot load is said so;
a damaged offline copy of the runtime is replaced and the checker still starts; a damaged download
is never cached; a later visit restores the interpreter's memory snapshot and answers as the command
line does. Failures are made with Playwright's routing and by writing into the service worker's cache."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import time

import pytest

from checkers import api
from safeguarding_guidance.versioned_assets import find
from test_offline import in_cache as cached_digest
from test_offline import wait_until as offline_wait_until
from test_offline import wait_until_cached_as_built

pytestmark = pytest.mark.browser

SETTLED = '[data-checker][data-checker-state="ready"], [data-checker][data-checker-state="unavailable"]'
# Well under the 20-second timeout for a hang: reaching the checklist before it proves the failure
# was reported, not waited out. (How fast it is in seconds is for scripts/bench_site.py to show.)
FAIL_FAST_WAIT_MS = 15000


def runtime_path(site, name: str) -> str:
    return next(site.path.glob(f"assets/runtime/*/{name}")).relative_to(site.path).as_posix()


def settle(page, timeout: float = 60000) -> str:
    page.wait_for_selector(SETTLED, timeout=timeout)
    return page.get_attribute("[data-checker]", "data-checker-state")


def status(page) -> str:
    return page.inner_text("[data-checker-status]")


def assert_checklist(page, message: str) -> None:
    assert message in status(page)
    assert "did not start in time" not in status(page)
    assert not page.locator("[data-checker-submit]").is_visible()
    assert page.locator("fieldset[data-question]").count() == len(api.questions("lawful-basis")["questions"])
    assert all(fieldset.is_visible() for fieldset in page.locator("fieldset[data-question]").all())


def test_a_slow_start_is_waited_for_while_it_gets_on_and_a_hang_is_not(browser, site_url):
    """The 20 seconds are for a hang: 20 seconds with no step of the start-up done. A loaded computer
    that takes longer in all, but gets on, is waited for. The page's clock is Playwright's, moved on by
    hand; the runtime's downloads are held and let go by the test. The standard library is held too: a
    slow connection, on which a first visit starts Python rather than fetch the snapshot."""
    held = {}
    context = browser.new_context(service_workers="block")  # no offline copy: the start-up downloads

    def hold(route):
        held.setdefault(route.request.url.rsplit(".", 1)[1], route)

    context.route(re.compile(r"/assets/runtime/[^/]+/[^/]+\.(wasm|whl|zip)$"), hold)
    page = context.new_page()
    page.clock.install()
    page.goto(f"{site_url}checkers/lawful-basis/")
    page.locator("[data-checker]").scroll_into_view_if_needed()
    wait_until(page, "document.querySelector('[data-checker]').dataset.checkerState === 'loading'", timeout=60)
    deadline = time.monotonic() + 60
    while not {"wasm", "whl"} <= set(held) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert {"wasm", "whl"} <= set(held)  # both asked for, neither answered
    page.clock.fast_forward(15000)
    assert page.get_attribute("[data-checker]", "data-checker-state") == "loading"
    held["zip"].continue_()
    held["wasm"].continue_()  # the interpreter starts: the worker says it is loading the checkers
    wait_until(page, "document.querySelector('[data-checker-status]').innerText.includes('nearly ready')", timeout=60)
    page.clock.fast_forward(15000)  # 30 seconds in all, 15 since the last step
    assert page.get_attribute("[data-checker]", "data-checker-state") == "loading"
    page.clock.fast_forward(6000)  # the wheel never comes: 21 seconds with nothing done
    assert settle(page) == "unavailable"
    assert "did not start in time" in status(page)
    assert not page.locator("[data-checker-submit]").is_visible()
    assert all(fieldset.is_visible() for fieldset in page.locator("fieldset[data-question]").all())
    held["whl"].abort()
    context.close()


@pytest.mark.parametrize("damage", ["missing", "damaged", "wrong-mime-type"])
def test_a_hard_failure_reaches_the_checklist_saying_it_failed(browser, site_url, default_site, damage):
    wasm = runtime_path(default_site, "pyodide.asm.wasm")
    data = (default_site.path / wasm).read_bytes()

    def fulfil(route):
        if damage == "missing":
            route.fulfill(status=404, body="Not found")
        elif damage == "damaged":
            route.fulfill(status=200, body=data[:1000] + bytes(len(data) - 1000), content_type="application/wasm")
        else:
            route.fulfill(status=200, body=data, content_type="application/octet-stream")

    context = browser.new_context(service_workers="block")
    context.route(re.compile(re.escape(wasm) + "$"), fulfil)
    page = context.new_page()
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page, FAIL_FAST_WAIT_MS) == "unavailable"
    assert_checklist(page, "could not start")
    context.close()


def test_a_renderer_that_cannot_load_is_said_and_the_checklist_offered(browser, site_url):
    context = browser.new_context(service_workers="block")
    context.route(re.compile(r"checker-results\.[0-9a-f]{12}\.mjs$"), lambda route: route.fulfill(status=404, body="Not found"))
    page = context.new_page()
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "unavailable"
    assert_checklist(page, "could not load the part that shows its results")
    context.close()


def test_a_renderer_that_fails_after_a_slow_load_is_said_too(browser, site_url):
    """The renderer's failure arrives after the worker is ready: the checker never says ready."""
    context = browser.new_context(service_workers="block")

    def late_failure(route):
        time.sleep(3)
        route.fulfill(status=200, body="export const = ;", content_type="text/javascript")  # a syntax error

    context.route(re.compile(r"checker-results\.[0-9a-f]{12}\.mjs$"), late_failure)
    page = context.new_page()
    states = []
    page.expose_function("noteState", lambda state: states.append(state))
    page.add_init_script("""new MutationObserver(() => {
        const el = document.querySelector('[data-checker]'); if (el) window.noteState(el.dataset.checkerState);
      }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-checker-state']});""")
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "unavailable"
    assert_checklist(page, "could not load the part that shows its results")
    assert "ready" not in states
    context.close()


@pytest.mark.parametrize("failure", ["missing", "syntax error"])
def test_when_the_checkers_script_cannot_load_the_checker_says_so_and_offers_the_checklist(browser, site_url, failure):
    """Not that JavaScript is off: the checker could not load, and its questions work as a checklist."""
    context = browser.new_context(service_workers="block")
    if failure == "missing":
        context.route(re.compile(r"/checkers\.[0-9a-f]{12}\.mjs$"), lambda route: route.fulfill(status=404, body="Not found"))
    else:
        context.route(re.compile(r"/checkers\.[0-9a-f]{12}\.mjs$"),
                      lambda route: route.fulfill(status=200, body="export const = ;", content_type="text/javascript"))
    page = context.new_page()
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "unavailable"
    assert_checklist(page, "The checker could not load")
    assert "checklist" in status(page) and "JavaScript" not in status(page)
    context.close()


COUNT_WORKERS = """(() => {
  window.__checkerWorkers = 0;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) { super(...args); if (String(args[0]).includes("checker-worker")) window.__checkerWorkers += 1; }
  };
})();"""


def test_the_worker_starts_from_the_head_before_materials_bundle_and_once(browser, site_url, default_site):
    html = (default_site.path / "checkers" / "lawful-basis" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    start = re.search(r'<script type="module" async src="[^"]*checker-start\.[0-9a-f]{12}\.mjs">', head)
    assert start and start.start() < html.index("bundle.")  # in the head, before Material's bundle
    assert re.search(r'<link rel="modulepreload" href="[^"]*checker-results\.[0-9a-f]{12}\.mjs">', head)
    assert "checker-start" not in (default_site.path / "myths" / "index.html").read_text(encoding="utf-8")  # no checker
    context = browser.new_context(service_workers="block")
    context.add_init_script(COUNT_WORKERS)
    page = context.new_page()
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready"
    assert page.evaluate("window.__checkerWorkers") == 1  # started from the head, adopted by checkers.mjs
    context.close()


def test_a_reader_saving_data_starts_the_checker_only_when_it_comes_near(browser, site_url):
    context = browser.new_context(service_workers="block", viewport={"width": 390, "height": 500})
    context.add_init_script(COUNT_WORKERS + "Object.defineProperty(navigator, 'connection', {value: {saveData: true}});")
    page = context.new_page()
    page.goto(f"{site_url}checkers/lawful-basis/")
    page.wait_for_load_state("load")  # checkers.mjs has run and decided
    assert page.evaluate("document.querySelector('[data-checker]').getBoundingClientRect().top > innerHeight + 200")
    assert page.get_attribute("[data-checker]", "data-checker-state") == "idle"
    assert page.evaluate("window.__checkerWorkers") == 0
    page.locator("[data-checker] fieldset").first.scroll_into_view_if_needed()
    assert settle(page) == "ready"
    assert page.evaluate("window.__checkerWorkers") == 1
    context.close()


def test_a_case_studys_checker_is_not_started_from_the_head(browser, site_url, default_site):
    """A case's checker stays closed until the reader tries the case: no worker until it comes near."""
    case = next(path for path in sorted((default_site.path / "case-studies").glob("*/index.html"))
                if "data-case-study=" in path.read_text(encoding="utf-8"))
    address = case.parent.relative_to(default_site.path).as_posix() + "/"
    context = browser.new_context(service_workers="block", viewport={"width": 390, "height": 500})
    context.add_init_script(COUNT_WORKERS)
    page = context.new_page()
    page.goto(f"{site_url}{address}")
    page.wait_for_load_state("load")
    assert "checker-start" in page.content()  # the head script is there: it watches for a failed load
    # The case's checker is out of reach: in the model answer, hidden until the reader asks for it, or
    # else far below the screen.
    assert page.evaluate("""(() => {
      const block = document.querySelector('[data-case-study]');
      return !block.checkVisibility() || block.getBoundingClientRect().top > innerHeight + 200;
    })()""")
    assert page.evaluate("window.__checkerWorkers") == 0
    context.close()


# --- the service worker's copy ----------------------------------------------------------------


def sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def wait_until(page, expression: str, timeout: float = 90.0):
    return offline_wait_until(page, expression, timeout)


CACHED_ENTRIES = "caches.keys().then(async keys => keys.length !== 1 ? 0 : (await (await caches.open(keys[0])).keys()).length)"


def install_offline_copy(context, url: str):
    """A first visit: the checker loads (from the snapshot it fetched, on this fast connection, or by
    starting Python if the machine is slow enough that it did not look fast), then the service worker
    caches the whole site."""
    page = context.new_page()
    page.goto(f"{url}checkers/lawful-basis/")
    assert settle(page) == "ready"
    assert page.get_attribute("[data-checker]", "data-checker-loaded-from") in ("snapshot", "start-up")
    wait_until(page, "navigator.serviceWorker.controller !== null")
    wait_until(page, CACHED_ENTRIES)
    return page


def damage_cached(page, path: str, body: str = "damaged") -> None:
    page.evaluate(
        """async ([path, body]) => {
            const keys = await caches.keys();
            await (await caches.open(keys[0])).put(new URL(path, location.origin + '/').href,
              new Response(body, {headers: {'Content-Type': path.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream'}}));
        }""",
        [path, body],
    )


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "python_stdlib.zip"])
def test_a_damaged_offline_copy_is_replaced_and_the_checker_starts(browser, site_url, default_site, name):
    path = runtime_path(default_site, name)
    good = sri((default_site.path / path).read_bytes())
    snapshot = runtime_path(default_site, "interpreter-snapshot.bin")
    context = browser.new_context()
    page = install_offline_copy(context, site_url)
    assert cached_digest(page, path) == good
    # The snapshot too, or it would restore the interpreter without reading the standard library.
    for damaged in (path, snapshot):
        damage_cached(page, damaged)
    assert cached_digest(page, path) != good
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready", status(page)
    assert cached_digest(page, path) == good  # evicted, fetched again and checked
    context.close()


def put_bytes_in_cache(page, path: str, data: bytes, content_type: str) -> None:
    page.evaluate(
        """async ([path, body, type]) => {
            const keys = await caches.keys();
            const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
            await (await caches.open(keys[0])).put(new URL(path, location.origin + '/').href,
              new Response(bytes, {headers: {'Content-Type': type}}));
        }""",
        [path, base64.b64encode(data).decode(), content_type],
    )


def with_custom_section(wasm: bytes) -> bytes:
    """The same module with a custom section appended: still valid, and it runs as before, but it is
    not the file the build made."""
    name, payload = b"not-from-the-build", b"x" * 16
    body = bytes([len(name)]) + name + payload
    assert len(body) < 128  # one-byte LEB128 size
    return wasm + b"\x00" + bytes([len(body)]) + body


def test_a_changed_wasm_that_would_still_run_is_never_used_and_is_replaced(browser, site_url, default_site):
    """The service worker serves the .wasm from its cache unread; the worker checks it against the
    build's hash before compiling it. A copy that differs, even one that would compile and run, is
    refused, repaired, and the checker starts from the good copy."""
    wasm = runtime_path(default_site, "pyodide.asm.wasm")
    good = (default_site.path / wasm).read_bytes()
    changed = with_custom_section(good)
    assert sri(changed) != sri(good)
    context = browser.new_context()
    page = install_offline_copy(context, site_url)
    put_bytes_in_cache(page, wasm, changed, "application/wasm")
    assert cached_digest(page, wasm) == sri(changed)
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready", status(page)
    # Only the repair replaces it: nothing else reads the cached .wasm's bytes.
    wait_until_cached_as_built(page, default_site.path, [wasm])
    context.close()


def test_a_changed_snapshot_that_would_still_restore_is_never_restored(browser, site_url, default_site):
    """The same snapshot compressed differently: it would decompress and restore, but it is not the
    file the build made, so the worker starts Python instead and the copy is repaired."""
    path = runtime_path(default_site, "interpreter-snapshot.bin")
    good = (default_site.path / path).read_bytes()
    changed = gzip.compress(gzip.decompress(good), compresslevel=1, mtime=0)
    assert sri(changed) != sri(good)
    context = browser.new_context()
    page = install_offline_copy(context, site_url)
    put_bytes_in_cache(page, path, changed, "application/octet-stream")
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready", status(page)
    assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "start-up"
    wait_until_cached_as_built(page, default_site.path, [path])
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready", status(page)
    assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "snapshot"
    context.close()


def test_a_damaged_snapshot_is_never_restored_and_is_replaced(browser, site_url, default_site):
    path = runtime_path(default_site, "interpreter-snapshot.bin")
    good = sri((default_site.path / path).read_bytes())
    context = browser.new_context()
    page = install_offline_copy(context, site_url)
    damage_cached(page, path, "not gzip at all")
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready", status(page)  # from a good copy, or by starting Python: never the damaged one
    wait_until(page, f"(async () => {{ const keys = await caches.keys(); const r = await (await caches.open(keys[0])).match(new URL({path!r}, location.origin + '/').href);"
                     f" if (!r) return false; const d = new Uint8Array(await crypto.subtle.digest('SHA-256', await r.arrayBuffer()));"
                     f" return 'sha256-' + btoa(String.fromCharCode(...d)) === {good!r}; }})()", timeout=30)
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready", status(page)
    assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "snapshot"
    context.close()


def test_a_snapshot_that_cannot_be_restored_falls_back_to_starting_python(browser, site_url, default_site):
    """The worker's own fallback, whatever the cache: here its snapshot request reaches the network (the
    worker served to it asks without `only-if-cached`) and gets bytes that are not a snapshot."""
    worker = find(default_site.path, "assets/javascripts/checker-worker.mjs")
    source = worker.read_text(encoding="utf-8")
    assert source.count('cache: "only-if-cached"') == 1
    context = browser.new_context(service_workers="block")
    context.route(re.compile(re.escape(worker.name) + "$"), lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=source.replace('cache: "only-if-cached"', 'cache: "no-store"')))
    context.route(re.compile(r"interpreter-snapshot\.bin$"), lambda route: route.fulfill(
        status=200, body=gzip.compress(b"not a snapshot"), content_type="application/octet-stream"))
    page = context.new_page()
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready", status(page)
    assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "start-up"
    context.close()


def test_a_damaged_download_is_never_cached(browser, site_url, default_site):
    """The service worker caches with integrity: a file that does not match the build is refused."""
    wasm = runtime_path(default_site, "pyodide.asm.wasm")
    pattern = re.compile(re.escape(wasm) + "$")
    seen = []

    def damage_for_the_service_worker(route):
        if route.request.service_worker is None:
            route.continue_()  # the page's own load is not touched
        else:
            seen.append(route.request.url)
            route.fulfill(status=200, body=b"\0asm" + bytes(64), content_type="application/wasm")

    context = browser.new_context()
    context.route(pattern, damage_for_the_service_worker)
    page = context.new_page()
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready"
    deadline = time.monotonic() + 90
    while not seen and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert seen, "the service worker never fetched the .wasm"
    # Its install fails, and a first install that fails leaves no registration behind.
    wait_until(page, "navigator.serviceWorker.getRegistration().then(r => !r || (!r.installing && !r.waiting && !r.active))", 60)
    assert page.evaluate("navigator.serviceWorker.controller") is None
    assert page.evaluate(CACHED_ENTRIES) == 0
    context.unroute(pattern)
    page.goto(f"{site_url}myths/")  # the next visit installs it, whole
    wait_until(page, "navigator.serviceWorker.controller !== null")
    assert cached_digest(page, wasm) == sri((default_site.path / wasm).read_bytes())
    context.close()


# --- later visits: the memory snapshot --------------------------------------------------------

def covering_lawful_basis_cases() -> list[dict]:
    """The lawful basis scenarios that between them give every answer and reach every outcome."""
    from test_checkers_in_browser import COVERING

    return COVERING["lawful-basis"]


def answers_as_the_command_line(page) -> None:
    """Every covering lawful basis case, answered in the page, gives the command line's outcome."""
    from test_checkers_in_browser import fill, submit

    for case in covering_lawful_basis_cases():
        fill(page, case["input"])
        assert submit(page) == api.evaluate("lawful-basis", case["input"])["outcome"], case["description"]


def test_a_later_visit_restores_the_snapshot_and_answers_as_the_command_line(browser, site_url):
    context = browser.new_context()
    install_offline_copy(context, site_url).close()
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(f"{site_url}checkers/lawful-basis/")
    assert settle(page) == "ready"
    assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "snapshot"
    answers_as_the_command_line(page)
    assert problems == []
    context.close()


def test_the_worker_is_told_the_runtime_at_build_time_and_every_file_is_cached_with_its_hash(default_site):
    worker_file = find(default_site.path, "assets/javascripts/checker-worker.mjs")
    worker = worker_file.read_text(encoding="utf-8")
    build = json.loads(re.search(r"^const BUILD = (\{.*\});$", worker, re.M).group(1))
    runtime = next(default_site.path.glob("assets/runtime/*/"))
    manifest_lock = json.loads((runtime / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert build["lockFileContents"] == manifest_lock  # so the worker never fetches pyodide-lock.json
    assert (runtime / build["snapshot"]).read_bytes()[:2] == b"\x1f\x8b"  # gzip
    service_worker = (default_site.path / "sw.js").read_text(encoding="utf-8")
    listed = dict(json.loads(line.strip().rstrip(",")) for line in service_worker.splitlines() if line.startswith('  ["'))
    for path in default_site.path.rglob("*"):
        relative = path.relative_to(default_site.path).as_posix()
        if relative in listed:
            assert listed[relative] == sri(path.read_bytes()), relative
    for name in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs", build["snapshot"]):
        relative = (runtime / name).relative_to(default_site.path).as_posix()
        assert listed[relative] == sri((runtime / name).read_bytes())
    assert listed[worker_file.relative_to(default_site.path).as_posix()] == sri(worker.encode("utf-8"))
