#!/usr/bin/env node
// Pyodide start-up under Node, for the three runtimes: the original node_modules/pyodide, the same
// with the compiled-but-untrimmed standard library, and the compiled and trimmed build/pyodide.
// Prints figures; asserts nothing.
//
//   node scripts/bench_pyodide_node.mjs [--runs 5] [--runtime build/pyodide]
//
// Each measurement is a fresh Node process (so nothing is cached in memory between loads); the
// variants take turns, and the median of the runs is shown (min-max after it). Columns:
//   load   loadPyodide() until it resolves (the wasm instantiation, the stdlib zip, Python start)
//   first  unpackArchive(wheel) + import checkers.api + the first api.handle() evaluation (from the
//          memory snapshot: no wheel, and the import is already done)
//   then   a second api.handle() (warm: what every later evaluation costs)
// Needs `make runtime` first (build/pyodide and build/pyodide-build/python_stdlib.compiled-full.zip).

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import { unpack as unpackSnapshot } from "../docs/assets/javascripts/snapshot-file.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ORIGINAL = path.join(ROOT, "node_modules", "pyodide");
const CHILD_TIMEOUT_MS = 90_000;

const REQUEST = JSON.stringify({
  checker: "lawful-basis",
  input: {
    organisation: "voluntary",
    purpose: "safeguarding",
    protecting: "child",
    concern: "significant_harm",
    data: ["personal", "special_category"],
    consent: "would_prejudice",
    confidential: true,
  },
});

async function child(config) {
  const ms = () => performance.now();
  let t = ms();
  const { loadPyodide } = await import(pathToFileURL(path.join(config.indexURL, "pyodide.mjs")).href);
  const importMs = ms() - t;
  const options = { indexURL: config.indexURL + path.sep, stdout: () => {}, stderr: () => {} };
  if (config.stdLibURL) options.stdLibURL = config.stdLibURL;
  if (config.lockFileContents) options.lockFileContents = config.lockFileContents;
  if (config.lockFileURL) options.lockFileURL = config.lockFileURL;
  t = ms();
  // The snapshot is read, decompressed and unpacked inside the load time, as the browser worker does.
  if (config.snapshot) options._loadSnapshot = unpackSnapshot(zlib.gunzipSync(fs.readFileSync(config.snapshot)));
  const pyodide = await loadPyodide(options);
  const loadMs = ms() - t;
  t = ms();
  if (!config.snapshot) {
    const site = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('/site-packages'))");
    pyodide.unpackArchive(new Uint8Array(fs.readFileSync(config.wheel)), "wheel", { extractDir: site });
  }
  const unpackMs = ms() - t;
  t = ms();
  pyodide.runPython("import checkers.api");
  const importCheckersMs = ms() - t;
  const handle = pyodide.globals.get("__import__")("checkers.api").api.handle;
  t = ms();
  const response = handle(REQUEST);
  const evalMs = ms() - t;
  t = ms();
  handle(REQUEST);
  const againMs = ms() - t;
  if (!JSON.parse(response).ok) throw new Error(`evaluation failed: ${response}`);
  const modules = pyodide.runPython("import sys; len(sys.modules)");
  process.stdout.write(
    JSON.stringify({ importMs, loadMs, firstMs: unpackMs + importCheckersMs + evalMs, unpackMs, importCheckersMs, evalMs, againMs, modules }) + "\n",
  );
  process.exit(0);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function parseArgs(argv) {
  const options = { runs: 5, runtime: path.join(ROOT, "build", "pyodide") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") options.runs = Number(argv[++i]);
    else if (argv[i] === "--runtime") options.runtime = path.resolve(argv[++i]);
    else if (argv[i] === "--child") options.child = JSON.parse(argv[++i]);
    else {
      console.error(`unknown argument ${argv[i]}\nusage: node scripts/bench_pyodide_node.mjs [--runs 5] [--runtime build/pyodide]`);
      process.exit(2);
    }
  }
  if (!(options.runs >= 1)) {
    console.error("--runs must be a positive number");
    process.exit(2);
  }
  return options;
}

function size(file) {
  return `${(fs.statSync(file).size / 1024).toFixed(0)} kB`;
}

