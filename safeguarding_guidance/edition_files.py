"""The files an edition names stay inside its folder, and are what they say they are.

An edition is built in CI, often with secrets in the environment, and its site is then trusted by
every practitioner in the area; anyone who can open a pull request on the edition can change its
mkdocs.yml. So every path the edition gives (its logo and favicon, its pages folder, its pages) must
resolve inside the edition's folder, after following any symbolic link, and a logo or favicon must be
an image by its content (SVG, PNG, WebP or JPEG), never `/proc/self/environ` renamed logo.svg. An SVG
is drawn by the browser as the site's own document when opened directly, so it must carry no script,
event handler, foreignObject, animation that could change a link, or reference to anything outside
itself (a link, a stylesheet, an image or a font from elsewhere).

Plain functions on paths: nothing here needs MkDocs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MAX_IMAGE_BYTES = 1_000_000
# The image kinds a logo or favicon may be, by their first bytes (SVG is text: see svg_problems).
IMAGE_SIGNATURES = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
EXTENSIONS = {"svg": ".svg", "png": ".png", "webp": ".webp", "jpeg": ".jpg"}

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
# Elements an image has no need of, and that can run or fetch something.
SVG_REFUSED_ELEMENTS = {
    "script", "foreignobject", "iframe", "object", "embed", "handler", "listener", "set", "animate",
    "animatemotion", "animatetransform", "animatecolor", "discard", "audio", "video",
}
_URL_IN_CSS = re.compile(r"url\s*\(\s*(['\"]?)\s*(?P<target>[^'\")\s]*)", re.I)
_CSS_IMPORT = re.compile(r"@import", re.I)
_EMBEDDED_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")


class OutsideEdition(ValueError):
    """A path that leaves the edition's folder."""


def inside(folder: Path, name: object) -> Path:
    """The file or folder `name` (relative to `folder`) names, resolved, if it stays inside `folder`.
    Raises OutsideEdition saying why not."""
    if not isinstance(name, str) or not name.strip():
        raise OutsideEdition("must name a file in the edition's folder")
    if "\0" in name or name.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:[\\/]", name) or "://" in name:
        raise OutsideEdition(f"must be a path inside the edition's folder, not {name!r}")
    root = folder.resolve()
    target = (root / name).resolve()
    if target != root and not target.is_relative_to(root):
        raise OutsideEdition(f"{name!r} leads outside the edition's folder")
    return target


@dataclass(frozen=True)
class Image:
    path: Path
    kind: str  # svg, png, webp or jpeg

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.kind]


def image_kind(data: bytes) -> str | None:
    """svg, png, webp or jpeg from a file's content; None for anything else."""
    for kind, signatures in IMAGE_SIGNATURES.items():
        if data.startswith(signatures):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:2048].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data:
        return "svg"
    return None


def read_image(folder: Path, name: object) -> Image:
    """The logo or favicon file `name` names: inside the folder, an image by its content, and (an SVG)
    with nothing that runs or reaches outside. Raises OutsideEdition or ValueError saying what is wrong."""
    path = inside(folder, name)
    if not path.is_file():
        raise ValueError(f"{name!r} is not a file in the edition's folder")
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ValueError(f"{name!r} is {size:,} bytes: an image of at most {MAX_IMAGE_BYTES:,} bytes is expected")
    data = path.read_bytes()
    kind = image_kind(data)
    if kind is None:
        raise ValueError(f"{name!r} is not an SVG, PNG, WebP or JPEG image (judged by its content, not its name)")
    if kind == "svg":
        problems = svg_problems(data)
        if problems:
            raise ValueError(f"{name!r} is an SVG with {'; '.join(problems)}: a logo needs none of these")
    return Image(path, kind)


def svg_problems(data: bytes) -> list[str]:
    """What makes an SVG more than a picture: scripts, event handlers, foreignObject, animation,
    links, and references to anything outside the file. An empty list for a plain picture."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ["text that is not UTF-8"]
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.I):
        return ["a DOCTYPE or ENTITY declaration"]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        return [f"XML that cannot be read ({error})"]
    if _local(root.tag) != "svg" or _namespace(root.tag) not in ("", SVG_NAMESPACE):
        return ["a root element that is not <svg>"]
    problems: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local(element.tag).lower()
        if name in SVG_REFUSED_ELEMENTS:
            problems.append(f"a <{_local(element.tag)}> element")
        if name == "style" and element.text:
            problems += _css_problems(element.text, "<style>")
        for attribute, value in element.attrib.items():
            local = _local(attribute).lower()
            if local.startswith("on"):
                problems.append(f"an event handler ({_local(attribute)}=)")
            elif local == "href":
                if not (value.startswith("#") or _EMBEDDED_IMAGE.match(value)):
                    problems.append(f"a reference outside the file ({_local(attribute)}={value[:60]!r})")
            elif local == "style":
                problems += _css_problems(value, "style=")
            elif "url(" in value.replace(" ", "").lower():
                problems += _css_problems(value, f"{_local(attribute)}=")
    return sorted(set(problems))


def _css_problems(css: str, where: str) -> list[str]:
    problems = []
    if _CSS_IMPORT.search(css):
        problems.append(f"a stylesheet import in {where}")
    for match in _URL_IN_CSS.finditer(css):
        if not match.group("target").startswith("#"):
            problems.append(f"a reference outside the file in {where} (url({match.group('target')[:60]}))")
    return problems


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
