"""The guidance site as built: every page dated and sourced, abbreviations defined, nothing loaded
from outside, security headers generated, review dates listed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, WITHOUT_PDF, build_site
from safeguarding_guidance.abbreviations import read_abbreviations
from safeguarding_guidance.page_review import check_front_matter, read_reviews

DOCS = ROOT / "docs"
CONTENT_PAGES = sorted(p for p in DOCS.rglob("*.md") if "includes" not in p.relative_to(DOCS).parts)
PARTNERSHIP_PAGES = sorted((ROOT / "examples").glob("*/pages/**/*.md"))

# Every topic of the guidance has its page (issue: "every topic above has its page").
TOPIC_PAGES = [
    "index.md", "myths.md", "golden-rules.md", "principles.md", "lawful-bases.md",
    "consent-and-confidentiality.md", "legal-gateways.md", "caldicott.md", "police.md",
    "local/police-information-requests.md", "disclosure-schemes.md", "agreements-and-forums.md",
    "situations/children-moving-area.md", "situations/missing-children.md", "situations/exploitation.md",
    "situations/age-assessment.md", "situations/professionals-meetings.md", "situations/schools.md",
    "situations/sending-securely.md", "situations/records.md", "glossary.md", "sources.md",
    "accessibility.md", "changes.md", "checkers/key-questions.md", "checkers/lawful-basis.md",
    "checkers/proportionality.md", "local/contacts.md", "duty-to-share.md", "adults-at-risk.md",
]


def test_every_topic_has_its_page():
    missing = [page for page in TOPIC_PAGES if not (DOCS / page).is_file()]
    assert missing == []


@pytest.mark.parametrize("page", CONTENT_PAGES + PARTNERSHIP_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_front_matter_is_complete(page):
    from mkdocs.utils.meta import get_data

    _, meta = get_data(page.read_text(encoding="utf-8"))
    review, problems = check_front_matter(str(page), meta)
    assert problems == []
    assert review.last_reviewed <= dt.date.today()


def test_no_page_is_a_stub():
    for page in CONTENT_PAGES + PARTNERSHIP_PAGES:
        text = page.read_text(encoding="utf-8")
        for marker in ("Draft.", "TODO", "TBC", "lorem ipsum", "Lorem ipsum"):
            assert marker not in text, f"{page.relative_to(ROOT)} contains {marker!r}"


def test_every_page_shows_its_review_dates_and_sources(default_site):
    for page in CONTENT_PAGES:
        relative = page.relative_to(DOCS).with_suffix("")
        html_path = default_site.path / ("index.html" if relative.name == "index" and relative.parent == Path(".") else
                                         (relative.parent if relative.name == "index" else relative) / "index.html")
        html = html_path.read_text(encoding="utf-8")
        assert "Last reviewed <time" in html, html_path
        assert "Next review due <time" in html, html_path
        assert 'class="page-review__sources"' in html, html_path


@pytest.mark.parametrize(
    ("meta", "problem"),
    [
        ({"review_due": dt.date(2027, 1, 1), "sources": []}, "no 'last_reviewed'"),
        ({"last_reviewed": "22/11/2026", "review_due": dt.date(2027, 1, 1), "sources": [{}]}, "'last_reviewed' must be a date"),
        ({"last_reviewed": dt.date(2026, 11, 22), "review_due": dt.date(2026, 1, 1), "sources": [{}]}, "must come after"),
        ({"last_reviewed": dt.date(2026, 11, 22), "review_due": dt.date(2027, 5, 1), "sources": []}, "at least one source"),
        ({"last_reviewed": dt.date(2026, 11, 22), "review_due": dt.date(2027, 5, 1),
          "sources": [{"title": "X", "date": dt.date(2020, 1, 1), "url": "http://example.org"}]}, "https://"),
        ({"last_reviewed": dt.date(2026, 11, 22), "review_due": dt.date(2027, 5, 1),
          "sources": [{"title": "X", "url": "https://example.org"}]}, "has no date"),
        ({"last_reviewed": dt.date(2026, 11, 22), "review_due": dt.date(2027, 5, 1),
          "sources": [{"title": "X", "date": "March 2026", "url": "https://example.org"}]}, "'date' must be a date"),
        ({"last_reviewed": dt.date(2026, 11, 22), "review_due": dt.date(2027, 5, 1),
          "sources": [{"title": "X", "date": 26, "url": "https://example.org"}]}, "or a year alone"),
        ({"last_reviewed": dt.date(2026, 11, 22), "review_due": dt.date(2027, 5, 1),
          "sources": [{"title": "X", "date": 2026, "status": "rumoured", "url": "https://example.org"}]},
         "'status' must be one of reported"),
    ],
)
def test_malformed_front_matter_is_named(meta, problem):
    _, problems = check_front_matter("docs/x.md", meta)
    assert any(problem in p and p.startswith("docs/x.md") for p in problems), problems


def test_one_url_one_title_and_date():
    page = "---\nlast_reviewed: 2026-11-22\nreview_due: 2027-05-22\nsources:\n  - title: {t}\n    date: 2024-05-01\n    url: https://example.org/a\n---\n# P\n"
    with pytest.raises(PluginError, match="use one title, date and status"):
        read_reviews({"a.md": page.format(t="One"), "b.md": page.format(t="Two")})


def test_one_url_one_status():
    """A source reported on one page cannot be cited as confirmed on another."""
    page = ("---\nlast_reviewed: 2026-11-22\nreview_due: 2027-05-22\nsources:\n  - title: T\n    date: 2026\n"
            "    url: https://example.org/a\n{status}---\n# P\n")
    with pytest.raises(PluginError, match=r"cited as 'T' \(2026\) but a.md cites it as 'T' \(2026 \(reported, not confirmed\)\)"):
        read_reviews({"a.md": page.format(status="    status: reported\n"), "b.md": page.format(status="")})


def test_a_source_known_only_by_year_and_report_says_so():
    """A year alone and a 'reported' status are shown in words, never as a confirmed day."""
    meta = {"last_reviewed": dt.date(2026, 11, 30), "review_due": dt.date(2027, 2, 28),
            "sources": [{"title": "W", "date": 2026, "status": "reported", "url": "https://example.org/w"},
                        {"title": "A", "date": dt.date(2024, 5, 1), "url": "https://example.org/a"}]}
    review, problems = check_front_matter("docs/x.md", meta)
    assert problems == []
    assert [source.dated() for source in review.sources] == ["2026 (reported, not confirmed)", "1 May 2024"]


def test_build_fails_naming_a_page_without_front_matter(tmp_path):
    edition = tmp_path / "harbourside"
    shutil.copytree(ROOT / "examples" / "harbourside", edition)
    (edition / "pages" / "local" / "undated.md").write_text("# A page with no dates\n")
    result = build_site(edition / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "pages/local/undated.md: no front matter" in result.stdout + result.stderr


def test_overdue_pages_are_flagged_and_the_build_warns(tmp_path):
    """Pages past their review date say so; the build warns that the guidance may be out of date."""
    result = build_site("mkdocs.yml", tmp_path / "site", env={"SITE_BUILD_DATE": "2031-01-01", **WITHOUT_PDF})
    assert result.returncode == 0, result.stderr  # with --strict: the warning below does not fail the build
    assert "WARNING" in result.stderr and "The installed guidance (safeguarding-guidance " in result.stderr
    assert "run `safeguarding-guidance upgrade PATH-TO-NEW-WHEEL`" in result.stderr
    assert "of its pages are past their review date: " in result.stderr
    page = (tmp_path / "site" / "myths" / "index.html").read_text(encoding="utf-8")
    assert "This page is overdue for review" in page


def test_make_review_lists_overdue_pages_first():
    from mkdocs.utils.meta import get_data

    # The day after the earliest review date: at least one page is overdue, whatever the dates are now.
    earliest = min(get_data(page.read_text(encoding="utf-8"))[1]["review_due"] for page in CONTENT_PAGES)
    today = (earliest + dt.timedelta(days=1)).isoformat()
    result = subprocess.run(
        [sys.executable, "scripts/review_dates.py", "--today", today], cwd=ROOT, capture_output=True, text=True
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("docs/")]
    assert result.returncode == 1
    assert lines and "OVERDUE" in lines[0]
    statuses = ["OVERDUE" in line for line in lines]
    assert statuses == sorted(statuses, reverse=True)


# Capitalised words that are not abbreviations, with the reason each is allowed.
NOT_ABBREVIATIONS = {
    "NHSmail": "the name of the NHS secure email service, written as its owner writes it",
    "WhatsApp": "the name of a messaging app",
    "JavaScript": "the name of a programming language",
    "WebAssembly": "the name of a web technology",
    "MkDocs": "the name of the software that builds the site",
    "AA": "a WCAG conformance level (A, AA, AAA), a name rather than an abbreviation",
    "GOV": "part of GOV.UK, the name of the government's website, written as its owner writes it",
}
TOKEN = re.compile(r"\b(?=[A-Za-z]*[A-Z][A-Za-z]*[A-Z])[A-Za-z]+\b")


def _prose(text: str) -> str:
    """Page text without front matter, markers, code, link targets and URLs."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{#[^}]*\}", "", text)
    return re.sub(r"https?://\S+", "", text)


