"""Case studies: worked cases whose model outcome is computed by the checkers themselves.

A case is a page in a `case-studies/` folder (in docs/, or in a partnership's pages/) whose front
matter holds a `case` mapping:

    case:
      checker: lawful-basis          # one of the checkers (checkers.api.CHECKERS)
      input:                         # the checker's JSON input, as `python -m checkers` takes it
        organisation: school
        ...
      expect:
        outcome: share               # the outcome the model answer gives
        basis: public_task           # optional, lawful basis checker only: the basis the model
                                     # answer relies on (the checker's first), or part3
      covers: [schools, consent refused]   # optional: what the case teaches, for the list of cases

Its body has these sections, each a heading with its id, in this order (SECTIONS): the situation,
the questions, the model answer (what to do, the lawful basis, proportionality, what to record, who
to ask), and the common mistake. Each part of the model answer links its references; the lawful basis
links both the official text and our guidance. Everything from the model answer on is the answer
that practice mode hides until the learner has answered.

Plain functions, no MkDocs: case_study_pages.py (the hook) and shortcodes.py call them. The outcome
is computed with checkers.api, the same function the command line and the browser call; a case
whose expectation differs fails with CaseError, naming the case.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from checkers import api, decision_record
from checkers.decision_record import escape_text
from checkers.schema import InputError

FOLDER = "case-studies"

# (heading id, heading level, what the section holds), in page order.
SECTIONS = (
    ("situation", 2, "the situation"),
    ("questions", 2, "the questions a practitioner faces"),
    ("model-answer", 2, "the model answer"),
    ("what-to-do", 3, "what to do"),
    ("lawful-basis", 3, "the lawful basis"),
    ("proportionality", 3, "proportionality"),
    ("what-to-record", 3, "what to record"),
    ("who-to-ask", 3, "who to ask"),
    ("common-mistake", 2, "the common mistake"),
)
ANSWER_STARTS = "model-answer"
# The parts of a model answer; each gives its references, as links.
ANSWER_PARTS = ("what-to-do", "lawful-basis", "proportionality", "what-to-record", "who-to-ask")
LINK = re.compile(r"\]\([^)\s]+\)|<!-- md:(?:contact|link) ")
OFFICIAL_TEXT = re.compile(r"\]\(https://(?:www\.legislation\.gov\.uk|www\.gov\.uk|ico\.org\.uk)/")
OUR_GUIDANCE = re.compile(r"\]\((?!https?:)[^)\s]*\.md(?:#[\w-]+)?\)")

# The outcomes a model answer can give, for each checker (never "incomplete").
OUTCOMES = {
    "lawful-basis": ("share", "seek_advice", "do_not_share"),
    "key-questions": ("share", "seek_advice", "do_not_share"),
    "proportionality": ("proportionate", "review", "not_proportionate"),
}
EXPECT_KEYS = ("outcome", "basis")
PART_3 = "part3"  # the "basis" of a case where DPA 2018 Part 3 applies instead of the UK GDPR

CHECKER_NAMES = {
    "lawful-basis": "lawful basis checker",
    "key-questions": "key questions checker",
    "proportionality": "proportionality checker",
}

# Markers the hook puts in a case page's Markdown, replaced in its HTML (comments pass through Markdown).
PRACTICE_MARKER = "<!-- case-study:practice -->"
CHECKER_MARKER = "<!-- case-study:checker -->"
ANSWER_START_MARKER = "<!-- case-study:answer-start -->"
ANSWER_END_MARKER = "<!-- case-study:answer-end -->"
PACK_CASE_START = "<!-- case-study:pack-case-start "  # followed by the case id and " -->"
PACK_CASE_END = "<!-- case-study:pack-case-end -->"

HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*\{#(?P<id>[\w-]+)\}[ \t]*$", re.M)


class CaseError(ValueError):
    """A case that cannot be built: the message names the page and the case."""


@dataclass(frozen=True)
class Case:
    id: str
    page: str  # how the page is named in messages (its path)
    src_uri: str  # its path in the site's docs tree, e.g. case-studies/school-pupil-disclosure.md
    title: str
    description: str
    checker: str
    input: dict
    expect: dict
    covers: tuple[str, ...]
    result: dict
    evaluated_on: dt.date
    local: bool = False  # a partnership's own case, from its pages/

    @property
    def outcome(self) -> str:
        return self.result["outcome"]

    @property
    def outcome_label(self) -> str:
        return decision_record.OUTCOME_LABELS[self.outcome]

    @property
    def basis(self) -> str | None:
        """The lawful basis the checker offers first (or part3), for the lawful basis checker."""
        if self.checker != "lawful-basis":
            return None
        if self.result["law_enforcement"]:
            return PART_3
        return self.result["article6"][0]["id"] if self.result["article6"] else None


def case_id(src_uri: str) -> str:
    return posixpath.splitext(posixpath.basename(src_uri))[0]


def is_case_page(meta: dict | None) -> bool:
    return bool(meta) and "case" in meta


def _where(page: str, src_uri: str) -> str:
    return f"{page} (case '{case_id(src_uri)}')"


def check_sections(markdown: str, where: str) -> list[str]:
    """The sections every case has, as headings with their ids, in order."""
    found = {match.group("id"): match for match in HEADING.finditer(markdown)}
    problems = []
    positions = []
    for section_id, level, what in SECTIONS:
        match = found.get(section_id)
        if match is None:
            problems.append(f"{where}: no section for {what} (a level-{level} heading ending {{#{section_id}}})")
            continue
        if len(match.group("hashes")) != level:
            problems.append(f"{where}: the heading {{#{section_id}}} must be level {level} ({'#' * level})")
        positions.append((match.start(), section_id))
    if not problems and positions != sorted(positions):
        order = ", ".join(section_id for section_id, _, _ in SECTIONS)
        problems.append(f"{where}: the sections must come in this order: {order}")
    if not problems:
        headings = list(HEADING.finditer(markdown))
        for number, heading in enumerate(headings):
            if heading.group("id") not in ANSWER_PARTS:
                continue
            end = headings[number + 1].start() if number + 1 < len(headings) else len(markdown)
            body = markdown[heading.end():end]
            if not LINK.search(body):
                problems.append(f"{where}: the section {{#{heading.group('id')}}} gives no reference: link the law or our guidance")
            if heading.group("id") == "lawful-basis" and not (OFFICIAL_TEXT.search(body) and OUR_GUIDANCE.search(body)):
                problems.append(f"{where}: the lawful basis must link both the official text and our guidance")
    if "<!-- md:checker" in markdown:
        problems.append(f"{where}: a case page gets its checker from its case data; remove the md:checker marker")
    return problems


def load_case(page: str, src_uri: str, meta: dict, markdown: str, on: dt.date, local: bool = False) -> Case:
    """Validate one case page and compute its outcome with the checkers. Raises CaseError naming the
    page and the case, listing every problem found."""
    where = _where(page, src_uri)
    data = meta.get("case")
    if posixpath.basename(posixpath.dirname(src_uri)) != FOLDER:
        raise CaseError(f"{where}: a case page must be in a {FOLDER}/ folder, not {posixpath.dirname(src_uri) or 'the top level'}")
    if not isinstance(data, dict):
        raise CaseError(f"{where}: 'case' must be a mapping with checker, input and expect")
    problems = []
    unknown = sorted(set(data) - {"checker", "input", "expect", "covers"})
    if unknown:
        problems.append(f"{where}: 'case' has unknown keys {unknown}; allowed: checker, input, expect, covers")
    checker = data.get("checker")
    if checker not in OUTCOMES:
        problems.append(f"{where}: case checker {checker!r} is not allowed; allowed values: {', '.join(OUTCOMES)}")
    expect = data.get("expect")
    if not isinstance(expect, dict) or "outcome" not in expect:
        problems.append(f"{where}: 'case.expect' must give the expected outcome")
        expect = {}
    else:
        extra = sorted(set(expect) - set(EXPECT_KEYS))
        if extra:
            problems.append(f"{where}: 'case.expect' has unknown keys {extra}; allowed: {', '.join(EXPECT_KEYS)}")
        if checker in OUTCOMES and expect["outcome"] not in OUTCOMES[checker]:
            problems.append(
                f"{where}: expected outcome {expect['outcome']!r} is not one the {checker} checker gives; "
                f"allowed values: {', '.join(OUTCOMES[checker])}"
            )
        if "basis" in expect and checker != "lawful-basis":
            problems.append(f"{where}: 'case.expect.basis' is for the lawful-basis checker only")
    covers = data.get("covers", [])
    if not isinstance(covers, list) or not all(isinstance(item, str) and item.strip() for item in covers):
        problems.append(f"{where}: 'case.covers' must be a list of short phrases")
        covers = []
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{where}: a case page needs a title in its front matter")
    problems += check_sections(markdown, where)
    if problems:
        raise CaseError("\n".join(problems))

    try:
        result = api.evaluate(checker, data.get("input"), on)
    except InputError as error:
        raise CaseError(f"{where}: the case input is not valid for the {checker} checker: {error}") from None
    case = Case(
        id=case_id(src_uri), page=page, src_uri=src_uri, title=title.strip(),
        description=str(meta.get("description") or "").strip(), checker=checker, input=data["input"],
        expect=dict(expect), covers=tuple(item.strip() for item in covers), result=result, evaluated_on=on,
        local=local,
    )
    mismatches = expectation_problems(case)
    if mismatches:
        raise CaseError("\n".join(f"{where}: {problem}" for problem in mismatches))
    return case


def expectation_problems(case: Case) -> list[str]:
    """How the checker's answer differs from the one the case expects (empty when they agree)."""
    problems = []
    if case.outcome != case.expect["outcome"]:
        problems.append(
            f"the {case.checker} checker gives '{case.outcome}' but the case expects "
            f"'{case.expect['outcome']}': correct the case or the checker, whichever is wrong in law"
        )
    if "basis" in case.expect and case.basis != case.expect["basis"]:
        problems.append(
            f"the {case.checker} checker relies first on '{case.basis}' but the case's model answer relies "
            f"on '{case.expect['basis']}'"
        )
    return problems


