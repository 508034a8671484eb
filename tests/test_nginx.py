"""The built site served by Debian's nginx through deploy/nginx.conf, as a partnership would deploy it:
WebAssembly as application/wasm, the generated security headers, long caching for the runtime,
precompressed files, and a checker run end to end through it in Chromium. An edition with
embed_origins (examples/harbourside): its /embed/ pages, and only they, may be framed by the listed
origins."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from safeguarding_guidance.versioned_assets import find

pytestmark = [pytest.mark.nginx, pytest.mark.browser]

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_url(default_site, tmp_path_factory):
    yield from serve_with_nginx(default_site.path, tmp_path_factory)


@pytest.fixture(scope="module")
def embedding_nginx_url(built_sites, tmp_path_factory):
    yield from serve_with_nginx(built_sites["harbourside"].path, tmp_path_factory)


def serve_with_nginx(site: Path, tmp_path_factory):
    """nginx serving `site` through deploy/nginx.conf, on a free port; yields its URL."""
    if not Path(NGINX).exists():
        pytest.fail("Debian nginx is missing: `make test` installs it (apt-get install -y nginx)", pytrace=False)
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = server.replace("/srv/safeguarding", str(site))
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("listen [::]:80;", "")
    (work / "server.conf").write_text(server, encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""  # pytest's temporary folders are private to their owner
    (work / "nginx.conf").write_text(
        f"""{user}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/client;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/server.conf;
}}
""",
        encoding="utf-8",
    )
    check = subprocess.run([NGINX, "-t", "-c", str(work / "nginx.conf"), "-p", str(work)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-p", str(work)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def expected_csp(default_site) -> str:
    headers = (default_site.path / "_headers").read_text(encoding="utf-8")
    return next(line.split(":", 1)[1].strip() for line in headers.splitlines() if "Content-Security-Policy" in line)


def runtime_file(default_site, name: str) -> str:
    path = next(default_site.path.glob(f"assets/runtime/*/{name}"))
    return path.relative_to(default_site.path).as_posix()


def test_wasm_is_served_as_application_wasm_with_the_csp(nginx_url, default_site):
    status, headers, body = fetch(nginx_url + runtime_file(default_site, "pyodide.asm.wasm"))
    assert status == 200
    assert headers["Content-Type"] == "application/wasm"
    assert headers["Content-Security-Policy"] == expected_csp(default_site)
    assert "immutable" in headers["Cache-Control"]
    assert body[:4] == b"\0asm"


def test_pages_carry_every_security_header(nginx_url, default_site):
    status, headers, _ = fetch(nginx_url + "lawful-bases/")
    assert status == 200
    assert headers["Content-Security-Policy"] == expected_csp(default_site)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Cache-Control"] == "no-cache"


def test_modules_service_worker_and_hidden_files(nginx_url, default_site):
    script = find(default_site.path, "assets/javascripts/checkers.mjs").relative_to(default_site.path).as_posix()
    status, headers, _ = fetch(nginx_url + script)
    assert status == 200 and headers["Content-Type"] == "text/javascript"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"  # named after its content
    status, headers, _ = fetch(nginx_url + find(default_site.path, "assets/stylesheets/site.css").relative_to(default_site.path).as_posix())
    assert status == 200 and headers["Content-Type"] == "text/css" and "immutable" in headers["Cache-Control"]
    material = next(default_site.path.glob("assets/javascripts/bundle.*.min.js")).relative_to(default_site.path).as_posix()
    status, headers, _ = fetch(nginx_url + material)
    assert status == 200 and headers["Content-Type"] == "text/javascript" and "immutable" in headers["Cache-Control"]
    status, headers, _ = fetch(nginx_url + "sw.js")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert headers["Content-Security-Policy"] == expected_csp(default_site)
    for hidden in ("_headers", "_headers.nginx"):
        assert fetch(nginx_url + hidden)[0] == 404
    status, headers, body = fetch(nginx_url + "no-such-page/")
    assert status == 404 and b"<html" in body and "Content-Security-Policy" in headers


def test_precompressed_runtime_is_sent_compressed(nginx_url, default_site):
    status, headers, body = fetch(nginx_url + runtime_file(default_site, "pyodide.asm.wasm"), **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert len(body) < (default_site.path / runtime_file(default_site, "pyodide.asm.wasm")).stat().st_size / 2


def test_checker_end_to_end_through_nginx(browser, nginx_url):
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(nginx_url + "checkers/proportionality/")
    page.wait_for_selector('[data-checker][data-checker-state="ready"], [data-checker][data-checker-state="unavailable"]', timeout=60000)
    assert page.get_attribute("[data-checker]", "data-checker-state") == "ready"
    answers = {"purpose_clear": "true", "recipient_role": "safeguarding", "extent": "minimum", "relevant": "true",
               "accurate": "true", "fact_opinion_distinguished": "true", "urgency": "urgent", "channel": "secure_electronic",
               "identities_protected": "true", "recorded": "true", "harm_if_shared": "low", "harm_if_not_shared": "high"}
    for name, value in answers.items():
        page.check(f'input[name="{name}"][value="{value}"]')
    page.click("[data-checker-submit]")
    page.wait_for_selector('[data-checker-result][data-outcome="proportionate"]', timeout=10000)
    assert problems == []
    context.close()


def test_redirects_never_name_the_host_a_request_gives(nginx_url):
    """absolute_redirect off: the redirect to the folder is a path, whatever Host the request claims."""
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(nginx_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", "/checkers", headers={"Host": "attacker.example"})
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 301
    assert response.getheader("Location") == "/checkers/"


def test_the_hosting_guide_says_how_to_add_hsts_and_why_it_is_not_a_default(default_site):
    guide = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
    section = guide.split("## HTTPS and HSTS", 1)[1].split("\n## ", 1)[0]
    for needed in ('add_header Strict-Transport-Security "max-age=31536000" always;', "Strict-Transport-Security: max-age=31536000",
                   "includeSubDomains", "is not in the headers the build writes"):
        assert needed in section
    assert "Strict-Transport-Security" not in (default_site.path / "_headers").read_text(encoding="utf-8")
    assert "absolute_redirect off;" in (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def test_only_embed_pages_may_be_framed_and_only_by_the_listed_origins(embedding_nginx_url):
    listed = "frame-ancestors 'self' https://www.harbourside-scp.example"
    for path in ("embed/key-questions/", "embed/lawful-basis/", "embed/proportionality/"):
        status, headers, body = fetch(embedding_nginx_url + path)
        assert status == 200 and b"data-embed" in body
        assert listed in headers["Content-Security-Policy"] and "X-Frame-Options" not in headers, path
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Cache-Control"] == "no-cache"
    status, headers, _ = fetch(embedding_nginx_url + "embed/resize.js")
    assert status == 200 and "javascript" in headers["Content-Type"]
    for path in ("", "checkers/key-questions/", "local/checkers-on-your-website/", "no-such-page/", "embed/no-such-page/"):
        status, headers, _ = fetch(embedding_nginx_url + path)
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
        assert headers["X-Frame-Options"] == "DENY", path
    assert fetch(embedding_nginx_url + "_headers.embed.nginx")[0] == 404


def _raw_response(nginx_url: str, request: bytes) -> tuple[int, dict[str, str]]:
    """Send bytes as they are (urllib would refuse to send most of these) and read the answer's head."""
    from urllib.parse import urlsplit

    address = urlsplit(nginx_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
    status_line, *lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers


@pytest.mark.parametrize(("request_", "status"), [
    (b"NOT A REQUEST\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 400),  # no Host
    (b"GET /" + b"a" * 10_000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 414),
    (b"GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n", 505),
    (b"TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405),
    (b"POST /lawful-bases/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 405),
], ids=["400-garbage", "400-no-host", "414", "505", "405-trace", "405-post"])
def test_nginx_s_own_error_responses_carry_the_security_headers(nginx_url, default_site, request_, status):
    """Issue 21: nginx answers these before any location; the server-level include adds the headers."""
    got, headers = _raw_response(nginx_url, request_)
    assert got == status
    written = re.findall(r'^add_header (\S+) "(.*)" always;$', (default_site.path / "_headers.nginx").read_text(encoding="utf-8"), re.M)
    assert len(written) >= 6
    for name, value in written:
        assert headers.get(name.lower()) == value.replace('\\"', '"'), name
    assert headers["content-security-policy"] == expected_csp(default_site)
