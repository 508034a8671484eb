"""The guidance's release: its version, the date its law and guidance are correct to, and when it is
next due for review.

The version follows the content: YEAR.MONTH.DAY of the newest `last_reviewed` date among the shared
pages (the day the law and guidance were last checked), with a fourth number for a release that fixes
something without a new review (2026.11.30.1). CHANGELOG.md has an entry for every version saying
which law and guidance changed, and from when.

The guidance's review date is the earliest `review_due` among the shared pages: by then a newer
release should be out. A build warns that the installed guidance may be out of date only when it is
past that date, and then names the shared pages past their review date and the command that installs
a newer release (`safeguarding-guidance upgrade PATH-TO-NEW-WHEEL`). A build inside the review window
says nothing, however recently the edition's own pages were reviewed: a partnership that updates its
contacts the week after a release has done nothing wrong. The warnings never fail the build, so a
partnership can still publish a change to its own contacts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.meta import get_data

from . import __version__
from .page_review import long_date

VERSION = re.compile(r"^(?P<year>\d{4})\.(?P<month>\d{1,2})\.(?P<day>\d{1,2})(?:\.(?P<fix>\d+))?$")

UPGRADE_COMMAND = "safeguarding-guidance upgrade PATH-TO-NEW-WHEEL"
OVERDUE_NAMED = 5  # pages named in the build log; the rest are counted


@dataclass(frozen=True)
class PageDue:
    page: str  # the page's path in the shared docs, e.g. lawful-bases.md
    review_due: dt.date


@dataclass(frozen=True)
class Release:
    version: str
    law_as_at: dt.date  # the newest last_reviewed among the shared pages
    review_due: dt.date  # the earliest review_due among the shared pages
    pages: tuple[PageDue, ...] = ()  # every shared page's review date, earliest first

    def as_extra(self) -> dict:
        """What the templates show (config.extra["guidance"])."""
        return {
            "version": self.version,
            "law_as_at": long_date(self.law_as_at),
            "law_as_at_iso": self.law_as_at.isoformat(),
            "review_due": long_date(self.review_due),
            "review_due_iso": self.review_due.isoformat(),
        }

    def overdue_pages(self, today: dt.date) -> list[PageDue]:
        return [page for page in self.pages if page.review_due < today]

    def out_of_date_notice(self, today: dt.date) -> str | None:
        """A paragraph for the build log when the guidance is past its review date, else None: what is
        overdue, and what to do."""
        if today <= self.review_due:
            return None
        overdue = self.overdue_pages(today)
        named = ", ".join(f"{page.page} (due {long_date(page.review_due)})" for page in overdue[:OVERDUE_NAMED])
        more = len(overdue) - OVERDUE_NAMED
        if more > 0:
            named += f" and {more} more"
        return (
            f"The installed guidance (safeguarding-guidance {self.version}, law and guidance as at "
            f"{long_date(self.law_as_at)}) was due for review by {long_date(self.review_due)}, and "
            f"{len(overdue)} of its pages are past their review date: {named}. A newer release may "
            "include changes in the law. Get the newest release's wheel and, in this folder, run "
            f"`{UPGRADE_COMMAND}` (it installs the release and builds again). If no newer release "
            "exists yet, the pages past their review date say so to readers."
        )


def version_date(version: str) -> dt.date:
    match = VERSION.match(version)
    if not match:
        raise ValueError(f"{version!r} is not a guidance version (YEAR.MONTH.DAY, or YEAR.MONTH.DAY.FIX)")
    return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))


def version_order(version: str) -> tuple[int, int, int, int]:
    """A key that sorts versions by release: 2026.11.30 < 2026.11.30.1 < 2026.12.6."""
    match = VERSION.match(version)
    if not match:
        raise ValueError(f"{version!r} is not a guidance version (YEAR.MONTH.DAY, or YEAR.MONTH.DAY.FIX)")
    return int(match["year"]), int(match["month"]), int(match["day"]), int(match["fix"] or 0)


def release_of(docs: Path, version: str = __version__) -> Release:
    """The release these shared pages make (includes/ holds snippets, not pages)."""
    reviewed, pages = [], []
    for path in sorted(docs.rglob("*.md")):
        if "includes" in path.relative_to(docs).parts:
            continue
        _, meta = get_data(path.read_text(encoding="utf-8"))
        if isinstance(meta.get("last_reviewed"), dt.date) and isinstance(meta.get("review_due"), dt.date):
            reviewed.append(meta["last_reviewed"])
            pages.append(PageDue(path.relative_to(docs).as_posix(), meta["review_due"]))
    if not reviewed:
        raise ValueError(f"{docs} has no page with last_reviewed and review_due")
    pages.sort(key=lambda page: (page.review_due, page.page))
    return Release(version=version, law_as_at=max(reviewed), review_due=pages[0].review_due, pages=tuple(pages))
