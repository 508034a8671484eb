"""The law register in public: law.json at the site's root, the table of the "Law status" page, and
the build's reminder when an entry that is not confirmed has not been checked for a while.

The register is the checkers' own (checkers.law.register): every provision and edition of guidance
the checkers cite, with its status on a date, how we know and when someone last checked it against its
sources. A site is built for one date (page_review.build_date: SITE_BUILD_DATE, else today), and its
law.json is byte for byte what `python -m checkers law --on <that date>` prints, so anyone can check
the site against the command, or the command against the site.

    register_text(on)        law.json's text for a build date
    page_markdown(on, page)  the Law status page's tables (the md:law-register marker)
    stale_entries(on)        entries reported or not in force, last checked more than 90 days before `on`
    stale_notice(on)         one sentence for the build log naming each of them, or None

Plain functions: nothing here needs MkDocs (plugin.py adds law.json to the site's files, shortcodes.py
calls page_markdown, and plugin.py prints the notice).
"""

from __future__ import annotations

import datetime as dt
import posixpath

from checkers import api
from checkers.law import DATA_PROTECTION_ACT_2018, IN_FORCE, NOT_IN_FORCE, REPORTED, date_words

LAW_JSON = "law.json"
# A reminder to the maintainers, not a failure: a reported or not-in-force entry should be checked
# against its sources at least this often, because that is where the law moves.
CHECK_EVERY = dt.timedelta(days=90)

# The sections of the page, in order: what is not confirmed first, since that is what a reader must
# check before relying on it.
SECTIONS = (
    ("not-confirmed", "Reported, not confirmed",
     "Only a secondary source says these apply, or the statement is our own reading. The checkers say so "
     "in every result that rests on one, and never offer one as the first answer."),
    ("not-in-force", "Not in force",
     "Law that has been made but has not started, as far as we have found."),
    ("replaced", "Replaced guidance",
     "Earlier editions of national guidance. The checkers cite them only for dates before they were replaced."),
    ("in-force", "In force and current",
     "Law in force and guidance currently published, each confirmed from an official source."),
)


def register_text(on: dt.date) -> str:
    """law.json: the register on `on`, exactly as `python -m checkers law --on` prints it."""
    return api.json_text(api.law_register(on))


def section_of(entry: dict) -> str:
    """Which section of the page an entry belongs in (an id of SECTIONS)."""
    if entry["status"] == REPORTED:
        return "not-confirmed"
    if entry["status"] == NOT_IN_FORCE:
        return "replaced" if entry["kind"] == "guidance" and entry["until"] else "not-in-force"
    return "in-force"


def status_label(entry: dict) -> str:
    """The status in a few words, for the table (the entry's status_text says it in full)."""
    status, kind = entry["status"], entry["kind"]
    if kind == "reading":
        return {IN_FORCE: "Confirmed", REPORTED: "Our reading, not confirmed"}.get(status, "Not yet applicable")
    if kind == "guidance":
        if status == NOT_IN_FORCE:
            if not entry["until"]:
                return "Not yet published"
            return "Replaced" if entry["confirmed"] else "Reported as replaced"
        return "Current" if status == IN_FORCE else "Reported as current, not confirmed"
    return {IN_FORCE: "In force", REPORTED: "Reported, not confirmed"}.get(status, "Not in force")


def _day(iso: str) -> str:
    return date_words(dt.date.fromisoformat(iso))


def date_text(entry: dict) -> str:
    """The entry's date in words: when it applies from, or why there is none."""
    start, until = entry["applies_from"], entry["until"]
    if start is None:
        enacted = f"; Royal Assent {_day(entry['enacted'])}" if entry["enacted"] else ""
        return f"No start date known{enacted}"
    if entry["kind"] == "guidance":
        text = f"Published {_day(start)}" if entry["status"] != REPORTED else f"Cited from {_day(start)} (reported)"
        return text + (f"; cited until {_day(until)}" + ("" if entry["confirmed"] else " (reported)") if until else "")
    if start == DATA_PROTECTION_ACT_2018.isoformat():
        return f"In force on {_day(start)} or earlier"
    return f"From {_day(start)}" + ("" if entry["confirmed"] else " (reported)")


def _text(text: str) -> str:
    """Text on one line, safe inside a definition list."""
    return " ".join(text.split())


def _entry_markdown(entry: dict, page_dir: str) -> str:
    """One provision as a definition-list item: what it is, then its status, date and last check,
    then how we know (a list reflows on a phone, where a five-column table would not)."""
    path, _, anchor = entry["guidance"].partition("#")
    ours = posixpath.relpath(path, page_dir or ".") + (f"#{anchor}" if anchor else "")
    checked = _day(entry["checked_on"]) if entry["checked_on"] else "not recorded"
    return (
        f"[{_text(entry['citation'])}]({entry['url']}): {_text(entry['title'])}\n"
        f":   **{status_label(entry)}.** {_text(date_text(entry))}. Last checked {checked}.\n"
        f":   {_text(entry['source'])} [Our guidance on it]({ours})."
    )


def page_markdown(on: dt.date, page_src_uri: str) -> str:
    """The Law status page's register: a count per section, then one section per kind of status, each
    provision with its status in words, its date, its source and when it was last checked."""
    entries = api.law_register(on)
    page_dir = posixpath.dirname(page_src_uri)
    grouped = {section_id: [e for e in entries if section_of(e) == section_id] for section_id, _, _ in SECTIONS}
    summary = ["| Status | Entries |", "| --- | --- |"]
    summary += [f"| [{heading}](#{section_id}) | {len(grouped[section_id])} |" for section_id, heading, _ in SECTIONS]
    parts = [
        f"Statuses on {date_words(on)}, the day this site was built, from the same register the checkers use.",
        "\n".join(summary),
    ]
    for section_id, heading, explanation in SECTIONS:
        parts += [f"## {heading} {{#{section_id}}}", explanation]
        rows = grouped[section_id]
        parts += [_entry_markdown(entry, page_dir) for entry in rows] or [f"None on {date_words(on)}."]
    return "\n\n".join(parts)


def stale_entries(on: dt.date) -> list[dict]:
    """Entries reported or not in force on `on`, last checked more than CHECK_EVERY before it (or never)."""
    return [
        entry for entry in api.law_register(on)
        if entry["status"] in (REPORTED, NOT_IN_FORCE)
        and (entry["checked_on"] is None or on - dt.date.fromisoformat(entry["checked_on"]) > CHECK_EVERY)
    ]


def stale_notice(on: dt.date) -> str | None:
    """One sentence for the build log naming every stale entry, or None when there is none."""
    stale = stale_entries(on)
    if not stale:
        return None
    named = "; ".join(
        f"{entry['id']} ({entry['citation']}, {entry['status']}, last checked "
        f"{_day(entry['checked_on']) if entry['checked_on'] else 'never'})"
        for entry in stale
    )
    return (
        f"The law register has {len(stale)} entries, reported or not in force, last checked more than "
        f"{CHECK_EVERY.days} days before this build ({date_words(on)}): {named}. This is a reminder to the "
        "maintainers of safeguarding-guidance to check them against their sources (checkers/law.py); it does "
        "not stop the build. A partnership need only upgrade to the newest release (safeguarding-guidance "
        "upgrade PATH-TO-NEW-WHEEL), which builds again."
    )
