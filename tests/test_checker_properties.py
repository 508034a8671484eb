"""Properties of the checkers over every input the question schemas allow.

The strategies are built FROM the schemas (checkers.api.CHECKERS[name].QUESTIONS), so when a
question or a choice is added, the properties cover it without edits here.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checkers import api, cli, decision_record, law
from checkers.lawful_basis import COMPETENT_AUTHORITIES, LEGAL_DUTY_PURPOSES, MAX_ACTIONS, PUBLIC_AUTHORITIES
from checkers.proportionality import PRINCIPLES
from checkers.schema import Kind, Question
from record_corpus import blank_lines_as_empty, markdown_field, render_markdown, shown, without_abbreviations

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

RLI_IN_FORCE = dt.date(2026, 2, 5)
ARTICLE6_IDS = {"consent", "contract", "legal_obligation", "vital_interests", "public_task", "recognised_legitimate_interest", "legitimate_interests"}
ARTICLE9_IDS = {"explicit_consent", "vital_interests", "substantial_public_interest", "health_social_care", "legal_claims", "social_protection"}
CONFIDENTIALITY_IDS = {"not_confidential", "consent", "public_interest", "public_interest_judgement", "legal_duty", "not_justified"}
STATUSES = {"in_force", "reported", "not_in_force"}
OUTCOMES = {
    "lawful-basis": {"share", "do_not_share", "seek_advice"},
    "proportionality": {"proportionate", "review", "not_proportionate"},
    "key-questions": {"share", "do_not_share", "seek_advice", "incomplete"},
}


# --- strategies from the schema ----------------------------------------------------------------


def answer(question: Question) -> st.SearchStrategy:
    if question.kind is Kind.BOOLEAN:
        return st.booleans()
    if question.kind is Kind.CHOICE:
        return st.sampled_from(question.choice_ids())
    if question.kind is Kind.MULTI:
        return st.lists(st.sampled_from(question.choice_ids()), min_size=1, unique=True)
    return st.text(min_size=1, max_size=question.max_length).filter(str.strip)


def valid_input(name: str) -> st.SearchStrategy[dict]:
    questions = api.CHECKERS[name].QUESTIONS
    required = {q.id: answer(q) for q in questions if q.required}
    optional = {q.id: answer(q) for q in questions if not q.required}
    return st.fixed_dictionaries(required, optional=optional)


dates = st.dates(min_value=dt.date(2018, 5, 25), max_value=dt.date(2032, 12, 31))
checker_names = st.sampled_from(sorted(api.CHECKERS))


def test_every_checker_is_covered_by_these_properties():
    assert set(OUTCOMES) == set(api.CHECKERS)


# --- well-formed results -----------------------------------------------------------------------


def assert_common(result: dict, name: str, on: dt.date) -> None:
    assert result["checker"] == name
    assert result["evaluated_on"] == on.isoformat()
    assert result["outcome"] in OUTCOMES[name]
    assert isinstance(result["summary"], str) and result["summary"]
    assert result["ask"]
    assert all(entry["who"] and entry["label"] and entry["why"] for entry in result["ask"])
    for reference in result["references"]:
        assert reference["url"].startswith("https://")
        assert reference["status"] in STATUSES and reference["status_text"]
    # A decision not to share is recorded as such, never as "what you shared".
    if result["outcome"] in ("do_not_share", "not_proportionate"):
        assert not any("What information you shared" in line for line in result["record"])
    json.dumps(result)  # serialisable


EXPLICIT_CONSENT = {
    "organisation": "voluntary",
    "purpose": "safeguarding",
    "protecting": "child",
    "concern": "welfare",
    "data": ["special_category"],
    "consent": "given",
    "confidential": True,
}


@SETTINGS
@given(valid_input("lawful-basis"), dates)
@example(EXPLICIT_CONSENT, dt.date(2026, 11, 22))
def test_lawful_basis_result_is_well_formed(payload, on):
    result = api.evaluate("lawful-basis", payload, on)
    assert_common(result, "lawful-basis", on)
    assert result["actions"]

    assert {f["id"] for f in result["article6"]} <= ARTICLE6_IDS
    assert {f["id"] for f in result["article9"]} <= ARTICLE9_IDS
    assert all("dpa_condition" in f for f in result["article9"])
    for finding in (*result["article6"], *result["article9"], *result["article10"], *result["gateways"]):
        assert finding["ref"] and finding["reason"]
        assert finding["url"].startswith("https://")
    if "special_category" not in payload["data"]:
        assert result["article9"] == []
    if "criminal_offence" not in payload["data"]:
        assert result["article10"] == []
    part3 = payload["organisation"] in COMPETENT_AUTHORITIES and payload["purpose"] == "law_enforcement"
    assert (result["law_enforcement"] is not None) == part3
    assert result["confidentiality"]["id"] in CONFIDENTIALITY_IDS
    for finding in (*result["article6"], *result["article9"], *result["article10"], *result["gateways"]):
        assert finding["status"] in ("in_force", "reported")


BINDING = ("court_order", "statutory_request")
SECTION_47_BOUND = ("local_authority",)  # Children Act 1989 s47(11)(a): any local authority


def request_may_not_bind(payload: dict) -> bool:
    """A request about a child at risk of significant harm to a body s47(9) may not bind: a s16H request binds
    anyone asked, but a council's s47 request binds only the bodies s47(11) lists."""
    return (
        payload["purpose"] == "statutory_request"
        and payload["protecting"] == "child"
        and payload["concern"] in ("immediate_danger", "significant_harm")
        and payload["organisation"] not in SECTION_47_BOUND
    )


