"""The memory snapshot's file layout (docs/assets/javascripts/snapshot-file.mjs): the build packs the
interpreter's memory as its non-zero pages, the worker unpacks it. Packing then unpacking gives back
every byte, for memories of every shape; a layout that does not hold together is refused; and the
snapshot in the built runtime, read here by an independent Python reader of the layout, gives back a
memory of the length it declares."""

from __future__ import annotations

import gzip
import json
import struct
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.site  # runs node and reads the built runtime

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "docs" / "assets" / "javascripts" / "snapshot-file.mjs"
PAGE = 4096

# Runs in Node: each case is [length, [[offset, byte], ...]]; prints, for each, whether unpack(pack(m))
# equals m, the packed length and the number of runs.
ROUND_TRIP = """
const { pack, unpack } = await import(process.argv[1]);
const cases = JSON.parse(process.argv[2]);
const out = cases.map(([length, bytes]) => {
  const memory = new Uint8Array(length);
  for (const [offset, value] of bytes) memory[offset] = value;
  const packed = pack(memory);
  const back = unpack(packed);
  const same = back.length === memory.length && back.every((value, i) => value === memory[i]);
  return { same, packed: packed.length, runs: new DataView(packed.buffer).getUint32(4, true) };
});
console.log(JSON.stringify(out));
"""

# Runs in Node: unpack each packed layout (base 16) and print the error's class name, or "ok".
REFUSE = """
const { unpack, DamagedSnapshot } = await import(process.argv[1]);
const out = JSON.parse(process.argv[2]).map((hex) => {
  try {
    unpack(Uint8Array.from(Buffer.from(hex, "hex")));
    return "ok";
  } catch (error) {
    return error instanceof DamagedSnapshot ? "DamagedSnapshot" : String(error);
  }
});
console.log(JSON.stringify(out));
"""


def node(script: str, argument) -> list:
    result = subprocess.run(["node", "--input-type=module", "-e", script, MODULE.as_uri(), json.dumps(argument)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def layout(length: int, runs: list[tuple[int, int]], body: bytes) -> bytes:
    return struct.pack("<II", length, len(runs)) + b"".join(struct.pack("<II", *run) for run in runs) + body


def test_packing_then_unpacking_gives_back_every_byte():
    cases = {
        "all zeros": [3 * PAGE, []],
        "no zero page": [2 * PAGE, [[0, 1], [PAGE, 2], [2 * PAGE - 1, 3]]],
        "a short last page, not zero": [2 * PAGE + 144, [[2 * PAGE + 143, 9]]],
        "zero pages between runs": [10 * PAGE, [[5, 1], [3 * PAGE, 2], [3 * PAGE + 10, 4], [9 * PAGE, 7]]],
        "one byte": [1, [[0, 255]]],
        "empty": [0, []],
    }
    results = dict(zip(cases, node(ROUND_TRIP, list(cases.values()))))
    assert all(result["same"] for result in results.values()), results
    assert results["all zeros"] == {"same": True, "packed": 8, "runs": 0}  # nothing but the header
    assert results["zero pages between runs"]["runs"] == 3  # pages 0, 3 and 9
    assert results["zero pages between runs"]["packed"] == 8 + 3 * 8 + 3 * PAGE
    assert results["a short last page, not zero"]["packed"] == 8 + 8 + 144


def test_a_layout_that_does_not_hold_together_is_refused():
    page = b"\x01" * PAGE
    cases = {
        "good": layout(2 * PAGE, [(1, 1)], page),
        "too short": b"\x00\x00\x00",
        "runs cut short": struct.pack("<II", PAGE, 5),
        "bytes missing": layout(2 * PAGE, [(0, 2)], page),
        "bytes left over": layout(2 * PAGE, [(0, 1)], page + b"\x02"),
        "run outside the memory": layout(PAGE, [(3, 1)], page),
        "runs out of order": layout(4 * PAGE, [(2, 1), (0, 1)], page + page),
        "an empty run": layout(PAGE, [(0, 0)], b""),
    }
    results = dict(zip(cases, node(REFUSE, [data.hex() for data in cases.values()])))
    assert results == {name: "ok" if name == "good" else "DamagedSnapshot" for name in cases}


def unpack_in_python(packed: bytes) -> bytes:
    """The layout, read independently of the JavaScript that writes and reads it."""
    length, count = struct.unpack_from("<II", packed)
    memory = bytearray(length)
    at = 8 + 8 * count
    for i in range(count):
        first, pages = struct.unpack_from("<II", packed, 8 + 8 * i)
        end = min((first + pages) * PAGE, length)
        memory[first * PAGE:end] = packed[at:at + end - first * PAGE]
        at += end - first * PAGE
    assert at == len(packed)
    return bytes(memory)


def test_the_built_snapshot_is_in_this_layout():
    runtime = ROOT / "build" / "pyodide"
    manifest = json.loads((runtime / "runtime.json").read_text(encoding="utf-8"))
    packed = gzip.decompress((runtime / manifest["snapshot"]).read_bytes())
    memory = unpack_in_python(packed)
    assert len(memory) > 16 * 2**20  # the interpreter's memory, not a stub
    # Exactly the pages that are not all zeros are stored, and there are zero pages to leave out.
    stored = [memory[start:start + PAGE] for start in range(0, len(memory), PAGE) if any(memory[start:start + PAGE])]
    count = struct.unpack_from("<I", packed, 4)[0]
    assert len(packed) == 8 + 8 * count + sum(map(len, stored))
    assert sum(map(len, stored)) < len(memory)


@pytest.mark.parametrize("name", ["pyodide.asm.wasm", "python_stdlib.zip", "interpreter-snapshot.bin"])
def test_the_worker_is_given_the_hash_of_each_large_file_it_checks(name):
    import base64
    import hashlib

    from safeguarding_guidance.pyodide_runtime import read_runtime

    runtime = read_runtime(ROOT / "build" / "pyodide")
    build = dict(runtime.worker_build)
    data = (ROOT / "build" / "pyodide" / name).read_bytes()
    assert build["integrity"][name] == "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def test_the_service_worker_serves_unread_exactly_the_files_the_worker_checks(default_site):
    import re

    from safeguarding_guidance.pyodide_runtime import baked_build
    from safeguarding_guidance.versioned_assets import find

    worker = find(default_site.path, "assets/javascripts/checker-worker.mjs").read_text(encoding="utf-8")
    checked = set(baked_build(worker)["integrity"])
    service_worker = (default_site.path / "sw.js").read_text(encoding="utf-8")
    unread = json.loads(re.search(r"^const CHECKED_BY_READER = (\[.*?\]);", service_worker, re.M).group(1))
    assert {path.rsplit("/", 1)[1] for path in unread} == checked == {
        "pyodide.asm.wasm", "python_stdlib.zip", "interpreter-snapshot.bin"}
    assert all(path.startswith("assets/runtime/") for path in unread)
