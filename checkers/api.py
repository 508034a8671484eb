"""One entry point for every caller: the command line, the browser worker and the site build.

    evaluate(name, payload)     validate and evaluate; raises InputError naming the field
    questions(name)             the question schema, as JSON-ready data
    handle(request_json)        the browser worker's protocol: JSON in, JSON out, never raises
"""

from __future__ import annotations

import datetime as dt
import json
from types import ModuleType

from . import decision_record, key_questions, lawful_basis, proportionality
from .schema import InputError, parse_form, validate

CHECKERS: dict[str, ModuleType] = {
    lawful_basis.NAME: lawful_basis,
    proportionality.NAME: proportionality,
    key_questions.NAME: key_questions,
}
NAMES = (*CHECKERS, decision_record.NAME)


def evaluate(name: str, payload: object, on: dt.date | None = None) -> dict:
    if name == decision_record.NAME:
        request = decision_record.validate_request(payload, CHECKERS)
        return decision_record.build(request, CHECKERS[request["checker"]], on)
    if name not in CHECKERS:
        raise InputError("checker", f"{name!r} is not allowed; allowed values: {', '.join(NAMES)}")
    module = CHECKERS[name]
    return module.evaluate(validate(module.QUESTIONS, payload), on)


def questions(name: str) -> dict:
    if name == decision_record.NAME:
        return {
            "checker": name,
            "title": decision_record.TITLE,
            "questions": [question.as_dict() for question in decision_record.DETAILS],
        }
    if name not in CHECKERS:
        raise InputError("NAME", f"{name!r} is not allowed; allowed values: {', '.join(NAMES)}")
    module = CHECKERS[name]
    return {"checker": name, "title": module.TITLE, "questions": [q.as_dict() for q in module.QUESTIONS]}


def form_to_input(name: str, pairs: list) -> dict:
    """An HTML form's (name, value) pairs as the checker's JSON input (before validation)."""
    if name == decision_record.NAME:
        raise InputError("checker", "the decision record takes JSON, not form pairs")
    if name not in CHECKERS:
        raise InputError("checker", f"{name!r} is not allowed; allowed values: {', '.join(CHECKERS)}")
    return parse_form(CHECKERS[name].QUESTIONS, [(str(k), str(v)) for k, v in pairs])


def handle(request_json: str) -> str:
    """Browser protocol. Request: {"checker": NAME, "input": {...}} or {"checker": NAME, "form": [[k, v], ...]}.
    Response: {"ok": true, "input": {...}, "result": {...}} or {"ok": false, "error": {"field", "message"}}."""
    try:
        request = json.loads(request_json)
        if not isinstance(request, dict) or "checker" not in request:
            raise InputError("request", "must be a JSON object with checker and input or form")
        name = request["checker"]
        payload = form_to_input(name, request["form"]) if "form" in request else request.get("input")
        result = evaluate(name, payload)
        return json.dumps({"ok": True, "input": payload, "result": result}, ensure_ascii=False)
    except InputError as error:
        return json.dumps({"ok": False, "error": {"field": error.field, "message": str(error)}}, ensure_ascii=False)
    except (ValueError, KeyError, TypeError) as error:
        return json.dumps({"ok": False, "error": {"field": "request", "message": f"request: {error}"}}, ensure_ascii=False)


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
