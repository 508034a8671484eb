"""What a partnership's local page may bring into the site: text, tables, links and images of its own,
and the package's markers; never something that runs, embeds another site, sends a form, moves the
reader on, or reaches a file on the build machine.

A local page is Markdown, and Markdown passes HTML through: `<script>`, `<iframe>`, `<form>`, and
`<img src="file:///etc/passwd">` (which the PDF would otherwise embed) all arrive in the built page.
The package's own markers (`<!-- md:checker ... -->`) write forms and data scripts of their own, so
the page is checked as its author wrote it, rendered without the markers expanded (they are HTML
comments, and render to nothing): what the check finds is what the page itself brings. Every
problem names the page and the line of its file.

Plain functions on Markdown text and a Markdown renderer: nothing here needs MkDocs.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from html.parser import HTMLParser

# Elements a page's content never needs, and why each is refused.
REFUSED_ELEMENTS = {
    "script": "a script (the site runs only the guidance package's own scripts)",
    "iframe": "an <iframe> (a page from elsewhere inside this one)",
    "frame": "a <frame>", "frameset": "a <frameset>",
    "object": "an <object> (embedded content)", "embed": "an <embed> (embedded content)",
    "applet": "an <applet>", "portal": "a <portal>",
    "form": "a <form> (the site sends nothing anywhere)",
    "meta": "a <meta> element (such as a refresh that sends the reader elsewhere)",
    "base": "a <base> element (it changes where every link goes)",
    "link": "a <link> element (a stylesheet or file from elsewhere)",
    "style": "a <style> element (the Content-Security-Policy blocks it)",
    "foreignobject": "an SVG <foreignObject>",
    "set": "an SVG <set> animation (it can change a link)", "animate": "an SVG <animate> animation (it can change a link)",
}
URL_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background", "cite",
    "longdesc", "usemap", "ping", "manifest", "codebase", "archive", "lowsrc", "dynsrc", "icon",
}
FILE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "icon", "xlink:href"}
LINK_SCHEMES = {"https", "http", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_URL_NOISE = re.compile(r"[\x00-\x20]")  # browsers drop tabs and line breaks inside a URL's scheme
_EMBEDDED_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp)[;,]", re.I)
_WINDOWS_PATH = re.compile(r"^[a-z]:[\\/]", re.I)


class _Scan(HTMLParser):
    def __init__(self, page_uri: str):
        super().__init__(convert_charrefs=True)
        self.page_uri = page_uri
        self.found: list[tuple[str, list[str]]] = []  # (what is wrong, texts to find it by in the source)

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list) -> None:
        tag = tag.lower()
        raw = (self.get_starttag_text() or "").splitlines()[0:1]  # the tag as written, where the author wrote HTML
        if tag in REFUSED_ELEMENTS:
            self.found.append((REFUSED_ELEMENTS[tag], [f"<{tag}"]))
        for name, value in attrs:
            name, value = name.lower(), value or ""
            if name.startswith("on"):
                self.found.append((f"an event handler ({name}=) on <{tag}>", [*raw, f"{name}="]))
            elif name == "style":
                self.found.append((f"a style attribute on <{tag}> (the Content-Security-Policy blocks it)", [*raw, "style="]))
            elif name in URL_ATTRIBUTES:
                for url in _urls(name, value):
                    problem = url_problem(name, url, self.page_uri)
                    if problem:
                        self.found.append((f"{problem}, in {name}= on <{tag}>", [url, *raw]))


def _urls(name: str, value: str) -> list[str]:
    if name != "srcset":
        return [value.strip()]
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def url_problem(attribute: str, address: str, page_uri: str) -> str | None:
    """Why a URL in a local page is refused (None when it is fine): a scheme that runs or reaches
    the build machine, or a path to a file outside the site."""
    url = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in address)  # as the message shows it
    squeezed = _URL_NOISE.sub("", address)
    scheme = _SCHEME.match(squeezed)
    is_file = attribute in FILE_ATTRIBUTES
    if scheme:
        name = scheme.group(1).lower()
        if is_file and _EMBEDDED_IMAGE.match(squeezed):
            return None
        if name == "file":
            return f"a file on the build machine ({url[:80]})"
        if name not in LINK_SCHEMES:
            return f"a {name}: address ({url[:80]}): links go to https:// addresses or to this site's pages"
        if is_file:
            return f"a file from another site ({url[:80]}): the Content-Security-Policy shows only the site's own"
        return None
    if squeezed.startswith(("//", "\\\\")) or _WINDOWS_PATH.match(squeezed):
        return f"a file outside the site ({url[:80]})"
    if is_file and squeezed.startswith(("/", "\\")):
        return f"an absolute path, which can name a file on the build machine ({url[:80]}): use a path relative to the page"
    path = squeezed.split("#", 1)[0].split("?", 1)[0]
    if path and posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path.replace("\\", "/"))).startswith("../"):
        return f"a path that leads outside the site ({url[:80]})"
    return None


def content_problems(markdown: str, page_uri: str, render: Callable[[str], str], source: str, shown: str) -> list[str]:
    """Every problem in one local page's own content. `markdown` is its body as the author wrote it
    (front matter removed, markers not expanded), `render` turns Markdown into HTML as the site does,
    `source` is the whole file (for line numbers) and `shown` its path as the web officer sees it."""
    lines = source.splitlines()
    try:
        rendered = render(markdown)
    except Exception as error:  # noqa: BLE001 - an extension's refusal, such as a snippet from outside
        message = " ".join(str(error).split())[:200]
        quoted = re.search(r"'([^']+)'", message)
        line = _line_of(quoted.group(1), lines, {}) if quoted else None
        where = f"{shown}, line {line}" if line else shown
        return [f"{where}: cannot be published: {message} (a page may include only the guidance package's own snippets)"]
    scan = _Scan(page_uri)
    scan.feed(rendered)
    scan.close()
    searched_from: dict[str, int] = {}
    problems = []
    for what, needles in scan.found:
        line = next((number for needle in needles if (number := _line_of(needle, lines, searched_from))), None)
        where = f"{shown}, line {line}" if line else shown
        problems.append(f"{where}: {what}")
    return problems


def _line_of(needle: str, lines: list[str], searched_from: dict[str, int]) -> int | None:
    """The line (from 1) where `needle` next appears in the file, after any found for it before: as a
    whole value (not inside a longer address) if it can be, else anywhere."""
    forms = {needle, html.escape(needle, quote=False), html.escape(needle)}
    whole = [re.compile(r"(?<![\w/:.-])" + re.escape(form) + r"(?![\w/.-])", re.I) for form in forms]
    anywhere = [re.compile(re.escape(form), re.I) for form in forms]
    for patterns in (whole, anywhere):
        for number in range(searched_from.get(needle, 0), len(lines)):
            if any(pattern.search(lines[number]) for pattern in patterns):
                searched_from[needle] = number + 1
                return number + 1
    return None