def dpa_conditions(result: dict) -> set:
    return {f.get("dpa_condition") for f in (*result["article9"], *result["article10"])}


def capacitated_adult_refusal_alone(payload: dict) -> bool:
    """An adult at risk refused sharing their own information, is presumed to have capacity, nobody else is
    at risk and no serious crime is involved (Mental Capacity Act 2005 s1(2); Making Safeguarding Personal),
    and no court order or request the law says must be met applies (those bind whatever the adult wants)."""
    return (
        payload["purpose"] not in BINDING
        and payload["protecting"] == "adult_at_risk"
        and payload["consent"] == "refused"
        and payload.get("capacity", "not_known") != "lacks_capacity"
        and payload.get("subject", "person_at_risk") in ("person_at_risk", "both")
        and payload.get("others_at_risk") != "yes"
        and payload.get("serious_crime") != "yes"
    )


@SETTINGS
@given(valid_input("lawful-basis"), dates)
@example({**EXPLICIT_CONSENT, "protecting": "adult_at_risk", "consent": "refused", "concern": "significant_harm"}, dt.date(2026, 11, 30))
def test_lawful_basis_legal_invariants(payload, on):
    result = api.evaluate("lawful-basis", payload, on)
    article6 = [f["id"] for f in result["article6"]]
    text = json.dumps(result)

    # Immediate danger is never "seek advice": act first (999), then record.
    if payload["concern"] == "immediate_danger":
        assert result["outcome"] == "share"
        assert any("999" in action for action in result["actions"])
    # A capacitated adult's refusal, with no one else at risk and no serious crime, never gives "share"
    # (unless someone is in immediate danger, when the rule above prevails).
    if capacitated_adult_refusal_alone(payload) and payload["concern"] != "immediate_danger":
        assert result["outcome"] != "share"
    # A court order never rests on consent.
    if payload["purpose"] == "court_order":
        assert "consent" not in article6
        assert not any(f["id"] in ("explicit_consent", "consent") for f in (*result["article9"], *result["article10"]))
        assert article6[0] == "legal_obligation" or result["law_enforcement"] is not None
    # Public authorities cannot rely on (ea) or (f) for their tasks; (ea) exists only from 5 February 2026.
    if payload["organisation"] in PUBLIC_AUTHORITIES:
        assert "recognised_legitimate_interest" not in article6
        assert "legitimate_interests" not in article6
    if on < RLI_IN_FORCE:
        assert "recognised_legitimate_interest" not in article6
    # A basis resting on law only reported to be in force never comes before a confirmed one.
    statuses = [f["status"] for f in result["article6"]]
    assert statuses == sorted(statuses, key=lambda status: status == "reported")
    # The duty to share does not exist before its reported date, and binds only the bodies it names.
    if on < dt.date(2026, 9, 30) or payload["organisation"] in ("voluntary", "private") and payload.get("commissioned") != "yes":
        assert "duty_to_share" not in [g["id"] for g in result["gateways"]]
    # Para 18 is for sharing without consent; after a refusal, only where someone is at risk of serious harm.
    if payload["consent"] == "given" and payload.get("capacity") != "lacks_capacity":
        assert "sch1_para18" not in dpa_conditions(result)
    # (Someone who lacks capacity cannot refuse: for them consent "cannot be given", para 18(2)(a).)
    refused = payload["consent"] == "refused" and (
        payload.get("capacity") != "lacks_capacity" or (payload["protecting"] == "child" and payload.get("subject") == "person_at_risk")
    )
    if refused and payload["concern"] not in ("immediate_danger", "significant_harm"):
        assert "sch1_para18" not in dpa_conditions(result)
    # Explicit consent: first for a charity or private body, last (after the statutory routes) for a public authority.
    consent_given = payload["consent"] == "given" and payload.get("capacity") != "lacks_capacity"
    if consent_given and "special_category" in payload["data"] and not result["law_enforcement"] and payload["purpose"] not in LEGAL_DUTY_PURPOSES:
        ids = [f["id"] for f in result["article9"]]
        if payload["organisation"] in PUBLIC_AUTHORITIES:
            assert ids[-1] == "explicit_consent"
            assert "imbalance of power" in text
        else:
            assert ids[0] == "explicit_consent"
    # Art 9(2)(c) only where the person cannot consent.
    if any(f["id"] == "vital_interests" for f in result["article9"]):
        assert payload["consent"] == "cannot_be_given" or payload.get("capacity") == "lacks_capacity"
    # Part 3 replaces the UK GDPR for competent authorities' law enforcement processing: no UK GDPR condition.
    if result["law_enforcement"] is not None:
        assert result["article6"] == result["article9"] == result["article10"] == []
        assert not any("Schedule 1" in warning for warning in result["warnings"])
        assert not any("Schedule 1" in action for action in result["actions"])
    # The duty of confidence: a legal requirement meets it, unless it may not bind (a council's s47 request to a
    # body s47(11) does not list, for a child at risk of significant harm), when protecting the child does.
    if not payload["confidential"]:
        assert result["confidentiality"]["id"] == "not_confidential"
    elif request_may_not_bind(payload):
        assert result["confidentiality"]["id"] == "public_interest"
    elif payload["purpose"] in LEGAL_DUTY_PURPOSES:
        assert result["confidentiality"]["id"] == "legal_duty"
    # "Will normally outweigh" is said only of an established override.
    if "normally outweigh" in result["confidentiality"]["reason"]:
        assert result["confidentiality"]["id"] == "public_interest"
    # Sharing needs a lawful basis, and a condition for special category and criminal offence data.
    if result["outcome"] == "share" and payload["concern"] != "immediate_danger":
        assert article6 or result["law_enforcement"] is not None
        if result["law_enforcement"] is None:
            if "special_category" in payload["data"]:
                assert result["article9"]
            if "criminal_offence" in payload["data"]:
                assert result["article10"]
    if payload["purpose"] == "other" and payload["concern"] != "immediate_danger":
        assert result["outcome"] == "seek_advice"
    # Text written for children is not printed for adults or crime-only cases, except to refer children at risk
    # in the household of an adult at risk.
    if payload["protecting"] != "child":
        if payload.get("others_at_risk") != "yes":
            assert not any("children's social care" in action for action in result["actions"])
        assert "a child at risk of significant harm" not in result["confidentiality"]["reason"]


