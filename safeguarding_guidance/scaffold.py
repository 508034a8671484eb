"""Scaffold a new partnership edition, anywhere on disk.

    safeguarding-guidance new DIR --name "Riverton Safeguarding Children Partnership" [--wheel PATH]

Creates DIR with everything a partnership keeps, and nothing else:

- wheels/ with the wheel of this release, and requirements.txt, which installs exactly that release
  from there (wheels.py: the package is on no package index yet);
- mkdocs.yml: the name, the plugin and every key a partnership fills in, each left as TODO;
- logo.svg and favicon.svg made from the partnership's initials (to replace with its own);
- pages/local/police-information-requests.md, where the partnership writes its own process instead
  of the London 87B example (the build refuses to publish another area's process without a decision),
  and pages/local/changes.md, its log of local changes (shown on the site and in the feed);
- README.md for the web officer, a GitHub Actions workflow that builds with --strict on every push,
  and the hosting notes (HOSTING.md, nginx.conf, netlify.toml).

The first build fails, listing every TODO at once; it succeeds once they are filled in.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html import escape
from pathlib import Path
from string import Template

import yaml

from checkers.decision_record import PARTNERSHIP_MAX_LENGTH

from . import __version__
from .page_review import long_date
from .partnership_config import CONTACT_KINDS, LINK_KINDS, text_problem
from .resources import shared_files
from .wheels import REQUIREMENTS, WHEELS_FOLDER, Wheel, requirements_text

TEMPLATES = Path(__file__).resolve().parent / "edition_template"
DEFAULT_PRIMARY = "#1d5b79"
DEFAULT_ACCENT = "#8a3b00"
REVIEW_INTERVAL = dt.timedelta(days=182)
NOT_PLACE_WORDS = {"safeguarding", "children", "children's", "childrens", "partnership", "board", "local", "the"}

# Where each template goes in the new edition.
FILES = {
    "README.md": "README.md",
    "HOSTING.md": "HOSTING.md",
    "build.yml": ".github/workflows/build.yml",
    "netlify.toml": "netlify.toml",
    "gitignore": ".gitignore",
    "police-information-requests.md": "pages/local/police-information-requests.md",
    "changes.md": "pages/local/changes.md",
}


class ScaffoldError(ValueError):
    """The edition cannot be made where asked."""


def initials(name: str, limit: int | None = 3) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in {"and", "of", "the"}]
    return "".join(w[0].upper() for w in words[:limit]) or "SCP"


def area(name: str) -> str:
    """The place in a partnership's name: "Riverton" from "Riverton Safeguarding Children Partnership"."""
    words = name.split()
    while words and words[-1].lower().strip("'") in NOT_PLACE_WORDS:
        words.pop()
    return " ".join(words) or name


