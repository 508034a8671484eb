"""List every page by review date, overdue first (make review).

    python scripts/review_dates.py [--today YYYY-MM-DD] [--edition FOLDER]

Reads the same front matter the build validates (safeguarding_guidance/page_review.py); with
--edition (an edition folder, such as examples/harbourside) it also lists that edition's local pages.
Exits 1 when any page is overdue, so it can gate a release.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from safeguarding_guidance.page_review import long_date, read_reviews  # noqa: E402


def page_texts(edition: Path | None) -> dict[str, str]:
    folders = [ROOT / "docs"]
    if edition:
        folders.append(edition / "pages")
    texts = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            if "includes" in path.relative_to(folder).parts:
                continue
            texts[os.path.relpath(path, ROOT)] = path.read_text(encoding="utf-8")
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="List pages by review date, overdue first.")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--edition", type=Path, help="also list this edition folder's local pages")
    args = parser.parse_args(argv)
    try:
        reviews = read_reviews(page_texts(args.edition))
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