# --- one phone screen: the outcome, one sentence, at most five actions (whom to tell first), who to ask ---

# Whom a first action may name (issue 22): 999, the DSL or safeguarding lead, children's or adult social care,
# the legal team, the DPO, a supervisor, or the police officer who asked.
WHOM_TO_TELL = (
    "Call 999", "safeguarding lead", "designated safeguarding lead", "children's social care", "adult social care",
    "adult safeguarding team", "legal team", "data protection officer", "supervisor", "the officer",
)
ID = re.compile(r"^[a-z][a-z0-9_]*$")


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip()) if part]


def words(text: str) -> int:
    return len(text.split())


@SETTINGS
@given(valid_input("lawful-basis"), dates)
@example({**EXPLICIT_CONSENT, "organisation": "local_authority", "purpose": "statutory_request", "concern": "immediate_danger",
          "data": ["personal", "special_category", "criminal_offence"], "consent": "refused"}, dt.date(2026, 12, 6))
def test_lawful_basis_result_fits_one_phone_screen(payload, on):
    result = api.evaluate("lawful-basis", payload, on)
    actions, action_ids = result["actions"], result["action_ids"]
    warnings, warning_ids = result["warnings"], result["warning_ids"]
    assert 1 <= len(actions) <= MAX_ACTIONS == 5
    # Every action and warning has a stable id: parallel lists, same length and order, no id twice.
    assert len(action_ids) == len(actions) and len(set(action_ids)) == len(action_ids)
    assert len(warning_ids) == len(warnings) and len(set(warning_ids)) == len(warning_ids)
    assert all(ID.match(id) for id in (*action_ids, *warning_ids))
    assert all(isinstance(text, str) and text for text in (*actions, *warnings))
    # One summary sentence; the first action names whom to tell (999 when anyone is in immediate danger); the
    # decision is always recorded, last.
    assert len(sentences(result["summary"])) == 1, result["summary"]
    assert any(whom in actions[0] for whom in WHOM_TO_TELL), actions[0]
    if payload["concern"] == "immediate_danger":
        assert actions[0].startswith("Call 999") and action_ids[0] == "call_999"
    assert action_ids[-1] == "record_decision"
    # What shows before the reader opens anything stays well inside 250 words (the headings and the outcome
    # banner take the rest).
    shown = words(result["summary"]) + sum(words(a) for a in actions) + sum(words(a["label"]) + words(a["why"]) for a in result["ask"])
    assert shown <= 230, shown


