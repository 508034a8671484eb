"""Scripts and stylesheets named after their content (safeguarding_guidance/versioned_assets.py): every
one in the built site, every reference to it rewritten, and the hosts' headers and the service worker
treating exactly those as versioned. The renaming itself on small made-up sites: references in pages
and between scripts, order (a script's hash covers the scripts it names), idempotence, a file changed
after it was named."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from safeguarding_guidance.versioned_assets import (
    CircularReference, digest, find, logical_name, version_assets, versioned_files,
)

REFERENCE = re.compile(r'\s(?:src|href)="([^"#?]+\.(?:mjs|js|css))(?:[?#][^"]*)?"')


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def small_site(tmp_path):
    write(tmp_path, {
        "index.html": '<link rel="stylesheet" href="assets/stylesheets/site.css">\n'
                      '<script type="module" src="assets/javascripts/page.mjs"></script>\n'
                      '<script src="assets/javascripts/bundle.0123abcd.min.js"></script>\n'
                      '<a href="https://example.org/assets/javascripts/page.mjs">elsewhere</a>',
        "deep/page/index.html": '<script type="module" src="../../assets/javascripts/page.mjs?x=1"></script>\n'
                                '<link rel="modulepreload" href="/assets/javascripts/results.mjs">',
        "assets/javascripts/page.mjs": 'const results = import("./results.mjs");\n'
                                       'const worker = new URL("worker.mjs", import.meta.url);\n'
                                       "const other = 'results.mjs';\n",
        "assets/javascripts/results.mjs": "export const x = 1;\n",
        "assets/javascripts/worker.mjs": "const BUILD = {};\n",
        "assets/javascripts/bundle.0123abcd.min.js": "/* Material */\n",
        "assets/javascripts/lunr/min/lunr.de.min.js": "/* a language pack */\n",
        "assets/stylesheets/site.css": "body { color: black }\n",
    })
    return tmp_path


def test_every_script_and_stylesheet_is_named_after_its_content(small_site):
    renamed = version_assets(small_site)
    assert set(renamed) == {"assets/javascripts/page.mjs", "assets/javascripts/results.mjs",
                            "assets/javascripts/worker.mjs", "assets/stylesheets/site.css"}
    for logical, versioned in renamed.items():
        data = (small_site / versioned).read_bytes()
        assert versioned == logical[: -len(Path(logical).suffix)] + f".{hashlib.sha256(data).hexdigest()[:12]}" + Path(logical).suffix
        assert not (small_site / logical).exists()
    assert (small_site / "assets/javascripts/bundle.0123abcd.min.js").exists()  # Material's name kept
    assert (small_site / "assets/javascripts/lunr/min/lunr.de.min.js").exists()  # named by Material's search


def test_references_follow_in_pages_and_scripts(small_site):
    renamed = version_assets(small_site)
    name = {logical: Path(versioned).name for logical, versioned in renamed.items()}
    home = (small_site / "index.html").read_text(encoding="utf-8")
    assert f'href="assets/stylesheets/{name["assets/stylesheets/site.css"]}"' in home
    assert f'src="assets/javascripts/{name["assets/javascripts/page.mjs"]}"' in home
    assert 'src="assets/javascripts/bundle.0123abcd.min.js"' in home
    assert 'href="https://example.org/assets/javascripts/page.mjs"' in home  # another site's file
    deep = (small_site / "deep/page/index.html").read_text(encoding="utf-8")
    assert f'src="../../assets/javascripts/{name["assets/javascripts/page.mjs"]}?x=1"' in deep
    assert f'href="/assets/javascripts/{name["assets/javascripts/results.mjs"]}"' in deep
    page = (small_site / renamed["assets/javascripts/page.mjs"]).read_text(encoding="utf-8")
    assert f'import("./{name["assets/javascripts/results.mjs"]}")' in page
    assert f'new URL("{name["assets/javascripts/worker.mjs"]}", import.meta.url)' in page
    assert f"'{name['assets/javascripts/results.mjs']}'" in page


def test_a_root_relative_reference_under_a_path_prefix_follows(small_site):
    """The 404 page names files from the server's root, and an edition published under a path prefix
    (site_url https://example.org/information-sharing/) puts the prefix in front of them."""
    write(small_site, {"404.html": '<script type="module" src="/information-sharing/assets/javascripts/page.mjs"></script>'})
    renamed = version_assets(small_site)
    missing = (small_site / "404.html").read_text(encoding="utf-8")
    assert f'src="/information-sharing/{renamed["assets/javascripts/page.mjs"]}"' in missing


def test_a_script_is_named_after_the_scripts_it_names(small_site, tmp_path_factory):
    first = version_assets(small_site)
    other = tmp_path_factory.mktemp("other")
    for path in small_site.rglob("*"):
        if path.is_file():
            target = other / path.relative_to(small_site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    (other / first["assets/javascripts/results.mjs"]).write_text("export const x = 2;\n", encoding="utf-8")
    second = version_assets(other)
    assert second["assets/javascripts/results.mjs"] != first["assets/javascripts/results.mjs"]
    assert second["assets/javascripts/page.mjs"] != first["assets/javascripts/page.mjs"]  # it names results.mjs
    assert second["assets/stylesheets/site.css"] == first["assets/stylesheets/site.css"]


def test_running_again_changes_nothing_and_a_changed_file_gets_its_new_name(small_site):
    first = version_assets(small_site)
    files = {path: path.read_bytes() for path in small_site.rglob("*") if path.is_file()}
    assert version_assets(small_site) == first
    assert {path: path.read_bytes() for path in small_site.rglob("*") if path.is_file()} == files
    worker = find(small_site, "assets/javascripts/worker.mjs")
    worker.write_text('const BUILD = {"snapshot":"x"};\n', encoding="utf-8")  # baked again, differently
    third = version_assets(small_site)
    assert third["assets/javascripts/worker.mjs"] != first["assets/javascripts/worker.mjs"]
    assert not worker.exists()
    page = (small_site / third["assets/javascripts/page.mjs"]).read_text(encoding="utf-8")
    assert Path(third["assets/javascripts/worker.mjs"]).name in page
    assert sorted(p.name for p in (small_site / "assets/javascripts").glob("worker.*")) == [Path(third["assets/javascripts/worker.mjs"]).name]


def test_scripts_that_name_each_other_are_refused(tmp_path):
    write(tmp_path, {"assets/javascripts/a.mjs": 'import "./b.mjs";\n', "assets/javascripts/b.mjs": 'import "./a.mjs";\n'})
    with pytest.raises(CircularReference, match="a.mjs -> b.mjs -> a.mjs|b.mjs -> a.mjs -> b.mjs"):
        version_assets(tmp_path)


def test_find_and_logical_names(small_site):
    assert find(small_site, "assets/javascripts/worker.mjs").name == "worker.mjs"
    version_assets(small_site)
    assert re.fullmatch(r"worker\.[0-9a-f]{12}\.mjs", find(small_site, "assets/javascripts/worker.mjs").name)
    with pytest.raises(FileNotFoundError):
        find(small_site, "assets/javascripts/missing.mjs")
    assert logical_name("checkers.0123456789ab.mjs") == "checkers.mjs"
    assert logical_name("bundle.0123abcd.min.js") == "bundle.0123abcd.min.js"
    assert digest(b"x") == hashlib.sha256(b"x").hexdigest()[:12]


# --- the built site ------------------------------------------------------------------------------

def test_the_built_site_names_every_script_and_stylesheet_after_its_content(default_site):
    site = default_site.path
    versioned = set(versioned_files(site))
    for folder in ("assets/javascripts", "assets/stylesheets"):
        for path in (site / folder).rglob("*"):
            if path.is_file() and path.suffix in (".mjs", ".js", ".css"):
                assert path.relative_to(site).as_posix() in versioned, path
    ours = [path for path in versioned if re.search(r"\.[0-9a-f]{12}\.(mjs|css)$", path)]
    assert {logical_name(Path(path).name) for path in ours} >= {
        "checkers.mjs", "checker-start.mjs", "checker-worker.mjs", "checker-results.mjs", "offline.mjs", "site.css"}
    for path in ours:
        assert Path(path).name.split(".")[-2] == digest((site / path).read_bytes()), path
    # Every page names existing scripts and stylesheets only, all of them versioned.
    for page in site.rglob("*.html"):
        for reference in REFERENCE.findall(page.read_text(encoding="utf-8")):
            if reference.startswith(("http:", "https:", "//")):
                continue
            base = site if reference.startswith("/") else page.parent
            target = (base / reference.lstrip("/")).resolve().relative_to(site.resolve()).as_posix()
            assert target in versioned, (page, reference)


def test_hosts_and_the_service_worker_keep_exactly_the_versioned_files(default_site):
    site = default_site.path
    versioned = versioned_files(site)
    headers = (site / "_headers").read_text(encoding="utf-8")
    immutable = [line for line, following in zip(headers.splitlines(), headers.splitlines()[1:])
                 if not line.startswith(" ") and "immutable" in following]
    for path in versioned:
        assert any(re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), f"/{path}") for pattern in immutable), path
    service_worker = (site / "sw.js").read_text(encoding="utf-8")
    listed = json.loads(re.search(r"^const VERSIONED = (\[.*\]);", service_worker, re.M).group(1))
    precached = {json.loads(line.strip().rstrip(","))[0] for line in service_worker.splitlines() if line.startswith('  ["')}
    assert set(listed) == set(versioned) & precached  # cache first: these, and nothing else
    assert {path for path in versioned if path.startswith(("assets/javascripts/checker", "assets/runtime/"))} <= set(listed)
    assert not any(path.endswith(("/", ".html", ".pdf")) for path in listed)  # pages: network first
