"""The key questions flowchart (safeguarding_guidance/flow_diagram.py): drawn from the checker's own flow, so that it
cannot drift from the rules; an inline SVG that needs no script, with the flow in words beside it."""

from __future__ import annotations

import re

import pytest

from safeguarding_guidance import flow_diagram
from checkers import decision_record, key_questions

NUMBERS = {question.id: number for number, question in enumerate(key_questions.FLOW_QUESTIONS, start=1)}


def ends(step):
    """Every place a step can lead (both ways of a step that depends on an earlier answer)."""
    if isinstance(step, key_questions.Fork):
        return [*ends(step.then), *ends(step.otherwise)]
    return [step]


def test_every_question_is_drawn_in_order():
    svg = flow_diagram.svg("key-questions")
    text = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg))
    positions = [text.find(f"{NUMBERS[q.id]}. {q.label.split()[0]}") for q in key_questions.FLOW_QUESTIONS]
    assert -1 not in positions and positions == sorted(positions)


def test_every_outcome_and_jump_in_the_flow_is_drawn_once():
    svg = flow_diagram.svg("key-questions")
    following = {q.id: (key_questions.FLOW_QUESTIONS[i + 1].id if i + 1 < len(key_questions.FLOW_QUESTIONS) else None)
                 for i, q in enumerate(key_questions.FLOW_QUESTIONS)}
    expected: dict[str, int] = {}
    for question_id, answers in key_questions.FLOW.items():
        for step in answers.values():
            if step == following[question_id]:
                continue  # drawn as the arrow down to the next question
            for end in ends(step):
                label = f"Go to question {NUMBERS[end]}" if isinstance(end, str) else decision_record.OUTCOME_LABELS[end.outcome]
                expected[label] = expected.get(label, 0) + 1
    drawn: dict[str, int] = {}
    for label in re.findall(r'<text class="flow-diagram__outcome-text"[^>]*>([^<]*)</text>', svg):
        drawn[label] = drawn.get(label, 0) + 1
    assert drawn == expected


def test_each_outcome_has_its_colour_class_and_icon():
    svg = flow_diagram.svg("key-questions")
    for group in re.findall(r'<g class="flow-diagram__outcome outcome outcome--([a-z-]+)">(.*?)</g>', svg):
        key, body = group
        assert f'href="#key-questions-icon-{key}"' in body


def test_the_flow_in_words_covers_every_answer():
    words = flow_diagram.in_words(NUMBERS)
    for question in key_questions.FLOW_QUESTIONS:
        assert question.label in words
        for choice in question.choices:
            assert flow_diagram.flow_note(question.id, choice.id, NUMBERS).replace("'", "&#x27;") in words


def test_the_figure_is_plain_svg_with_a_text_alternative():
    figure = flow_diagram.figure("key-questions")
    assert "<script" not in figure and "style=" not in figure and not re.search(r"\son[a-z]+=", figure)
    assert re.search(r'<svg class="flow-diagram__picture" viewBox="0 0 \d+ [\d.]+" role="img" aria-label="Flowchart of the \d+ key questions', figure)
    assert '<details class="flow-diagram__words"><summary>The flowchart in words</summary>' in figure
    assert "data-search-exclude" in figure


@pytest.mark.parametrize("text", ["Is there a clear and legitimate purpose for sharing?", "Do you have consent to share?"])
def test_long_labels_are_wrapped_to_the_drawing(text):
    lines = flow_diagram._wrap(text, 200, 14)
    assert " ".join(lines) == text and all(len(line) * 14 * 0.56 <= 200 for line in lines)


def test_no_page_states_a_count_of_the_key_questions():
    """The flow asks between two and seven questions, depending on the answers: a page that offers the
    key questions states no count of them (the start page said "Five questions" when there were seven)."""
    import re

    from conftest import ROOT

    count = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+) (key )?questions\b", re.IGNORECASE)
    found = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if path.name == "changes.md":
            continue  # the log of changes quotes what was wrong
        paragraphs = path.read_text(encoding="utf-8").split("\n\n")
        for before, paragraph in zip(["", *paragraphs], paragraphs):  # a card's text follows its link
            around = before + paragraph
            if "key-questions.md" in around or "key questions" in around.lower():
                found += [f"{path.relative_to(ROOT)}: {match.group()}" for match in count.finditer(paragraph)]
    assert found == []
    assert len(key_questions.FLOW_QUESTIONS) == 7  # the longest path, if a page ever needs the number