def test_every_abbreviation_is_in_the_glossary():
    defined = read_abbreviations()
    undefined: dict[str, list[str]] = {}
    for page in CONTENT_PAGES + PARTNERSHIP_PAGES:
        for token in TOKEN.findall(_prose(page.read_text(encoding="utf-8"))):
            stem = token[:-1] if token.endswith("s") and token[:-1] in defined else token
            if stem not in defined and stem not in NOT_ABBREVIATIONS and not any(stem in d.split() for d in defined):
                undefined.setdefault(token, []).append(str(page.relative_to(ROOT)))
    assert undefined == {}


def test_glossary_lists_every_abbreviation(default_site):
    html = (default_site.path / "glossary" / "index.html").read_text(encoding="utf-8")
    for abbreviation, meaning in read_abbreviations().items():
        assert f"<td>{abbreviation}</td>" in html or f">{abbreviation}</abbr></td>" in html, abbreviation


def test_abbreviations_have_hover_text_everywhere(default_site):
    html = (default_site.path / "lawful-bases" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Data protection officer">DPO</abbr>' in html


class _References(HTMLParser):
    """Every address the browser would load by itself (not links a reader follows)."""

    LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
               "audio": "src", "embed": "src", "object": "data", "link": "href"}

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.LOADING and attributes.get(self.LOADING[tag]):
            self.loaded.append(attributes[self.LOADING[tag]])
        if attributes.get("srcset"):
            self.loaded.append(attributes["srcset"])


