"""The package a partnership installs, used as a partnership would use it, starting from the wheel alone.

`make package`'s wheel is built and, in a folder holding only it, README.md's "New editions" steps
are run literally: a fresh virtual environment, the wheel installed (its dependencies from the package
index, within the wheel's ranges, not from this repository's lock) and an edition scaffolded. Each
example edition is copied to a folder outside this repository and built there with that
environment's `mkdocs build --strict`: its name, its contacts, its security headers, its PDF (each case
study once) and its feed, and a checker run end to end in Chromium.

The scaffolded edition is then followed as its web officer would, each instruction literally in a
fresh virtual environment: its README's first build (`pip install -r requirements.txt`, from the
wheel the scaffold kept in `wheels/`), which fails listing every TODO; its CI workflow's steps, which
build it once they are filled in (the hosting notes give the same commands); and its README's upgrade,
`safeguarding-guidance upgrade PATH-TO-NEW-WHEEL`, which prints the changes, replaces the wheel and the
pin, installs and rebuilds, and refuses an older release unless asked.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shlex
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
        if path.is_file() and path.relative_to(folder).parts[0] not in ("site", ".venv")
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, ROOT / "scripts" / "build_package.py", "guidance", "--out", out], cwd=ROOT)
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def sh_block(markdown: str, heading: str) -> str:
    """The first ```sh block after a heading: the commands a reader types, exactly as written."""
    after = markdown[markdown.index(heading):]
    return re.search(r"```sh\n(.*?)```", after, re.S).group(1)


def bash(script: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Commands run as a reader runs them in a terminal (bash), with this environment's variables
    except the ones that point at this repository's own virtual environment."""
    clean = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    clean["PATH"] = os.pathsep.join(part for part in clean["PATH"].split(os.pathsep) if not part.startswith(str(ROOT)))
    return subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True, env={**clean, **(env or {})})


@dataclass(frozen=True)
class Start:
    venv: Venv
    downloads: Path  # where the wheel was saved and README.md's steps were run
    edition: Path  # the edition they scaffolded
    output: str


@pytest.fixture(scope="module")
def start(wheel, tmp_path_factory) -> Start:
    """README.md's "New editions", literally, in a folder holding only the wheel (as downloaded)."""
    downloads = outside_repository(tmp_path_factory.mktemp("downloads"))
    shutil.copyfile(wheel, downloads / wheel.name)
    steps = sh_block((ROOT / "README.md").read_text(encoding="utf-8"), "### New editions")
    result = bash("set -e\n" + steps, cwd=downloads)
    if result.returncode != 0:
        pytest.fail(f"README.md's New editions steps failed:\n{steps}\n{result.stdout}\n{result.stderr}", pytrace=False)
    folder = re.search(r"^safeguarding-guidance new (\S+) ", steps, re.M).group(1)
    return Start(Venv(downloads / ".venv"), downloads, downloads / folder, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def venv(start) -> Venv:
    """A fresh virtual environment with only the wheel and its dependencies, as a partnership has."""
    return start.venv


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
    title = f"{details['name']}: sharing information to safeguard children"
    assert reader.metadata.title == f"{title} (guidance version {__version__})"
    title_page = " ".join(reader.pages[0].extract_text().split())
    assert title in title_page
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
def test_each_case_study_is_once_in_the_pdf(editions, slug):
    """The facilitator's pack lists the cases, with their pages, instead of repeating them; a local
    case study is with the cases, before "Your area"."""
    edition = editions[slug]
    reader = PdfReader(edition.site / PDF_NAME)
    pages = sorted(edition.folder.glob("pages/case-studies/*.md")) + sorted(ROOT.joinpath("docs", "case-studies").glob("*.md"))
    metas = [yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) for path in pages]
    case_titles = [meta["title"] for meta in metas if "case" in meta]
    assert len(case_titles) >= 16
    outline = reader.outline  # pypdf reads it afresh on every access
    top = [item for item in outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    pack = titles.index("Facilitator's pack")
    following = titles[pack + 1: pack + 1 + len(case_titles)]
    assert set(following) == set(case_titles)  # the cases follow the pack, local ones included
    assert titles[pack + 1 + len(case_titles)] == "Local contacts"  # then "Your area"
    # The pack holds none of the cases (each would be a bookmark under it, as every h2 is).
    position = next(number for number, item in enumerate(outline) if item is top[pack])
    nested = outline[position + 1] if position + 1 < len(outline) else None
    children = [item.title for item in nested if not isinstance(item, list)] if isinstance(nested, list) else []
    assert not set(children) & set(case_titles), children
    first, after = (reader.get_destination_page_number(item) for item in (top[pack], top[pack + 1]))
    pack_text = " ".join(" ".join(reader.pages[number].extract_text().split()) for number in range(first, after))
    assert "In this PDF, each case study is on its own pages" in pack_text
    assert after - first <= 4, "the pack is a page or two of session notes and the list, not the cases again"
    for case in case_titles:
        starts = reader.get_destination_page_number(top[titles.index(case)])
        assert f"{case}, page {starts + 1}" in pack_text, case


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


def test_readme_new_editions_steps_start_from_the_wheel_alone(start, wheel):
    folder = start.edition
    kept = folder / "wheels" / wheel.name
    assert sorted(p.name for p in (folder / "wheels").iterdir()) == [wheel.name]
    assert hashlib.sha256(kept.read_bytes()).digest() == hashlib.sha256(wheel.read_bytes()).digest()
    requirements = [line for line in (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()
                    if line and not line.startswith("#")]
    assert requirements == ["--find-links wheels", f"safeguarding-guidance=={__version__}"]
    assert f"with release {__version__} in {folder.name}/wheels/" in start.output
    assert "pip install -r requirements.txt" in start.output
    for file in ("README.md", "HOSTING.md", ".github/workflows/build.yml", "nginx.conf", "netlify.toml",
                 "logo.svg", "favicon.svg", "pages/local/changes.md", "pages/local/police-information-requests.md"):
        assert (folder / file).is_file(), file
    assert "wheels" not in (folder / ".gitignore").read_text(encoding="utf-8")  # committed with the edition


@dataclass(frozen=True)
class Scaffolded:
    folder: Path
    venv: Venv  # the edition's own .venv, made by its README's first build
    first_build: str  # that build's output


@pytest.fixture(scope="module")
def scaffolded(start, tmp_path_factory) -> Scaffolded:
    """The scaffolded edition's README, "First build", literally, in the edition's folder: a fresh
    virtual environment, the package from wheels/ (no package index entry needed), and the build,
    which fails listing every TODO. Then the TODOs filled in, as its web officer would."""
    folder = outside_repository(tmp_path_factory.mktemp("riverton") / "riverton")
    shutil.copytree(start.edition, folder)
    steps = sh_block((folder / "README.md").read_text(encoding="utf-8"), "## First build").strip().splitlines()
    assert steps[-1] == "mkdocs build --strict"
    install = bash("set -e\n" + "\n".join(steps[:-1]), cwd=folder)
    assert install.returncode == 0, install.stdout + install.stderr
    build = bash(f"{steps[1]}\n{steps[-1]}", cwd=folder)  # activate, then build: it is meant to fail
    assert build.returncode != 0, "the first build of an unfilled edition must fail"
    _fill_in(folder)
    return Scaffolded(folder, Venv(folder / ".venv"), build.stdout + build.stderr)


NAME = "Riverton Safeguarding Children Partnership"


def _fill_in(folder: Path) -> None:
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
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
        .replace(f"\"TODO: {NAME}'s published safeguarding arrangements\"", "Riverton SCP safeguarding arrangements")
        .replace("https://TODO.example/arrangements", "https://riverton-scp.example/arrangements"),
        encoding="utf-8",
    )


def test_first_build_installs_from_wheels_and_lists_every_todo(scaffolded):
    log = scaffolded.first_build
    assert not (scaffolded.folder / "site" / "index.html").exists()
    assert log.count("this edition is not ready to publish") == 1
    version = run([scaffolded.venv.bin("safeguarding-guidance"), "--version"]).stdout
    assert version.strip() == f"safeguarding-guidance {__version__}"
    workflow = yaml.safe_load((scaffolded.folder / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8"))
    assert "push" in workflow[True]  # YAML 1.1 reads the key `on` as true
    hosting = (scaffolded.folder / "HOSTING.md").read_text(encoding="utf-8")
    for host in ("## Netlify", "## Cloudflare Pages", "## nginx", "## GitHub Pages"):
        assert host in hosting
    # Nothing told the web officer that the fresh edition's guidance may be out of date.
    assert "may be out of date" not in log and "past their review date" not in log and "pip install -U" not in log


def test_first_build_names_every_todo(start, scaffolded):
    config = yaml.safe_load((start.edition / "mkdocs.yml").read_text(encoding="utf-8"))  # as scaffolded
    keys = list(_todo_keys(config))
    assert len(keys) >= 20
    for key in keys:
        assert f"mkdocs.yml: {key} still holds a placeholder" in scaffolded.first_build, key
    for page in ("pages/local/changes.md", "pages/local/police-information-requests.md"):
        lines = (start.edition / page).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if "TODO" in line:
                assert f"{page}, line {number}: still says TODO" in scaffolded.first_build, (page, number)


def _workflow_commands(folder: Path) -> list[str]:
    workflow = yaml.safe_load((folder / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8"))
    return [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step and "apt-get" not in step["run"]]


def test_every_instruction_installs_and_builds_the_same_way(scaffolded):
    """The README's first build, the CI workflow, the hosting notes and netlify.toml give the same
    two commands (the CI steps run literally below, the README's above)."""
    folder = scaffolded.folder
    commands = _workflow_commands(folder)
    assert commands == ["pip install -r requirements.txt", "mkdocs build --strict"]
    readme_steps = sh_block((folder / "README.md").read_text(encoding="utf-8"), "## First build").strip().splitlines()
    assert readme_steps[-2:] == commands
    hosting = (folder / "HOSTING.md").read_text(encoding="utf-8")
    assert f"build command: `{' && '.join(commands)}`" in hosting  # Cloudflare Pages
    assert f'command = "{commands[-1]}"' in (folder / "netlify.toml").read_text(encoding="utf-8")  # Netlify installs requirements.txt itself
    for text in (hosting, (folder / "README.md").read_text(encoding="utf-8")):
        assert "pip install -U" not in text and "pip install safeguarding-guidance" not in text


def test_ci_workflow_steps_build_the_filled_in_edition_in_a_fresh_venv(scaffolded, tmp_path):
    """The CI workflow's steps, literally, in a fresh virtual environment (what actions/setup-python
    gives), on a checkout of the edition: the package from wheels/, then the strict build. Pango, which
    the workflow installs, is on this machine; the PDF is left out (SAFEGUARDING_PDF=off), as each
    example edition's PDF is checked above."""
    checkout = outside_repository(tmp_path / "checkout")
    shutil.copytree(scaffolded.folder, checkout, ignore=shutil.ignore_patterns(".venv", "site"))
    run([sys.executable, "-m", "venv", tmp_path / "runner"])
    script = f". {shlex.quote(str(tmp_path / 'runner' / 'bin' / 'activate'))}\nset -e\n" + "\n".join(_workflow_commands(checkout))
    result = bash(script, cwd=checkout, env=WITHOUT_PDF)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "SAFEGUARDING_PDF=off: built without the PDF" in log
    assert "may be out of date" not in log and "past their review date" not in log
    site = checkout / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>Start here - {NAME}</title>" in home
    assert "Riverton childrens social care" in page_text(site / "local" / "contacts" / "index.html")
    assert not (site / PDF_NAME).exists() and "data-guidance-pdf" not in home
    assert not (site / "embed").exists()  # no embed_origins, no embed pages
    feed = ET.parse(site / "feed.xml").getroot()
    assert any(e.find(f"{ATOM}title").text.startswith("Riverton SCP, ") for e in feed.findall(f"{ATOM}entry"))
    # The law register, as in every edition (tests/test_law_register.py): law.json and the Law status page.
    assert json.loads((site / "law.json").read_text(encoding="utf-8"))[0]["id"] == "art6"
    assert "Last checked" in page_text(site / "law-status" / "index.html")


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


def test_new_asks_for_the_wheel_when_pip_did_not_record_it(scaffolded, tmp_path):
    """The edition's own environment installed the package from wheels/ (a folder of wheels): pip kept
    no record of the file, so `new` says to pass it, and takes it from a folder."""
    command = scaffolded.venv.bin("safeguarding-guidance")
    refused = run([command, "new", tmp_path / "other", "--name", "Other Safeguarding Children Partnership"], check=False)
    assert refused.returncode == 2 and not (tmp_path / "other").exists()
    assert "Pass the wheel with --wheel PATH" in refused.stderr and "wheels/ folder" in refused.stderr
    made = run([command, "new", tmp_path / "other", "--name", "Other Safeguarding Children Partnership",
                "--wheel", scaffolded.folder / "wheels"])
    assert "Created" in made.stdout
    assert [p.name for p in (tmp_path / "other" / "wheels").iterdir()] == [f"safeguarding_guidance-{__version__}-py3-none-any.whl"]


UPGRADE = f"{__version__}.1"
UPGRADE_ENTRY = f"""## {UPGRADE}

A release made by the tests: the wheel of {__version__} with a new version.

- **Law**
  - The Example (Testing) Act 2026: in force from 1 December 2026.
- **Guidance**
  - Example guidance for the tests, published 2 December 2026.
- **Pages**: the tests' own page list, which the upgrade does not print.
- **For partnerships**: check the tests' escalation page.

"""


def _release(tmp_path: Path, version: str, entry: str) -> Path:
    """A new release's wheel: this repository's, with another version and a changelog entry for it."""
    import build_package

    stage = tmp_path / f"stage-{version}"
    build_package.stage_guidance(stage, ROOT / "build" / "pyodide")
    release = stage / "checkers" / "release.py"  # the one line a new release changes
    text = release.read_text(encoding="utf-8")
    assert f'GUIDANCE_RELEASE = "{__version__}"' in text
    release.write_text(text.replace(f'GUIDANCE_RELEASE = "{__version__}"', f'GUIDANCE_RELEASE = "{version}"'), encoding="utf-8")
    for changelog in (stage / "CHANGELOG.md", stage / "safeguarding_guidance" / "shared" / "CHANGELOG.md"):
        text = changelog.read_text(encoding="utf-8")
        changelog.write_text(text.replace(f"## {__version__}\n", entry + f"## {__version__}\n", 1), encoding="utf-8")
    return build_package.build(stage, tmp_path / f"dist-{version}")


# Last: they upgrade the scaffolded edition's environment.
def test_upgrade_is_one_command_from_the_readme(scaffolded, wheel, tmp_path):
    """The scaffolded README's upgrade, literally: the changes since the installed release, the new
    wheel in wheels/ (the old one gone), the pin, the install and the rebuild; nothing else changes."""
    folder = scaffolded.folder
    new_wheel = _release(tmp_path, UPGRADE, UPGRADE_ENTRY)
    before = digests(folder)
    steps = sh_block((folder / "README.md").read_text(encoding="utf-8"), "## Upgrading")
    assert "safeguarding-guidance upgrade PATH-TO-NEW-WHEEL" in steps
    result = bash("set -e\n" + steps.replace("PATH-TO-NEW-WHEEL", shlex.quote(str(new_wheel.parent))), cwd=folder, env=WITHOUT_PDF)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"What changed from {__version__} to {UPGRADE}:" in output
    for line in ("- **Law**", "The Example (Testing) Act 2026: in force from 1 December 2026.", "- **Guidance**",
                 "Example guidance for the tests, published 2 December 2026.",
                 "- **For partnerships**: check the tests' escalation page."):
        assert line in output, line
    assert "the tests' own page list" not in output  # Pages: not printed
    assert f"Upgraded to {UPGRADE} and built site/." in output
    assert sorted(p.name for p in (folder / "wheels").iterdir()) == [new_wheel.name]
    assert f"safeguarding-guidance=={UPGRADE}\n" in (folder / "requirements.txt").read_text(encoding="utf-8")
    after = digests(folder)
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path) and not path.startswith(".venv")}
    assert changed == {"requirements.txt", f"wheels/{new_wheel.name}", f"wheels/safeguarding_guidance-{__version__}-py3-none-any.whl"}
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert f"Guidance version {UPGRADE}, law and guidance as at" in home
    assert run([scaffolded.venv.bin("safeguarding-guidance"), "version"]).stdout.startswith(f"safeguarding-guidance {UPGRADE}\n")

    # An older release is refused, clearly, and changes nothing; asked for, it is installed.
    pinned = (folder / "requirements.txt").read_text(encoding="utf-8")
    command = scaffolded.venv.bin("safeguarding-guidance")
    refused = run([command, "upgrade", wheel], cwd=folder, check=False)
    assert refused.returncode == 2
    assert (f"safeguarding-guidance upgrade: {wheel.name} is release {__version__}, older than the installed {UPGRADE}. "
            "An older release has older law and guidance, so this is refused.") in refused.stderr
    assert "--allow-downgrade" in refused.stderr
    assert (folder / "requirements.txt").read_text(encoding="utf-8") == pinned
    assert sorted(p.name for p in (folder / "wheels").iterdir()) == [new_wheel.name]
    back = run([command, "upgrade", wheel, "--allow-downgrade", "--no-build"], cwd=folder)
    assert f"Going back from {UPGRADE} to {__version__} undoes these releases:" in back.stdout
    assert "The Example (Testing) Act 2026" in back.stdout
    assert sorted(p.name for p in (folder / "wheels").iterdir()) == [wheel.name]
    assert f"safeguarding-guidance=={__version__}\n" in (folder / "requirements.txt").read_text(encoding="utf-8")
    assert run([command, "--version"]).stdout.strip() == f"safeguarding-guidance {__version__}"
