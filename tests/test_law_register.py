"""The law register in public (issue 19, section 4), and the register's own facts (section 3).

- `python -m checkers law [--on DATE]` prints the register: a JSON list, every entry with its id,
  title, url, status (in_force, reported or not_in_force on the date), applies_from, source and
  checked_on; the other commands are unchanged.
- The site publishes the same bytes as law.json for its build date, and a Law status page listing
  every entry with its status in words, its date, its source and when it was last checked; so does
  every edition.
- One source of dates: moving a date in checkers.law.COMMENCEMENT moves every date the checkers print.
- "The duty to share is in force" and "it is a legal obligation that meets the duty of confidence"
  are separate entries: confirming commencement does not confirm the second.
- The build warns, without failing --strict, naming each reported or not-in-force entry last
  checked more than 90 days before the build.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace

import pytest

from checkers import api, cli, decision_record, law, lawful_basis
from checkers.law import COMMENCEMENT, EDITIONS, REFERENCES, STATUSES, date_words, ref
from conftest import ROOT, WITHOUT_PDF, build_site
from scenarios import load_cases
from safeguarding_guidance import law_register
from safeguarding_guidance.page_review import build_date

TODAY = dt.date(2026, 12, 6)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
REQUIRED = {"id": str, "title": str, "url": str, "status": str, "source": str, "checked_on": str}


def law_command(*args: str, env_date: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CHECKERS_DATE"}
    if env_date:
        env["CHECKERS_DATE"] = env_date
    return subprocess.run([sys.executable, "-m", "checkers", "law", *args], capture_output=True, cwd=ROOT,
                          env=env, timeout=60)


def call(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, io.StringIO(""), out, err)
    return code, out.getvalue(), err.getvalue()


def entries_by_id(on: dt.date = TODAY) -> dict[str, dict]:
    return {entry["id"]: entry for entry in law.register(on)}


# --- the command's contract ----------------------------------------------------------------------


def test_the_command_prints_the_register_as_a_json_list():
    assert STATUSES == ("in_force", "reported", "not_in_force")
    proc = law_command("--on", TODAY.isoformat())
    assert proc.returncode == 0 and proc.stderr == b""
    entries = json.loads(proc.stdout.decode("utf-8"))
    assert isinstance(entries, list) and len(entries) == len(REFERENCES)
    assert [entry["id"] for entry in entries] == list(REFERENCES)  # every reference, once, in the register's order
    for entry in entries:
        for name, kind in REQUIRED.items():
            assert isinstance(entry[name], kind) and entry[name], (entry["id"], name)
        assert entry["status"] in STATUSES
        assert ISO_DATE.fullmatch(entry["checked_on"]) and dt.date.fromisoformat(entry["checked_on"]) <= TODAY
        for name in ("applies_from", "until", "enacted"):
            assert entry[name] is None or (ISO_DATE.fullmatch(entry[name]) and dt.date.fromisoformat(entry[name])), name
        assert entry["url"].startswith("https://")
        assert entry["kind"] in ("law", "guidance", "reading") and isinstance(entry["confirmed"], bool)
        assert entry["status_text"] == ref(entry["id"]).status_text(TODAY)


def test_the_register_lists_every_commencement_entry_and_every_edition_of_guidance():
    starts = {reference.starts for reference in REFERENCES.values() if isinstance(reference.starts, str)}
    replaced_by = {reference.replaced_by for reference in REFERENCES.values() if reference.replaced_by}
    assert set(COMMENCEMENT) <= starts | replaced_by
    listed = entries_by_id()
    assert {id for series in EDITIONS.values() for id in series} <= set(listed)
    assert all(listed[id]["kind"] == "guidance" for series in EDITIONS.values() for id in series)


def test_the_date_comes_from_on_or_checkers_date_like_the_other_commands():
    day_before, first_day = "2026-09-29", "2026-09-30"

    def duty(argv, env_date=None):
        proc = law_command(*argv, env_date=env_date)
        assert proc.returncode == 0, proc.stderr
        return next(e for e in json.loads(proc.stdout) if e["id"] == "ca2004_s16la")

    assert duty(["--on", day_before])["status"] == "not_in_force"
    assert duty([f"--on={first_day}"])["status"] == "reported"
    assert duty([], env_date=day_before)["status"] == "not_in_force"
    assert duty(["--on", first_day], env_date=day_before)["status"] == "reported"  # the option wins


def test_today_is_the_default(monkeypatch):
    monkeypatch.delenv("CHECKERS_DATE", raising=False)
    code, out, err = call(["law"])
    assert code == 0 and err == ""
    assert json.loads(out) == law.register(dt.date.today())


@pytest.mark.parametrize(
    "argv, start",
    [
        (["law", "case.json"], "usage: python -m checkers"),
        (["law", "--on"], "on: needs a date"),
        (["law", "--on", "2018-05-24"], "on: 2018-05-24 is before 25 May 2018"),
        (["law", "--on", "30/09/2026"], "on: '30/09/2026' is not a date"),
        (["law", "-x"], "usage: python -m checkers"),
        (["questions", "law"], "NAME: 'law' is not allowed"),
    ],
)
def test_bad_uses_of_the_law_command_exit_2_with_one_line(argv, start):
    code, out, err = call(argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith(start), err


def test_the_other_commands_are_unchanged():
    code, out, _ = call(["questions", "key-questions"])
    assert code == 0 and json.loads(out) == api.questions("key-questions")
    code, _, err = call(["frobnicate"])
    assert code == 2 and err.startswith("usage: python -m checkers {lawful-basis|proportionality|key-questions|decision-record}")
    assert "python -m checkers law [--on YYYY-MM-DD]" in err
    assert api.NAMES == ("lawful-basis", "proportionality", "key-questions", "decision-record")


# --- the register's facts (issue 19, section 3), as checked on 6 December 2026 --------------------


def test_the_register_as_checked_on_6_december_2026():
    entries = entries_by_id()
    assert entries["cpa2026_reporting"]["enacted"] == "2026-04-29"
    assert "Royal Assent is confirmed by Home Office Circular 004/2026" in entries["cpa2026_reporting"]["source"]
    assert "(Royal Assent 29 April 2026)" in entries["cpa2026_reporting"]["status_text"]
    assert "SI 2026/689" in entries["cpa2026_reporting"]["source"]
    assert entries["cpa2026_reporting"]["status"] == "not_in_force"
    assert entries["dpa_s164a"]["status"] == "in_force" and entries["dpa_s164a"]["applies_from"] == "2026-06-19"
    assert "23 March 2026" in entries["art8a_annex2"]["source"]
    assert entries["ca2004_s16la"]["status"] == "reported" and entries["ca2004_s16la"]["applies_from"] == "2026-09-30"
    for id in ("cpa2026_reporting", "ca2004_s16la", "ca2004_s16la_legal_effect", "dpa_s164a", "working_together_2026"):
        assert entries[id]["checked_on"] == "2026-12-06", id
    assert entries["ca2004_s16lc"]["checked_on"] == "2026-11-30"


# Every entry whose dates or certainty differ from "in force since the UK GDPR and DPA 2018 applied":
# (applies_from, until, status on 6 December 2026, confirmed, enacted), each from its source.
DATED_ENTRIES = {
    # Data (Use and Access) Act 2025 ss70-71: commenced on 5 February 2026 by SI 2026/82 reg 2(c) and (d).
    "art6_1_ea": ("2026-02-05", None, "in_force", True, None),
    "annex1": ("2026-02-05", None, "in_force", True, None),
    "duaa_s70": ("2026-02-05", None, "in_force", True, None),
    "art8a_annex2": ("2026-02-05", None, "in_force", True, None),
    # DPA 2018 s164A (DUAA 2025 s103): from 19 June 2026, as the ICO's guidance on complaints states.
    "dpa_s164a": ("2026-06-19", None, "in_force", True, None),
    # Police, Crime, Sentencing and Courts Act 2022 Chapter 3A (victim information requests), inserted by
    # the Victims and Prisoners Act 2024 s28: in force on 12 January 2026 (SI 2025/1168 reg 3(a),
    # https://www.legislation.gov.uk/uksi/2025/1168/made).
    "pcsca2022_ch3a": ("2026-01-12", None, "in_force", True, None),
    # Children's Wellbeing and Schools Act 2026 (Royal Assent 29 April 2026) s4: s16LA reported from
    # 30 September 2026 (DfE letter; no commencement regulations found); our reading of its legal effect
    # follows it; s16LC has no regulations.
    "ca2004_s16la": ("2026-09-30", None, "reported", False, "2026-04-29"),
    "ca2004_s16la_legal_effect": ("2026-09-30", None, "reported", False, None),
    "ca2004_s16lc": (None, None, "not_in_force", False, "2026-04-29"),
    # Crime and Policing Act 2026: Royal Assent 29 April 2026 (Home Office Circular 004/2026); the duty to
    # report child sexual abuse not commenced.
    "cpa2026_reporting": (None, None, "not_in_force", False, "2026-04-29"),
    # Guidance, current from publication: Care and support statutory guidance (first issued October 2014);
    # DfE information sharing advice, July 2018 edition until the 2024 edition of 19 April 2024; Working
    # Together 2018 (4 July 2018) until the 2023 edition (15 December 2023), replaced by the 2026 edition
    # (reported; 19 March 2026 is the file's upload date); the Caldicott Principles of 8 December 2020.
    "care_guidance_ch14": ("2014-10-23", None, "in_force", True, None),
    # The March 2015 editions of the DfE information sharing advice and of Working Together, both first
    # published on 26 March 2015 (GOV.UK publication pages), each replaced by its 2018 edition of 4 July 2018.
    "dfe_2015": ("2015-03-26", "2018-07-03", "not_in_force", True, None),
    "working_together_2015": ("2015-03-26", "2018-07-03", "not_in_force", True, None),
    "dfe_2018": ("2018-07-04", "2024-04-18", "not_in_force", True, None),
    "dfe_2024": ("2024-04-19", None, "in_force", True, None),
    "working_together_2018": ("2018-07-04", "2023-12-14", "not_in_force", True, None),
    "working_together_2023": ("2023-12-15", "2026-03-18", "not_in_force", False, None),
    "working_together_2026": ("2026-03-19", None, "reported", False, None),
    "caldicott_2020": ("2020-12-08", None, "in_force", True, None),
}


def test_every_date_in_the_register_as_its_source_gives_it():
    """A date moved by a day, or a reported date shown as confirmed, fails here: each entry's first and
    last day are checked on the day itself and the day either side."""
    for id, entry in entries_by_id().items():
        expected = DATED_ENTRIES.get(id, ("2018-05-25", None, "in_force", True, None))
        actual = (entry["applies_from"], entry["until"], entry["status"], entry["confirmed"], entry["enacted"])
        assert actual == expected, id
        start, until = expected[0], expected[1]
        if start is not None:
            first = dt.date.fromisoformat(start)
            assert ref(id).status(first - dt.timedelta(days=1)) == "not_in_force", id
            assert ref(id).status(first) in ("in_force", "reported"), id
        if until is not None:
            last = dt.date.fromisoformat(until)
            assert ref(id).status(last) != "not_in_force" and ref(id).status(last + dt.timedelta(days=1)) == "not_in_force", id
    assert set(DATED_ENTRIES) <= set(entries_by_id())


# Every provision and document the checkers cite (a register may gain entries; it never loses one).
REGISTER_IDS = (
    "art6 art6_1_a art6_1_b art6_1_c art6_1_d art6_1_e art6_1_ea annex1 duaa_s70 art6_1_f art9_2_a art9_2_c art9_2_f "
    "art9_2_g art9_2_h dpa_s10 sch1_para2 sch1_para6 sch1_para10 sch1_para18 sch1_para29 sch1_para30 sch1_para33 "
    "sch1_para36 sch1_part4 art10 sch2_para5 dpa_s164a dpa_part3 dpa_s35 dpa_s42 sch8 sch7 art5 art8a_annex2 ca1989_s17 "
    "ca1989_s47 ca2004_s11 ca2004_s16h ca2004_s16la ca2004_s16la_legal_effect ca2004_s16lc ea2002_s175 iss2014_para7 "
    "fgm2003_s5b cpa2026_reporting cda1998_s115 care2014_s42 care2014_s45 mca2005_s1 care_guidance_ch14 hra_art8 "
    "common_law_confidence dfe_2018 dfe_2024 working_together_2018 working_together_2023 working_together_2026 caldicott_2020"
).split()


def test_the_register_keeps_every_entry_and_says_each_editions_status_in_words():
    entries = entries_by_id()
    assert [id for id in REGISTER_IDS if id not in entries] == []
    assert entries["dfe_2018"]["status_text"] == "Replaced after 18 April 2024."
    assert entries["working_together_2018"]["status_text"] == "Replaced after 14 December 2023."
    assert entries["working_together_2023"]["status_text"].startswith(
        "Reported to have been replaced by a newer edition, which we cite from 19 March 2026.")
    assert entries["dfe_2024"]["status_text"] == "Current guidance, published 19 April 2024."
    assert ref("caldicott_2020").status_text(dt.date(2020, 12, 7)) == "Not yet published on 7 December 2020."
    # How we know: an entry's own source, plus what it rests on (a replacement, or the provision a reading follows).
    assert entries["art6"]["source"] == law.IN_FORCE_SINCE_2018.source
    assert entries["ca2004_s16lc"]["source"] == COMMENCEMENT["consistent_identifier"].source
    assert entries["ca2004_s16la_legal_effect"]["source"] == (
        COMMENCEMENT["duty_to_share_legal_effect"].source
        + " It can apply only from the date of the provision it reads, and only while that provision applies.")
    assert entries["working_together_2023"]["source"].startswith("Published 15 December 2023. Its replacement is reported as published in 2026")


def test_an_entry_is_only_as_checked_as_what_it_rests_on(monkeypatch):
    """A replaced edition rests on its replacement's date, and a reading on its provision: if either was never
    checked, neither was the entry."""
    for key in ("working_together_2026", "duty_to_share"):
        monkeypatch.setitem(COMMENCEMENT, key, replace(COMMENCEMENT[key], checked_on=None))
    entries = entries_by_id()
    assert entries["working_together_2023"]["checked_on"] is None
    assert entries["ca2004_s16la_legal_effect"]["checked_on"] is None
    assert entries["dfe_2024"]["checked_on"] == "2026-11-30"


def test_no_status_says_not_in_force_twice():
    for on in (dt.date(2026, 1, 1), TODAY, dt.date(2030, 1, 1)):
        for entry in law.register(on):
            assert not re.search(r"Not (?:yet )?in force\W+Not (?:yet )?in force", entry["status_text"], re.I), entry


def test_every_status_resting_on_the_reported_working_together_date_says_it_is_reported():
    reported_day = ref("working_together_2026").applies_from
    for on in (reported_day, TODAY):
        for id in ("working_together_2023", "working_together_2026"):
            text = ref(id).status_text(on)
            assert "reported" in text.lower() and "upload" in text, (id, text)
    assert ref("working_together_2023").status_text(TODAY) != "Replaced after 18 March 2026."
    assert entries_by_id()["working_together_2023"]["confirmed"] is False


def test_confirming_the_working_together_date_is_one_line(monkeypatch):
    entry = COMMENCEMENT["working_together_2026"]
    monkeypatch.setitem(COMMENCEMENT, "working_together_2026", replace(entry, date=dt.date(2026, 3, 20), confirmed=True))
    assert ref("working_together_2023").status_text(TODAY) == "Replaced after 19 March 2026."
    assert ref("working_together_2026").status_text(TODAY) == "Current guidance, published 20 March 2026."
    assert law.edition("working_together", dt.date(2026, 3, 19)).id == "working_together_2023"


# --- two facts about the duty to share, kept apart ----------------------------------------------


BOUND_BODY = {
    "organisation": "local_authority", "purpose": "safeguarding", "protecting": "child", "concern": "significant_harm",
    "data": ["personal"], "consent": "not_asked", "confidential": True,
}


def test_the_duty_and_our_reading_of_it_are_separate_entries():
    duty, reading = ref("ca2004_s16la"), ref("ca2004_s16la_legal_effect")
    assert duty.starts != reading.starts and reading.kind == "reading"
    assert reading.applies_from == duty.applies_from  # one date, set once
    assert reading.status_text(TODAY).startswith("Our reading, not yet confirmed")
    rule = next(r for r in lawful_basis.ARTICLE_6 if r.label == "Legal obligation: duty to share")
    assert reading in rule.also


def test_confirming_commencement_alone_does_not_make_the_checkers_say_the_duty_overrides_confidence(monkeypatch):
    duty = COMMENCEMENT["duty_to_share"]
    monkeypatch.setitem(COMMENCEMENT, "duty_to_share", replace(duty, confirmed=True))  # the one-line change
    assert ref("ca2004_s16la").status(TODAY) == "in_force"
    assert ref("ca2004_s16la_legal_effect").status(TODAY) == "reported"
    result = lawful_basis.evaluate(BOUND_BODY, TODAY)
    assert result["confidentiality"]["id"] != "legal_duty"
    duty_basis = next(f for f in result["article6"] if f["label"] == "Legal obligation: duty to share")
    assert duty_basis["status"] == "reported" and "Our reading" in duty_basis["status_text"]
    assert result["article6"][0]["label"] != "Legal obligation: duty to share"

    reading = COMMENCEMENT["duty_to_share_legal_effect"]
    monkeypatch.setitem(COMMENCEMENT, "duty_to_share_legal_effect", replace(reading, confirmed=True))
    both = lawful_basis.evaluate(BOUND_BODY, TODAY)
    assert both["confidentiality"]["id"] == "legal_duty"
    assert both["article6"][0]["label"] == "Legal obligation: duty to share" and both["article6"][0]["status"] == "in_force"


def test_our_reading_never_applies_before_the_duty_does(monkeypatch):
    reading = COMMENCEMENT["duty_to_share_legal_effect"]
    monkeypatch.setitem(COMMENCEMENT, "duty_to_share_legal_effect", replace(reading, confirmed=True))
    day_before = ref("ca2004_s16la").applies_from - dt.timedelta(days=1)
    assert ref("ca2004_s16la_legal_effect").status(day_before) == "not_in_force"
    assert ref("ca2004_s16la_legal_effect").status(TODAY) == "reported"  # the duty itself is still only reported


# --- one source of dates ---------------------------------------------------------------------------


MOVE = dt.timedelta(days=2)


def _outputs(on_dates: tuple[dt.date, ...]) -> str:
    """Everything the checkers print for every scenario input, on the scenario's date and on each of
    `on_dates`, as one text. The date evaluated on is left out of each output ("not yet in force on
    5 February 2026" names the day asked about, not a provision's date)."""
    texts = []
    for checker, _, case in load_cases():
        for on in (dt.date.fromisoformat(case["date"]) if case.get("date") else TODAY, *on_dates):
            output = json.dumps(api.evaluate(checker, case["input"], on), ensure_ascii=False)
            texts.append(output.replace(date_words(on), "<the date evaluated on>"))
    return "\n".join(texts)


def test_moving_a_date_in_commencement_moves_every_printed_date(monkeypatch):
    """Every date the checkers print for a provision comes from the register: move every date in
    COMMENCEMENT by two days, and no old date is printed anywhere, while the moved ones are."""
    old_words, new_words = set(), {}
    for key, entry in list(COMMENCEMENT.items()):
        changes = {}
        if entry.date is not None:
            changes["date"] = entry.date + MOVE
            old_words.add(date_words(entry.date))
        if entry.enacted is not None:
            changes["enacted"] = entry.enacted + MOVE
            old_words.add(date_words(entry.enacted))
        monkeypatch.setitem(COMMENCEMENT, key, replace(entry, **changes))
        new_words[key] = [date_words(day) for day in changes.values()]
    old_words.add(date_words(dt.date(2026, 3, 18)))  # the day before Working Together 2026, as once printed
    text = _outputs((TODAY, dt.date(2026, 9, 1)))
    assert [words for words in sorted(old_words) if words in text] == []
    for key in ("duty_to_share", "recognised_legitimate_interest", "child_sexual_abuse_reporting", "complaints_to_controllers"):
        assert any(words in text for words in new_words[key]), key


def test_the_duty_to_shares_date_in_every_sentence_follows_the_register(monkeypatch):
    monkeypatch.setitem(COMMENCEMENT, "duty_to_share", replace(COMMENCEMENT["duty_to_share"], date=dt.date(2027, 1, 15)))
    cases = [BOUND_BODY, dict(BOUND_BODY, organisation="voluntary", purpose="duty_to_share"),
             dict(BOUND_BODY, organisation="voluntary")]
    for on in (TODAY, dt.date(2027, 2, 1)):
        for case in cases:
            text = json.dumps(lawful_basis.evaluate(case, on))
            assert "30 September 2026" not in text
        assert "15 January 2027" in json.dumps([lawful_basis.evaluate(case, on) for case in cases])
    record = decision_record.build(
        {"checker": "lawful-basis", "answers": BOUND_BODY, "partnership": None,
         "details": {"what": "x", "with_whom": "y", "why": "z", "when": "now", "by_whom": "me", "decision": "shared", "reasons": "r"}},
        lawful_basis, dt.date(2027, 2, 1))
    assert "15 January 2027" in record["markdown"] and "30 September 2026" not in record["markdown"]


def test_lawful_basis_writes_no_date_by_hand():
    source = (ROOT / "checkers" / "lawful_basis.py").read_text(encoding="utf-8")
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    assert re.findall(rf"\b\d{{1,2}} (?:{months}) \d{{4}}\b", source) == []


# --- the complaints duty is cited where a result meets it --------------------------------------


def test_the_complaints_duty_is_named_when_the_result_says_to_tell_the_person():
    result = lawful_basis.evaluate(BOUND_BODY, TODAY)
    assert any(a.startswith("Tell the person or family what you shared") for a in result["actions"])
    assert "DPA 2018 s164A (inserted by the Data (Use and Access) Act 2025 s103)" in [r["citation"] for r in result["references"]]
    before = lawful_basis.evaluate(BOUND_BODY, dt.date(2026, 6, 18))
    assert "dpa_s164a" not in [r["id"] for r in before["references"]]
    consented = lawful_basis.evaluate(dict(BOUND_BODY, consent="given"), TODAY)
    assert "dpa_s164a" not in [r["id"] for r in consented["references"]]


# --- the build's reminder ------------------------------------------------------------------------


def test_stale_entries_are_those_not_confirmed_and_unchecked_for_more_than_90_days():
    assert law_register.stale_entries(TODAY) == [] and law_register.stale_notice(TODAY) is None
    # Entries checked on 6 December 2026 are due a check after 6 March 2027; those of 30 November after 28 February.
    assert {e["id"] for e in law_register.stale_entries(dt.date(2027, 3, 6))} == {
        e["id"] for e in law.register(dt.date(2027, 3, 6))
        if e["status"] != "in_force" and e["checked_on"] == "2026-11-30"
    }
    later = dt.date(2027, 3, 7)
    stale = law_register.stale_entries(later)
    expected = [e["id"] for e in law.register(later) if e["status"] in ("reported", "not_in_force")]
    assert [e["id"] for e in stale] == expected and "ca2004_s16la" in expected and "cpa2026_reporting" in expected
    notice = law_register.stale_notice(later)
    for entry in stale:
        assert f"{entry['id']} ({entry['citation']}, {entry['status']}, last checked {date_words(dt.date.fromisoformat(entry['checked_on']))})" in notice
    assert "does not stop the build" in notice
    assert all(e["id"] not in notice for e in law.register(later) if e["status"] == "in_force")


# --- the site -----------------------------------------------------------------------------------


def _page_text(path) -> str:
    page = path.read_text(encoding="utf-8")
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page, re.S).group(1)
    inline_removed = re.sub(r"</?(?:abbr|a|strong|em|code|span)\b[^>]*>", "", article)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline_removed)).split())