# Addresses inside third-party files the site ships, each never fetched here, with the reason.
DORMANT_URLS = {
    "https://unpkg.com/resize-observer-polyfill": "Material loads it only where ResizeObserver is missing; every supported browser has it",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "Material loads it only for Mermaid diagrams; the site has none",
    "https://api.github.com/": "Material's repository facts, only with repo_url, which the site does not set",
    "https://clipboardjs.com/": "licence comment in Material's bundle",
    "https://bit.ly/2s3ChXG": "text of a console warning in Material's search worker",
    "http://lunrjs.com": "licence comment in Material's search worker",
    "http://tartarus.org/": "licence comment in Material's search worker",
    "https://fontawesome.com": "licence comment inside an icon in Material's stylesheet",
    "http://www.w3.org/2000/svg": "the SVG namespace, an identifier, not a download",
    "https://cdn.jsdelivr.net/pyodide/v": "Pyodide's default package URL, used only for packages the site never loads (it passes indexURL)",
}
URL = re.compile(r"https?://[A-Za-z0-9.\-]+[^\s\"'`)<>]*")


def _is_local(address: str) -> bool:
    return not re.match(r"^(https?:)?//", address.strip())


def test_no_outside_asset_in_any_page(default_site):
    for page in default_site.path.rglob("*.html"):
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        outside = [address for address in parser.loaded if not _is_local(address)]
        assert outside == [], f"{page.relative_to(default_site.path)} loads {outside}"


def test_no_outside_url_in_any_built_asset(default_site):
    found = {}
    for path in default_site.path.rglob("*"):
        # The search index and the law register (law.json) are data: their addresses are the pages' own
        # links and citations of the law, which nothing fetches by itself.
        if path.suffix not in {".js", ".mjs", ".css", ".json", ".svg", ".webmanifest"} or path.name in {"search_index.json", "law.json"}:
            continue
        for url in URL.findall(path.read_text(encoding="utf-8", errors="replace")):
            if not any(url.startswith(dormant) for dormant in DORMANT_URLS):
                found.setdefault(str(path.relative_to(default_site.path)), set()).add(url)
    assert found == {}


def test_headers_file_holds_a_strict_policy(default_site):
    headers = (default_site.path / "_headers").read_text(encoding="utf-8")
    csp = next(line.split(":", 1)[1].strip() for line in headers.splitlines() if "Content-Security-Policy" in line)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'wasm-unsafe-eval' 'sha256-")
    assert "unsafe-inline" not in csp and "unsafe-eval'" not in csp.replace("wasm-unsafe-eval'", "")
    for name, value in {"worker-src": "'self'", "style-src": "'self'", "img-src": "'self' data:",
                        "object-src": "'none'", "base-uri": "'self'", "form-action": "'none'"}.items():
        assert directives[name] == value
    for header in ("Referrer-Policy", "X-Content-Type-Options: nosniff", "Permissions-Policy"):
        assert header in headers
    nginx = (default_site.path / "_headers.nginx").read_text(encoding="utf-8")
    assert csp in nginx.replace('\\"', '"')


def test_every_checker_guidance_link_resolves(default_site):
    """References and questions point at our pages and anchors: each must exist in the built site."""
    from checkers import api
    from checkers.law import REFERENCES

    targets = {reference.guidance for reference in REFERENCES.values()}
    for name in api.CHECKERS:
        targets |= {q["guidance"] for q in api.questions(name)["questions"] if q["guidance"]}
    for target in sorted(targets):
        path, _, anchor = target.partition("#")
        folder = Path(path).with_suffix("")
        html_file = default_site.path / (folder.parent if folder.name == "index" else folder) / "index.html"
        assert html_file.is_file(), target
        if anchor:
            assert f'id="{anchor}"' in html_file.read_text(encoding="utf-8"), target
