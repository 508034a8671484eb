"""The key questions as a flowchart: an inline SVG drawn at build time from the checker's own flow.

The questions (checkers.key_questions.FLOW_QUESTIONS) and where each answer leads (FLOW) are the ones the
checker runs, so the picture cannot drift from the rules. It is plain SVG in the page: no script, no
diagram library, nothing loaded; it prints, and it shows with JavaScript off. The same flow in words,
generated from the same data, is its text alternative, and each question of the checklist below it
says where each answer leads too (checker_form.py).

Layout, top to bottom: each question in a box; under it, one row for each answer that ends the flow
(the answer, an arrow, the outcome in its colour with its icon and its words) or jumps elsewhere; then
an arrow down to the next question, labelled with the answers that lead there.
"""

from __future__ import annotations

import textwrap
from html import escape

from checkers import decision_record, key_questions

from . import checker_icons

WIDTH = 400  # units: a phone shows it at about 0.9 scale, a laptop at about 1.15 (site.css)
PAD = 12
SPINE = 22  # x of the line that runs down the left from question to question
TEXT_X = 44
QUESTION_SIZE, QUESTION_LINE = 15, 20
ANSWER_SIZE, ANSWER_LINE = 14, 18
PILL_HEIGHT = 32
ICON = 18
ROW_GAP = 14
STEP_GAP = 40  # the arrow down to the next question


def _wrap(text: str, width: float, size: int, bold: bool = False) -> list[str]:
    """Lines of at most `width` units: SVG text does not wrap, so it is wrapped here, allowing a
    generous average character width for the site's sans-serif font."""
    chars = max(8, int(width / (size * (0.6 if bold else 0.56))))
    return textwrap.wrap(text, chars) or [""]


def _text(lines: list[str], x: float, y: float, line: int, css_class: str) -> str:
    spans = "".join(f'<tspan x="{x:g}" dy="{0 if i == 0 else line}">{escape(text)}</tspan>' for i, text in enumerate(lines))
    return f'<text class="{css_class}" x="{x:g}" y="{y:g}">{spans}</text>'


def flow_note(question_id: str, choice_id: str, numbers: dict[str, int]) -> str:
    """Where an answer leads, in words, for the checklist and the flowchart's text version."""
    return step_note(key_questions.FLOW[question_id][choice_id], numbers)


def step_note(step, numbers: dict[str, int]) -> str:
    """A step in words: the next question's number, the outcome and its reason, or, where the step
    depends on an earlier answer, both ways."""
    if isinstance(step, key_questions.Fork):
        return f"{_condition(step, numbers)}: {step_note(step.then, numbers)} Otherwise: {step_note(step.otherwise, numbers)}"
    if isinstance(step, str):
        return f"Go to question {numbers[step]}."
    return f"{decision_record.OUTCOME_LABELS[step.outcome]}: {step.reason}"


def _condition(fork, numbers: dict[str, int]) -> str:
    answer = key_questions.BY_ID[fork.question].label_for_choice(fork.answer)
    return f"If you answered '{answer}' to question {numbers[fork.question]}"


def _pill_label(step, numbers: dict[str, int]) -> tuple[str, str]:
    """(icon and colour key, words) for where an answer leads, when it is not the next question."""
    if isinstance(step, str):
        return "incomplete", f"Go to question {numbers[step]}"
    return step.outcome, decision_record.OUTCOME_LABELS[step.outcome]


def _branches(label: str, step, numbers: dict[str, int]):
    """(words, where it leads) for an answer; an answer whose next step depends on an earlier answer
    gives one branch for each way."""
    if isinstance(step, key_questions.Fork):
        answer = key_questions.BY_ID[step.question].label_for_choice(step.answer)
        yield from _branches(f"{label}, if you answered '{answer}' to question {numbers[step.question]}", step.then, numbers)
        yield from _branches(f"{label}, if not", step.otherwise, numbers)
    else:
        yield label, step


