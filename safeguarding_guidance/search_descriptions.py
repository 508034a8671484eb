"""Search finds a page by what it is about: each page's description is searched, and shown.

Material for MkDocs' search indexes a page's headings and text, not its `description`. The
description says in one sentence what the page answers, in the words practitioners search with
("Clare's Law (the Domestic Violence Disclosure Scheme)", "when the police ask you"). Here it
becomes the page's own entry's `about`, a field that weighs more than the words of a text and less
than a heading (search_index.py), and the teaser shown under the page's title in the results
(search_text.py puts it in `text`).
"""

from __future__ import annotations

from html import escape

from .search_text import page_of


def description_of(meta: dict) -> str | None:
    description = meta.get("description") if isinstance(meta, dict) else None
    return description.strip() if isinstance(description, str) and description.strip() else None


def add_descriptions(index: dict, descriptions: dict[str, str]) -> int:
    """Add each page's description to its own entry's `about` (the first entry of its URL)."""
    added = 0
    seen: set[str] = set()
    for entry in index["docs"]:
        url = page_of(entry["location"])
        if url in seen:
            continue
        seen.add(url)
        description = descriptions.get(url)
        if description:  # searched, never shown; escaped all the same, as an edition's words are text
            entry["about"] = " ".join(filter(None, [entry.get("about"), escape(description, quote=False)]))
            added += 1
    return added
