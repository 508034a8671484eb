"""Who to ask, and what every decision record holds: shared by all the checkers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Adviser:
    id: str
    label: str


DSL = Adviser("designated_safeguarding_lead", "your designated safeguarding lead (DSL) or safeguarding lead")
DPO = Adviser("data_protection_officer", "your data protection officer (DPO)")
CALDICOTT = Adviser("caldicott_guardian", "your Caldicott Guardian")
LEGAL = Adviser("legal_team", "your legal team")
MANAGER = Adviser("manager", "your line manager")

ADVISERS = {adviser.id: adviser for adviser in (DSL, DPO, CALDICOTT, LEGAL, MANAGER)}


def ask(adviser: Adviser, why: str, label: str | None = None) -> dict:
    """Whom to ask and why. A checker that knows the organisation may name the adviser as that organisation
    does (a school's designated safeguarding lead, a hospital's safeguarding lead); `who` stays the same."""
    return {"who": adviser.id, "label": label or adviser.label, "why": why}


# What a record of an information sharing decision holds (DfE 2024 golden rule 7: record the decision
# and the reasons, whether or not you share). Which list applies depends on what was decided.
RECORD_SHARED = (
    "What you decided (to share) and your reasons.",
    "What information you shared, with whom (name, role, organisation) and when.",
    "Why you shared it: the purpose and the concern.",
    "The lawful basis and any condition you relied on, and who you consulted.",
    "Whether you told the person the information is about (or their family), and if not, why not.",
)
RECORD_NOT_SHARED = (
    "That you decided not to share, and your reasons.",
    "What information you considered sharing, and with whom.",
    "The concern or request that led you to consider it, and when.",
    "Who you consulted and what they advised.",
    "What would make you look again (for example new information, or the concern growing).",
)
RECORD_SEEKING_ADVICE = (
    "That you are seeking advice before deciding, and why.",
    "What information you are considering sharing, with whom, and for what purpose.",
    "Who you asked for advice, when, and what they advised.",
    "Anything you did meanwhile to keep the child or adult safe.",
    "Your final decision and reasons, once you have made it (shared or not shared).",
)
RECORD_ALWAYS = RECORD_SHARED  # the list for a decision to share (kept under its first name)

RECORD_BY_DECISION = {"share": RECORD_SHARED, "do_not_share": RECORD_NOT_SHARED, "seek_advice": RECORD_SEEKING_ADVICE}


def record_for(decision: str) -> list[str]:
    """What to record for a decision: share, do_not_share or seek_advice."""
    return list(RECORD_BY_DECISION[decision])
