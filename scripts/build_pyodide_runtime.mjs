#!/usr/bin/env node
// Build the self-hosted Pyodide runtime for the site: the pinned Pyodide from node_modules, with a
// precompiled and trimmed standard library and the checkers wheel (its modules precompiled too).
//
//   node scripts/build_pyodide_runtime.mjs --wheel build/wheel/<wheel> [--out build/pyodide]
//
// Everything runs offline. The zip work is done inside the pinned Pyodide itself with Python's
// zipfile, so the .pyc files carry that interpreter's magic number. Everything that runs inside
// Python is the package scripts/runtime_build/ (tested under CPython by tests/test_runtime_build.py):
// this script only loads Pyodide, copies that package into its file system, calls it, and writes
// what it returns. Steps:
//   1. load node_modules/pyodide, record the stdlib modules imported at start, while the checkers
//      run every command over a generated corpus plus tests/scenarios, and by a safety margin
//      (runtime_build.corpus, runtime_build.discover);
//   2. compile every stdlib .py to a sourceless .pyc (foo.py -> foo.pyc at the same place in the
//      zip: zipimport's search order is foo/__init__.pyc, foo/__init__.py, foo.pyc, foo.py); write
//      the compiled-but-untrimmed zip to <out>-build/ (for the benchmark) and the trimmed one to <out>;
//   3. add checked-hash .pyc files to the wheel (checkers/__pycache__/*.cpython-314.pyc, RECORD
//      updated; same file name, so unpackArchive(..., "wheel") works as before) (runtime_build.bytecode);
//   4. load the new runtime from <out> in a fresh Pyodide and run the same corpus: every result
//      must equal the original runtime's, or the build fails (runtime_build.verify);
//   5. make a memory snapshot of the new runtime with the checkers imported and warmed up
//      (interpreter-snapshot.bin: its non-zero pages, as docs/assets/javascripts/snapshot-file.mjs
//      lays them out, gzip-compressed; runtime_build/snapshot.py says what it holds),
//      restore it in a fresh Pyodide and run the same corpus again: every result must equal the
//      original runtime's, or the build fails. The site's worker restores it on later visits
//      instead of starting Python and importing the checkers;
//   6. write stdlib-modules.txt (runtime_build.listing) and runtime.json (names, sizes, sha256 of
//      everything in <out>).
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

import { pack as packSnapshot, unpack as unpackSnapshot } from "../docs/assets/javascripts/snapshot-file.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_PACKAGE = path.join(ROOT, "scripts", "runtime_build"); // the Python this script runs
const BUILD_PACKAGE_PARENT = "/tmp/runtime-build"; // where it goes in Pyodide's file system
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

// Copy scripts/runtime_build/ into the interpreter's file system and put it on sys.path (last, so
// that it shadows nothing). Importing a module of it imports only what that module says it does.
function installBuildPackage(pyodide) {
  const target = `${BUILD_PACKAGE_PARENT}/runtime_build`;
  pyodide.FS.mkdirTree(target);
  for (const file of fs.readdirSync(BUILD_PACKAGE).filter((name) => name.endsWith(".py")).sort()) {
    pyodide.FS.writeFile(`${target}/${file}`, fs.readFileSync(path.join(BUILD_PACKAGE, file)));
  }
  pyodide.runPython(`import sys; sys.path.append(${JSON.stringify(BUILD_PACKAGE_PARENT)})`);
}

