"""Questions: the one description of each checker's input.

The same Question objects validate JSON input (command line, browser), render the site's forms at
build time, and are exported as JSON (`python -m checkers questions NAME`).
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    CHOICE = "choice"  # one of the choices: radio buttons
    BOOLEAN = "boolean"  # true or false: two radio buttons
    MULTI = "multi"  # a non-empty list of choices: checkboxes
    TEXT = "text"  # free text: treated as data, never evaluated


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    help: str = ""

    def as_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "help": self.help}


BOOLEAN_CHOICES = (Choice("true", "Yes"), Choice("false", "No"))
TEXT_MAX_LENGTH = 4000


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    kind: Kind
    help: str = ""
    choices: tuple[Choice, ...] = ()
    required: bool = True
    guidance: str = ""  # our page that explains the question, e.g. "lawful-bases.md#consent"
    max_length: int = TEXT_MAX_LENGTH
    boolean_labels: tuple[str, str] = ("Yes", "No")

    def choice_ids(self) -> list[str]:
        return [choice.id for choice in self.choices]

    def label_for(self, value: object) -> str:
        """The human label for an answer, for records and summaries."""
        if self.kind is Kind.BOOLEAN:
            return self.boolean_labels[0] if value else self.boolean_labels[1]
        if self.kind is Kind.MULTI:
            return ", ".join(self.label_for_choice(v) for v in value)  # type: ignore[union-attr]
        if self.kind is Kind.CHOICE:
            return self.label_for_choice(value)
        return str(value)

    def label_for_choice(self, value: object) -> str:
        for choice in self.choices:
            if choice.id == value:
                return choice.label
        return str(value)

    def allowed(self) -> str:
        if self.kind is Kind.BOOLEAN:
            return "allowed values: true, false"
        if self.kind is Kind.MULTI:
            return "allowed: a non-empty list of " + ", ".join(self.choice_ids())
        if self.kind is Kind.CHOICE:
            return "allowed values: " + ", ".join(self.choice_ids())
        return f"allowed: text of 1 to {self.max_length} characters"

    def as_dict(self) -> dict:
        choices = self.choices
        if self.kind is Kind.BOOLEAN:
            choices = (Choice("true", self.boolean_labels[0]), Choice("false", self.boolean_labels[1]))
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind.value,
            "help": self.help,
            "choices": [choice.as_dict() for choice in choices],
            "required": self.required,
            "guidance": self.guidance,
        }


QUOTE_LIMIT = 80
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = _SHORT.maxlong = QUOTE_LIMIT
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict = 2, 4, 4


def quote(value: object) -> str:
    """A bad value as an error message shows it: its repr (which escapes control characters), cut
    to about 80 characters, so that a huge or hostile value never floods a terminal."""
    try:
        text = _SHORT.repr(value)
    except ValueError:  # an integer too long to convert to text
        text = f"an integer of more than {QUOTE_LIMIT} digits"
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 3] + "..."


class InputError(ValueError):
    """Invalid input: names the field and what is allowed, in one line."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _check_value(question: Question, value: object, prefix: str) -> object:
    name = prefix + question.id
    if question.kind is Kind.BOOLEAN:
        if not isinstance(value, bool):
            raise InputError(name, f"{quote(value)} is not allowed; {question.allowed()}")
        return value
    if question.kind is Kind.CHOICE:
        if not isinstance(value, str) or value not in question.choice_ids():
            raise InputError(name, f"{quote(value)} is not allowed; {question.allowed()}")
        return value
    if question.kind is Kind.MULTI:
        if not isinstance(value, list) or not value:
            raise InputError(name, f"must be a non-empty list; {question.allowed()}")
        for item in value:
            if not isinstance(item, str) or item not in question.choice_ids():
                raise InputError(name, f"{quote(item)} is not allowed; {question.allowed()}")
        if len(set(value)) != len(value):
            raise InputError(name, f"lists a value twice; {question.allowed()}")
        return list(value)
    if not isinstance(value, str) or not value.strip():
        raise InputError(name, f"must be non-empty text; {question.allowed()}")
    if len(value) > question.max_length:
        raise InputError(name, f"is longer than {question.max_length} characters; {question.allowed()}")
    return value


def validate(questions: Sequence[Question], payload: object, prefix: str = "") -> dict:
    """Check a JSON object against the questions; return it. Raises InputError naming the field."""
    if not isinstance(payload, dict):
        raise InputError(prefix.rstrip(".") or "input", "must be a JSON object with fields " + fields_list(questions))
    known = {question.id for question in questions}
    for key in sorted(payload):
        if key not in known:
            raise InputError(prefix + str(key), "is not a known field; allowed fields: " + fields_list(questions))
    result = {}
    for question in questions:
        if question.id not in payload:
            if question.required:
                raise InputError(prefix + question.id, f"is missing; {question.allowed()}")
            continue
        result[question.id] = _check_value(question, payload[question.id], prefix)
    return result


def fields_list(questions: Iterable[Question]) -> str:
    return ", ".join(question.id for question in questions)


def parse_form(questions: Sequence[Question], pairs: Iterable[tuple[str, str]]) -> dict:
    """Turn HTML form pairs (name, value) into the JSON object the checker expects.

    Booleans arrive as "true"/"false", multiple choices as repeated names. Anything odd is passed
    through unchanged so that `validate` reports it, naming the field.
    """
    by_id = {question.id: question for question in questions}
    payload: dict = {}
    for name, value in pairs:
        question = by_id.get(name)
        if question is None:
            payload[name] = value
        elif question.kind is Kind.MULTI:
            payload.setdefault(name, []).append(value)
        elif question.kind is Kind.BOOLEAN:
            payload[name] = {"true": True, "false": False}.get(value, value)
        elif question.kind is Kind.TEXT:
            if value.strip():
                payload[name] = value
        else:
            payload[name] = value
    return payload
