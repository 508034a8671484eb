#!/usr/bin/env node
// Build the self-hosted Pyodide runtime for the site: the pinned Pyodide from node_modules, with a
// precompiled and trimmed standard library and the checkers wheel (its modules precompiled too).
//
//   node scripts/build_pyodide_runtime.mjs --wheel build/wheel/<wheel> [--out build/pyodide]
//
// Everything runs offline. The zip work is done inside the pinned Pyodide itself with Python's
// zipfile, so the .pyc files carry that interpreter's magic number. Steps:
//   1. load node_modules/pyodide, record the stdlib modules imported at start, while the checkers
//      run every command over a generated corpus plus tests/scenarios, and by a safety margin;
//   2. compile every stdlib .py to a sourceless .pyc (foo.py -> foo.pyc at the same place in the
//      zip: zipimport's search order is foo/__init__.pyc, foo/__init__.py, foo.pyc, foo.py); write
//      the compiled-but-untrimmed zip to <out>-build/ (for the benchmark) and the trimmed one to <out>;
//   3. add checked-hash .pyc files to the wheel (checkers/__pycache__/*.cpython-314.pyc, RECORD
//      updated; same file name, so unpackArchive(..., "wheel") works as before);
//   4. load the new runtime from <out> in a fresh Pyodide and run the same corpus: every result
//      must equal the original runtime's, or the build fails;
//   5. make a memory snapshot of the new runtime with the checkers imported and warmed up
//      (interpreter-snapshot.bin, gzip-compressed), restore it in a fresh Pyodide and run the same
//      corpus again: every result must equal the original runtime's, or the build fails. The site's
//      worker restores it on later visits instead of starting Python and importing the checkers;
//   6. write stdlib-modules.txt and runtime.json (names, sizes, sha256 of everything in <out>).
// The snapshot relies on Pyodide's private _makeSnapshot/_loadSnapshot options: the pin is exact,
// and step 5 proves the restored interpreter on every build. (Its bytes differ between builds:
// Python's start-up takes some entropy; the results may not.)
// Idempotent: the output is rebuilt from scratch; files an earlier run listed and this one does
// not produce are removed.

import { createHash } from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide");
const COPIED = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"];
const SNAPSHOT = "interpreter-snapshot.bin"; // gzip data, named .bin so that no host re-encodes it
const LOAD_TIMEOUT_MS = 60_000;
const OVERALL_TIMEOUT_MS = 600_000;

function usage(message) {
  if (message) console.error(`error: ${message}`);
  console.error("usage: node scripts/build_pyodide_runtime.mjs --wheel build/wheel/<wheel> [--out build/pyodide]");
  process.exit(2);
}

function parseArgs(argv) {
  const options = { out: "build/pyodide", wheel: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--wheel" || arg === "--out") {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      options[arg.slice(2)] = argv[++i];
    } else if (arg === "-h" || arg === "--help") {
      usage();
    } else {
      usage(`unknown argument ${arg}`);
    }
  }
  if (!options.wheel) usage("--wheel is required");
  return options;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const sha256 = (buffer) => createHash("sha256").update(buffer).digest("hex");

// ---------------------------------------------------------------------------------------------
// Python run inside Pyodide. The corpus is shared by discovery (original runtime) and verification
// (new runtime); it only uses modules that are loaded at start (io, json, os, sys, traceback).