CONSENT_ANSWERS = ("given", "refused", "not_asked", "cannot_be_given", "cannot_reasonably_obtain", "would_prejudice")


@SETTINGS
@given(valid_input("lawful-basis"), st.sampled_from(BINDING), dates)
@example({**EXPLICIT_CONSENT, "protecting": "adult_at_risk", "concern": "significant_harm", "subject": "person_at_risk",
          "capacity": "has_capacity", "others_at_risk": "no", "serious_crime": "no"}, "court_order", dt.date(2026, 11, 30))
@example({**EXPLICIT_CONSENT, "organisation": "health", "protecting": "adult_at_risk", "concern": "significant_harm",
          "subject": "person_at_risk", "capacity": "has_capacity"}, "statutory_request", dt.date(2026, 11, 30))
@example({**EXPLICIT_CONSENT, "organisation": "academy", "data": ["personal"]}, "statutory_request", dt.date(2026, 11, 30))
def test_a_legal_requirement_that_binds_the_holder_gives_share_whatever_the_consent_answer(payload, purpose, on):
    """Issue 20: a court order, a Care Act 2014 s45 request meeting its conditions and a Children Act 2004 s16H
    request bind whoever is asked, whatever the person wants: the outcome is share, for every consent answer
    (and every capacity answer), with legal obligation offered and consent never the basis."""
    for consent in CONSENT_ANSWERS:
        case = {**payload, "purpose": purpose, "consent": consent}
        result = api.evaluate("lawful-basis", case, on)
        assert result["outcome"] == "share", (case, result["summary"])
        assert "legal_obligation" in [f["id"] for f in result["article6"]]
        assert "consent" not in [f["id"] for f in result["article6"]]
        assert result["action_ids"][0] in ("call_999", "tell_legal_team", "tell_about_request")


