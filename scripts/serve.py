"""Serve a built site as a static host would: with the security headers from its `_headers` file
(Netlify / Cloudflare Pages format), correct MIME types for .wasm and .mjs, its 404 page, and
optionally under a path prefix; what `_headers` gives no Cache-Control is sent with `no-cache`, as
nginx sends it (deploy/nginx.conf). Paths are percent-decoded once; a malformed request line gets 400, a
request target over 8 kB 414, a path segment over 255 bytes 404, and the build-only header files
(`_headers`, `_headers.nginx`) are never served.

Compressed as deploy/nginx.conf compresses (and as Netlify and Cloudflare Pages do): to a client that
accepts gzip, a file's precompressed copy (`<file>.gz`, written by the build, and not older than the
file) is sent as it is, and
pages, scripts, styles and the other text types nginx compresses are gzipped on the fly when they
are 1 kB or more; every answer that could be compressed says `Vary: Accept-Encoding`. So local
measurements, Lighthouse and the tests see the bytes readers get.

    python scripts/serve.py site --port 8000 [--prefix /guidance/]

Tests use `SiteServer` to run the same server in a thread.
"""

from __future__ import annotations

import argparse
import email.utils
import fnmatch
import functools
import gzip
import http.server
import io
import posixpath
import sys
import threading
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote

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
# Compressed on the fly, as nginx's gzip_types in deploy/nginx.conf (and text/html, which nginx
# always compresses), from gzip_min_length (1 kB) up, at its gzip_comp_level (6).
COMPRESSIBLE_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".md", ".webmanifest"}
COMPRESS_MIN_BYTES = 1024
COMPRESS_LEVEL = 6
# Files the build writes for the host, not for visitors: `_headers` and `_headers.nginx`.
BUILD_ONLY_PREFIX = "_headers"
MAX_URL_BYTES = 8192  # longer request targets get 414, as nginx's default buffers would
MAX_SEGMENT_BYTES = 255  # no file name is longer: a longer path segment is 404 without asking the disk


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


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header accepts gzip (by name or `*`, with a q-value above 0)."""
    accepted = {}
    for part in (header or "").split(","):
        coding, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if coding:
            accepted[coding.strip().lower()] = quality
    return accepted.get("gzip", accepted.get("*", 0.0)) > 0


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """A file's gzip encoding, kept while the file is unchanged (its time and size are the key)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=COMPRESS_LEVEL, mtime=0)


