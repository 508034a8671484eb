"""Scaffold a new partnership edition of the site.

    python scripts/new_partnership.py <slug> --name "Riverton Safeguarding Children Partnership"

Creates partnerships/<slug>/ with mkdocs.yml (every contact marked TODO), a simple logo and favicon
made from the partnership's initials, and an empty pages/local/ folder for local pages. The build
refuses to publish until every TODO is replaced: `make site PARTNERSHIP=<slug>` names each one.
"""

from __future__ import annotations

import argparse
import re
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import yaml  # noqa: E402

from partnership_config import CONTACT_KINDS, LINK_KINDS  # noqa: E402

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DEFAULT_PRIMARY = "#1d5b79"
DEFAULT_ACCENT = "#8a3b00"


def base_hooks() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^hooks:\n((?:  - .*\n)+)", text, re.MULTILINE)
    return [line.split("- ", 1)[1].split("#")[0].strip() for line in block.group(1).splitlines()]


def initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in {"and", "of", "the"}]
    return "".join(w[0].upper() for w in words[:3]) or "SCP"


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


def config_yaml(slug: str, name: str) -> str:
    contacts = {
        kind.key: {"name": f"TODO: {kind.heading}", "phone": "TODO", "email": "TODO", "hours": "TODO"}
        for kind in CONTACT_KINDS
    }
    links = {kind.key: {"title": f"TODO: {kind.generic}", "url": "TODO"} for kind in LINK_KINDS}
    partnership = {
        "name": name,
        "short_name": f"TODO: a short name, e.g. {initials(name)}",
        "reviewed_by": "TODO: the group that reviews this guidance",
        "logo": "logo.svg",
        "favicon": "favicon.svg",
        "colours": {"primary": DEFAULT_PRIMARY, "accent": DEFAULT_ACCENT},
        "contacts": contacts,
        "links": links,
    }
    hooks = "\n".join(f"  - ../../{hook}" for hook in base_hooks())
    body = yaml.safe_dump({"extra": {"partnership": partnership}}, sort_keys=False, allow_unicode=True, width=100)
    return f"""# {name}: its edition of the guidance site.
# Replace every TODO. Remove a contact field you do not need (phone, email, url, hours, notes), but
# keep a name and at least one of phone, email or url for every contact. Colours must contrast with
# white text at 4.5:1 or more: the build says if one does not.
INHERIT: ../../mkdocs.yml

site_name: {name}

# Shared content, templates and hooks. Leave these lines as they are: MkDocs reads paths from this
# folder, so they point back to the shared copies.
docs_dir: ../../docs
theme:
  custom_dir: ../../overrides
hooks:
{hooks}

{body}"""


def scaffold(slug: str, name: str, root: Path = ROOT) -> Path:
    if not SLUG.match(slug):
        raise ValueError(f"{slug!r}: use lower-case letters, digits and single hyphens, e.g. riverton")
    folder = root / "partnerships" / slug
    if folder.exists():
        raise ValueError(f"{folder.relative_to(root)} already exists")
    (folder / "pages" / "local").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(config_yaml(slug, name), encoding="utf-8")
    (folder / "logo.svg").write_text(logo_svg(name, favicon=False), encoding="utf-8")
    (folder / "favicon.svg").write_text(logo_svg(name, favicon=True), encoding="utf-8")
    (folder / "pages" / "local" / ".gitkeep").write_text("", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scaffold a new partnership edition of the site.")
    parser.add_argument("slug", help="a short name for the folder and the make target, e.g. riverton")
    parser.add_argument("--name", required=True, help='the partnership\'s full name, e.g. "Riverton Safeguarding Children Partnership"')
    args = parser.parse_args(argv)
    try:
        folder = scaffold(args.slug, args.name.strip())
    except ValueError as error:
        print(f"new_partnership: {error}", file=sys.stderr)
        return 2
    print(f"Created {folder.relative_to(ROOT)}/")
    print(f"Next: replace every TODO in {folder.relative_to(ROOT)}/mkdocs.yml, replace logo.svg and favicon.svg,")
    print(f"add local pages under {folder.relative_to(ROOT)}/pages/, then run: make site PARTNERSHIP={args.slug}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
