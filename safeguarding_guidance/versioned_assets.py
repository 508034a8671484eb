"""Content-hashed names for the site's own scripts and stylesheets, so that hosts can let browsers keep
them for a year (`Cache-Control: immutable`) and the service worker can answer them from its cache
without asking the network, while a new build still reaches readers at once: a changed file gets a
new name, and the pages that use it, which are always fetched afresh, name the new one.

Every script and stylesheet in assets/javascripts/ and assets/stylesheets/ is renamed
`<stem>.<first 12 hex digits of its sha256><suffix>` (checkers.mjs -> checkers.0123456789ab.mjs), and
every reference to it follows: in the built pages (src and href attributes, resolved from the page's
own address) and in the other scripts of its folder (string literals that name it, as in
`import("./checker-results.mjs")` and `new URL("checker-worker.mjs", import.meta.url)`). A script is
renamed after the scripts it names, so that its own hash covers theirs: a change to
checker-results.mjs renames checkers.mjs too. Material's bundles are already named after their
content (bundle.<8 hex digits>.min.js, main.<8>.min.css, workers/search.<8>.min.js) and keep their
names; its language packs for search (assets/javascripts/lunr/, absent from an English-only site)
are named by its search worker and are left alone.

Running it again on a finished site changes nothing; a file changed since (the worker, when the
runtime's settings are baked in again) gets its new name and the references follow.

Plain functions on a built site folder: nothing here needs MkDocs (postbuild.py runs them).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

FOLDERS = ("assets/javascripts/", "assets/stylesheets/")
SUFFIXES = (".mjs", ".js", ".css")
LEFT_ALONE = ("assets/javascripts/lunr/",)
RUNTIME = "assets/runtime/"  # named after its content by pyodide_runtime.copy_runtime
HASH_DIGITS = 12
OURS = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{%d})(?P<suffix>\.[A-Za-z0-9]+)$" % HASH_DIGITS)
MATERIAL = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
ATTRIBUTE = re.compile(r'(?P<before>\s(?:src|href)=")(?P<url>[^"]*)(?P<after>")')


class CircularReference(ValueError):
    """Two scripts name each other: neither can be named after the other's content."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_DIGITS]


def logical_name(name: str) -> str:
    """A file's name without our hash: "checkers.0123456789ab.mjs" -> "checkers.mjs"."""
    match = OURS.match(name)
    return f"{match['stem']}{match['suffix']}" if match else name


def _ours(site_dir: Path) -> list[Path]:
    """The scripts and stylesheets this step names (every one but Material's and the language packs)."""
    found = []
    for folder in FOLDERS:
        for path in sorted((site_dir / folder).rglob("*")):
            relative = path.relative_to(site_dir).as_posix()
            if (path.is_file() and path.suffix in SUFFIXES and not MATERIAL.search(path.name)
                    and not relative.startswith(LEFT_ALONE)):
                found.append(path)
    return found


def find(site_dir: Path, relative: str) -> Path:
    """The file a logical path names in a built site ("assets/javascripts/checker-worker.mjs"), under its
    plain name or its versioned one. FileNotFoundError if there is none, ValueError if more than one."""
    plain = Path(site_dir) / relative
    matches = [plain] if plain.is_file() else []
    if plain.parent.is_dir():
        matches += sorted(path for path in plain.parent.iterdir()
                          if OURS.match(path.name) and logical_name(path.name) == plain.name and path.is_file())
    if not matches:
        raise FileNotFoundError(f"{relative} is not in {site_dir}")
    if len(matches) > 1:
        raise ValueError(f"{relative} is in {site_dir} more than once: {', '.join(p.name for p in matches)}")
    return matches[0]


def _literal(name: str) -> re.Pattern:
    """A string literal naming a sibling file by its plain or versioned name ("./x.mjs", 'x.0123456789ab.mjs')."""
    stem, suffix = posixpath.splitext(name)
    return re.compile(r"""(?P<quote>["'`])(?P<dot>\./)?%s(?:\.[0-9a-f]{%d})?%s(?P=quote)"""
                      % (re.escape(stem), HASH_DIGITS, re.escape(suffix)))


