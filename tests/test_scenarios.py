"""Every scenario case in tests/scenarios, evaluated in-process through the public API."""

import datetime as dt
import re

import pytest

from checkers import api
from scenarios import check, load_cases

CASES = load_cases()


def test_there_are_enough_cases_for_every_checker():
    names = [name for name, _, _ in CASES]
    assert len(CASES) >= 40
    for name in api.NAMES:
        assert names.count(name) >= 3, name


@pytest.mark.parametrize(("name", "case"), [(n, c) for n, _, c in CASES], ids=[i for _, i, _ in CASES])
def test_scenario(name, case):
    on = dt.date.fromisoformat(case["date"]) if "date" in case else None
    result = api.evaluate(name, case["input"], on)
    assert check(result, case["expect"]) == []


# --- the expectations themselves --------------------------------------------------------------------

def _said_by_the_checkers() -> list[str]:
    """Every string the checkers' source holds (f-strings by their literal parts), in lower case."""
    import ast
    from pathlib import Path

    found = []
    for path in sorted((Path(api.__file__).parent).glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(" ".join(node.value.split()).casefold())
    return found


# A provision or named guidance: a UK GDPR article, a section, a Schedule paragraph, an Act, the
# common-law duty of confidence, or the official guidance and principles the project cites.
CITES_A_SOURCE = re.compile(
    r"\bArt\b|\bs\d|\bSch\b|\bsection\b|\bpara\b|\bAct\b|guidance|advice|Principle|Working Together"
    r"|Keeping children safe|duty of confidence",
    re.IGNORECASE,
)


@pytest.mark.parametrize(("case_id", "case"), [(i, c) for _, i, c in CASES], ids=[i for _, i, _ in CASES])
def test_every_scenario_says_why_and_cites_its_source(case_id, case):
    why = case.get("why")
    assert isinstance(why, str) and why.strip(), f"{case_id} has no 'why'"
    assert CITES_A_SOURCE.search(why), f"{case_id}: 'why' names no provision or guidance: {why!r}"


def test_the_source_pattern_needs_a_citation():
    assert CITES_A_SOURCE.search("UK GDPR Art 5(1)(c)")
    assert CITES_A_SOURCE.search("DPA 2018 Sch 1 para 18")
    assert CITES_A_SOURCE.search("Children Act 2004 s16LA(3)")
    assert not CITES_A_SOURCE.search("Because the checker says so.")
    assert not CITES_A_SOURCE.search("A new optional input keeps every answer.")


def test_every_phrase_a_scenario_excludes_is_one_a_checker_can_say():
    """An excluded warning, action or judgement that no checker could ever give passes for nothing."""
    said = _said_by_the_checkers()
    vacuous = []
    for _, case_id, case in CASES:
        for key, phrases in case["expect"].items():
            if key in ("warnings_exclude", "actions_exclude", "judgements_exclude", "record_exclude"):
                vacuous += [(case_id, phrase) for phrase in phrases
                            if not any(" ".join(phrase.split()).casefold() in text for text in said)]
    assert vacuous == []


def test_sentence_expectations_match_phrases_ignoring_case_and_spaces_and_ids():
    result = {"checker": "proportionality", "warnings": ["Take advice  before deciding."], "warning_ids": ["both_harms_high"],
              "actions": ["Call 999 now."], "judgements": [{"id": "public_interest", "text": "Whether the public interest wins."}]}
    assert check(result, {"warnings_include": ["take advice before", "both_harms_high"], "warnings_exclude": ["999"],
                          "actions_include": ["call 999"], "judgements_include": ["public_interest", "PUBLIC INTEREST WINS"],
                          "judgements_exclude": ["strictly_necessary"]}) == []
    assert len(check(result, {"warnings_include": ["call 999"], "warnings_exclude": ["TAKE ADVICE"],
                              "actions_exclude": ["call 999"], "judgements_include": ["respect_refusal"]})) == 4
    record = {"checker": "decision-record", "record": {"warnings": [], "actions": ["Record it."], "judgements": ["Whether to share."]}}
    assert check(record, {"actions_include": ["record it"], "judgements_include": ["whether to share"], "warnings_exclude": ["x"]}) == []
