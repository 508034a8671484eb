"""How the duty to share (Children Act 2004 s16LA) may be described: never as settled (issue 19 §1).

The start date of the duty (30 September 2026) rests on one secondary source, and no commencement
regulations have been found. So a sentence that says organisations must share, or now have the duty,
says in the same sentence that the duty is reported, or applies only if it applies to the reader.

Shared by the tests that read the built pages (tests/test_duty_wording_pages.py) and the ones that read
the checkers' output. Two functions:

- `sentences(text)`: plain text (a page's text, or a checker's result) split into sentences. A line
  break ends a sentence, so each heading, list item and table cell of a page stands alone.
- `overstated(sentences)`: the sentences that state the duty to share as settled.
"""

from __future__ import annotations

import re

# Words after which a full stop does not end a sentence ("No. 1 Regulations", "c. 21", "e.g. a GP").
_NOT_AN_END = re.compile(r"(?:\b(?:No|no|c|e\.g|i\.e|para|paras|reg|regs|art|s|ss|St|Dr|Mr|Mrs|Ms|vs|etc))\.$")

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9*])")

# What other duties are "to" do: "the duty to report", "a new duty to notify" are not the duty to share.
_OTHER_DUTIES = (
    r"(?:report|refer|notify|co-?operate|comply|make arrangements|have regard|safeguard|protect|record|tell"
    r"|give|provide|investigate|assess|keep|act|take|make enquiries|consult|publish|inform)"
)

# The sentence is about the duty to share: it names the duty, or uses the words of its test.
ABOUT_THE_DUTY = re.compile(
    r"duty to share|information[- ]sharing duty|\b(?:section |s\.? ?)16LA\b|\b16LA\b"
    r"|\b(?:(?:the|this|that) (?:new )?|new (?:legal |statutory )?)duty\b(?! (?:of|to " + _OTHER_DUTIES + r")\b)"
    r"|\bbound (?:organisation|body|bodies|setting)s?\b"
    r"|\b(?:organisations?|body|bodies) (?:it|the duty) (?:binds|covers)\b"
    r"|relevant to (?:safeguarding|promoting|a child's (?:safety|welfare)|the child's (?:safety|welfare))",
    re.I,
)

# Wording that states the duty as binding now.
OVERSTATING = re.compile(
    r"\bmust (?:also |now |then |always )?(?:share|disclose|pass on|hand over|provide)\b"
    r"|\bmust (?:now |then )?(?:make sure|ensure) (?:that )?(?:the |this |that |such |relevant )?(?:information\b|it"
    r" (?:reaches|is disclosed|is shared|is passed|gets))"
    r"|\bnow (?:ha(?:ve|s)|(?:is|are) under|carr(?:y|ies)) (?:a|the) (?:new )?(?:legal |statutory )?duty\b"
    r"|\bha(?:ve|s) (?:a|the) (?:new )?(?:legal |statutory )?duty to share\b"
    r"|\b(?:is|are) (?:now )?(?:under (?:a|the) duty to|required to|obliged to|bound to) (?:share|disclose)\b"
    r"|\b(?:is|are) (?:now )?bound by (?:the|this|that|a|the new) (?:new )?duty\b"
    r"|\bduty(?: to share)?(?: \S+){0,6}? (?:now )?(?:covers|binds|applies to)"
    r" (?:you|your (?:organisation|setting|service|school|team)"
    r"|many|most|every|all|councils|organisations|bodies|schools|charities)\b"
    r"|\b(?:require|make|oblige|compel)s? (?:\S+ ){0,3}?(?:organisations|bodies|you|them|schools|charities|providers)"
    r"(?: (?!share\b|disclose\b)\S+){0,5}? (?:to )?(?:share|disclose)\b"
    r"|\b(?:require|oblige|compel)s?\b[^.;:?!]{0,200}?\bto (?:share|disclose|pass on|make sure|ensure)\b"
    r"|\byou are bound\b",
    re.I,
)

# Wording that says, in the same sentence, that the duty is reported or conditional.
QUALIFIED = re.compile(
    r"\breported\b|\bunconfirmed\b|\bnot (?:yet )?(?:been )?(?:confirmed|in force|commenced|found)\b|\bcommencement\b"
    r"|\b(?:cannot|could not|can't) (?:yet )?confirm\b|\bour (?:reading|analysis)\b"
    r"|\bif (?:and when |once )?(?:it|the duty|this duty|that duty|the new duty|section 16LA)"
    r" (?:applies|is in force"
    r"|comes into force|has come into force|is commenced|starts|covers|binds)\b"
    r"|\bif it applies to you\b|\b(?:may|might|could|would) apply\b|\bwhere (?:it|the duty) applies\b"
    r"|\bonce (?:it|the duty|this duty|that duty|section 16LA|the duty to share)"
    r" (?:applies|is in force|comes into force|starts"
    r"|is confirmed|has started)\b"
    r"|\bwhen (?:it|the duty) (?:applies|comes into force|starts|is in force)\b"
    r"|\bif (?:you are|your organisation is|it is|they are|the body is|a body is) (?:bound|covered)\b"
    r"|\bif (?:your organisation|you|it|they) (?:is|are) (?:among )?(?:the )?bod(?:y|ies)"
    r" (?:it|the duty) (?:binds|covers)\b"
    r"|\bmay bind\b|\bwould (?:bind|cover|require)\b",
    re.I,
)

# A denial close before the overstating words ("this does not mean you must share").
_DENIAL_BEFORE = re.compile(r"\b(?:not|never|no|nor|n't|without)\b(?:\W+\w+){0,4}\W*$", re.I)


def sentences(text: str) -> list[str]:
    """The text split into sentences. A line break ends one; so does . ! or ? before a capital."""
    result: list[str] = []
    for line in re.split(r"\s*\n\s*", text):
        line = re.sub(r"\s+", " ", line).strip()
        if not line:
            continue
        parts = _SENTENCE_END.split(line)
        merged: list[str] = []
        for part in parts:
            if merged and _NOT_AN_END.search(merged[-1]):
                merged[-1] = f"{merged[-1]} {part}"
            else:
                merged.append(part)
        result.extend(p.strip() for p in merged if p.strip())
    return result


def _overstates(sentence: str) -> bool:
    if sentence.rstrip().endswith("?"):
        return False  # a question asks; it does not state the law
    if not ABOUT_THE_DUTY.search(sentence) or QUALIFIED.search(sentence):
        return False
    return any(not _DENIAL_BEFORE.search(sentence[: found.start()]) for found in OVERSTATING.finditer(sentence))


def overstated(sentences: list[str]) -> list[str]:
    """The sentences that state the duty to share as binding without saying it is reported or conditional."""
    return [sentence for sentence in sentences if _overstates(sentence)]