def check_unique(cases: list[Case]) -> None:
    seen: dict[str, Case] = {}
    for case in cases:
        if case.id in seen:
            raise CaseError(f"{case.page} and {seen[case.id].page}: two cases with the id '{case.id}'; rename one")
        seen[case.id] = case


# Markdown: where the hook's markers go ---------------------------------------------------------------

def mark_case_markdown(markdown: str) -> str:
    """Put the markers in a (validated) case page: the practice form and the start of the answer
    before the model answer's heading, the checker just after it, and the end of the answer last."""
    match = next(m for m in HEADING.finditer(markdown) if m.group("id") == ANSWER_STARTS)
    before, heading, after = markdown[: match.start()], match.group(0), markdown[match.end():]
    return (
        f"{before}\n{PRACTICE_MARKER}\n\n{ANSWER_START_MARKER}\n\n{heading}\n\n{CHECKER_MARKER}\n\n"
        f"{after.lstrip(chr(10))}\n\n{ANSWER_END_MARKER}\n"
    )


def replace_marker(html: str, marker: str, replacement: str, where: str) -> str:
    """Replace a marker the hook put in the Markdown; it must appear exactly once in the HTML."""
    count = html.count(marker)
    if count != 1:
        raise CaseError(f"{where}: expected one {marker} in the page as built, found {count}")
    return html.replace(marker, replacement)


