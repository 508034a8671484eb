"""The abbreviations list, docs/includes/abbreviations.md, read as data.

The same file is appended to every page by pymdownx.snippets (hover text everywhere) and rendered as
the glossary's table, so each abbreviation is defined once.
"""

from __future__ import annotations

import re
from pathlib import Path

from .resources import shared_files

LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<meaning>.+?)\s*$")


def abbreviations_file() -> Path:
    return shared_files().includes / "abbreviations.md"


def read_abbreviations(path: Path | None = None) -> dict[str, str]:
    """{abbreviation: meaning}; raises ValueError on a line that is not an abbreviation."""
    path = path or abbreviations_file()
    found: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match:
            raise ValueError(f"{path}:{number}: not an abbreviation line: {line!r}")
        abbr = match.group("abbr")
        if abbr in found:
            raise ValueError(f"{path}:{number}: {abbr} is defined twice")
        found[abbr] = match.group("meaning")
    return found
