"""Security headers generated from the built site: `_headers` for Netlify and Cloudflare Pages, and
`_headers.nginx` and `_headers.embed.nginx` for deploy/nginx.conf to include.

The Content-Security-Policy allows only the site itself. Inline scripts (Material puts a few in every
page, and they change with page depth) are allowed by their sha256 hashes, computed here from the
pages as built, and only those the package writes (page_scripts.py): any other script, inline or
from a file, fails the build naming the page and line, as do frames, objects and forms the package
did not write. Anything the policy would block without saying so (an inline event handler, a style
attribute, a <style> element) fails the build instead of failing quietly in the browser.

No page may be framed by another website (`frame-ancestors 'none'`, and X-Frame-Options DENY), except
the checkers built for a partnership's own website (embedding.py, plugin option `embed_origins`): the
pages under /embed/ may be framed by the edition itself and the listed origins only, and send no
X-Frame-Options. Hosts combine overlapping `_headers` rules differently (Cloudflare Pages joins two
values of one header into one list, which would add the site-wide `frame-ancestors 'none'` to the
embed pages; Netlify keeps one), so with embed pages the Content-Security-Policy and X-Frame-Options
are given path by path, for every top-level file and folder of the built site, and no path matches two
rules that set them; `/*` keeps the headers every path shares. A path the site does not have (its
404 page) then gets the shared headers without those two; nginx (`_headers.embed.nginx`, included by
deploy/nginx.conf's /embed/ location) sends them on every page.

Plain functions on a built site folder: nothing here needs MkDocs (postbuild.py runs them).
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
from html.parser import HTMLParser
from pathlib import Path

from . import page_scripts
from .versioned_assets import versioned_files

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)

EMBED_FOLDER = "embed"  # the pages other websites may frame (embedding.py)
NGINX_EMBED_HEADERS = "_headers.embed.nginx"
FRAME_HEADERS = ("Content-Security-Policy", "X-Frame-Options")  # given path by path when pages are embedded

# Paths whose names change whenever their content does: safe to cache for a year. Our own scripts and
# stylesheets are added one by one, by their versioned names (versioned_assets).
IMMUTABLE_PATHS = ("/assets/runtime/*", "/assets/javascripts/bundle.*", "/assets/stylesheets/main.*",
                   "/assets/stylesheets/palette.*", "/assets/javascripts/workers/*")


class PolicyViolation(ValueError):
    """A built page needs something the Content-Security-Policy would block."""


class _PageScan(HTMLParser):
    """What the policy would block without saying so: inline event handlers and inline styles."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name.lower() for name, _ in attrs}
        for name in names:
            if name.startswith("on"):
                self.problems.append(f"inline event handler {name}= on <{tag}>")
        if "style" in names:
            self.problems.append(f"style attribute on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")


def script_hashes(site_dir: Path, scripts: page_scripts.PackageScripts | None = None) -> tuple[list[str], list[str]]:
    """(sorted CSP hash sources for every inline script the package wrote, problems found) over all
    built pages. `scripts`: the package's own inline scripts (default: the installed theme's)."""
    scripts = scripts or page_scripts.installed_scripts()
    hashes: set[str] = set()
    problems: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        scan = _PageScan()
        scan.feed(text)
        where = page.relative_to(site_dir)
        policed = page_scripts.scan_page(text)
        for script, line in policed.inline_scripts:
            if not scripts.allows_inline(script):
                problems.append(f"{where}, line {line}: an inline script the package did not write ({_start(script)})")
                continue
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
        for src, line in policed.script_files:
            problem = page_scripts.script_file_problem(site_dir, page, src)
            if problem:
                problems.append(f"{where}, line {line}: {problem}")
        problems += [f"{where}, {problem}" for problem in policed.problems]
        problems += [f"{where}: {problem}" for problem in scan.problems]
    return sorted(hashes), problems


def _start(script: str) -> str:
    text = " ".join(script.split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


def content_security_policy(hashes: list[str], frame_ancestors: tuple[str, ...] = ("'none'",)) -> str:
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *hashes]),
        "worker-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-ancestors " + " ".join(frame_ancestors),
    ]
    return "; ".join(directives)


