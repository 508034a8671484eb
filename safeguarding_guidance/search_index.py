"""The site's search index, as Material writes it and as this guidance rewrites it.

Material for MkDocs' search plugin writes search/search_index.json: `config` (the words' separator,
the lunr pipeline, the fields and their weights) and `docs`, one entry per page and per section
(`location`, `title` = its heading, `text`, and `boost` from the page's `search.boost` front matter).
Every page loads it; Material's search worker builds a lunr index from it in the reader's browser.
Material's worker indexes every field named in `config.fields`, and its results show `title` and
`text` only, so fields of our own are searched and never shown.

How lunr ranks, in the worker Material ships (9.x): for each field, the sum over the query's words of
the word's rarity, times the field's weight, with no penalty for a long text and little reward for a
word repeated; a page's own entry is then favoured over a section, and an entry that has all the
words typed over one that has some. A heading (`title`, weight 1000) outweighs any text (weight 1),
so a heading that matches comes before a page that only mentions the words. Between them:

- `about`, weight 200: the page's description (search_descriptions.py) and the abbreviations a
  heading spells out (search_abbreviations.py), what the entry is about in the words people type;
- `words`, weight 1: the words of the text, once each (search_text.py), while `text` keeps a teaser.

The words themselves are split by search_words.py (stop words, apostrophes), set on the plugin
before it starts. This module gathers what it needs from each page's front matter as pages are
built, and rewrites the index after Material has written it (plugin.py runs it before the index is
compressed and listed for offline use).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from . import search_abbreviations, search_descriptions, search_text, search_words
from .abbreviations import read_abbreviations

INDEX = Path("search") / "search_index.json"
# Material's own defaults are title 1000, text 1, tags 1,000,000 (kept for any page with tags).
FIELDS = {"about": {"boost": 200.0}, "words": {"boost": 1.0}}

_descriptions: dict[str, str] = {}
_options: dict[str, search_text.TextOptions] = {}


def on_config(config) -> None:
    _descriptions.clear()
    _options.clear()
    search = config.plugins.get("search") or config.plugins.get("material/search")
    if search is not None:
        search_words.configure(search.config)
        for name, field in FIELDS.items():
            search.config.fields.setdefault(name, dict(field))


def on_page_markdown(markdown, page, config, files):
    description = search_descriptions.description_of(page.meta)
    if description:
        _descriptions[page.url] = description
    _options[page.url] = search_text.options_of(page.meta)
    return markdown


def rewrite(index: dict, descriptions: dict[str, str], options: dict[str, search_text.TextOptions],
            abbreviations: dict[str, str]) -> dict:
    """The index as the site publishes it (changed in place, and returned)."""
    search_text.compact(index, options, teasers=descriptions)
    search_descriptions.add_descriptions(index, descriptions)
    search_abbreviations.add_abbreviations(index, abbreviations)
    return index


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


def on_post_build(config, text_titles: dict[str, str] | None = None) -> None:
    path = Path(config.site_dir) / INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    rewrite(index, _descriptions, _options, read_abbreviations())
    escape_titles(index, text_titles or {})
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
