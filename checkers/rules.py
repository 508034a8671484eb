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

from .law import Reference

Facts = TypeVar("Facts")


@dataclass(frozen=True)
class Finding:
    """A rule that applies: its id, the provision, and why it applies here."""

    id: str
    label: str
    reference: Reference
    reason: str
    also: tuple[Reference, ...] = ()
    extra: dict = field(default_factory=dict)

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
        }
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
        dates = [reference.applies_from for reference in (self.reference, *self.also)]
        if any(date is None for date in dates):
            return None
        return max(dates)  # type: ignore[type-var]

    def in_force(self, on: dt.date) -> bool:
        return all(reference.in_force(on) for reference in (self.reference, *self.also))

    def apply(self, facts: Facts, on: dt.date) -> Finding | None:
        if not self.in_force(on):
            return None
        reason = self.test(facts)
        if reason is None:
            return None
        return Finding(self.id, self.label, self.reference, reason, self.also, dict(self.extra))


def findings(rules: Iterable[Rule[Facts]], facts: Facts, on: dt.date) -> list[Finding]:
    """Every rule in force on `on` that applies to the facts, in the rules' order."""
    found = []
    for rule in rules:
        finding = rule.apply(facts, on)
        if finding is not None:
            found.append(finding)
    return found
