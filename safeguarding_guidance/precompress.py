"""Precompressed copies (.gz) of the large assets, for servers that send them as they are
(nginx `gzip_static on`, see deploy/nginx.conf). Only written where they save at least 10%.

A plain function on a built site folder: nothing here needs MkDocs (postbuild.py runs it).
"""

from __future__ import annotations

import gzip
from pathlib import Path

EXTENSIONS = {".wasm", ".mjs", ".js", ".css", ".json", ".zip"}
MIN_SIZE = 10 * 1024
MIN_SAVING = 0.10


def precompress(site_dir: Path) -> list[Path]:
    written = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in EXTENSIONS or path.stat().st_size < MIN_SIZE:
            continue
        data = path.read_bytes()
        compressed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(compressed) <= len(data) * (1 - MIN_SAVING):
            target = path.with_name(path.name + ".gz")
            target.write_bytes(compressed)
            written.append(target)
    return written