function parent(options) {
  const runtimeDir = options.runtime;
  const manifestPath = path.join(runtimeDir, "runtime.json");
  const fullZip = path.join(`${runtimeDir}-build`, "python_stdlib.compiled-full.zip");
  for (const file of [manifestPath, fullZip]) {
    if (!fs.existsSync(file)) {
      console.error(`${path.relative(ROOT, file)} not found: build the runtime with \`make runtime\``);
      process.exit(1);
    }
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  const shippedWheel = path.join(runtimeDir, manifest.wheel);
  const plainWheel = path.join(ROOT, "build", "wheel", manifest.wheel);
  const hasPlain = fs.existsSync(plainWheel);
  const wheelForOriginal = hasPlain ? plainWheel : shippedWheel;
  const variants = [
    {
      label: "original node_modules/pyodide",
      detail: `stdlib ${size(path.join(ORIGINAL, "python_stdlib.zip"))} of .py; full lock file; ${hasPlain ? "plain" : "precompiled"} wheel`,
      config: { indexURL: ORIGINAL, wheel: wheelForOriginal },
    },
    {
      label: "compiled, untrimmed stdlib",
      detail: `stdlib ${size(fullZip)} of .pyc; full lock file; precompiled wheel`,
      config: { indexURL: ORIGINAL, stdLibURL: fullZip, wheel: shippedWheel },
    },
    {
      label: "compiled + trimmed build/pyodide",
      detail: `stdlib ${size(path.join(runtimeDir, "python_stdlib.zip"))}; lockFileContents inline; precompiled wheel`,
      config: { indexURL: runtimeDir, lockFileContents: manifest.lock_file_contents, wheel: shippedWheel },
    },
    {
      label: "  same, minimal pyodide-lock.json file",
      detail: "lock read from build/pyodide/pyodide-lock.json (info only)",
      config: { indexURL: runtimeDir, wheel: shippedWheel },
    },
    {
      label: "  same, original 116 kB lock file",
      detail: "lockFileURL node_modules/pyodide/pyodide-lock.json",
      config: { indexURL: runtimeDir, lockFileURL: path.join(ORIGINAL, "pyodide-lock.json"), wheel: shippedWheel },
    },
  ];
  const trimmedSource = path.join(`${runtimeDir}-build`, "python_stdlib.trimmed-source.zip");
  if (fs.existsSync(trimmedSource)) {
    variants.push({
      label: "  same, trimmed but not compiled",
      detail: `stdlib ${size(trimmedSource)} of .py (the same modules as sources)`,
      config: { indexURL: runtimeDir, stdLibURL: trimmedSource, lockFileContents: manifest.lock_file_contents, wheel: shippedWheel },
    });
  }
  if (manifest.snapshot && fs.existsSync(path.join(runtimeDir, manifest.snapshot))) {
    variants.push({
      label: "  same, restored from the snapshot",
      detail: `${manifest.snapshot} ${size(path.join(runtimeDir, manifest.snapshot))} gzip: checkers imported and warmed up; no wheel`,
      config: { indexURL: runtimeDir, lockFileContents: manifest.lock_file_contents, snapshot: path.join(runtimeDir, manifest.snapshot) },
    });
  }
  if (hasPlain) {
    variants.push({
      label: "  same, plain wheel (no .pyc)",
      detail: `build/wheel/${manifest.wheel}`,
      config: { indexURL: runtimeDir, lockFileContents: manifest.lock_file_contents, wheel: plainWheel },
    });
  }
  const results = variants.map(() => []);
  const script = fileURLToPath(import.meta.url);
  for (let run = 0; run < options.runs; run++) {
    variants.forEach((variant, i) => {
      const child = spawnSync(process.execPath, [script, "--child", JSON.stringify(variant.config)], {
        encoding: "utf8",
        timeout: CHILD_TIMEOUT_MS,
      });
      if (child.status !== 0) {
        console.error(`${variant.label}: run ${run + 1} failed (${child.signal || child.status})\n${child.stderr}`);
        process.exit(1);
      }
      const line = child.stdout.trim().split("\n").pop();
      if (!line) {
        console.error(`${variant.label}: run ${run + 1} printed nothing\n${child.stderr}`);
        process.exit(1);
      }
      results[i].push(JSON.parse(line));
    });
  }
  const fmt = (values) => {
    const m = median(values);
    return `${m.toFixed(0).padStart(5)} ms (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})`;
  };
  console.log(`Pyodide ${manifest.pyodide_version} under Node ${process.version}: median of ${options.runs} fresh processes each (min-max)`);
  console.log(`${"variant".padEnd(40)} ${"load".padEnd(20)} ${"first".padEnd(20)} ${"then".padEnd(12)} modules`);
  variants.forEach((variant, i) => {
    const r = results[i];
    console.log(
      `${variant.label.padEnd(40)} ${fmt(r.map((x) => x.loadMs)).padEnd(20)} ${fmt(r.map((x) => x.firstMs)).padEnd(20)} ` +
        `${median(r.map((x) => x.againMs)).toFixed(1).padStart(6)} ms   ${r[0].modules}`,
    );
    console.log(`${"".padEnd(42)}${variant.detail}`);
  });
  console.log("first = unpack wheel + import checkers.api + first evaluation; medians of the parts:");
  variants.forEach((variant, i) => {
    const r = results[i];
    console.log(
      `  ${variant.label.trim().padEnd(40)} unpack ${median(r.map((x) => x.unpackMs)).toFixed(0)} ms, ` +
        `import ${median(r.map((x) => x.importCheckersMs)).toFixed(0)} ms, evaluate ${median(r.map((x) => x.evalMs)).toFixed(0)} ms`,
    );
  });
}

const options = parseArgs(process.argv.slice(2));
if (options.child) {
  // a ref'd timer: if loadPyodide hangs with nothing else pending, this still ends the process
  setTimeout(() => {
    console.error("timed out");
    process.exit(1);
  }, CHILD_TIMEOUT_MS);
  child(options.child).catch((error) => {
    console.error(error.stack || String(error));
    process.exit(1);
  });
} else {
  parent(options);
}