const CORPUS_PY = String.raw`
import io, json, os, sys, traceback

FIXED_DATE = "2026-01-15"

def _cli(args, stdin_text=""):
    from checkers import cli
    out, err = io.StringIO(), io.StringIO()
    try:
        code = cli.main(list(args), stdin=io.StringIO(stdin_text), stdout=out, stderr=err)
    except BaseException as error:  # a crash is a result too: it must be the same both ways
        code = "crash: " + "".join(traceback.format_exception_only(error)).strip()
    return {"cli": list(args), "stdin": stdin_text, "exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()}

def _handle(request):
    from checkers import api
    text = request if isinstance(request, str) else json.dumps(request, ensure_ascii=False)
    try:
        response = api.handle(text)
    except BaseException as error:  # handle() should never raise; if it does, that is a result too
        response = "crash: " + "".join(traceback.format_exception_only(error)).strip()
    return {"handle": text, "response": response}

def _variants(questions):
    """A base answer set (first choice everywhere), then each answer varied in turn."""
    from checkers.schema import Kind
    base = {}
    for q in questions:
        if q.kind is Kind.BOOLEAN:
            base[q.id] = True
        elif q.kind is Kind.CHOICE:
            base[q.id] = q.choices[0].id
        elif q.kind is Kind.MULTI:
            base[q.id] = [q.choices[0].id]
        else:
            base[q.id] = "Some text"
    yield dict(base)
    for q in questions:
        if q.kind is Kind.BOOLEAN:
            values = [False]
        elif q.kind is Kind.CHOICE:
            values = [c.id for c in q.choices[1:]]
        elif q.kind is Kind.MULTI:
            ids = q.choice_ids()
            values = [[i] for i in ids[1:]] + [ids]
        else:
            values = ["<b>Tom & Jerry</b> *1.* [x](y)\n- dash\n3) three", "é ü 😀"]
        for value in values:
            yield {**base, q.id: value}
        if not q.required:
            yield {k: v for k, v in base.items() if k != q.id}
    # one answer set per choice of the first question combined with every other question's choices
    first = questions[0]
    if first.kind is Kind.CHOICE:
        for c in first.choices:
            for q in questions[1:]:
                if q.kind is Kind.CHOICE:
                    for d in q.choices:
                        yield {**base, first.id: c.id, q.id: d.id}

def _form_pairs(answers):
    pairs = []
    for key, value in answers.items():
        if isinstance(value, list):
            pairs += [[key, item] for item in value]
        elif isinstance(value, bool):
            pairs.append([key, "true" if value else "false"])
        else:
            pairs.append([key, str(value)])
    return pairs

DETAILS = {
    "what": "Health information about the parent",
    "with_whom": "J Smith, social worker, children's social care",
    "why": "Risk of significant harm <script>alert(1)</script> & more",
    "when": "2026-01-15 10:00",
    "by_whom": "A Person, DSL",
    "decision": "shared",
    "reasons": "# Because\n1. the child *was* at risk\n- and [this](x)",
    "consulted": "DPO",
}

def run_corpus(scenarios, scratch="/tmp/corpus"):
    """scenarios: [(checker name, path relative to the repo, file text)]. Returns every result."""
    from checkers import api
    os.environ["CHECKERS_DATE"] = FIXED_DATE
    results = []
    add = results.append
    os.makedirs(scratch, exist_ok=True)
    if hasattr(api, "warm_up"):  # what the browser worker runs before it says it is ready
        api.warm_up()
    for name in list(api.NAMES) + ["nope"]:
        add(_cli(["questions", name]))
    for args in ([], ["nope"], ["questions"], ["lawful-basis", "a", "b"], ["questions", "lawful-basis", "x"]):
        add(_cli(args))
    for name, module in api.CHECKERS.items():
        for answers in _variants(module.QUESTIONS):
            text = json.dumps(answers, ensure_ascii=False)
            add(_cli([name], text))
            add(_handle({"checker": name, "input": answers}))
            add(_handle({"checker": name, "form": _form_pairs(answers)}))
            record = {"checker": name, "answers": answers, "details": DETAILS, "partnership": "Anytown <LSCP>"}
            add(_cli(["decision-record"], json.dumps(record)))
            add(_handle({"checker": "decision-record", "input": record}))
        add(_handle({"checker": name, "form": [["nope", "x"]]}))
        add(_handle({"checker": name, "input": {}}))
        add(_handle({"checker": name, "input": []}))
        add(_handle({"checker": name, "form": [[module.QUESTIONS[0].id, "not-a-choice"]]}))
    for rel, (name, text) in enumerate(scenarios):
        case = json.loads(text)
        file = os.path.join(scratch, f"scenario{rel}.json")
        with open(file, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(case["input"], ensure_ascii=False))
        add(_cli([name, file]))
        add(_handle({"checker": name, "input": case["input"]}))
    bad = os.path.join(scratch, "bad.json")
    with open(bad, "wb") as handle:
        handle.write(b"\xff\xfe{}")
    for name in api.NAMES:
        for text in ("", "not json", "{", "[]", "{}", "NaN", '{"a": 1, "a": 2}', '{"nope": true}', "null", '"x"'):
            add(_cli([name], text))
        add(_cli([name, os.path.join(scratch, "missing.json")]))
        add(_cli([name, bad]))
    add(_cli(["decision-record"], json.dumps({"checker": "lawful-basis", "answers": {}})))
    add(_cli(["decision-record"], json.dumps({"checker": "nope", "answers": {}})))
    add(_cli(["decision-record"], json.dumps({"checker": "lawful-basis", "answers": {"data": []}, "details": {}})))
    for request in ("not json", "[]", "{}", {"checker": "nope"}, {"checker": "decision-record", "form": []},
                    {"checker": "lawful-basis", "input": {"data": []}}, {"checker": "lawful-basis"}):
        add(_handle(request))
    # issue 13's probe and the evaluation date: whatever these paths import must stay in the zip
    for text in ("[" * 1000 + "]" * 1000, '{"purpose": ' + "9" * 4301 + "}", '{"purpose": "\\ud800"}',
                 '\ufeff{"purpose": "no"}', '{"purpose": "\\u001b[2J", "\\u202e": 1}', '{"purpose": ' + "9" * 500 + "}"):
        add(_cli(["key-questions"], text))
    for args in (["--on", "2026-10-01"], ["--on=2018-05-24"], ["--on", "2026-02-30"], ["--on"]):
        add(_cli(["key-questions", *args], "{}"))
    for request in ({"checker": ["lawful-basis"], "input": {}}, {"checker": "key-questions", "input": {}, "on": "2026-10-01"},
                    {"checker": "key-questions", "input": {}, "on": "2018-05-24"}, {"checker": "key-questions", "form": 5}):
        add(_handle(request))
    os.environ["CHECKERS_DATE"] = "15/01/2026"
    add(_cli(["lawful-basis"], "{}"))
    del os.environ["CHECKERS_DATE"]
    today = _cli(["key-questions"], "{}")  # today's date: compared on its exit code only
    add({"today": today["exit"]})
    os.environ["CHECKERS_DATE"] = FIXED_DATE
    return results
`;

