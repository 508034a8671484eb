"""Decision record: a checker's result plus the practitioner's own account, as a document.

The checker is re-run from the answers, so the record shows exactly what the rules said for them.
One outline (`document`) is written out five ways: HTML (shown in the page, and copied as rich text),
plain text (copied, for case systems), Markdown (.md), a Word document (.docx, record_docx.py) and
JSON (.json, the data exactly as typed). Free text is data: it is escaped for each format so that it
shows as typed, and never evaluated.

Every record says what it rests on: the guidance edition and release it followed (release.py) and
the date whose law the checker applied. It points to nothing it does not hold: the actions' pointer
"(see what to record)", which in the page opens the result's list of what to record, is left out.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from dataclasses import dataclass

from . import england_date, record_docx
from .release import DEFAULT_EDITION, GUIDANCE_RELEASE
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

# The partnership's name, as an edition's pages send it with the record. The guidance package checks
# an edition's name against this limit when the edition is built (partnership_config.py).
PARTNERSHIP_MAX_LENGTH = 200

# The outcome in words, for the record and for the page (hooks/checker_form.py embeds them there).
OUTCOME_LABELS = {
    "share": "Share",
    "do_not_share": "Do not share",
    "seek_advice": "Seek advice",
    "incomplete": "Not finished",
    "proportionate": "Proportionate",
    "review": "Review before sharing",
    "not_proportionate": "Not proportionate as planned",
}

DISCLAIMER = (
    "This checker supports your professional judgement; it is not legal advice. "
    "Keep this record in line with your organisation's procedures."
)

# Characters that change how the text around them is shown without being seen themselves: the
# direction controls ("Alex \u202eLSD\u202c" shows as "Alex DSL") and the other control characters. In
# every output a person reads they are shown as [U+202E]; the .json keeps them, written as \u202e.
_UNSEEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(line: str) -> str:
    """One line of text with every unseen control character shown as [U+XXXX]."""
    return _UNSEEN.sub(lambda match: f"[U+{ord(match.group()):04X}]", line)


def shown_lines(text: str) -> list[str]:
    """Text as the record shows it: each kind of line break (\\n, \\r, \\u2028 and the rest) a line,
    unseen control characters made visible; nothing else changes."""
    return [visible(line) for line in text.splitlines() or [""]]


# Markdown: escaped so that any renderer (CommonMark, GitHub, Python-Markdown with this site's
# extensions) shows the text as typed. Backslash escapes only for the characters every renderer
# accepts them for; numeric character references for the rest.
_ANYWHERE = {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "{": "\\{",
             "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;", "^": "&#94;", "$": "&#36;",
             "\t": "&#9;"}  # a tab: Python-Markdown turns it into spaces
_LINE_START = {"#": "\\#", "-": "\\-", "+": "\\+", "!": "\\!", "=": "&#61;", "?": "&#63;", ":": "&#58;"}
_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_ORDERED = re.compile(r"^(\d+)([.)])")
_EMOJI = re.compile(r"(?<!\w):(?=[\w+-])")  # ":smile:" would become an emoji on GitHub
_DOUBLE_EQUALS = re.compile(r"=(?==)|(?<==)=")  # "==mark==" in renderers with highlighting


def _spaces(run: str) -> str:
    return "".join("&#9;" if char == "\t" else "&#32;" for char in run)


def _markdown_line(line: str) -> str:
    """One line: spaces and tabs at either end as character references (four leading spaces would
    make a code block, two trailing a line break), markup characters escaped."""
    rest = line.lstrip(" \t")
    body = rest.rstrip(" \t")
    lead, trail = line[: len(line) - len(rest)], rest[len(body):]
    text = _ENTITY.sub("&amp;", body)
    text = "".join(_ANYWHERE.get(c, c) for c in text)
    text = _EMOJI.sub("&#58;", text)
    text = _DOUBLE_EQUALS.sub("&#61;", text)
    ordered = _ORDERED.match(text)
    if ordered:
        text = f"{ordered.group(1)}\\{ordered.group(2)}{text[ordered.end():]}"
    elif text and text[0] in _LINE_START:
        text = _LINE_START[text[0]] + text[1:]
    return _spaces(lead) + text + _spaces(trail)


def escape_text(text: str) -> str:
    """Text as Markdown that every renderer shows as typed: never markup, each line break kept
    (as a hard line break), nothing that could start a list, heading, quote, code block or table."""
    lines = [_markdown_line(line) for line in shown_lines(text)]
    return "  \n".join(line or "&#32;" for line in lines)


def escape_html(text: str) -> str:
    """Text as HTML: each line break a <br>, every character shown as typed."""
    return "<br>".join(html.escape(line, quote=False) for line in shown_lines(text))


def escape_json(value: object) -> str:
    """JSON with <, > and & written as unicode escapes (safe inside an HTML page), and unseen control
    characters as \\u escapes (seen in any text editor): the same data, exactly as typed."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return _UNSEEN.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


