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
    "organisation": "local_authority, police, health, gp_practice, school, academy, independent_school, probation, youth_offending, voluntary, private",
    "purpose": "safeguarding, law_enforcement, court_order, statutory_request, mandatory_report, duty_to_share, victim_information_request, other",
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
KEY_QUESTIONS_FIELDS = ["immediate_danger", "purpose", "identifies", "confidential", "consent", "other_reason", "seek_consent",
                        "child_asked_secrecy"]


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
    assert missing.name in line  # a long path is shortened to about 80 characters, keeping its end


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
    assert [c["label"] for c in confidential["choices"]] == ["Yes, it was given in confidence", "No"]
    plain = next(q for q in api.questions("proportionality")["questions"] if q["id"] == "purpose_clear")
    assert [(c["id"], c["label"]) for c in plain["choices"]] == [("true", "Yes"), ("false", "No")]  # the default labels
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


# --- the evaluation date: --on and CHECKERS_DATE -------------------------------------------------


def test_on_option_through_a_real_subprocess(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(LAWFUL_BASIS), encoding="utf-8")
    for args in (["lawful-basis", "--on", "2026-10-01", str(path)], ["lawful-basis", str(path), "--on", "2026-10-01"],
                 ["lawful-basis", "--on=2026-10-01", str(path)], ["lawful-basis", str(path), "--on=2026-10-01"]):
        proc = run(*args)
        assert (proc.returncode, proc.stderr) == (0, ""), args
        assert json.loads(proc.stdout)["evaluated_on"] == "2026-10-01"
    proc = run("lawful-basis", "--on", "2026-10-01", stdin=json.dumps(LAWFUL_BASIS))
    assert json.loads(proc.stdout)["evaluated_on"] == "2026-10-01"


def test_the_on_option_wins_over_checkers_date():
    code, out, _ = call(["key-questions", "--on", "2025-01-31"], "{}")  # CHECKERS_DATE is 2026-11-22 here
    assert code == 0 and json.loads(out)["evaluated_on"] == "2025-01-31"


def test_checkers_date_is_a_synonym_for_on(monkeypatch):
    monkeypatch.setenv("CHECKERS_DATE", "2025-01-31")
    assert json.loads(call(["key-questions"], "{}")[1])["evaluated_on"] == "2025-01-31"
    monkeypatch.setenv("CHECKERS_DATE", "not a date")
    # Given both, the option is used and the variable is not read at all.
    assert json.loads(call(["key-questions", "--on=2025-02-01"], "{}")[1])["evaluated_on"] == "2025-02-01"
    assert rejected(["key-questions"], "{}").startswith("on: CHECKERS_DATE='not a date' is not a date")


def test_on_changes_the_law_applied():
    charity = with_(LAWFUL_BASIS, organisation="voluntary", consent="would_prejudice")
    before = json.loads(call(["lawful-basis", "--on", "2026-02-04"], json.dumps(charity))[1])
    after = json.loads(call(["lawful-basis", "--on", "2026-02-05"], json.dumps(charity))[1])
    assert "recognised_legitimate_interest" not in [f["id"] for f in before["article6"]]
    assert "recognised_legitimate_interest" in [f["id"] for f in after["article6"]]


@pytest.mark.parametrize("date", ["2018-05-24", "1998-07-16", "0001-01-01"])
def test_a_date_before_the_dpa_2018_is_refused_naming_on(date):
    proc = run("lawful-basis", "--on", date, stdin=json.dumps(LAWFUL_BASIS))
    line = assert_rejected(proc, "on", "Data Protection Act 1998", "2018-05-25")
    assert line.startswith(f"on: {date} is before 25 May 2018")


def test_the_first_day_of_the_dpa_2018_is_accepted():
    code, out, _ = call(["proportionality", "--on", "2018-05-25"], json.dumps(PROPORTIONALITY))
    assert code == 0 and json.loads(out)["evaluated_on"] == "2018-05-25"


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "22/11/2026", "20261122", "2026-W47-7", "2026-11-22T10:00",
                                   " 2026-11-22", "", "tomorrow", "２０２６-11-22", "2026-11-22\x1b[2J"])
def test_an_invalid_date_exits_2_naming_on(value):
    line = rejected(["key-questions", "--on", value], "{}")
    assert line.startswith("on: ") and "YYYY-MM-DD" in line
    assert "\x1b" not in line
    assert rejected(["key-questions", f"--on={value}"], "{}") == line


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        (["key-questions", "--on"], "on: needs a date"),
        (["key-questions", "--on", "2026-01-01", "--on", "2026-01-02"], "on: is given twice"),
        (["key-questions", "--on=2026-01-01", "--on=2026-01-02"], "on: is given twice"),
        (["key-questions", "--of", "2026-01-01"], "usage:"),
        (["key-questions", "-x"], "usage:"),
        (["questions", "--on", "2026-01-01"], "usage:"),
        (["--on", "2026-01-01"], "usage:"),
        (["key-questions", "a.json", "b.json", "--on", "2026-01-01"], "usage:"),
    ],
)
def test_bad_uses_of_on(argv, start):
    assert rejected(argv, "{}").startswith(start)


