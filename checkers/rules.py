"""Rules as code: each rule a small named unit with a label, the provision it rests on, and the date
it applies from (taken from the provision unless the rule says otherwise).

A rule looks at the facts and either does not apply (returns None) or returns its reason, in plain
English, for why it applies to these facts. Checkers hold ordered lists of rules; order is the order
of preference ("best first").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .law import IN_FORCE, REPORTED, Reference

Facts = TypeVar("Facts")


@dataclass(frozen=True)
class Finding:
    """A rule that applies: its id, the provision, why it applies here, and how sure the law is.

    `status` is "in_force", or "reported" when a provision it rests on is only reported to be in
    force (its commencement is not confirmed): such a finding is never offered as the best one."""

    id: str
    label: str
    reference: Reference
    reason: str
    also: tuple[Reference, ...] = ()
    extra: dict = field(default_factory=dict)
    status: str = IN_FORCE
    status_text: str = ""

    @property
    def references(self) -> tuple[Reference, ...]:
        return (self.reference, *self.also)

    def as_dict(self) -> dict:
        result = {
            "id": self.id,
            "label": self.label,
            "ref": self.reference.citation,
            "url": self.reference.url,
            "guidance": self.reference.guidance,
            "reason": self.reason,
            "status": self.status,
        }
        if self.status_text:
            result["status_text"] = self.status_text
        if self.also:
            result["also"] = [reference.citation for reference in self.also]
        result.update(self.extra)
        return result


@dataclass(frozen=True)
class Rule(Generic[Facts]):
    """A named rule. `reference` is the provision it rests on; `also` lists further provisions it
    needs. The rule applies from the latest of their dates and is off while any is not in force."""

    id: str
    label: str
    reference: Reference
    test: Callable[[Facts], str | None]
    also: tuple[Reference, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def applies_from(self) -> dt.date | None:
        dates = [reference.applies_from for reference in self.references]
        if any(date is None for date in dates):
            return None
        return max(dates)  # type: ignore[type-var]

    def in_force(self, on: dt.date) -> bool:
        return all(reference.in_force(on) for reference in self.references)

    def apply(self, facts: Facts, on: dt.date) -> Finding | None:
        if not self.in_force(on):
            return None
        reason = self.test(facts)
        if reason is None:
            return None
        reported = [reference for reference in self.references if reference.status(on) == REPORTED]
        if reported:
            return Finding(
                self.id, self.label, self.reference, reason, self.also, dict(self.extra),
                REPORTED, " ".join(reference.status_text(on) for reference in reported),
            )
        return Finding(self.id, self.label, self.reference, reason, self.also, dict(self.extra))

    @property
    def references(self) -> tuple[Reference, ...]:
        return (self.reference, *self.also)


def findings(rules: Iterable[Rule[Facts]], facts: Facts, on: dt.date) -> list[Finding]:
    """Every rule in force on `on` that applies to the facts, in the rules' order of preference,
    except that a finding resting on law only reported to be in force comes after every confirmed
    one: until its commencement is confirmed, a basis that holds either way is the one to rely on."""
    found = []
    for rule in rules:
        finding = rule.apply(facts, on)
        if finding is not None:
            found.append(finding)
    return sorted(found, key=lambda finding: finding.status == REPORTED)
