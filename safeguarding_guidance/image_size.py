"""The width and height to give an image in the page, read from the image itself.

An <img> with width and height reserves its space before the image loads, so nothing moves under
the reader (Lighthouse checks it). The header's logo is drawn LOGO_HEIGHT pixels high (Material's
stylesheet); its width follows the image's own proportions: an SVG's viewBox (or its width and
height), a PNG's header, a JPEG's frame, a GIF's screen. An image it cannot read counts as square.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

LOGO_HEIGHT = 24  # Material: .md-header__button.md-logo img { height: 1.2rem } at 20 px to the rem

_VIEWBOX = re.compile(r'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["\']')
_LENGTH = r'\s*=\s*["\']\s*([\d.]+)(?:px)?\s*["\']'


def intrinsic_size(path: Path) -> tuple[float, float] | None:
    """(width, height) of an SVG, PNG, JPEG or GIF file, or None if it cannot be read."""
    data = path.read_bytes()
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    text = data.decode("utf-8", "replace")
    root = re.search(r"<svg\b[^>]*>", text)
    if not root:
        return None
    viewbox = _VIEWBOX.search(root.group())
    if viewbox and float(viewbox.group(2)) > 0:
        return float(viewbox.group(1)), float(viewbox.group(2))
    width, height = re.search("width" + _LENGTH, root.group()), re.search("height" + _LENGTH, root.group())
    if width and height and float(height.group(1)) > 0:
        return float(width.group(1)), float(height.group(1))
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker, length = data[index + 1], struct.unpack(">H", data[index + 2:index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return width, height
        index += 2 + length
    return None


def logo_size(path: Path) -> dict[str, int]:
    """The header logo's width and height attributes: LOGO_HEIGHT high, in the image's proportions."""
    size = intrinsic_size(path) if path.is_file() else None
    width, height = size if size and size[1] else (1, 1)
    return {"width": max(1, round(LOGO_HEIGHT * width / height)), "height": LOGO_HEIGHT}
