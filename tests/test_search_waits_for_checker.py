"""On a page with a checker, Material's search worker builds its index only once the checker has
started (or failed), or at once when the reader turns to the search box, and at most 10 seconds
after the page has loaded (overrides/main.html): the index takes a few hundred milliseconds of
processor time that would otherwise slow the checker's start. Search itself works as before."""

from __future__ import annotations

import re
import time

import pytest

from test_search_and_print import WATCH_SEARCH_WORKER, search

pytestmark = pytest.mark.browser

# When each message reaches Material's search worker, and when the page's checker changes state.
RECORD = """
(() => {
  const Native = window.Worker;
  window.__searchPosts = [];
  window.__checkerStates = [];
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.isSearch = String(url).includes("workers/search.");
    }
    postMessage(message, ...rest) {
      if (this.isSearch) window.__searchPosts.push(performance.now());
      return super.postMessage(message, ...rest);
    }
  };
  new MutationObserver((records) => {
    for (const record of records) window.__checkerStates.push([record.target.dataset.checkerState, performance.now()]);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-checker-state"] });
})();
"""

CHECKER = "checkers/lawful-basis/"
SETTLED = '[data-checker][data-checker-state="ready"], [data-checker][data-checker-state="unavailable"]'
WASM = re.compile(r"pyodide\.asm\.wasm$")


def test_the_search_index_is_built_once_the_checker_has_started(browser, site_url):
    context = browser.new_context()
    context.add_init_script(RECORD)
    page = context.new_page()
    page.goto(f"{site_url}{CHECKER}")
    page.wait_for_selector(SETTLED, timeout=60000)
    page.wait_for_function("window.__searchPosts.length > 0", timeout=15000)
    states = page.evaluate("window.__checkerStates")
    settled = next(t for state, t in states if state in ("ready", "unavailable"))
    assert any(state == "loading" and t < settled for state, t in states)
    assert min(page.evaluate("window.__searchPosts")) >= settled
    context.close()


def test_search_works_at_once_on_a_checker_page_while_the_checker_is_still_loading(browser, site_url):
    context = browser.new_context()
    context.add_init_script(WATCH_SEARCH_WORKER)
    context.route(WASM, lambda route: None)  # never answered: the checker stays loading
    page = context.new_page()
    page.goto(f"{site_url}{CHECKER}")
    page.wait_for_load_state("load")
    assert page.get_attribute("[data-checker]", "data-checker-state") == "loading"
    began = time.monotonic()
    found = [result.page for result in search(page, site_url, "police")]
    assert time.monotonic() - began < 6  # not left to the 10 seconds after load
    assert "police/" in found[:3]
    assert page.get_attribute("[data-checker]", "data-checker-state") == "loading"
    context.close()


def test_the_search_index_is_built_ten_seconds_after_load_if_the_checker_is_still_loading(browser, site_url):
    context = browser.new_context()
    context.add_init_script(RECORD)
    context.route(WASM, lambda route: None)
    page = context.new_page()
    page.clock.install()
    page.goto(f"{site_url}{CHECKER}")
    page.wait_for_load_state("load")
    page.clock.run_for(9000)
    assert page.evaluate("window.__searchPosts") == []
    page.clock.run_for(1500)
    page.wait_for_function("window.__searchPosts.length > 0", timeout=15000)
    assert page.get_attribute("[data-checker]", "data-checker-state") == "loading"
    context.close()


def test_a_page_without_a_checker_builds_the_index_at_once(browser, site_url):
    context = browser.new_context()
    context.add_init_script(RECORD)
    page = context.new_page()
    page.goto(f"{site_url}myths/")
    page.wait_for_function("window.__searchPosts.length > 0", timeout=15000)
    assert page.evaluate("document.querySelector('[data-checker]')") is None
    context.close()
