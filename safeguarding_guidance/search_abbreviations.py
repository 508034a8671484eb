"""Search finds a heading by its abbreviation: "DSL" finds "The designated safeguarding lead".

Practitioners type the abbreviation ("DSL", "FGM", "KCSIE"); the guidance's headings spell it out. The
abbreviations list (docs/includes/abbreviations.md, read by abbreviations.py) says what each stands
for. Every entry of the search index whose heading contains a meaning, and not already the
abbreviation, gets the abbreviation in its `about` field, which weighs more than the words of a text
(search_index.py). A meaning's bracketed note is not part of it: "Domestic Violence Disclosure Scheme
(Clare's Law)" is found in a heading as "domestic violence disclosure scheme".
"""

from __future__ import annotations

import re

from .search_text import plain
from .search_words import words

_NOTE = re.compile(r"\s*\([^)]*\)")


def _key(text: str) -> str:
    return " " + " ".join(word.lower() for word in words(text)) + " "


def meanings(abbreviations: dict[str, str]) -> dict[str, str]:
    """{abbreviation: its meaning as searched words}, for meanings of two words or more."""
    found = {}
    for abbreviation, meaning in abbreviations.items():
        key = _key(_NOTE.sub("", meaning))
        if len(key.split()) >= 2:
            found[abbreviation] = key
    return found


def add_abbreviations(index: dict, abbreviations: dict[str, str]) -> int:
    """Add to each entry's `about` the abbreviations whose meaning its heading spells out. Returns
    how many entries gained one."""
    spelled = meanings(abbreviations)
    added = 0
    for entry in index["docs"]:
        heading = _key(plain(entry.get("title", "")))
        found = [abbreviation for abbreviation, key in spelled.items()
                 if key in heading and f" {abbreviation.lower()} " not in heading]
        if found:
            entry["about"] = " ".join(filter(None, [entry.get("about"), *found]))
            added += 1
    return added