@SETTINGS
@given(valid_input("lawful-basis"), dates)
def test_lawful_basis_names_the_law_of_the_day(payload, on):
    """Issue 20 section 3: the regulation as it was called on the date; each guidance edition only from its own
    date; and, long after the law was last checked, a warning that it may have changed, with that date."""
    result = api.evaluate("lawful-basis", payload, on)
    text = json.dumps(result)
    if on < law.UK_GDPR_NAMED_FROM:
        assert "UK GDPR" not in text
    else:
        assert "UK GDPR" in text or not (result["article6"] or result["article9"] or result["article10"])
    for series in law.EDITIONS.values():
        for id in series:
            if law.ref(id).citation in text:
                assert law.ref(id).in_force(on), (id, on)
    # Acts not yet passed on that date are not spoken of (as "coming" or otherwise).
    if not law.enacted("duty_to_share", on):
        assert "is coming" not in text and "s16LA) is reported" not in text and "s16LA duty applies" not in text
    if not law.enacted("child_sexual_abuse_reporting", on):
        assert "Crime and Policing Act 2026" not in text
    changed = on > law.LAW_CHECKED_ON + law.LAW_REVIEW_INTERVAL
    assert ("law_may_have_changed" in result["warning_ids"]) == changed
    if changed:
        assert law.date_words(law.LAW_CHECKED_ON) in " ".join(result["warnings"])


@SETTINGS
@given(valid_input("lawful-basis"), dates)
def test_a_police_request_for_a_victims_records_is_never_a_legal_obligation(payload, on):
    """Issue 19: PCSCA 2022 Chapter 3A governs the police's request; as far as we have read it, it does not
    compel the holder, so a victim information request is never answered with legal obligation."""
    case = {**payload, "purpose": "victim_information_request"}
    result = api.evaluate("lawful-basis", case, on)
    assert "legal_obligation" not in [f["id"] for f in result["article6"]]
    assert result["confidentiality"]["id"] != "legal_duty"
    gateway = [g for g in result["gateways"] if g["id"] == "victim_information_request"]
    assert bool(gateway) == law.ref("pcsca2022_ch3a").in_force(on)
    if gateway:
        assert "does not require you to comply" in gateway[0]["reason"]


@SETTINGS
@given(valid_input("proportionality"), dates)
def test_proportionality_principles_are_the_eight_what_is_wrong_first(payload, on):
    result = api.evaluate("proportionality", payload, on)
    assert_common(result, "proportionality", on)
    principles = result["principles"]
    assert sorted(p["id"] for p in principles) == sorted(PRINCIPLES)
    assert list(PRINCIPLES) == ["necessary", "proportionate", "relevant", "adequate", "accurate", "timely", "secure", "recorded"]
    assert all(p["status"] in ("met", "not_met", "check") and p["advice"] for p in principles)
    # Not met first, then to check, then met; within each group, in the order of PRINCIPLES.
    order = ("not_met", "check", "met")
    assert [p["id"] for p in principles] == [name for wanted in order for name in PRINCIPLES
                                             if any(p["id"] == name and p["status"] == wanted for p in principles)]
    status = {p["id"]: p["status"] for p in principles}
    if result["outcome"] == "proportionate":
        assert set(status.values()) == {"met"}
    if any(status[core] == "not_met" for core in ("necessary", "proportionate", "relevant")):
        assert result["outcome"] == "not_proportionate"
    # At most five actions; every principle not met or to check has its advice as an action, or, when
    # they do not all fit, is named in the one action that lists the rest.
    actions = result["actions"]
    assert len(actions) <= 5
    rest = [a for a in actions if a.startswith("Then ") and "as each principle's advice says" in a]
    assert len(rest) <= 1
    for p in principles:
        if p["status"] != "met":
            assert p["advice"] in actions or (rest and re.search(rf"\b{p['id']}\b", rest[0])), (p, actions)
    # The summary is a sentence; before-sharing fixes read "Before you share, ...".
    assert result["summary"][0].isupper() and result["summary"].endswith(".")
    if result["before_sharing"] and result["outcome"] == "review":
        assert result["summary"].startswith("Before you share, ")
    if payload["urgency"] == "emergency":
        assert actions[0] == "If anyone is in immediate danger, call 999 now."


