"""What the search index keeps of each page's text: a short teaser to show, and each word once to search.

Material writes every section's whole text, markup and all, into search/search_index.json, and every
page loads that file: 455 KB (116 KiB gzipped) for this guidance, half of what the home page weighs.
It shows the whole text under each result, and searches it with lunr, whose score hardly counts how
often a word occurs (a heading's words weigh a thousand times more; see search_index.py). So each
entry keeps:

- `text`: a teaser, what the result shows under its heading: the page's description for a page's
  own entry (search_descriptions.py), otherwise the section's first sentences, at most
  TEASER_CHARACTERS, as one paragraph of plain text (`<p>`, HTML-escaped: Material shows it as HTML);
- `words`: every other word of the section once, in the order first met (search_words.words), in a
  field Material searches and never shows.

Two front-matter settings, next to Material's own `search: {boost: ..., exclude: true}`:

    search:
      sections: false   # one result for the page: its sections' headings and words are the page's
      words: false      # found by its title, headings and description, not by the words of its text

Case studies are one result each (case_study_pages.py); the log of changes and the list of sources are
found by title, not by every title they cite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape

from .search_words import words

TEASER_CHARACTERS = 200
_TAG = re.compile(r"<[^>]+>")
_LAST_ITEM = re.compile(r"(?<=[^.;:?!\s])(\s*</li>\s*</[ou]l>)")  # a list's last item ends its sentence
_ITEM = re.compile(r"(?<=[^.;:?!\s])(\s*</li>)")  # the other items are separated by semicolons
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.?!](?=\s)")


@dataclass(frozen=True)
class TextOptions:
    sections: bool = True
    words: bool = True


def options_of(meta: dict) -> TextOptions:
    """The page's `search: {sections: ..., words: ...}` front matter (both true by default)."""
    search = meta.get("search") if isinstance(meta, dict) else None
    if not isinstance(search, dict):
        return TextOptions()
    return TextOptions(sections=search.get("sections", True) is not False, words=search.get("words", True) is not False)


def plain(html: str) -> str:
    """The text of an index entry without its markup, entities decoded, spaces collapsed; a list's
    items end with a semicolon, its last with a full stop, unless they end with a stop already."""
    html = _ITEM.sub(r";\1", _LAST_ITEM.sub(r".\1", html))
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def teaser(text: str, limit: int = TEASER_CHARACTERS) -> str:
    """The start of a plain text, at most `limit` characters: whole sentences where at least half the
    room is used, else whole words and an ellipsis."""
    if len(text) <= limit:
        return text
    room = text[: limit + 1]
    ends = [match.end() for match in _SENTENCE_END.finditer(room)]
    if ends and ends[-1] >= limit // 2:
        return room[: ends[-1]]
    cut = room.rfind(" ")
    return room[: cut if cut > 0 else limit].rstrip(" ,;:") + "…"


def distinct_words(*texts: str) -> list[str]:
    """Each word once (ignoring case), in the order first met."""
    seen: set[str] = set()
    found: list[str] = []
    for text in texts:
        for word in words(text):
            key = word.lower()
            if key not in seen:
                seen.add(key)
                found.append(word)
    return found


def page_of(location: str) -> str:
    return location.split("#", 1)[0]


def compact(index: dict, options: dict[str, TextOptions], teasers: dict[str, str] | None = None) -> None:
    """Rewrite the index's entries in place: a teaser in `text`, the other words in `words`.

    options: each page's TextOptions by URL (pages not listed keep both). teasers: the text to show for
    a page's own entry by URL (its description), instead of the start of its text."""
    teasers = teasers or {}
    pages: dict[str, list[dict]] = {}
    for entry in index["docs"]:  # a page's own entry comes first, then its sections (Material's order)
        pages.setdefault(page_of(entry["location"]), []).append(entry)
    kept: list[dict] = []
    for url, (page, *sections) in pages.items():
        page_options = options.get(url, TextOptions())
        body = plain(page.get("text", "")) if page_options.words else ""
        shown = teasers.get(url) or teaser(body)
        if not page_options.sections:  # one result: the sections' headings and words are the page's
            folded = [plain(section.get("title", "")) for section in sections]
            if page_options.words:
                folded += [plain(section.get("text", "")) for section in sections]
            body = " ".join([body, *folded]).strip()
            sections = []
        kept.append(_compacted(page, body, shown))
        for section in sections:
            section_body = plain(section.get("text", "")) if page_options.words else ""
            kept.append(_compacted(section, section_body, teaser(section_body)))
    index["docs"] = kept


def _compacted(entry: dict, body: str, shown: str) -> dict:
    # One paragraph: Material shows a text's matching blocks (its top-level elements) from their first
    # tag; in plain text it would start at the first word searched, after any stop word.
    entry["text"] = f"<p>{escape(shown, quote=False)}</p>" if shown else ""
    in_teaser = {word.lower() for word in words(shown)}
    rest = [word for word in distinct_words(body) if word.lower() not in in_teaser]
    if rest:  # searched, never shown; escaped all the same (lunr's separator takes entities as spaces)
        entry["words"] = escape(" ".join(rest), quote=False)
    else:
        entry.pop("words", None)
    return entry
