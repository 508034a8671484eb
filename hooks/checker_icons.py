"""Icons for the checkers' outcomes and for the proportionality principles' statuses, drawn once.

Each checker block carries them as an SVG sprite (hidden <symbol> elements, rendered at build time),
and everything that shows an outcome uses them by reference (<use href="#...">): the result banner and
the principles' statuses (assets/javascripts/checker-results.mjs) and the key questions flowchart
(flow_diagram.py). They are outlines in the current text colour, so each takes the colour of the
words beside it; the words, never the colour or the icon alone, carry the meaning.
"""

from __future__ import annotations

SHAPES = {
    "tick": '<circle cx="12" cy="12" r="10"/><path d="M7 12.5l3.2 3.2L17 9"/>',
    "stop": '<path d="M8.2 2h7.6L22 8.2v7.6L15.8 22H8.2L2 15.8V8.2z"/><path d="M8.5 8.5l7 7M15.5 8.5l-7 7"/>',
    "cross": '<circle cx="12" cy="12" r="10"/><path d="M8.5 8.5l7 7M15.5 8.5l-7 7"/>',
    "question": '<circle cx="12" cy="12" r="10"/><path d="M9.2 9.3a2.9 2.9 0 1 1 4.2 2.6c-.9.5-1.4 1.1-1.4 2.1v.4"/>'
                '<path d="M12 17.4v.1"/>',
    "caution": '<path d="M12 3L2 20.5h20z"/><path d="M12 9.5v5M12 17.6v.1"/>',
    "next": '<circle cx="12" cy="12" r="10"/><path d="M7 12h9M12.5 8l4 4-4 4"/>',
}

# Outcome ids (every checker's) and principle statuses (proportionality), each to its shape.
ICONS = {
    "share": "tick",
    "proportionate": "tick",
    "do_not_share": "stop",
    "not_proportionate": "stop",
    "seek_advice": "question",
    "review": "caution",
    "incomplete": "next",
    "met": "tick",
    "not_met": "cross",
    "check": "caution",
}


def icon_id(prefix: str, key: str) -> str:
    return f"{prefix}-icon-{key.replace('_', '-')}"


def sprite(prefix: str) -> str:
    """Every icon as a <symbol>, with ids starting `prefix` (one sprite per checker on a page)."""
    symbols = "".join(
        f'<symbol id="{icon_id(prefix, key)}" viewBox="0 0 24 24"><g fill="none" stroke="currentColor" '
        f'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{SHAPES[shape]}</g></symbol>'
        for key, shape in ICONS.items()
    )
    return f'<svg class="checker__icons" aria-hidden="true" focusable="false" hidden>{symbols}</svg>'


def use(prefix: str, key: str, css_class: str, size: int | None = None, x: float | None = None, y: float | None = None) -> str:
    """An icon by reference, decorative (its words are beside it)."""
    place = "" if x is None else f' x="{x:g}" y="{y:g}" width="{size}" height="{size}"'
    return f'<use class="{css_class}" href="#{icon_id(prefix, key)}"{place}/>'