def test_a_double_dash_ends_the_options(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "--on").write_text("{}", encoding="utf-8")  # a file unluckily named like the option
    code, out, _ = call(["key-questions", "--", "--on"])
    assert code == 0 and json.loads(out)["checker"] == "key-questions"


def test_usage_names_the_on_option():
    assert "[--on YYYY-MM-DD]" in rejected([])


def test_the_module_docstring_documents_on_and_checkers_date():
    for text in ("--on YYYY-MM-DD", "--on=YYYY-MM-DD", "CHECKERS_DATE", "the option wins", "Data Protection Act 1998"):
        assert text in cli.__doc__
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in ("--on 2026-10-01", "CHECKERS_DATE", "Data Protection Act 1998"):
        assert text in readme


# --- input that must not break the command line (issue 13's probe) ------------------------------


def run_bytes(*args: str, stdin: bytes = b"", env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "CHECKERS_DATE"}
    environment.update({"CHECKERS_DATE": "2026-11-22", **(env or {})})
    return subprocess.run([sys.executable, "-m", "checkers", *args], input=stdin, capture_output=True, cwd=ROOT,
                          env=environment, timeout=60)


def assert_refused_bytes(proc: subprocess.CompletedProcess, field: str) -> str:
    """Exit 2, nothing on stdout, one printable line on stderr starting with the field."""
    assert proc.returncode == 2, proc
    assert proc.stdout == b""
    text = proc.stderr.decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1, text
    line = text[:-1]
    assert line.isprintable(), line
    assert line.startswith(field + ": "), line
    return line


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_json_nested_too_deep_is_refused(depth):
    for opening, closing in (("[", "]"), ('{"a":', "}")):
        proc = run_bytes("lawful-basis", stdin=(opening * depth + "1" + closing * depth).encode())
        assert "nested more than 32 levels" in assert_refused_bytes(proc, "input")


def test_nesting_within_the_limit_is_parsed_and_refused_as_the_wrong_shape():
    line = rejected(["lawful-basis"], "[" * 32 + "]" * 32)
    assert line.startswith("input: must be a JSON object")


def test_brackets_inside_strings_do_not_count_as_nesting():
    line = rejected(["key-questions"], json.dumps({"purpose": "[" * 5000 + '\\"{' * 100}))
    assert line.startswith("purpose: ")


@pytest.mark.parametrize("digits", [4301, 10_000, 1_000_000 - 20])
def test_integers_over_4300_digits_are_refused(digits):
    proc = run_bytes("lawful-basis", stdin=b'{"organisation": -' + b"9" * digits + b"}")
    assert f"has a number of {digits:,} digits" in assert_refused_bytes(proc, "input")


def test_a_long_integer_within_the_limit_is_quoted_short():
    line = rejected(["lawful-basis"], json.dumps(with_(LAWFUL_BASIS, organisation=int("9" * 4300))))
    assert line.startswith("organisation: ") and len(line) < 400


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"details": with_(DETAILS, what="notes \ud800 here")}, "details.what"),
        ({"details": with_(DETAILS, reasons="\udfff")}, "details.reasons"),
        ({"partnership": "Anytown \udc80"}, "partnership"),
        ({"details": with_(DETAILS, **{"what\ud800": "x"})}, "details"),
    ],
)
def test_a_lone_surrogate_is_refused_naming_the_field(change, field):
    text = json.dumps(with_(DECISION_RECORD, **change))  # ensure_ascii: the surrogate is sent as \\udXXX
    assert "\\ud" in text
    proc = run_bytes("decision-record", stdin=text.encode("ascii"))
    assert "lone surrogate" in assert_refused_bytes(proc, field)


def test_a_lone_surrogate_in_an_answer_is_refused():
    line = rejected(["key-questions"], '{"purpose": "yes\\ud83d"}')
    assert line.startswith("purpose: contains a lone surrogate")


def test_a_surrogate_pair_is_ordinary_text():
    request = with_(DECISION_RECORD, details=with_(DETAILS, what="\ud83d\ude00 smile"))
    proc = run_bytes("decision-record", stdin=json.dumps(request).encode("ascii"))
    assert proc.returncode == 0, proc.stderr
    assert "😀 smile" in proc.stdout.decode("utf-8")


