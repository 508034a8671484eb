"""One entry point for every caller: the command line, the browser worker and the site build.

    evaluate(name, payload, on=None)  validate and evaluate the law on date `on` (default: today);
                                      raises InputError naming the field
    questions(name)                   the question schema, as JSON-ready data
    law_register(on=None)             the law register on date `on` (default: today): every provision
                                      the checkers cite, its status, source and when it was checked
    json_text(value)                  JSON as the command line prints it (and the site's law.json)
    parse_json(text)                  one JSON value as the checkers accept it (raises InputError)
    parse_on(text)                    a date given as YYYY-MM-DD, from 25 May 2018 (raises InputError)
    error_line(error)                 an InputError as one safe line: "field: what is wrong"
    handle(request_json)              the browser worker's protocol: JSON in, JSON out, never raises

The checkers model the UK GDPR and the Data Protection Act 2018, which replaced the Data Protection
Act 1998 on 25 May 2018 (checkers.law.DATA_PROTECTION_ACT_2018). A date before then is refused,
naming `on`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import operator
import re
from types import ModuleType

from . import decision_record, england_date, key_questions, law, lawful_basis, proportionality
from .law import DATA_PROTECTION_ACT_2018
from .schema import InputError, parse_form, quote, validate

CHECKERS: dict[str, ModuleType] = {
    lawful_basis.NAME: lawful_basis,
    proportionality.NAME: proportionality,
    key_questions.NAME: key_questions,
}
NAMES = (*CHECKERS, decision_record.NAME)

# Limits on what is read. A checker's input is a few kilobytes. The largest valid input, a decision
# record with its eight text fields full (4,000 characters each) and every character written as a
# JSON escape (up to 12 bytes), is under 400 kB.
MAX_INPUT_BYTES = 1_000_000
MAX_DEPTH = 32  # the deepest valid input (a decision record's answers.data list) is 3
MAX_INT_DIGITS = 4300  # Python's own limit for converting text to an integer
ERROR_FIELD_LIMIT = 80
ERROR_LINE_LIMIT = 1000

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A JSON string, or what is left of the text after an unterminated one: it always matches at a quote
# (possessive quantifiers never backtrack), so removing the strings takes one pass over the text.
_JSON_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")
_SURROGATE = re.compile("[\ud800-\udfff]")


# --- reading input -----------------------------------------------------------------------------


class _Reader:
    """json.loads hooks that name `field` (the input, or the browser's request) in their errors.

    A problem found while parsing is noted, not raised at once, and the one reported is chosen once
    the whole text is read (see `problem`): the same input names the same field whatever the order
    of its keys."""

    def __init__(self, field: str):
        self.field = field
        self.bad_values: list[str] = []  # messages about the whole input: NaN, Infinity, long numbers
        self.repeated_keys = False

    def reject_constant(self, name: str) -> object:
        self.bad_values.append(f"{name} is not valid JSON")
        return None

    def parse_int(self, digits: str) -> int:
        # Checked here, not left to int(): past Python's limit int() raises a ValueError that is not
        # a JSONDecodeError, and a long number is never a valid answer anyway.
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            self.bad_values.append(f"has a number of {len(digits.lstrip('-')):,} digits; no answer is a number")
            return 0
        return int(digits)

    def object_pairs(self, pairs: list[tuple[str, object]]) -> dict:
        result: dict = {}
        for key, value in pairs:
            if key in result:
                self.repeated_keys = True
            result[key] = value
        return result

    def problem(self, text: str) -> InputError | None:
        """The problem to report: one about the whole input first (the same message, whichever came
        first in the text), then a repeated key (see _repeated_key)."""
        if self.bad_values:
            return InputError(self.field, min(self.bad_values))
        if self.repeated_keys:
            return InputError(_repeated_key(text), "appears twice; give each field once")
        return None


class _Pairs(list):
    """A JSON object as the (key, value) pairs written, repeated keys and all."""


def _repeated_key(text: str) -> str:
    """The repeated key to name: the one nested deepest, then the first in sorted order. The text is
    read again, keeping every pair, since a dict keeps one value per key."""
    found: list[tuple[int, str]] = []

    def walk(value: object, depth: int) -> None:  # at most MAX_DEPTH deep: checked before parsing
        if isinstance(value, _Pairs):
            seen = set()
            for key, item in value:
                if key in seen:
                    found.append((-depth, key))
                seen.add(key)
                walk(item, depth + 1)
        elif isinstance(value, list):
            for item in value:
                walk(item, depth + 1)

    walk(json.loads(text, object_pairs_hook=_Pairs), 0)
    return min(found)[1]


def _check_depth(text: str, field: str) -> None:
    """Refuse JSON nested deeper than MAX_DEPTH before parsing it, so that no parser (CPython's or
    Pyodide's, whose stack is smaller) ever recurses that far, whether or not the brackets balance.
    Strings are removed first (one pass), then the depth is counted (another)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if len(brackets) <= MAX_DEPTH:
        return
    # Each opening bracket counts 2 and each closing one 0: after n brackets the depth is the running
    # sum less n. Counted by C loops (accumulate, map), not one Python step per bracket.
    steps = brackets.encode("ascii").translate(_DEPTH_STEPS)
    if max(map(operator.sub, itertools.accumulate(steps), itertools.count(1))) > MAX_DEPTH:
        raise InputError(field, f"is nested more than {MAX_DEPTH} levels deep; a checker's input is a JSON object of answers")


def _where(error: json.JSONDecodeError) -> str:
    # json's messages that end "... starting at" expect the position to follow.
    message = error.msg[: -len(" at")] if error.msg.endswith(" at") else error.msg
    return f"{message} at line {error.lineno} column {error.colno}"


def parse_json(text: str, field: str = "input") -> object:
    """One JSON value as the checkers accept it: a leading byte-order mark is ignored; duplicate
    keys, NaN and Infinity, nesting deeper than MAX_DEPTH and numbers longer than MAX_INT_DIGITS
    digits are refused with an InputError naming the key, or `field` for the whole text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > MAX_INPUT_BYTES:
        raise InputError(field, f"is longer than {MAX_INPUT_BYTES:,} characters; a checker's input is a few kilobytes")
    _check_depth(text, field)
    reader = _Reader(field)
    try:
        value = json.loads(text, object_pairs_hook=reader.object_pairs, parse_constant=reader.reject_constant,
                           parse_int=reader.parse_int)
    except json.JSONDecodeError as error:
        raise InputError(field, f"is not valid JSON ({_where(error)})") from None
    problem = reader.problem(text)
    if problem is not None:
        raise problem
    return value


def decode_input(data: bytes, field: str = "input") -> str:
    """Bytes read from a file or standard input as text: UTF-8, with or without a byte-order mark,
    at most MAX_INPUT_BYTES."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(field, f"is larger than {MAX_INPUT_BYTES:,} bytes; a checker's input is a few kilobytes")
    try:
        return data.decode("utf-8")  # parse_json drops a leading byte-order mark
    except UnicodeDecodeError as error:
        raise InputError(field, f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at position {error.start})") from None


def check_text(value: object, where: str = "") -> None:
    """Every string in a JSON value, keys included, must be text that can be written out: a lone
    surrogate (such as \\ud800, which JSON allows as an escape) is refused, naming the field. Where
    there are several, the one named is the same whatever the order of the keys (the first in
    sorted order at each level; a list keeps its own order)."""
    stack = [(where, value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise InputError(path or "input", "contains a lone surrogate (such as \\ud800), which is not text; send valid Unicode")
        elif isinstance(item, dict):
            keys = sorted(item, key=str)
            if any(isinstance(key, str) and _SURROGATE.search(key) for key in keys):
                raise InputError(path or "input", "has a field name with a lone surrogate (such as \\ud800); send valid Unicode")
            stack.extend((f"{path}.{key}" if path else str(key), item[key]) for key in reversed(keys))
        elif isinstance(item, list):
            stack.extend((path, inner) for inner in reversed(item))


def parse_on(value: object, source: str = "on") -> dt.date:
    """The date to evaluate the law on, given as YYYY-MM-DD (a date, or a datetime's date, passes
    through). Refused, naming `on`, if it is not a date or is before 25 May 2018."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        on = value
    else:
        shown = f"{source}={quote(value)}" if source != "on" else quote(value)
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise InputError("on", f"{shown} is not a date; allowed: YYYY-MM-DD, from {DATA_PROTECTION_ACT_2018.isoformat()}")
        try:
            on = dt.date.fromisoformat(value)
        except ValueError:
            raise InputError("on", f"{shown} is not a date; allowed: YYYY-MM-DD, from {DATA_PROTECTION_ACT_2018.isoformat()}") from None
    if on < DATA_PROTECTION_ACT_2018:
        raise InputError(
            "on",
            f"{on.isoformat()} is before 25 May 2018: the checkers do not model the Data Protection Act 1998, "
            f"the law before then; give a date from {DATA_PROTECTION_ACT_2018.isoformat()}",
        )
    return on


def error_line(error: InputError) -> str:
    """"field: message" as one line that is safe to print: a long field name is cut short, and
    control characters, line breaks and invisible formatting characters are shown as escapes."""
    line = printable(f"{_short(error.field)}: {error.message}")
    return line if len(line) <= ERROR_LINE_LIMIT else line[: ERROR_LINE_LIMIT - 3] + "..."


def printable(text: str) -> str:
    """Text with every character that is not printable (control characters, line and paragraph
    separators, bidirectional and other formatting characters, lone surrogates) written as an escape."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _short(field: str) -> str:
    if not field:
        return "''"  # an empty field name, shown as one
    return field if len(field) <= ERROR_FIELD_LIMIT else field[: ERROR_FIELD_LIMIT - 3] + "..."


# --- evaluating --------------------------------------------------------------------------------


def _checker_name(name: object, allowed: tuple | dict) -> str:
    if not isinstance(name, str) or name not in allowed:
        raise InputError("checker", f"{quote(name)} is not allowed; allowed values: {', '.join(allowed)}")
    return name


def evaluate(name: str, payload: object, on: dt.date | str | None = None) -> dict:
    name = _checker_name(name, NAMES)
    on = None if on is None else parse_on(on)
    check_text(payload)
    if name == decision_record.NAME:
        request = decision_record.validate_request(payload, CHECKERS)
        return decision_record.build(request, CHECKERS[request["checker"]], on)
    module = CHECKERS[name]
    return module.evaluate(validate(module.QUESTIONS, payload), on)


def questions(name: str) -> dict:
    if name == decision_record.NAME:
        return {
            "checker": name,
            "title": decision_record.TITLE,
            "questions": [question.as_dict() for question in decision_record.DETAILS],
        }
    if not isinstance(name, str) or name not in CHECKERS:
        raise InputError("NAME", f"{quote(name)} is not allowed; allowed values: {', '.join(NAMES)}")
    module = CHECKERS[name]
    return {"checker": name, "title": module.TITLE, "questions": [q.as_dict() for q in module.QUESTIONS]}


LAW = "law"  # the command that prints the law register


def law_register(on: dt.date | str | None = None) -> list[dict]:
    """The law register on a date (default: today), as checkers.law.register gives it. A date before
    25 May 2018 is refused, naming `on`, as for the checkers."""
    return law.register(england_date.today() if on is None else parse_on(on))


def json_text(value: object) -> str:
    """JSON as the command line prints it: two-space indent, text kept readable (UTF-8, not escaped),
    one final line break. The site's law.json is written with it, so the two are byte for byte equal."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def form_to_input(name: str, pairs: list) -> dict:
    """An HTML form's (name, value) pairs as the checker's JSON input (before validation)."""
    if name == decision_record.NAME:
        raise InputError("checker", "the decision record takes JSON, not form pairs")
    name = _checker_name(name, CHECKERS)
    if not isinstance(pairs, list) or not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
        raise InputError("form", "must be a list of [name, value] pairs")
    return parse_form(CHECKERS[name].QUESTIONS, [(str(k), str(v)) for k, v in pairs])


REQUEST_KEYS = ("checker", "input", "form", "on")


def _respond(request_json: object) -> dict:
    if not isinstance(request_json, str):
        raise InputError("request", "must be JSON text")
    request = parse_json(request_json, "request")
    if not isinstance(request, dict) or "checker" not in request:
        raise InputError("request", "must be a JSON object with checker and input or form")
    for key in sorted(request):
        if key not in REQUEST_KEYS:
            raise InputError("request", f"{quote(key)} is not a known key; allowed keys: {', '.join(REQUEST_KEYS)}")
    if "input" in request and "form" in request:
        raise InputError("request", "give input or form, not both")
    on = parse_on(request["on"]) if "on" in request else None
    name = request["checker"]
    payload = form_to_input(name, request["form"]) if "form" in request else request.get("input")
    result = evaluate(name, payload, on)
    return {"ok": True, "input": payload, "result": result}


def handle(request_json: str) -> str:
    """Browser protocol. Request: {"checker": NAME, "input": {...}} or {"checker": NAME, "form":
    [[k, v], ...]}, either with an optional "on": "YYYY-MM-DD" (default: today).
    Response: {"ok": true, "input": {...}, "result": {...}} or {"ok": false, "error": {"field", "message"}}.
    It never raises: an unexpected error is answered as {"ok": false} naming `request`."""
    try:
        try:
            response = _respond(request_json)
        except InputError as error:
            response = {"ok": False, "error": {"field": printable(_short(error.field)), "message": error_line(error)}}
        return json.dumps(response, ensure_ascii=False)
    except Exception as error:  # noqa: BLE001 - the promise to the worker: an answer, never an exception
        message = f"request: could not be evaluated ({type(error).__name__}); this is a fault in the checkers, please report it"
        return json.dumps({"ok": False, "error": {"field": "request", "message": message}})


def example_input(name: str) -> dict:
    """A valid input built from the first choice of every question (for warming up and smoke tests)."""
    from .schema import Kind

    example: dict = {}
    for question in CHECKERS[name].QUESTIONS:
        if question.kind is Kind.BOOLEAN:
            example[question.id] = True
        elif question.kind is Kind.MULTI:
            example[question.id] = [question.choices[0].id]
        else:
            example[question.id] = question.choices[0].id
    return example


def warm_up() -> None:
    """Run every checker and the decision record once, so that the first real request is fast."""
    details = {q.id: (q.choices[0].id if q.choices else "warm-up") for q in decision_record.DETAILS}
    for name in CHECKERS:
        handle(json.dumps({"checker": name, "input": example_input(name)}))
        pairs = []
        for key, value in example_input(name).items():
            for item in value if isinstance(value, list) else [value]:
                pairs.append([key, str(item).lower() if isinstance(item, bool) else item])
        handle(json.dumps({"checker": name, "form": pairs}))
    handle(json.dumps({"checker": decision_record.NAME, "input": {"checker": "lawful-basis", "answers": example_input("lawful-basis"), "details": details}}))
