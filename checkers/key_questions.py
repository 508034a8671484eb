"""Key questions: the step-by-step flow of local information sharing flowcharts.

Is there a clear and legitimate purpose? Does the information identify a living person? Is it
confidential? Is there consent? Is there an overriding public interest or another lawful reason?
The flow ends in share, do not share, or seek advice, then says how to share and what to record.
Answers arrive all at once or one at a time; the result gives the path so far and the next question.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import advice
from .law import ref
from .schema import Choice, Kind, Question

NAME = "key-questions"
TITLE = "Key questions: should I share?"

SHARE, DO_NOT_SHARE, SEEK_ADVICE, INCOMPLETE = "share", "do_not_share", "seek_advice", "incomplete"

QUESTIONS: tuple[Question, ...] = (
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
            Choice("legal_duty", "Yes: the law requires it, for example a court order, or a legal duty to help a section 47 enquiry"),
            Choice("no", "No"),
            Choice("not_sure", "Not sure"),
        ),
        required=False,
        guidance="consent-and-confidentiality.md#public-interest",
    ),
)

BY_ID = {question.id: question for question in QUESTIONS}


@dataclass(frozen=True)
class End:
    outcome: str
    reason: str


# Each step: for each answer, the next question's id or the end of the flow.
FLOW: dict[str, dict[str, str | End]] = {
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
        "no": End(DO_NOT_SHARE, "Without consent, a public interest or a legal reason, do not share confidential information. Record your decision; look again if things change."),
        "not_sure": End(SEEK_ADVICE, "Ask for advice on whether the public interest or the law justifies sharing. Do not let this delay protecting a child."),
    },
}
START = "purpose"

HOW_TO_SHARE = (
    "Decide how much to share: only what the recipient needs for the purpose.",
    "Separate fact from opinion, and say where the information came from.",
    "Make sure you are giving it to the right person, who has a role in safeguarding or support.",
    "Share it securely.",
    "Tell the person it has been shared, if they did not know, unless that could put a child or anyone else at risk.",
)


def evaluate(payload: dict, on: dt.date | None = None) -> dict:
    on = on or dt.date.today()
    path: list[dict] = []
    step: str | End = START
    while isinstance(step, str) and step in payload:
        question = BY_ID[step]
        answer = payload[step]
        path.append({"id": step, "question": question.label, "answer": answer, "answer_label": question.label_for(answer)})
        step = FLOW[step][answer]

    answered_off_path = sorted(set(payload) - {item["id"] for item in path})
    if isinstance(step, str):
        outcome, summary, next_question = INCOMPLETE, "Answer the next question.", BY_ID[step].as_dict()
    else:
        outcome, summary, next_question = step.outcome, step.reason, None

    actions: list[str] = []
    if outcome == SHARE:
        actions.extend(HOW_TO_SHARE)
    if outcome == DO_NOT_SHARE:
        actions.append("If the situation changes, or you learn more, ask the questions again.")
    if outcome == SEEK_ADVICE:
        actions.append("Seek advice now, without disclosing the person's identity if you can. Do not let it delay protecting a child.")
    if outcome != INCOMPLETE:
        actions.append("Record your decision and reasons, whether or not you share.")
        if outcome == SHARE and payload.get("identifies") != "no":
            actions.append("Check the lawful basis you rely on: the lawful basis checker can help.")

    ask = [advice.ask(advice.DSL, "if you are unsure about any answer, or the concern grows")]
    if payload.get("confidential") in ("yes", "not_sure") or outcome == SEEK_ADVICE:
        ask.append(advice.ask(advice.DPO, "about the lawful basis and confidentiality"))
        ask.append(advice.ask(advice.CALDICOTT, "if it is confidential health or social care information"))
    if payload.get("other_reason") == "legal_duty":
        ask.append(advice.ask(advice.LEGAL, "if the scope of the order or duty is unclear"))

    warnings = []
    if answered_off_path and outcome != INCOMPLETE:
        warnings.append("Not needed on this path: " + ", ".join(answered_off_path) + ".")
    if payload.get("consent") == "not_asked" and outcome == SHARE:
        warnings.append("Where it is safe and practicable, tell the child or family what you are sharing and why.")

    references = [ref("dfe_2024").as_dict(), ref("common_law_confidence").as_dict(), ref("art6_1_e").as_dict(), ref("art5").as_dict()]
    return {
        "checker": NAME,
        "evaluated_on": on.isoformat(),
        "outcome": outcome,
        "summary": summary,
        "path": path,
        "next_question": next_question,
        "actions": actions,
        "record": list(advice.RECORD_ALWAYS) if outcome != INCOMPLETE else [],
        "ask": ask,
        "warnings": warnings,
        "references": references,
    }