@pytest.mark.parametrize("locale", ["C.UTF-8", "C", "POSIX"])
def test_invalid_utf8_on_standard_input_is_refused(locale):
    proc = run_bytes("key-questions", stdin=b'{"purpose": "\xff\xfe"}', env={"LC_ALL": locale, "LANG": locale})
    assert assert_refused_bytes(proc, "input") == "input: is not valid UTF-8 (byte 0xff at position 13)"


def test_invalid_utf8_in_free_text_is_refused_before_anything_is_printed(tmp_path):
    text = json.dumps(DECISION_RECORD).replace("Notes about", "Notes \udcff about", 1).encode("utf-8", "surrogateescape")
    proc = run_bytes("decision-record", stdin=text)
    assert_refused_bytes(proc, "input")
    path = tmp_path / "record.json"
    path.write_bytes(text)
    line = assert_refused_bytes(run_bytes("decision-record", str(path)), "FILE")
    assert "not valid UTF-8" in line


def test_output_is_utf8_whatever_the_locale():
    request = with_(DECISION_RECORD, details=with_(DETAILS, what="Zoë’s notes"))
    proc = run_bytes("decision-record", stdin=json.dumps(request).encode(), env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr
    assert "Zoë’s notes" in proc.stdout.decode("utf-8")


@pytest.mark.parametrize(("checker", "name"), [(["lawful-basis"], "list"), ({"name": "lawful-basis"}, "object"), (7, "number"),
                                                (None, "null"), (True, "boolean")])
def test_checker_given_as_something_other_than_text_is_refused(checker, name):
    proc = run_bytes("decision-record", stdin=json.dumps(with_(DECISION_RECORD, checker=checker)).encode())
    assert "is not allowed; allowed values: lawful-basis" in assert_refused_bytes(proc, "checker"), name


def test_a_byte_order_mark_is_accepted(tmp_path):
    data = b"\xef\xbb\xbf" + json.dumps(KEY_QUESTIONS).encode()
    proc = run_bytes("key-questions", stdin=data)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["checker"] == "key-questions"
    path = tmp_path / "bom.json"
    path.write_bytes(data)
    assert run_bytes("key-questions", str(path)).returncode == 0
    assert call(["key-questions"], "\ufeff" + json.dumps(KEY_QUESTIONS))[0] == 0


def test_a_byte_order_mark_in_another_encoding_is_refused():
    data = "\ufeff{}".encode("utf-16")
    assert "not valid UTF-8" in assert_refused_bytes(run_bytes("key-questions", stdin=data), "input")


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom"])
def test_an_endless_file_is_refused(path):
    proc = run_bytes("key-questions", path)
    line = assert_refused_bytes(proc, "FILE")
    assert line == f"FILE: cannot read '{path}': is larger than 1,000,000 bytes; a checker's input is a few kilobytes"


def test_input_over_the_size_limit_is_refused_and_input_at_it_is_read():
    padding = " " * (1_000_000 - len(json.dumps(KEY_QUESTIONS)))
    at_limit = (json.dumps(KEY_QUESTIONS) + padding).encode()
    assert len(at_limit) == 1_000_000
    assert run_bytes("key-questions", stdin=at_limit).returncode == 0
    line = assert_refused_bytes(run_bytes("key-questions", stdin=at_limit + b" "), "input")
    assert "larger than 1,000,000 bytes" in line
    assert rejected(["key-questions"], at_limit.decode() + " ").startswith("input: is larger than")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("\x1b[2J\x1b[31mred", "'\\x1b[2J\\x1b[31mred'"),
        ("bell\x07", "'bell\\x07'"),
        ("right\u202eto left", "'right\\u202eto left'"),
        ("line\u2028separator", "'line\\u2028separator'"),
        ("nul\x00", "'nul\\x00'"),
        ("c1\x9b31m", "'c1\\x9b31m'"),
    ],
)
def test_error_lines_never_echo_control_characters(value, shown):
    line = assert_refused_bytes(run_bytes("key-questions", stdin=json.dumps({"purpose": value}).encode()), "purpose")
    assert line.startswith(f"purpose: {shown} is not allowed")


def test_control_characters_in_a_field_name_are_escaped():
    key = "\x1b]0;title\x07\r\n\u0085\u2029x"
    line = assert_refused_bytes(run_bytes("key-questions", stdin=json.dumps({key: 1}).encode()), "\\x1b]0;title\\x07\\x0d\\x0a\\x85\\u2029x")
    assert "is not a known field" in line


