"""Input meant to break the checkers: the inputs of issue 13's security and reliability probe, and
properties over arbitrary bytes, JSON and requests.

The promise, whatever arrives:
- the command line exits 0 with one JSON object, or exits 2 with nothing on standard output and one
  printable line on standard error that names the field;
- `checkers.api.handle` never raises: it answers JSON text with "ok" true or false, and an error
  names its field.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checkers import api, cli, england_date
from checkers.schema import InputError

from conftest import ROOT

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DETAILS = {"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "decision": "shared", "reasons": "r"}
LAWFUL_BASIS = api.example_input("lawful-basis")


def run_bytes(argv: list[str], data: bytes) -> tuple[int, bytes, str]:
    """cli.main with standard input and output as byte streams, as in a real process."""
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    stderr = io.StringIO()
    code = cli.main(argv, stdin=stdin, stdout=stdout, stderr=stderr)
    stdout.flush()
    return code, stdout.buffer.getvalue(), stderr.getvalue()


def assert_contract(code: int, out: bytes, err: str) -> str | None:
    """The command-line contract; returns the error line, or None on success."""
    if code == 0:
        assert err == ""
        assert isinstance(json.loads(out.decode("utf-8")), dict)
        return None
    assert code == 2
    assert out == b""
    assert err.endswith("\n") and err.count("\n") == 1, err
    line = err[:-1]
    assert line.isprintable(), line
    field, sep, message = line.partition(": ")
    assert sep and field and message, line
    return line


def handled(request: object) -> dict:
    text = api.handle(request if isinstance(request, str) else json.dumps(request))
    response = json.loads(text)
    assert response["ok"] in (True, False)
    if not response["ok"]:
        assert set(response) == {"ok", "error"}
        error = response["error"]
        assert error["message"].startswith(error["field"] + ": ")
        assert error["message"].isprintable()
    return response


# --- the probe's inputs ------------------------------------------------------------------------

PROBE = [
    # (checker, input bytes, the field the error line must start with)
    ("lawful-basis", b"[" * 1000 + b"]" * 1000, "input"),
    ("lawful-basis", b"{\"a\":" * 1000 + b"1" + b"}" * 1000, "input"),
    ("decision-record", b'{"checker": "lawful-basis", "answers": ' + b"[" * 5000 + b"]" * 5000 + b"}", "input"),
    ("lawful-basis", b'{"organisation": ' + b"1" * 4301 + b"}", "input"),
    ("lawful-basis", b'{"organisation": -' + b"1" * 50_000 + b"}", "input"),
    ("lawful-basis", b'{"organisation": 1' + b"0" * 5000 + b".5}", "organisation"),
    ("lawful-basis", b'{"organisation": 1e99999}', "organisation"),
    ("decision-record", json.dumps({"checker": "key-questions", "answers": {}, "details": {**DETAILS, "what": "\ud800"}}).encode(), "details.what"),
    ("decision-record", json.dumps({"checker": "key-questions", "answers": {}, "details": DETAILS, "partnership": "\ud800"}).encode(), "partnership"),
    ("key-questions", b'{"\\udfff": "yes"}', "input"),
    ("key-questions", b'{"purpose": "\xff"}', "input"),
    ("key-questions", b'{"purpose": "\xed\xa0\x80"}', "input"),  # a surrogate encoded as UTF-8 is not UTF-8
    ("key-questions", b'{"purpose": "\xc0\xaf"}', "input"),  # an overlong encoding
    ("key-questions", b"\xfe\xff\x00{\x00}", "input"),  # a UTF-16 byte-order mark
    ("decision-record", json.dumps({"checker": ["lawful-basis"], "answers": {}}).encode(), "checker"),
    ("decision-record", json.dumps({"checker": {"lawful-basis": 1}, "answers": {}}).encode(), "checker"),
    ("lawful-basis", b"\xef\xbb\xbf\xef\xbb\xbf{}", "input"),  # a second byte-order mark is not whitespace
    ("lawful-basis", b"", "input"),
    ("lawful-basis", b"\x00", "input"),
    ("lawful-basis", b'{"organisation": "\x1b[31m"}', "input"),  # a raw control character inside a JSON string
    ("lawful-basis", b'{"organisation": "\\u001b[31m"}', "organisation"),
    ("lawful-basis", b'{"organisation": NaN}', "input"),
    ("lawful-basis", b'{"organisation": -Infinity}', "input"),
    ("key-questions", b'{"purpose": "yes", "purpose": "no"}', "purpose"),
    ("key-questions", b'{"purpose": "yes"} trailing', "input"),
    ("key-questions", b"/* comment */ {}", "input"),
    ("key-questions", b"{'purpose': 'yes'}", "input"),
]


@pytest.mark.parametrize(("name", "data", "field"), PROBE, ids=[f"probe-{i}" for i in range(len(PROBE))])
def test_the_probe_inputs_are_refused_naming_the_field(name, data, field):
    line = assert_contract(*run_bytes([name], data))
    assert line is not None and line.startswith(field + ": "), line


def test_the_byte_order_mark_is_accepted():
    assert assert_contract(*run_bytes(["key-questions"], b"\xef\xbb\xbf{}")) is None


# --- api.handle never raises -------------------------------------------------------------------

HANDLE_PROBE = [
    ("[" * 100_000, "request"),
    ('{"checker": "lawful-basis", "input": ' + "[" * 10_000 + "]" * 10_000 + "}", "request"),
    ('{"checker": "lawful-basis", "input": {"organisation": ' + "9" * 5000 + "}}", "request"),
    (json.dumps({"checker": "decision-record", "input": {"checker": "key-questions", "answers": {}, "details": {**DETAILS, "why": "\udc00"}}}), "details.why"),
    (json.dumps({"checker": ["lawful-basis"], "input": {}}), "checker"),
    (json.dumps({"checker": {"x": 1}, "input": {}}), "checker"),
    (json.dumps({"checker": None, "form": []}), "checker"),
    (json.dumps({"checker": "lawful-basis", "form": [["organisation"]]}), "form"),
    (json.dumps({"checker": "lawful-basis", "form": "organisation=police"}), "form"),
    (json.dumps({"checker": "lawful-basis", "form": [["organisation", "\ud800"]]}), "organisation"),
    (json.dumps({"checker": "lawful-basis", "form": [["\ud800", "x"]]}), "input"),
    (json.dumps({"checker": "lawful-basis", "input": {}, "form": []}), "request"),
    (json.dumps({"checker": "lawful-basis", "input": {}, "date": "2026-01-01"}), "request"),
    (json.dumps({"checker": "lawful-basis", "input": LAWFUL_BASIS, "on": "2018-05-24"}), "on"),
    (json.dumps({"checker": "lawful-basis", "input": LAWFUL_BASIS, "on": "1 October 2026"}), "on"),
    (json.dumps({"checker": "lawful-basis", "input": LAWFUL_BASIS, "on": 20261001}), "on"),
    (json.dumps({"checker": "lawful-basis", "input": LAWFUL_BASIS, "on": None}), "on"),
    ("\ufeff" + json.dumps({"checker": "lawful-basis", "input": {}}), "organisation"),
    ("x" * 1_000_001, "request"),
    ('{"checker": "key-questions", "input": {"\\u001b]0;x\\u0007": 1}}', "\\x1b]0;x\\x07"),
]


@pytest.mark.parametrize(("request_", "field"), HANDLE_PROBE, ids=[f"handle-{i}" for i in range(len(HANDLE_PROBE))])
def test_handle_refuses_the_probe_inputs_naming_the_field(request_, field):
    response = handled(request_)
    assert response["ok"] is False
    assert response["error"]["field"] == field, response


@pytest.mark.parametrize("request_", [None, b'{"checker": "key-questions", "input": {}}', 42, ["checker"], object()])
def test_handle_answers_anything_that_is_not_text(request_):
    response = json.loads(api.handle(request_))
    assert response == {"ok": False, "error": {"field": "request", "message": "request: must be JSON text"}}


def test_handle_answers_even_when_a_checker_fails(monkeypatch):
    def broken(payload, on=None):
        raise RuntimeError("a bug")

    monkeypatch.setattr(api.CHECKERS["key-questions"], "evaluate", broken)
    response = json.loads(api.handle(json.dumps({"checker": "key-questions", "input": {}})))
    assert response["ok"] is False
    assert response["error"]["field"] == "request"
    assert "RuntimeError" in response["error"]["message"] and "a bug" not in response["error"]["message"]


def test_handle_evaluates_on_the_date_given():
    response = handled({"checker": "lawful-basis", "input": LAWFUL_BASIS, "on": "2026-10-01"})
    assert response["ok"] is True and response["result"]["evaluated_on"] == "2026-10-01"
    response = handled({"checker": "key-questions", "form": [["purpose", "no"]], "on": "2018-05-25"})
    assert response["ok"] is True and response["result"]["evaluated_on"] == "2018-05-25"
    assert handled({"checker": "key-questions", "input": {}})["result"]["evaluated_on"] == england_date.today().isoformat()


def test_handle_refuses_a_date_before_the_dpa_2018_naming_on():
    response = handled({"checker": "lawful-basis", "input": LAWFUL_BASIS, "on": "2018-05-24"})
    assert response["error"]["message"].startswith("on: 2018-05-24 is before 25 May 2018")
    assert "Data Protection Act 1998" in response["error"]["message"]


def test_evaluate_takes_a_date_or_its_text_and_refuses_earlier_law():
    assert api.evaluate("key-questions", {}, dt.date(2026, 10, 1))["evaluated_on"] == "2026-10-01"
    assert api.evaluate("key-questions", {}, "2026-10-01")["evaluated_on"] == "2026-10-01"
    assert api.evaluate("key-questions", {}, dt.datetime(2026, 10, 1, 23, 59))["evaluated_on"] == "2026-10-01"
    for on in (dt.date(2018, 5, 24), "2017-01-01", dt.datetime(2018, 5, 24, 23, 59)):
        with pytest.raises(InputError) as error:
            api.evaluate("key-questions", {}, on)
        assert error.value.field == "on" and "Data Protection Act 1998" in error.value.message
    for on in ("2026-1-1", 20261001, ["2026-10-01"]):
        with pytest.raises(InputError) as error:
            api.evaluate("key-questions", {}, on)
        assert error.value.field == "on" and "YYYY-MM-DD" in error.value.message
    with pytest.raises(InputError) as error:
        api.evaluate(["key-questions"], {})
    assert error.value.field == "checker"
    with pytest.raises(InputError) as error:
        api.questions({"name": "key-questions"})
    assert error.value.field == "NAME"


# --- properties --------------------------------------------------------------------------------

names = st.sampled_from(api.NAMES)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(names, st.binary(max_size=200))
@example("key-questions", b"\xef\xbb\xbf{}")
@example("lawful-basis", b'{"organisation": "\xed\xa0\x80"}')
def test_any_bytes_keep_the_command_line_contract(name, data):
    assert_contract(*run_bytes([name], data))


@SETTINGS
@given(names, json_values)
def test_any_json_keeps_the_command_line_contract(name, value):
    for ensure_ascii in (True, False):
        text = json.dumps(value, ensure_ascii=ensure_ascii)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate cannot be UTF-8: sent as bytes it is refused
            data = text.encode("utf-8", "surrogatepass")
        assert_contract(*run_bytes([name], data))


hostile_text = st.text(st.characters() | st.sampled_from(["\ud800", "\udfff", "\x1b", "\u202e", "\u2028", "\x00", "\x9b"]), max_size=100)


@SETTINGS
@given(names, hostile_text)
def test_any_text_as_the_value_of_any_field_keeps_the_contract(name, text):
    for question in api.questions(name)["questions"]:
        payload = {"checker": "lawful-basis", "answers": LAWFUL_BASIS, "details": {**DETAILS, question["id"]: text}} \
            if name == "decision-record" else {question["id"]: text}
        line = assert_contract(*run_bytes([name], json.dumps(payload).encode()))
        if any("\ud800" <= c <= "\udfff" for c in text):
            assert line is not None and "lone surrogate" in line, line


@SETTINGS
@given(st.one_of(hostile_text, json_values.map(json.dumps),
                 st.fixed_dictionaries({"checker": names | json_values}, optional={"input": json_values, "form": json_values, "on": json_values}).map(json.dumps)))
def test_handle_never_raises(request_):
    handled(request_)


@SETTINGS
@given(st.integers(min_value=0, max_value=200), st.sampled_from(["[]", "{}", '{"a":}']))
def test_nesting_is_refused_exactly_beyond_the_limit(depth, pair):
    opening, closing = (pair[:-1], pair[-1]) if pair != '{"a":}' else ('{"a":', "}")
    text = opening * depth + ("1" if pair == '{"a":}' else "") + closing * depth
    code, _, err = run_bytes(["lawful-basis"], text.encode())
    assert code == 2
    assert ("nested more than 32 levels" in err) == (depth > 32), (depth, err)


def test_input_over_the_size_limit_is_refused_in_process():
    line = assert_contract(*run_bytes(["key-questions"], b" " * 1_000_001))
    assert line == "input: is larger than 1,000,000 bytes; a checker's input is a few kilobytes"


def test_an_error_line_is_never_longer_than_its_limit():
    line = api.error_line(InputError("field\n", "x" * 5000 + "\x1b"))
    assert line.startswith("field\\x0a: xxx") and line.endswith("...")
    assert len(line) == api.ERROR_LINE_LIMIT == 1000  # one terminal screen at most, whatever was sent


def test_an_integer_too_long_to_print_is_described_not_printed():
    payload = {**LAWFUL_BASIS, "organisation": 10 ** 5000}  # only a Python caller can send one
    with pytest.raises(InputError) as error:
        api.evaluate("lawful-basis", payload)
    assert str(error.value).startswith("organisation: an integer of more than 80 digits is not allowed")


# --- issue 21: nesting whatever the balance, linear time, the same field whatever the key order ----

UNBALANCED = [b"[" * 995, b"[" * 990, b"{" * 995, b'{"a":' * 995, b"[" * 995 + b"]" * 10, b"]" * 10 + b"[" * 995,
              b"[" * 40 + b"1", b"[{" * 500]


@pytest.mark.parametrize("data", UNBALANCED, ids=lambda data: f"{data[:8].decode()}...x{len(data)}")
def test_unbalanced_brackets_are_refused_by_depth_before_parsing(data):
    """995 opening brackets once gave a RecursionError traceback and 990 an exit 2: both are refused
    the same way, on the command line and in the page (api.handle)."""
    line = assert_contract(*run_bytes(["lawful-basis"], data))
    assert line == "input: is nested more than 32 levels deep; a checker's input is a JSON object of answers"
    response = handled('{"checker": "lawful-basis", "input": ' + data.decode() + "}")
    assert response["error"]["field"] == "request" and "nested more than 32 levels" in response["error"]["message"]


ESCAPED_QUOTES = b'"' + b'\\"' * ((api.MAX_INPUT_BYTES - 2) // 2) + b"\\"  # ends in a lone backslash


def test_an_unterminated_string_of_escaped_quotes_is_refused_in_one_pass():
    assert len(ESCAPED_QUOTES) == api.MAX_INPUT_BYTES
    line = assert_contract(*run_bytes(["lawful-basis"], ESCAPED_QUOTES))
    assert line == "input: is not valid JSON (Unterminated string starting at line 1 column 1)"
    proc = subprocess.run([sys.executable, "-m", "checkers", "key-questions"], input=ESCAPED_QUOTES,
                          capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr == b"input: is not valid JSON (Unterminated string starting at line 1 column 1)\n"


@pytest.mark.parametrize(("text", "message"), [
    ('{"purpose": "yes', "Unterminated string starting at line 1 column 13"),
    ('{"purpose": }', "Expecting value at line 1 column 13"),
    ('{"purpose" "yes"}', "Expecting ':' delimiter at line 1 column 12"),
])
def test_json_errors_say_where_once(text, message):
    line = assert_contract(*run_bytes(["key-questions"], text.encode()))
    assert line == f"input: is not valid JSON ({message})"
    assert " at at " not in line


# Inputs that are one short piece repeated to the size limit: what makes a scanner quadratic (a
# string that never ends, a bracket that never closes, escapes that never stop).
PIECES = st.text(st.sampled_from('"\\[]{}:,0ae- \n\t\u00e9'), min_size=1, max_size=6)
CPU_SECONDS_LIMIT = 2.0  # issue 21's limit for the whole 1,000,000-byte input; a quiet machine takes about 0.2 s


def _cpu_seconds(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(names, PIECES, st.sampled_from([b"", b'{"purpose": ', b'{"checker": "lawful-basis", "answers": {"a": "']))
@example("lawful-basis", '\\"', b'"')
@example("lawful-basis", "[", b"")
@example("decision-record", "[]", b"")
@example("key-questions", '"', b"")
@example("key-questions", "\\", b'"')
def test_any_input_at_the_size_limit_is_answered_in_linear_time(name, piece, prefix):
    """CPU time, not wall time, so that a busy machine does not fail it; the algorithm is linear, so
    the limit is ten times what a quiet machine takes."""
    body = piece.encode("utf-8")
    data = (prefix + body * (api.MAX_INPUT_BYTES // len(body) + 1))[: api.MAX_INPUT_BYTES]
    data = data.decode("utf-8", "ignore").encode("utf-8")  # a multi-byte character cut at the end
    results = []
    seconds = _cpu_seconds(lambda: results.append(run_bytes([name], data)))
    assert_contract(*results[0])
    assert seconds < CPU_SECONDS_LIMIT, (piece, prefix, seconds)
    request = '{"checker": "' + name + '", "input": ' + data.decode("utf-8")[: api.MAX_INPUT_BYTES - 40]
    seconds = _cpu_seconds(lambda: handled(request))
    assert seconds < CPU_SECONDS_LIMIT, (piece, prefix, seconds)


def _reordered(value, random):
    """The same JSON value with the keys of every object in another order (lists keep theirs)."""
    if isinstance(value, dict):
        keys = list(value)
        random.shuffle(keys)
        return {key: _reordered(value[key], random) for key in keys}
    if isinstance(value, list):
        return [_reordered(item, random) for item in value]
    return value


bad_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.sampled_from(["yes", "no", "\ud800", "x\udfff", "", "police", "shared"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["purpose", "organisation", "details", "answers", "what", "zz", "a", "\udc00", "checker"]), inner, max_size=5),
    max_leaves=15,
)


@SETTINGS
@given(names, st.dictionaries(st.sampled_from(["purpose", "identifies", "organisation", "checker", "answers", "details",
                                              "partnership", "unknown", "other", "\ud800"]), bad_values, max_size=6),
       st.randoms(use_true_random=False))
def test_the_same_bad_input_names_the_same_field_whatever_the_order_of_its_keys(name, payload, random):
    first = json.dumps(payload).encode()
    second = json.dumps(_reordered(payload, random)).encode()
    assert assert_contract(*run_bytes([name], first)) == assert_contract(*run_bytes([name], second))
    for key in ("input", "form"):
        requests = [{"checker": name, key: payload}, {key: _reordered(payload, random), "checker": name}]
        answers = [handled(request) for request in requests]
        assert answers[0].get("error") == answers[1].get("error"), answers


@pytest.mark.parametrize("pairs", [
    [("purpose", '"yes"'), ("purpose", '"no"'), ("identifies", '"yes"'), ("identifies", "1")],
    [("b", "1"), ("a", "NaN"), ("b", "2")],
    [("x", '{"a": 1, "a": 2}'), ("y", "1" * 5000)],
    [("x", '{"b": 1, "b": 2}'), ("a", '{"c": 1, "c": 2}')],
])
def test_problems_found_while_parsing_name_the_same_field_whatever_the_order(pairs):
    lines = set()
    for order in (pairs, pairs[::-1], pairs[1:] + pairs[:1]):
        text = "{" + ", ".join(f'"{key}": {value}' for key, value in order) + "}"
        lines.add(assert_contract(*run_bytes(["key-questions"], text.encode())))
    assert len(lines) == 1, lines
