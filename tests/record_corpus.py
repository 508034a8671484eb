"""Ordinary and hostile text for the decision record's fidelity tests, and how to read each output back.

The decision record promises that the practitioner's own words come out exactly as typed, in every
output: on screen, copied as plain text, in the .md (rendered by any Markdown renderer; here
Python-Markdown with this site's own extensions) and in the .json. The strings below are what a
practitioner types (names, dates, numbered notes, ampersands, "<3 months") and what a hostile or
unlucky paste brings (markup of every kind the site's Markdown extensions understand, HTML, direction
overrides, control characters, every kind of line break).

Used by tests/test_decision_record.py (CPython) and tests/test_checkers_in_browser.py (Chromium).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import yaml

from checkers import decision_record
from conftest import ROOT

CORPUS: list[str] = [
    # What practitioners write
    "Ordinary text: Sam (14) told me on 3 March that she was scared to go home.",
    "1. Called the DSL",
    "1. Called the DSL\n2. DSL called the front door\n3. Wrote this record",
    "2) Spoke to Mum\n3) Spoke to the GP",
    "Mum & stepdad (both patients)",
    "baby <3 months",
    "Called the DSL at 10:30; she agreed to refer",
    "Mrs O'Brien said \"it's fine\" -- really...",
    "50% of £100 (approx.)",
    "2026-11-30",
    "Mrs Smith's number is 01632 960 123",
    "alex@example.org",
    "Welsh: Ŵ ŷ; Polish: Łódź",
    "Arabic: مرحبا; Hebrew: שלום",
    "emoji 👩‍👧 (joined with a zero-width joiner)",
    "line one\r\nline two\rline three",
    "a\n\nblank line between",
    "  leading and trailing spaces  ",
    "C:\\Users\\alex\\notes.txt",
    "Ends with a backslash \\",
    # Markdown that would restructure the record
    "- bullet one\n+ bullet two\n* bullet three",
    "# Not a heading",
    "#hashtag at the start",
    "Heading\n===",
    "Heading\n---",
    "> quoted words",
    "    four spaces first",
    "\ttab first",
    "Name:\tAlex\tRole:\tDSL",
    "*** \n___\n- - -",
    "**bold** and __bold__",
    "*italic* and _italic_",
    "***bold italic***",
    "\\*not emphasis\\*",
    "1\\. already escaped",
    "`code` and ```fence```",
    "```\nfenced\n```",
    "~~~\nfenced\n~~~",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[link](javascript:alert(1))",
    "![image](https://example.org/x.png)",
    "https://example.org/?a=1&b=2",
    "<https://example.org>",
    "&amp; is not &",
    "&#42; &copy; &nbsp;",
    "~~struck~~ and H~2~O",
    "==highlight== and ^^insert^^",
    "$x$ and $$y$$",
    ":smile: :+1:",
    # This site's Markdown extensions
    "???+ note \"not a box\"",
    "!!! danger \"not an admonition\"",
    ": not a definition",
    "Term\n: definition",
    "*[DSL]: not an abbreviation",
    "[^1]: not a footnote",
    "- [ ] task\n- [x] done",
    "{: #id .class }",
    "--8<-- \"abbreviations.md\"",
    "[TOC]",
    # HTML
    "<script>alert(\"x\")</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- hidden comment -->",
    "<div markdown=\"1\">*x*</div>",
    "a<b>c</b>d",
    # Characters that hide or reorder text
    "Alex \u202eLSD\u202c",
    "\u2066isolated\u2069 and \u200fmark",
    "bell\x07 and escape\x1b",
    "unicode\u2028line separator",
]

# The record's text fields: which are several lines (a <textarea>, where a line break can be typed)
# and how long each may be.
DETAILS = {question.id: question for question in decision_record.DETAILS if question.kind.value == "text"}
MULTILINE = {key for key, question in DETAILS.items() if question.max_length > 400}


def breaks_lines(text: str) -> bool:
    return len(text.splitlines()) > 1 or text.endswith(("\n", "\r"))


def corpus_records(corpus: list[str] = CORPUS) -> list[dict[str, str]]:
    """The corpus spread over as few records as possible: each string in a field that can hold it (a
    string with line breaks only in a multi-line field), every required field filled."""
    records: list[dict[str, str]] = []
    for text in corpus:
        fits = [key for key in DETAILS if (key in MULTILINE or not breaks_lines(text)) and len(text) <= DETAILS[key].max_length]
        record = next((r for r in records if any(key not in r for key in fits)), None)
        if record is None:
            record = {}
            records.append(record)
        record[next(key for key in fits if key not in record)] = text
    for record in records:
        for key, question in DETAILS.items():
            if key not in record and question.required:
                record[key] = f"Ordinary {key.replace('_', ' ')}"
    return records


def shown(text: str) -> str:
    """How the record shows typed text: the decision record's own rule (line breaks of every kind as
    line breaks, unseen control characters as [U+XXXX])."""
    return "\n".join(decision_record.shown_lines(text))


# Markdown, rendered with the extensions this site is built with (mkdocs.yml) ---------------------

_EXTENSIONS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]


def render_markdown(text: str) -> str:
    configs = {name: dict(options or {}) for name, options in _EXTENSIONS.items()}
    snippets = configs.get("pymdownx.snippets")
    if snippets:
        snippets["base_path"] = [str(ROOT / path) for path in snippets.get("base_path", [])]
    return markdown.Markdown(extensions=list(configs), extension_configs=configs).convert(text)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def markdown_field(rendered: str, label: str) -> tuple[str, list[str]]:
    """From rendered Markdown, the text of the field under its bold label, and every tag in that text
    other than the line breaks and abbreviations."""
    rendered = without_abbreviations(rendered)
    match = re.search(r"<p><strong>" + re.escape(html.escape(label, quote=False)) + r"</strong><br />\n(.*?)</p>", rendered, re.S)
    if match is None:
        raise AssertionError(f"no field labelled {label!r} in the rendered record")
    inner = match.group(1).replace("<br />\n", "\n")
    parser = _Tags()
    parser.feed(inner)
    return html.unescape(inner), parser.tags


def without_abbreviations(rendered: str) -> str:
    """The site's abbreviations wrap "DSL" and the like in <abbr>, which changes no text: unwrapped."""
    return re.sub(r"</?abbr[^>]*>", "", rendered)


def blank_lines_as_empty(text: str) -> str:
    """Markdown has no way to write an empty line inside a paragraph: the record writes a line holding
    one space, which looks the same. Lines of nothing but spaces compare as empty."""
    return "\n".join("" if not line.strip(" ") else line for line in text.split("\n"))
