"""Write the sha256 hashes of every pinned Python package into requirements.txt and
requirements-pip.txt, from PyPI's index, so that `pip install --require-hashes` installs exactly the
files reviewed (a maintainer runs it after a deliberate upgrade; the build never does).

    python scripts/lock_requirements.py            # rewrite both files' hashes
    python scripts/lock_requirements.py --check    # exit 1 if a pin has no hash or a stale one

Pins are edited by hand (NAME==VERSION, one a line); this script keeps the comments and the pins and
replaces each pin's hashes with those of its release's files that can install on Linux with CPython
3.11 or later: the source archive, pure-Python wheels and Linux wheels for CPython 3.11 to 3.14.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "requirements-pip.txt", ROOT / "requirements.txt"]
INDEX = "https://pypi.org/simple/{name}/"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")
CPYTHON = re.compile(r"^cp3(\d+)t?$")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installable(filename: str) -> bool:
    """A file pip may pick on Linux with CPython 3.11-3.14: an sdist, or a matching wheel."""
    if filename.endswith((".tar.gz", ".zip")):
        return True
    if not filename.endswith(".whl"):
        return False
    python, abi, platform = filename[:-4].split("-")[-3:]
    if platform != "any" and "linux" not in platform:
        return False
    for tag in python.split("."):
        version = CPYTHON.match(tag)
        if tag.startswith("py3") or tag == "py2.py3" or (version and (int(version.group(1)) >= 11 or abi == "abi3")):
            return True
    return False


def release_hashes(name: str, version: str) -> list[str]:
    request = urllib.request.Request(INDEX.format(name=normalise(name)), headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        index = json.load(response)
    hashes = []
    for file in index["files"]:
        match = re.match(r"^(.+?)-(\d[^-]*?)(?:-|\.tar\.gz$|\.zip$)", file["filename"])
        if match and normalise(match.group(1)) == normalise(name) and match.group(2) == version \
                and not file.get("yanked") and installable(file["filename"]):
            hashes.append(file["hashes"]["sha256"])
    if not hashes:
        raise SystemExit(f"{name}=={version}: no installable file on PyPI")
    return sorted(hashes)


def pins(path: Path) -> list[tuple[str, str, list[str]]]:
    """(name, version, hashes) for every pin in the file."""
    found, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = (match.group(1), match.group(2), [])
            found.append(current)
        elif current and line.strip().startswith("--hash=sha256:"):
            current[2].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
    return found


def rewrite(path: Path, hashes: dict[str, list[str]]) -> str:
    lines, out = path.read_text(encoding="utf-8").splitlines(), []
    for line in lines:
        if line.strip().startswith("--hash="):
            continue
        match = PIN.match(line)
        if match:
            key = f"{match.group(1)}=={match.group(2)}"
            out.append(f"{key} \\")
            digests = hashes[key]
            out += [f"    --hash=sha256:{digest}" + (" \\" if i < len(digests) - 1 else "") for i, digest in enumerate(digests)]
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report pins whose hashes differ from PyPI's; change nothing")
    args = parser.parse_args(argv)
    problems = 0
    for path in FILES:
        hashes = {}
        for name, version, present in pins(path):
            hashes[f"{name}=={version}"] = expected = release_hashes(name, version)
            if sorted(present) != expected:
                problems += 1
                print(f"{path.name}: {name}=={version}: {len(present)} hashes, PyPI has {len(expected)} installable files")
        if not args.check:
            path.write_text(rewrite(path, hashes), encoding="utf-8")
    if args.check:
        return 1 if problems else 0
    print(f"wrote hashes for {', '.join(path.name for path in FILES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
