"""WCAG 2.2 colour contrast, for the site's own colours and every partnership's.

A partnership gives a primary colour (the header behind white text, and links on white) and an
accent (hover and focus). For the dark scheme, lighter versions are derived automatically unless
given. Anything below 4.5:1 (WCAG 1.4.3, normal text) is rejected with the ratio.
"""

from __future__ import annotations

import re

WHITE = "#ffffff"
# Material's slate scheme background: hsl(225, 15%, 14%) (assets/stylesheets/palette.*.css).
SLATE_BACKGROUND = "#1e2029"
MINIMUM = 4.5

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def parse(colour: str) -> tuple[int, int, int]:
    if not isinstance(colour, str) or not HEX.match(colour):
        raise ValueError(f"{colour!r} is not a colour written #rrggbb")
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in parse(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    a, b = parse(colour), parse(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b))


def lighten_until_readable(colour: str, background: str = SLATE_BACKGROUND, target: float = 7.0) -> str:
    """The colour mixed with white just enough to read on the dark background (aiming for 7:1)."""
    for step in range(0, 101, 2):
        candidate = mix(colour, WHITE, step / 100)
        if contrast(candidate, background) >= target:
            return candidate
    return WHITE


def brand_colours(colours: dict) -> dict[str, str]:
    """Validate a partnership's colours and derive the rest. Raises ValueError naming the key."""
    if not isinstance(colours, dict) or "primary" not in colours or "accent" not in colours:
        raise ValueError("extra.partnership.colours needs primary and accent, each written #rrggbb")
    unknown = set(colours) - {"primary", "accent", "primary_on_dark", "accent_on_dark"}
    if unknown:
        raise ValueError(f"extra.partnership.colours.{sorted(unknown)[0]} is not a colour setting")
    result: dict[str, str] = {}
    for key in colours:
        try:
            parse(colours[key])
        except ValueError as error:
            raise ValueError(f"extra.partnership.colours.{key}: {error}") from None
    checks = {
        "primary": (WHITE, "white header text on it, and as link colour on white"),
        "accent": (WHITE, "as hover and focus colour on white"),
    }
    for key, (background, use) in checks.items():
        ratio = contrast(colours[key], background)
        if ratio < MINIMUM:
            raise ValueError(
                f"extra.partnership.colours.{key} {colours[key]} has contrast {ratio:.2f}:1 against white "
                f"({use}); WCAG 2.2 AA needs at least {MINIMUM}:1. Choose a darker colour."
            )
        result[key] = colours[key].lower()
    for key, base in (("primary_on_dark", "primary"), ("accent_on_dark", "accent")):
        chosen = colours.get(key) or lighten_until_readable(colours[base])
        ratio = contrast(chosen, SLATE_BACKGROUND)
        if ratio < MINIMUM:
            raise ValueError(
                f"extra.partnership.colours.{key} {chosen} has contrast {ratio:.2f}:1 against the dark "
                f"scheme's background {SLATE_BACKGROUND}; it needs at least {MINIMUM}:1. Choose a lighter colour."
            )
        result[key] = chosen.lower()
    result["primary_dark"] = mix(result["primary"], "#000000", 0.2)
    result["primary_light"] = mix(result["primary"], WHITE, 0.15)
    return result


def brand_css(colours: dict[str, str]) -> str:
    """CSS variables read by assets/stylesheets/site.css."""
    return (
        "/* Generated from the partnership's colours by safeguarding_guidance/partnership.py. */\n"
        ":root {\n"
        f"  --site-primary: {colours['primary']};\n"
        f"  --site-primary-dark: {colours['primary_dark']};\n"
        f"  --site-primary-light: {colours['primary_light']};\n"
        f"  --site-link-on-dark: {colours['primary_on_dark']};\n"
        f"  --site-accent: {colours['accent']};\n"
        f"  --site-accent-on-dark: {colours['accent_on_dark']};\n"
        f"  --site-accent-transparent: {colours['accent']}1a;\n"
        "}\n"
    )
