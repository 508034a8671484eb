"""List every page by review date, overdue first (make review).

    python scripts/review_dates.py [--today YYYY-MM-DD] [--partnership SLUG]

Reads the same front matter the build validates (hooks/page_review.py); with --partnership it also
lists that partnership's local pages. Exits 1 when any page is overdue, so it can gate a release.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from mkdocs.exceptions import PluginError  # noqa: E402

from page_review import long_date, read_reviews  # noqa: E402


def page_texts(partnership: str | None) -> dict[str, str]:
    folders = [ROOT / "docs"]
    if partnership:
        folders.append(ROOT / "partnerships" / partnership / "pages")
    texts = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            if "includes" in path.relative_to(folder).parts:
                continue
            texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="List pages by review date, overdue first.")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--partnership", help="also list this partnership's local pages")
    args = parser.parse_args(argv)
    try:
        reviews = read_reviews(page_texts(args.partnership))
    except PluginError as error:
        print(error, file=sys.stderr)
        return 2
    reviews.sort(key=lambda review: (review.review_due, review.page))
    overdue = [r for r in reviews if r.overdue(args.today)]
    print(f"Pages by review date on {long_date(args.today)}: {len(reviews)} pages, {len(overdue)} overdue\n")
    width = max(len(r.page) for r in reviews)
    for review in reviews:
        days = (review.review_due - args.today).days
        status = f"OVERDUE by {-days} days" if days < 0 else f"due in {days} days"
        print(f"{review.page:<{width}}  review due {review.review_due.isoformat()}  "
              f"(last reviewed {review.last_reviewed.isoformat()})  {status}")
    return 1 if overdue else 0


if __name__ == "__main__":
    sys.exit(main())