@SETTINGS
@given(valid_input("key-questions"), dates)
def test_key_questions_path_follows_answered_questions(payload, on):
    result = api.evaluate("key-questions", payload, on)
    assert_common(result, "key-questions", on)
    path = result["path"]
    for step in path:
        assert step["id"] in payload
        assert step["answer"] == payload[step["id"]]
    ids = [step["id"] for step in path]
    assert not ids or ids[0] == ("immediate_danger" if "immediate_danger" in payload else "purpose")
    assert len(ids) == len(set(ids))
    incomplete = result["outcome"] == "incomplete"
    assert (result["next_question"] is None) == (not incomplete)
    # The form shows the immediate-danger question always, then the path and the next question, in order;
    # once there is an outcome, the question outside the flow (whether a child asked for secrecy).
    assert result["visible"] == list(dict.fromkeys(["immediate_danger", *ids, *([result["next_question"]["id"]] if incomplete else ["child_asked_secrecy"])]))
    # What to do fits one screen: at most five actions; the first of a "share" names whom to tell.
    assert len(result["actions"]) <= 5
    if result["outcome"] == "share":
        first = result["actions"][0]
        assert "999" in first if payload.get("immediate_danger") == "yes" else "designated safeguarding lead (DSL)" in first
    # A child who asked for secrecy is never promised it, whatever the outcome; without the answer, nothing is said.
    said = any("Never promise the child" in action for action in result["actions"])
    assert said == (payload.get("child_asked_secrecy") == "yes" and not incomplete)
    if incomplete:
        nxt = result["next_question"]["id"]
        assert nxt not in payload
        assert nxt not in ids
        assert result["record"] == []
    else:
        assert result["record"]


# --- malformed input is rejected by the command line ------------------------------------------

field_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
wrong_values = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans(), st.dictionaries(st.just("a"), st.integers(), max_size=1))


@st.composite
def malformed(draw) -> tuple[str, dict, str]:
    """(checker name, a mutation of a valid input, the field that must be named)."""
    name = draw(checker_names)
    questions = {q.id: q for q in api.CHECKERS[name].QUESTIONS}
    payload = draw(valid_input(name))
    kinds = ["unknown_field"]
    required = [q for q in questions.values() if q.required]
    if required:
        kinds.append("drop_required")
    if payload:
        kinds += ["wrong_type", "unknown_string"]
    if any(q.kind is Kind.MULTI for q in questions.values()):
        kinds.append("empty_list")
    kind = draw(st.sampled_from(kinds))
    bad = dict(payload)
    if kind == "unknown_field":
        field = draw(field_names.filter(lambda f: f not in questions))
        bad[field] = draw(st.one_of(wrong_values, st.text(max_size=5)))
    elif kind == "drop_required":
        field = draw(st.sampled_from([q.id for q in required]))
        del bad[field]
    elif kind == "empty_list":
        field = draw(st.sampled_from([q.id for q in questions.values() if q.kind is Kind.MULTI]))
        bad[field] = []
    else:
        field = draw(st.sampled_from(sorted(payload)))
        question = questions[field]
        if kind == "wrong_type":
            if question.kind is Kind.BOOLEAN:
                value = draw(st.one_of(st.none(), st.integers(), st.sampled_from(["true", "false", "yes", "no"])))
            else:
                value = draw(wrong_values)
        else:
            value = draw(st.text(max_size=20).filter(lambda v: v not in question.choice_ids()))
            if question.kind is Kind.MULTI:
                value = [*payload[field], value]
        bad[field] = value
    return name, bad, field


