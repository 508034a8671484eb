"""The package a partnership installs, used as a partnership would use it.

`make package`'s wheel is built, installed into a fresh virtual environment (its dependencies from the
package index, within the wheel's ranges, not from this repository's lock), and each example edition
is copied to a folder outside this repository and built there with `mkdocs build --strict`: its name,
its contacts, its security headers, its PDF and its feed, and a checker run end to end in Chromium. An
upgrade is `pip install -U` and a rebuild, with the edition's files unchanged. A scaffolded edition
fails its first build listing every TODO, and builds once they are filled in.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT, WITHOUT_PDF, build_sites_together
from safeguarding_guidance import __version__

EXAMPLES = ("harbourside", "northmoor-vale")
ATOM = "{http://www.w3.org/2005/Atom}"
PDF_NAME = "information-sharing-guidance.pdf"


@dataclass(frozen=True)
class Venv:
    path: Path

    def bin(self, name: str) -> str:
        return str(self.path / "bin" / name)


@dataclass(frozen=True)
class Edition:
    folder: Path
    site: Path
    log: str


def run(command: list, cwd: Path | None = None, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return result


def outside_repository(path: Path) -> Path:
    assert not path.resolve().is_relative_to(ROOT), path
    return path


def digests(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "site" not in path.relative_to(folder).parts[:1]
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, ROOT / "scripts" / "build_package.py", "guidance", "--out", out], cwd=ROOT)
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Venv:
    """A fresh virtual environment with only the wheel and its dependencies, as a partnership has."""
    path = outside_repository(tmp_path_factory.mktemp("partnership-venv"))
    run([sys.executable, "-m", "venv", "--clear", path])
    env = Venv(path)
    run([env.bin("python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel])
    return env


@pytest.fixture(scope="module")
def editions(venv, tmp_path_factory) -> dict[str, Edition]:
    """Each example edition, copied outside the repository and built there, both builds at once."""
    folders = {}
    for slug in EXAMPLES:
        folder = outside_repository(tmp_path_factory.mktemp("editions") / slug)
        shutil.copytree(ROOT / "examples" / slug, folder)
        folders[slug] = folder
    results = build_sites_together({slug: ([venv.bin("mkdocs"), "build", "--strict"], folder) for slug, folder in folders.items()})
    built = {}
    for slug, result in results.items():
        if result.returncode != 0:
            pytest.fail(f"`mkdocs build --strict` failed for a copy of examples/{slug}:\n{result.stdout}", pytrace=False)
        built[slug] = Edition(folders[slug], folders[slug] / "site", result.stdout)
    return built


def page_text(path: Path) -> str:
    """A built page's text as a reader sees it: tags (such as <abbr>) removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def partnership(slug: str) -> dict:
    return yaml.safe_load((ROOT / "examples" / slug / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["partnership"]


def test_the_wheel_holds_the_whole_product(wheel):
    assert wheel.name == f"safeguarding_guidance-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"safeguarding_guidance-{__version__}.dist-info/METADATA").decode()
        entry_points = archive.read(f"safeguarding_guidance-{__version__}.dist-info/entry_points.txt").decode()
    shared = "safeguarding_guidance/shared/"
    for page in ROOT.joinpath("docs").rglob("*.md"):
        assert shared + "docs/" + page.relative_to(ROOT / "docs").as_posix() in names, page
    runtime = json.loads((ROOT / "build" / "pyodide" / "runtime.json").read_text())
    for file in runtime["files"]:
        assert f"{shared}runtime/{file['name']}" in names, file["name"]
    assert {f"{shared}mkdocs.yml", f"{shared}overrides/main.html", f"{shared}CHANGELOG.md", "checkers/api.py"} <= names
    # Software by others in the runtime ships with its licence text (issue 21).
    assert {f"{shared}docs/licences/MPL-2.0.txt", f"{shared}docs/licences/python-LICENSE.txt", f"{shared}docs/licences.md"} <= names
    assert not [n for n in names if n.startswith(("tests/", "examples/", "node_modules/", "scripts/"))]
    assert "[mkdocs.plugins]\nsafeguarding = safeguarding_guidance.plugin:SafeguardingPlugin" in entry_points
    assert "safeguarding-guidance = safeguarding_guidance.cli:main" in entry_points
    assert "Name: safeguarding-guidance" in metadata
    for requirement in ("mkdocs<1.7,>=1.6.1", "mkdocs-material<10,>=9.8.1", "weasyprint<71,>=70.0"):
        assert f"Requires-Dist: {requirement}" in metadata


def test_installed_package_builds_from_its_own_copy(venv):
    result = run([venv.bin("python"), "-c",
                  "from safeguarding_guidance.resources import shared_files; f = shared_files(); "
                  "print(f.root); print(f.in_repository)"], cwd=venv.path)
    root, in_repository = result.stdout.split()
    assert Path(root).is_relative_to(venv.path) and in_repository == "False"


def test_version_command_names_the_release(venv):
    output = run([venv.bin("safeguarding-guidance"), "version"]).stdout
    assert output.startswith(f"safeguarding-guidance {__version__}\nLaw and guidance as at ")
    assert f"## {__version__}" in output


@pytest.mark.parametrize("slug", EXAMPLES)
def test_example_edition_builds_outside_the_repository(editions, slug):
    edition = editions[slug]
    details = partnership(slug)
    home = (edition.site / "index.html").read_text(encoding="utf-8")
    assert f"<title>Start here - {details['name']}</title>" in home
    assert f"Guidance version {__version__}, law and guidance as at" in home
    assert f'href="{PDF_NAME}" data-guidance-pdf' in home and 'href="feed.xml" data-guidance-feed' in home
    contacts = page_text(edition.site / "local" / "contacts" / "index.html")
    for contact in details["contacts"].values():
        assert contact["name"] in contacts
    headers = (edition.site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self'" in headers
    assert (edition.site / "_headers.nginx").is_file() and (edition.site / "sw.js").is_file()


@pytest.mark.parametrize("slug", EXAMPLES)
def test_example_edition_has_its_pdf(editions, slug):
    edition = editions[slug]
    details = partnership(slug)
    reader = PdfReader(edition.site / PDF_NAME)
    assert len(reader.pages) > 60
    assert reader.metadata.title == details["name"]
    title_page = " ".join(reader.pages[0].extract_text().split())
    assert details["name"] in title_page
    assert f"Guidance version {__version__}" in title_page
    assert re.search(r"Law and guidance as at \d{1,2} [A-Z][a-z]+ \d{4}", title_page)
    assert re.search(r"Next review due \d{1,2} [A-Z][a-z]+ \d{4}", title_page)
    outline = {item.title: item for item in reader.outline if not isinstance(item, list)}
    start = reader.get_destination_page_number(outline["Start here"])  # the contents end before it
    contents = " ".join(" ".join(page.extract_text().split()) for page in reader.pages[1:start])
    assert contents.startswith("Contents")
    for title in ("Lawful bases", "Local contacts", "Local changes"):
        assert re.search(rf"{title} \.+ \d+", contents), title
    assert {"Contents", "Start here", "Local contacts", "Local changes"} <= set(outline)
    # Each example replaces another area's process (the London 87B process) with its own.
    assert not [title for title in outline if "87B" in title]
    assert any(title.startswith("Requesting information from ") for title in outline)
    contacts_page = reader.pages[reader.get_destination_page_number(outline["Local contacts"])]
    assert details["contacts"]["childrens_social_care"]["name"] in " ".join(contacts_page.extract_text().split())


@pytest.mark.parametrize("slug", EXAMPLES)
def test_example_edition_has_its_feed(editions, slug):
    edition = editions[slug]
    details = partnership(slug)
    site_url = yaml.safe_load((edition.folder / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    feed = ET.parse(edition.site / "feed.xml").getroot()
    assert feed.find(f"{ATOM}id").text == site_url + "feed.xml"
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert any(title.startswith(f"{details['short_name']}, 22 November 2026: ") for title in titles)
    assert any(title.startswith("Guidance, 22 November 2026: first publication") for title in titles)
    updated = [entry.find(f"{ATOM}updated").text for entry in feed.findall(f"{ATOM}entry")]
    assert updated == sorted(updated, reverse=True)
    for entry in feed.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith(site_url)
        page, _, anchor = link[len(site_url):].partition("#")
        assert f'id="{anchor}"' in (edition.site / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("slug", EXAMPLES)
def test_checker_runs_end_to_end_in_each_edition(editions, browser, slug):
    from serve import SiteServer

    details = partnership(slug)
    with SiteServer(editions[slug].site) as url:
        context = browser.new_context()
        page = context.new_page()
        outside = []
        page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(url) else None)
        page.goto(f"{url}checkers/lawful-basis/")
        assert details["name"] in page.inner_text("header")
        page.wait_for_selector('[data-checker][data-checker-state="ready"]', timeout=60000)
        for name, value in [("organisation", "voluntary"), ("purpose", "safeguarding"), ("protecting", "child"),
                            ("concern", "significant_harm"), ("data", "personal"), ("consent", "would_prejudice"),
                            ("confidential", "true")]:
            page.check(f'input[name="{name}"][value="{value}"]')
        page.click("[data-checker-submit]")
        page.wait_for_selector('[data-checker-result][data-outcome="share"]', timeout=10000)
        assert "Art 6(1)(ea)" in page.inner_text("[data-checker-result]")
        context.close()
    assert outside == []


def _todo_keys(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _todo_keys(item, f"{path}.{key}" if path else key)
    elif isinstance(value, str) and "TODO" in value:
        yield path


def test_scaffolded_edition_fails_listing_every_todo_then_builds(venv, tmp_path):
    folder = outside_repository(tmp_path / "riverton")
    name = "Riverton Safeguarding Children Partnership"
    run([venv.bin("safeguarding-guidance"), "new", folder, "--name", name])
    for file in ("README.md", "HOSTING.md", ".github/workflows/build.yml", "requirements.txt", "nginx.conf",
                 "logo.svg", "favicon.svg", "pages/local/changes.md", "pages/local/police-information-requests.md"):
        assert (folder / file).is_file(), file
    workflow = yaml.safe_load((folder / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8"))
    assert "push" in workflow[True]  # YAML 1.1 reads the key `on` as true
    assert any(step.get("run") == "mkdocs build --strict" for step in workflow["jobs"]["build"]["steps"])
    hosting = (folder / "HOSTING.md").read_text(encoding="utf-8")
    for host in ("## Netlify", "## Cloudflare Pages", "## nginx", "## GitHub Pages"):
        assert host in hosting
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert name in readme and "pip install -U safeguarding-guidance" in readme and "mkdocs build --strict" in readme

    first = run([venv.bin("mkdocs"), "build", "--strict"], cwd=folder, check=False)
    log = first.stdout + first.stderr
    assert first.returncode != 0 and not (folder / "site" / "index.html").exists()
    assert log.count("this edition is not ready to publish") == 1
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    keys = list(_todo_keys(config))
    assert len(keys) >= 20
    for key in keys:
        assert f"mkdocs.yml: {key} still holds a placeholder" in log, key
    for page in ("pages/local/changes.md", "pages/local/police-information-requests.md"):
        lines = (folder / page).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if "TODO" in line:
                assert f"{page}, line {number}: still says TODO" in log, (page, number)

    config["site_url"] = "https://guidance.riverton-scp.example/"
    details = config["extra"]["partnership"]
    details["short_name"] = "Riverton SCP"
    details["reviewed_by"] = "Riverton SCP Policy Group"
    for key in details["contacts"]:
        details["contacts"][key] = {"name": f"Riverton {key.replace('_', ' ')}", "phone": "01632 960 555",
                                    "email": f"{key}@riverton.example"}
    details["links"] = {key: {"title": f"Riverton {key.replace('_', ' ')}", "url": f"https://riverton-scp.example/{key}"}
                        for key in details["links"]}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    police = folder / "pages" / "local" / "police-information-requests.md"
    police.write_text(
        police.read_text(encoding="utf-8")
        .replace('"TODO: Requesting information from the police in Riverton"', "Requesting information from Riverton Police")
        .replace('"TODO: the local procedure this page summarises"', "Riverton police information request procedure")
        .replace("https://TODO.example/police-requests", "https://riverton-scp.example/police-requests")
        .replace("# TODO: Requesting information from the police in Riverton", "# Requesting information from Riverton Police")
        .split("TODO: describe")[0]
        + "Children's social care asks Riverton Police for information with the force's request form. "
        "Send it to the Public Protection Unit, which replies within five working days.\n",
        encoding="utf-8",
    )
    changes = folder / "pages" / "local" / "changes.md"
    changes.write_text(
        changes.read_text(encoding="utf-8")
        .replace(f"\"TODO: {name}'s published safeguarding arrangements\"", "Riverton SCP safeguarding arrangements")
        .replace("https://TODO.example/arrangements", "https://riverton-scp.example/arrangements"),
        encoding="utf-8",
    )
    # Without the PDF (each example edition's PDF is checked above): SAFEGUARDING_PDF=off leaves it out
    # of this one build, and the pages do not link to a PDF that is not there.
    second = run([venv.bin("mkdocs"), "build", "--strict"], cwd=folder, check=False, env=WITHOUT_PDF)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "SAFEGUARDING_PDF=off: built without the PDF" in second.stdout + second.stderr
    site = folder / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>Start here - {name}</title>" in home
    assert "Riverton childrens social care" in page_text(site / "local" / "contacts" / "index.html")
    assert not (site / PDF_NAME).exists() and "data-guidance-pdf" not in home
    feed = ET.parse(site / "feed.xml").getroot()
    assert any(e.find(f"{ATOM}title").text.startswith("Riverton SCP, ") for e in feed.findall(f"{ATOM}entry"))


def test_the_installed_package_refuses_a_hostile_edition(venv, tmp_path):
    """Issue 21, from the wheel: hooks are refused before they run; a logo from the build machine, a
    contact that is markup and a local page's script are each refused, naming what to fix."""
    marker = tmp_path / "the-hook-ran"
    hooked = outside_repository(tmp_path / "hooked")
    shutil.copytree(ROOT / "examples" / "harbourside", hooked)
    (hooked / "build_hook.py").write_text(f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n")
    with open(hooked / "mkdocs.yml", "a", encoding="utf-8") as settings:
        settings.write("hooks:\n  - build_hook.py\n")
    refused = run([venv.bin("mkdocs"), "build", "--strict"], cwd=hooked, check=False, env=WITHOUT_PDF)
    assert refused.returncode != 0 and "remove hooks: hooks run Python code at build time" in refused.stdout + refused.stderr
    assert not marker.exists()

    hostile = outside_repository(tmp_path / "hostile")
    shutil.copytree(ROOT / "examples" / "harbourside", hostile)
    config = yaml.safe_load((hostile / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["partnership"]["favicon"] = "/proc/self/environ"
    config["extra"]["partnership"]["contacts"]["police"]["name"] = "Police](javascript:alert(1))[x"
    (hostile / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    refused = run([venv.bin("mkdocs"), "build", "--strict"], cwd=hostile, check=False, env=WITHOUT_PDF)
    log = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "extra.partnership.favicon must be a path inside the edition's folder, not '/proc/self/environ'" in log
    assert "extra.partnership.contacts.police.name must be plain text: square brackets would make a Markdown link" in log

    (hostile / "mkdocs.yml").write_text((ROOT / "examples" / "harbourside" / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    page = hostile / "pages" / "local" / "escalation-procedure.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append('<img src="file:///etc/hostname" alt="">')
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused = run([venv.bin("mkdocs"), "build", "--strict"], cwd=hostile, check=False, env=WITHOUT_PDF)
    assert refused.returncode != 0
    assert (f"pages/local/escalation-procedure.md, line {len(lines)}: a file on the build machine (file:///etc/hostname)"
            in refused.stdout + refused.stderr)
    assert not (hostile / "site" / "index.html").exists()


def test_scaffold_refuses_a_folder_in_use(venv, tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("someone's files")
    result = run([venv.bin("safeguarding-guidance"), "new", tmp_path / "taken", "--name", "X Partnership"], check=False)
    assert result.returncode == 2 and "already exists and is not empty" in result.stderr


# Last: it upgrades the shared environment and rebuilds an edition.
def test_upgrade_is_pip_install_and_a_rebuild(venv, editions, tmp_path):
    """A new release installed with `pip install -U`, then the same folder built again: the edition's
    files are unchanged, and the site shows the new version."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_package

    edition = editions["northmoor-vale"]
    before = digests(edition.folder)
    upgrade = f"{__version__}.1"
    stage = tmp_path / "stage"
    build_package.stage_guidance(stage, ROOT / "build" / "pyodide")
    init = stage / "safeguarding_guidance" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8").replace(f'"{__version__}"', f'"{upgrade}"'), encoding="utf-8")
    new_wheel = build_package.build(stage, tmp_path / "dist")
    run([venv.bin("python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-U", "--no-index",
         "--find-links", new_wheel.parent, "safeguarding-guidance"])
    run([venv.bin("mkdocs"), "build", "--strict"], cwd=edition.folder, env=WITHOUT_PDF)
    assert digests(edition.folder) == before
    home = (edition.site / "index.html").read_text(encoding="utf-8")
    assert f"Guidance version {upgrade}, law and guidance as at" in home
    version = run([venv.bin("safeguarding-guidance"), "version"]).stdout
    assert version.startswith(f"safeguarding-guidance {upgrade}\n")
