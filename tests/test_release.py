"""The package version follows the content: it is the date the shared pages were last reviewed, every
release has a changelog entry naming the law and guidance that changed and from when (read back as
entries by changelog.py, which the upgrade command prints), and a build warns, without failing, only
when the installed guidance is past its review date, naming the overdue pages and the upgrade."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ROOT
from safeguarding_guidance import __version__, changelog
from safeguarding_guidance.page_review import long_date
from safeguarding_guidance.release import release_of, version_date, version_order

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
    # It names what is overdue (the shared pages past their date, with the date) and what to do.
    first = release.pages[0]
    assert f"{first.page} (due {long_date(first.review_due)})" in notice
    overdue = [page for page in release.pages if page.review_due == release.review_due]
    assert f"{len(overdue)} of its pages are past their review date" in notice
    assert "`safeguarding-guidance upgrade PATH-TO-NEW-WHEEL`" in notice
    assert "pip install -U" not in notice


def test_no_notice_for_a_fresh_edition_within_the_review_window():
    """A scaffold dates its own pages today, after the release's law-as-at date: that is no reason to
    warn (the false alarm of issue 23). Only the release's review date counts."""
    release = release_of(ROOT / "docs")
    for day in range((release.review_due - release.law_as_at).days + 1):
        assert release.out_of_date_notice(release.law_as_at + dt.timedelta(days=day)) is None
    assert not hasattr(release, "older_than_local_review")


def test_a_long_list_of_overdue_pages_is_counted_not_listed():
    release = release_of(ROOT / "docs")
    notice = release.out_of_date_notice(dt.date(2100, 1, 1))
    assert f"{len(release.pages)} of its pages are past their review date" in notice
    assert f"and {len(release.pages) - 5} more" in notice


def test_versions_sort_by_release():
    assert sorted(["2026.12.6", "2026.11.30.1", "2026.11.30", "2027.1.2"], key=version_order) == [
        "2026.11.30", "2026.11.30.1", "2026.12.6", "2027.1.2"]


CHANGES = """# Changelog

Notes.

<!-- A note for editors: - **Law** never printed -->

## 2026.12.6

Reviewed again.

- **Law**
  - A new act, from 1 December 2026.
- **Guidance**
  - New guidance, from 2 December 2026.
- **Pages**: every page.
- **For partnerships**: check your escalation page.

## 2026.11.30.1

A fix.

- **Law**: none.
- **Guidance**: none.
- **Pages**: one page.
- **For partnerships**: nothing to do.

## 2026.11.30

- **Law**
  - The old law.
- **Guidance**: old guidance.
- **Pages**: all.
- **For partnerships**: old advice.
"""


def test_changelog_entries_between_two_releases_oldest_first():
    found = changelog.between(CHANGES, "2026.11.30", "2026.12.6")
    assert [entry.version for entry in found] == ["2026.11.30.1", "2026.12.6"]
    summary = found[1].summary()
    assert summary == ("## 2026.12.6\n- **Law**\n  - A new act, from 1 December 2026.\n- **Guidance**\n"
                       "  - New guidance, from 2 December 2026.\n- **For partnerships**: check your escalation page.")
    assert "Pages" not in found[0].summary() and "never printed" not in "".join(e.text for e in found)
    assert changelog.between(CHANGES, "2026.12.6", "2026.12.6") == []
    assert changelog.latest(CHANGES).startswith("## 2026.12.6\n\nReviewed again.")


def test_the_repository_changelog_reads_as_entries():
    entries = changelog.entries(CHANGELOG.read_text(encoding="utf-8"))
    assert entries[0].version == __version__
    for entry in entries:
        assert set(changelog.UPGRADE_PARTS) <= set(entry.parts), entry.version


@pytest.mark.parametrize("version", ["2026.11", "v2026.11.30", "2026-11-30", "2026.13.1"])
def test_a_version_that_is_not_a_date_is_refused(version):
    with pytest.raises(ValueError):
        version_date(version)


def test_the_release_workflow_reads_the_packages_version():
    """The release workflow's check that the tag is the version, run as written: it finds the version
    where the package takes it from (a workflow reading an old place would refuse every tag)."""
    import subprocess

    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]
             if step.get("name") == "The tag is the package's version"]
    assert len(steps) == 1
    for tag, status in ((f"v{__version__}", 0), ("v2000.1.1", 1)):
        result = subprocess.run(["bash", "-e", "-c", steps[0]["run"]], cwd=ROOT, capture_output=True, text=True,
                                env={"PATH": "/usr/bin:/bin", "GITHUB_REF_NAME": tag})
        assert result.returncode == status, result.stdout + result.stderr