// Discovery: what the runtime imports at start, what the checkers import, and the safety margin.
const DISCOVER_PY = String.raw`
import importlib, io, json, os, sys, traceback, warnings

PREFIX = "/lib/python314.zip/"

def zip_files():
    files = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and file.startswith(PREFIX):
            files[file[len(PREFIX):]] = name
    return files

def discover(startup_names, unpack_names, scenarios):
    startup = {f: n for f, n in zip_files().items() if n in startup_names}
    unpack = {f: n for f, n in zip_files().items() if n in unpack_names and f not in startup}
    results = run_corpus(scenarios)
    after_checkers = zip_files()

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

    margin = [
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
    # every submodule of the runtime's own packages, and whatever they import (also inside functions)
    import ast, zipfile
    stdlib = zipfile.ZipFile(PREFIX.rstrip("/"))
    names = stdlib.namelist()
    runtime_modules = sorted(
        n[:-3].replace("/", ".").removesuffix(".__init__")
        for n in names if n.startswith(("pyodide/", "_pyodide/")) and n.endswith(".py")
    )
    static = set()
    for n in names:
        if n.startswith(("pyodide/", "_pyodide/")) and n.endswith(".py"):
            tree = ast.parse(stdlib.read(n))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    static |= {a.name for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    static.add(node.module)
    failed = []
    for name in margin + runtime_modules + sorted(static):
        try:
            importlib.import_module(name)
        except BaseException as error:
            failed.append(f"{name}: {type(error).__name__}: {error}")
    after_margin = zip_files()
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
`;

