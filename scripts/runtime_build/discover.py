"""Discovery, in the original Pyodide: which standard library modules the runtime imports when it
starts, when it unpacks the wheel, when the checkers answer the whole corpus, and a safety margin
(modules the checkers or the runtime could import, and whatever those import). Those modules are
the ones the trimmed standard library keeps.

Module-level imports are what the discovery step always imported (importlib, io, json, os, sys,
traceback, warnings): the driver records sys.modules after importing this module, and anything
imported later is counted as needed by the checkers or the margin.
"""

import importlib
import io
import json
import os  # noqa: F401  (imported since the first build: see the module docstring)
import sys
import traceback
import warnings

from .corpus import run_corpus

PREFIX = "/lib/python314.zip/"  # where Pyodide mounts its standard library

# Modules the checkers or the runtime could import on a path the corpus does not take.
MARGIN = [
    "json", "datetime", "dataclasses", "enum", "html", "html.entities", "re", "typing",
    "collections", "collections.abc", "functools", "os", "sys", "types", "io", "textwrap",
    "zipfile", "tarfile", "shutil", "pathlib", "tempfile", "gzip", "glob", "fnmatch",
    "importlib", "importlib.util", "importlib.machinery", "importlib.abc", "zipimport",
    "importlib.metadata", "importlib.resources",
    "encodings", "encodings.aliases", "encodings.utf_8", "encodings.utf_8_sig", "encodings.ascii",
    "encodings.latin_1", "encodings.cp437", "encodings.utf_16", "encodings.utf_16_le",
    "encodings.utf_16_be", "encodings.utf_32", "encodings.unicode_escape", "encodings.raw_unicode_escape",
    "traceback", "linecache", "tokenize", "token", "warnings", "string", "copy", "weakref", "operator",
    "keyword", "reprlib", "contextlib", "abc", "base64", "struct", "codecs", "locale", "inspect",
    "ast", "dis", "opcode", "annotationlib", "bisect", "heapq",
    "stat", "posixpath", "genericpath", "site", "_sitebuiltins", "runpy", "pkgutil", "unicodedata",
    "asyncio", "contextvars", "threading", "atexit", "platform", "code", "codeop", "rlcompleter",
    "urllib.parse", "hashlib", "random", "math", "time", "calendar", "_strptime",
]
RUNTIME_PACKAGES = ("pyodide/", "_pyodide/")


def zip_files(prefix=PREFIX):
    """{path inside the zip: module name} for every loaded module whose file is in the zip at `prefix`."""
    files = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and file.startswith(prefix):
            files[file[len(prefix):]] = name
    return files


def runtime_imports(stdlib_zip):
    """(every module of the runtime's own packages, every module they import anywhere, even inside
    functions), read from the zip's sources."""
    import ast
    import zipfile

    stdlib = zipfile.ZipFile(stdlib_zip)
    names = stdlib.namelist()
    runtime_modules = sorted(
        n[:-3].replace("/", ".").removesuffix(".__init__")
        for n in names if n.startswith(RUNTIME_PACKAGES) and n.endswith(".py")
    )
    static = set()
    for n in names:
        if n.startswith(RUNTIME_PACKAGES) and n.endswith(".py"):
            tree = ast.parse(stdlib.read(n))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    static |= {a.name for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    static.add(node.module)
    return runtime_modules, sorted(static)


def import_all(names):
    """Import each module; returns "name: error" for those that cannot be imported."""
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except BaseException as error:
            failed.append(f"{name}: {type(error).__name__}: {error}")
    return failed


def discover(startup_names, unpack_names, scenarios, prefix=PREFIX):
    """Run the corpus and the margin, recording the zip's modules loaded at each step.

    startup_names: sys.modules when Pyodide had started; unpack_names: after the wheel was unpacked
    and this module imported. Returns the files of each step, the results of the corpus, and where
    the checkers were imported from."""
    startup = {f: n for f, n in zip_files(prefix).items() if n in startup_names}
    unpack = {f: n for f, n in zip_files(prefix).items() if n in unpack_names and f not in startup}
    results = run_corpus(scenarios)
    after_checkers = zip_files(prefix)

    # The error paths the worker may hit: a Python exception formatted for JavaScript, a warning,
    # a traceback through a module in the zip.
    try:
        json.loads("{")
    except ValueError:
        traceback.format_exc()
    with warnings.catch_warnings(record=True):
        warnings.warn("margin")
    buffer = io.StringIO()
    warnings.showwarning("margin", UserWarning, "x.py", 1, file=buffer)

    runtime_modules, static = runtime_imports(prefix.rstrip("/"))
    failed = import_all(MARGIN + runtime_modules + static)
    after_margin = zip_files(prefix)
    # the checkers' own imports must come from the wheel, never from the zip
    wheel_modules = sorted(n for n in sys.modules if n == "checkers" or n.startswith("checkers."))
    return {
        "startup": sorted(startup),
        "unpack": sorted(unpack),
        "checkers": sorted(set(after_checkers) - set(startup) - set(unpack)),
        "margin": sorted(set(after_margin) - set(after_checkers)),
        "not_importable": failed,
        "wheel_modules": wheel_modules,
        "wheel_files": sorted({getattr(sys.modules[n], "__file__", "") for n in wheel_modules}),
        "results": results,
    }


def write_margin_archives(folder):
    """A .tar.gz and a .zip for the driver to unpack with unpackArchive: the other archive formats
    Pyodide knows, so that whatever they import is kept too."""
    import io
    import tarfile
    import zipfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("margin/hello.txt")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    with open(f"{folder}/margin.tar.gz", "wb") as handle:
        handle.write(buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("margin/hello.txt", "hi")
    with open(f"{folder}/margin.zip", "wb") as handle:
        handle.write(buffer.getvalue())


def kept_files(steps, prefix=PREFIX):
    """The zip's files to keep: every step's, and any loaded since discovery (the late margin: what
    unpacking other archive formats and raising an error to JavaScript imported).
    steps: the lists discover() returned for startup, unpack, checkers and margin."""
    known = set(steps["startup"]) | set(steps["unpack"]) | set(steps["checkers"]) | set(steps["margin"])
    late_margin = [f for f in sorted(zip_files(prefix)) if f not in known]
    return {"keep": sorted(known | set(late_margin)), "late_margin": late_margin}


def not_from_wheel(wheel_files, site_packages):
    """The checkers' files that were not imported from the unpacked wheel (there must be none)."""
    return [f for f in wheel_files if not f.startswith(f"{site_packages}/checkers/")]
