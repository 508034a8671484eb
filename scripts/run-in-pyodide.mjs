#!/usr/bin/env node
// Run `python -m checkers ...` inside the self-hosted Pyodide runtime under Node, with the same
// standard output bytes, standard error and exit status as CPython.
//
//   node scripts/run-in-pyodide.mjs [--runtime DIR] lawful-basis|proportionality|key-questions|decision-record [FILE]
//   node scripts/run-in-pyodide.mjs [--runtime DIR] questions NAME
//   node scripts/run-in-pyodide.mjs [--runtime DIR] --batch
//
// Without FILE the input is read from standard input. --runtime defaults to build/pyodide (made by
// scripts/build_pyodide_runtime.mjs). CHECKERS_DATE is passed on to the checkers' os.environ.
//
// --batch loads Pyodide once, reads JSON lines {"args": [...], "stdin": "..."} from standard input
// and writes one JSON line {"exit": n, "stdout": "...", "stderr": "..."} per request, in order.
//
// FILE is read on the host. When it can be read, its bytes are copied into Pyodide's filesystem at
// the path given (relative paths below Pyodide's working directory), so the CLI opens and decodes
// it itself. When it cannot be read, the CLI's open() of that path raises the host's error, number
// and C library text, so the message is CPython's ("[Errno 2] No such file or directory: 'x'").

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LOAD_TIMEOUT_MS = 60_000;

// glibc's strerror() texts, which CPython on Linux shows; Pyodide's C library words a few differently.
const GLIBC_STRERROR = {
  EPERM: "Operation not permitted",
  ENOENT: "No such file or directory",
  EIO: "Input/output error",
  ENXIO: "No such device or address",
  EBADF: "Bad file descriptor",
  EAGAIN: "Resource temporarily unavailable",
  ENOMEM: "Cannot allocate memory",
  EACCES: "Permission denied",
  EBUSY: "Device or resource busy",
  ENODEV: "No such device",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EINVAL: "Invalid argument",
  ENFILE: "Too many open files in system",
  EMFILE: "Too many open files",
  ETXTBSY: "Text file busy",
  EFBIG: "File too large",
  ENOSPC: "No space left on device",
  ENAMETOOLONG: "File name too long",
  ELOOP: "Too many levels of symbolic links",
  EOVERFLOW: "Value too large for defined data type",
};

const RUNNER_PY = String.raw`
import builtins, io, json, os, traceback
from checkers import api, cli

def _crash_text():
    return traceback.format_exc()

def run(request_json, stdin_data, file_data):
    request = json.loads(request_json)
    args = request["args"]
    if request.get("date") is None:
        os.environ.pop("CHECKERS_DATE", None)
    else:
        os.environ["CHECKERS_DATE"] = request["date"]
    errors = request["errors"]
    out, err = io.StringIO(), io.StringIO()
    # CPython's sys.stdin on POSIX: UTF-8 here, no newline translation (newline="\n")
    stdin = io.TextIOWrapper(io.BytesIO(stdin_data.to_bytes() if stdin_data else b""), encoding="utf-8",
                             errors=errors, newline="\n")
    file = request.get("file")
    if file and file.get("mode") != "fs":
        data = file_data.to_bytes() if file_data else None
        def open_instead(name, mode="r", *args, **kwargs):
            if name != file["path"]:
                return builtins.open(name, mode, *args, **kwargs)
            if file.get("error"):
                raise OSError(file["error"]["errno"], file["error"]["strerror"], name)
            if "b" in mode:
                return io.BytesIO(data)
            # what open(name, encoding=...) returns: universal newlines, the given encoding
            return io.TextIOWrapper(io.BytesIO(data), encoding=kwargs.get("encoding"), errors=kwargs.get("errors"))
        cli.open = open_instead
    try:
        code = cli.main(list(args), stdin=stdin, stdout=out, stderr=err)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    except BaseException:
        err.write(_crash_text())  # CPython prints the traceback and exits with status 1
        code = 1
    finally:
        if file and file.get("mode") != "fs":
            del cli.open
    try:
        stdout_bytes = out.getvalue().encode("utf-8", errors)
    except UnicodeEncodeError:
        stdout_bytes, code = b"", 1
        err.write(_crash_text())
    return code, stdout_bytes, err.getvalue().encode("utf-8", "backslashreplace")

def names():
    return json.dumps(list(api.NAMES))
`;

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function fail(message, code = 1) {
  process.stderr.write(`run-in-pyodide: ${message}\n`);
  process.exit(code);
}