// Compile the stdlib and the wheel, write the zips.
const BUILD_PY = String.raw`
import base64, hashlib, importlib.util, marshal, zipfile

STDLIB = "/lib/python314.zip"
MAGIC = importlib.util.MAGIC_NUMBER
SITE = "/lib/python3.14/site-packages/"

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

def compile_stdlib(keep_py, full_path, trimmed_path, trimmed_source_path):
    """keep_py: the .py paths (inside the zip) of the modules to keep."""
    keep_py = set(keep_py)
    source = zipfile.ZipFile(STDLIB)
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
                code = compile(data, f"{STDLIB}/{name}", "exec", dont_inherit=True, optimize=0)
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

def compile_wheel(in_path, out_path):
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
            code = compile(data, SITE + name, "exec", dont_inherit=True, optimize=0)
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
`;

// Verification inside the new runtime: error formatting and the imports that must not be there.
const VERIFY_PY = String.raw`
import sys
def check_runtime():
    problems = []
    for name in ("checkers", "checkers.api", "checkers.cli"):
        file = getattr(sys.modules.get(name), "__file__", "")
        if not file.startswith("/lib/python3.14/site-packages/checkers/"):
            problems.append(f"{name} loaded from {file!r}")
    cached = getattr(sys.modules["checkers.api"], "__cached__", None)
    import os
    if not cached or not os.path.exists(cached):
        problems.append(f"checkers.api has no precompiled .pyc ({cached!r})")
    stdlib = [n for n, m in sys.modules.items() if (getattr(m, "__file__", "") or "").startswith("/lib/python314.zip/")
              and not m.__file__.endswith(".pyc") and getattr(m.__spec__, "origin", None) != "frozen"]
    if stdlib:
        problems.append(f"stdlib modules loaded from source: {stdlib}")
    return problems
`;

// ---------------------------------------------------------------------------------------------

async function loadRuntime(dir, options = {}) {
  const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
  const messages = [];
  const pyodide = await withTimeout(
    loadPyodide({
      indexURL: dir + path.sep,
      stdout: (line) => messages.push(line),
      stderr: (line) => messages.push(line),
      ...options,
    }),
    LOAD_TIMEOUT_MS,
    `loadPyodide from ${path.relative(ROOT, dir) || dir}`,
  );
  return { pyodide, messages };
}

function sitePackages(pyodide) {
  return pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('/site-packages'))");
}

function scenarioFiles() {
  const dir = path.join(ROOT, "tests", "scenarios");
  const found = [];
  if (!fs.existsSync(dir)) return found;
  for (const name of fs.readdirSync(dir).sort()) {
    const sub = path.join(dir, name);
    if (!fs.statSync(sub).isDirectory()) continue;
    for (const file of fs.readdirSync(sub).sort()) {
      if (file.endsWith(".json")) found.push([name, fs.readFileSync(path.join(sub, file), "utf8")]);
    }
  }
  return found;
}

function pyJSON(pyodide, expression) {
  return JSON.parse(pyodide.runPython(`import json as _j; _j.dumps(${expression}, ensure_ascii=False)`));
}