def _assert_site_publishes_the_register(site, on: dt.date):
    published = (site / "law.json").read_bytes()
    assert published == api.json_text(api.law_register(on)).encode("utf-8")
    assert published == law_command("--on", on.isoformat()).stdout
    text = _page_text(site / "law-status" / "index.html")
    for entry in law.register(on):
        checked = date_words(dt.date.fromisoformat(entry["checked_on"]))
        line = (f"{entry['citation']}: {entry['title']} {law_register.status_label(entry)}. "
                f"{law_register.date_text(entry)}. Last checked {checked}.")
        assert " ".join(line.split()) in text, entry["id"]
        assert " ".join(entry["source"].split()) in text, entry["id"]
    assert f"Statuses on {date_words(on)}, the day this site was built" in text


def test_the_default_site_publishes_the_register_for_its_build_date(default_site):
    _assert_site_publishes_the_register(default_site.path, build_date())
    home = (default_site.path / "index.html").read_text(encoding="utf-8")
    about = home[home.index("About this guidance"):]
    assert 'href="law-status/"' in about and "Law status" in about


@pytest.mark.parametrize("slug", ["harbourside", "northmoor-vale"])
def test_every_edition_publishes_the_register(built_sites, slug):
    _assert_site_publishes_the_register(built_sites[slug].path, build_date())


