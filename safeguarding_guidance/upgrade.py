"""Upgrade an edition to a new release, in one command, run in the edition's folder:

    safeguarding-guidance upgrade PATH-TO-NEW-WHEEL      (or a folder holding it)

1. reads the new wheel and refuses an older release than the one installed, unless asked
   (--allow-downgrade: to undo an upgrade, say);
2. prints what changed between the two, from the new wheel's own changelog: the "Law", "Guidance"
   and "For partnerships" parts of every release after the installed one, up to the new one (for a
   downgrade, those of the releases it undoes);
3. puts the wheel in the edition's wheels/ folder, removing the old one, and pins it in
   requirements.txt (an edition made before wheels/ existed gets both);
4. installs it with `pip install -r requirements.txt`, exactly as the edition's README, CI workflow
   and hosting notes do (if pip fails, the edition's files are put back as they were);
5. builds the edition again with `mkdocs build --strict`, in a new process, so that the new
   release's code does the building.

Commit the changed wheels/ and requirements.txt afterwards: CI and the host install from them.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import __version__, changelog
from .release import version_order
from .resources import shared_files
from .wheels import REQUIREMENTS, WHEEL_NAME, WHEELS_FOLDER, Wheel, find_wheel, pinned_version, repinned


class UpgradeRefused(ValueError):
    """The upgrade cannot go ahead: the message says why and what to do."""


@dataclass(frozen=True)
class Plan:
    edition: Path
    wheel: Wheel
    installed: str  # the release running this command
    pinned: str | None  # the release requirements.txt names, if it pins one

    @property
    def downgrade(self) -> bool:
        return version_order(self.wheel.version) < version_order(self.installed)

    @property
    def nothing_to_do(self) -> bool:
        kept = self.edition / WHEELS_FOLDER / self.wheel.name
        return self.wheel.version == self.installed == self.pinned and kept.is_file()


def plan(edition: Path, wheel_path: Path, allow_downgrade: bool) -> Plan:
    edition = Path(edition)
    if not (edition / "mkdocs.yml").is_file():
        raise UpgradeRefused(f"{edition.resolve()} has no mkdocs.yml: run this in your edition's folder, or pass --edition DIR")
    requirements = edition / REQUIREMENTS
    pinned = pinned_version(requirements.read_text(encoding="utf-8")) if requirements.is_file() else None
    wheel = find_wheel(wheel_path)
    chosen = Plan(edition, wheel, __version__, pinned)
    if chosen.downgrade and not allow_downgrade:
        raise UpgradeRefused(
            f"{wheel.name} is release {wheel.version}, older than the installed {__version__}. An older release "
            "has older law and guidance, so this is refused. To go back to it anyway (to undo an upgrade), "
            "run the same command with --allow-downgrade."
        )
    return chosen


def changes(chosen: Plan) -> str:
    """What the move brings (or, for a downgrade, undoes), in the changelog's words."""
    if chosen.downgrade:
        text = (shared_files().root / "CHANGELOG.md").read_text(encoding="utf-8")
        entries = changelog.between(text, chosen.wheel.version, chosen.installed)
        intro = f"Going back from {chosen.installed} to {chosen.wheel.version} undoes these releases:"
    else:
        entries = changelog.between(chosen.wheel.changelog(), chosen.installed, chosen.wheel.version)
        intro = f"What changed from {chosen.installed} to {chosen.wheel.version}:"
    if not entries:
        return f"{intro} the changelog lists no release in between."
    return "\n\n".join([intro, *(entry.summary() for entry in entries)])


def place(chosen: Plan) -> dict[Path, bytes | None]:
    """Put the wheel and the pin in the edition. Returns what was there before ({path: bytes, or None
    for a file that did not exist}), for `restore`."""
    folder = chosen.edition / WHEELS_FOLDER
    requirements = chosen.edition / REQUIREMENTS
    target = folder / chosen.wheel.name
    before: dict[Path, bytes | None] = {requirements: requirements.read_bytes() if requirements.is_file() else None}
    folder.mkdir(exist_ok=True)
    if target.resolve() != chosen.wheel.path:
        before[target] = target.read_bytes() if target.is_file() else None
        target.write_bytes(chosen.wheel.path.read_bytes())
    for old in folder.iterdir():
        if WHEEL_NAME.match(old.name) and old.name != chosen.wheel.name:
            before[old] = old.read_bytes()
            old.unlink()
    text = requirements.read_text(encoding="utf-8") if requirements.is_file() else ""
    requirements.write_text(repinned(text, chosen.wheel.version), encoding="utf-8")
    return before


def restore(before: dict[Path, bytes | None]) -> None:
    for path, content in before.items():
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)


def run(edition: Path, wheel_path: Path, allow_downgrade: bool = False, build: bool = True) -> int:
    """The whole upgrade, printing as it goes; the exit status."""
    chosen = plan(edition, wheel_path, allow_downgrade)
    if chosen.nothing_to_do:
        print(f"Release {chosen.wheel.version} is already installed and pinned: nothing to do.")
        return 0
    print(changes(chosen))
    print()
    own = chosen.edition / ".venv"
    if own.is_dir() and Path(sys.prefix).resolve() != own.resolve():
        print(f"Note: pip installs into {sys.prefix} (the Python running this command), not this folder's .venv. "
              "To bring .venv up to date too, activate it (. .venv/bin/activate) and run pip install -r requirements.txt.")
    before = place(chosen)
    print(f"Installing {chosen.wheel.version} from {WHEELS_FOLDER}/{chosen.wheel.name}: pip install -r {REQUIREMENTS}", flush=True)
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-r", REQUIREMENTS],
                               cwd=chosen.edition)
    if installed.returncode != 0:
        restore(before)
        print(f"safeguarding-guidance upgrade: pip could not install {chosen.wheel.name} (its messages are above). "
              f"{WHEELS_FOLDER}/ and {REQUIREMENTS} are back as they were; release {chosen.installed} is still installed.",
              file=sys.stderr)
        return 1
    if not build:
        return 0
    print("Building the edition: mkdocs build --strict", flush=True)
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=chosen.edition)
    if built.returncode != 0:
        print(f"safeguarding-guidance upgrade: release {chosen.wheel.version} is installed, but the build stopped: fix "
              "what it lists above, then run `mkdocs build --strict`.", file=sys.stderr)
        return 1
    print(f"Upgraded to {chosen.wheel.version} and built site/. Commit {WHEELS_FOLDER}/ and {REQUIREMENTS}, then publish site/.")
    return 0
