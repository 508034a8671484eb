"""No built page states the duty to share as settled (issue 19 §1).

Every sentence of every built page (the text a reader sees: the article of each HTML page, headings,
bold lead-ins, list items, table cells and case studies included), in the default site and in both
example editions, is read. A sentence that says organisations must share, or now have the duty, must
say in the same sentence that the duty is reported or conditional. The phrase lists and the sentence
splitting live in tests/duty_wording.py, which the checkers' own test uses too.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SITES
from duty_wording import overstated, sentences

# Elements whose end is the end of a sentence, even without a full stop.
BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "dt", "dd", "div", "br", "summary",
    "details", "blockquote", "pre", "figcaption", "caption", "section", "table", "ul", "ol", "dl",
}
SKIPPED = {"script", "style", "template", "svg", "noscript"}


class ArticleText(HTMLParser):
    """The text of a page's <article> (Material puts the page body there), a line per block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the article, how many open elements deep
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth == 0:
            if tag == "article":
                self.depth = 1
            return
        if tag in ("br", "hr", "img", "input", "meta", "link", "wbr"):
            self.parts.append("\n")
            return
        self.depth += 1
        if self.skipping or tag in SKIPPED or "headerlink" in classes:
            self.skipping += 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.depth == 0 or tag in ("br", "hr", "img", "input", "meta", "link", "wbr"):
            return
        self.depth -= 1
        if self.skipping:
            self.skipping -= 1
        if tag in BLOCKS or tag == "article":
            self.parts.append("\n")

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))  # a line break in the HTML source is a space

    @property
    def text(self) -> str:
        return "".join(self.parts)


def article_text(html: str) -> str:
    parser = ArticleText()
    parser.feed(html)
    return parser.text


def built_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


@pytest.mark.parametrize("name", list(SITES))
def test_no_built_page_states_the_duty_to_share_as_settled(built_sites, name):
    site = built_sites[name].path
    pages = built_pages(site)
    assert len(pages) > 20, f"{name}: only {len(pages)} pages were built"
    found = {}
    for page in pages:
        bad = overstated(sentences(article_text(page.read_text(encoding="utf-8"))))
        if bad:
            found[str(page.relative_to(site))] = bad
    assert found == {}


def test_the_article_text_keeps_headings_list_items_and_bold_lead_ins_apart():
    html = (
        "<html><body><nav>Many organisations now have a duty to share.</nav><article>"
        "<h2 id='x'>The duty to share<a class='headerlink' href='#x'>¶</a></h2>"
        "<ul><li><strong>Many organisations now have a duty to share.</strong> Councils must share.</li>"
        "<li>Share early</li></ul><table><tr><td>Section 16LA</td><td>Duty to share</td></tr></table>"
        "<script>var s = 'You must share';</script></article></body></html>"
    )
    assert sentences(article_text(html)) == [
        "The duty to share", "Many organisations now have a duty to share.", "Councils must share.",
        "Share early", "Section 16LA", "Duty to share",
    ]


# The detector itself: it must catch the wording the pages used before this review...
@pytest.mark.parametrize(
    "text",
    [
        # docs/index.md until 6 December 2026, as built: a bold lead-in, then its sentence.
        "Many organisations now have a duty to share. Councils, NHS bodies, the police, designated childcare "
        "and education agencies, and the services they commission must share information relevant to a "
        "child's welfare.",
        # The lawful basis checker's gateway until 6 December 2026.
        "You must share information relevant to safeguarding or promoting the child's welfare with other "
        "bodies the duty covers, if you consider it may help them.",
        "The duty to share covers your organisation.",
        "Section 16LA requires many organisations to share information about children.",
        "Schools are now under a duty to share information.",
        "As a council, you are bound by the new duty.",
        "Your organisation has a duty to share.",
        "The organisation must then make sure the information is disclosed to another bound organisation.",
        "**A duty to share.** A new duty in section 16LA of the Children Act 2004 makes many organisations share.",
        # docs/duty-to-share.md's opening sentence until 6 December 2026, in its future tense.
        "A new law will make many organisations that work with children share information that is "
        "relevant to a child's safety or welfare, instead of only allowing them to.",
    ],
)
def test_the_detector_catches_a_settled_duty(text):
    assert overstated(sentences(text))


# ...and let through what is true: a reported or conditional duty, a question, a denial, other duties.
@pytest.mark.parametrize(
    "text",
    [
        "Many organisations may now have a duty to share: it is reported to apply from 30 September 2026.",
        "If the duty applies to you, you must make sure the information reaches the other body.",
        "Once it applies, a body the duty binds must share information relevant to a child's welfare.",
        "Does the new duty to share mean she must tell the council?",
        "The duty to share does not mean you must share everything.",
        "When you must share",
        "You must share what a court order requires.",
        "Public authorities have a duty to notify the Home Office about potential victims.",
        "The duty of confidence means you must share only what is needed.",
        "Commencement No. 1 did not include it. The duty to share is reported to apply from 30 September 2026.",
    ],
)
def test_the_detector_lets_through_a_reported_or_conditional_duty(text):
    assert overstated(sentences(text)) == []


def test_sentences_split_at_full_stops_and_line_breaks_but_not_after_no():
    assert sentences("The Crime and Policing Act 2026 (Commencement No. 1) Regulations. Next one.\nA line") == [
        "The Crime and Policing Act 2026 (Commencement No. 1) Regulations.", "Next one.", "A line",
    ]
