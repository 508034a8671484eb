"""An edition's words are text, never markup.

A partnership's name, its contacts, and its local pages' titles and descriptions are shown as typed,
wherever they go: a `<` is a less-than sign, a `"` never ends an attribute, and `[x](javascript:...)`
is never a link. Three ways they travel, three escapes:

- into Material's templates (the navigation, `<title>`, meta tags), which do not escape what they
  print: the values are `EditionText`, and `finalize` (installed on the template environment by the
  plugin's on_env) escapes every EditionText a template prints. A filter such as `| e` sees plain
  text and escapes it once; our own templates escape with `| e` explicitly;
- into Markdown that the package writes (the contacts page, a contact mid-sentence, the list of
  cases): `markdown_text`, which any renderer shows as typed;
- into HTML that the package writes in Python (the checkers' contacts, the feed, the PDF):
  html.escape, where it is written.
"""

from __future__ import annotations

import html

from checkers.decision_record import escape_text


class EditionText(str):
    """Text from an edition's own files. It is a str everywhere in Python; a template escapes it."""

    __slots__ = ()


def as_edition_text(value: object) -> object:
    """The value with every string in it (in mappings and lists too) made EditionText."""
    if isinstance(value, str):
        return value if isinstance(value, EditionText) else EditionText(value)
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = as_edition_text(item)
        return value
    if isinstance(value, list):
        value[:] = [as_edition_text(item) for item in value]
        return value
    return value


def install(env) -> None:
    """Make a Jinja environment escape every EditionText it prints (after any finalize it had)."""
    previous = env.finalize
    if getattr(previous, "escapes_edition_text", False):
        return

    def finalize(value):
        if previous is not None:
            value = previous(value)
        return html.escape(value) if isinstance(value, EditionText) else value

    finalize.escapes_edition_text = True  # type: ignore[attr-defined]
    env.finalize = finalize


def markdown_text(value: str) -> str:
    """Text as Markdown that shows exactly as typed: no link, emphasis, HTML or list (the escaping
    the decision record uses for what a practitioner types)."""
    return escape_text(str(value))
