"""What a practitioner types into the site's search finds the page they mean; pages print cleanly;
the site works from a path prefix."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

# Query, and the page (path from the site root) that must be among the top three pages found.
SEARCHES = [
    ("Clare's Law", "disclosure-schemes/"),
    ("Sarah's Law", "disclosure-schemes/"),
    ("GDPR", "lawful-bases/"),
    ("consent", "consent-and-confidentiality/"),
    ("87B", "local/police-information-requests/"),
    ("Caldicott", "caldicott/"),
    ("MASH", "agreements-and-forums/"),
    ("special category", "lawful-bases/"),
    ("court order", "legal-gateways/"),
    ("police asked me", "police/"),
    ("duty to share", "duty-to-share/"),
    ("Care Act", "adults-at-risk/"),
]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def top_pages(page, site_url: str, query: str, count: int = 3) -> list[str]:
    """The first `count` distinct pages Material's search lists for the query, as typed by a person."""
    field = page.locator(".md-search__input")
    if not field.is_visible():
        page.click("label[for=__search]")
    field.click()
    field.fill("")
    field.type(query, delay=10)
    deadline = time.monotonic() + 15
    while True:
        meta = page.inner_text(".md-search-result__meta")
        if "matching" in meta or "No matching" in meta:
            break
        assert time.monotonic() < deadline, f"search did not answer {query!r} ({meta})"
        time.sleep(0.05)
    time.sleep(0.2)  # results render just after the count
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(link => link.href)")
    base = urlsplit(site_url).path
    pages: list[str] = []
    for href in hrefs:
        path = urlsplit(href).path[len(base):]
        if path not in pages:
            pages.append(path)
    return pages[:count]


@pytest.mark.parametrize(("query", "expected"), SEARCHES, ids=[q for q, _ in SEARCHES])
def test_search_finds_the_page_meant(search_page, site_url, query, expected):
    assert expected in top_pages(search_page, site_url, query)


def test_page_prints_without_navigation_and_with_links_written_out(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}lawful-bases/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
              .map(selector => document.querySelector(selector))
              .filter(element => element && getComputedStyle(element).display !== 'none')
              .map(element => element.className)"""
    )
    assert hidden == []
    after = page.evaluate(
        """() => { const link = document.querySelector('.md-content a[href^="https://www.legislation.gov.uk"]');
                   return [link.href, getComputedStyle(link, '::after').content]; }"""
    )
    assert after[0] in after[1]
    header = page.evaluate("getComputedStyle(document.querySelector('.site-print-header')).display")
    assert header == "block"
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF"
    context.close()


def test_record_prints_alone(browser, site_url):
    """'Print the record' hides everything but the decision record."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}checkers/key-questions/")
    page.evaluate("document.body.classList.add('print-record'); document.querySelector('[data-checker]').classList.add('print-record__target'); document.querySelector('[data-record-output]').hidden = false")
    page.emulate_media(media="print")
    visible = page.evaluate(
        """() => [...document.querySelectorAll('.md-content__inner > *, [data-checker] > *, .checker__record > *')]
              .filter(element => getComputedStyle(element).display !== 'none')
              .map(element => element.tagName + '.' + element.className)"""
    )
    assert visible == ["DIV.checker print-record__target", "SECTION.checker__record", "DIV.checker__record-output"]
    context.close()


def test_site_works_under_a_path_prefix(browser, default_site):
    """Served under /guidance/ with its own headers: pages, search and a checker all work."""
    from serve import SiteServer

    with SiteServer(default_site.path, prefix="/guidance/") as url:
        assert url.endswith("/guidance/")
        context = browser.new_context()
        hosts_and_paths = []
        context.on("request", lambda request: hosts_and_paths.append(urlsplit(request.url)))
        page = context.new_page()
        failures = []
        page.on("response", lambda response: failures.append(response.url) if response.status >= 400 else None)
        page.goto(f"{url}checkers/key-questions/")
        page.wait_for_selector('[data-checker][data-checker-state="ready"]', timeout=60000)
        page.check('input[name="purpose"][value="no"]')
        page.wait_for_selector('[data-checker-result][data-outcome="do_not_share"]')
        assert "disclosure-schemes/" in top_pages(page, url, "Clare's Law")
        page.keyboard.press("Escape")
        page.click(".md-sidebar--primary a[href$='myths/']")
        page.wait_for_url(f"{url}myths/")
        assert failures == []
        assert all(part.path.startswith("/guidance/") for part in hosts_and_paths if part.netloc == urlsplit(url).netloc)
        context.close()
