"""The `safeguarding-guidance` command.

    safeguarding-guidance new DIR --name "Riverton Safeguarding Children Partnership" [--wheel PATH]
        scaffold a partnership's edition folder, with this release's wheel in its wheels/ folder
        (scaffold.py; the wheel this package was installed from, unless --wheel names it)
    safeguarding-guidance upgrade PATH-TO-NEW-WHEEL [--allow-downgrade] [--edition DIR]
        move the edition in this folder to another release: its changes, the wheel and the pin, the
        install, and a rebuild (upgrade.py)
    safeguarding-guidance version
        the installed guidance: its version, the date its law and guidance are correct to, when it is
        next due for review, and what its release changed (from CHANGELOG.md)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, changelog
from . import upgrade as upgrades
from .page_review import long_date
from .release import release_of
from .resources import MissingSharedFiles, shared_files
from .scaffold import ScaffoldError, check_name, scaffold
from .wheels import WheelError, find_wheel, installed_from

CHANGELOG = "CHANGELOG.md"


def latest_changes(changelog_file: Path) -> str:
    """The newest entry of the changelog: its heading and text, up to the next version's heading."""
    if not changelog_file.is_file():
        return ""
    return changelog.latest(changelog_file.read_text(encoding="utf-8"))


def _new(args) -> int:
    folder = Path(args.folder)
    try:
        check_name(args.name)  # a name that cannot be used is refused first, whatever else is missing
        wheel = find_wheel(Path(args.wheel)) if args.wheel else installed_from()
        scaffold(folder, args.name, wheel)
    except (ScaffoldError, WheelError) as error:
        print(f"safeguarding-guidance new: {error}", file=sys.stderr)
        return 2
    print(f"Created {folder}/ for {' '.join(args.name.split())}, with release {wheel.version} in {folder}/wheels/.")
    print("Next, in that folder (README.md explains each step):")
    print("  python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt")
    print("  mkdocs build --strict     # lists every TODO left to fill in; builds once they are done")
    return 0


def _upgrade(args) -> int:
    try:
        return upgrades.run(Path(args.edition), Path(args.wheel), args.allow_downgrade, build=not args.no_build)
    except (upgrades.UpgradeRefused, WheelError) as error:
        print(f"safeguarding-guidance upgrade: {error}", file=sys.stderr)
        return 2


def _version(args) -> int:
    shared = shared_files()
    release = release_of(shared.docs)
    print(f"safeguarding-guidance {__version__}")
    print(f"Law and guidance as at {long_date(release.law_as_at)}; next review due by {long_date(release.review_due)}.")
    changes = latest_changes(shared.root / CHANGELOG)
    if changes:
        print()
        print(changes)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="safeguarding-guidance",
        description="Guidance on sharing information to safeguard children: a partnership's own edition.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="scaffold a partnership's edition folder")
    new.add_argument("folder", metavar="DIR", help="the folder to create, e.g. riverton-guidance")
    new.add_argument("--name", required=True, help='the partnership\'s full name, e.g. "Riverton Safeguarding Children Partnership"')
    new.add_argument("--wheel", metavar="PATH",
                     help="this release's wheel (a .whl file, or a folder holding it) to keep in the edition; "
                          "default: the wheel this package was installed from")
    new.set_defaults(run=_new)
    upgrade = commands.add_parser("upgrade", help="install another release in this edition, show its changes and rebuild")
    upgrade.add_argument("wheel", metavar="PATH-TO-NEW-WHEEL", help="the new release's wheel, or a folder holding it")
    upgrade.add_argument("--allow-downgrade", action="store_true", help="allow a release older than the installed one")
    upgrade.add_argument("--edition", metavar="DIR", default=".", help="the edition's folder (default: this one)")
    upgrade.add_argument("--no-build", action="store_true", help="install the release without building the site")
    upgrade.set_defaults(run=_upgrade)
    version = commands.add_parser("version", help="the installed guidance's version, dates and latest changes")
    version.set_defaults(run=_version)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except MissingSharedFiles as error:
        print(f"safeguarding-guidance: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