function zipModuleName(file) {
  return file.replace(/\.py$/, "").replace(/\/__init__$/, "").replaceAll("/", ".");
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const watchdog = setTimeout(() => {
    console.error(`error: the build did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`);
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  watchdog.unref();

  const wheelPath = path.resolve(options.wheel);
  const out = path.resolve(options.out);
  const work = `${out}-build`;
  if (!fs.existsSync(wheelPath)) usage(`no wheel at ${options.wheel} (build it with python -m build --wheel)`);
  const wheelName = path.basename(wheelPath);
  if (!/^[A-Za-z0-9_.]+-[^-]+(-[^-]+)?-[^-]+-[^-]+-[^-]+\.whl$/.test(wheelName)) usage(`${wheelName} is not a wheel file name`);
  for (const file of [...COPIED, "python_stdlib.zip", "pyodide-lock.json", "package.json"]) {
    if (!fs.existsSync(path.join(PYODIDE_DIR, file))) usage(`node_modules/pyodide/${file} is missing: run npm ci`);
  }
  const pyodideVersion = JSON.parse(fs.readFileSync(path.join(PYODIDE_DIR, "package.json"), "utf8")).version;
  const wheelBytes = fs.readFileSync(wheelPath); // read before the output is cleaned: it may live there
  const scenarios = scenarioFiles();

  // 1. discovery in the original runtime
  let t0 = performance.now();
  const { pyodide: original } = await loadRuntime(PYODIDE_DIR);
  const startupNames = original.runPython("import sys; list(sys.modules)").toJs();
  console.log(`loaded node_modules/pyodide ${pyodideVersion} in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const site = sitePackages(original);
  original.unpackArchive(new Uint8Array(wheelBytes), "wheel", { extractDir: site });
  original.FS.mkdirTree("/tmp/build");
  original.FS.writeFile("/tmp/build/in.whl", new Uint8Array(wheelBytes));
  original.FS.writeFile("/tmp/build/scenarios.json", JSON.stringify(scenarios));
  original.runPython(CORPUS_PY);
  original.runPython(DISCOVER_PY);
  const unpackNames = original.runPython("import sys; list(sys.modules)").toJs();
  const discovery = pyJSON(
    original,
    `discover(set(${JSON.stringify(startupNames)}), set(${JSON.stringify(unpackNames)}), ` +
      `json.load(open("/tmp/build/scenarios.json")))`,
  );
  // the other archive formats unpackArchive knows, and an error raised to JavaScript
  original.runPython(`
import io, tarfile, zipfile
buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
    info = tarfile.TarInfo("margin/hello.txt"); info.size = 2
    tar.addfile(info, io.BytesIO(b"hi"))
open("/tmp/build/margin.tar.gz", "wb").write(buffer.getvalue())
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("margin/hello.txt", "hi")
open("/tmp/build/margin.zip", "wb").write(buffer.getvalue())
`);
  original.unpackArchive(original.FS.readFile("/tmp/build/margin.tar.gz"), "gztar", { extractDir: "/tmp/build/x" });
  original.unpackArchive(original.FS.readFile("/tmp/build/margin.zip"), "zip", { extractDir: "/tmp/build/y" });
  try {
    original.runPython("1 / 0");
  } catch (error) {
    if (!String(error.message).includes("ZeroDivisionError")) throw new Error(`unexpected error text: ${error.message}`);
  }
  const afterArchives = pyJSON(original, "sorted(zip_files())");
  const known = new Set([...discovery.startup, ...discovery.unpack, ...discovery.checkers, ...discovery.margin]);
  const lateMargin = afterArchives.filter((f) => !known.has(f));
  discovery.margin.push(...lateMargin);
  const keep = [...known, ...lateMargin].sort();
  if (!discovery.wheel_files.every((f) => f.startsWith(`${site}/checkers/`))) {
    throw new Error(`the checkers were not imported from the wheel: ${discovery.wheel_files.join(", ")}`);
  }
  console.log(
    `corpus: ${discovery.results.length} results from ${scenarios.length} scenario file(s); ` +
      `stdlib files: ${discovery.startup.length} at start, +${discovery.unpack.length} unpacking the wheel, ` +
      `+${discovery.checkers.length} for the checkers, ` +
      `+${discovery.margin.length} safety margin = ${keep.length}`,
  );
  for (const line of discovery.not_importable) console.log(`  margin, not importable (left out): ${line}`);

  // 2 and 3. compile and write
  original.runPython(BUILD_PY);
  original.FS.mkdirTree("/tmp/build/out");
  const stdlibReport = pyJSON(
    original,
    `compile_stdlib(${JSON.stringify(keep)}, "/tmp/build/out/full.zip", "/tmp/build/out/trimmed.zip", "/tmp/build/out/trimmed-source.zip")`,
  );
  if (stdlibReport.missing.length) throw new Error(`modules not in the zip: ${stdlibReport.missing.join(", ")}`);
  for (const line of stdlibReport.failed) console.log(`  kept as source (did not compile): ${line}`);
  const wheelReport = pyJSON(original, `compile_wheel("/tmp/build/in.whl", "/tmp/build/out/wheel.whl")`);
  const fullZip = Buffer.from(original.FS.readFile("/tmp/build/out/full.zip"));
  const trimmedZip = Buffer.from(original.FS.readFile("/tmp/build/out/trimmed.zip"));
  const trimmedSourceZip = Buffer.from(original.FS.readFile("/tmp/build/out/trimmed-source.zip"));
  const compiledWheel = Buffer.from(original.FS.readFile("/tmp/build/out/wheel.whl"));
  const originalLock = JSON.parse(fs.readFileSync(path.join(PYODIDE_DIR, "pyodide-lock.json"), "utf8"));
  // loadPyodide awaits the lock file (it checks info.abi_version) but we load no packages from it:
  // ship its info with no packages (a few hundred bytes instead of 100 kB+); runtime.json carries it
  // too, so a loader can pass lockFileContents and not fetch it at all.
  const lock = { info: originalLock.info, packages: {} };
  const lockText = JSON.stringify(lock, null, 2) + "\n";

  const previous = readPrevious(out);
  fs.mkdirSync(out, { recursive: true });
  fs.mkdirSync(work, { recursive: true });
  const produced = new Map();
  for (const file of COPIED) produced.set(file, fs.readFileSync(path.join(PYODIDE_DIR, file)));
  produced.set("pyodide-lock.json", Buffer.from(lockText));
  produced.set("python_stdlib.zip", trimmedZip);
  produced.set(wheelName, compiledWheel);
  const modulesText =
    "# Standard library modules kept in python_stdlib.zip (as sourceless .pyc), with why:\n" +
    "# startup = imported when Pyodide starts; unpack = by unpackArchive(wheel, \"wheel\");\n" +
    "# checkers = imported running every checker command (CLI, api.handle with JSON and form input);\n" +
    "# margin = safety margin (modules the checkers or the runtime could import, and their imports).\n" +
    [
      ...discovery.startup.map((f) => [f, "startup"]),
      ...discovery.unpack.map((f) => [f, "unpack"]),
      ...discovery.checkers.map((f) => [f, "checkers"]),
      ...discovery.margin.map((f) => [f, "margin"]),
    ]
      .map(([f, why]) => [zipModuleName(f), why])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([name, why]) => `${name.padEnd(48)} ${why}`)
      .join("\n") +
    "\n";
  produced.set("stdlib-modules.txt", Buffer.from(modulesText));
  for (const [file, data] of produced) writeIfChanged(path.join(out, file), data);
  writeIfChanged(path.join(work, "python_stdlib.compiled-full.zip"), fullZip);
  writeIfChanged(path.join(work, "python_stdlib.trimmed-source.zip"), trimmedSourceZip);
  for (const stale of previous) {
    if (!produced.has(stale) && stale !== "runtime.json" && stale !== SNAPSHOT && !stale.includes("/") && fs.existsSync(path.join(out, stale))) {
      fs.rmSync(path.join(out, stale));
      console.log(`removed stale ${stale}`);
    }
  }

  // 4. verify the new runtime: same corpus, same results
  t0 = performance.now();
  const { pyodide: built, messages } = await loadRuntime(out, { lockFileContents: lock });
  const loadSeconds = (performance.now() - t0) / 1000;
  built.unpackArchive(new Uint8Array(compiledWheel), "wheel", { extractDir: site });
  built.FS.mkdirTree("/tmp/build");
  built.FS.writeFile("/tmp/build/scenarios.json", JSON.stringify(scenarios));
  built.runPython(CORPUS_PY);
  const again = pyJSON(built, `run_corpus(json.load(open("/tmp/build/scenarios.json")))`);
  built.runPython(VERIFY_PY);
  const problems = pyJSON(built, "check_runtime()");
  try {
    built.runPython("1 / 0");
    problems.push("1 / 0 did not raise");
  } catch (error) {
    if (!String(error.message).includes("ZeroDivisionError: division by zero")) {
      problems.push(`error formatting broken: ${error.message}`);
    }
  }
  if (JSON.stringify(again) !== JSON.stringify(discovery.results)) {
    const first = again.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(discovery.results[i]));
    problems.push(
      `results differ from the original runtime (${again.length} vs ${discovery.results.length}); first at #${first}:\n` +
        `  original: ${JSON.stringify(discovery.results[first]).slice(0, 600)}\n` +
        `  built:    ${JSON.stringify(again[first]).slice(0, 600)}`,
    );
  }
  if (messages.length) problems.push(`the new runtime printed at start: ${messages.join(" | ")}`);
  if (problems.length) {
    console.error("error: the built runtime does not behave like the original:");
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }

  // 5. the memory snapshot, made from the runtime as shipped and proved on the whole corpus
  t0 = performance.now();
  const snapshot = await makeSnapshot(out, lock, site, compiledWheel);
  const snapshotProblems = await verifySnapshot(out, lock, snapshot, scenarios, discovery.results);
  if (snapshotProblems.length) {
    console.error("error: the restored snapshot does not behave like the original runtime:");
    for (const problem of snapshotProblems) console.error(`  ${problem}`);
    process.exit(1);
  }
  const packed = zlib.gzipSync(snapshot.bytes, { level: 9 });
  writeIfChanged(path.join(out, SNAPSHOT), packed);
  console.log(
    `snapshot: ${kB(snapshot.bytes.length)} (${kB(packed.length)} compressed), restored and verified on ` +
      `${discovery.results.length} results in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // 6. runtime.json
  const files = [...fs.readdirSync(out)]
    .filter((f) => f !== "runtime.json" && fs.statSync(path.join(out, f)).isFile())
    .sort()
    .map((name) => {
      const data = fs.readFileSync(path.join(out, name));
      // role: what a loader does with it; "review" files (the module list) need not be served
      const role = name === wheelName ? "wheel" : name === "stdlib-modules.txt" ? "review" : name === SNAPSHOT ? "snapshot" : "runtime";
      return { name, size: data.length, sha256: sha256(data), role };
    });
  const runtime = {
    pyodide_version: pyodideVersion,
    python_version: lock.info.python,
    wheel: wheelName,
    stdlib: "python_stdlib.zip",
    snapshot: SNAPSHOT,
    lock_file_contents: lock,
    files,
  };
  writeIfChanged(path.join(out, "runtime.json"), Buffer.from(JSON.stringify(runtime, null, 2) + "\n"));

  const originalZipSize = fs.statSync(path.join(PYODIDE_DIR, "python_stdlib.zip")).size;
  console.log(`verified: ${again.length} results identical; the new runtime loaded in ${loadSeconds.toFixed(2)} s`);
  console.log("python_stdlib.zip:");
  console.log(`  original (sources)            ${kB(originalZipSize).padStart(10)}`);
  console.log(`  compiled, untrimmed           ${kB(fullZip.length).padStart(10)}  ${path.relative(ROOT, work)}/python_stdlib.compiled-full.zip (${stdlibReport.full_entries} entries)`);
  console.log(`  trimmed, still .py            ${kB(trimmedSourceZip.length).padStart(10)}  (for comparison, not shipped)`);
  console.log(`  compiled, trimmed (shipped)   ${kB(trimmedZip.length).padStart(10)}  ${keep.length} modules, ${stdlibReport.trimmed_entries} entries`);
  console.log(`wheel: ${wheelName}: ${kB(wheelBytes.length)} -> ${kB(compiledWheel.length)} with ${wheelReport.pyc.length} .pyc`);
  const originalLockSize = fs.statSync(path.join(PYODIDE_DIR, "pyodide-lock.json")).size;
  console.log(`pyodide-lock.json: ${kB(originalLockSize)} -> ${kB(lockText.length)} (info only, no packages)`);
  console.log(`wrote ${path.relative(ROOT, out) || out}/:`);
  for (const file of files) console.log(`  ${file.name.padEnd(48)} ${kB(file.size).padStart(10)}`);
  console.log(`  runtime.json`);
  process.exit(0); // the two Pyodide instances keep no handles we need to wait for
}

// What the snapshot holds: the runtime after start-up, the wheel unpacked, every checkers module
// imported and every checker run once (api.warm_up), and nothing else: no corpus run, no
// CHECKERS_DATE, no file written. Its file system is not in it: only what Python has in memory.
const SNAPSHOT_PY = String.raw`
import importlib, os, pkgutil, sys
import checkers
for _module in pkgutil.iter_modules(checkers.__path__):
    if _module.name != "__main__":  # that one runs the command line
        importlib.import_module("checkers." + _module.name)
checkers.api.warm_up()
assert "CHECKERS_DATE" not in os.environ, "CHECKERS_DATE must not be baked into the snapshot"
del _module
`;
const CHECKERS_MODULES = `sorted(n for n in __import__("sys").modules if n.split(".")[0] == "checkers")`;

async function makeSnapshot(dir, lock, site, wheel) {
  const { pyodide, messages } = await loadRuntime(dir, { lockFileContents: lock, _makeSnapshot: true });
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel", { extractDir: site });
  pyodide.runPython(SNAPSHOT_PY);
  if (messages.length) throw new Error(`the runtime printed while the snapshot was made: ${messages.join(" | ")}`);
  const modules = pyJSON(pyodide, CHECKERS_MODULES);
  return { bytes: Buffer.from(pyodide.makeMemorySnapshot()), modules };
}

// Restore the snapshot as the browser does (no wheel, no import), then run the corpus: the results
// must be those of the original runtime, every checkers module must already be loaded, and the
// restored interpreter must start with the environment of a fresh one.
async function verifySnapshot(dir, lock, snapshot, scenarios, expected) {
  const problems = [];
  const { pyodide, messages } = await loadRuntime(dir, { lockFileContents: lock, _loadSnapshot: new Uint8Array(snapshot.bytes) });
  if (pyJSON(pyodide, `"CHECKERS_DATE" in __import__("os").environ`)) problems.push("CHECKERS_DATE is set in the restored interpreter");
  const modules = pyJSON(pyodide, CHECKERS_MODULES);
  if (JSON.stringify(modules) !== JSON.stringify(snapshot.modules) || !modules.includes("checkers.api")) {
    problems.push(`checkers modules restored: ${modules.join(", ")}; made with: ${snapshot.modules.join(", ")}`);
  }
  pyodide.FS.mkdirTree("/tmp/build");
  pyodide.FS.writeFile("/tmp/build/scenarios.json", JSON.stringify(scenarios));
  pyodide.runPython(CORPUS_PY);
  const results = pyJSON(pyodide, `run_corpus(json.load(open("/tmp/build/scenarios.json")))`);
  if (JSON.stringify(results) !== JSON.stringify(expected)) {
    const first = results.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(expected[i]));
    problems.push(
      `results differ from the original runtime (${results.length} vs ${expected.length}); first at #${first}:\n` +
        `  original: ${JSON.stringify(expected[first]).slice(0, 600)}\n` +
        `  restored: ${JSON.stringify(results[first]).slice(0, 600)}`,
    );
  }
  if (messages.length) problems.push(`the restored runtime printed: ${messages.join(" | ")}`);
  return problems;
}

function readPrevious(out) {
  try {
    const runtime = JSON.parse(fs.readFileSync(path.join(out, "runtime.json"), "utf8"));
    return runtime.files.map((f) => f.name);
  } catch {
    return [];
  }
}

function writeIfChanged(file, data) {
  if (fs.existsSync(file) && fs.readFileSync(file).equals(data)) return;
  fs.writeFileSync(file, data);
}

main().catch((error) => {
  console.error(`error: ${error.stack || error}`);
  process.exit(1);
});
