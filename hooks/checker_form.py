"""Render a checker as an HTML form, at build time, from the checkers' own question schema.

The form is the whole checker without JavaScript: the same questions, help and guidance links, to
use as a printable checklist. With JavaScript and WebAssembly, assets/javascripts/checkers.js
evaluates it in a Web Worker and fills the result region. Controls are named exactly as the
command line's JSON fields: radio buttons carry the enum ids, booleans `true`/`false`, and the
multiple choice `data` is a set of checkboxes.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from checkers import api, decision_record, key_questions  # noqa: E402

EMBEDDABLE = tuple(api.CHECKERS)  # lawful-basis, proportionality, key-questions

UNAVAILABLE_TEXT = (
    "The automatic assessment needs JavaScript and WebAssembly, which this browser is not running. "
    "You can still use the questions below as a checklist: answer each one, follow the guidance links, "
    "and print the page to keep with your record."
)


def _guidance_link(guidance: str, page, files) -> tuple[str, str]:
    """The URL from this page to one of our guidance pages ('lawful-bases.md#consent'), and its title."""
    path, _, anchor = guidance.partition("#")
    target = files.get_file_from_path(path)
    if target is None:
        raise PluginError(f"{page.file.src_uri}: checker guidance link to missing page {path!r}")
    url = get_relative_url(target.url, page.url)
    title = target.page.title if target.page is not None and target.page.title else path
    return (f"{url}#{anchor}" if anchor else url), title


def _id(*parts: str) -> str:
    return "-".join(part.replace("_", "-") for part in parts)


def _flow_note(question_id: str, choice_id: str, numbers: dict[str, int]) -> str:
    """Key questions only: where an answer leads, so the paper checklist can be followed."""
    return _step_note(key_questions.FLOW[question_id][choice_id], numbers)


def _step_note(step, numbers: dict[str, int]) -> str:
    if isinstance(step, key_questions.Fork):
        question = key_questions.BY_ID[step.question]
        answer = question.label_for_choice(step.answer)
        return (
            f"If you answered '{answer}' to question {numbers[step.question]}: {_step_note(step.then, numbers)} "
            f"Otherwise: {_step_note(step.otherwise, numbers)}"
        )
    if isinstance(step, str):
        return f"Go to question {numbers[step]}."
    label = decision_record.OUTCOME_LABELS[step.outcome]
    return f"{label}: {step.reason}"


def _question(name: str, number: int, question: dict, page, files, numbers: dict[str, int]) -> str:
    qid = _id(name, question["id"])
    help_id = f"{qid}-help"
    kind = question["kind"]
    input_type = "checkbox" if kind == "multi" else "radio"
    required = " required" if question["required"] and kind != "multi" else ""
    described = f' aria-describedby="{help_id}"' if question["help"] else ""
    required_attr = ' data-required="true"' if question["required"] else ""
    parts = [
        f'<fieldset class="checker__question" id="{qid}" data-question="{escape(question["id"])}"{required_attr}{described}>',
        f'<legend><span class="checker__number">{number}.</span> {escape(question["label"])}</legend>',
    ]
    if question["help"]:
        parts.append(f'<p class="checker__help" id="{help_id}">{escape(question["help"])}</p>')
    parts.append('<div class="checker__choices">')
    for choice in question["choices"]:
        cid = _id(name, question["id"], choice["id"])
        notes = []
        if choice["help"]:
            notes.append(escape(choice["help"]))
        if name == key_questions.NAME:
            notes.append(escape(_flow_note(question["id"], choice["id"], numbers)))
        note_id = f"{cid}-note"
        note_attr = f' aria-describedby="{note_id}"' if notes else ""
        parts.append(
            f'<div class="checker__choice"><input type="{input_type}" id="{cid}" '
            f'name="{escape(question["id"])}" value="{escape(choice["id"])}"{required}{note_attr}>'
            f'<label for="{cid}">{escape(choice["label"])}</label>'
            + (f'<span class="checker__choice-help" id="{note_id}">{" ".join(notes)}</span>' if notes else "")
            + "</div>"
        )
    parts.append("</div>")
    if question["guidance"]:
        url, title = _guidance_link(question["guidance"], page, files)
        parts.append(f'<p class="checker__guidance">More about this: <a href="{escape(url)}">{escape(title)}</a></p>')
    parts.append("</fieldset>")
    return "".join(parts)


def _record_form(name: str) -> str:
    """The decision record: the practitioner's own account, added to a result."""
    rid = _id(name, "record")
    parts = [
        f'<section class="checker__record" aria-labelledby="{rid}-heading" data-checker-record>',
        f'<h2 id="{rid}-heading">Record your decision</h2>',
        '<p>Whether or not you share, record your decision and reasons. This record is made on your '
        "device and is not saved or sent anywhere: copy it, download it or print it before you leave "
        "this page, or it is lost.</p>",
        f'<form class="checker__record-form" data-record-form aria-labelledby="{rid}-heading">',
    ]
    for question in decision_record.DETAILS:
        qid = _id(name, "record", question.id)
        if question.kind.value == "choice":
            parts.append(f'<fieldset class="checker__question" id="{qid}"><legend>{escape(question.label)}</legend><div class="checker__choices">')
            for choice in question.choices:
                cid = _id(name, "record", question.id, choice.id)
                parts.append(
                    f'<div class="checker__choice"><input type="radio" id="{cid}" name="{question.id}" '
                    f'value="{choice.id}" required><label for="{cid}">{escape(choice.label)}</label></div>'
                )
            parts.append("</div></fieldset>")
            continue
        optional = "" if question.required else " (optional)"
        required = " required" if question.required else ""
        multiline = question.max_length > 400
        field = (
            f'<textarea id="{qid}" name="{question.id}" rows="3" maxlength="{question.max_length}"{required}></textarea>'
            if multiline
            else f'<input type="text" id="{qid}" name="{question.id}" maxlength="{question.max_length}"{required}>'
        )
        parts.append(
            f'<div class="checker__text"><label for="{qid}">{escape(question.label)}{optional}</label>{field}</div>'
        )
    parts += [
        '<div class="checker__problems" data-record-problems tabindex="-1" hidden></div>',
        '<div class="checker__buttons">',
        '<button type="submit" class="md-button md-button--primary" data-record-make hidden>Make the record</button>',
        '<button type="button" class="md-button" data-record-clear hidden>Clear everything</button>',
        "</div>",
        "</form>",
        '<div class="checker__record-output" data-record-output tabindex="-1" hidden>',
        f'<h3 id="{rid}-output-heading">Your record</h3>',
        # The record scrolls within its box when long: focusable, and named, so it can be scrolled by keyboard.
        f'<pre class="checker__record-text" data-record-text tabindex="0" role="region" aria-labelledby="{rid}-output-heading"></pre>',
        '<div class="checker__buttons">',
        '<button type="button" class="md-button" data-record-copy>Copy</button>',
        '<button type="button" class="md-button" data-record-download="md">Download (.md)</button>',
        '<button type="button" class="md-button" data-record-download="json">Download (.json)</button>',
        '<button type="button" class="md-button" data-record-print>Print the record</button>',
        "</div>",
        '<p class="checker__record-status" role="status" data-record-status></p>',
        "</div>",
        "</section>",
    ]
    return "".join(parts)


