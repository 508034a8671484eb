"""Render a checker as an HTML form, at build time, from the checkers' own question schema.

The form is the whole checker without JavaScript: the same questions, help and guidance links, to
use as a printable checklist. With JavaScript and WebAssembly, assets/javascripts/checkers.mjs
evaluates it in a Web Worker and fills the result region (checker-results.mjs). Controls are named
exactly as the command line's JSON fields: radio buttons carry the enum ids, booleans `true`/`false`,
and the multiple choice `data` is a set of checkboxes.

What only the script uses, or repeats the questions, is left out of the site's search
(`data-search-exclude`). Also rendered here, for the script to use without typing anything twice: the outcomes' words
(decision_record.OUTCOME_LABELS, as JSON data), their icons (checker_icons.py), and, in a
partnership's edition, its contacts for "Who to ask" (from `extra.partnership`, as <template>s). The
key questions checker ends with its flowchart (flow_diagram.py).
"""

from __future__ import annotations

from html import escape

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from checkers import api, decision_record, key_questions

from . import checker_icons, flow_diagram, partnership_config

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
        if name == key_questions.NAME and question["id"] in key_questions.FLOW:
            notes.append(escape(flow_diagram.flow_note(question["id"], choice["id"], numbers)))
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
    """The decision record: the practitioner's own account, added to a result. Hidden until the
    checker gives a result; the record, once made, is shown as a formatted document."""
    rid = _id(name, "record")
    parts = [
        f'<section class="checker__record" aria-labelledby="{rid}-heading" data-checker-record data-search-exclude hidden>',
        f'<h2 id="{rid}-heading" data-search-exclude>Record your decision</h2>',
        '<p>Whether or not you share, record your decision and reasons. This record is made on your '
        "device and is not saved or sent anywhere: copy it, print it or download it before you leave "
        "this page, or it is lost.</p>",
        '<div class="checker__problems" data-record-problems tabindex="-1" hidden></div>',
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
        '<div class="checker__buttons">',
        '<button type="submit" class="md-button md-button--primary" data-record-make>Make the record</button>',
        "</div>",
        "</form>",
        f'<div class="checker__record-output" data-record-output tabindex="-1" aria-labelledby="{rid}-output-heading" hidden>',
        f'<h3 class="checker__record-ready" id="{rid}-output-heading" data-search-exclude>Your record is ready</h3>',
        "<p>Copy it into your case system (it pastes formatted into Word, Outlook and most case systems, "
        "or as plain text where formatting is not kept), print it, or download it: as a Word document, as "
        "text for a case system, or as data for a records system. Each names the guidance release it "
        "followed and the date of the law it applied.</p>",
        '<div class="checker__buttons">',
        '<button type="button" class="md-button md-button--primary" data-record-copy>Copy the record</button>',
        '<button type="button" class="md-button" data-record-print>Print or save as PDF</button>',
        '<button type="button" class="md-button" data-record-download="docx">Download for Word (.docx)</button>',
        '<button type="button" class="md-button" data-record-download="md">Download as text for your case system (.md)</button>',
        '<button type="button" class="md-button" data-record-download="json">Download data (.json) for your records system</button>',
        "</div>",
        '<p class="checker__record-status" role="status" data-record-status></p>',
        '<div class="checker__record-document" data-record-text></div>',
        "</div>",
        "</section>",
    ]
    return "".join(parts)


# Who to ask: the advisers the checkers name (checkers/advice.py), each to the partnership's contact.
ADVISER_CONTACTS = {
    "designated_safeguarding_lead": "designated_safeguarding_leads",
    "data_protection_officer": "data_protection_officer",
    "caldicott_guardian": "caldicott_guardian",
}
FRONT_DOOR = "childrens_social_care"


