"""Search finds a page by what it is about: each page's description is searched with its text.

Material for MkDocs' search indexes a page's headings and text, not its `description`. The
description says in one sentence what the page answers, in the words practitioners search with
("Clare's Law (the Domestic Violence Disclosure Scheme)", "when the police ask you"). This hook puts it
at the start of the page's first entry in the search index, where Material's search finds it and
shows it under the page's title. How pages rank against each other is Material's own `search.boost`
front matter. It runs after Material writes the index, and before the index is compressed and listed
for offline use (plugin.py runs it before postbuild.finish_site).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

INDEX = Path("search") / "search_index.json"

_descriptions: dict[str, str] = {}


def on_config(config):
    _descriptions.clear()


def on_page_markdown(markdown, page, config, files):
    description = page.meta.get("description")
    if isinstance(description, str) and description.strip():
        _descriptions[page.url] = description.strip()
    return markdown


def add_descriptions(index: dict, descriptions: dict[str, str]) -> int:
    """Prefix each page's first entry (its location is the page's URL) with its description."""
    added = 0
    for entry in index["docs"]:
        description = descriptions.get(entry["location"])
        if description:
            entry["text"] = f"<p>{escape(description, quote=False)}</p>{entry['text']}"
            added += 1
    return added


def escape_titles(index: dict, titles: dict[str, str]) -> int:
    """The search results show each entry's title as HTML: a title that is text (an edition's own
    page's, {page URL: title}) is escaped in its page's entry."""
    escaped = 0
    for entry in index["docs"]:
        title = titles.get(entry["location"])
        if title is not None and entry.get("title") == title:
            entry["title"] = escape(title, quote=False)
            escaped += 1
    return escaped


def on_post_build(config, text_titles: dict[str, str] | None = None):
    path = Path(config.site_dir) / INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    add_descriptions(index, _descriptions)
    escape_titles(index, text_titles or {})
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
