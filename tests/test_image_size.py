"""The header logo's width and height come from the image itself (safeguarding_guidance/image_size.py)."""

from __future__ import annotations

import struct
import zlib

from safeguarding_guidance.image_size import LOGO_HEIGHT, intrinsic_size, logo_size
from conftest import ROOT


def png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + frame + b"\xff\xd9"


def test_sizes_are_read_from_each_kind_of_image(tmp_path):
    files = {
        "a.png": png(300, 100),
        "a.gif": b"GIF89a" + struct.pack("<HH", 40, 20) + b"\x00" * 8,
        "a.jpg": jpeg(64, 32),
        "viewbox.svg": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 48"><path d="M0 0"/></svg>',
        "sized.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="30px" height="10"></svg>',
        "none.svg": b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "text.txt": b"not an image",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    assert intrinsic_size(tmp_path / "a.png") == (300, 100)
    assert intrinsic_size(tmp_path / "a.gif") == (40, 20)
    assert intrinsic_size(tmp_path / "a.jpg") == (64, 32)
    assert intrinsic_size(tmp_path / "viewbox.svg") == (96, 48)
    assert intrinsic_size(tmp_path / "sized.svg") == (30, 10)
    assert intrinsic_size(tmp_path / "none.svg") is None and intrinsic_size(tmp_path / "text.txt") is None
    assert logo_size(tmp_path / "a.png") == {"width": 3 * LOGO_HEIGHT, "height": LOGO_HEIGHT}
    assert logo_size(tmp_path / "none.svg") == {"width": LOGO_HEIGHT, "height": LOGO_HEIGHT}  # unreadable: square
    assert logo_size(tmp_path / "missing.svg") == {"width": LOGO_HEIGHT, "height": LOGO_HEIGHT}


def test_the_shipped_logos_are_square():
    for logo in (ROOT / "docs/assets/images/logo.svg", ROOT / "examples/harbourside/logo.svg"):
        assert logo_size(logo) == {"width": LOGO_HEIGHT, "height": LOGO_HEIGHT}