def run_main(argv: list[str], text: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdin=io.StringIO(text), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@SETTINGS
@given(malformed())
def test_malformed_input_is_rejected_naming_the_field(case):
    name, bad, field = case
    code, out, err = run_main([name], json.dumps(bad))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(field + ":")


@SETTINGS
@given(malformed())
def test_malformed_answers_in_a_decision_record_are_rejected(case):
    name, bad, field = case
    request = {
        "checker": name,
        "answers": bad,
        "details": {"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "decision": "shared", "reasons": "r"},
    }
    code, out, err = run_main(["decision-record"], json.dumps(request))
    assert (code, out) == (2, "")
    assert err.splitlines() == [err.rstrip("\n")]
    assert err.startswith("answers." + field + ":")


@SETTINGS
@given(checker_names.flatmap(lambda name: st.tuples(st.just(name), valid_input(name))))
def test_valid_input_is_accepted_by_the_command_line(case):
    name, payload = case
    code, out, err = run_main([name], json.dumps(payload))
    assert (code, err) == (0, "")
    assert json.loads(out)["checker"] == name


# --- the decision record's escaping ------------------------------------------------------------

free_text = st.text(min_size=1, max_size=200).filter(str.strip)
# Ordinary text mixed with the markup an attacker (or an unlucky paste) might bring.
FRAGMENTS = ["<script>alert(1)</script>", "</a>", "[x](javascript:alert(1))", "![i](x)", "**b**", "_i_", "`c`", "&amp;", "&#60;",
             "# h", "- item", "1. item", "===", "> quote", "\\", "|", "\r", "\n", "\u2028", " ", "a"]
hostile_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), min_size=1, max_size=12).map("".join).filter(str.strip)


@SETTINGS
@given(hostile_text)
@example("note\r- not a list")  # a lone carriage return is a line break to Markdown too
@example("note\u2028# not a heading")
@example("1. Called the DSL")
def test_escaped_text_renders_as_typed(text):
    """Rendered by Python-Markdown with this site's extensions, escaped text is the text as typed
    (tests/record_corpus.py), with no element made from it but line breaks."""
    rendered = without_abbreviations(render_markdown("**Field**  \n" + decision_record.escape_text(text)))
    shown_text, tags = markdown_field(rendered, "Field")
    assert tags == [], (text, rendered)
    assert blank_lines_as_empty(shown_text) == blank_lines_as_empty(shown(text)), (text, rendered)


@SETTINGS
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), hostile_text), lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3), max_leaves=10))
def test_escaped_json_is_the_same_data_without_html_characters(value):
    text = decision_record.escape_json(value)
    assert not set("<>&") & set(text)
    assert json.loads(text) == value


@SETTINGS
@given(hostile_text, hostile_text)
def test_record_keeps_free_text_as_data(what, reasons):
    request = {
        "checker": "key-questions",
        "answers": {"purpose": "no"},
        "details": {"what": what, "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "decision": "not_shared", "reasons": reasons},
    }
    record = api.evaluate("decision-record", request, dt.date(2026, 11, 22))
    assert decision_record.escape_text(what) in record["markdown"]
    assert decision_record.escape_text(reasons) in record["markdown"]
    assert "<script" not in record["markdown"] and "[x](javascript" not in record["markdown"]
    assert f"\n{shown(what)}\n" in record["text"] and f"\n{shown(reasons)}\n" in record["text"]
    assert not set("<>&") & set(record["json"])
    assert json.loads(record["json"])["details"] == {k: v for k, v in request["details"].items() if k != "decision"}