REQUEST_FIELDS = ("checker", "answers", "details", "partnership", "edition")


def validate_request(payload: object, checkers: dict) -> dict:
    """Validate {checker, answers, details, partnership?, edition?}; `checkers` maps names to checker
    modules. `edition` is the name of the guidance edition the record was made with (the site's name);
    without it, the partnership's name, else the unbranded guidance's."""
    if not isinstance(payload, dict):
        raise InputError("input", "must be a JSON object with fields " + ", ".join(REQUEST_FIELDS))
    for key in sorted(payload):
        if key not in REQUEST_FIELDS:
            raise InputError(str(key), "is not a known field; allowed fields: " + ", ".join(REQUEST_FIELDS))
    name = payload.get("checker")
    if not isinstance(name, str) or name not in checkers:
        raise InputError("checker", f"{quote(name)} is not allowed; allowed values: {', '.join(checkers)}")
    if "answers" not in payload:
        raise InputError("answers", "is missing; give the answers you gave the checker, as a JSON object")
    answers = validate(checkers[name].QUESTIONS, payload["answers"], prefix="answers.")
    details = validate(DETAILS, payload.get("details", None) if "details" in payload else {}, prefix="details.")
    named = {}
    for key in ("partnership", "edition"):
        value = payload.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > PARTNERSHIP_MAX_LENGTH):
            raise InputError(key, f"must be text of up to {PARTNERSHIP_MAX_LENGTH} characters")
        named[key] = value
    return {"checker": name, "answers": answers, "details": details, **named}


# The checkers' actions point to the result's own "What to record" part; the record is that record,
# and has no such part: the pointer is left out.
_SEE_WHAT_TO_RECORD = re.compile(r"\s*\(see what to record\)", re.IGNORECASE)


def _own_words(action: str) -> str:
    return _SEE_WHAT_TO_RECORD.sub("", action)


def _text(item: object) -> str:
    """An action or warning as text (a string, or an object with an id and its text)."""
    return item["text"] if isinstance(item, dict) else item


def _reference(item: dict) -> dict:
    reference = {"citation": item["citation"], "title": item["title"], "url": item["url"]}
    reference.update({key: item[key] for key in ("status", "status_text") if item.get(key)})
    return reference


def build(request: dict, checker_module, on: dt.date | None = None) -> dict:
    """The record for a validated request (see validate_request)."""
    on = on or england_date.today()
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
        # What the record rests on: the guidance it followed and the day whose law the checker applied.
        "guidance": {
            "edition": request.get("edition") or request["partnership"] or DEFAULT_EDITION,
            "release": GUIDANCE_RELEASE,
            "law_applied_on": result.get("evaluated_on", on.isoformat()),
        },
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
        "references": [_reference(item) for item in result["references"]],
        "actions": [_own_words(_text(item)) for item in result["actions"]],
        "judgements": [item["text"] for item in result.get("judgements", [])],
        "warnings": [_text(item) for item in result["warnings"]],
        "ask": result["ask"],
    }
    blocks = document(record)
    return {
        "checker": NAME,
        "outcome": result["outcome"],
        "record": record,
        "markdown": to_markdown(blocks),
        "json": escape_json(record),
        "text": to_text(blocks),
        "html": to_html(blocks),
        # The Word document, as base64 (JSON holds no bytes); record_docx.MEDIA_TYPE is its type.
        "docx": base64.b64encode(to_docx(blocks, record)).decode("ascii"),
    }


