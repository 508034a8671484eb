"""No checker sentence overstates the duty to share (issue 19 section 1).

The Children Act 2004 s16LA duty is reported to apply from 30 September 2026; its commencement
regulations have not been found. A sentence that says a body must share, or now has the duty, or that
the duty covers it, says in the same sentence that the duty is reported, or applies "if it applies to
you", or is otherwise conditional. This test runs the lawful basis checker for every organisation the
duty may bind (and for charities and private bodies, commissioned or not), for the purposes that bring
the duty in (safeguarding, duty_to_share), for a child and every level of concern, on dates before, on
and after the reported date; and the key questions checker for every answer. It splits every string of
every result into sentences and fails on a sentence about the duty that is not qualified.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from checkers import api, key_questions, lawful_basis
from checkers.law import ref

# Sentences about the duty: they name it, or speak of what "the duty" covers or binds.
ABOUT_THE_DUTY = re.compile(
    r"duty to share|s16LA|section 16LA|information sharing duty|the duty (covers|binds|applies)|bodies the duty",
    re.I,
)
# What would overstate it, unqualified.
OVERSTATES = re.compile(
    r"\bmust (share|disclose|ensure)\b|\bnow (have|has)\b[^.]*\bduty\b|\b(covers|binds) you\b|\bapplies to you\b"
    r"|\brequires you\b|\byou are (bound|covered)\b|\bis a legal (duty|obligation)\b|\bgives? (you )?a legal obligation\b",
    re.I,
)
# What qualifies it: reported, conditional, or not (yet) in force.
QUALIFIED = re.compile(
    r"\breported\b|\bif (it|the duty|the s16LA duty|the Children Act 2004 s16LA duty) appl(ies|y)\b|\bif the duty applies\b"
    r"|\bnot (yet )?in force\b|\bnot confirmed\b|\bour reading\b|\bis coming\b|\bwhen it starts\b|\bcovered only if\b",
    re.I,
)

# Every organisation the duty may bind (s16LA(4)(a)-(c)), and charities and private bodies either way.
ORGANISATIONS = [
    *[{"organisation": o} for o in ("local_authority", "police", "health", "gp_practice", "probation", "youth_offending",
                                      "school", "academy", "independent_school")],
    *[{"organisation": o, "commissioned": c} for o in ("voluntary", "private") for c in ("yes", "no", "not_sure")],
]
PURPOSES = ("safeguarding", "duty_to_share")
CONCERNS = ("immediate_danger", "significant_harm", "welfare", "none")
REPORTED_START = ref("ca2004_s16la").applies_from
DATES = (REPORTED_START - dt.timedelta(days=1), REPORTED_START, dt.date(2026, 12, 6), dt.date(2031, 6, 1))


def sentences(text: str) -> list[str]:
    """A text's sentences: split after . ! or ? followed by a space and a capital letter."""
    return [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'])", re.sub(r"\s+", " ", text).strip()) if part]


def _is_about_the_duty(item: dict) -> bool:
    """A finding or warning wholly about the duty: every sentence of its text counts as about it."""
    fields = " ".join(str(item.get(key, "")) for key in ("id", "ref", "label", "citation"))
    return bool(re.search(r"duty_to_share|s16LA", fields)) or any("s16LA" in also for also in item.get("also", []))


def overstated_sentences(result: dict) -> list[str]:
    """Every sentence in the result about the duty that overstates it without qualifying it."""
    found: list[str] = []

    def check(text: str, about: bool) -> None:
        previous_about = False
        for sentence in sentences(text):
            here = about or bool(ABOUT_THE_DUTY.search(sentence)) or previous_about
            if here and OVERSTATES.search(sentence) and not QUALIFIED.search(sentence):
                found.append(sentence)
            # "It" in the next sentence may still mean the duty.
            previous_about = bool(ABOUT_THE_DUTY.search(sentence))

    def walk(value, about: bool = False) -> None:
        if isinstance(value, str):
            check(value, about)
        elif isinstance(value, dict):
            whole = about or _is_about_the_duty(value)
            for item in value.values():
                walk(item, whole)
        elif isinstance(value, list):
            for item in value:
                walk(item, about)

    walk(result)
    for id, warning in zip(result.get("warning_ids", []), result.get("warnings", [])):
        if id.startswith("duty_to_share"):
            check(warning, True)
    for id, action in zip(result.get("action_ids", []), result.get("actions", [])):
        if id == "duty_meanwhile":
            check(action, True)
    return found


CASES = [
    (organisation, purpose, concern, on)
    for organisation, purpose, concern, on in itertools.product(ORGANISATIONS, PURPOSES, CONCERNS, DATES)
]


@pytest.mark.parametrize(
    ("organisation", "purpose", "concern", "on"),
    CASES,
    ids=[f"{o['organisation']}-{o.get('commissioned', '')}-{p}-{c}-{d}" for o, p, c, d in CASES],
)
def test_no_lawful_basis_sentence_overstates_the_duty_to_share(organisation, purpose, concern, on):
    for consent, data in (("not_asked", ["personal"]), ("refused", ["personal", "special_category"]), ("would_prejudice", ["personal", "criminal_offence"])):
        payload = {**organisation, "purpose": purpose, "protecting": "child", "concern": concern, "data": data,
                   "consent": consent, "confidential": True}
        result = api.evaluate(lawful_basis.NAME, payload, on)
        assert overstated_sentences(result) == [], payload


def _every_key_questions_input():
    questions = key_questions.QUESTIONS
    for answers in itertools.product(*[[None, *q.choice_ids()] for q in questions]):
        payload = {q.id: a for q, a in zip(questions, answers) if a is not None}
        yield payload


def test_no_key_questions_sentence_overstates_the_duty_to_share():
    """Every combination of answers (the key questions do not ask who is sharing), on a date after the reported
    start; the texts the key questions print do not depend on the date beyond the references' status."""
    seen = set()
    on = dt.date(2026, 12, 6)
    for payload in _every_key_questions_input():
        result = api.evaluate(key_questions.NAME, payload, on)
        texts = (result["summary"], *result["actions"], *result["warnings"], *result["record"])
        if texts in seen:
            continue
        seen.add(texts)
        assert overstated_sentences(result) == [], payload
    assert len(seen) > 20  # the distinct results the flow can give


def test_the_bodies_the_duty_may_bind_are_told_of_it_with_its_status():
    """The test above is not vacuous: for each body the duty may bind, results do speak of the duty, and of
    its reported status or condition."""
    on = dt.date(2026, 12, 6)
    for organisation in ORGANISATIONS:
        if organisation.get("commissioned") in ("no", "not_sure"):
            continue
        payload = {**organisation, "purpose": "duty_to_share", "protecting": "child", "concern": "welfare",
                   "data": ["personal"], "consent": "not_asked", "confidential": False}
        result = api.evaluate(lawful_basis.NAME, payload, on)
        text = " ".join(sentence for value in (result["warnings"], [g["reason"] for g in result["gateways"]]) for item in value
                        for sentence in sentences(item))
        assert "s16LA" in text, organisation
        assert "reported to apply from 30 September 2026" in text, organisation
        assert "we have not found the commencement regulations" in text, organisation
        assert "relevant functions" in text, organisation
        assert "16LA(5)" in text, organisation
        # What a body the duty may bind should do meanwhile: a basis that holds either way, and a record of any
        # decision that sharing would be more detrimental to the child.
        assert "duty_meanwhile" in result["action_ids"], organisation


# The detector itself: each of these, the wording the checkers and pages used before issue 19, is caught.
@pytest.mark.parametrize(
    "result",
    [
        {"gateways": [{"id": "duty_to_share", "ref": "Children Act 2004 s16LA", "reason": (
            "You must share information relevant to safeguarding or promoting the child's welfare with other bodies the "
            "duty covers, where it may help them, unless you consider sharing would be more detrimental to the child "
            "than not sharing.")}]},
        {"article6": [{"id": "legal_obligation", "ref": "UK GDPR Art 6(1)(c)", "also": ["Children Act 2004 s16LA"], "reason": (
            "Your organisation is one of the bodies listed in Children Act 2004 s11(1) (or provides NHS services "
            "commissioned by one), so the duty covers you.")}]},
        {"summary": "Many organisations now have a duty to share."},
        {"warnings": ["The s16LA duty requires you to share what may help other bodies."], "warning_ids": ["x"]},
        {"warnings": ["It covers you as a commissioned provider."], "warning_ids": ["duty_to_share_who_it_covers"]},
    ],
)
def test_the_detector_catches_the_old_wording(result):
    assert overstated_sentences(result)


def test_the_detector_accepts_qualified_wording():
    result = {
        "warnings": [
            "The duty to share (Children Act 2004 s16LA) is reported to apply from 30 September 2026, but its commencement "
            "is not confirmed. If it applies to you, our reading is that it gives a legal obligation to share.",
        ],
        "warning_ids": ["duty_to_share_reported"],
        "gateways": [{"id": "section_47", "ref": "Children Act 1989 s47", "reason": "A court order binds you whatever anyone wants."}],
    }
    assert overstated_sentences(result) == []
