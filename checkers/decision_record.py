"""Decision record: a checker's result plus the practitioner's own account, as Markdown and JSON.

The checker is re-run from the answers, so the record shows exactly what the rules said for them.
Free text is data: it is escaped for HTML (and for Markdown, so that it renders as typed), and it is
never evaluated.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

from .schema import Choice, InputError, Kind, Question, quote, validate

NAME = "decision-record"
TITLE = "Information sharing decision record"

DETAILS: tuple[Question, ...] = (
    Question("what", "What information did you share, or decide not to share?", Kind.TEXT),
    Question("with_whom", "With whom (name, role and organisation)?", Kind.TEXT),
    Question("why", "Why (the purpose and the concern)?", Kind.TEXT),
    Question("when", "When (date and time)?", Kind.TEXT, max_length=200),
    Question("by_whom", "By whom (your name and role)?", Kind.TEXT, max_length=400),
    Question(
        "decision",
        "What did you decide?",
        Kind.CHOICE,
        choices=(
            Choice("shared", "I shared the information"),
            Choice("not_shared", "I decided not to share"),
            Choice("seeking_advice", "I am seeking advice before deciding"),
        ),
    ),
    Question("reasons", "Your reasons", Kind.TEXT),
    Question("consulted", "Who did you consult (for example your DSL or DPO)?", Kind.TEXT, required=False, max_length=1000),
)

OUTCOME_LABELS = {
    "share": "Share",
    "do_not_share": "Do not share",
    "seek_advice": "Seek advice",
    "incomplete": "Not finished",
    "proportionate": "Proportionate",
    "review": "Review before sharing",
    "not_proportionate": "Not proportionate as planned",
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_LINE_START = re.compile(r"^(\s*)([-=]|\d+(?=[.)]))")


def escape_text(text: str) -> str:
    """Free text made safe to place in Markdown or HTML: it renders as typed, never as markup.

    Every kind of line break (\\r, \\u2028 and the rest) is a line here, so no line can start a
    list, heading or quote; each is escaped for HTML and for Markdown on its own."""
    lines = []
    for line in text.splitlines() or [""]:
        escaped = html.escape(line, quote=False)
        escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
        escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
        lines.append(escaped.rstrip())
    return "  \n".join(lines)


def escape_json(value: object) -> str:
    """JSON with <, > and & written as unicode escapes: the same data, safe inside an HTML page."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def validate_request(payload: object, checkers: dict) -> dict:
    """Validate {checker, answers, details, partnership?}; `checkers` maps names to checker modules."""
    if not isinstance(payload, dict):
        raise InputError("input", "must be a JSON object with fields checker, answers, details, partnership")
    for key in sorted(payload):
        if key not in ("checker", "answers", "details", "partnership"):
            raise InputError(str(key), "is not a known field; allowed fields: checker, answers, details, partnership")
    name = payload.get("checker")
    if not isinstance(name, str) or name not in checkers:
        raise InputError("checker", f"{quote(name)} is not allowed; allowed values: {', '.join(checkers)}")
    if "answers" not in payload:
        raise InputError("answers", "is missing; give the answers you gave the checker, as a JSON object")
    answers = validate(checkers[name].QUESTIONS, payload["answers"], prefix="answers.")
    details = validate(DETAILS, payload.get("details", None) if "details" in payload else {}, prefix="details.")
    partnership = payload.get("partnership")
    if partnership is not None and (not isinstance(partnership, str) or len(partnership) > 200):
        raise InputError("partnership", "must be text of up to 200 characters")
    return {"checker": name, "answers": answers, "details": details, "partnership": partnership}


def build(request: dict, checker_module, on: dt.date | None = None) -> dict:
    """The record for a validated request (see validate_request)."""
    on = on or dt.date.today()
    result = checker_module.evaluate(request["answers"], on)
    questions = {question.id: question for question in checker_module.QUESTIONS}
    answers = [
        {
            "id": key,
            "question": questions[key].label,
            "answer": value,
            "answer_label": questions[key].label_for(value),
        }
        for key, value in request["answers"].items()
    ]
    details = request["details"]
    decision_question = next(q for q in DETAILS if q.id == "decision")
    record = {
        "title": TITLE,
        "partnership": request["partnership"],
        "generated_on": on.isoformat(),
        "checker": {
            "name": checker_module.NAME,
            "title": checker_module.TITLE,
            "outcome": result["outcome"],
            "outcome_label": OUTCOME_LABELS.get(result["outcome"], result["outcome"]),
            "summary": result["summary"],
        },
        "decision": {"id": details["decision"], "label": decision_question.label_for(details["decision"])},
        "details": {key: details[key] for key in details if key != "decision"},
        "answers": answers,
        "references": [
            {"citation": item["citation"], "title": item["title"], "url": item["url"]} for item in result["references"]
        ],
        "actions": result["actions"],
        "warnings": result["warnings"],
        "ask": result["ask"],
    }
    return {
        "checker": NAME,
        "outcome": result["outcome"],
        "record": record,
        "markdown": to_markdown(record),
        "json": escape_json(record),
    }


def to_markdown(record: dict) -> str:
    details = record["details"]
    labels = {question.id: question.label for question in DETAILS}
    lines = [f"# {record['title']}", ""]
    if record["partnership"]:
        lines.append(f"**Partnership:** {escape_text(record['partnership'])}  ")
    lines += [
        f"**Record made:** {record['generated_on']}  ",
        f"**Checker used:** {record['checker']['title']} (result: {record['checker']['outcome_label']})",
        "",
        "## Decision",
        "",
        f"**{record['decision']['label']}.**",
        "",
        f"**Reasons:** {escape_text(details['reasons'])}",
        "",
        "## Details",
        "",
    ]
    for key in ("what", "with_whom", "why", "when", "by_whom", "consulted"):
        if key in details:
            lines.append(f"- **{labels[key]}** {escape_text(details[key])}")
    lines += ["", "## Answers given to the checker", ""]
    lines += [f"- {item['question']} **{item['answer_label']}**" for item in record["answers"]]
    lines += ["", "## What the checker said", "", record["checker"]["summary"], ""]
    if record["actions"]:
        lines += ["### Actions", ""] + [f"- {action}" for action in record["actions"]] + [""]
    if record["warnings"]:
        lines += ["### Warnings", ""] + [f"- {warning}" for warning in record["warnings"]] + [""]
    lines += ["### Who to ask", ""] + [f"- {item['label']}: {item['why']}" for item in record["ask"]] + [""]
    lines += ["## References relied on", ""]
    lines += [f"- {item['citation']}: {item['title']} <{item['url']}>" for item in record["references"]]
    lines += [
        "",
        "---",
        "",
        "This checker supports your professional judgement; it is not legal advice. "
        "Keep this record in line with your organisation's procedures.",
        "",
    ]
    return "\n".join(lines)