# The record as a document: one outline, written out as Markdown, plain text and HTML. ------------

@dataclass(frozen=True)
class Block:
    kind: str  # title, meta, heading, field, paragraph, list
    text: str = ""
    label: str = ""
    field: str = ""  # a detail's id: the practitioner's own words
    items: tuple[tuple[str, str, str], ...] = ()  # (text, answer shown after it or "", url or "")
    ordered: bool = False


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def document(record: dict) -> list[Block]:
    details = record["details"]
    labels = {question.id: question.label for question in DETAILS}
    checker = record["checker"]
    blocks = [Block("title", record["title"])]
    if record["partnership"]:
        blocks.append(Block("meta", record["partnership"], "Partnership"))
    guidance = record["guidance"]
    blocks += [
        Block("meta", long_date(record["generated_on"]), "Record made"),
        Block("meta", f"{checker['title']} (result: {checker['outcome_label']})", "Checker used"),
        Block("meta", f"{guidance['edition']}, release {guidance['release']}", "Guidance followed"),
        Block("meta", f"as it stood on {long_date(guidance['law_applied_on'])}", "Law applied"),
        Block("heading", "Decision"),
        Block("paragraph", _sentence(record["decision"]["label"]), "strong"),
        Block("field", details["reasons"], labels["reasons"], "reasons"),
        Block("heading", "Details"),
    ]
    for key in ("what", "with_whom", "why", "when", "by_whom", "consulted"):
        if key in details:
            blocks.append(Block("field", details[key], labels[key], key))
    blocks += [
        Block("heading", "Answers given to the checker"),
        Block("list", items=tuple((item["question"], item["answer_label"], "") for item in record["answers"])),
        Block("heading", "What the checker said"),
        Block("paragraph", checker["summary"]),
    ]
    if record["actions"]:
        blocks.append(Block("list", label="What to do", items=tuple((a, "", "") for a in record["actions"]), ordered=True))
    if record["judgements"]:
        blocks.append(Block("list", label="Judgements for you to make and record", items=tuple((j, "", "") for j in record["judgements"])))
    if record["warnings"]:
        blocks.append(Block("list", label="Take care", items=tuple((w, "", "") for w in record["warnings"])))
    who = tuple((_sentence(f"{a['label'][:1].upper()}{a['label'][1:]}: {a['why']}"), "", "") for a in record["ask"])
    blocks.append(Block("list", label="Who to ask", items=who))
    blocks.append(Block("heading", "References relied on"))
    references = []
    for item in record["references"]:
        text = f"{item['citation']}: {item['title']}"
        if item.get("status_text"):
            status = item["status_text"]
            text = f"{text}. {_sentence(status[:1].upper() + status[1:])}"
        references.append((text, "", item["url"]))
    blocks.append(Block("list", items=tuple(references)))
    blocks.append(Block("paragraph", DISCLAIMER))
    return blocks


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    meta: list[str] = []
    for block in blocks:
        if block.kind != "meta" and meta:
            out.append("  \n".join(meta))
            meta = []
        if block.kind == "title":
            out.append(f"# {escape_text(block.text)}")
        elif block.kind == "meta":
            meta.append(f"**{escape_text(block.label)}:** {escape_text(block.text)}")
        elif block.kind == "heading":
            out.append(f"## {escape_text(block.text)}")
        elif block.kind == "field":
            out.append(f"**{escape_text(block.label)}**  \n{escape_text(block.text)}")
        elif block.kind == "paragraph":
            text = escape_text(block.text)
            out.append(f"**{text}**" if block.label == "strong" else text)
        else:  # a list
            if block.label:
                out.append(f"**{escape_text(block.label)}**")
            out.append("\n".join(
                f"{f'{number}.' if block.ordered else '-'} {escape_text(text)}"
                + (f" **{escape_text(answer)}**" if answer else "") + (f" <{url}>" if url else "")
                for number, (text, answer, url) in enumerate(block.items, start=1)))
    return "\n\n".join(out) + "\n"


