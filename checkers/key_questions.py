"""Key questions: the step-by-step flow of local information sharing flowcharts.

Is there a clear and legitimate purpose? Does the information identify a living person? Is it
confidential? Is there consent? Is there an overriding public interest or another lawful reason?
The flow ends in share, do not share, or seek advice, then says whom to tell first, how to share and
what to record. Answers arrive all at once or one at a time; the result gives the path so far and the
next question.

One question sits outside the flow: whether a child asked you not to tell anyone
(`child_asked_secrecy`). It changes no outcome; once the flow reaches one, the result says what to
say to the child. Left unanswered, every result is as it was without it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import advice, england_date
from .law import edition, ref
from .schema import Choice, Kind, Question

NAME = "key-questions"
TITLE = "Key questions: should I share?"

SHARE, DO_NOT_SHARE, SEEK_ADVICE, INCOMPLETE = "share", "do_not_share", "seek_advice", "incomplete"

QUESTIONS: tuple[Question, ...] = (
    Question(
        "immediate_danger",
        "Is anyone in immediate danger?",
        Kind.CHOICE,
        help="If so, call 999 now. Share what is needed to protect them, then record it.",
        choices=(Choice("yes", "Yes"), Choice("no", "No")),
        required=False,
        guidance="principles.md#timely",
    ),
    Question(
        "purpose",
        "Is there a clear and legitimate purpose for sharing?",
        Kind.CHOICE,
        help="For example: to protect a child from harm, to help a family get support, or because a law or court requires it.",
        choices=(Choice("yes", "Yes"), Choice("no", "No"), Choice("not_sure", "Not sure")),
        required=False,
        guidance="principles.md#necessary-and-proportionate",
    ),
    Question(
        "identifies",
        "Does the information identify a living person, or could it with other information?",
        Kind.CHOICE,
        help="If the person could be identified by putting it together with other information, answer yes.",
        choices=(Choice("yes", "Yes"), Choice("no", "No"), Choice("not_sure", "Not sure")),
        required=False,
        guidance="lawful-bases.md#article-6",
    ),
    Question(
        "confidential",
        "Is the information confidential?",
        Kind.CHOICE,
        help="Was it given to you in confidence, in a relationship of trust, and is it not already public?",
        choices=(Choice("yes", "Yes"), Choice("no", "No"), Choice("not_sure", "Not sure")),
        required=False,
        guidance="consent-and-confidentiality.md#duty-of-confidence",
    ),
    Question(
        "consent",
        "Do you have consent to share?",
        Kind.CHOICE,
        help="You do not need consent to share to protect a child. Do not ask if asking would put anyone at risk or cause harmful delay.",
        choices=(
            Choice("yes", "Yes, the person agreed"),
            Choice("no", "No, they refused"),
            Choice("not_asked", "I have not asked, or should not ask"),
        ),
        required=False,
        guidance="consent-and-confidentiality.md#when-not-to-seek-consent",
    ),
    Question(
        "other_reason",
        "Is there an overriding public interest or another lawful reason to share?",
        Kind.CHOICE,
        choices=(
            Choice("public_interest", "Yes: a child is at risk of significant harm, an adult is at risk of serious harm, or sharing will help prevent or detect serious crime"),
            Choice("legal_duty", "Yes: the law requires it, for example a court order, a request the law says you must meet (such as from the safeguarding partners), or a duty to report (such as known FGM)"),
            Choice("no", "No"),
            Choice("not_sure", "Not sure"),
        ),
        required=False,
        guidance="consent-and-confidentiality.md#public-interest",
    ),
    Question(
        "seek_consent",
        "Where it is safe and practicable, ask for consent: explain what you want to share, with whom and why. What happened?",
        Kind.CHOICE,
        help="Golden rule 2: be open with the person about sharing, unless that would put someone at risk. "
        "Do not ask if asking could put anyone at risk, tip off an abuser or cause harmful delay.",
        choices=(
            Choice("agreed", "I asked and they agreed"),
            Choice("refused", "I asked and they refused"),
            Choice("not_safe", "It is not safe or practicable to ask"),
        ),
        required=False,
        guidance="consent-and-confidentiality.md#when-not-to-seek-consent",
    ),
    Question(
        "child_asked_secrecy",
        "Has a child asked you not to tell anyone?",
        Kind.CHOICE,
        help="It does not change whether you share. It changes what you say to the child: never promise to keep a secret.",
        choices=(Choice("yes", "Yes"), Choice("no", "No")),
        required=False,
        guidance="golden-rules.md#the-seven-golden-rules",
    ),
)

# Questions outside the flow: asked once the flow reaches an outcome, and never "off the path".
ASIDE = ("child_asked_secrecy",)

BY_ID = {question.id: question for question in QUESTIONS}


@dataclass(frozen=True)
class End:
    outcome: str
    reason: str


@dataclass(frozen=True)
class Fork:
    """A step that depends on an earlier answer: `then` if `question` was answered `answer`, else `otherwise`."""

    question: str
    answer: str
    then: str | End
    otherwise: str | End

    def follow(self, payload: dict) -> str | End:
        return self.then if payload.get(self.question) == self.answer else self.otherwise


# Each step: for each answer, the next question's id or the end of the flow.
FLOW: dict[str, dict[str, str | End | Fork]] = {
    # Optional first question: left unanswered, the flow starts at "purpose".
    "immediate_danger": {
        "yes": End(SHARE, "Someone is in immediate danger: call 999 now, and share what is needed to protect them with the people who can act. Record it as soon as you can afterwards."),
        "no": "purpose",
    },
    "purpose": {
        "yes": "identifies",
        "no": End(DO_NOT_SHARE, "Without a clear and legitimate purpose, do not share."),
        "not_sure": End(SEEK_ADVICE, "Ask for advice to be clear about the purpose before you share."),
    },
    "identifies": {
        "yes": "confidential",
        "not_sure": "confidential",
        "no": End(SHARE, "Information that identifies no one is not personal data: you can share it for your purpose."),
    },
    "confidential": {
        "yes": "consent",
        "not_sure": "consent",
        "no": End(SHARE, "The information is not confidential. You can share it for your purpose, with a lawful basis under data protection law."),
    },
    "consent": {
        "yes": End(SHARE, "The person consented to you sharing it."),
        "no": "other_reason",
        "not_asked": "other_reason",
    },
    "other_reason": {
        "public_interest": End(SHARE, "An overriding public interest justifies sharing without consent. Share only what is needed."),
        "legal_duty": End(SHARE, "The law requires you to share. Share what the duty or order requires."),
        # Golden rule 2: before ending in "do not share", prompt for consent if it has not been sought.
        "no": Fork(
            "consent", "not_asked", "seek_consent",
            End(DO_NOT_SHARE, "Without consent, a public interest or a legal reason, do not share confidential information. Record your decision; look again if things change."),
        ),
        "not_sure": End(SEEK_ADVICE, "Ask for advice on whether the public interest or the law justifies sharing. Do not let this delay protecting anyone at risk."),
    },
    "seek_consent": {
        "agreed": End(SHARE, "The person agreed to you sharing it."),
        "refused": End(DO_NOT_SHARE, "They refused, and there is no public interest or legal reason to share without consent. Do not share; record your decision, and look again if things change."),
        "not_safe": End(SEEK_ADVICE, "If it is not safe to ask, that may itself show a risk. Ask for advice on whether the public interest justifies sharing without consent."),
    },
}
START = "purpose"
FLOW_QUESTIONS = tuple(question for question in QUESTIONS if question.id in FLOW)  # the flowchart's
OPTIONAL_START = "immediate_danger"

# The first person to tell: the DSL; anyone can refer to children's social care, and the DSL's absence
# must not delay a referral (Keeping children safe in education, Part one; Working Together to
# Safeguard Children, chapter 2: any practitioner can refer).
TELL_FIRST = (
    "Tell your designated safeguarding lead (DSL) today. If you are the DSL or cannot reach them, and a child "
    "may be at risk, contact children's social care yourself: anyone can refer."
)
SHARE_WELL = (
    "Share only what is needed, securely, with someone who has a safeguarding or support role. "
    "Separate fact from opinion, and say where it came from."
)
TELL_THE_PERSON = "Tell the person what you shared, unless that could put a child or anyone else at risk."
# What to say to a child who asked you to keep it secret: staff "should never promise a child that
# they will not tell anyone about a report of any form of abuse" (Keeping children safe in education,
# Part one); be open and honest about who will be told and why (DfE information sharing advice 2024,
# golden rule 2).
SECRECY_SHARE = (
    "Never promise the child to keep it secret. Tell them who you will tell, why, and what happens next, "
    "in words they understand."
)
SECRECY_NOT_SHARED = (
    "Never promise the child to keep it secret. Explain that if you become worried about their safety, "
    "you will tell someone who can help."
)
MAX_ACTIONS = 5


def evaluate(payload: dict, on: dt.date | None = None) -> dict:
    on = on or england_date.today()
    path: list[dict] = []
    step: str | End = OPTIONAL_START if OPTIONAL_START in payload else START
    while isinstance(step, str) and step in payload:
        question = BY_ID[step]
        answer = payload[step]
        path.append({"id": step, "question": question.label, "answer": answer, "answer_label": question.label_for(answer)})
        step = FLOW[step][answer]
        if isinstance(step, Fork):
            step = step.follow(payload)

    answered_off_path = sorted(set(payload) - {item["id"] for item in path} - set(ASIDE))
    if isinstance(step, str):
        outcome, summary, next_question = INCOMPLETE, "Answer the next question.", BY_ID[step].as_dict()
    else:
        outcome, summary, next_question = step.outcome, step.reason, None

    secrecy = payload.get("child_asked_secrecy") == "yes"
    actions: list[str] = []
    if payload.get("immediate_danger") == "yes":
        actions.append("Call 999 now if anyone is in immediate danger. Do not wait to finish these questions.")
    if outcome == SHARE:
        actions += [TELL_FIRST, SHARE_WELL]
        if secrecy:
            actions.append(SECRECY_SHARE)
        elif payload.get("identifies") != "no" and payload.get("other_reason") != "legal_duty":
            # Not for information that identifies no one; nor where the law requires the sharing: the
            # order or duty says who may be told.
            actions.append(TELL_THE_PERSON)
    if outcome == DO_NOT_SHARE:
        actions.append("If the situation changes, or you learn more, ask the questions again.")
        if secrecy:
            actions.append(SECRECY_NOT_SHARED)
    if outcome == SEEK_ADVICE:
        actions.append("Seek advice now from your designated safeguarding lead (DSL), without naming the person if you can. "
                       "Do not let it delay protecting anyone at risk.")
        if secrecy:
            actions.append(SECRECY_SHARE)
    if outcome != INCOMPLETE:
        decision = {SHARE: "to share", DO_NOT_SHARE: "not to share", SEEK_ADVICE: "to seek advice"}[outcome]
        actions.append(f"Record your decision {decision} and your reasons (see what to record).")
        if outcome == SHARE and payload.get("identifies") != "no" and len(actions) < MAX_ACTIONS:
            actions.append("Check the lawful basis you rely on: the lawful basis checker can help.")

    ask = [advice.ask(advice.DSL, "if you are unsure, or the concern grows")]
    if payload.get("confidential") in ("yes", "not_sure") or outcome == SEEK_ADVICE:
        ask.append(advice.ask(advice.DPO, "about the lawful basis and confidentiality"))
        ask.append(advice.ask(advice.CALDICOTT, "about confidential health or social care information"))
    if payload.get("other_reason") == "legal_duty":
        ask.append(advice.ask(advice.LEGAL, "if what the order or duty requires is unclear"))

    warnings = []
    if answered_off_path and outcome != INCOMPLETE:
        warnings.append("Not needed on this path: " + ", ".join(answered_off_path) + ".")
    if payload.get("consent") == "not_asked" and outcome == SHARE and payload.get("seek_consent") != "agreed":
        warnings.append("Where it is safe and practicable, tell the person or family what you are sharing and why.")

    # The organisation is not known here, so no reference to a basis that only some organisations have.
    references = [
        ref(id).as_dict(on)
        for id in (edition("information_sharing_advice", on).id, "common_law_confidence", "art6", "art5")
    ]
    return {
        "checker": NAME,
        "evaluated_on": on.isoformat(),
        "outcome": outcome,
        "summary": summary,
        "path": path,
        "next_question": next_question,
        # What a form shows: the immediate-danger question always, the path taken and the next question.
        # Once the flow reaches an outcome, the questions outside it too.
        "visible": list(dict.fromkeys([OPTIONAL_START, *(item["id"] for item in path), *([next_question["id"]] if next_question else list(ASIDE))])),
        "actions": actions,
        "record": advice.record_for(outcome) if outcome != INCOMPLETE else [],
        "ask": ask,
        "warnings": warnings,
        "references": references,
    }
