"""A first visit and the interpreter's memory snapshot (checker-worker.mjs, snapshotIfTheLinkIsFast): on a
connection that shows itself fast, the worker fetches the snapshot and restores it instead of starting
Python; on a slower one, or for a reader saving data, it starts Python and never asks for the snapshot.
Either way the checker answers as the command line does.

The connection is made fast by having the standard library (the download the worker times) already in
the browser's HTTP cache, so that it arrives at once; slow by serving everything through a 20 Mbit/s link
(bench_site's Link, the benchmark's --link). Each test has its own server, which notes every file it
sends, so that the tests can say what was asked for and how often. (Playwright's routing is not used:
it turns the HTTP cache off.)"""

from __future__ import annotations

import gzip
import re
import shutil

import pytest

from bench_site import CountingServer
from test_runtime_failures import CACHED_ENTRIES, answers_as_the_command_line, settle, status, wait_until

pytestmark = pytest.mark.browser

SNAPSHOT = re.compile(r"/assets/runtime/[^/]+/interpreter-snapshot\.bin$")
WASM = re.compile(r"/assets/runtime/[^/]+/pyodide\.asm\.wasm$")
STDLIB = re.compile(r"/assets/runtime/[^/]+/python_stdlib\.zip$")
WHEEL = re.compile(r"/assets/runtime/[^/]+/[^/]+\.whl$")
SAVE_DATA = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}});"


def sent(server: CountingServer, pattern: re.Pattern) -> int:
    """How many times the server has sent a file whose path matches."""
    with server.lock:
        return sum(1 for path, _ in server.log if pattern.search(path))


def runtime_file(site_root, name: str):
    return next(site_root.glob(f"assets/runtime/*/{name}"))


def cache_the_standard_library(page, url: str, site_root) -> None:
    """Put the standard library into this context's HTTP cache, fetched from a file of the site that
    runs no script (so no service worker is registered and nothing else is fetched)."""
    stdlib = runtime_file(site_root, "python_stdlib.zip")
    page.goto(f"{url}assets/images/favicon.svg")
    size = page.evaluate("async (path) => (await (await fetch(path)).arrayBuffer()).byteLength",
                         "/" + stdlib.relative_to(site_root).as_posix())
    assert size == stdlib.stat().st_size


def console_problems(page) -> list:
    """Errors and warnings the page logs (but Playwright's own note that it blocked the service worker)."""
    problems = []

    def note(message):
        if message.type in ("error", "warning") and "blocked by Playwright" not in message.text:
            problems.append(message.text)

    page.on("console", note)
    return problems


def test_on_a_fast_connection_a_first_visit_restores_the_snapshot_and_answers_as_the_command_line(browser, default_site):
    server = CountingServer(default_site.path)
    with server as url:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        cache_the_standard_library(page, url, default_site.path)
        problems = console_problems(page)  # from the checker's page on
        page.goto(f"{url}checkers/lawful-basis/")
        assert settle(page) == "ready", status(page)
        assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "snapshot"
        assert sent(server, SNAPSHOT) == 1
        assert sent(server, WHEEL) == 0  # the checkers are in the snapshot
        assert sent(server, STDLIB) == 1  # the one cached before the visit
        answers_as_the_command_line(page)
        assert problems == []
        context.close()


def test_on_a_slower_connection_a_first_visit_starts_python_and_never_asks_for_the_snapshot(browser, default_site):
    server = CountingServer(default_site.path, 20)
    with server as url:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        problems = console_problems(page)
        page.goto(f"{url}checkers/lawful-basis/")
        assert settle(page, 120_000) == "ready", status(page)
        assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "start-up"
        assert sent(server, SNAPSHOT) == 0
        assert sent(server, WHEEL) == 1
        answers_as_the_command_line(page)
        assert problems == []
        context.close()


def test_a_reader_saving_data_never_gets_the_snapshot_on_a_first_visit(browser, default_site):
    server = CountingServer(default_site.path)
    with server as url:
        context = browser.new_context(service_workers="block")
        context.add_init_script(SAVE_DATA)
        page = context.new_page()
        cache_the_standard_library(page, url, default_site.path)  # fast: only Save-Data stops it
        page.goto(f"{url}checkers/lawful-basis/")
        page.locator("[data-checker] fieldset").first.scroll_into_view_if_needed()  # no early start
        assert settle(page) == "ready", status(page)
        assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "start-up"
        assert sent(server, SNAPSHOT) == 0
        context.close()


def test_a_first_visits_snapshot_that_is_not_the_builds_is_never_restored(browser, default_site, tmp_path):
    """The same snapshot compressed differently: it would decompress and restore, but it is not the file
    the build made. Fetched on a first visit, it fails the build's hash, and the worker starts Python."""
    root = tmp_path / "site"
    shutil.copytree(default_site.path, root)
    snapshot = runtime_file(root, "interpreter-snapshot.bin")
    snapshot.write_bytes(gzip.compress(gzip.decompress(snapshot.read_bytes()), compresslevel=1, mtime=0))
    server = CountingServer(root)
    with server as url:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        cache_the_standard_library(page, url, root)
        page.goto(f"{url}checkers/lawful-basis/")
        assert settle(page) == "ready", status(page)
        assert sent(server, SNAPSHOT) == 1  # fetched, and refused
        assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "start-up"
        assert sent(server, WHEEL) == 1
        context.close()


def test_the_service_worker_caches_the_snapshot_a_first_visit_fetched_without_fetching_it_again(browser, default_site):
    """The snapshot's bytes are not extra: the service worker's install takes the copy the worker has just
    downloaded from the browser's HTTP cache, as it does the rest of the runtime."""
    server = CountingServer(default_site.path)
    with server as url:
        context = browser.new_context()
        page = context.new_page()
        cache_the_standard_library(page, url, default_site.path)
        page.goto(f"{url}checkers/lawful-basis/")
        assert settle(page) == "ready", status(page)
        assert page.get_attribute("[data-checker]", "data-checker-loaded-from") == "snapshot"
        wait_until(page, "navigator.serviceWorker.controller !== null")
        wait_until(page, CACHED_ENTRIES)
        assert (sent(server, SNAPSHOT), sent(server, WASM), sent(server, STDLIB)) == (1, 1, 1)
        context.close()
