"""Security headers generated from the built site: `_headers` for Netlify and Cloudflare Pages, and
`_headers.nginx` for deploy/nginx.conf to include.

The Content-Security-Policy allows only the site itself. Inline scripts (Material puts a few in every
page, and they change with page depth) are allowed by their sha256 hashes, computed here from the
pages as built, and only those the package writes (page_scripts.py): any other script, inline or
from a file, fails the build naming the page and line, as do frames, objects and forms the package
did not write. Anything the policy would block without saying so (an inline event handler, a style
attribute, a <style> element) fails the build instead of failing quietly in the browser.

Plain functions on a built site folder: nothing here needs MkDocs (postbuild.py runs them).
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

from . import page_scripts

EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)

# Paths whose names change whenever their content does: safe to cache for a year.
IMMUTABLE_PATHS = ("/assets/runtime/*", "/assets/javascripts/bundle.*", "/assets/stylesheets/main.*",
                   "/assets/stylesheets/palette.*", "/assets/javascripts/workers/*")


class PolicyViolation(ValueError):
    """A built page needs something the Content-Security-Policy would block."""


class _PageScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.inline_scripts: list[str] = []
        self.problems: list[str] = []
        self._in_script: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name.lower(): (value or "") for name, value in attrs}
        for name in names:
            if name.startswith("on"):
                self.problems.append(f"inline event handler {name}= on <{tag}>")
        if "style" in names:
            self.problems.append(f"style attribute on <{tag}>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and "src" not in names:
            self._in_script = names.get("type", "").strip().lower()
            self._buffer = []

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            if self._in_script in EXECUTABLE_SCRIPT_TYPES:
                self.inline_scripts.append("".join(self._buffer))
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._buffer.append(data)

    def handle_entityref(self, name):
        if self._in_script is not None:
            self._buffer.append(f"&{name};")

    def handle_charref(self, name):
        if self._in_script is not None:
            self._buffer.append(f"&#{name};")


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


def content_security_policy(hashes: list[str]) -> str:
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
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def security_headers(csp: str) -> list[tuple[str, str]]:
    return [
        ("Content-Security-Policy", csp),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ]


def netlify_headers(headers: list[tuple[str, str]]) -> str:
    lines = ["# Generated by safeguarding_guidance/security_headers.py at build time. Do not edit.", "/*"]
    lines += [f"  {name}: {value}" for name, value in headers]
    for path in IMMUTABLE_PATHS:
        lines += [path, "  Cache-Control: public, max-age=31536000, immutable"]
    lines += ["/sw.js", "  Cache-Control: no-cache"]
    return "\n".join(lines) + "\n"


def nginx_headers(headers: list[tuple[str, str]]) -> str:
    lines = ["# Generated by safeguarding_guidance/security_headers.py at build time; included by deploy/nginx.conf."]
    for name, value in headers:
        escaped = value.replace('"', '\\"')
        lines.append(f'add_header {name} "{escaped}" always;')
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path, scripts: page_scripts.PackageScripts | None = None) -> list[tuple[str, str]]:
    """Write `_headers` and `_headers.nginx` for the built site; raise PolicyViolation naming the pages
    the policy would break or that carry what the package did not write. Returns the headers written."""
    site_dir = Path(site_dir)
    hashes, problems = script_hashes(site_dir, scripts)
    if problems:
        raise PolicyViolation(
            "These pages carry what the Content-Security-Policy would block, or scripts, frames or forms the "
            "guidance package did not write:\n  " + "\n  ".join(problems[:20])
            + (f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else "")
        )
    headers = security_headers(content_security_policy(hashes))
    (site_dir / "_headers").write_text(netlify_headers(headers), encoding="utf-8")
    (site_dir / "_headers.nginx").write_text(nginx_headers(headers), encoding="utf-8")
    return headers