def svg(prefix: str) -> str:
    questions = key_questions.FLOW_QUESTIONS
    numbers = {question.id: number for number, question in enumerate(questions, start=1)}
    following = {question.id: questions[i + 1].id if i + 1 < len(questions) else None for i, question in enumerate(questions)}
    flows = {
        question.id: [
            (choice, list(_branches(choice.label, key_questions.FLOW[question.id][choice.id], numbers)))
            for choice in question.choices
        ]
        for question in questions
    }
    pill_width = max(
        PAD * 2 + ICON + 8 + len(_pill_label(step, numbers)[1]) * ANSWER_SIZE * 0.75  # bold: wider
        for question in questions for choice, branches in flows[question.id] for _, step in branches
        if step != following[question.id]
    )
    pill_x = WIDTH - pill_width
    answer_width = pill_x - 28 - TEXT_X
    parts: list[str] = []
    y = 1.0
    for question in questions:
        # The question
        lines = _wrap(f"{numbers[question.id]}. {question.label}", WIDTH - 2 * PAD, QUESTION_SIZE, bold=True)
        height = PAD * 2 + QUESTION_LINE * len(lines) - 4
        parts.append(f'<g class="flow-diagram__question"><rect x="1" y="{y:g}" width="{WIDTH - 2}" height="{height:g}" rx="4"/>'
                     + _text(lines, PAD, y + PAD + QUESTION_SIZE - 2, QUESTION_LINE, "flow-diagram__question-text") + "</g>")
        y += height
        spine_top, spine_at, last_middle = y, len(parts), None
        onward = [choice for choice, branches in flows[question.id]
                  if [step for _, step in branches] == [following[question.id]]]
        # Answers that end the flow, or lead elsewhere
        for words, step in [branch for choice, branches in flows[question.id] if choice not in onward for branch in branches]:
            y += ROW_GAP
            lines = _wrap(words, answer_width, ANSWER_SIZE)
            row = max(PILL_HEIGHT, ANSWER_LINE * len(lines))
            middle = last_middle = y + row / 2
            key, pill = _pill_label(step, numbers)
            text_top = middle - ANSWER_LINE * len(lines) / 2 + ANSWER_SIZE - 2
            arrow_from = TEXT_X + min(answer_width, max(len(line) for line in lines) * ANSWER_SIZE * 0.56) + 6
            parts.append(
                f'<g class="flow-diagram__branch">'
                f'<path class="flow-diagram__line" d="M{SPINE} {middle:g}H{TEXT_X - 6}"/>'
                + _text(lines, TEXT_X, text_top, ANSWER_LINE, "flow-diagram__answer")
                + f'<path class="flow-diagram__line" d="M{arrow_from:g} {middle:g}H{pill_x - 8:g}"/>'
                f'<path class="flow-diagram__head" d="M{pill_x - 2:g} {middle:g}l-8 -5v10z"/>'
                f'<g class="flow-diagram__outcome outcome outcome--{key.replace("_", "-")}">'
                f'<rect x="{pill_x:g}" y="{middle - PILL_HEIGHT / 2:g}" width="{pill_width:g}" height="{PILL_HEIGHT}" rx="{PILL_HEIGHT / 2:g}"/>'
                + checker_icons.use(prefix, key, "flow-diagram__icon", ICON, pill_x + PAD, middle - ICON / 2)
                + f'<text class="flow-diagram__outcome-text" x="{pill_x + PAD + ICON + 8:g}" y="{middle + 5:g}">{escape(pill)}</text>'
                "</g></g>"
            )
            y += row
        # The line down the left, and the arrow on to the next question
        if following[question.id] and onward:
            label = _wrap(" or ".join(choice.label for choice in onward), WIDTH - SPINE - 12 - PAD, ANSWER_SIZE, bold=True)
            gap = max(STEP_GAP, ANSWER_LINE * len(label) + 22)
            parts.insert(spine_at, f'<path class="flow-diagram__line" d="M{SPINE} {spine_top:g}V{y + gap - 2:g}"/>')
            parts.append(f'<path class="flow-diagram__head" d="M{SPINE} {y + gap:g}l-5 -8h10z"/>'
                         + _text(label, SPINE + 12, y + (gap - ANSWER_LINE * len(label)) / 2 + ANSWER_SIZE, ANSWER_LINE, "flow-diagram__onward"))
            y += gap
        elif last_middle is not None:
            parts.insert(spine_at, f'<path class="flow-diagram__line" d="M{SPINE} {spine_top:g}V{last_middle:g}"/>')
            y += ROW_GAP if following[question.id] is None else STEP_GAP
    height = y + 2
    return (
        f'<svg class="flow-diagram__picture" viewBox="0 0 {WIDTH} {height:g}" role="img" '
        f'aria-label="Flowchart of the {len(questions)} key questions. The same flow is set out in words below it." '
        f'focusable="false">{"".join(parts)}</svg>'
    )


def in_words(numbers: dict[str, int]) -> str:
    """The flowchart's text alternative: each question, and where each of its answers leads."""
    items = []
    for question in key_questions.FLOW_QUESTIONS:
        answers = "".join(
            f"<li><strong>{escape(choice.label)}</strong>: {escape(flow_note(question.id, choice.id, numbers))}</li>"
            for choice in question.choices
        )
        items.append(f"<li><p>{escape(question.label)}</p><ul>{answers}</ul></li>")
    return f'<ol class="flow-diagram__steps">{"".join(items)}</ol>'


def figure(prefix: str) -> str:
    """The flowchart with its heading and its text alternative, for the key questions checker's page."""
    numbers = {question.id: number for number, question in enumerate(key_questions.FLOW_QUESTIONS, start=1)}
    heading = f"{prefix}-flowchart-heading"
    return (
        # Left out of the site's search: it repeats the questions, which are searched in the form above.
        f'<section class="flow-diagram" aria-labelledby="{heading}" data-search-exclude>'
        f'<h2 id="{heading}" data-search-exclude>The questions as a flowchart</h2>'
        "<p>Each answer leads to the next question or to a decision. The checker above follows the same "
        "flow, and so does the list of questions when you print this page.</p>"
        f"<figure>{svg(prefix)}</figure>"
        '<details class="flow-diagram__words"><summary>The flowchart in words</summary>'
        f"{in_words(numbers)}</details>"
        "</section>"
    )