def _in_order(files: list[Path]) -> list[Path]:
    """Scripts after the scripts of their folder they name (leaves first); stylesheets as they come."""
    texts = {path: path.read_text(encoding="utf-8") for path in files if path.suffix in (".mjs", ".js")}
    names = {path: _literal(logical_name(path.name)) for path in texts}
    needs = {path: [other for other in texts if other is not path and other.parent == path.parent
                    and names[other].search(text)] for path, text in texts.items()}
    ordered: list[Path] = []
    visiting: list[Path] = []

    def visit(path: Path) -> None:
        if path in ordered:
            return
        if path in visiting:
            cycle = " -> ".join(p.name for p in visiting[visiting.index(path):] + [path])
            raise CircularReference(f"these scripts name each other, so none can be named after its content: {cycle}")
        visiting.append(path)
        for other in needs.get(path, []):
            visit(other)
        visiting.pop()
        ordered.append(path)

    for path in files:
        visit(path)
    return ordered


def version_assets(site_dir: Path) -> dict[str, str]:
    """Name every script and stylesheet of the built site after its content and rewrite every reference
    to it. Returns {logical path: versioned path}, relative to the site."""
    site_dir = Path(site_dir)
    renamed: dict[str, str] = {}
    for path in _in_order(_ours(site_dir)):
        data = path.read_bytes()
        if path.suffix in (".mjs", ".js"):
            text = data.decode("utf-8")
            for logical, versioned in renamed.items():
                if posixpath.dirname(logical) == path.parent.relative_to(site_dir).as_posix():
                    new_name = posixpath.basename(versioned)
                    text = _literal(posixpath.basename(logical)).sub(
                        lambda m, n=new_name: f"{m['quote']}{m['dot'] or ''}{n}{m['quote']}", text)
            data = text.encode("utf-8")
        logical = logical_name(path.name)
        stem, suffix = posixpath.splitext(logical)
        target = path.with_name(f"{stem}.{digest(data)}{suffix}")
        if target != path:
            path.unlink()
            stale = path.with_name(path.name + ".gz")
            if stale.exists():
                stale.unlink()
        target.write_bytes(data)
        renamed[path.with_name(logical).relative_to(site_dir).as_posix()] = target.relative_to(site_dir).as_posix()
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        rewritten = _rewrite_page(html, page.relative_to(site_dir).as_posix(), renamed)
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")
    return renamed


def _rewrite_page(html: str, page: str, renamed: dict[str, str]) -> str:
    base = posixpath.dirname(page)

    def replace(match: re.Match) -> str:
        url = match["url"]
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//|^#", url) or not url:
            return match[0]
        path, rest = re.match(r"([^?#]*)(.*)", url, re.S).groups()
        if path.startswith("/"):  # from the server's root (the 404 page), under the site's path prefix if it has one
            parts = posixpath.normpath(path).lstrip("/").split("/")
            candidates = ["/".join(parts[start:]) for start in range(len(parts))]
        else:
            candidates = [posixpath.normpath(posixpath.join(base, path))]
        logicals = [posixpath.join(posixpath.dirname(c), logical_name(posixpath.basename(c))) for c in candidates]
        logical = next((name for name in logicals if name in renamed), None)
        if logical is None:
            return match[0]
        new_path = posixpath.join(posixpath.dirname(path), posixpath.basename(renamed[logical]))
        return f"{match['before']}{new_path}{rest}{match['after']}"

    return ATTRIBUTE.sub(replace, html)


def versioned_files(site_dir: Path) -> list[str]:
    """Every file of the built site named after its content, relative to the site: the runtime's, ours
    (after version_assets) and Material's bundles. Hosts may keep these for a year, and the service
    worker answers them from its cache first."""
    site_dir = Path(site_dir)
    found = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix in (".gz", ".map"):
            continue
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(RUNTIME):
            found.append(relative)
        elif relative.startswith(FOLDERS) and not relative.startswith(LEFT_ALONE):
            match = OURS.match(path.name)
            if MATERIAL.search(path.name) or (match and match["digest"] == digest(path.read_bytes())):
                found.append(relative)
    return found