def render_checker(name: str, page, config, files) -> str:
    if name not in EMBEDDABLE:
        raise PluginError(
            f"{page.file.src_uri}: unknown checker {name!r} in md:checker; known: {', '.join(EMBEDDABLE)}"
        )
    schema = api.questions(name)
    questions = schema["questions"]
    numbers = {question["id"]: number for number, question in enumerate(questions, start=1)}
    partnership = (config.extra.get("partnership") or {}).get("name", "")
    runtime = config.extra["checker_runtime"]
    runtime_url = get_relative_url(runtime["path"], page.url)
    form_id = _id(name, "form")
    parts = [
        f'<div class="checker" data-checker="{name}" data-checker-state="idle" data-partnership="{escape(partnership)}" '
        f'data-runtime="{escape(runtime_url.rstrip("/"))}/" data-wheel="{escape(runtime["wheel"])}">',
        f'<p class="checker__status" role="status" data-checker-status>{escape(UNAVAILABLE_TEXT)}</p>',
        f'<form class="checker__form" id="{form_id}" data-checker-form aria-label="{escape(schema["title"])}">',
    ]
    parts += [_question(name, numbers[q["id"]], q, page, files, numbers) for q in questions]
    parts += [
        '<div class="checker__buttons">',
        '<button type="submit" class="md-button md-button--primary" data-checker-submit hidden>Check my answers</button>',
        "</div>",
        "</form>",
        '<div class="checker__result" data-checker-result aria-live="polite" tabindex="-1" hidden></div>',
        _record_form(name),
        "</div>",
    ]
    return "\n".join(parts)