def logo_svg(name: str, favicon: bool) -> str:
    letters = escape(initials(name))
    size = 15 if len(letters) > 2 else 18
    if favicon:
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">\n'
            f'  <rect width="48" height="48" rx="10" fill="{DEFAULT_PRIMARY}"/>\n'
            f'  <text x="24" y="30" text-anchor="middle" font-family="sans-serif" font-size="{size}" '
            f'font-weight="700" fill="#ffffff">{letters}</text>\n</svg>\n'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" role="img" aria-label="{escape(name)}">\n'
        '  <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3"/>\n'
        f'  <text x="24" y="30" text-anchor="middle" font-family="sans-serif" font-size="{size}" '
        f'font-weight="700" fill="currentColor">{letters}</text>\n</svg>\n'
    )


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def config_yaml(name: str) -> str:
    contacts = []
    for kind in CONTACT_KINDS:
        contacts += [
            f"      {kind.key}:",
            f'        name: "TODO: {kind.heading}"',
            '        phone: "TODO"',
            '        email: "TODO"',
        ]
    links = []
    for kind in LINK_KINDS:
        links += [f"      {kind.key}:", f'        title: "TODO: {kind.generic}"', '        url: "TODO"']
    body = "\n".join(contacts)
    link_block = "\n".join(links)
    return f"""# {name}: its edition of the guidance on sharing information to safeguard children.
# Replace every TODO: `mkdocs build --strict` lists each one that is left. See README.md.
site_name: {_quoted(name)}
# The address the guidance will be published at (the feed of changes and the sitemap use it).
site_url: https://TODO.example/

# Local pages: a page in pages/ with the same path as a shared page replaces it; any other page is
# added to "Your area". Everything else comes from the safeguarding-guidance package.
docs_dir: pages
plugins:
  - safeguarding

extra:
  partnership:
    name: {_quoted(name)}
    short_name: "TODO: a short name, such as {initials(name, limit=None)}"
    reviewed_by: "TODO: the group that reviews this guidance for the partnership"
    logo: logo.svg
    favicon: favicon.svg
    # Colours must contrast with white text at 4.5:1 or more: the build says if one does not.
    colours:
      primary: "{DEFAULT_PRIMARY}"
      accent: "{DEFAULT_ACCENT}"
    # Each contact needs a name and at least one of phone, email or url (remove any you do not use).
    # Optional: hours ("Monday to Friday 9am to 5pm") and notes (a sentence or two).
    contacts:
{body}
    # A web address, or a local page such as local/escalation-procedure.md.
    links:
{link_block}
"""


def check_name(name: str) -> str:
    """The partnership's name as the edition will hold it (spaces tidied), or ScaffoldError saying why
    it cannot be: it must be plain text the build accepts, and read back from mkdocs.yml unchanged."""
    name = " ".join(name.split())
    if not name:
        raise ScaffoldError("--name must be the partnership's full name")
    problem = text_problem(name)
    if problem:
        raise ScaffoldError(f"--name {problem}")
    if len(name) > PARTNERSHIP_MAX_LENGTH:
        raise ScaffoldError(f"--name is {len(name)} characters long: at most {PARTNERSHIP_MAX_LENGTH} are allowed")
    try:
        settings = yaml.safe_load(config_yaml(name))
    except yaml.YAMLError:
        settings = None
    if not settings or settings.get("site_name") != name or settings["extra"]["partnership"]["name"] != name:
        raise ScaffoldError(f"--name {name!r} cannot be written to mkdocs.yml and read back unchanged")
    return name


def scaffold(folder: Path, name: str, wheel: Wheel, today: dt.date | None = None) -> list[Path]:
    """Write a new edition into `folder` (which must not exist, or be empty), with `wheel` (this
    release's) in its wheels/ folder; returns the files."""
    name = check_name(name)
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder} already exists and is not empty: choose a new folder")
    if wheel.version != __version__:
        raise ScaffoldError(
            f"{wheel.path} is release {wheel.version}, but the safeguarding-guidance making this edition is "
            f"{__version__}: pass the wheel of {__version__}, or install {wheel.name} and run this again"
        )
    today = today or dt.date.today()
    values = {
        "name": name,
        "short_area": area(name),
        "version": __version__,
        "today": today.isoformat(),
        "today_long": long_date(today),
        "review_due": (today + REVIEW_INTERVAL).isoformat(),
    }
    written = {
        REQUIREMENTS: requirements_text(wheel.version),
        "mkdocs.yml": config_yaml(name),
        "logo.svg": logo_svg(name, favicon=False),
        "favicon.svg": logo_svg(name, favicon=True),
    }
    for template, target in FILES.items():
        written[target] = Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)
    paths = []
    for target, text in written.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    nginx = folder / "nginx.conf"
    shutil.copyfile(shared_files().nginx_conf, nginx)
    paths.append(nginx)
    kept = folder / WHEELS_FOLDER / wheel.name
    kept.parent.mkdir()
    shutil.copyfile(wheel.path, kept)
    paths.append(kept)
    return paths
