"""The package's wheel files: the one release file an edition keeps in its `wheels/` folder.

The package is not on a package index yet, so an edition installs it from its own folder:

    wheels/safeguarding_guidance-2026.11.30-py3-none-any.whl
    requirements.txt:   --find-links wheels
                        safeguarding-guidance==2026.11.30

pip reads `--find-links wheels` relative to requirements.txt, so `pip install -r requirements.txt`
installs exactly that release, on a laptop and in CI alike; the package's own dependencies (MkDocs,
Material, WeasyPrint) still come from the Python Package Index.

`safeguarding-guidance new` copies in the wheel it was installed from. pip records where that was in
the package's `direct_url.json` (PEP 610) when it installed a wheel file named on its command line;
it records nothing when it found the package in a folder of wheels or on an index, and a clone of
the repository (an editable install) has no wheel at all. Then `new --wheel PATH` names it, and the
message says so.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from importlib import metadata
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from .release import version_order

DISTRIBUTION = "safeguarding-guidance"
WHEEL_NAME = re.compile(r"^safeguarding_guidance-(?P<version>[0-9][0-9.]*)-py3-none-any\.whl$")
CHANGELOG_IN_WHEEL = "safeguarding_guidance/shared/CHANGELOG.md"
WHEELS_FOLDER = "wheels"
REQUIREMENTS = "requirements.txt"
FIND_LINKS = f"--find-links {WHEELS_FOLDER}"
PIN = re.compile(r"^\s*safeguarding[-_.]guidance\s*(?:[=<>!~]=?.*)?$", re.I | re.M)


class WheelError(ValueError):
    """No usable wheel: the message says what to do."""


@dataclass(frozen=True)
class Wheel:
    path: Path
    version: str

    @property
    def name(self) -> str:
        return self.path.name

    def changelog(self) -> str:
        with zipfile.ZipFile(self.path) as archive:
            try:
                return archive.read(CHANGELOG_IN_WHEEL).decode("utf-8")
            except KeyError:
                return ""


def wheel_file_name(version: str) -> str:
    return f"safeguarding_guidance-{version}-py3-none-any.whl"


def read_wheel(path: Path) -> Wheel:
    """A safeguarding-guidance wheel file, checked: its name, and the name and version inside it."""
    path = Path(path)
    match = WHEEL_NAME.match(path.name)
    if not match or not path.is_file():
        raise WheelError(f"{path} is not a safeguarding-guidance wheel (safeguarding_guidance-VERSION-py3-none-any.whl)")
    version = match["version"]
    try:
        version_order(version)
        with zipfile.ZipFile(path) as archive:
            info = Parser().parsestr(archive.read(f"safeguarding_guidance-{version}.dist-info/METADATA").decode("utf-8"))
    except (ValueError, KeyError, zipfile.BadZipFile, OSError) as error:
        raise WheelError(f"{path} is not a safeguarding-guidance wheel that can be installed ({error})") from None
    if info.get("Name", "").lower().replace("_", "-") != DISTRIBUTION or info.get("Version") != version:
        raise WheelError(f"{path}: its name says release {version}, but it holds {info.get('Name')} {info.get('Version')}")
    return Wheel(path.resolve(), version)


def find_wheel(path: Path) -> Wheel:
    """The wheel at `path`, or the newest safeguarding-guidance wheel in the folder `path`."""
    path = Path(path)
    if path.is_dir():
        found = [read_wheel(file) for file in sorted(path.iterdir()) if WHEEL_NAME.match(file.name)]
        if not found:
            raise WheelError(f"{path} holds no safeguarding-guidance wheel (safeguarding_guidance-VERSION-py3-none-any.whl)")
        return max(found, key=lambda wheel: version_order(wheel.version))
    if not path.exists():
        raise WheelError(f"{path} does not exist")
    return read_wheel(path)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def installed_from() -> Wheel:
    """The wheel file this installation of the package was installed from (see the module's notes),
    checked unchanged since; WheelError, saying what to do, when there is none."""
    from . import __version__

    get_it = ("Pass the wheel with --wheel PATH: the file safeguarding_guidance-"
              f"{__version__}-py3-none-any.whl (an existing edition keeps it in its {WHEELS_FOLDER}/ folder).")
    try:
        direct = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    if not direct:
        raise WheelError(f"pip installed this safeguarding-guidance from a folder of wheels or a package index, so "
                         f"which wheel file it came from is not recorded. {get_it}")
    record = json.loads(direct)
    if (record.get("dir_info") or {}).get("editable"):
        raise WheelError("this safeguarding-guidance runs from a clone of its repository (an editable install), "
                         "which has no wheel: build it with `make package`, then pass --wheel dist/.")
    url = urlparse(record.get("url", ""))
    path = Path(url2pathname(url.path))  # file:///C:/... on Windows too
    if url.scheme != "file" or not WHEEL_NAME.match(path.name):
        raise WheelError(f"this safeguarding-guidance was installed from {record.get('url')}, not from a wheel file "
                         f"on this computer. {get_it}")
    if not path.is_file():
        raise WheelError(f"this safeguarding-guidance was installed from {path}, which is no longer there. {get_it}")
    wheel = read_wheel(path)
    expected = (record.get("archive_info") or {}).get("hashes", {}).get("sha256")
    if wheel.version != __version__ or (expected and sha256(path) != expected):
        raise WheelError(f"{path} has changed since this safeguarding-guidance was installed from it. {get_it}")
    return wheel


def requirements_text(version: str) -> str:
    """An edition's requirements.txt: exactly this release, from the edition's own wheels/ folder."""
    return (
        "# The guidance package, exactly this release, from the wheel in wheels/ (see README.md).\n"
        "# `safeguarding-guidance upgrade PATH-TO-NEW-WHEEL` replaces the wheel and this pin.\n"
        "# Once the package is on the Python Package Index, delete the --find-links line (and wheels/).\n"
        f"{FIND_LINKS}\n"
        f"{DISTRIBUTION}=={version}\n"
    )


def pinned_version(requirements: str) -> str | None:
    match = re.search(r"^\s*safeguarding[-_.]guidance\s*==\s*(\S+)\s*$", requirements, re.I | re.M)
    return match.group(1) if match else None


def repinned(requirements: str, version: str) -> str:
    """requirements.txt pinned to `version`, from wheels/: the pin replaced where it is (an older
    edition's `safeguarding-guidance>=...` included), the --find-links line added if missing, and
    every other line kept."""
    pin = f"{DISTRIBUTION}=={version}"
    if PIN.search(requirements):
        text = PIN.sub(pin, requirements, count=1)
    else:
        text = requirements.rstrip("\n") + ("\n" if requirements.strip() else "") + pin + "\n"
    if not re.search(rf"^\s*(--find-links|-f)[ =]+{WHEELS_FOLDER}/?\s*$", text, re.M):
        text = re.sub(rf"^{re.escape(pin)}$", f"{FIND_LINKS}\n{pin}", text, count=1, flags=re.M)
    return text