def security_headers(csp: str, framed: bool = False) -> list[tuple[str, str]]:
    """Every page's headers; `framed` for a page other websites may frame: no X-Frame-Options (its CSP's
    frame-ancestors says who may)."""
    headers = [
        ("Content-Security-Policy", csp),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ]
    return [(name, value) for name, value in headers if not (framed and name == "X-Frame-Options")]


def _top_level_paths(site_dir: Path) -> list[str]:
    """`_headers` path patterns for everything at the top of the built site except /embed/ (and for the
    precompressed copy of a file there, which precompress.py writes after the headers)."""
    paths = ["/"]
    for entry in sorted(Path(site_dir).iterdir()):
        if entry.name == EMBED_FOLDER or entry.name.startswith("_headers"):
            continue
        if entry.is_dir():
            paths.append(f"/{entry.name}/*")
        else:
            paths += [f"/{entry.name}"] + ([] if entry.name.endswith(".gz") else [f"/{entry.name}.gz"])
    return list(dict.fromkeys(paths))


def netlify_headers(headers: list[tuple[str, str]], embed_headers: list[tuple[str, str]] | None = None,
                    site_dir: Path | None = None, immutable: tuple[str, ...] = IMMUTABLE_PATHS) -> str:
    """`_headers`; with `embed_headers` (and the built `site_dir`), the frame headers path by path (see
    the module's notes); `immutable`: the paths cached for a year."""
    lines = ["# Generated by safeguarding_guidance/security_headers.py at build time. Do not edit.", "/*"]
    if embed_headers is None:
        lines += [f"  {name}: {value}" for name, value in headers]
    else:
        lines += [f"  {name}: {value}" for name, value in headers if name not in FRAME_HEADERS]
        for path in _top_level_paths(site_dir):
            lines.append(path)
            lines += [f"  {name}: {value}" for name, value in headers if name in FRAME_HEADERS]
        lines.append(f"/{EMBED_FOLDER}/*")
        lines += [f"  {name}: {value}" for name, value in embed_headers if name in FRAME_HEADERS]
    for path in immutable:
        lines += [path, "  Cache-Control: public, max-age=31536000, immutable"]
    lines += ["/sw.js", "  Cache-Control: no-cache"]
    return "\n".join(lines) + "\n"


def nginx_headers(headers: list[tuple[str, str]]) -> str:
    lines = ["# Generated by safeguarding_guidance/security_headers.py at build time; included by deploy/nginx.conf."]
    for name, value in headers:
        escaped = value.replace('"', '\\"')
        lines.append(f'add_header {name} "{escaped}" always;')
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path, embed_origins: tuple[str, ...] = (),
                  scripts: page_scripts.PackageScripts | None = None) -> list[tuple[str, str]]:
    """Write `_headers`, `_headers.nginx` and `_headers.embed.nginx` for the built site; raise
    PolicyViolation naming the pages the policy would break or that carry what the package did not
    write. `embed_origins`: the websites that may frame the pages under /embed/ (without them, those
    headers are every page's). `scripts`: the package's own inline scripts (default: the installed
    theme's). Returns every page's headers."""
    site_dir = Path(site_dir)
    hashes, problems = script_hashes(site_dir, scripts)
    if problems:
        raise PolicyViolation(
            "These pages carry what the Content-Security-Policy would block, or scripts, frames or forms the "
            "guidance package did not write:\n  " + "\n  ".join(problems[:20])
            + (f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else "")
        )
    headers = security_headers(content_security_policy(hashes))
    embed_headers = None
    if embed_origins:
        embed_headers = security_headers(content_security_policy(hashes, ("'self'", *embed_origins)), framed=True)
    ours = tuple(f"/{path}" for path in versioned_files(site_dir)
                 if not any(fnmatch.fnmatchcase(f"/{path}", pattern) for pattern in IMMUTABLE_PATHS))
    (site_dir / "_headers").write_text(netlify_headers(headers, embed_headers, site_dir, IMMUTABLE_PATHS + ours),
                                       encoding="utf-8")
    (site_dir / "_headers.nginx").write_text(nginx_headers(headers), encoding="utf-8")
    (site_dir / NGINX_EMBED_HEADERS).write_text(nginx_headers(embed_headers or headers), encoding="utf-8")
    return headers
