"""The `safeguarding-guidance` command.

    safeguarding-guidance new DIR --name "Riverton Safeguarding Children Partnership"
        scaffold a partnership's edition folder (scaffold.py)
    safeguarding-guidance version
        the installed guidance: its version, the date its law and guidance are correct to, when it is
        next due for review, and what its release changed (from CHANGELOG.md)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .page_review import long_date
from .release import release_of
from .resources import MissingSharedFiles, shared_files
from .scaffold import ScaffoldError, scaffold

CHANGELOG = "CHANGELOG.md"


def latest_changes(changelog: Path) -> str:
    """The newest entry of the changelog: its heading and text, up to the next version's heading."""
    if not changelog.is_file():
        return ""
    lines, started = [], False
    for line in changelog.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            if started:
                break
            started = True
        if started:
            lines.append(line)
    return "\n".join(lines).strip()


def _new(args) -> int:
    folder = Path(args.folder)
    try:
        scaffold(folder, args.name)
    except ScaffoldError as error:
        print(f"safeguarding-guidance new: {error}", file=sys.stderr)
        return 2
    print(f"Created {folder}/ for {' '.join(args.name.split())}.")
    print("Next, in that folder (README.md explains each step):")
    print("  python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt")
    print("  mkdocs build --strict     # lists every TODO left to fill in; builds once they are done")
    return 0


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
    new.set_defaults(run=_new)
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