# HTML: the checker's answer, computed at build time ---------------------------------------------------

def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# Citations a finding adds that would only repeat its own, or concern the policy document (Part 4).
_QUIET_CITATIONS = ("Part 4", "Annex 1", "Data (Use and Access) Act")


def _finding(finding: dict) -> str:
    citations = [finding["ref"]] + [c for c in finding.get("also", []) if not any(q in c for q in _QUIET_CITATIONS)]
    text = f"{escape(finding['label'])} ({escape('; '.join(citations))})"
    if finding.get("status") == "reported":
        text += ": reported to apply, commencement not confirmed"
    return text


# Each fact: a name, and what the checker found (HTML), or a list of findings.
Fact = tuple[str, "str | list[str]"]


def _lawful_basis_facts(result: dict) -> list[Fact]:
    facts: list[Fact] = []
    law_enforcement = result["law_enforcement"]
    if law_enforcement:
        facts.append(("Law that applies", escape(law_enforcement["ref"]) + ": law enforcement processing, not the UK GDPR"))
        if law_enforcement["sensitive_processing"]:
            facts.append(("Sensitive processing", escape(law_enforcement["sensitive_processing"]["ref"])))
    if result["article6"]:
        facts.append(("Lawful basis, best first", [_finding(f) for f in result["article6"]]))
    if result["article9"]:
        facts.append(("Special category condition", [_finding(f) for f in result["article9"]]))
    if result["article10"]:
        facts.append(("Criminal offence information", [_finding(f) for f in result["article10"]]))
    facts.append(("Confidentiality", escape(result["confidentiality"]["reason"])))
    return facts


