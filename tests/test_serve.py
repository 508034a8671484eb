"""scripts/serve.py, the local server the tests and `make serve` use, answers every request as a
careful static host would: malformed requests get a status line (400, 414), paths are decoded once,
over-long path segments and the build-only header files are 404, redirects never name a host, and
what could be compressed is sent gzipped to a client that accepts it (precompressed copies as they
are), as nginx and the other hosts in deploy/ send it.

The requests are written byte by byte on a socket, since an HTTP client library would refuse to send
most of them."""

from __future__ import annotations

import gzip
import os
import socket
from urllib.parse import urlsplit

import pytest

from serve import COMPRESS_MIN_BYTES, MAX_SEGMENT_BYTES, MAX_URL_BYTES, SiteServer, accepts_gzip


@pytest.fixture(scope="module")
def server(default_site):
    with SiteServer(default_site.path) as url:
        yield url


def exchange(url: str, data: bytes) -> tuple[bytes, dict[str, str], bytes]:
    """Send raw bytes, read until the server closes; (status line, headers, body)."""
    address = urlsplit(url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def get(url: str, target: bytes, extra: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    status, headers, body = exchange(url, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + b"\r\n")
    assert status.startswith(b"HTTP/1."), status
    return int(status.split()[1]), headers, body


@pytest.mark.parametrize(
    "request_line",
    [b"GARBAGE", b"GET / HTTP/1.1 extra", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", b"GET /\x00 HTTP/1.1 x", b"G E T / HTTP/1.1"],
)
def test_a_malformed_request_line_gets_400_with_a_status_line(server, request_line):
    status, headers, _ = exchange(server, request_line + b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.0 400 "), status
    assert "content-security-policy" in headers


@pytest.mark.parametrize("length", [MAX_URL_BYTES + 1, 70_000])
def test_an_over_long_url_gets_414(server, length):
    status, headers, _ = exchange(server, b"GET /" + b"a" * length + b" HTTP/1.1\r\n\r\n")
    assert status.startswith(b"HTTP/1.0 414 "), status
    assert "content-security-policy" in headers


def test_a_url_at_the_limit_is_looked_up(server):
    assert get(server, b"/" + b"a" * (MAX_URL_BYTES - 1))[0] == 404


@pytest.mark.parametrize(
    "target",
    [
        b"/" + b"a" * (MAX_SEGMENT_BYTES + 1),
        b"/myths/" + b"b" * 1000 + b"/",
        b"/" + b"%C3%A9" * 128,  # 128 characters, 256 bytes
        b"/" + (b"c" * 250 + b"/") * 30,  # every segment allowed, the whole too long for the file system
    ],
)
def test_a_path_segment_over_255_bytes_is_404(server, target):
    status, headers, body = get(server, target)
    assert status == 404
    assert b"<html" in body and "content-security-policy" in headers


@pytest.mark.parametrize(
    "target",
    [b"/_headers", b"/_headers.nginx", b"/%5Fheaders", b"/%5fheaders.nginx", b"/%255Fheaders", b"/%255Fheaders.nginx",
     b"/./_headers", b"/myths/../_headers.nginx", b"//_headers", b"/_headers?x=1", b"/_headers.nginx/"],
)
def test_build_only_files_are_never_served(server, target):
    status, _, body = get(server, target)
    assert status == 404
    assert b"Content-Security-Policy" not in body and b"add_header" not in body


def test_paths_are_decoded_once(server, default_site, tmp_path):
    # /%2561 is the file named "%61", not "a".
    assert get(server, b"/myth%73/")[0] == 200  # one decoding: "myths"
    assert get(server, b"/myth%2573/")[0] == 404  # a second decoding would also give "myths"


@pytest.mark.parametrize("target", [b"/../../../../etc/passwd", b"/%2e%2e/%2e%2e/etc/passwd", b"/..%2f..%2fetc/passwd",
                                    b"/%ff", b"/%00", b"/assets/", b"*", b"http://127.0.0.1/index.html"])
def test_nothing_outside_the_site_and_no_folder_listing(server, target):
    status, _, body = get(server, target)
    assert status == 404
    assert b"root:" not in body and b"Directory listing" not in body


@pytest.mark.parametrize(
    ("target", "location"),
    [(b"/checkers", "/checkers/"), (b"/checkers?a=1", "/checkers/?a=1"), (b"//checkers", "/checkers/"),
     (b"///checkers", "/checkers/")],
)
def test_redirects_are_paths_whatever_the_host(server, target, location):
    status, headers, _ = get(server, target, b"Host: attacker.example\r\n")
    assert status == 301
    assert headers["location"] == location


def test_a_protocol_relative_path_never_redirects_off_site(server):
    status, headers, _ = get(server, b"//attacker.example/checkers")
    assert status == 404
    assert "location" not in headers


def test_ordinary_requests_still_work(server, default_site):
    status, headers, body = get(server, b"/checkers/lawful-basis/")
    assert status == 200 and b"data-checker" in body
    assert "content-security-policy" in headers
    wasm = next(default_site.path.glob("assets/runtime/*/pyodide.asm.wasm")).relative_to(default_site.path).as_posix()
    status, headers, body = get(server, b"/" + wasm.encode())
    assert status == 200 and headers["content-type"] == "application/wasm" and body[:4] == b"\0asm"
    status, _, _ = exchange(server, b"GET /\r\n\r\n")  # a two-word request line is answered too
    assert status == b"HTTP/1.0 200 OK"


def test_under_a_prefix(default_site):
    with SiteServer(default_site.path, prefix="/guidance/") as url:
        assert get(url, b"/guidance/myths/")[0] == 200
        assert get(url, b"/myths/")[0] == 404
        assert get(url, b"/guidance/_headers.nginx")[0] == 404
        status, headers, _ = get(url, b"/guidance/checkers")
        assert (status, headers["location"]) == (301, "/guidance/checkers/")


# --- compression, as the static hosts in deploy/ compress ------------------------------------------

def test_a_precompressed_file_is_sent_as_it_is_to_a_client_that_accepts_gzip(server, default_site):
    wasm = next(default_site.path.glob("assets/runtime/*/pyodide.asm.wasm"))
    target = b"/" + wasm.relative_to(default_site.path).as_posix().encode()
    status, headers, body = get(server, target, b"Accept-Encoding: gzip, deflate, br\r\n")
    assert status == 200
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert headers["content-type"] == "application/wasm"
    assert body == wasm.with_name(wasm.name + ".gz").read_bytes()
    assert gzip.decompress(body) == wasm.read_bytes()
    assert int(headers["content-length"]) == len(body) < wasm.stat().st_size / 2
    assert "content-security-policy" in headers


def test_pages_and_scripts_are_gzipped_on_the_fly(server, default_site):
    status, headers, body = get(server, b"/lawful-bases/", b"Accept-Encoding: gzip\r\n")
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == (default_site.path / "lawful-bases" / "index.html").read_bytes()
    assert headers["content-type"].startswith("text/html") and "content-security-policy" in headers


@pytest.mark.parametrize("accept", [b"", b"Accept-Encoding: identity\r\n", b"Accept-Encoding: gzip;q=0, br\r\n"])
def test_a_client_that_does_not_accept_gzip_gets_the_file_itself(server, default_site, accept):
    status, headers, body = get(server, b"/lawful-bases/", accept)
    assert status == 200 and "content-encoding" not in headers and headers["vary"] == "Accept-Encoding"
    assert body == (default_site.path / "lawful-bases" / "index.html").read_bytes()


def test_small_files_and_types_nginx_does_not_compress_are_sent_as_they_are(server, default_site):
    small = next(path for path in default_site.path.rglob("*.svg") if path.stat().st_size < COMPRESS_MIN_BYTES)
    status, headers, body = get(server, b"/" + small.relative_to(default_site.path).as_posix().encode(), b"Accept-Encoding: gzip\r\n")
    assert status == 200 and "content-encoding" not in headers and body == small.read_bytes()
    status, headers, body = get(server, b"/feed.xml", b"Accept-Encoding: gzip\r\n")
    assert status == 200 and "content-encoding" not in headers and "vary" not in headers


def test_head_gives_the_headers_of_the_compressed_answer_and_no_body(server):
    status, headers, body = exchange(server, b"HEAD /lawful-bases/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n")
    assert status.split()[1] == b"200" and headers["content-encoding"] == "gzip" and body == b""
    assert int(headers["content-length"]) > 0


@pytest.mark.parametrize(("header", "accepted"), [
    ("gzip", True), ("gzip, deflate, br, zstd", True), ("br;q=1.0, gzip;q=0.8", True), ("*", True),
    ("", False), (None, False), ("identity", False), ("gzip;q=0", False), ("br, *;q=0", False), ("GZIP", True),
    ("gzip;q=nonsense", False),
])
def test_accept_encoding_is_read_with_its_q_values(header, accepted):
    assert accepts_gzip(header) is accepted


def test_a_precompressed_copy_older_than_its_file_is_not_sent(default_site, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    script = site / "big.js"
    script.write_text("const a = 1;\n" * 1000, encoding="utf-8")
    stale = site / "big.js.gz"
    stale.write_bytes(gzip.compress(b"const old = 0;\n" * 1000))
    os.utime(stale, ns=(script.stat().st_mtime_ns - 10**9,) * 2)  # written before the file changed
    with SiteServer(site) as url:
        status, headers, body = get(url, b"/big.js", b"Accept-Encoding: gzip\r\n")
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == script.read_bytes()  # compressed afresh, not the stale copy
