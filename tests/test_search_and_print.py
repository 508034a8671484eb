"""What a practitioner types into the site's search finds the page they mean; pages print cleanly;
the site works from a path prefix."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

# What practitioners type, and the page (path from the site root) that must be the first page found.
# Material's own means put them there: `search.boost` in a page's front matter, and synonyms in its
# description, which safeguarding_guidance/search_descriptions.py adds to the search index.
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
    ("parent refused consent", "consent-and-confidentiality/"),
    ("Gillick", "consent-and-confidentiality/"),
    ("should I share", "checkers/key-questions/"),
    ("which lawful basis", "checkers/lawful-basis/"),
    ("section 47", "legal-gateways/"),
    ("MARAC", "agreements-and-forums/"),
    ("Operation Encompass", "agreements-and-forums/"),
    ("county lines", "situations/exploitation/"),
    ("sent to the wrong person", "situations/sending-securely/"),
    ("subject access request", "situations/records/"),
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


def test_twenty_searches_or_more_are_checked():
    assert len(SEARCHES) >= 20 and len({query for query, _ in SEARCHES}) == len(SEARCHES)


@pytest.mark.parametrize(("query", "expected"), SEARCHES, ids=[q for q, _ in SEARCHES])
def test_search_finds_the_page_meant_first(search_page, site_url, query, expected):
    assert top_pages(search_page, site_url, query)[0] == expected


def test_a_disclosure_scheme_is_not_a_lawful_basis(search_page, site_url):
    """"Clare's Law" shares "law" with "lawful": the checker must not come before the law pages."""
    assert "checkers/lawful-basis/" not in top_pages(search_page, site_url, "Clare's Law", count=2)


def test_search_indexes_what_each_page_answers(default_site):
    """Each page's description (its synonyms included) starts the page's first entry in the search index."""
    import json
    from html import escape

    import yaml

    index = json.loads((default_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    first = {entry["location"]: entry["text"] for entry in reversed(index["docs"])}
    checked = 0
    for source in sorted((ROOT / "docs").rglob("*.md")):
        if "includes" in source.parts:
            continue
        meta = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])
        if not meta.get("description") or (meta.get("search") or {}).get("exclude"):
            continue
        page = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        url = "" if page == "index" else (page[: -len("index")] if page.endswith("/index") else page + "/")
        assert first[url].startswith(f"<p>{escape(meta['description'], quote=False)}</p>"), url
        checked += 1
    assert checked >= 25


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
    """'Print or save as PDF' hides everything but the decision record (and the site's name above it)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}checkers/key-questions/")
    page.evaluate("document.body.classList.add('print-record'); document.querySelector('[data-checker]').classList.add('print-record__target'); "
                  "for (const part of document.querySelectorAll('[data-checker-record], [data-record-output]')) part.hidden = false")
    page.emulate_media(media="print")
    visible = page.evaluate(
        """() => [...document.querySelectorAll('.md-content__inner > *, [data-checker] > *, .checker__record > *, .checker__record-output > *')]
              .filter(element => getComputedStyle(element).display !== 'none')
              .map(element => element.tagName + '.' + element.className)"""
    )
    assert visible == ["P.print-only site-print-header", "DIV.checker print-record__target", "SECTION.checker__record",
                       "DIV.checker__record-output", "DIV.checker__record-document"]
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
