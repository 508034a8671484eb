"""The decision record as a document, in CPython: every output keeps the practitioner's words as typed.

The corpus (tests/record_corpus.py) goes through every output the record has: the HTML shown in the
page and copied as rich text, the plain text copied for case systems, the .md (rendered here by
Python-Markdown with this site's own extensions) and the .json. tests/test_checkers_in_browser.py
sends the same corpus through the page in Chromium, the clipboard and the downloads.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest

from checkers import api, decision_record
from record_corpus import (
    CORPUS, DETAILS, blank_lines_as_empty, corpus_records, markdown_field, render_markdown, shown, without_abbreviations,
)

ON = dt.date(2026, 11, 30)
ANSWERS = {"purpose": "yes", "identifies": "yes", "confidential": "yes", "consent": "no", "other_reason": "public_interest"}
RECORDS = corpus_records()


def make(details: dict, decision: str = "shared", partnership: str | None = None) -> dict:
    request = {"checker": "key-questions", "answers": ANSWERS, "details": {**details, "decision": decision}}
    if partnership is not None:
        request["partnership"] = partnership
    return api.evaluate("decision-record", request, ON)


def html_field(document: str, key: str) -> tuple[str, list[str]]:
    match = re.search(rf'<bdi data-field="{key}">(.*?)</bdi>', document, re.S)
    assert match, key
    inner = match.group(1).replace("<br>", "\n")
    return html.unescape(inner), re.findall(r"<[^>]+>", inner)


def test_the_corpus_is_large_and_every_string_is_used():
    assert len(CORPUS) >= 50 and len(set(CORPUS)) == len(CORPUS)
    used = [text for record in RECORDS for text in record.values()]
    assert all(text in used for text in CORPUS)


@pytest.mark.parametrize("details", RECORDS, ids=[f"record-{n}" for n in range(1, len(RECORDS) + 1)])
def test_every_output_shows_the_typed_text(details):
    result = make(details)
    rendered = render_markdown(result["markdown"])
    data = json.loads(result["json"])
    for key, typed in details.items():
        label = DETAILS[key].label
        # .json: the data exactly as typed
        assert data["details"][key] == typed
        # .md, rendered: the same text, and no markup made from it
        text, tags = markdown_field(rendered, label)
        assert blank_lines_as_empty(text) == blank_lines_as_empty(shown(typed)), (key, typed, text)
        assert tags == [], (key, typed, tags)
        # HTML (the page, the rich-text copy): the same text, as text
        text, tags = html_field(result["html"], key)
        assert text == shown(typed) and tags == [], (key, typed, text)
        # Plain text (the plain-text copy): the label's line, then the text as typed
        assert f"\n{label}\n{shown(typed)}\n" in result["text"], (key, typed)


def test_plain_text_adds_no_markup():
    for details in RECORDS:
        text = make(details, partnership="Anytown Safeguarding Children Partnership")["text"]
        for typed in sorted(details.values(), key=len, reverse=True):
            text = text.replace(shown(typed), "")
        assert not re.search(r"\*\*|#|\\|&(amp|lt|gt|#\d+);|<[a-z/]", text), text


def test_direction_overrides_are_shown_not_obeyed():
    """"Alex <RLO>LSD<PDF>" would show as "Alex DSL": every output a person reads shows the controls."""
    result = make({"what": "w", "with_whom": "Alex \u202eLSD\u202c", "why": "y", "when": "z", "by_whom": "b", "reasons": "r"})
    for output in ("text", "html"):
        assert "Alex [U+202E]LSD[U+202C]" in result[output]
    assert "Alex \\[U+202E\\]LSD\\[U+202C\\]" in result["markdown"]
    for output in ("text", "html", "markdown", "json"):
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", result[output]), output
    assert "Alex \\u202eLSD\\u202c" in result["json"]
    assert json.loads(result["json"])["details"]["with_whom"] == "Alex \u202eLSD\u202c"


def test_the_record_reads_as_a_document():
    result = make({"what": "Attendance notes", "with_whom": "Front door", "why": "Concern", "when": "Today",
                   "by_whom": "The DSL", "reasons": "Necessary", "consulted": "DPO"},
                  decision="not_shared", partnership="Anytown Safeguarding Children Partnership")
    text = result["text"]
    assert text.startswith("Information sharing decision record\nPartnership: Anytown Safeguarding Children Partnership\n"
                           "Record made: 30 November 2026\nChecker used: Key questions: should I share? (result: Share)\n")
    assert "\nDecision\nI decided not to share.\n" in text
    assert text.endswith(f"\n\n{decision_record.DISCLAIMER}\n")  # one line break at the end, no blank line
    assert "\n- Is the information confidential?\n  Yes\n" in text
    assert "\nWho to ask:\n- Your designated safeguarding lead" in text
    assert "\nReferences relied on\n- DfE Information sharing advice (2024)" in text
    document = result["html"]
    assert document.startswith('<article class="decision-record">\n<h3>Information sharing decision record</h3>')
    assert "<h4>References relied on</h4>" in document and "<script" not in document
    assert result["markdown"].startswith("# Information sharing decision record\n\n**Partnership:** Anytown")
    assert json.loads(result["json"])["generated_on"] == "2026-11-30"


def test_a_reference_with_a_status_shows_it_in_words():
    """References gain a status ("in_force", "reported", "not_in_force") with words to show."""
    record = make({"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "reasons": "r"})["record"]
    record["references"][0] = {**record["references"][0], "status": "reported",
                               "status_text": "reported by the ICO; check before relying on it"}
    bare = {key: record["references"][1][key] for key in ("citation", "title", "url")}  # no status: shown as it is
    record["references"][1] = bare
    blocks = decision_record.document(record)
    assert f"- {bare['citation']}: {bare['title']}\n  {bare['url']}" in decision_record.to_text(blocks)
    citation = record["references"][0]["citation"]
    for output in (decision_record.to_text(blocks), decision_record.to_html(blocks)):
        assert f"{citation}: " in output and ". Reported by the ICO; check before relying on it." in output
    rendered = without_abbreviations(render_markdown(decision_record.to_markdown(blocks)))
    assert ". Reported by the ICO; check before relying on it." in rendered


# The Word document (.docx), opened by a real reader (python-docx) -------------------------------

def open_docx(result: dict):
    import base64
    import io

    import docx

    return docx.Document(io.BytesIO(base64.b64decode(result["docx"])))


def docx_field(document, label: str) -> str:
    """The text of the paragraph after the bold label's paragraph (python-docx reads <w:br/> as a
    line break and <w:tab/> as a tab)."""
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.text == label and all(run.bold for run in paragraph.runs):
            # The label stays on the page of the text it heads; the text as typed is not bold.
            assert paragraph.paragraph_format.keep_with_next is True, label
            assert not any(run.bold for run in paragraphs[index + 1].runs), label
            return paragraphs[index + 1].text
    raise AssertionError(f"no field labelled {label!r} in the .docx")


@pytest.mark.parametrize("details", RECORDS, ids=[f"record-{n}" for n in range(1, len(RECORDS) + 1)])
def test_the_word_document_shows_the_typed_text(details):
    result = make(details, partnership="Anytown Safeguarding Children Partnership")
    document = open_docx(result)
    for key, typed in details.items():
        assert docx_field(document, DETAILS[key].label) == shown(typed), (key, typed)


def test_the_word_document_holds_every_part_of_the_record():
    """Every line of the plain-text record is in the .docx, in order, with headings as Word headings,
    the lists as Word lists and the release and law date in the heading lines."""
    details = {"what": "Attendance notes", "with_whom": "Front door", "why": "Concern", "when": "Today",
               "by_whom": "The DSL", "reasons": "Necessary", "consulted": "DPO"}
    result = make(details, partnership="Anytown Safeguarding Children Partnership")
    document = open_docx(result)
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    record = result["record"]
    assert paragraphs[0] == ("Title", record["title"])
    assert ("Normal", "Guidance followed: Anytown Safeguarding Children Partnership, release "
            + decision_record.GUIDANCE_RELEASE) in paragraphs
    assert ("Normal", "Law applied: as it stood on 30 November 2026") in paragraphs
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == ["Decision", "Details", "Answers given to the checker", "What the checker said", "References relied on"]
    listed = [text for style, text in paragraphs if style == "List Paragraph"]
    for answer in record["answers"]:
        assert f"{answer['question']}\n{answer['answer_label']}" in listed
    for action in record["actions"]:
        assert action in listed
    for reference in record["references"]:
        assert any(text.startswith(f"{reference['citation']}: {reference['title']}") and text.endswith(f"\n{reference['url']}")
                   for text in listed)
    # The plain text and the .docx say the same, line for line (lists aside, whose markers Word draws).
    docx_lines = [line for _, text in paragraphs for line in text.split("\n")]
    for line in result["text"].splitlines():
        line = re.sub(r"^(\d+\.|-) |^  ", "", line)
        assert not line or line in docx_lines or line.rstrip(":") in docx_lines, line
    assert document.core_properties.title == record["title"]
    assert document.core_properties.created == dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc)


def test_the_word_document_is_the_same_bytes_every_time():
    details = {"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "reasons": "r"}
    assert make(details)["docx"] == make(details)["docx"]
    import base64
    import zipfile
    import io

    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(make(details)["docx"])))
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in archive.infolist()} == {0o644}  # unzipped, readable by all, not executable
    assert archive.testzip() is None


def test_characters_xml_cannot_hold_are_shown_not_dropped():
    typed = "a\ufffeb\uffffc\x07d\u202ee"
    result = make({"what": typed, "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "reasons": "r"})
    assert docx_field(open_docx(result), DETAILS["what"].label) == "a[U+FFFE]b[U+FFFF]c[U+0007]d[U+202E]e"


def test_every_record_says_what_it_rests_on_and_has_no_dangling_reference():
    """The release, the law's date and the edition, in every output; no "(see what to record)", which
    points to a part of the page's result that the record does not hold."""
    from checkers.release import DEFAULT_EDITION, GUIDANCE_RELEASE

    for checker, answers in (("key-questions", ANSWERS),
                             ("proportionality", json.loads(open(__file__.replace("test_decision_record.py", "scenarios/proportionality/more-than-needed.json")).read())["input"])):
        request = {"checker": checker, "answers": answers,
                   "details": {"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "reasons": "r", "decision": "shared"}}
        for edition, shown_edition in ((None, DEFAULT_EDITION), ("Anytown guidance", "Anytown guidance")):
            result = api.evaluate("decision-record", {**request, **({"edition": edition} if edition else {})}, ON)
            assert json.loads(result["json"])["guidance"] == {"edition": shown_edition, "release": GUIDANCE_RELEASE, "law_applied_on": "2026-11-30"}
            line = f"{shown_edition}, release {GUIDANCE_RELEASE}"
            assert f"Guidance followed: {line}\nLaw applied: as it stood on 30 November 2026\n" in result["text"]
            assert f"**Guidance followed:** {line}" in result["markdown"]
            assert f"<strong>Guidance followed:</strong> {line}" in result["html"]
            paragraphs = [p.text for p in open_docx(result).paragraphs]
            assert f"Guidance followed: {line}" in paragraphs
            if checker == "key-questions":  # its actions point to the page's "What to record"
                assert any("see what to record" in action for action in api.evaluate(checker, answers, ON)["actions"])
            for output in ("text", "markdown", "html", "json"):
                assert "see what to record" not in result[output].lower(), (checker, output)
            if checker == "key-questions":
                assert "Record your decision to share and your reasons." in result["text"]
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d{1,2}(\.\d+)?", GUIDANCE_RELEASE)


def test_the_release_is_the_guidance_packages_version():
    """The constant the records name is the version of the package the pages come from (the build
    refuses to run otherwise: safeguarding_guidance/plugin.py)."""
    import safeguarding_guidance
    from checkers.release import GUIDANCE_RELEASE

    assert GUIDANCE_RELEASE == safeguarding_guidance.__version__


# What each detail of the record takes: the form's maxlength, the command line's and the API's limit
# are all these (a date and time, a name and role, who was consulted, and free text for the rest).
LENGTH_LIMITS = {"what": 4000, "with_whom": 4000, "why": 4000, "when": 200, "by_whom": 400, "reasons": 4000, "consulted": 1000}


@pytest.mark.parametrize(("field", "limit"), LENGTH_LIMITS.items())
def test_each_detail_takes_text_up_to_its_limit_and_not_a_character_more(field, limit):
    details = {"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "reasons": "r"}
    assert make({**details, field: "a" * limit})["record"]["details"][field] == "a" * limit
    request = {"checker": "decision-record", "input": {
        "checker": "key-questions", "answers": ANSWERS, "details": {**details, field: "a" * (limit + 1), "decision": "shared"}}}
    refused = json.loads(api.handle(json.dumps(request)))
    assert refused["ok"] is False and refused["error"]["field"] == f"details.{field}", refused
    assert f"1 to {limit} characters" in refused["error"]["message"]


def test_the_partnership_takes_up_to_200_characters():
    details = {"what": "w", "with_whom": "x", "why": "y", "when": "z", "by_whom": "b", "reasons": "r"}
    assert make(details, partnership="P" * 200)["record"]["partnership"] == "P" * 200
    request = {"checker": "decision-record", "input": {
        "checker": "key-questions", "answers": ANSWERS, "details": {**details, "decision": "shared"}, "partnership": "P" * 201}}
    refused = json.loads(api.handle(json.dumps(request)))
    assert refused["ok"] is False and refused["error"]["field"] == "partnership"
    assert "up to 200 characters" in refused["error"]["message"]
