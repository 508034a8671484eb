"""Unit tests for what the scenario files cannot reach: form parsing, the browser protocol, the
evaluation date, rules switching on and off with the law's dates, and the schema's helpers."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace

import pytest

from scenarios import LAWFUL_BASIS_EXAMPLE

from checkers import api, cli, england_date, key_questions, law, lawful_basis, proportionality
from checkers.law import Commencement, Reference, ref
from checkers.rules import Finding, Rule, findings
from checkers.schema import Choice, InputError, Kind, Question, parse_form, validate

COUNCIL_CHILD = {
    "organisation": "local_authority",
    "purpose": "safeguarding",
    "protecting": "child",
    "concern": "significant_harm",
    "data": ["personal"],
    "consent": "not_asked",
    "confidential": True,
}
LAWFUL_BASIS_FORM = [
    ["organisation", "voluntary"],
    ["purpose", "safeguarding"],
    ["protecting", "child"],
    ["concern", "significant_harm"],
    ["data", "personal"],
    ["data", "special_category"],
    ["consent", "would_prejudice"],
    ["confidential", "true"],
]
PROPORTIONALITY_FORM = [
    ["purpose_clear", "true"],
    ["recipient_role", "safeguarding"],
    ["extent", "minimum"],
    ["relevant", "true"],
    ["accurate", "true"],
    ["fact_opinion_distinguished", "true"],
    ["urgency", "routine"],
    ["channel", "secure_electronic"],
    ["identities_protected", "true"],
    ["harm_if_shared", "low"],
    ["harm_if_not_shared", "high"],
]
TODAY = dt.date(2026, 11, 22)


# --- parse_form ------------------------------------------------------------------------------


def test_parse_form_turns_form_pairs_into_the_json_input():
    payload = parse_form(lawful_basis.QUESTIONS, [tuple(pair) for pair in LAWFUL_BASIS_FORM])
    assert payload == LAWFUL_BASIS_EXAMPLE
    assert validate(lawful_basis.QUESTIONS, payload) == payload


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False)])
def test_parse_form_booleans(value, expected):
    assert parse_form(proportionality.QUESTIONS, [("recorded", value)]) == {"recorded": expected}


def test_parse_form_passes_an_odd_boolean_through_so_validation_names_it():
    payload = parse_form(lawful_basis.QUESTIONS, [("confidential", "yes")])
    assert payload == {"confidential": "yes"}
    full = dict(COUNCIL_CHILD, confidential="yes")
    with pytest.raises(InputError) as error:
        validate(lawful_basis.QUESTIONS, full)
    assert error.value.field == "confidential"
    assert "allowed values: true, false" in str(error.value)


def test_parse_form_passes_unknown_names_through_so_validation_names_them():
    pairs = [tuple(pair) for pair in LAWFUL_BASIS_FORM] + [("colour", "red")]
    payload = parse_form(lawful_basis.QUESTIONS, pairs)
    assert payload["colour"] == "red"
    with pytest.raises(InputError) as error:
        validate(lawful_basis.QUESTIONS, payload)
    assert error.value.field == "colour"


def test_parse_form_repeated_checkbox_with_a_bad_value_is_named():
    payload = parse_form(lawful_basis.QUESTIONS, [("data", "personal"), ("data", "health")])
    assert payload == {"data": ["personal", "health"]}
    with pytest.raises(InputError, match=r"^data: 'health' is not allowed"):
        validate(lawful_basis.QUESTIONS, dict(COUNCIL_CHILD, data=payload["data"]))


def test_parse_form_drops_blank_text_and_keeps_text():
    questions = (Question("note", "Note", Kind.TEXT, required=False), Question("who", "Who", Kind.TEXT))
    assert parse_form(questions, [("note", "   "), ("who", "Alex")]) == {"who": "Alex"}
    with pytest.raises(InputError, match="^who: is missing"):
        validate(questions, parse_form(questions, [("who", " ")]))


def test_parse_form_of_no_pairs_leaves_every_field_missing():
    assert parse_form(key_questions.QUESTIONS, []) == {}
    with pytest.raises(InputError, match="^organisation: is missing"):
        validate(lawful_basis.QUESTIONS, parse_form(lawful_basis.QUESTIONS, []))


# --- api.handle: the browser protocol --------------------------------------------------------


def handle(request) -> dict:
    text = request if isinstance(request, str) else json.dumps(request)
    return json.loads(api.handle(text))


def test_handle_ok_with_json_input():
    response = handle({"checker": "lawful-basis", "input": COUNCIL_CHILD})
    assert response["ok"] is True
    assert response["input"] == COUNCIL_CHILD
    assert response["result"]["checker"] == "lawful-basis"
    assert response["result"]["outcome"] == "share"


def test_handle_ok_with_form_pairs():
    response = handle({"checker": "lawful-basis", "form": LAWFUL_BASIS_FORM})
    assert response["ok"] is True
    assert response["input"]["data"] == ["personal", "special_category"]
    assert response["input"]["confidential"] is True
    assert response["result"]["article9"][0]["dpa_condition"] == "sch1_para18"


def test_handle_form_values_are_strings_even_if_sent_as_numbers():
    response = handle({"checker": "key-questions", "form": [["purpose", 1]]})
    assert response == {"ok": False, "error": {"field": "purpose", "message": "purpose: '1' is not allowed; allowed values: yes, no, not_sure"}}


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        ({"checker": "lawful-basis", "input": dict(COUNCIL_CHILD, concern="bad")}, "concern"),
        ({"checker": "lawful-basis"}, "input"),
        ({"checker": "proportionality", "form": PROPORTIONALITY_FORM + [["recorded", "maybe"]]}, "recorded"),
        ({"checker": "nonsense", "input": {}}, "checker"),
        ({"checker": "decision-record", "form": []}, "checker"),
        ({"input": COUNCIL_CHILD}, "request"),
        ([], "request"),
        ("{not json", "request"),
        ("", "request"),
        ({"checker": "nonsense", "form": []}, "checker"),
        ({"checker": ["lawful-basis"], "input": {}}, "checker"),
        ({"checker": "lawful-basis", "form": 5}, "form"),
    ],
)
def test_handle_errors_never_raise_and_name_the_field(request_, field):
    response = handle(request_)
    assert response["ok"] is False
    assert set(response) == {"ok", "error"}
    assert response["error"]["field"] == field
    assert response["error"]["message"].startswith(field + ":")


def test_handle_ok_with_a_proportionality_form():
    response = handle({"checker": "proportionality", "form": PROPORTIONALITY_FORM + [["recorded", "false"]]})
    assert response["ok"] is True
    assert response["input"]["recorded"] is False
    assert {p["id"]: p["status"] for p in response["result"]["principles"]}["recorded"] == "not_met"


def test_handle_decision_record():
    request = {
        "checker": "decision-record",
        "input": {
            "checker": "key-questions",
            "answers": {"purpose": "no"},
            "details": {"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "decision": "not_shared", "reasons": "<b>r</b>"},
        },
    }
    response = handle(request)
    assert response["ok"] is True
    assert "&lt;b&gt;r&lt;/b&gt;" in response["result"]["markdown"]


def test_api_evaluate_and_questions_reject_unknown_names():
    with pytest.raises(InputError) as error:
        api.evaluate("nonsense", {})
    assert error.value.field == "checker"
    assert "lawful-basis, proportionality, key-questions, decision-record" in str(error.value)
    with pytest.raises(InputError) as error:
        api.questions("nonsense")
    assert error.value.field == "NAME"


def test_api_evaluate_defaults_to_today():
    result = api.evaluate("key-questions", {})
    assert result["evaluated_on"] == england_date.today().isoformat()
    record = api.evaluate(
        "decision-record",
        {"checker": "key-questions", "answers": {}, "details": {"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "decision": "seeking_advice", "reasons": "r"}},
    )
    assert record["record"]["generated_on"] == england_date.today().isoformat()


@pytest.mark.parametrize("name", sorted(api.CHECKERS))
def test_example_input_is_valid_for_every_checker(name):
    example = api.example_input(name)
    assert validate(api.CHECKERS[name].QUESTIONS, example) == example
    assert api.evaluate(name, example, TODAY)["checker"] == name


def test_warm_up_runs_every_checker_and_the_decision_record(monkeypatch):
    responses = []
    original = api.handle

    def recording(request_json):
        response = original(request_json)
        responses.append((json.loads(request_json), json.loads(response)))
        return response

    monkeypatch.setattr(api, "handle", recording)
    assert api.warm_up() is None
    evaluated = {request["checker"] for request, response in responses if response["ok"]}
    assert evaluated == set(api.NAMES)
    for request, response in responses:
        if "input" in request:
            assert response["ok"], response
        else:
            assert response["ok"] or response["error"]["message"].startswith(response["error"]["field"] + ":")


# --- CHECKERS_DATE ---------------------------------------------------------------------------


def run_main(argv, text="") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdin=io.StringIO(text), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


CHARITY = dict(COUNCIL_CHILD, organisation="voluntary")


def test_checkers_date_sets_the_evaluation_date(monkeypatch):
    monkeypatch.setenv("CHECKERS_DATE", "2025-12-01")
    code, out, _ = run_main(["lawful-basis"], json.dumps(CHARITY))
    result = json.loads(out)
    assert code == 0
    assert result["evaluated_on"] == "2025-12-01"
    assert [f["id"] for f in result["article6"]] == ["legitimate_interests"]

    monkeypatch.setenv("CHECKERS_DATE", "2026-02-05")
    result = json.loads(run_main(["lawful-basis"], json.dumps(CHARITY))[1])
    assert [f["id"] for f in result["article6"]][0] == "recognised_legitimate_interest"


@pytest.mark.parametrize("value", ["", None])
def test_checkers_date_unset_or_empty_means_today(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("CHECKERS_DATE", raising=False)
    else:
        monkeypatch.setenv("CHECKERS_DATE", value)
    code, out, _ = run_main(["key-questions"], "{}")
    assert code == 0
    assert json.loads(out)["evaluated_on"] == england_date.today().isoformat()


@pytest.mark.parametrize("value", ["22/11/2026", "2026-13-01", "tomorrow"])
def test_a_bad_checkers_date_is_an_input_error(monkeypatch, value):
    monkeypatch.setenv("CHECKERS_DATE", value)
    code, out, err = run_main(["key-questions"], "{}")
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"on: CHECKERS_DATE={value!r} is not a date; allowed: YYYY-MM-DD, from 2018-05-25"]


# --- rules switch on and off with the law's dates --------------------------------------------

CONFIRMED_2018 = Commencement(dt.date(2018, 5, 25), True, "In force.")
OLD = Reference("old", "Old Act s1", "Old", "https://example.org/old", "x.md", CONFIRMED_2018)
NEW = Reference("new", "New Act s1", "New", "https://example.org/new", "x.md", Commencement(dt.date(2026, 2, 5), True, "By SI."))
REPORTED_REF = Reference("rep", "Reported Act s1", "Rep", "https://example.org/rep", "x.md", Commencement(dt.date(2026, 9, 30), False, "Reported by a newsletter."))
UNCOMMENCED = Reference("later", "Later Act s1", "Later", "https://example.org/later", "x.md", Commencement(None, False, "No date."))


def always(_facts):
    return "it applies"


def test_rule_applies_from_the_latest_of_its_references():
    assert Rule("r", "R", OLD, always).applies_from == dt.date(2018, 5, 25)
    rule = Rule("r", "R", OLD, always, also=(NEW,))
    assert rule.applies_from == dt.date(2026, 2, 5)
    assert not rule.in_force(dt.date(2026, 2, 4))
    assert rule.in_force(dt.date(2026, 2, 5))
    assert rule.apply(None, dt.date(2026, 2, 4)) is None
    assert rule.apply(None, dt.date(2026, 2, 5)).reason == "it applies"


@pytest.mark.parametrize("rule", [Rule("r", "R", UNCOMMENCED, always), Rule("r", "R", OLD, always, also=(UNCOMMENCED,))])
def test_a_reference_not_yet_commenced_switches_its_rule_off(rule):
    assert rule.applies_from is None
    assert not rule.in_force(dt.date(2100, 1, 1))
    assert rule.apply(None, dt.date(2100, 1, 1)) is None


def test_reference_in_force_and_as_dict():
    assert not UNCOMMENCED.in_force(dt.date(2100, 1, 1))
    assert UNCOMMENCED.as_dict()["applies_from"] is None
    assert NEW.as_dict()["applies_from"] == "2026-02-05"
    assert "status" not in NEW.as_dict()
    assert NEW.as_dict(dt.date(2026, 2, 5))["status"] == "in_force"
    assert not NEW.in_force(dt.date(2026, 2, 4)) and NEW.in_force(dt.date(2026, 2, 5))


def test_a_reference_has_a_status_in_words_on_every_date():
    assert [REPORTED_REF.status(dt.date(2026, 9, d)) for d in (29, 30)] == ["not_in_force", "reported"]
    assert REPORTED_REF.status_text(dt.date(2026, 9, 29)).startswith("Not yet in force on 29 September 2026: reported to apply from 30 September 2026.")
    assert REPORTED_REF.status_text(dt.date(2026, 10, 1)) == (
        "Reported to apply from 30 September 2026; commencement not confirmed. Reported by a newsletter."
    )
    assert NEW.status_text(dt.date(2026, 1, 1)) == "Not yet in force on 1 January 2026: it applies from 5 February 2026."
    assert NEW.status_text(dt.date(2026, 3, 1)) == "In force since 5 February 2026."
    assert OLD.status_text(dt.date(2026, 3, 1)) == "In force."
    assert UNCOMMENCED.status_text(dt.date(2100, 1, 1)) == "Not in force. No date."
    assert UNCOMMENCED.as_dict(dt.date(2100, 1, 1))["status"] == "not_in_force"


def test_guidance_is_current_from_publication_until_replaced():
    advice_2018, advice_2024 = ref("dfe_2018"), ref("dfe_2024")
    assert advice_2018.status(dt.date(2024, 4, 18)) == "in_force" and advice_2018.status(dt.date(2024, 4, 19)) == "not_in_force"
    assert advice_2018.status_text(dt.date(2024, 4, 19)) == "Replaced after 18 April 2024."
    assert advice_2024.status_text(dt.date(2024, 4, 18)) == "Not yet published on 18 April 2024."
    assert advice_2024.status_text(dt.date(2024, 4, 19)) == "Current guidance, published 19 April 2024."
    assert law.edition("information_sharing_advice", dt.date(2024, 4, 18)).id == "dfe_2018"
    assert law.edition("information_sharing_advice", dt.date(2024, 4, 19)).id == "dfe_2024"
    assert law.edition("working_together", dt.date(2023, 12, 14)).id == "working_together_2018"
    assert law.edition("working_together", dt.date(2023, 12, 15)).id == "working_together_2023"
    assert law.edition("working_together", dt.date(2026, 11, 30)).id == "working_together_2026"
    assert ref("working_together_2026").status_text(dt.date(2026, 11, 30)).startswith("Reported to be current guidance")
    # Each edition only from its own date (issue 20): on 25 May 2018 the 2015 editions were current; Working
    # Together 2018 from 4 July 2018. Before the oldest edition modelled, the oldest one is named (the checkers
    # refuse dates before 25 May 2018 anyway).
    assert law.edition("working_together", dt.date(2018, 5, 25)).id == "working_together_2015"
    assert law.edition("information_sharing_advice", dt.date(2018, 5, 25)).id == "dfe_2015"
    assert law.edition("working_together", dt.date(2018, 7, 3)).id == "working_together_2015"
    assert law.edition("working_together", dt.date(2018, 7, 4)).id == "working_together_2018"
    assert ref("working_together_2015").status_text(dt.date(2018, 7, 4)) == "Replaced after 3 July 2018."
    assert law.edition("working_together", dt.date(2015, 1, 1)).id == "working_together_2015"


def test_a_finding_on_reported_law_never_comes_first():
    rules = [Rule("reported", "R", REPORTED_REF, always), Rule("confirmed", "C", OLD, always)]
    on = dt.date(2026, 10, 1)
    found = findings(rules, None, on)
    assert [f.id for f in found] == ["confirmed", "reported"]
    assert found[1].status == "reported" and found[1].as_dict()["status_text"].startswith("Reported to apply")
    assert found[0].as_dict()["status"] == "in_force" and "status_text" not in found[0].as_dict()
    assert [f.id for f in findings(rules, None, dt.date(2026, 9, 29))] == ["confirmed"]


def test_findings_keep_rule_order_and_skip_rules_that_do_not_apply():
    rules = [
        Rule("a", "A", OLD, always),
        Rule("b", "B", OLD, lambda _facts: None),
        Rule("c", "C", OLD, always, also=(NEW,), extra={"dpa_condition": "x"}),
        Rule("d", "D", UNCOMMENCED, always),
    ]
    found = findings(rules, None, TODAY)
    assert [f.id for f in found] == ["a", "c"]
    assert found[1].references == (OLD, NEW)
    assert found[1].as_dict() == {
        "id": "c",
        "label": "C",
        "ref": "Old Act s1",
        "url": "https://example.org/old",
        "guidance": "x.md",
        "reason": "it applies",
        "status": "in_force",
        "also": ["New Act s1"],
        "dpa_condition": "x",
    }
    assert "also" not in found[0].as_dict()


def test_law_dates_as_checked_on_30_november_2026():
    assert law.COMMENCEMENT["recognised_legitimate_interest"] == Commencement(dt.date(2026, 2, 5), True, law.COMMENCEMENT["recognised_legitimate_interest"].source)
    duty = law.COMMENCEMENT["duty_to_share"]
    assert (duty.date, duty.confirmed) == (dt.date(2026, 9, 30), False)
    assert ref("art6_1_ea").applies_from == dt.date(2026, 2, 5)
    assert ref("ca2004_s16la").applies_from == dt.date(2026, 9, 30)
    assert ref("ca2004_s16la").status(dt.date(2026, 11, 30)) == "reported"
    assert ref("ca2004_s16lc").status(dt.date(2026, 11, 30)) == "not_in_force"
    assert ref("cpa2026_reporting").status(dt.date(2026, 11, 30)) == "not_in_force"
    with pytest.raises(KeyError):
        ref("art6_1_z")


def test_every_rule_resting_on_the_duty_to_share_switches_on_with_its_reported_date():
    rules = [*lawful_basis.ARTICLE_6, *lawful_basis.ARTICLE_9, *lawful_basis.ARTICLE_10, *lawful_basis.GATEWAYS]
    resting = [rule for rule in rules if ref("ca2004_s16la") in (rule.reference, *rule.also)]
    assert {rule.id for rule in resting} == {"legal_obligation", "duty_to_share"}
    assert all(not rule.in_force(dt.date(2026, 9, 29)) and rule.in_force(dt.date(2026, 9, 30)) for rule in resting)


def test_confirming_the_duty_to_share_is_one_line(monkeypatch):
    """Confirming commencement is one line, and confirms only that the duty applies. That the duty is a
    legal obligation (Art 6(1)(c)) and meets the duty of confidence is a separate fact, our reading until
    s16LA(5) onwards and s16LB are read: with both confirmed, a bound body's duty becomes its first basis
    and meets confidentiality."""
    case = {**LAWFUL_BASIS_EXAMPLE, "organisation": "local_authority", "consent": "not_asked", "data": ["personal"]}
    on = dt.date(2026, 10, 1)
    reported = lawful_basis.evaluate(case, on)
    assert [f["id"] for f in reported["article6"]] == ["public_task", "legal_obligation"]
    assert reported["article6"][1]["status"] == "reported"
    assert reported["confidentiality"]["id"] == "public_interest"
    assert any("commencement is not confirmed" in w for w in reported["warnings"])

    monkeypatch.setitem(law.COMMENCEMENT, "duty_to_share", Commencement(dt.date(2026, 9, 30), True, "Commenced by regulations."))
    commenced = lawful_basis.evaluate(case, on)
    assert [f["id"] for f in commenced["article6"]] == ["public_task", "legal_obligation"]
    assert commenced["article6"][1]["status"] == "reported"
    assert commenced["article6"][1]["status_text"].startswith("Our reading, not yet confirmed")
    assert commenced["confidentiality"]["id"] == "public_interest"

    reading = law.COMMENCEMENT["duty_to_share_legal_effect"]
    monkeypatch.setitem(law.COMMENCEMENT, "duty_to_share_legal_effect", replace(reading, confirmed=True))
    confirmed = lawful_basis.evaluate(case, on)
    assert [f["id"] for f in confirmed["article6"]] == ["legal_obligation", "public_task"]
    assert confirmed["article6"][0]["status"] == "in_force"
    assert confirmed["confidentiality"]["id"] == "legal_duty"
    assert not any("s16LA" in w for w in confirmed["warnings"])
    assert lawful_basis.evaluate(case, dt.date(2026, 9, 29))["article6"][0]["id"] == "public_task"


@pytest.fixture
def duty_to_share_commenced(monkeypatch):
    """As if commencement regulations were found bringing Children Act 2004 s16LA into force on 1 April 2027,
    and s16LA(5) onwards and s16LB read, confirming our reading that the duty is a legal obligation that
    meets the duty of confidence."""
    commenced = dt.date(2027, 4, 1)
    monkeypatch.setitem(law.COMMENCEMENT, "duty_to_share", Commencement(commenced, True, "Commenced by regulations."))
    reading = law.COMMENCEMENT["duty_to_share_legal_effect"]
    monkeypatch.setitem(law.COMMENCEMENT, "duty_to_share_legal_effect", replace(reading, confirmed=True))
    return commenced


def test_duty_to_share_when_commenced_adds_legal_obligation_and_legal_duty(duty_to_share_commenced):
    on = duty_to_share_commenced
    result = lawful_basis.evaluate(COUNCIL_CHILD, on)
    article6 = result["article6"]
    assert [f["id"] for f in article6] == ["legal_obligation", "public_task"]
    assert article6[0]["label"] == "Legal obligation: duty to share"
    assert "Children Act 2004 s16LA" in article6[0]["also"][0]
    assert result["confidentiality"]["id"] == "legal_duty"
    assert "duty_to_share" in [g["id"] for g in result["gateways"]]
    assert not any("not yet in force" in w for w in result["warnings"])
    assert result["outcome"] == "share"
    # The day before, nothing changes.
    before = lawful_basis.evaluate(COUNCIL_CHILD, on - dt.timedelta(days=1))
    assert [f["id"] for f in before["article6"]] == ["public_task"]
    assert before["confidentiality"]["id"] == "public_interest"
    assert any("not yet in force" in w for w in before["warnings"])


def test_duty_to_share_makes_a_welfare_refusal_a_legal_duty(duty_to_share_commenced):
    # s16LA covers information relevant to safeguarding OR promoting welfare, whatever the consent position.
    school = dict(COUNCIL_CHILD, organisation="school", concern="welfare", consent="refused")
    result = lawful_basis.evaluate(school, duty_to_share_commenced)
    assert [f["id"] for f in result["article6"]][0] == "legal_obligation"
    assert result["confidentiality"]["id"] == "legal_duty"
    assert result["outcome"] == "share"


@pytest.mark.parametrize(
    "changes",
    [
        {"organisation": "voluntary"},  # not a body the duty binds
        {"organisation": "private"},
        {"protecting": "adult_at_risk"},  # the duty is about children
        {"concern": "none"},
        {"purpose": "other"},
    ],
)
def test_duty_to_share_does_not_reach_beyond_its_bodies_and_children(duty_to_share_commenced, changes):
    result = lawful_basis.evaluate(dict(COUNCIL_CHILD, **changes), duty_to_share_commenced)
    assert "duty_to_share" not in [g["id"] for g in result["gateways"]]
    assert not any(f["label"] == "Legal obligation: duty to share" for f in result["article6"])
    assert result["confidentiality"]["id"] != "legal_duty"


# --- the schema's helpers ----------------------------------------------------------------------


def test_labels_for_records():
    by_id = {q.id: q for q in lawful_basis.QUESTIONS}
    assert by_id["confidential"].label_for(True) == "Yes, it was given in confidence"
    assert by_id["confidential"].label_for(False) == "No"
    assert by_id["organisation"].label_for("police") == "Police"
    assert by_id["data"].label_for(["personal", "criminal_offence"]).startswith("Personal information")
    assert by_id["organisation"].label_for("unknown") == "unknown"
    assert Question("t", "T", Kind.TEXT).label_for("free text") == "free text"


def test_allowed_describes_each_kind():
    assert Question("t", "T", Kind.TEXT, max_length=10).allowed() == "allowed: text of 1 to 10 characters"
    assert Question("b", "B", Kind.BOOLEAN).allowed() == "allowed values: true, false"
    multi = Question("m", "M", Kind.MULTI, choices=(Choice("a", "A"), Choice("b", "B")))
    assert multi.allowed() == "allowed: a non-empty list of a, b"


def test_text_validation():
    questions = (Question("t", "T", Kind.TEXT, max_length=5),)
    assert validate(questions, {"t": "hello"}) == {"t": "hello"}
    with pytest.raises(InputError, match="^t: is longer than 5 characters"):
        validate(questions, {"t": "hello!"})
    with pytest.raises(InputError, match="^t: must be non-empty text"):
        validate(questions, {"t": 5})


def test_key_questions_flow_matches_its_questions():
    # Every answer a question allows leads somewhere, and every step is a question; the questions
    # outside the flow are the ASIDE ones, which lead nowhere.
    assert {q.id for q in key_questions.QUESTIONS} == set(key_questions.FLOW) | set(key_questions.ASIDE)
    assert not set(key_questions.FLOW) & set(key_questions.ASIDE)
    for question in key_questions.QUESTIONS:
        if question.id in key_questions.ASIDE:
            continue
        assert set(key_questions.FLOW[question.id]) == set(question.choice_ids()), question.id
        for step in key_questions.FLOW[question.id].values():
            steps = [step.then, step.otherwise] if isinstance(step, key_questions.Fork) else [step]
            for target in steps:
                assert isinstance(target, key_questions.End) or target in key_questions.BY_ID


def test_the_duty_to_share_help_text_follows_the_register(monkeypatch):
    """The purpose's help text describes the duty's start from the register, reported or confirmed."""
    assert lawful_basis._duty_status_phrase() == "reported to apply from 30 September 2026; its commencement is not confirmed"
    monkeypatch.setitem(law.COMMENCEMENT, "duty_to_share", Commencement(dt.date(2026, 9, 30), True, "Commenced by regulations."))
    assert lawful_basis._duty_status_phrase() == "in force from 30 September 2026"


def test_a_character_that_cannot_be_printed_is_escaped_in_the_shortest_form_that_fits_its_code():
    """\\x for codes up to 0xff, \\u up to 0xffff, \\U beyond; printable characters either side of each
    boundary (ÿ U+00FF, Ā U+0100, 𐀀 U+10000) are kept as they are."""
    assert api.printable("\x7f\xad\ufffe\uffff\U000e0001") == "\\x7f\\xad\\ufffe\\uffff\\U000e0001"
    assert api.printable("a\x00\x1b\x9f") == "a\\x00\\x1b\\x9f"
    assert api.printable("ÿĀ\U00010000") == "ÿĀ\U00010000"


def test_the_example_input_takes_the_first_choice_of_every_question():
    """As its docstring says: the first choice of each question, [first] for several, True for yes/no."""
    from checkers.schema import Kind

    for name, module in api.CHECKERS.items():
        example = api.example_input(name)
        for question in module.QUESTIONS:
            wanted = (True if question.kind is Kind.BOOLEAN else [question.choices[0].id] if question.kind is Kind.MULTI
                      else question.choices[0].id)
            assert example[question.id] == wanted, (name, question.id)


def test_a_bad_list_or_object_is_quoted_by_its_first_four_items_and_two_levels():
    from checkers.schema import quote

    assert quote([1, 2, 3, 4]) == "[1, 2, 3, 4]"
    assert quote([1, 2, 3, 4, 5, 6]) == "[1, 2, 3, 4, ...]"
    assert quote({i: i for i in range(6)}) == "{0: 0, 1: 1, 2: 2, 3: 3, ...}"
    assert quote([[[1]]]) == "[[[...]]]"
