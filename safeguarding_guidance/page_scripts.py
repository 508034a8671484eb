"""The scripts, forms and frames the package writes into a page, so that nothing else gets through.

The Content-Security-Policy allows inline scripts by their hashes (security_headers.py). It must allow
only the ones the package itself writes: a `<script>` from anywhere else (a local page's body, a
title, a setting) would otherwise be hashed into the policy and run on every page. The package
knows its inline scripts: they are the `<script>` elements in the theme's templates (Material's and
overrides/), whose only varying part is a path such as the page's `base_url` ("../.."). Each
template script becomes a pattern in which a Jinja expression may stand only for such a path; a
page's inline script is allowed when it is one of these, exactly.

A script file is allowed when it is one of the site's own scripts (under assets/javascripts/, where
the theme and the package put theirs, or the checkers' runtime), and exists. A built page carries
no <iframe>, <frame>, <object>, <embed>, <applet>, <portal>, <base> or <meta http-equiv="refresh">
(the package writes none), no form but the package's own (PACKAGE_FORMS) and no form that submits
anywhere, and no javascript: or vbscript: address. Anything else fails the build, naming the page
and the line.

Plain functions on a built site folder and the theme's templates: nothing here needs MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# Script types that are data, never run.
DATA_SCRIPT_TYPES = {"application/json"}
# The forms the package writes: Material's search box and colour scheme switch, the checkers, and
# the case studies' practice questions. None of them submits anywhere (form-action 'none').
PACKAGE_FORMS = {"md-search__form", "md-header__option", "checker__form", "checker__record-form", "case-practice__form"}
REFUSED_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite"}
SCRIPT_FOLDERS = ("assets/javascripts/", "assets/runtime/")
# Script files the package writes outside those folders: the embed pages' own script (embedding.py).
PACKAGE_SCRIPT_FILES = ("embed/frame.js",)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TEMPLATE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
# What a Jinja expression in a script may print: a path or URL made of these characters only.
_PATH_VALUE = r"[A-Za-z0-9_./:-]*"
_RUNNABLE_ADDRESS = re.compile(r"^(?:javascript|vbscript):", re.I)
_URL_NOISE = re.compile(r"[\x00-\x20]")


@dataclass(frozen=True)
class PackageScripts:
    """The inline scripts the package writes, as patterns (see the module's docstring)."""

    inline: tuple[re.Pattern, ...]

    def allows_inline(self, script: str) -> bool:
        return any(pattern.fullmatch(script) for pattern in self.inline)


def template_scripts(template_dirs: list[Path]) -> PackageScripts:
    """The inline scripts in every template of the theme, each as a pattern."""
    patterns: dict[str, re.Pattern] = {}
    for folder in template_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            text = template.read_text(encoding="utf-8", errors="replace")
            for match in _TEMPLATE_SCRIPT.finditer(text):
                attributes = match.group("attributes").lower()
                if "src=" in attributes or "application/json" in attributes:
                    continue
                body = match.group("body")
                if "{%" in body or "{#" in body:
                    continue  # a script with template logic inside it is not one the package writes
                parts = _JINJA.split(body)
                patterns[body] = re.compile(_PATH_VALUE.join(re.escape(part) for part in parts), re.S)
    return PackageScripts(tuple(patterns.values()))


def installed_scripts() -> PackageScripts:
    """The scripts of the installed theme: the package's overrides, then Material's templates."""
    import material

    from .resources import shared_files

    return template_scripts([shared_files().overrides, Path(material.__file__).parent / "templates"])


@dataclass
class PageScan:
    """One built page's inline scripts (text and line) and what the policy must refuse in it."""

    inline_scripts: list[tuple[str, int]]
    script_files: list[tuple[str, int]]
    problems: list[str]


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scan = PageScan([], [], [])
        self._script: tuple[str, int] | None = None
        self._buffer: list[str] = []

    def _problem(self, text: str) -> None:
        self.scan.problems.append(f"line {self.getpos()[0]}: {text}")

    def handle_starttag(self, tag, attrs):
        names = {name.lower(): (value or "") for name, value in attrs}
        if tag in REFUSED_ELEMENTS:
            self._problem(f"<{tag}>, which the package never writes")
        if tag == "meta" and names.get("http-equiv", "").strip().lower() == "refresh":
            self._problem('<meta http-equiv="refresh">, which would send the reader elsewhere')
        if tag == "form":
            classes = set(names.get("class", "").split())
            if not classes & PACKAGE_FORMS:
                self._problem("a <form> the package did not write")
            elif "action" in names or "method" in names:
                self._problem("a <form> that submits somewhere")
        for name, value in names.items():
            if name in URL_ATTRIBUTES and _RUNNABLE_ADDRESS.match(_URL_NOISE.sub("", value)):
                self._problem(f"a {value.split(':', 1)[0].strip().lower()}: address in {name}= on <{tag}>")
        if tag == "script":
            if "src" in names:
                self.scan.script_files.append((names["src"], self.getpos()[0]))
            else:
                self._script = (names.get("type", "").strip().lower(), self.getpos()[0])
                self._buffer = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            kind, line = self._script
            if kind not in DATA_SCRIPT_TYPES:
                self.scan.inline_scripts.append(("".join(self._buffer), line))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._buffer.append(data)

    def handle_entityref(self, name):
        if self._script is not None:
            self._buffer.append(f"&{name};")

    def handle_charref(self, name):
        if self._script is not None:
            self._buffer.append(f"&#{name};")


def scan_page(text: str) -> PageScan:
    scanner = _Scan()
    scanner.feed(text)
    scanner.close()
    return scanner.scan


def script_file_problem(site_dir: Path, page: Path, src: str) -> str | None:
    """Why a <script src> is not one of the site's own script files (None when it is)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I):
        return f"a script from outside the site ({src[:80]})"
    path = src.split("#", 1)[0].split("?", 1)[0]
    if path.startswith("/"):  # from the server's root (the 404 page): the site may be under a path prefix
        parts = posixpath.normpath(path).lstrip("/").split("/")
        candidates = ["/".join(parts[start:]) for start in range(len(parts))]
    else:
        candidates = [posixpath.normpath(posixpath.join(page.parent.relative_to(site_dir).as_posix(), path))]
    for target in candidates:
        own = target.startswith(SCRIPT_FOLDERS) or target in PACKAGE_SCRIPT_FILES
        if not target.startswith("../") and own and (site_dir / target).is_file():
            return None
    return f"a script file that is not one of the site's own ({src[:80]})"