def _proportionality_facts(result: dict) -> list[Fact]:
    labels = {"met": "met", "not_met": "not met", "check": "check"}
    return [(item["id"].capitalize(), labels[item["status"]]) for item in result["principles"]]


def _key_questions_facts(result: dict) -> list[Fact]:
    return [(escape(step["question"]), escape(step["answer_label"])) for step in result["path"]]


def _fact_html(value: "str | list[str]") -> str:
    if isinstance(value, str):
        return value
    if len(value) == 1:
        return value[0]
    return "<ul>" + "".join(f"<li>{item}</li>" for item in value) + "</ul>"


FACTS = {"lawful-basis": _lawful_basis_facts, "proportionality": _proportionality_facts, "key-questions": _key_questions_facts}


def try_button_html(case: Case) -> str:
    """"Try this in the checker" (the contract of issue 14): shown by the page's script, which fills the
    case's checker with its answers (case-studies.mjs)."""
    return (
        f'<p class="case-study__try"><button type="button" class="md-button" data-case-try="{escape(case.id)}" hidden>'
        "Try this in the checker</button></p>"
    )


def checker_answer_html(case: Case, level: int = 3, with_try: bool = True) -> str:
    """What the checker says about the case, computed when the site is built (one line of HTML, so
    it can stand as a raw block in Markdown), under a heading of the given level."""
    heading_id = f"{case.id}-checker-answer"
    rows = "".join(f"<dt>{name}</dt><dd>{_fact_html(value)}</dd>" for name, value in FACTS[case.checker](case.result))
    try_button = try_button_html(case) if with_try else ""
    return (
        f'<div class="case-study__summary">'
        f'<h{level} class="case-study__heading" id="{heading_id}">What the checker says</h{level}>'
        f'<p class="case-study__outcome">Given this case\'s answers, the {CHECKER_NAMES[case.checker]} says: '
        f"<strong>{escape(case.outcome_label)}</strong>.</p>"
        f'<p class="case-study__summary-text">{escape(case.result["summary"])}</p>'
        f'<dl class="case-study__facts">{rows}</dl>'
        f'<p class="case-study__date">The checker worked this out when this page was built, on '
        f"{_long_date(case.evaluated_on)}, from the answers in the case.</p>"
        f"{try_button}</div>"
    )


def case_attributes(case: Case) -> str:
    """The attributes that mark a case's checker block (the contract of issue 14)."""
    payload = json.dumps(case.input, ensure_ascii=False, separators=(",", ":"))
    return (
        f'data-case-study="{escape(case.id)}" data-case-input="{escape(payload)}" '
        f'data-outcome="{escape(case.outcome)}" data-case-state="closed"'
    )


def mark_checker_block(checker_html: str, case: Case) -> str:
    """The checker as rendered for any page, made this case's block: its attributes on the checker's
    own element (so the page's checker script runs it as it is), and the answer computed at build time
    first inside it."""
    opening = re.compile(r'<div class="checker" data-checker="' + re.escape(case.checker) + r'"([^>]*)>')
    matches = opening.findall(checker_html)
    if len(matches) != 1:
        raise CaseError(f"{case.page}: the {case.checker} checker's markup has changed; case_studies.py cannot mark it")
    marked = opening.sub(
        lambda m: f'<div class="checker case-study" data-checker="{case.checker}" {case_attributes(case)}{m.group(1)}>'
        + checker_answer_html(case, with_try=False),
        checker_html,
        count=1,
    )
    # The checker's own parts are the same on every case page: left out of the search index. (Material's
    # search skips a marked element only up to the first closing tag of its name, so the marks go on
    # elements that nest no element of their own kind, not on the checker's outer <div>.)
    return re.sub(r"<(p|form|section) (class=\"checker__(?:status|form|record)\")", r"<\1 data-search-exclude \2", marked)