@pytest.mark.site  # builds an edition with mkdocs
def test_an_edition_built_past_the_check_interval_warns_naming_each_entry_and_still_builds(tmp_path):
    """A partnership's rebuild months after the release: the reminder is in the log, --strict passes,
    and law.json is the register for that build date."""
    edition = tmp_path / "harbourside"
    shutil.copytree(ROOT / "examples" / "harbourside", edition)
    on = dt.date(2027, 3, 10)
    result = build_site(edition / "mkdocs.yml", tmp_path / "site", env={"SITE_BUILD_DATE": on.isoformat(), **WITHOUT_PDF})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log  # the build runs with --strict
    warning = next(line for line in log.splitlines() if "The law register has" in line)
    assert warning.startswith("WARNING")
    for entry in law_register.stale_entries(on):
        assert f"{entry['id']} ({entry['citation']}" in warning, entry["id"]
    _assert_site_publishes_the_register(tmp_path / "site", on)


def test_once_the_duty_to_shares_commencement_is_confirmed_results_say_in_force_not_reported(monkeypatch):
    """Confirming commencement is one line in the register: every sentence then says "in force since" that
    date, and none still says it is reported or that the regulations were not found."""
    monkeypatch.setitem(COMMENCEMENT, "duty_to_share", replace(COMMENCEMENT["duty_to_share"], confirmed=True))
    text = json.dumps(lawful_basis.evaluate(BOUND_BODY, dt.date(2026, 12, 6)))
    assert "in force since 30 September 2026" in text
    assert "reported to apply from 30 September 2026" not in text
    assert "we have not found the commencement regulations" not in text
