"""The pages state the law as it stands on the day of their review (issue 9).

- Working Together to Safeguard Children 2023 is no longer current: a page may name it only as the
  edition that was replaced, never as a source or as today's guidance.
- The new duty to share (Children Act 2004 s16LA) may be described as not (yet) in force only next to
  its reported start date, 30 September 2026.
- A source names its edition: "current edition" goes stale the day a new one is published.
- A page that rests on a reported (unconfirmed) source is reviewed again within three months.

The log of changes (changes.md) is a record: only its newest entry has to be right today.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "includes" not in p.relative_to(DOCS).parts)
PAGES += sorted((ROOT / "examples").glob("*/pages/**/*.md"))
CHANGES = DOCS / "changes.md"

# An edition of Working Together older than 2026, in any of the ways pages write it.
OLD_WORKING_TOGETHER = re.compile(
    r"Working Together(?: to Safeguard Children)?,? \(?(?:2013|2015|2018|2023)\b"
    r"|(?:2013|2015|2018|2023) edition of Working Together"
    r"|\[(?:2013|2015|2018|2023) edition\]\([^)]*working-together",
    re.I,
)
# Words that make a mention of an old edition historical rather than current...
AS_REPLACED = re.compile(r"\b(replaced|replaces|previous|earlier|older|superseded)\b", re.I)
# ...unless the old edition is named as the replacement ("replaced by Working Together 2023").
REPLACED_BY_OLD = re.compile(
    r"replaced by (?:the )?\[?(?:Working Together[^.]{0,30}?)?(?:2013|2015|2018|2023)\b", re.I
)

THE_DUTY = re.compile(r"duty to share|section 16LA|s16LA|information sharing duty", re.I)
NOT_IN_FORCE = re.compile(
    r"not (?:yet )?in force|not yet appl|not yet commenced|\bis coming\b|\(coming\)|will apply"
    r"|needs commencement|once it is in force|when it starts|until it starts|commencement not confirmed",
    re.I,
)
REPORTED_START = "30 September 2026"

MAX_REVIEW_OF_REPORTED = dt.timedelta(days=92)


def _name(page: Path) -> str:
    return str(page.relative_to(ROOT))


def _body(page: Path) -> str:
    """The page without its front matter; for the log of changes, only its newest entry."""
    text, _ = get_data(page.read_text(encoding="utf-8"))
    if page == CHANGES:
        entries = re.split(r"^## (?=\d{1,2} \w+ \d{4})", text, flags=re.M)
        text = entries[1] if len(entries) > 1 else text
    return text


def _sentences(text: str) -> list[str]:
    joined = re.sub(r"\s+", " ", re.sub(r"<!--.*?-->", "", text, flags=re.S))
    return re.split(r"(?<=[.!?])\s+(?=[A-Z*\[])", joined)


def _sections(text: str) -> list[str]:
    """The text split at every heading, each part keeping its heading."""
    return re.split(r"^(?=#{1,6} )", text, flags=re.M)


def current_working_together_mentions(text: str) -> list[str]:
    """Sentences that name an old edition of Working Together without saying it was replaced."""
    return [
        s for s in _sentences(text)
        if OLD_WORKING_TOGETHER.search(s) and (not AS_REPLACED.search(s) or REPLACED_BY_OLD.search(s))
    ]


def undated_not_in_force(text: str) -> list[str]:
    """Sections that say the duty to share is not in force without giving its reported start date."""
    return [
        re.sub(r"\s+", " ", section)[:160]
        for section in _sections(text)
        if THE_DUTY.search(section) and NOT_IN_FORCE.search(section) and REPORTED_START not in section
    ]


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_no_source_is_an_old_working_together(page):
    _, meta = get_data(page.read_text(encoding="utf-8"))
    titles = [source.get("title", "") for source in meta.get("sources") or []]
    assert [t for t in titles if OLD_WORKING_TOGETHER.search(t)] == []


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_no_page_calls_an_old_working_together_current(page):
    assert current_working_together_mentions(_body(page)) == []


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_the_duty_to_share_is_never_not_in_force_without_its_reported_date(page):
    assert undated_not_in_force(_body(page)) == []


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_every_source_names_its_edition(page):
    _, meta = get_data(page.read_text(encoding="utf-8"))
    titles = [source.get("title", "") for source in meta.get("sources") or []]
    assert [t for t in titles if re.search(r"\bcurrent\b", t, re.I)] == []


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_a_page_resting_on_a_reported_source_is_reviewed_within_three_months(page):
    _, meta = get_data(page.read_text(encoding="utf-8"))
    if any(source.get("status") == "reported" for source in meta.get("sources") or []):
        assert meta["review_due"] - meta["last_reviewed"] <= MAX_REVIEW_OF_REPORTED


def test_the_duty_to_share_has_its_own_page_linked_from_the_pages_that_must_point_to_it():
    assert (DOCS / "duty-to-share.md").is_file()
    for name in ("index.md", "myths.md", "legal-gateways.md", "golden-rules.md", "checkers/key-questions.md",
                 "checkers/lawful-basis.md", "checkers/proportionality.md"):
        assert "duty-to-share.md" in (DOCS / name).read_text(encoding="utf-8"), name


# The detectors themselves: each must catch the wording the pages used before this review.
@pytest.mark.parametrize(
    "text",
    [
        "Working Together to Safeguard Children 2023 expects the police to share information.",
        "The advice uses the definition in Working Together to Safeguard Children 2023.",
        "replaced by the [2023 edition](https://www.gov.uk/government/publications/working-together-to-safeguard-children--2).",
        "as Working Together 2023 requires.",
        "That edition has been replaced by Working Together 2023.",
    ],
)
def test_the_working_together_detector_catches_current_use(text):
    assert current_working_together_mentions(text)


def test_the_working_together_detector_allows_the_replaced_edition():
    text = ("Working Together to Safeguard Children 2026 replaced the 2023 edition. "
            "Older forms quote Working Together 2018, which has been superseded.")
    assert current_working_together_mentions(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "## The duty to share {#duty-to-share}\n\nAs far as this guidance knows, it is **not in force** on 22 November 2026.\n",
        "### A new duty to share is coming\n\nAs far as we know it is not yet in force.\n",
        "| [Children's Wellbeing and Schools Act 2026](#duty-to-share) | Duty to share, **not yet in force** |\n",
    ],
)
def test_the_duty_detector_catches_an_undated_not_in_force(text):
    assert undated_not_in_force(text)


def test_the_duty_detector_accepts_the_reported_date():
    text = "## The duty to share\n\nIt is reported to apply from 30 September 2026 (commencement not confirmed).\n"
    assert undated_not_in_force(text) == []


def test_the_checkers_law_was_last_checked_on_the_release_date():
    """checkers/ is stdlib-only and cannot read the package's release: its one constant, LAW_CHECKED_ON (the
    date a result long after it warns from), must be the date the release's law was checked."""
    from checkers import law
    from safeguarding_guidance import __version__
    from safeguarding_guidance.release import version_date

    assert law.LAW_CHECKED_ON == version_date(__version__)