# HTML: practice mode ------------------------------------------------------------------------------

def _practice_question(case: Case, question: dict, index: int) -> str:
    qid = f"{case.id}-practice-{question['id'].replace('_', '-')}"
    kind = "checkbox" if question["kind"] == "multi" else "radio"
    parts = [
        f'<fieldset class="case-practice__question" data-practice-question="{escape(question["id"])}">',
        f"<legend>{index}. {escape(question['label'])}</legend>",
        '<div class="case-practice__choices">',
    ]
    for choice in question["choices"]:
        cid = f"{qid}-{choice['id'].replace('_', '-')}"
        parts.append(
            f'<div class="case-practice__choice"><input type="{kind}" id="{cid}" name="{escape(question["id"])}" '
            f'value="{escape(choice["id"])}"><label for="{cid}">{escape(choice["label"])}</label></div>'
        )
    parts.append("</div></fieldset>")
    return "".join(parts)


def practice_html(case: Case) -> str:
    """Practice mode: the case's questions to answer first, then the model answer beside the learner's
    own. Hidden without JavaScript (case-studies.mjs shows it); nothing in it is stored or sent."""
    schema = api.questions(case.checker)["questions"]
    asked = [question for question in schema if question["id"] in case.input]
    heading = f"{case.id}-practise-heading"
    form_heading = f"{case.id}-practise-form-heading"
    questions = [_practice_question(case, question, number) for number, question in enumerate(asked, start=1)]
    outcome_question = {
        "id": "outcome",
        "label": "So what should the practitioner do?",
        "kind": "choice",
        "choices": [{"id": outcome, "label": decision_record.OUTCOME_LABELS[outcome]} for outcome in OUTCOMES[case.checker]],
    }
    questions.append(_practice_question(case, outcome_question, len(asked) + 1))
    reasons_id = f"{case.id}-practice-reasons"
    return (
        f'<section class="case-practice" id="practise" data-case-practice="{escape(case.id)}" aria-labelledby="{heading}" '
        'data-search-exclude hidden>'
        f'<h2 id="{heading}">Practise this case</h2>'
        '<p>The model answer is folded away. Answer the questions as if you were the practitioner, then '
        "compare: you will see your answers beside the model answer. Nothing you choose or type is stored "
        "or sent: it stays on this page until you leave it.</p>"
        '<p class="case-practice__buttons"><button type="button" class="md-button md-button--primary" data-case-practice-start>'
        "Practise: answer first, then compare</button> "
        '<button type="button" class="md-button" data-case-answer-show>Show the model answer</button></p>'
        f'<form class="case-practice__form" data-case-practice-form aria-labelledby="{form_heading}" autocomplete="off" hidden>'
        f'<h3 id="{form_heading}" tabindex="-1">Your answers</h3>'
        "<p>The model answer is hidden. Answer what you can: you can leave a question out.</p>"
        + "".join(questions)
        + f'<div class="case-practice__reasons"><label for="{reasons_id}">Your reasons, and who you would ask '
        f'(optional)</label><textarea id="{reasons_id}" name="reasons" rows="4" maxlength="4000"></textarea></div>'
        '<p><button type="submit" class="md-button md-button--primary" data-case-practice-reveal>'
        "Compare with the model answer</button></p>"
        "</form></section>"
    )


def answer_start_html(case: Case) -> str:
    """The start of the model answer, which the page folds away on screen until it is asked for. "Try
    this in the checker" stands just before it, so that it can be pressed at once: it unfolds the
    answer, which holds the case's checker."""
    return try_button_html(case) + f'<div class="case-answer" data-case-answer="{escape(case.id)}">'


# The list of cases, and the facilitator's pack ------------------------------------------------------

