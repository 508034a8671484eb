"""Offline after the first visit: the service worker caches every page and the checkers' runtime,
under the site's CSP and under a path prefix, and a new build replaces the cache on the next visit,
which already shows the new pages."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from safeguarding_guidance.offline_cache import write_service_worker
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
