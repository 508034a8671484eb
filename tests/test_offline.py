"""Offline after the first visit: the service worker caches every page and the checkers' runtime,
under the site's CSP and under a path prefix, and a new build replaces the cache on the next visit,
which already shows the new pages. The cache repairs itself: a damaged file is never served (a
replaced script that still runs included), a file missing from it is put back as soon as the network
allows. The PDF is cached when opened, not downloaded by a first visit."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import time
from pathlib import Path

import pytest

from safeguarding_guidance.offline_cache import file_for, write_service_worker
from safeguarding_guidance.versioned_assets import find
from serve import SiteServer

pytestmark = pytest.mark.browser


def wait_until(page, expression: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.1)


def first_visit(context, url: str):
    page = context.new_page()
    page.goto(url)
    wait_until(page, "navigator.serviceWorker.controller !== null")
    return page


def run_checker_offline(context, page, url: str) -> None:
    context.set_offline(True)
    page.goto(f"{url}checkers/lawful-basis/")
    page.wait_for_selector('[data-checker][data-checker-state="ready"], [data-checker][data-checker-state="unavailable"]', timeout=60000)
    assert page.get_attribute("[data-checker]", "data-checker-state") == "ready"
    for name, value in [("organisation", "police"), ("purpose", "law_enforcement"), ("protecting", "child"),
                        ("concern", "significant_harm"), ("data", "personal"), ("consent", "not_asked"),
                        ("confidential", "false")]:
        page.check(f'input[name="{name}"][value="{value}"]')
    page.click("[data-checker-submit]")
    page.wait_for_selector('[data-checker-result][data-outcome="share"]', timeout=10000)
    page.click("[data-result-section='law'] summary")  # the law, one click away
    assert "DPA 2018 Part 3" in page.inner_text("[data-checker-result]")


@pytest.mark.parametrize("prefix", ["/", "/guidance/"])
def test_site_and_checkers_work_offline_after_one_visit(browser, default_site, prefix):
    with SiteServer(default_site.path, prefix=prefix) as url:
        context = browser.new_context()
        problems = []
        context.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page = first_visit(context, url)
        scope = page.evaluate("navigator.serviceWorker.controller.scriptURL")
        assert scope == f"{url}sw.js"
        run_checker_offline(context, page, url)
        page.goto(f"{url}situations/records/")  # a page not visited before
        assert "Keeping and disposing of records" in page.inner_text("h1")
        page.goto(f"{url}no-such-page/")
        assert "404" in page.content() or "not found" in page.content().lower()
        context.close()
    assert [p for p in problems if "ERR_INTERNET_DISCONNECTED" not in p] == []


def test_a_new_build_replaces_the_cache_on_the_next_online_visit(browser, default_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(default_site.path, site)
    with SiteServer(site) as url:
        context = browser.new_context()
        page = first_visit(context, url)
        old_caches = page.evaluate("caches.keys()")
        assert len(old_caches) == 1

        # A new build: one page changes, so sw.js changes with it.
        myths = site / "myths" / "index.html"
        myths.write_text(myths.read_text(encoding="utf-8").replace("</h1>", " (updated)</h1>", 1), encoding="utf-8")
        write_service_worker(site)

        page.goto(f"{url}myths/")  # the next online visit: the browser checks sw.js and installs the new one
        assert "(updated)" in page.inner_text("h1")  # and this visit already shows the new page
        new_caches = wait_until(page, f"caches.keys().then(keys => keys.length === 1 && keys[0] !== {old_caches[0]!r} ? keys : null)")
        assert new_caches != old_caches
        context.set_offline(True)
        page.goto(f"{url}myths/")
        assert "(updated)" in page.inner_text("h1")
        context.close()


def test_service_worker_lists_every_page_and_the_runtime(default_site):
    script = (default_site.path / "sw.js").read_text(encoding="utf-8")
    pages = [p.parent.relative_to(default_site.path).as_posix() + "/" for p in default_site.path.rglob("index.html")]
    for page in pages:
        expected = "./" if page == "./" else page
        assert f'"{expected}"' in script, page
    runtime = sorted(Path(default_site.path, "assets", "runtime").glob("*/*"))
    for file in runtime:
        if file.suffix != ".gz":
            assert f'"{file.relative_to(default_site.path).as_posix()}"' in script


# --- the cache repairs itself (issue 21) -------------------------------------------------------------

def sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def listed_in_service_worker(site: Path) -> list[str]:
    script = (site / "sw.js").read_text(encoding="utf-8")
    return [json.loads(line.strip().rstrip(","))[0] for line in script.splitlines() if line.startswith('  ["')]


def installed_count(site: Path) -> int:
    """What the service worker caches when it installs: everything listed but the PDF."""
    return len([path for path in listed_in_service_worker(site) if not path.endswith(".pdf")])


def install(context, url: str, site: Path):
    """A first visit, and the service worker in control with the whole site cached."""
    page = first_visit(context, url)
    wait_until(page, "caches.keys().then(async keys => keys.length === 1 && "
                     f"(await (await caches.open(keys[0])).keys()).length === {installed_count(site)})")
    return page


def in_cache(page, path: str) -> str | None:
    """The digest (as Subresource Integrity) of the cached copy of a path of the site, or None."""
    return page.evaluate(
        """async (path) => {
            const keys = await caches.keys();
            const response = await (await caches.open(keys[0])).match(new URL(path, location.origin + '/').href);
            if (!response) return null;
            const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
            return 'sha256-' + btoa(String.fromCharCode(...digest));
        }""",
        path,
    )


def put_in_cache(page, path: str, body: str, content_type: str) -> None:
    page.evaluate(
        """async ([path, body, type]) => {
            const keys = await caches.keys();
            await (await caches.open(keys[0])).put(new URL(path, location.origin + '/').href,
              new Response(body, {headers: {'Content-Type': type}}));
        }""",
        [path, body, content_type],
    )


def delete_from_cache(page, path: str) -> None:
    page.evaluate("async (path) => { const keys = await caches.keys();"
                  " await (await caches.open(keys[0])).delete(new URL(path, location.origin + '/').href); }", path)


def forget_http_cache(context, page) -> None:
    """Empty the browser's HTTP cache, as a browser short of space does: the service worker's cache is
    then the only copy on the device (otherwise a damaged file is put back from the HTTP cache even
    offline, checked against the build's hash as it is fetched)."""
    session = context.new_cdp_session(page)
    session.send("Network.clearBrowserCache")
    session.detach()


def wait_until_cached_as_built(page, site: Path, paths: list[str]) -> None:
    for path in paths:
        good = sri(file_for(site, path).read_bytes())
        deadline = time.monotonic() + 60
        while in_cache(page, path) != good:
            assert time.monotonic() < deadline, f"{path} was not put back in the cache"
            time.sleep(0.1)


SETTLED = '[data-checker][data-checker-state="ready"], [data-checker][data-checker-state="unavailable"]'


def settle(page) -> str:
    page.wait_for_selector(SETTLED, timeout=60000)
    return page.get_attribute("[data-checker]", "data-checker-state")


def test_a_damaged_worker_evicted_offline_is_put_back_as_soon_as_the_network_allows(browser, default_site):
    site = default_site.path
    worker = find(site, "assets/javascripts/checker-worker.mjs").relative_to(site).as_posix()
    with SiteServer(site) as url:
        context = browser.new_context()
        page = install(context, url, site)
        context.set_offline(True)
        put_in_cache(page, worker, "self.postMessage({type: 'ready'});", "text/javascript")  # damaged, but runs
        forget_http_cache(context, page)
        page.goto(f"{url}checkers/lawful-basis/")
        assert settle(page) == "unavailable"  # never run; offline, nothing can replace it yet
        assert "checklist" in page.inner_text("[data-checker-status]")
        assert in_cache(page, worker) is None  # evicted, not kept
        context.set_offline(False)
        page.goto(f"{url}myths/")  # the next page the network serves
        wait_until_cached_as_built(page, site, [worker])
        context.set_offline(True)
        page.goto(f"{url}checkers/lawful-basis/")
        assert settle(page) == "ready"
        context.close()


def test_files_deleted_from_the_cache_while_online_are_restored(browser, default_site):
    site = default_site.path
    deleted = [find(site, "assets/javascripts/checkers.mjs").relative_to(site).as_posix(), "situations/records/",
               next(site.glob("assets/runtime/*/python_stdlib.zip")).relative_to(site).as_posix(), "search/search_index.json"]
    with SiteServer(site) as url:
        context = browser.new_context()
        page = install(context, url, site)
        for path in deleted:
            delete_from_cache(page, path)
            assert in_cache(page, path) is None
        page.goto(f"{url}myths/")
        wait_until_cached_as_built(page, site, deleted)
        context.set_offline(True)
        page.goto(f"{url}situations/records/")
        assert "Keeping and disposing of records" in page.inner_text("h1")
        context.close()


REPLACED_BUNDLE = "document.documentElement.dataset.replacedBundle = 'ran';"
MATERIAL_RAN = "typeof window.document$ === 'object' && document.documentElement.dataset.replacedBundle === undefined"


def test_a_replaced_material_bundle_is_never_served_and_is_repaired(browser, default_site):
    site = default_site.path
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    with SiteServer(site) as url:
        context = browser.new_context()
        page = install(context, url, site)
        # Offline: the replaced copy is not run, and nothing replaces it yet.
        context.set_offline(True)
        put_in_cache(page, bundle, REPLACED_BUNDLE, "text/javascript")
        forget_http_cache(context, page)
        page.goto(f"{url}myths/")
        assert "Myth-busting" in page.inner_text("h1")
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.dataset.replacedBundle") is None
        assert in_cache(page, bundle) is None
        # Online: repaired as the page asks for it, and again after a later replacement.
        context.set_offline(False)
        page.goto(f"{url}myths/")
        wait_until(page, MATERIAL_RAN)
        wait_until_cached_as_built(page, site, [bundle])
        put_in_cache(page, bundle, REPLACED_BUNDLE, "text/javascript")
        forget_http_cache(context, page)  # and the page's memory cache: the next page asks for the bundle again
        page.goto(f"{url}police/")
        wait_until(page, MATERIAL_RAN)
        wait_until_cached_as_built(page, site, [bundle])
        context.close()


def test_a_damaged_page_in_the_cache_is_never_shown_and_is_put_back(browser, default_site):
    site = default_site.path
    with SiteServer(site) as url:
        context = browser.new_context()
        page = install(context, url, site)
        put_in_cache(page, "myths/", "<h1>Tampered</h1>", "text/html")
        context.set_offline(True)
        page.goto(f"{url}myths/")
        assert "Tampered" not in page.content()  # the page not found, rather than a copy the build did not make
        assert in_cache(page, "myths/") is None
        context.set_offline(False)
        page.goto(f"{url}police/")
        wait_until_cached_as_built(page, site, ["myths/"])
        context.set_offline(True)
        page.goto(f"{url}myths/")
        assert "Myth-busting" in page.inner_text("h1")
        context.close()


def test_the_pdf_is_not_downloaded_by_a_first_visit_but_kept_once_opened(browser, default_site):
    site = default_site.path
    pdf = next(path for path in listed_in_service_worker(site) if path.endswith(".pdf"))
    with SiteServer(site) as url:
        context = browser.new_context()
        asked = []
        context.on("request", lambda request: asked.append(request.url) if request.url.endswith(".pdf") else None)
        page = install(context, url, site)
        assert asked == [] and in_cache(page, pdf) is None
        assert page.evaluate(f"fetch({pdf!r}).then(response => response.status)") == 200  # the reader opens it
        wait_until_cached_as_built(page, site, [pdf])
        context.set_offline(True)
        assert page.evaluate(f"fetch({pdf!r}).then(async response => [response.status, (await response.arrayBuffer()).byteLength])") \
            == [200, (site / pdf).stat().st_size]
        context.close()