def index_markdown(cases: list[Case], here: str) -> str:
    """A table of the cases, in the order given, linked from the page at `here` (its path in the docs
    tree). A partnership's own cases come in a table of their own."""
    folder = posixpath.dirname(here) or "."
    lines = []
    for heading, group in (("", [c for c in cases if not c.local]), ("Cases from your area", [c for c in cases if c.local])):
        if not group:
            continue
        if heading:
            lines += [f"### {heading}", ""]
        lines += ["| Case | What it covers |", "| --- | --- |"]
        for case in group:
            link = posixpath.relpath(case.src_uri, folder)
            covers = ", ".join(case.covers) or case.description  # a partnership's words: text, not Markdown
            lines.append(f"| [{escape_text(case.title)}]({link}) | {escape_text(covers)} |")
        lines.append("")
    return "\n".join(lines)


def _demote(markdown: str, case: Case) -> str:
    """A case page's body for the pack: headings one level down, ids and in-page links prefixed with
    the case id (so that every case's 'situation' is its own anchor), markers left for the hook."""
    body = re.sub(r"\A\s*# +(.+?)\s*$", "", markdown, count=1, flags=re.M)
    body = re.sub(r"^(#{1,5})[ \t]", lambda m: "#" + m.group(1) + " ", body, flags=re.M)
    body = re.sub(r"\{#([\w-]+)\}", lambda m: "{#" + f"{case.id}--{m.group(1)}" + "}", body)
    return re.sub(r"\]\(#([\w-]+)\)", lambda m: f"](#{case.id}--{m.group(1)})", body)


def pack_markdown(cases: list[Case], bodies: dict[str, str], here: str) -> str:
    """Every case in one page, for printing: the situation, the questions, and (unless the reader
    chooses cases only) the model answer, with what the checker says. `bodies` maps a case id to its
    Markdown without front matter. Each case starts on a new printed page; shared cases come first,
    then the partnership's own, each in the order given."""
    folder = posixpath.dirname(here) or "."
    parts = [
        '<div class="case-pack__options" role="group" aria-labelledby="case-pack-options-heading">'
        '<h2 id="case-pack-options-heading">Print the pack</h2>'
        '<div class="case-pack__option"><input type="checkbox" id="case-pack-cases-only" data-case-pack-cases-only>'
        '<label for="case-pack-cases-only">Cases only, for handing out: leave out the model answers</label></div>'
        "<p>Then print this page with your browser's print command. Each case starts on a new page.</p>"
        '<p><button type="button" class="md-button md-button--primary" data-case-pack-print hidden>Print the pack</button></p>'
        "</div>",
        "",
    ]
    for case in sorted(cases, key=lambda c: c.local):
        if posixpath.dirname(case.src_uri) != folder:
            raise CaseError(f"{case.page}: the pack is in {folder}/, so every case must be there too")
        body = _demote(bodies[case.id], case)
        answer = next(m for m in HEADING.finditer(body) if m.group("id") == f"{case.id}--{ANSWER_STARTS}")
        parts += [
            f"{PACK_CASE_START}{case.id} -->",
            "",
            f"## {escape_text(case.title)} {{#{case.id}}}",
            "",
            body[: answer.start()].strip(),
            "",
            ANSWER_START_MARKER,
            "",
            answer.group(0),
            "",
            checker_answer_html(case, level=4, with_try=False),
            "",
            body[answer.end():].strip(),
            "",
            ANSWER_END_MARKER,
            "",
            PACK_CASE_END,
            "",
        ]
    return "\n".join(parts)


def pack_html(html: str) -> str:
    """The pack as built: each case a section, each model answer in the wrapper that "cases only" hides."""
    starts, ends = html.count(PACK_CASE_START), html.count(PACK_CASE_END)
    answers, answer_ends = html.count(ANSWER_START_MARKER), html.count(ANSWER_END_MARKER)
    if not starts == ends == answers == answer_ends:
        raise CaseError(f"the facilitator's pack is malformed: {starts} cases, {ends} ends, {answers} answers, {answer_ends} answer ends")
    html = re.sub(
        re.escape(PACK_CASE_START) + r"([\w-]+) -->",
        lambda m: f'<section class="case-pack__case" aria-labelledby="{m.group(1)}">',
        html,
    )
    html = html.replace(PACK_CASE_END, "</section>")
    return html.replace(ANSWER_START_MARKER, '<div class="case-answer">').replace(ANSWER_END_MARKER, "</div>")