@pytest.mark.parametrize(
    "value",
    ["x" * 10_000, ["personal"] * 5000, {"k" * 500: "v" * 500}, "é" * 3000, 10 ** 4000, 1.5e300],
)
def test_error_lines_quote_at_most_about_80_characters_of_a_bad_value(value):
    line = rejected(["lawful-basis"], json.dumps(with_(LAWFUL_BASIS, organisation=value)))
    quoted = line.removeprefix("organisation: ").split(" is not allowed;")[0]
    assert len(quoted) <= 80, quoted
    assert line.endswith(LAWFUL_BASIS_ALLOWED["organisation"])


def test_a_long_unknown_field_name_is_cut_short():
    line = rejected(["key-questions"], json.dumps({"z" * 100_000: 1}))
    assert line.startswith("z" * 77 + "...: is not a known field")
    assert len(line) < 300


def test_a_long_file_name_is_quoted_short(tmp_path):
    line = rejected(["key-questions", str(tmp_path / ("n" * 200))])
    assert line.startswith("FILE: cannot read '") and len(line) < 200 and "No such file" in line


# --- a standard output that cannot be written (issue 21) ------------------------------------------


def _run_into(stdout, args=("key-questions",), stdin=b'{"purpose": "yes"}') -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checkers", *args], input=stdin, stdout=stdout, stderr=subprocess.PIPE,
                          cwd=ROOT, timeout=60)


def _assert_one_output_line(proc: subprocess.CompletedProcess, reason: str) -> None:
    assert proc.returncode == 2, proc
    assert proc.stderr.decode() == f"output: could not write the result ({reason})\n"


@pytest.mark.parametrize("args", [("key-questions",), ("questions", "lawful-basis")])
def test_a_closed_pipe_on_stdout_ends_with_one_line_and_exit_2(args):
    """As `python -m checkers ... | head -c0`, without the race: the pipe's reader is closed first."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        proc = _run_into(writer, args)
    finally:
        os.close(writer)
    _assert_one_output_line(proc, "Broken pipe")


@pytest.mark.parametrize("args", [("key-questions",), ("questions", "lawful-basis")])
def test_a_full_stdout_ends_with_one_line_and_exit_2(args):
    with open("/dev/full", "wb") as full:
        proc = _run_into(full, args)
    _assert_one_output_line(proc, "No space left on device")


def test_a_closed_stdout_ends_with_one_line_and_exit_2():
    proc = subprocess.run(["sh", "-c", f'exec "{sys.executable}" -m checkers key-questions >&-'], input=b"{}",
                          capture_output=True, cwd=ROOT, timeout=60)
    _assert_one_output_line(proc, "standard output is closed")


def test_head_c0_style_pipe_never_shows_a_traceback():
    """Through the shell, as a user types it: whether head has gone before the write or not, the
    command ends with its JSON swallowed (exit 0) or the one line (exit 2), never a traceback."""
    proc = subprocess.run(["bash", "-c", f'"{sys.executable}" -m checkers questions lawful-basis | head -c0; '
                                         'echo "exit ${PIPESTATUS[0]}" >&2'], capture_output=True, cwd=ROOT, timeout=60)
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert err in ("exit 0\n", "output: could not write the result (Broken pipe)\nexit 2\n"), err


# The same three failures in this process (the subprocesses above are not measured for coverage, and a
# change to the handling must fail here too).


def test_a_full_stdout_in_process_gives_one_line_exit_2_and_points_the_descriptor_at_the_null_device():
    stderr = io.StringIO()
    with open("/dev/full", "w", encoding="utf-8") as full:
        code = cli.main(["key-questions"], stdin=io.StringIO('{"purpose": "yes"}'), stdout=full, stderr=stderr)
        assert code == 2
        assert stderr.getvalue() == "output: could not write the result (No space left on device)\n"
        assert os.path.samefile(f"/proc/self/fd/{full.fileno()}", os.devnull)  # what is buffered goes nowhere


def test_an_in_memory_stdout_that_fails_gives_one_line_and_exit_2():
    class Failing(io.StringIO):
        def write(self, text):
            raise OSError(32, "Broken pipe")

    stderr = io.StringIO()
    assert cli.main(["questions", "proportionality"], stdout=Failing(), stderr=stderr) == 2
    assert stderr.getvalue() == "output: could not write the result (Broken pipe)\n"


def test_an_error_without_a_message_is_named_by_its_type():
    class Failing(io.StringIO):
        def write(self, text):
            raise BrokenPipeError()

    stderr = io.StringIO()
    assert cli.main(["questions", "proportionality"], stdout=Failing(), stderr=stderr) == 2
    assert stderr.getvalue() == "output: could not write the result (BrokenPipeError)\n"


def test_no_stdout_at_all_in_process_gives_one_line_and_exit_2(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    stderr = io.StringIO()
    assert cli.main(["questions", "proportionality"], stderr=stderr) == 2
    assert stderr.getvalue() == "output: could not write the result (standard output is closed)\n"
