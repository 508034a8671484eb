"""What a practitioner types into the site's search finds the page they mean; pages print cleanly;
the site works from a path prefix."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

# What practitioners type (a teacher, a GP, a nurse, a social worker, a charity worker), the page
# (path from the site root) that must be the first page found and, where a heading is meant, the
# heading of the first section shown for it (or one of several). The search mechanism puts them there
# (safeguarding_guidance/search_index.py and the modules it names); `node scripts/search_ranks.mjs`
# runs the same queries through Material's worker without a browser.
SEARCHES = json.loads((ROOT / "tests" / "search_queries.json").read_text(encoding="utf-8"))
WHO = ("teacher", "GP", "nurse", "social worker", "charity worker")

# Material's search worker answers each query typed, in order (a query per keystroke). This records,
# in the page, which query the last answer was for, so that a test reads the results of the whole
# query and not of a prefix still being answered.
WATCH_SEARCH_WORKER = """
(() => {
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (!String(url).includes("/workers/search")) return;
      const asked = [];
      const post = this.postMessage.bind(this);
      this.postMessage = (message, ...rest) => {
        if (message && message.type === 2) asked.push(message.data);  // QUERY
        return post(message, ...rest);
      };
      this.addEventListener("message", event => {
        if (event.data && event.data.type === 3) window.__searchAnswered = asked.shift();  // RESULT
      });
    }
  };
})();
"""


@dataclass(frozen=True)
class Found:
    page: str  # path from the site root
    sections: list[str]  # the headings of its sections shown, best first


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context()
    context.add_init_script(WATCH_SEARCH_WORKER)
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def search(page, site_url: str, query: str) -> list[Found]:
    """The pages Material's search lists for the query, as typed by a person, in order."""
    field = page.locator(".md-search__input")
    if not field.is_visible():
        page.click("label[for=__search]")
    field.click()
    field.fill("")
    field.type(query, delay=10)
    # The page must watch the worker (WATCH_SEARCH_WORKER, added to its browser context).
    page.wait_for_function("query => window.__searchAnswered === query", arg=query, timeout=15000)
    page.wait_for_function("""() => {
        const meta = document.querySelector('.md-search-result__meta').textContent;
        return meta.includes('matching') || meta.includes('No matching');
    }""", timeout=15000)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    items = page.eval_on_selector_all(".md-search-result__item", """items => items.map(item => ({
        href: item.querySelector('.md-search-result__link').href,
        sections: [...item.querySelectorAll('.md-search-result__article h2')].map(heading => heading.textContent.trim()),
    }))""")
    base = urlsplit(site_url).path
    return [Found(urlsplit(item["href"]).path[len(base):], item["sections"]) for item in items]


def top_pages(page, site_url: str, query: str, count: int = 3) -> list[str]:
    """The first `count` distinct pages Material's search lists for the query, as typed by a person."""
    return [found.page for found in search(page, site_url, query)][:count]


def test_thirty_searches_or_more_in_practitioners_words():
    queries = [search["query"] for search in SEARCHES]
    assert len(queries) >= 30 and len(set(queries)) == len(queries)
    assert {search["who"].split(" (")[0] for search in SEARCHES} == set(WHO)
    assert any("'" in query for query in queries) and any("\u2019" in query for query in queries)
    for search in SEARCHES:
        assert (ROOT / "docs" / (search["page"].rstrip("/") or "index")).with_suffix(".md").is_file() or \
            (ROOT / "docs" / search["page"] / "index.md").is_file(), search


@pytest.mark.parametrize("meant", SEARCHES, ids=[search["query"] for search in SEARCHES])
def test_search_finds_the_page_meant_first(search_page, site_url, meant):
    found = search(search_page, site_url, meant["query"])
    assert found, f"nothing found for {meant['query']!r}"
    assert found[0].page == meant["page"], [f.page for f in found[:3]]
    if "section" in meant:
        headings = [meant["section"]] if isinstance(meant["section"], str) else meant["section"]
        assert found[0].sections, f"no section shown for {meant['query']!r}"
        assert any(found[0].sections[0].startswith(heading) for heading in headings), found[0].sections[:3]


def test_a_heading_outranks_words_in_a_text(search_page, site_url):
    """The police page's own heading comes first, not a page whose text has the words ("me" and "for"
    no longer match "meeting" and "forums")."""
    found = search(search_page, site_url, "police asked me for information")
    assert found[0].page == "police/" and found[0].sections[0].startswith("The police asked me for information")
    assert "agreements-and-forums/" not in [f.page for f in found[:2]]


def test_the_page_opened_from_a_result_highlights_the_words_searched(browser, site_url):
    """Material marks the words searched on the page a result opens, with the same separator: a
    curly apostrophe and the small words typed leave no empty or partial marks."""
    context = browser.new_context()
    context.add_init_script(WATCH_SEARCH_WORKER)
    page = context.new_page()
    page.goto(site_url)
    found = search(page, site_url, "the police want a pupil\u2019s records")
    assert found[0].page == "situations/schools/"
    page.click(".md-search-result__item .md-search-result__link")
    page.wait_for_url(f"{site_url}situations/schools/*")
    page.wait_for_selector("mark[data-md-highlight]")
    marked = page.eval_on_selector_all("mark[data-md-highlight]", "marks => marks.map(mark => mark.textContent.toLowerCase())")
    assert "police" in marked and "records" in marked
    assert set(marked) <= {"police", "pupil", "records"}, sorted(set(marked))
    context.close()


def test_a_disclosure_scheme_is_not_a_lawful_basis(search_page, site_url):
    """"Clare's Law" shares "law" with "lawful": the checker must not come before the law pages."""
    assert "checkers/lawful-basis/" not in top_pages(search_page, site_url, "Clare's Law", count=2)


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
        context.add_init_script(WATCH_SEARCH_WORKER)
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
