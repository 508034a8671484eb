"""The package version follows the content: it is the date the shared pages were last reviewed, every
release has a changelog entry naming the law and guidance that changed and from when, and a build
warns, without failing, when the installed guidance is past its review date."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ROOT
from safeguarding_guidance import __version__
from safeguarding_guidance.release import release_of, version_date

CHANGELOG = ROOT / "CHANGELOG.md"


def _entries() -> dict[str, str]:
    text = CHANGELOG.read_text(encoding="utf-8")
    parts = re.split(r"^## (\S+)\n", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_version_is_the_date_of_the_newest_review():
    release = release_of(ROOT / "docs")
    assert version_date(__version__) == release.law_as_at
    assert release.review_due > release.law_as_at


def test_every_release_has_a_changelog_entry_naming_law_and_guidance():
    entries = _entries()
    assert next(iter(entries)) == __version__, "the newest changelog entry is the package's version"
    versions = list(entries)
    assert versions == sorted(versions, key=lambda v: tuple(int(n) for n in v.split(".")), reverse=True)
    for version, entry in entries.items():
        version_date(version)
        for part in ("- **Law**", "- **Guidance**", "- **Pages**", "- **For partnerships**"):
            assert part in entry, (version, part)
        law = entry.split("- **Law**", 1)[1].split("- **Guidance**", 1)[0]
        assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", law), f"{version}: say from when the law applies"


def test_out_of_date_notice_only_after_the_review_date():
    release = release_of(ROOT / "docs")
    assert release.out_of_date_notice(release.review_due) is None
    notice = release.out_of_date_notice(release.review_due + dt.timedelta(days=1))
    assert f"safeguarding-guidance {__version__}" in notice
    assert "pip install -U safeguarding-guidance" in notice


def test_notice_when_local_pages_were_reviewed_after_the_installed_guidance():
    release = release_of(ROOT / "docs")
    assert release.older_than_local_review(None) is None
    assert release.older_than_local_review(release.law_as_at) is None
    notice = release.older_than_local_review(release.law_as_at + dt.timedelta(days=40))
    assert "This edition's own pages were last reviewed on " in notice
    assert f"safeguarding-guidance {__version__}" in notice and "pip install -U safeguarding-guidance" in notice


@pytest.mark.parametrize("version", ["2026.11", "v2026.11.30", "2026-11-30", "2026.13.1"])
def test_a_version_that_is_not_a_date_is_refused(version):
    with pytest.raises(ValueError):
        version_date(version)