def headers_for(rules, path: str) -> list[tuple[str, str]]:
    """Headers of every rule whose pattern matches the path (`*` matches any characters)."""
    found = []
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(path, pattern):
            found.extend(headers)
    return found


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    # Answer even a request line that cannot be parsed with a status line (the standard library's
    # default, HTTP/0.9, sends an error page with no status and no headers).
    default_request_version = "HTTP/1.0"

    def __init__(self, *args, root: Path, prefix: str, rules, quiet: bool, **kwargs):
        self.root, self.prefix, self.rules, self.quiet = root, prefix, rules, quiet
        super().__init__(*args, directory=str(root), **kwargs)

    def parse_request(self) -> bool:
        # The standard library answers a malformed request line with 400 and a request line over
        # 64 kB with 414 (both through send_error, which end_headers below must survive).
        if not super().parse_request():
            return False
        if len(self.path) > MAX_URL_BYTES:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG, f"The address is longer than {MAX_URL_BYTES} bytes")
            return False
        return True

    def _site_path(self) -> str | None:
        """The request's path below the site root, percent-decoded exactly once (so that
        /%255Fheaders is the file "%5Fheaders", never "_headers"); None when the request has no
        path yet, lies outside the prefix, or does not decode to text."""
        target = getattr(self, "path", None)
        if target is None or not target.startswith("/"):
            return None  # not yet parsed, or not a path ("*", or an absolute URL meant for a proxy)
        try:
            path = unquote(self._raw_path(), errors="strict")
        except (UnicodeDecodeError, ValueError):
            return None
        if not path.startswith(self.prefix) or "\x00" in path:
            return None
        return "/" + path[len(self.prefix):]

    def _raw_path(self) -> str:
        # Not urlsplit(): it would read "//host/x" as a host and a path.
        return self.path.split("?", 1)[0].split("#", 1)[0]

    def _file_for(self, site_path: str | None) -> Path | None:
        """The file or folder a site path names, or None if it may not be served: a `..` segment, a
        segment longer than any file name, or a build-only file."""
        if site_path is None:
            return None
        segments = [segment for segment in site_path.split("/") if segment not in ("", ".")]
        for segment in segments:
            if segment == ".." or len(segment.encode("utf-8", "surrogatepass")) > MAX_SEGMENT_BYTES:
                return None
            if segment.startswith(BUILD_ONLY_PREFIX):
                return None
        return self.root.joinpath(*segments)

    def translate_path(self, path: str) -> str:
        # SimpleHTTPRequestHandler would percent-decode the path a second time: map it here instead.
        target = self._file_for(self._site_path())
        return str(target if target is not None else self.root / "__not_found__")

    def send_head(self):
        target = self._file_for(self._site_path())
        try:
            if target is not None and target.is_dir():
                if not self._raw_path().endswith("/"):
                    return self._redirect_to_folder()
                target = target / "index.html"
            found = target is not None and target.is_file()
        except OSError:  # a path the file system refuses (too long as a whole, say) is not found
            found = False
        if not found:
            return self._not_found()
        return self._send_file(target)

    def _send_file(self, target: Path):
        """Headers for a file, and its body (as a file object) for do_GET to copy: compressed when
        the client accepts it and a compressed form exists or may be made."""
        stat = target.stat()
        precompressed = target.with_name(target.name + ".gz")
        # A copy older than its file is stale (the file was rewritten after the build): not sent.
        if not (precompressed.is_file() and precompressed.stat().st_mtime_ns >= stat.st_mtime_ns):
            precompressed = None
        if target.suffix not in COMPRESSIBLE_SUFFIXES and precompressed is None:
            return super().send_head()
        if self._not_modified_since(stat.st_mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        encoding = None
        if accepts_gzip(self.headers.get("Accept-Encoding")):
            if precompressed is not None:
                body, encoding = precompressed.read_bytes(), "gzip"
            elif stat.st_size >= COMPRESS_MIN_BYTES:
                body, encoding = _gzipped(str(target), stat.st_mtime_ns, stat.st_size), "gzip"
        if encoding is None:
            body = target.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(target)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return io.BytesIO(body)

    def _not_modified_since(self, mtime: float) -> bool:
        """If-Modified-Since at or after the file's time (and no If-None-Match), as the stdlib handler."""
        if "If-Modified-Since" not in self.headers or "If-None-Match" in self.headers:
            return False
        try:
            since = email.utils.parsedate_to_datetime(self.headers["If-Modified-Since"])
        except (TypeError, IndexError, OverflowError, ValueError):
            return False
        return since is not None and since.tzinfo is not None and int(mtime) <= since.timestamp()

    def _redirect_to_folder(self):
        # A path, never a URL: no host a request could choose (as nginx's absolute_redirect off),
        # and one leading slash, so that "//example.org/x" cannot become another site's address.
        query = self.path.partition("?")[2]
        location = "/" + self._raw_path().lstrip("/") + "/" + (f"?{query}" if query else "")
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

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
            # Error answers sent before the request was understood get the site's headers too.
            site_path = getattr(self, "_headers_path", None) or self._site_path() or "/404.html"
            if site_path.endswith("/"):
                site_path += "index.html"
            headers = headers_for(self.rules, site_path)
            for name, value in headers:
                self.send_header(name, value)
            if not any(name.lower() == "cache-control" for name, _ in headers):
                # What nginx (deploy/nginx.conf) and Netlify send for anything not named after its
                # content: the browser asks again before using its copy (a 304 if unchanged).
                self.send_header("Cache-Control", "no-cache")
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
