"""The guidance's release: its version, the date its law and guidance are correct to, and when it is
next due for review.

The version follows the content: YEAR.MONTH.DAY of the newest `last_reviewed` date among the shared
pages (the day the law and guidance were last checked), with a fourth number for a release that fixes
something without a new review (2026.11.30.1). CHANGELOG.md has an entry for every version saying
which law and guidance changed, and from when.

The guidance's review date is the earliest `review_due` among the shared pages: by then a newer
release should be out. A build warns that the installed guidance may be out of date when it is past
that date, or when the edition's own pages were reviewed more recently than the installed guidance
(a partnership that checked its pages in March against an install from November may be missing a
release). The warnings never fail the build, so a partnership can still publish a change to its
own contacts.
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


@dataclass(frozen=True)
class Release:
    version: str
    law_as_at: dt.date  # the newest last_reviewed among the shared pages
    review_due: dt.date  # the earliest review_due among the shared pages

    def as_extra(self) -> dict:
        """What the templates show (config.extra["guidance"])."""
        return {
            "version": self.version,
            "law_as_at": long_date(self.law_as_at),
            "law_as_at_iso": self.law_as_at.isoformat(),
            "review_due": long_date(self.review_due),
            "review_due_iso": self.review_due.isoformat(),
        }

    def out_of_date_notice(self, today: dt.date) -> str | None:
        """A sentence for the build log when the guidance is past its review date, else None."""
        if today <= self.review_due:
            return None
        return (
            f"The installed guidance (safeguarding-guidance {self.version}, law and guidance as at "
            f"{long_date(self.law_as_at)}) was due for review on {long_date(self.review_due)}. A newer "
            "release may include changes in the law: run `pip install -U safeguarding-guidance` and build "
            "again. If no newer release exists, the pages past their review date say so to readers."
        )


    def older_than_local_review(self, newest_local_review: dt.date | None) -> str | None:
        """A sentence for the build log when the edition's pages were reviewed after this guidance's
        law-as-at date, else None."""
        if newest_local_review is None or newest_local_review <= self.law_as_at:
            return None
        return (
            f"This edition's own pages were last reviewed on {long_date(newest_local_review)}, after the "
            f"installed guidance's law and guidance date ({long_date(self.law_as_at)}, safeguarding-guidance "
            f"{self.version}). Check for a newer release: `pip install -U safeguarding-guidance`, then build again."
        )


def version_date(version: str) -> dt.date:
    match = VERSION.match(version)
    if not match:
        raise ValueError(f"{version!r} is not a guidance version (YEAR.MONTH.DAY, or YEAR.MONTH.DAY.FIX)")
    return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))


def release_of(docs: Path, version: str = __version__) -> Release:
    """The release these shared pages make (includes/ holds snippets, not pages)."""
    reviewed, due = [], []
    for path in sorted(docs.rglob("*.md")):
        if "includes" in path.relative_to(docs).parts:
            continue
        _, meta = get_data(path.read_text(encoding="utf-8"))
        if isinstance(meta.get("last_reviewed"), dt.date) and isinstance(meta.get("review_due"), dt.date):
            reviewed.append(meta["last_reviewed"])
            due.append(meta["review_due"])
    if not reviewed:
        raise ValueError(f"{docs} has no page with last_reviewed and review_due")
    return Release(version=version, law_as_at=max(reviewed), review_due=min(due))
