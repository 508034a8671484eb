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


def ask(adviser: Adviser, why: str) -> dict:
    return {"who": adviser.id, "label": adviser.label, "why": why}


# What every record of an information sharing decision holds (DfE 2024 golden rule 7).
RECORD_ALWAYS = (
    "What you decided (to share or not to share) and your reasons.",
    "What information you shared, with whom (name, role, organisation) and when.",
    "Why you shared it: the purpose and the concern.",
    "The lawful basis and any condition you relied on, and who you consulted.",
    "Whether you told the child or family, and if not, why not.",
)
