"""Every page is dated and sourced.

Each Markdown page carries front matter:

    last_reviewed: 2026-11-22
    review_due: 2027-05-22
    sources:
      - title: Information sharing advice for safeguarding practitioners
        date: 2024-05-01
        url: https://www.gov.uk/...
      - title: Working Together to Safeguard Children 2026
        date: 2026              # a year alone, when the exact day has not been confirmed
        status: reported        # optional: known only from a secondary source, not yet confirmed
        url: https://www.gov.uk/...

The build fails, naming every page and problem at once, when any of it is missing or malformed,
or when two pages cite the same URL with a different title or date. Templates get a `review`
object (dates as words, whether the page is overdue) to show on the page.

`scripts/review_dates.py` (make review) reuses `read_reviews` to list pages by review date.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from urllib.parse import urlparse

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

REQUIRED_KEYS = ("last_reviewed", "review_due", "sources")
SOURCE_KEYS = ("title", "date", "url")
# Optional: how sure we are of a source. "reported" means its date (or the source itself) is known
# only from a secondary source such as a partnership or a law firm, and has not been confirmed.
SOURCE_STATUSES = {"reported": "reported, not confirmed"}
# A year alone stands for a date whose day has not been confirmed; anything else is a typo.
SOURCE_YEARS = range(1900, 2101)
# Pages are reviewed at least every year; a longer gap is a typo, not a plan.
MAX_REVIEW_INTERVAL = dt.timedelta(days=366)


@dataclass(frozen=True)
class Source:
    title: str
    date: dt.date | int  # a year alone when the exact day is not confirmed
    url: str
    status: str = ""  # "" (confirmed) or a key of SOURCE_STATUSES

    def dated(self) -> str:
        """How the date reads on a page: "19 April 2024", "2026", "2026 (reported, not confirmed)"."""
        when = long_date(self.date)
        return f"{when} ({SOURCE_STATUSES[self.status]})" if self.status else when


@dataclass(frozen=True)
class Review:
    page: str
    title: str
    last_reviewed: dt.date
    review_due: dt.date
    sources: tuple[Source, ...]
    src_uri: str = ""  # the page's path inside the docs tree, for links between pages

    def overdue(self, today: dt.date) -> bool:
        return self.review_due < today


def build_date() -> dt.date:
    """The date the site is built for: SITE_BUILD_DATE (YYYY-MM-DD) if set, else today."""
    value = os.environ.get("SITE_BUILD_DATE")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise PluginError(f"SITE_BUILD_DATE must be YYYY-MM-DD, not {value!r}") from error


def long_date(value: dt.date | int) -> str:
    """22 November 2026, GOV.UK style; a year alone stays a year."""
    if isinstance(value, int):
        return str(value)
    return f"{value.day} {value:%B %Y}"


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _is_source_date(value: object) -> bool:
    """A full date, or a year alone (when the exact day has not been confirmed)."""
    if isinstance(value, bool):
        return False
    return _is_date(value) or (isinstance(value, int) and value in SOURCE_YEARS)


def _check_url(url: object) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return "must be a web address"
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.netloc:
        return f"must be a full https:// address, not {url!r}"
    return None


def check_front_matter(page: str, meta: dict) -> tuple[Review | None, list[str]]:
    """Validate one page's front matter. Returns the review (if valid) and the problems found."""
    problems: list[str] = []
    for key in REQUIRED_KEYS:
        if key not in meta:
            problems.append(f"{page}: front matter has no '{key}'")
    if problems:
        return None, problems

    for key in ("last_reviewed", "review_due"):
        if not _is_date(meta[key]):
            problems.append(f"{page}: '{key}' must be a date written YYYY-MM-DD, not {meta[key]!r}")
    if not problems:
        if meta["review_due"] <= meta["last_reviewed"]:
            problems.append(f"{page}: 'review_due' must come after 'last_reviewed'")
        elif meta["review_due"] - meta["last_reviewed"] > MAX_REVIEW_INTERVAL:
            problems.append(f"{page}: 'review_due' is more than a year after 'last_reviewed'")

    sources = meta["sources"]
    parsed_sources: list[Source] = []
    if not isinstance(sources, list) or not sources:
        problems.append(f"{page}: 'sources' must be a list with at least one source")
    else:
        for number, source in enumerate(sources, start=1):
            where = f"{page}: source {number}"
            if not isinstance(source, dict):
                problems.append(f"{where} must have title, date and url")
                continue
            unknown = sorted(set(source) - set(SOURCE_KEYS) - {"status"})
            if unknown:
                problems.append(f"{where} has unknown keys {unknown}; allowed: title, date, url, status")
            missing = [key for key in SOURCE_KEYS if key not in source]
            if missing:
                problems.append(f"{where} has no {', '.join(missing)}")
                continue
            if not isinstance(source["title"], str) or not source["title"].strip():
                problems.append(f"{where}: 'title' must be text")
            if not _is_source_date(source["date"]):
                problems.append(
                    f"{where}: 'date' must be a date written YYYY-MM-DD (or a year alone, YYYY, "
                    f"when the day is not confirmed), not {source['date']!r}"
                )
            status = source.get("status", "")
            if status and status not in SOURCE_STATUSES:
                problems.append(f"{where}: 'status' must be one of {', '.join(SOURCE_STATUSES)}, not {status!r}")
            url_problem = _check_url(source["url"])
            if url_problem:
                problems.append(f"{where}: 'url' {url_problem}")
            if not problems:
                parsed_sources.append(Source(source["title"].strip(), source["date"], source["url"], status))

    if problems:
        return None, problems
    title = meta.get("title") or ""
    return Review(page, title, meta["last_reviewed"], meta["review_due"], tuple(parsed_sources)), []


