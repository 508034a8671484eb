"""The command-line contract.

    python -m checkers lawful-basis|proportionality|key-questions|decision-record [FILE]
    python -m checkers questions NAME

Valid input: one JSON object on stdout, exit 0. Invalid input: exit 2, nothing on stdout, exactly
one line on stderr naming the field (and, where there is a choice, the allowed values).

The contract is proved once through real subprocesses (`python -m checkers`, as a user runs it);
everything else goes through checkers.cli.main in-process, which is faster and measured by coverage.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checkers import api, cli, lawful_basis, proportionality

from scenarios import LAWFUL_BASIS_EXAMPLE  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

LAWFUL_BASIS = LAWFUL_BASIS_EXAMPLE
PROPORTIONALITY = {
    "purpose_clear": True,
    "recipient_role": "safeguarding",
    "extent": "minimum",
    "relevant": True,
    "accurate": True,
    "fact_opinion_distinguished": True,
    "urgency": "routine",
    "channel": "secure_electronic",
    "identities_protected": True,
    "recorded": True,
    "harm_if_shared": "low",
    "harm_if_not_shared": "high",
}
KEY_QUESTIONS = {"purpose": "yes", "identifies": "yes", "confidential": "no"}
DETAILS = {
    "what": "Notes about the child's injuries",
    "with_whom": "Sam Smith, social worker",
    "why": "Risk of significant harm",
    "when": "2026-11-22 10:30",
    "by_whom": "Alex Jones, DSL",
    "decision": "shared",
    "reasons": "Asking would alert the parent.",
}
DECISION_RECORD = {"checker": "lawful-basis", "answers": LAWFUL_BASIS, "details": DETAILS, "partnership": "Anytown"}
VALID = {
    "lawful-basis": LAWFUL_BASIS,
    "proportionality": PROPORTIONALITY,
    "key-questions": KEY_QUESTIONS,
    "decision-record": DECISION_RECORD,
}
LAWFUL_BASIS_ALLOWED = {
    "organisation": "local_authority, police, health, school, academy, independent_school, probation, youth_offending, voluntary, private",
    "purpose": "safeguarding, law_enforcement, court_order, statutory_request, mandatory_report, duty_to_share, other",
    "protecting": "child, adult_at_risk, nobody",
    "concern": "immediate_danger, significant_harm, welfare, none",
    "data": "personal, special_category, criminal_offence",
    "consent": "given, refused, not_asked, cannot_be_given, cannot_reasonably_obtain, would_prejudice",
    "confidential": "true, false",
}
# Optional fields (issue 10): left out, each keeps the answer the checker gave without it.
LAWFUL_BASIS_OPTIONAL = {
    "subject": "person_at_risk, someone_else, both",
    "capacity": "has_capacity, lacks_capacity, not_known",
    "others_at_risk": "yes, no, not_known",
    "serious_crime": "yes, no, not_known",
    "commissioned": "yes, no, not_sure",
}
KEY_QUESTIONS_FIELDS = ["immediate_danger", "purpose", "identifies", "confidential", "consent", "other_reason", "seek_consent"]


def with_(base: dict, **changes) -> dict:
    result = dict(base)
    result.update(changes)
    return result


def without(base: dict, key: str) -> dict:
    return {k: v for k, v in base.items() if k != key}


# --- real subprocesses -------------------------------------------------------------------------


def run(*args: str, stdin: str = "", env_date: str | None = "2026-11-22") -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("CHECKERS_DATE", None)
    if env_date:
        env["CHECKERS_DATE"] = env_date
    return subprocess.run(
        [sys.executable, "-m", "checkers", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def assert_rejected(proc: subprocess.CompletedProcess, field: str, *allowed: str) -> str:
    assert proc.returncode == 2, proc
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert proc.stderr.endswith("\n")
    assert field in lines[0]
    for value in allowed:
        assert value in lines[0], (value, lines[0])
    return lines[0]


def test_stdin_gives_one_json_object_and_exit_0():
    proc = run("lawful-basis", stdin=json.dumps(LAWFUL_BASIS))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    result = json.loads(proc.stdout)
    assert isinstance(result, dict)
    assert result["checker"] == "lawful-basis"
    assert result["evaluated_on"] == "2026-11-22"
    assert result["outcome"] == "share"


@pytest.mark.parametrize("name", api.NAMES)
def test_file_argument_works_for_every_checker(tmp_path, name):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(VALID[name]), encoding="utf-8")
    proc = run(name, str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert isinstance(json.loads(proc.stdout), dict)


@pytest.mark.parametrize(
    ("args", "stdin", "field", "allowed"),
    [
        pytest.param(["lawful-basis"], "{not json", "input", ["not valid JSON"], id="not-json"),
        pytest.param(["lawful-basis"], "[1, 2]", "input", ["JSON object", "organisation", "confidential"], id="json-array"),
        pytest.param(["lawful-basis"], json.dumps(without(LAWFUL_BASIS, "consent")), "consent", [LAWFUL_BASIS_ALLOWED["consent"]], id="missing-field"),
        pytest.param(["lawful-basis"], json.dumps(with_(LAWFUL_BASIS, colour="red")), "colour", ["organisation, purpose, protecting"], id="unknown-field"),
        pytest.param(["lawful-basis"], json.dumps(with_(LAWFUL_BASIS, organisation="church")), "organisation", [LAWFUL_BASIS_ALLOWED["organisation"]], id="value-not-allowed"),
        pytest.param(["lawful-basis"], json.dumps(with_(LAWFUL_BASIS, confidential="yes")), "confidential", ["true, false"], id="wrong-type"),
        pytest.param(["lawful-basis"], json.dumps(with_(LAWFUL_BASIS, data=[])), "data", [LAWFUL_BASIS_ALLOWED["data"]], id="empty-data"),
        pytest.param(
            ["lawful-basis"],
            json.dumps(LAWFUL_BASIS)[:-1] + ', "purpose": "other"}',
            "purpose",
            ["twice"],
            id="duplicate-key",
        ),
        pytest.param(["proportionality"], json.dumps(with_(PROPORTIONALITY, extent="some")), "extent", ["minimum, more_than_needed, whole_record"], id="proportionality-value"),
    ],
)
def test_invalid_input_exits_2_with_one_stderr_line(args, stdin, field, allowed):
    assert_rejected(run(*args, stdin=stdin), field, *allowed)


def test_missing_file_exits_2(tmp_path):
    missing = tmp_path / "no-such-file.json"
    line = assert_rejected(run("lawful-basis", str(missing)), "FILE")
    assert str(missing) in line


def test_unknown_command_exits_2_and_lists_the_commands():
    assert_rejected(run("frobnicate"), "usage", *api.NAMES, "questions")


def test_questions_with_unknown_name_exits_2():
    assert_rejected(run("questions", "nonsense"), "NAME", "'nonsense'", *api.NAMES)


@pytest.mark.parametrize("name", api.NAMES)
def test_questions_prints_the_schema(name):
    proc = run("questions", name)
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    assert schema["checker"] == name
    ids = [question["id"] for question in schema["questions"]]
    if name == "decision-record":
        assert ids == ["what", "with_whom", "why", "when", "by_whom", "decision", "reasons", "consulted"]
    else:
        # The schema's ids are exactly the input fields the checker accepts.
        assert ids == [question.id for question in api.CHECKERS[name].QUESTIONS]
        fields = {
            "key-questions": KEY_QUESTIONS_FIELDS,
            "lawful-basis": [*LAWFUL_BASIS_ALLOWED, *LAWFUL_BASIS_OPTIONAL],
            "proportionality": list(PROPORTIONALITY),
        }[name]
        assert sorted(ids) == sorted(fields)


def test_lawful_basis_schema_matches_the_documented_fields():
    schema = api.questions("lawful-basis")
    fields = {q["id"]: [c["id"] for c in q["choices"]] for q in schema["questions"]}
    assert {k: ", ".join(v) for k, v in fields.items()} == {**LAWFUL_BASIS_ALLOWED, **LAWFUL_BASIS_OPTIONAL}
    assert [q["id"] for q in schema["questions"] if q["required"]] == list(LAWFUL_BASIS_ALLOWED)


# --- in-process: checkers.cli.main ---------------------------------------------------------------


def call(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def rejected(argv: list[str], stdin: str = "") -> str:
    code, out, err = call(argv, stdin)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("CHECKERS_DATE", "2026-11-22")


@pytest.mark.parametrize("name", api.NAMES)
def test_main_prints_one_json_object(name):
    code, out, err = call([name], json.dumps(VALID[name]))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["checker"] == name
    assert out.endswith("}\n")


@pytest.mark.parametrize("field", sorted(LAWFUL_BASIS))
def test_every_missing_lawful_basis_field_is_named_with_its_allowed_values(field):
    line = rejected(["lawful-basis"], json.dumps(without(LAWFUL_BASIS, field)))
    assert line.startswith(field + ":")
    assert "missing" in line
    assert LAWFUL_BASIS_ALLOWED[field] in line


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("organisation", "council"),
        ("organisation", 3),
        ("organisation", None),
        ("purpose", ["safeguarding"]),
        ("protecting", "parent"),
        ("concern", True),
        ("consent", "yes"),
        ("confidential", "yes"),
        ("confidential", 1),
        ("confidential", None),
        ("data", "personal"),
        ("data", ["personal", "health"]),
        ("data", ["personal", "personal"]),
        ("data", [1]),
        ("data", {}),
    ],
)
def test_every_bad_lawful_basis_value_is_named_with_its_allowed_values(field, value):
    line = rejected(["lawful-basis"], json.dumps(with_(LAWFUL_BASIS, **{field: value})))
    assert line.startswith(field + ":")
    assert LAWFUL_BASIS_ALLOWED[field] in line


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("", "input"),
        ("   ", "input"),
        ("null", "input"),
        ('"a string"', "input"),
        ("42", "input"),
        ('{"organisation": NaN}', "input"),
        ('{"confidential": Infinity}', "input"),
        ("{} {}", "input"),
    ],
)
def test_input_that_is_not_one_json_object(text, field):
    line = rejected(["lawful-basis"], text)
    assert line.startswith(field + ":")


def test_a_json_array_names_the_expected_fields():
    line = rejected(["proportionality"], "[]")
    assert line.startswith("input:")
    for question in proportionality.QUESTIONS:
        assert question.id in line


def test_duplicate_key_is_named():
    text = '{"purpose": "yes", "purpose": "no"}'
    assert rejected(["key-questions"], text).startswith("purpose: appears twice")


def test_duplicate_key_in_a_nested_object_is_named():
    text = json.dumps(DECISION_RECORD)[:-1] + ', "details": {"what": "a", "what": "b"}}'
    assert rejected(["decision-record"], text).startswith("what: appears twice")


def test_an_unknown_field_lists_the_allowed_fields():
    line = rejected(["proportionality"], json.dumps(with_(PROPORTIONALITY, urgent=True)))
    assert line.startswith("urgent: is not a known field")
    assert ", ".join(q.id for q in proportionality.QUESTIONS) in line


def test_key_questions_accepts_partial_answers_but_not_bad_values():
    code, out, _ = call(["key-questions"], "{}")
    assert code == 0 and json.loads(out)["next_question"]["id"] == "purpose"
    line = rejected(["key-questions"], json.dumps({"purpose": "maybe"}))
    assert line == "purpose: 'maybe' is not allowed; allowed values: yes, no, not_sure"


@pytest.mark.parametrize(
    ("request_", "field", "allowed"),
    [
        (with_(DECISION_RECORD, checker="nonsense"), "checker", "lawful-basis, proportionality, key-questions"),
        (without(DECISION_RECORD, "checker"), "checker", "lawful-basis"),
        (without(DECISION_RECORD, "answers"), "answers", "JSON object"),
        (with_(DECISION_RECORD, answers=with_(LAWFUL_BASIS, organisation="x")), "answers.organisation", LAWFUL_BASIS_ALLOWED["organisation"]),
        (with_(DECISION_RECORD, answers=without(LAWFUL_BASIS, "data")), "answers.data", LAWFUL_BASIS_ALLOWED["data"]),
        (with_(DECISION_RECORD, answers=[]), "answers", "organisation"),
        (without(DECISION_RECORD, "details"), "details.what", "text"),
        (with_(DECISION_RECORD, details=None), "details", "what, with_whom, why"),
        (with_(DECISION_RECORD, details=without(DETAILS, "reasons")), "details.reasons", "text"),
        (with_(DECISION_RECORD, details=with_(DETAILS, decision="maybe")), "details.decision", "shared, not_shared, seeking_advice"),
        (with_(DECISION_RECORD, details=with_(DETAILS, what="   ")), "details.what", "text of 1 to 4000"),
        (with_(DECISION_RECORD, details=with_(DETAILS, when="x" * 201)), "details.when", "200"),
        (with_(DECISION_RECORD, details=with_(DETAILS, by_whom=7)), "details.by_whom", "text"),
        (with_(DECISION_RECORD, details=with_(DETAILS, colour="red")), "details.colour", "what, with_whom"),
        (with_(DECISION_RECORD, partnership=7), "partnership", "text"),
        (with_(DECISION_RECORD, partnership="p" * 201), "partnership", "200"),
        (with_(DECISION_RECORD, extra=1), "extra", "checker, answers, details, partnership"),
    ],
)
def test_decision_record_rejections_name_the_field(request_, field, allowed):
    line = rejected(["decision-record"], json.dumps(request_))
    assert line.startswith(field + ":"), line
    assert allowed in line


def test_decision_record_input_must_be_an_object():
    assert rejected(["decision-record"], "[]").startswith("input: must be a JSON object with fields checker, answers")


def test_decision_record_partnership_is_optional():
    code, out, _ = call(["decision-record"], json.dumps(without(DECISION_RECORD, "partnership")))
    assert code == 0
    assert json.loads(out)["record"]["partnership"] is None


@pytest.mark.parametrize(
    "argv",
    [[], ["questions"], ["questions", "a", "b"], ["lawful-basis", "a", "b"], ["LAWFUL-BASIS"], ["--help"]],
)
def test_bad_command_lines_print_usage_on_one_line(argv):
    line = rejected(argv)
    assert line.startswith("usage: python -m checkers")
    for name in api.NAMES:
        assert name in line


def test_unreadable_file(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"what": "caf\xe9"}')
    assert rejected(["lawful-basis", str(path)]).startswith("FILE: cannot read")
    assert rejected(["lawful-basis", str(tmp_path)]).startswith("FILE: cannot read")


def test_file_takes_precedence_over_stdin(tmp_path):
    path = tmp_path / "input.json"
    path.write_text(json.dumps(PROPORTIONALITY), encoding="utf-8")
    code, out, _ = call(["proportionality", str(path)], stdin="not json")
    assert code == 0
    assert json.loads(out)["checker"] == "proportionality"


def test_a_field_name_with_a_line_break_still_gives_one_line():
    # The field is named as given, but a line break in it must not split the message.
    for key in ("bad\nkey", "bad\rkey"):
        line = rejected(["lawful-basis"], json.dumps(with_(LAWFUL_BASIS, **{key: 1})))
        assert "bad" in line and "key" in line


def test_questions_output_is_the_api_schema():
    for name in api.NAMES:
        code, out, _ = call(["questions", name])
        assert code == 0
        assert json.loads(out) == api.questions(name)


def test_questions_choices_for_booleans_are_true_and_false():
    schema = api.questions("lawful-basis")
    confidential = next(q for q in schema["questions"] if q["id"] == "confidential")
    assert confidential["kind"] == "boolean"
    assert [c["id"] for c in confidential["choices"]] == ["true", "false"]
    assert [q.id for q in lawful_basis.QUESTIONS] == [q["id"] for q in schema["questions"]]


def test_output_keeps_non_ascii_text_readable():
    request = with_(DECISION_RECORD, details=with_(DETAILS, what="Zoë’s notes"))
    code, out, _ = call(["decision-record"], json.dumps(request))
    assert code == 0
    assert "Zoë’s notes" in out


def test_python_dash_m_entry_point_exits_with_mains_code(monkeypatch, capsys):
    import runpy

    monkeypatch.setattr(sys, "argv", ["checkers", "questions", "key-questions"])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("checkers", run_name="__main__")
    assert exit_.value.code == 0
    assert json.loads(capsys.readouterr().out)["checker"] == "key-questions"
