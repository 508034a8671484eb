"""The standard library compiled to .pyc and trimmed, and the checkers' wheel precompiled.

Run inside the pinned Pyodide, so that every .pyc carries that interpreter's magic number; under
CPython the same functions give CPython's (tests/test_runtime_build.py).

- compile_stdlib: every .py in the zip becomes a sourceless .pyc at the same place (foo.py ->
  foo.pyc: zipimport's search order is foo/__init__.pyc, foo/__init__.py, foo.pyc, foo.py). Three
  zips: compiled and untrimmed (for the benchmark), compiled and trimmed to the kept modules (what
  the site ships), trimmed but still source (for comparison).
- compile_wheel: checked-hash .pyc files added to the wheel (checkers/__pycache__/*.pyc, RECORD
  updated; the same file name, so unpackArchive(..., "wheel") works as before).
"""

import base64
import hashlib
import importlib.util
import marshal
import zipfile

STDLIB = "/lib/python314.zip"  # Pyodide's standard library
MAGIC = importlib.util.MAGIC_NUMBER
SITE = "/lib/python3.14/site-packages/"  # where the wheel is unpacked in Pyodide


def pyc_sourceless(code):
    # flags 0 (timestamp-based), mtime 0, size 0: with no .py beside it, zipimport checks nothing
    return MAGIC + bytes(12) + marshal.dumps(code)


def pyc_checked_hash(code, source):
    # flags 0b11: hash-based and checked against the .py next to it, whatever the files' mtimes
    return MAGIC + (3).to_bytes(4, "little") + importlib.util.source_hash(source) + marshal.dumps(code)


def zinfo(name, like):
    info = zipfile.ZipInfo(name, date_time=like.date_time)
    info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
    info.external_attr = like.external_attr or ((0o40755 << 16) | 0x10 if name.endswith("/") else 0o644 << 16)
    return info


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info, data in entries:
            out.writestr(info, data)


def compile_stdlib(keep_py, full_path, trimmed_path, trimmed_source_path, stdlib=STDLIB):
    """keep_py: the .py paths (inside the zip) of the modules to keep."""
    keep_py = set(keep_py)
    source = zipfile.ZipFile(stdlib)
    full, trimmed, trimmed_source, failed = [], [], [], []
    keep_dirs = set()
    for name in keep_py:
        parts = name.split("/")[:-1]
        keep_dirs |= {"/".join(parts[: i + 1]) + "/" for i in range(len(parts))}
    for info in source.infolist():
        name = info.filename
        if name.endswith("/"):
            entry = (zinfo(name, info), b"")
            full.append(entry)
            if name in keep_dirs:
                trimmed.append(entry)
                trimmed_source.append(entry)
            continue
        data = source.read(info)
        if name.endswith(".py"):
            try:
                code = compile(data, f"{stdlib}/{name}", "exec", dont_inherit=True, optimize=0)
            except SyntaxError as error:  # keep the source: zipimport compiles it (or fails) at import
                failed.append(f"{name}: {error}")
                entry = (zinfo(name, info), data)
            else:
                entry = (zinfo(name + "c", info), pyc_sourceless(code))
            full.append(entry)
            if name in keep_py:
                trimmed.append(entry)
                trimmed_source.append((zinfo(name, info), data))
        else:
            full.append((zinfo(name, info), data))  # data files: kept in the full zip only
    missing = sorted(keep_py - {n for n in source.namelist()})
    write_zip(full_path, full)
    write_zip(trimmed_path, trimmed)
    write_zip(trimmed_source_path, trimmed_source)  # for comparison only: what trimming alone gives
    return {"failed": failed, "missing": missing, "full_entries": len(full), "trimmed_entries": len(trimmed)}


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_wheel(in_path, out_path, site=SITE):
    source = zipfile.ZipFile(in_path)
    entries, pycs = [], []
    record = None
    for info in source.infolist():
        name = info.filename
        if "__pycache__/" in name or name.endswith(".pyc"):
            continue  # an already-compiled wheel: compile again from the sources
        if name.endswith(".dist-info/RECORD"):
            record = info
            continue
        data = source.read(info)
        entries.append((zinfo(name, info), data))
        if name.endswith(".py") and ".dist-info/" not in name and ".data/" not in name:
            code = compile(data, site + name, "exec", dont_inherit=True, optimize=0)
            pycs.append((zinfo(importlib.util.cache_from_source(name), info), pyc_checked_hash(code, data)))
    if record is None:
        raise ValueError(f"{in_path}: no .dist-info/RECORD")
    # RECORD stays last, as wheel tools write it; the .pyc files go just before the dist-info
    first_meta = next(i for i, (info, _) in enumerate(entries) if ".dist-info/" in info.filename)
    entries[first_meta:first_meta] = pycs
    lines = [record_line(info.filename, data) for info, data in entries if not info.filename.endswith("/")]
    lines.append(f"{record.filename},,")
    entries.append((zinfo(record.filename, record), ("\n".join(lines) + "\n").encode()))
    write_zip(out_path, entries)
    return {"pyc": [info.filename for info, _ in pycs]}