def to_text(blocks: list[Block]) -> str:
    """Plain text to paste into a case system: no markup, the typed words exactly as shown."""
    out: list[str] = []
    for block in blocks:
        if block.kind in ("title", "heading") and out and out[-1] != "":
            out.append("")
        if block.kind in ("title", "heading"):
            out.append(visible(block.text))
        elif block.kind == "meta":
            out.append(f"{block.label}: {visible(block.text)}")
        elif block.kind == "field":
            out += [block.label, *shown_lines(block.text), ""]
        elif block.kind == "paragraph":
            out += [*shown_lines(block.text), ""]
        else:  # a list
            if block.label:
                out.append(block.label + ":")
            for number, (text, answer, url) in enumerate(block.items, start=1):
                out.append(f"{f'{number}.' if block.ordered else '-'} {visible(text)}")
                out += [f"  {line}" for line in (answer, url) if line]
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def to_html(blocks: list[Block]) -> str:
    """HTML that pastes formatted into a word processor, email or case system, and that the page shows
    as the record. Headings start at level 3: the page's own headings come above it."""
    out = ['<article class="decision-record">']
    meta: list[str] = []
    for block in blocks:
        if block.kind != "meta" and meta:
            out.append('<p class="decision-record__meta">' + "<br>".join(meta) + "</p>")
            meta = []
        if block.kind == "title":
            out.append(f"<h3>{escape_html(block.text)}</h3>")
        elif block.kind == "meta":
            meta.append(f"<strong>{escape_html(block.label)}:</strong> {escape_html(block.text)}")
        elif block.kind == "heading":
            out.append(f"<h4>{escape_html(block.text)}</h4>")
        elif block.kind == "field":
            out.append(f'<p class="decision-record__field"><strong>{escape_html(block.label)}</strong><br>'
                       f'<bdi data-field="{block.field}">{escape_html(block.text)}</bdi></p>')
        elif block.kind == "paragraph":
            text = escape_html(block.text)
            out.append(f"<p><strong>{text}</strong></p>" if block.label == "strong" else f"<p>{text}</p>")
        else:  # a list
            if block.label:
                out.append(f"<p><strong>{escape_html(block.label)}</strong></p>")
            tag = "ol" if block.ordered else "ul"
            items = "".join(
                f"<li>{escape_html(text)}" + (f" <strong>{escape_html(answer)}</strong>" if answer else "")
                + (f' <a href="{html.escape(url)}">{escape_html(url)}</a>' if url else "") + "</li>"
                for text, answer, url in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
    out.append("</article>")
    return "\n".join(out)


def to_docx(blocks: list[Block], record: dict) -> bytes:
    """The record as a Word document: the title, the headings as Word headings, each field's label in
    bold above the practitioner's text as typed, lists as Word lists (record_docx.py)."""
    body: list[str] = []
    run, paragraph = record_docx.run, record_docx.paragraph
    for block in blocks:
        if block.kind == "title":
            body.append(paragraph([run([visible(block.text)])], "Title"))
        elif block.kind == "meta":
            body.append(paragraph([run([f"{block.label}: "], bold=True), run([visible(block.text)])]))
        elif block.kind == "heading":
            body.append(paragraph([run([visible(block.text)])], "Heading1"))
        elif block.kind == "field":
            body.append(paragraph([run([block.label], bold=True)], keep_with_next=True))
            body.append(paragraph([run(shown_lines(block.text))]))
        elif block.kind == "paragraph":
            body.append(paragraph([run(shown_lines(block.text), bold=block.label == "strong")]))
        else:  # a list
            if block.label:
                body.append(paragraph([run([block.label], bold=True)], keep_with_next=True))
            numbering = record_docx.NUMBERS if block.ordered else record_docx.BULLETS
            for text, answer, url in block.items:
                runs = [run([visible(text)])]
                runs += [run(["", visible(answer)], bold=True)] if answer else []
                runs += [run(["", url])] if url else []
                body.append(paragraph(runs, "ListParagraph", numbering))
    return record_docx.package(body, record["title"], record["generated_on"])