def check_consistency(reviews: list[Review]) -> list[str]:
    """The same URL must carry the same title, date and status on every page that cites it."""
    seen: dict[str, tuple[Source, str]] = {}
    problems = []
    for review in reviews:
        for source in review.sources:
            if source.url in seen:
                first, first_page = seen[source.url]
                if (first.title, first.date, first.status) != (source.title, source.date, source.status):
                    problems.append(
                        f"{review.page}: source {source.url} is cited as "
                        f"'{source.title}' ({source.dated()}) but {first_page} cites it as "
                        f"'{first.title}' ({first.dated()}); use one title, date and status"
                    )
            else:
                seen[source.url] = (source, review.page)
    return problems


def read_reviews(pages: dict[str, str]) -> list[Review]:
    """Validate the front matter of pages {name: markdown text}; raise naming every problem."""
    reviews, problems = [], []
    for name, text in sorted(pages.items()):
        _, meta = get_data(text)
        if not meta:
            if text.startswith("---"):
                problems.append(
                    f"{name}: front matter is not valid YAML (put quotes around a value with a colon)"
                )
            else:
                problems.append(f"{name}: no front matter (needs last_reviewed, review_due, sources)")
            continue
        review, page_problems = check_front_matter(name, meta)
        problems.extend(page_problems)
        if review:
            reviews.append(review)
    problems.extend(check_consistency(reviews))
    if problems:
        raise PluginError("Page front matter is missing or malformed:\n  " + "\n  ".join(problems))
    return reviews


def page_name(file) -> str:
    """How a page is named in messages: its path from the project root, as an author sees it."""
    if file.abs_src_path:
        return os.path.relpath(file.abs_src_path)
    return file.src_uri


def reviews_for(pages) -> list[Review]:
    """The validated reviews of documentation pages (MkDocs File objects)."""
    pages = {page_name(f): f for f in pages}
    reviews = read_reviews({name: f.content_string for name, f in pages.items()})
    return [replace(review, src_uri=pages[review.page].src_uri) for review in reviews]


_REVIEWS: dict[str, Review] = {}


def remember_reviews(reviews: list[Review]) -> None:
    """The reviews of this build's pages, for on_page_context and the Sources page."""
    _REVIEWS.clear()
    for review in reviews:
        _REVIEWS[review.page] = review


def remembered_reviews() -> list[Review]:
    return list(_REVIEWS.values())


def on_page_context(context, page, config, nav, reviewed_as=None):
    """The page's review for its template; `reviewed_as`: the file whose review a generated copy of a
    page shows (an embed page shows its checker page's)."""
    review = _REVIEWS[page_name(reviewed_as or page.file)]
    today = build_date()
    context["review"] = {
        "last_reviewed": long_date(review.last_reviewed),
        "last_reviewed_iso": review.last_reviewed.isoformat(),
        "review_due": long_date(review.review_due),
        "review_due_iso": review.review_due.isoformat(),
        "overdue": review.overdue(today),
        "sources": [
            {"title": s.title, "date": s.dated(), "url": s.url} for s in review.sources
        ],
    }
    return context
