"""Serve a built site as a static host would: with the security headers from its `_headers` file
(Netlify / Cloudflare Pages format), correct MIME types for .wasm and .mjs, its 404 page, and
optionally under a path prefix.

    python scripts/serve.py site --port 8000 [--prefix /guidance/]

Tests use `SiteServer` to run the same server in a thread.
"""

from __future__ import annotations

import argparse
import fnmatch
import functools
import http.server
import posixpath
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".md": "text/markdown; charset=utf-8",
}
HIDDEN = {"_headers"}


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Netlify `_headers`: a path pattern at column 0, then indented `Name: value` lines."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
            continue
        if not rules or ":" not in line:
            raise ValueError(f"_headers line {number}: expected a path, then 'Name: value' lines")
        name, value = line.strip().split(":", 1)
        rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules, path: str) -> list[tuple[str, str]]:
    """Headers of every rule whose pattern matches the path (`*` matches any characters)."""
    found = []
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(path, pattern):
            found.extend(headers)
    return found


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def __init__(self, *args, root: Path, prefix: str, rules, quiet: bool, **kwargs):
        self.root, self.prefix, self.rules, self.quiet = root, prefix, rules, quiet
        super().__init__(*args, directory=str(root), **kwargs)

    def _site_path(self) -> str | None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None
        return "/" + path[len(self.prefix):]

    def translate_path(self, path: str) -> str:
        site_path = self._site_path()
        if site_path is None or posixpath.basename(site_path) in HIDDEN:
            return str(self.root / "__not_found__")
        return super().translate_path(site_path)

    def send_head(self):
        site_path = self._site_path()
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # redirect to the trailing slash
        if target.is_dir():
            target = target / "index.html"
        if site_path is None or not target.is_file():
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        page = self.root / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        self._headers_path = "/404.html"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def send_response(self, code, message=None):
        super().send_response(code, message)
        self._security_pending = True

    def end_headers(self):
        if getattr(self, "_security_pending", False):
            self._security_pending = False
            site_path = getattr(self, "_headers_path", None) or self._site_path() or "/404.html"
            if site_path.endswith("/"):
                site_path += "index.html"
            for name, value in headers_for(self.rules, site_path):
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that cancels a download (page closed, worker stopped) is not an error.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


class SiteServer:
    """The server in a background thread: `with SiteServer(site_dir, prefix="/guidance/") as url:`."""

    def __init__(self, root: Path, port: int = 0, prefix: str = "/", quiet: bool = True, host: str = "127.0.0.1",
                 rules: list | None = None):
        root = Path(root).resolve()
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        headers_file = root / "_headers"
        if rules is None:
            rules = parse_headers_file(headers_file.read_text(encoding="utf-8")) if headers_file.is_file() else []
        handler = functools.partial(SiteHandler, root=root, prefix=prefix, rules=rules, quiet=quiet)
        self.httpd = _QuietServer((host, port), handler)
        self.url = f"http://{host}:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="the built site directory")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/", help="serve the site under this path, e.g. /guidance/")
    args = parser.parse_args(argv)
    if not (args.root / "index.html").is_file():
        print(f"{args.root} holds no built site: run `make site` first", file=sys.stderr)
        return 2
    server = SiteServer(args.root, args.port, args.prefix, quiet=False)
    print(f"Serving {args.root} at {server.url} (Ctrl+C to stop)", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