// CPython's stdin error handler: surrogateescape in the C/POSIX locale, its coercion targets and
// UTF-8 mode; strict otherwise. Both decode UTF-8 here.
function stdioErrors(env) {
  if (env.PYTHONUTF8 === "1") return "surrogateescape";
  if (env.PYTHONUTF8 === "0") return "strict";
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || "C";
  return ["C", "POSIX", "C.UTF-8", "C.utf8", "UTF-8"].includes(locale) ? "surrogateescape" : "strict";
}

export async function loadRuntime(runtimeDir) {
  const dir = path.resolve(runtimeDir);
  const manifestPath = path.join(dir, "runtime.json");
  if (!fs.existsSync(manifestPath)) {
    const shown = path.relative(process.cwd(), manifestPath);
    throw new Error(`${shown.startsWith("..") ? manifestPath : shown} not found: build the runtime with \`make runtime\``);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
  const messages = [];
  const load = (async () => {
    const pyodide = await loadPyodide({
      indexURL: dir + path.sep,
      lockFileContents: manifest.lock_file_contents,
      stdin: () => null,
      stdout: (line) => messages.push(line),
      stderr: (line) => messages.push(line),
    });
    const sitePackages = pyodide.runPython("import sys; next(p for p in sys.path if p.endswith('/site-packages'))");
    pyodide.unpackArchive(new Uint8Array(fs.readFileSync(path.join(dir, manifest.wheel))), "wheel", {
      extractDir: sitePackages,
    });
    pyodide.runPython(RUNNER_PY);
    return pyodide;
  })();
  let pyodide;
  try {
    pyodide = await withTimeout(load, LOAD_TIMEOUT_MS, `loading Pyodide from ${dir}`);
  } catch (error) {
    if (messages.length) error.message += `\n${messages.join("\n")}`;
    throw error;
  }
  const run = pyodide.globals.get("run");
  const names = JSON.parse(pyodide.runPython("names()"));
  const cwd = pyodide.runPython("import os; os.getcwd()");
  return { pyodide, run, names, cwd, manifest };
}

// The CLI reads at most this many bytes (checkers.api.MAX_INPUT_BYTES + 1), so an endless file such
// as /dev/zero is read no further here either.
const READ_LIMIT = 1_000_001;

function readHostFile(file) {
  let fd;
  try {
    fd = fs.openSync(file, "r");
    const buffer = Buffer.alloc(READ_LIMIT);
    let length = 0;
    for (let n; length < READ_LIMIT && (n = fs.readSync(fd, buffer, length, READ_LIMIT - length, null)) > 0;) length += n;
    return { data: buffer.subarray(0, length) };
  } catch (error) {
    const code = error.code || "EIO";
    const number = os.constants.errno[code] ?? 5;
    return { error: { code, errno: number, strerror: GLIBC_STRERROR[code] || error.message } };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

// FILE in `NAME [--on DATE] [FILE]` (the option may come before or after it; `--` ends options).
function fileArgument(args, names) {
  if (!names.includes(args[0])) return null;
  const positional = [];
  for (let i = 1; i < args.length; i++) {
    if (args[i] === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (args[i] === "--on") i++;
    else if (!args[i].startsWith("--on=")) positional.push(args[i]);
  }
  return positional.length === 1 ? positional[0] : null;
}

// One command: args as given to `python -m checkers`, stdin as bytes (or null).
export function runCommand(runtime, args, stdinBytes, env = process.env) {
  const { pyodide, run, names, cwd } = runtime;
  const request = { args, date: env.CHECKERS_DATE ?? null, errors: stdioErrors(env) };
  let fileData = null;
  let written = null;
  const name = fileArgument(args, names);
  if (name !== null) {
    const host = readHostFile(name);
    request.file = { path: name };
    if (host.error) {
      request.file.error = host.error;
    } else {
      const target = path.posix.resolve(cwd, name);
      // never over the runtime's own files or devices: there the CLI's open() gets the bytes instead
      const reserved = target === "/" || ["/lib", "/dev", "/proc", "/sys"].some((p) => target === p || target.startsWith(`${p}/`));
      let placed = false;
      if (!reserved && !name.includes("\0")) {
        try {
          pyodide.FS.mkdirTree(path.posix.dirname(target));
          pyodide.FS.writeFile(target, new Uint8Array(host.data));
          placed = true;
          written = target;
        } catch {
          placed = false;
        }
      }
      if (placed) {
        request.file.mode = "fs";
      } else {
        fileData = new Uint8Array(host.data); // the CLI's open() of that path returns these bytes
      }
    }
  }
  try {
    const result = run(JSON.stringify(request), stdinBytes ? new Uint8Array(stdinBytes) : null, fileData);
    const [exit, stdout, stderr] = result.toJs();
    result.destroy();
    return { exit, stdout: Buffer.from(stdout), stderr: Buffer.from(stderr) };
  } finally {
    if (written) {
      try {
        pyodide.FS.unlink(written);
      } catch {
        // already gone
      }
    }
  }
}

function parseArgs(argv) {
  let runtime = path.join(ROOT, "build", "pyodide");
  let batch = false;
  let i = 0;
  for (; i < argv.length; i++) {
    if (argv[i] === "--runtime") {
      if (i + 1 >= argv.length) fail("--runtime needs a directory", 2);
      runtime = argv[++i];
    } else if (argv[i].startsWith("--runtime=")) {
      runtime = argv[i].slice("--runtime=".length);
    } else if (argv[i] === "--batch") {
      batch = true;
    } else {
      break;
    }
  }
  const args = argv.slice(i);
  if (batch && args.length) fail("--batch takes its requests on standard input, not as arguments", 2);
  return { runtime, batch, args };
}

function writeAll(stream, data) {
  return new Promise((resolve, reject) => stream.write(data, (error) => (error ? reject(error) : resolve())));
}

async function batchMode(runtime) {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let response;
    try {
      const request = JSON.parse(line);
      if (!Array.isArray(request.args) || !request.args.every((a) => typeof a === "string")) {
        throw new Error('"args" must be a list of strings');
      }
      if (request.stdin != null && typeof request.stdin !== "string") throw new Error('"stdin" must be a string');
      const stdin = request.stdin == null ? null : Buffer.from(request.stdin, "utf8");
      const result = runCommand(runtime, request.args, stdin);
      response = { exit: result.exit, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
    } catch (error) {
      response = { exit: -1, stdout: "", stderr: "", error: `run-in-pyodide: ${error.message}` };
    }
    await writeAll(process.stdout, JSON.stringify(response) + "\n");
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  let runtime;
  try {
    runtime = await loadRuntime(options.runtime);
  } catch (error) {
    fail(error.message);
  }
  if (options.batch) {
    await batchMode(runtime);
    process.exit(0);
  }
  // standard input is read only when the CLI reads it: NAME without FILE
  const readsStdin = options.args.length === 1 && runtime.names.includes(options.args[0]);
  let stdin = null;
  if (readsStdin) {
    try {
      stdin = fs.readFileSync(0);
    } catch {
      stdin = Buffer.alloc(0); // no standard input at all
    }
  }
  const result = runCommand(runtime, options.args, stdin);
  await writeAll(process.stdout, result.stdout);
  await writeAll(process.stderr, result.stderr);
  process.exit(result.exit);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => fail(error.stack || String(error)));
}