// runtime_build.<module>.<name>(...args), the arguments and the result passed as JSON.
function call(pyodide, module, name, ...args) {
  pyodide.globals.set("_build_args", JSON.stringify(args));
  return JSON.parse(pyodide.runPython(
    `import json as _j\nfrom runtime_build.${module} import ${name} as _f\n_j.dumps(_f(*_j.loads(_build_args)), ensure_ascii=False)`,
  ));
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
  installBuildPackage(original);
  original.runPython("import runtime_build.discover"); // its imports count as unpacking's, as they always have
  const unpackNames = original.runPython("import sys; list(sys.modules)").toJs();
  const discovery = call(original, "discover", "discover", startupNames, unpackNames, scenarios);
  // the other archive formats unpackArchive knows, and an error raised to JavaScript
  call(original, "discover", "write_margin_archives", "/tmp/build");
  original.unpackArchive(original.FS.readFile("/tmp/build/margin.tar.gz"), "gztar", { extractDir: "/tmp/build/x" });
  original.unpackArchive(original.FS.readFile("/tmp/build/margin.zip"), "zip", { extractDir: "/tmp/build/y" });
  try {
    original.runPython("1 / 0");
  } catch (error) {
    if (!String(error.message).includes("ZeroDivisionError")) throw new Error(`unexpected error text: ${error.message}`);
  }
  const steps = { startup: discovery.startup, unpack: discovery.unpack, checkers: discovery.checkers, margin: discovery.margin };
  const { keep, late_margin: lateMargin } = call(original, "discover", "kept_files", steps);
  discovery.margin.push(...lateMargin);
  const notFromWheel = call(original, "discover", "not_from_wheel", discovery.wheel_files, site);
  if (notFromWheel.length) {
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
  original.FS.mkdirTree("/tmp/build/out");
  const stdlibReport = call(original, "bytecode", "compile_stdlib", keep,
    "/tmp/build/out/full.zip", "/tmp/build/out/trimmed.zip", "/tmp/build/out/trimmed-source.zip");
  if (stdlibReport.missing.length) throw new Error(`modules not in the zip: ${stdlibReport.missing.join(", ")}`);
  for (const line of stdlibReport.failed) console.log(`  kept as source (did not compile): ${line}`);
  const wheelReport = call(original, "bytecode", "compile_wheel", "/tmp/build/in.whl", "/tmp/build/out/wheel.whl");
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
  const modulesText = call(original, "listing", "modules_listing", steps);
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
  installBuildPackage(built);
  const again = call(built, "corpus", "run_corpus", scenarios);
  const problems = call(built, "verify", "check_runtime");
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
  // Shipped as its non-zero pages (docs/assets/javascripts/snapshot-file.mjs), gzip-compressed; the
  // file is unpacked as the browser unpacks it and must give back the verified snapshot exactly.
  const layout = packSnapshot(snapshot.bytes);
  const packed = zlib.gzipSync(layout, { level: 9 });
  const unpacked = unpackSnapshot(new Uint8Array(zlib.gunzipSync(packed)));
  if (Buffer.compare(Buffer.from(unpacked.buffer, unpacked.byteOffset, unpacked.byteLength), snapshot.bytes) !== 0) {
    console.error("error: the packed snapshot does not unpack to the snapshot that was verified");
    process.exit(1);
  }
  writeIfChanged(path.join(out, SNAPSHOT), packed);
  console.log(
    `snapshot: ${kB(snapshot.bytes.length)} (${kB(layout.length)} in its non-zero pages, ${kB(packed.length)} compressed), restored and verified on ` +
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

// What the snapshot holds is said, and done, by scripts/runtime_build/snapshot.py: run as a script in
// the interpreter to be snapshotted, so that no module of the build package is in the snapshot.
const SNAPSHOT_SCRIPT = path.join(BUILD_PACKAGE, "snapshot.py");

async function makeSnapshot(dir, lock, site, wheel) {
  const { pyodide, messages } = await loadRuntime(dir, { lockFileContents: lock, _makeSnapshot: true });
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel", { extractDir: site });
  pyodide.runPython(fs.readFileSync(SNAPSHOT_SCRIPT, "utf8"));
  if (messages.length) throw new Error(`the runtime printed while the snapshot was made: ${messages.join(" | ")}`);
  const modules = pyJSON(pyodide, "checkers_modules()");
  return { bytes: Buffer.from(pyodide.makeMemorySnapshot()), modules };
}

// Restore the snapshot as the browser does (no wheel, no import), then run the corpus: the results
// must be those of the original runtime, every checkers module must already be loaded, and the
// restored interpreter must start with the environment of a fresh one.
async function verifySnapshot(dir, lock, snapshot, scenarios, expected) {
  const problems = [];
  const { pyodide, messages } = await loadRuntime(dir, { lockFileContents: lock, _loadSnapshot: new Uint8Array(snapshot.bytes) });
  if (pyJSON(pyodide, `"CHECKERS_DATE" in __import__("os").environ`)) problems.push("CHECKERS_DATE is set in the restored interpreter");
  installBuildPackage(pyodide);
  const modules = call(pyodide, "snapshot", "checkers_modules");
  if (JSON.stringify(modules) !== JSON.stringify(snapshot.modules) || !modules.includes("checkers.api")) {
    problems.push(`checkers modules restored: ${modules.join(", ")}; made with: ${snapshot.modules.join(", ")}`);
  }
  const results = call(pyodide, "corpus", "run_corpus", scenarios);
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