def _contact_html(key: str, partnership: dict | None, contacts_url: str) -> str:
    """A contact as HTML, from `extra.partnership` (or, unbranded, how to find it): its name, linked to
    the Local contacts page (which has its hours, its other ways in and its notes), and one way to reach
    it: the phone, or else the email, or else the web address. Brief, so that a result with its
    contacts still fits one phone screen."""
    kind = partnership_config.contact_kind(key)
    page = f'{contacts_url}#{partnership_config.anchor(key)}'
    if not partnership:
        return f'<a href="{escape(page)}">{escape(kind.generic)}</a>'
    contact = partnership["contacts"][key]
    parts = [f'<a href="{escape(page)}">{escape(contact["name"])}</a>']
    if contact.get("phone"):
        digits = "".join(c for c in contact["phone"] if c.isdigit() or c == "+")
        parts.append(f': <a href="tel:{escape(digits)}">{escape(contact["phone"])}</a>')
    elif contact.get("email"):
        parts.append(f': <a href="mailto:{escape(contact["email"])}">{escape(contact["email"])}</a>')
    elif contact.get("url"):
        parts.append(f': <a href="{escape(contact["url"])}">{escape(contact["url"])}</a>')
    parts.append(".")
    return "".join(parts)


def _contacts(partnership: dict | None, page, files) -> str:
    """<template>s the results' "Who to ask" fills in: the local contact for each adviser (in a
    partnership's edition) and the children's social care front door (in every edition)."""
    target = files.get_file_from_path(partnership_config.CONTACTS_PAGE)
    contacts_url = get_relative_url(target.url, page.url) if target is not None else ""
    templates = []
    if partnership:
        for adviser, key in ADVISER_CONTACTS.items():
            templates.append(f'<template data-contact="{adviser}" data-search-exclude>{_contact_html(key, partnership, contacts_url)}</template>')
    templates.append(f'<template data-contact="{FRONT_DOOR}" data-search-exclude>{_contact_html(FRONT_DOOR, partnership, contacts_url)}</template>')
    return "".join(templates)


def _words() -> str:
    """What the script shows for each outcome, from the one list the decision record also uses."""
    return decision_record.escape_json({"outcomes": decision_record.OUTCOME_LABELS})


def render_checker(name: str, page, config, files) -> str:
    if name not in EMBEDDABLE:
        raise PluginError(
            f"{page.file.src_uri}: unknown checker {name!r} in md:checker; known: {', '.join(EMBEDDABLE)}"
        )
    schema = api.questions(name)
    questions = schema["questions"]
    numbers = {question["id"]: number for number, question in enumerate(questions, start=1)}
    partnership = (config.extra.get("partnership") or {}).get("name", "")
    edition = config.site_name or partnership
    runtime = config.extra["checker_runtime"]
    runtime_url = get_relative_url(runtime["path"], page.url)
    form_id = _id(name, "form")
    parts = [
        f'<div class="checker" data-checker="{name}" data-checker-state="idle" data-partnership="{escape(partnership)}" '
        f'data-edition="{escape(edition)}" '
        f'data-runtime="{escape(runtime_url.rstrip("/"))}/" data-wheel="{escape(runtime["wheel"])}">',
        checker_icons.sprite(name),
        f'<script type="application/json" data-checker-words>{_words()}</script>',
        _contacts(config.extra.get("partnership") or None, page, files),
        f'<p class="checker__status" role="status" data-checker-status data-search-exclude>{escape(UNAVAILABLE_TEXT)}</p>',
        '<div class="checker__problems" data-checker-problems tabindex="-1" hidden></div>',
        f'<form class="checker__form" id="{form_id}" data-checker-form aria-label="{escape(schema["title"])}">',
    ]
    if name == key_questions.NAME:
        # Said only where it is true: once the checker runs (assets/javascripts/checkers.mjs shows it).
        parts.append('<p class="checker__flow-note" data-checker-live-only hidden>Answer each question as it appears. '
                     "When your answers reach a decision, the page moves to it.</p>")
    parts += [_question(name, numbers[q["id"]], q, page, files, numbers) for q in questions]
    parts += [
        '<div class="checker__buttons">',
        '<button type="submit" class="md-button md-button--primary" data-checker-submit hidden>Check my answers</button>',
        '<button type="button" class="md-button" data-record-clear hidden>Clear everything</button>',
        "</div>",
        "</form>",
        '<p class="checker__announcement" role="status" data-result-announcement></p>',
        '<div class="checker__result" data-checker-result tabindex="-1" hidden></div>',
        _record_form(name),
    ]
    if name == key_questions.NAME:
        parts.append(flow_diagram.figure(name))
    parts.append("</div>")
    return "\n".join(parts)
