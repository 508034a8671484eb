"""Proportionality checker: the principles of sharing applied to one planned disclosure.

Each principle (necessary, proportionate, relevant, adequate, accurate, timely, secure, recorded)
is met, not met, or needs a check; the outcome follows from them. The weighing of harms is the
practitioner's own: the checker shows what their answers imply, and says who to ask.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import advice, england_date
from .law import edition, ref
from .schema import Choice, Kind, Question

NAME = "proportionality"
TITLE = "Proportionality checker"

LEVELS = {"low": 0, "medium": 1, "high": 2}
HARM_CHOICES = (
    Choice("low", "Low"),
    Choice("medium", "Medium"),
    Choice("high", "High"),
)
PRINCIPLES = ("necessary", "proportionate", "relevant", "adequate", "accurate", "timely", "secure", "recorded")
CORE = ("necessary", "proportionate", "relevant")  # not met: do not share as planned
# Not met: put right before sharing, not as you share (inaccurate information, an exposed identity,
# an unrecorded decision, an insecure channel, a channel too slow for an emergency).
BEFORE_SHARING = ("accurate", "secure", "recorded", "timely")

QUESTIONS: tuple[Question, ...] = (
    Question(
        "purpose_clear",
        "Can you say clearly why you are sharing, and what it should achieve?",
        Kind.BOOLEAN,
        help="For example: to let children's social care assess whether a child is at risk.",
        guidance="principles.md#necessary-and-proportionate",
    ),
    Question(
        "recipient_role",
        "What role does the person or organisation receiving it have?",
        Kind.CHOICE,
        choices=(
            Choice("safeguarding", "A safeguarding role (for example children's social care, police, a DSL)"),
            Choice("support", "A role supporting the child or family (for example a health visitor or school)"),
            Choice("none", "No safeguarding or support role"),
        ),
        guidance="golden-rules.md#the-seven-golden-rules",
    ),
    Question(
        "extent",
        "How much do you plan to share?",
        Kind.CHOICE,
        help="A whole case file is rarely needed.",
        choices=(
            Choice("minimum", "Only what they need for the purpose"),
            Choice("more_than_needed", "More than they need"),
            Choice("whole_record", "The whole record or case file"),
        ),
        guidance="principles.md#necessary-and-proportionate",
    ),
    Question("relevant", "Is all of it relevant to the purpose?", Kind.BOOLEAN, guidance="principles.md#relevant"),
    Question("accurate", "Is it accurate and up to date, as far as you know?", Kind.BOOLEAN, guidance="principles.md#accurate"),
    Question(
        "fact_opinion_distinguished",
        "Have you made clear what is fact, what is opinion, and where it came from?",
        Kind.BOOLEAN,
        guidance="principles.md#adequate",
    ),
    Question(
        "urgency",
        "How urgent is it?",
        Kind.CHOICE,
        choices=(
            Choice("emergency", "Emergency: someone is in immediate danger"),
            Choice("urgent", "Urgent: needed today"),
            Choice("routine", "Routine"),
        ),
        guidance="principles.md#timely",
    ),
    Question(
        "channel",
        "How will you share it?",
        Kind.CHOICE,
        choices=(
            Choice("secure_electronic", "Secure email or a secure system"),
            Choice("in_person", "In person"),
            Choice("phone", "By phone"),
            Choice("insecure_electronic", "Ordinary email, messaging app or personal account"),
            Choice("post", "By post"),
        ),
        guidance="situations/sending-securely.md",
    ),
    Question(
        "identities_protected",
        "Have you protected the identity of anyone who could be harmed if their details became known (or is there no one)?",
        Kind.BOOLEAN,
        help="For example a neighbour who raised the concern, or a parent who has fled an abuser.",
        guidance="golden-rules.md#the-seven-golden-rules",
    ),
    Question(
        "recorded",
        "Have you recorded, or will you record, what you share, with whom and why?",
        Kind.BOOLEAN,
        guidance="principles.md#recorded",
    ),
    Question(
        "harm_if_shared",
        "How much harm could sharing cause (to the child, family or others)?",
        Kind.CHOICE,
        choices=HARM_CHOICES,
        guidance="principles.md#proportionality-test",
    ),
    Question(
        "harm_if_not_shared",
        "How much harm could not sharing cause?",
        Kind.CHOICE,
        choices=HARM_CHOICES,
        guidance="principles.md#proportionality-test",
    ),
)


@dataclass(frozen=True)
class Plan:
    purpose_clear: bool
    recipient_role: str
    extent: str
    relevant: bool
    accurate: bool
    fact_opinion_distinguished: bool
    urgency: str
    channel: str
    identities_protected: bool
    recorded: bool
    harm_if_shared: str
    harm_if_not_shared: str

    @property
    def balance(self) -> int:
        """Positive when not sharing risks more harm than sharing."""
        return LEVELS[self.harm_if_not_shared] - LEVELS[self.harm_if_shared]


def _status(status: str, advice_text: str, guidance: str) -> dict:
    return {"status": status, "advice": advice_text, "guidance": guidance}


def _necessary(p: Plan) -> dict:
    if not p.purpose_clear:
        return _status("not_met", "Be clear why you are sharing before you share. If you cannot say, sharing is unlikely to be necessary.", "principles.md#necessary-and-proportionate")
    if p.recipient_role == "none":
        return _status("not_met", "Share only with people who have a role in safeguarding or supporting the child, adult or family. Find the right person.", "golden-rules.md#the-seven-golden-rules")
    return _status("met", "You have a clear purpose and the recipient has a role in safeguarding or support.", "principles.md#necessary-and-proportionate")


def _proportionate(p: Plan) -> dict:
    if not p.purpose_clear:
        return _status("not_met", "Without a clear purpose there is nothing to weigh the sharing against: say why you are sharing first.", "principles.md#necessary-and-proportionate")
    if p.extent == "whole_record":
        return _status("not_met", "A whole record is rarely needed. Select the parts that serve the purpose.", "principles.md#necessary-and-proportionate")
    if p.extent == "more_than_needed":
        return _status("not_met", "Share only what the recipient needs for the purpose: remove the rest.", "principles.md#necessary-and-proportionate")
    if p.balance > 0:
        return _status("met", "Not sharing risks more harm than sharing, and you plan to share only what is needed.", "principles.md#proportionality-test")
    if p.balance == 0:
        return _status("check", "The harm of sharing and of not sharing look similar. Weigh them again with your DSL, and record how you decided.", "principles.md#proportionality-test")
    return _status("not_met", "By your answers, sharing could cause more harm than not sharing. Think again and take advice before sharing.", "principles.md#proportionality-test")


def _relevant(p: Plan) -> dict:
    if p.relevant:
        return _status("met", "Everything you plan to share is relevant to the purpose.", "principles.md#relevant")
    return _status("not_met", "Remove anything not relevant to the purpose.", "principles.md#relevant")


def _adequate(p: Plan) -> dict:
    if p.relevant and p.fact_opinion_distinguished and p.extent != "more_than_needed":
        return _status("met", "The recipient should be able to understand and rely on what you share.", "principles.md#adequate")
    return _status("check", "Make sure the recipient can understand and rely on it: enough detail, sources given, fact and opinion clear.", "principles.md#adequate")


def _accurate(p: Plan) -> dict:
    if not p.accurate:
        return _status("not_met", "Before you share, check and correct the information, or say clearly what is uncertain or out of date.", "principles.md#accurate")
    if not p.fact_opinion_distinguished:
        return _status("check", "Say what is fact, what is opinion, and where each came from.", "principles.md#accurate")
    return _status("met", "The information is accurate and up to date, and fact is separated from opinion.", "principles.md#accurate")


def _timely(p: Plan) -> dict:
    if p.urgency == "emergency" and p.channel == "post":
        return _status("not_met", "In an emergency, call: 999 if someone is in immediate danger. Post is too slow.", "principles.md#timely")
    if p.urgency == "urgent" and p.channel == "post":
        return _status("check", "Post may be too slow for something needed today. Phone, then follow up securely in writing.", "principles.md#timely")
    return _status("met", "Share without delay: information shared late can fail to protect.", "principles.md#timely")


def _secure(p: Plan) -> dict:
    if not p.identities_protected:
        return _status("not_met", "Before you share, remove or protect the identity of anyone who could be harmed if their details became known, and ask the recipient to do the same.", "golden-rules.md#the-seven-golden-rules")
    if p.channel == "insecure_electronic":
        if p.urgency == "emergency":
            return _status("check", "In an emergency speed matters most, but phone if you can, and follow up through a secure route.", "situations/sending-securely.md")
        return _status("not_met", "Do not use ordinary email, messaging apps or personal accounts. Use secure email or a secure system.", "situations/sending-securely.md")
    if p.channel == "phone" and p.urgency == "routine":
        return _status("check", "Check who you are speaking to (call back on a known number) and confirm in writing through a secure route.", "situations/sending-securely.md")
    if p.channel == "post":
        return _status("check", "Seal it, mark it confidential, address it to a named person and use tracked delivery.", "situations/sending-securely.md")
    return _status("met", "You plan to share through a secure route.", "situations/sending-securely.md")


def _recorded(p: Plan) -> dict:
    if p.recorded:
        return _status("met", "Record what you shared, with whom, when and why, and your lawful basis.", "principles.md#recorded")
    if p.urgency == "emergency":
        return _status("check", "In an emergency, share first and record as soon as you can afterwards.", "principles.md#recorded")
    return _status("not_met", "Before you share, record your decision and reasons: what you will share, with whom and why.", "principles.md#recorded")


CHECKS = {
    "necessary": _necessary,
    "proportionate": _proportionate,
    "relevant": _relevant,
    "adequate": _adequate,
    "accurate": _accurate,
    "timely": _timely,
    "secure": _secure,
    "recorded": _recorded,
}


# The order the principles are listed in a result: what is wrong first, then what to check, then what
# is met (each group in the order of PRINCIPLES).
STATUS_ORDER = ("not_met", "check", "met")
MAX_ACTIONS = 5


def _put_right(name: str, p: Plan) -> str:
    """What to do about a principle that is not met and must be put right before sharing, as the
    words after "Before you share, "."""
    if name == "accurate":
        return "check and correct the information (or say what is uncertain)"
    if name == "secure":
        if not p.identities_protected:
            return "protect the identity of anyone who could be harmed if their details became known"
        return "use a secure channel"
    if name == "recorded":
        return "record your decision and reasons"
    return "choose a faster way than post: phone, or 999 if someone is in immediate danger"  # timely


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _actions(plan: Plan, principles: list[dict], outcome: str) -> list[str]:
    """At most MAX_ACTIONS: danger first, then what changes the plan, each principle not met, each to
    check, and the record last. Principles that do not fit are named in one action."""
    first = []
    if plan.urgency == "emergency":
        first.append("If anyone is in immediate danger, call 999 now.")
    if outcome == "not_proportionate" and plan.harm_if_not_shared == "high":
        first.append("Not sharing could cause serious harm. Do not simply stop: change the plan so that the right information reaches the right person.")
    if plan.extent == "whole_record" and plan.urgency == "emergency":
        first.append("In an emergency, share what is needed now; select the rest later.")
    to_fix = [item for item in principles if item["status"] != "met"]  # not met first, then to check
    if outcome == "not_proportionate":
        last = "Record why you did not share as planned, what you changed, and what you shared in the end."
    else:
        last = "Record what you shared, with whom, when and why."
    room = MAX_ACTIONS - len(first) - 1
    if len(to_fix) > room:
        shown, rest = to_fix[: room - 1], to_fix[room - 1:]
        not_met = [item["id"] for item in rest if item["status"] == "not_met"]
        check = [item["id"] for item in rest if item["status"] == "check"]
        parts = []
        if not_met:
            parts.append(f"put right what is not met ({_and(not_met)})")
        if check:
            parts.append(f"check {_and(check)}")
        overflow = [f"Then {_and(parts)}, as each principle's advice says."]
    else:
        shown, overflow = to_fix, []
    return [*first, *(item["advice"] for item in shown), *overflow, last]


def evaluate(payload: dict, on: dt.date | None = None) -> dict:
    on = on or england_date.today()
    plan = Plan(**payload)
    checked = [{"id": name, **CHECKS[name](plan)} for name in PRINCIPLES]
    principles = sorted(checked, key=lambda item: STATUS_ORDER.index(item["status"]))  # stable within each
    status = {item["id"]: item["status"] for item in principles}

    before_sharing = [name for name in BEFORE_SHARING if status[name] == "not_met"]
    if any(status[name] == "not_met" for name in CORE):
        outcome = "not_proportionate"
        summary = "As planned, this sharing is not proportionate. Change what, how much or with whom you share, then check again."
    elif before_sharing:
        outcome = "review"
        summary = "Before you share, " + _and([_put_right(name, plan) for name in before_sharing]) + "."
    elif any(value != "met" for value in status.values()):
        outcome = "review"
        summary = "The sharing looks justified. Check the points marked 'check' as you share."
    else:
        outcome = "proportionate"
        summary = "As planned, this sharing meets the principles. Share it and record it."

    actions = _actions(plan, principles, outcome)
    warnings = []
    if plan.harm_if_shared == "high" and plan.harm_if_not_shared == "high":
        warnings.append("You rated both the harm of sharing and of not sharing as serious. Take advice before deciding.")

    ask = [advice.ask(advice.DSL, "to agree what to share, with whom, and how the harms weigh")]
    if outcome != "proportionate":
        ask.append(advice.ask(advice.DPO, "about how much to share and how to send it securely"))
    if plan.extent == "whole_record":
        ask.append(advice.ask(advice.CALDICOTT, "if the record holds confidential health or social care information"))

    references = [
        ref(id).as_dict(on) for id in ("art5", "hra_art8", edition("information_sharing_advice", on).id, "caldicott_2020")
        if ref(id).in_force(on)
    ]
    return {
        "checker": NAME,
        "evaluated_on": on.isoformat(),
        "outcome": outcome,
        "summary": summary,
        "principles": principles,
        "before_sharing": before_sharing,
        "actions": actions,
        "record": advice.record_for("do_not_share" if outcome == "not_proportionate" else "share"),
        "ask": ask,
        "warnings": warnings,
        "references": references,
    }
