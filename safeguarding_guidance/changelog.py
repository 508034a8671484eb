"""CHANGELOG.md read as releases: what `safeguarding-guidance version` and `upgrade` print.

The changelog (shipped inside the package as shared/CHANGELOG.md) has one section per release,
newest first, headed `## VERSION`. A section opens with a paragraph, then bullets each headed in
bold, whose text runs on in the lines indented below them:

    ## 2026.11.30

    Every shared page reviewed against the law and national guidance as they stood on ...

    - **Law**
      - Duty to share (Children Act 2004, section 16LA, ...): reported to apply from ...
    - **Guidance**
      - Working Together to Safeguard Children 2026: ...
    - **Pages**: new pages on the duty to share and on adults at risk; ...
    - **For partnerships**: check your local pages for references to Working Together 2023, ...

HTML comments are not part of any entry (notes for the people who edit the file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .release import version_order

HEADING = re.compile(r"^## (?P<version>\S+)\s*$")
PART = re.compile(r"^- \*\*(?P<name>[^*]+)\*\*")
COMMENT = re.compile(r"<!--.*?-->", re.S)
# What a partnership needs to read before an upgrade; "Pages" lists the shared pages changed.
UPGRADE_PARTS = ("Law", "Guidance", "For partnerships")


@dataclass(frozen=True)
class Entry:
    version: str
    text: str  # the whole section, heading included
    parts: dict[str, str]  # {"Law": "- **Law**\n  - ...", ...}: each bold bullet with its lines

    def summary(self, names: tuple[str, ...] = UPGRADE_PARTS) -> str:
        """The heading and the named parts, in the changelog's words."""
        return "\n".join([f"## {self.version}", *(self.parts[name] for name in names if name in self.parts)])


def entries(text: str) -> list[Entry]:
    """Every release in the changelog, in its order (newest first)."""
    found: list[Entry] = []
    version, lines = None, []

    def close():
        if version is not None:
            found.append(_entry(version, lines))

    for line in COMMENT.sub("", text).splitlines():
        heading = HEADING.match(line)
        if heading:
            close()
            version, lines = heading["version"], [line]
        elif version is not None:
            lines.append(line)
    close()
    return found


def _entry(version: str, lines: list[str]) -> Entry:
    parts: dict[str, list[str]] = {}
    current = None
    for line in lines[1:]:
        part = PART.match(line)
        if part:
            current = part["name"].strip()
            parts[current] = [line]
        elif current is not None and (line.startswith("  ") or not line.strip()):
            parts[current].append(line)
        else:
            current = None
    return Entry(version, "\n".join(lines).strip(), {name: "\n".join(body).rstrip() for name, body in parts.items()})


def between(text: str, after: str, upto: str) -> list[Entry]:
    """The releases newer than `after` and no newer than `upto`, oldest first: what an upgrade from
    `after` to `upto` brings."""
    low, high = version_order(after), version_order(upto)
    chosen = []
    for entry in entries(text):
        try:
            order = version_order(entry.version)
        except ValueError:
            continue
        if low < order <= high:
            chosen.append(entry)
    return sorted(chosen, key=lambda entry: version_order(entry.version))


def latest(text: str) -> str:
    """The newest entry, whole: its heading and text, up to the next version's heading."""
    found = entries(text)
    return found[0].text if found else ""
