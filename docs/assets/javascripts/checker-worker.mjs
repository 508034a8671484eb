// The checkers' Web Worker: loads the self-hosted Pyodide runtime and the checkers wheel, then
// evaluates requests with checkers.api.handle, the same code the command line runs. Nothing leaves
// the browser: the only requests are for the runtime files, from this site.
//
// Messages in:  {type: "init", runtime: URL of the runtime folder, wheel: file name, attempt: 1 or 2,
//                offlineCopy: false if no service worker serves the page (then nothing comes from its cache),
//                saveData: true if the reader asked to save data (then a first visit never fetches the snapshot)}
//               {type: "evaluate", id, request: JSON text}
// Messages out: {type: "progress", stage}, {type: "ready", ms, from: "snapshot" | "start-up"},
//               {type: "failed", reason, detail}, {type: "result", id, response: JSON text},
//               {type: "repair"} (the cached snapshot failed: have the offline copy checked)
//
// Two ways to ready:
//   snapshot   the interpreter's memory snapshot (made and proved at build time, with the checkers
//              imported and warmed up) is restored instead of starting Python and importing the
//              checkers: on a later visit, when it is already in this browser's cache; on a first
//              visit, only when the connection has shown itself fast enough that fetching it (about
//              5 MB) takes less time than starting Python would (snapshotIfTheLinkIsFast).
//   start-up   otherwise, or if the snapshot fails in any way: start Python, unpack the wheel,
//              import and warm up the checkers. A first visit on a slower connection never waits for
//              the snapshot and never fetches it; the service worker fetches it for next time.

// Written at build time by safeguarding_guidance/pyodide_runtime.py: {lockFileContents, snapshot,
// integrity}. `integrity` holds the hash of each large runtime file the worker checks itself.
const BUILD = {};

let api = null;
const queue = [];

function post(message) {
  self.postMessage(message);
}

// A hard failure must be reported at once. Pyodide catches a failed WebAssembly instantiation (a
// 404, a damaged .wasm, the wrong MIME type), only logs it, and then waits for ever: so the worker
// watches WebAssembly itself, and a load races against this promise.
let reportWasmFailure = () => {};
const wasmFailure = new Promise((_, reject) => {
  reportWasmFailure = reject;
});
wasmFailure.catch(() => {}); // observed by the race below; never an unhandled rejection
if (typeof WebAssembly === "object") {
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function watched(...args) {
      return original.apply(this, args).catch((error) => {
        reportWasmFailure(error);
        throw error;
      });
    };
  }
}

function loaded(promise) {
  return Promise.race([promise, wasmFailure]);
}

// The large runtime files (the .wasm, the standard library, the snapshot) are checked here against the
// build's hash, not by the service worker before it serves them: so their bytes are read once, not
// twice, on a later visit, and the .wasm still compiles as it arrives. The check ends the file: its
// reader gets the last bytes only once the whole file has matched, and an error instead if it has
// not, so a damaged copy is never used (a module is compiled, never instantiated; a snapshot never
// restored). The load then fails, and the page has the offline copy repaired and tries again
// (checkers.mjs), or the worker starts Python without the snapshot.
class DamagedFile extends Error {}

function base64(bytes) {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

// The service worker's cache is where the runtime comes from on this visit (the page says so): the
// files it serves unread are checked here. Without it they come from the network or the browser's
// HTTP cache, as every other file of the page does.
let fromOfflineCopy = true;

function checked(response, name) {
  return checkedAgainst(response, name, fromOfflineCopy && BUILD.integrity && BUILD.integrity[name]);
}

// The response, passed on only if its whole body has the hash `expected` (unchanged if none is given).
function checkedAgainst(response, name, expected) {
  if (!expected || !response.ok || !response.body || !(self.crypto && crypto.subtle)) return response;
  const chunks = [];
  let held = null; // the last chunk, passed on once the whole file has matched
  const check = new TransformStream({
    transform(chunk, controller) {
      chunks.push(chunk.slice());
      if (held) controller.enqueue(held);
      held = chunk;
    },
    async flush(controller) {
      const whole = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        whole.set(chunk, at);
        at += chunk.length;
      }
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", whole));
      if (`sha256-${base64(digest)}` !== expected) {
        controller.error(new DamagedFile(`${name} does not match the build`));
        return;
      }
      if (held) controller.enqueue(held);
    },
  });
  return new Response(response.body.pipeThrough(check), { status: response.status, statusText: response.statusText, headers: response.headers });
}

// The snapshot, only if this browser already holds it (the HTTP cache or the service worker's copy):
// the interpreter's memory, or null if it is not cached; rejects if the cached copy is damaged.
async function cachedSnapshot(runtime) {
  if (!BUILD.snapshot || typeof DecompressionStream !== "function") return null;
  let response;
  try {
    response = await fetch(new URL(BUILD.snapshot, runtime), { cache: "only-if-cached", mode: "same-origin" });
  } catch {
    return null;
  }
  if (!response.ok || !response.body) return null;
  return unpackedSnapshot(checked(response, BUILD.snapshot));
}

// The interpreter's memory from the snapshot file's response (checked, if it is to be, by the caller).
async function unpackedSnapshot(response) {
  // The snapshot file holds only the pages of memory that are not all zeros (snapshot-file.mjs).
  const [{ unpack }, packed] = await Promise.all([
    import("./snapshot-file.mjs"),
    new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer(),
  ]);
  return unpack(new Uint8Array(packed));
}

// A first visit: is this connection fast enough that the snapshot, fetched now, beats starting Python?
// The standard library (about 1.8 MB, already compressed, so sent as it is) is downloaded alongside
// the .wasm from the moment the worker starts. If it has all arrived within FAST_LINK_MS, the two
// together came at about 115 Mbit/s or more, and the snapshot (about 5 MB) follows in about a third
// of a second, less than starting Python and the checkers takes on the two-core computer we test on
// (about 0.7 s; more on a phone). Otherwise the snapshot is not fetched at all: on a
// slower connection its download would cost more than it saves, and the .wasm needs the bandwidth.
// Measured, not guessed: a browser's own estimate of the connection (navigator.connection.downlink)
// stops at 10 Mbit/s. While it waits, the .wasm keeps downloading (keepWasmFlowing), so the wait
// costs a slower connection nothing: its .wasm is still arriving when the wait ends.
// The bytes are not extra: on a first visit the service worker caches the snapshot anyway, and takes
// this download from the browser's HTTP cache. A reader who asked to save data never gets it early.
const FAST_LINK_MS = 250;

async function snapshotIfTheLinkIsFast(runtime, downloads, saveData) {
  if (saveData || !BUILD.snapshot || typeof DecompressionStream !== "function") return null; // saveData: the page's word
  downloads.keepWasmFlowing();
  const waited = performance.now() - downloads.began;
  const timeUp = new Promise((resolve) => setTimeout(() => resolve(null), Math.max(0, FAST_LINK_MS - waited)));
  const arrivedIn = await Promise.race([downloads.stdlibArrivedIn, timeUp]);
  if (arrivedIn === null || arrivedIn > FAST_LINK_MS) return null;
  const response = await fetch(new URL(BUILD.snapshot, runtime), { credentials: "same-origin" });
  if (!response.ok || !response.body) throw new Error(`snapshot: HTTP ${response.status}`);
  // Checked against the build's hash as it streams, wherever it came from.
  return unpackedSnapshot(checkedAgainst(response, BUILD.snapshot, BUILD.integrity && BUILD.integrity[BUILD.snapshot]));
}

async function restoreSnapshot(loadPyodide, options, bytes) {
  const pyodide = await loaded(loadPyodide({ ...options, _loadSnapshot: bytes }));
  post({ type: "progress", stage: "checkers" });
  const restored = pyodide.pyimport("checkers.api");
  // The build proved the snapshot on every scenario; here, prove this restore before saying ready.
  const answer = JSON.parse(restored.handle(JSON.stringify({ checker: "key-questions", input: { purpose: "no" } })));
  if (!answer.ok || answer.result.outcome !== "do_not_share") throw new Error("the restored checkers answered wrongly");
  // No warm-up here: the snapshot was taken after every checker had run once, and a first answer from
  // the restored checkers is fast without it (scripts/bench_site.py measures it: "submit at ready").
  return restored;
}

async function startUp(loadPyodide, options, runtime, wheel) {
  const wheelBytes = fetch(new URL(wheel, runtime)).then((response) => {
    if (!response.ok) throw new Error(`wheel: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  const pyodide = await loaded(loadPyodide(options));
  post({ type: "progress", stage: "checkers" });
  pyodide.unpackArchive(new Uint8Array(await wheelBytes), "wheel");
  const started = pyodide.pyimport("checkers.api");
  // Ready means ready: import and exercise every checker now, so the first real answer is fast.
  started.warm_up();
  return started;
}

// Every download the runtime needs, begun at once rather than one after another: Pyodide would fetch
// pyodide.mjs, then pyodide.asm.mjs, the .wasm and the standard library only once pyodide.mjs has run.
// Its own fetch of the .wasm and the standard library is answered with the download already under
// way (once each; every other fetch is left alone), and pyodide.asm.mjs, imported here alongside
// pyodide.mjs, is handed to it (createPyodideModule) instead of being imported after it.
// When the runtime does not come from the offline copy (a first visit), the standard library is read
// whole as it arrives (Pyodide reads it whole too): how long it took, from the moment the downloads
// began, is stdlibArrivedIn (null if it failed, or if it comes from the offline copy).
function beginDownloads(runtime) {
  const began = performance.now();
  const fetchOriginal = self.fetch;
  const wasmUrl = new URL("pyodide.asm.wasm", runtime).href;
  const stdlibUrl = new URL("python_stdlib.zip", runtime).href;
  const names = new Map([[wasmUrl, "pyodide.asm.wasm"], [stdlibUrl, "python_stdlib.zip"]]);
  const early = new Map();
  for (const [url, name] of names) {
    const response = fetchOriginal(url, { credentials: "same-origin" }).then((fetched) => checked(fetched, name));
    response.catch(() => {}); // a failure is reported when Pyodide asks for it
    early.set(url, response);
  }
  let stdlibArrivedIn = Promise.resolve(null);
  if (!fromOfflineCopy) {
    let arrived = null;
    const stdlib = early.get(stdlibUrl).then(async (response) => {
      if (!response.ok) return response;
      const body = await response.arrayBuffer();
      arrived = performance.now() - began;
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    });
    stdlib.catch(() => {});
    early.set(stdlibUrl, stdlib);
    stdlibArrivedIn = stdlib.then(() => arrived, () => null);
  }
  // While nothing reads the .wasm, the browser would stop downloading it once its buffer is full: one
  // branch of it is read as it arrives, so that it keeps coming; Pyodide gets the other, whole.
  function keepWasmFlowing() {
    const response = early.get(wasmUrl);
    if (!response) return;
    const flowing = response.then((fetched) => {
      if (!fetched.body) return fetched;
      const [drained, kept] = fetched.body.tee();
      drained.pipeTo(new WritableStream()).catch(() => {}); // an error reaches the kept branch too
      return new Response(kept, { status: fetched.status, statusText: fetched.statusText, headers: fetched.headers });
    });
    flowing.catch(() => {});
    early.set(wasmUrl, flowing);
  }
  // Pyodide's own fetch of these two files: the download under way (once), or a new one, checked.
  self.fetch = function fetchEarly(input, init) {
    const url = String(input instanceof Request ? input.url : input);
    const response = early.get(url);
    if (response && (!init || !init.integrity)) {
      early.delete(url);
      return response;
    }
    const fetched = fetchOriginal.call(this, input, init);
    return names.has(url) ? fetched.then((answer) => checked(answer, names.get(url))) : fetched;
  };
  const asm = import(new URL("pyodide.asm.mjs", runtime).href);
  asm.catch(() => {}); // reported when Pyodide asks for it
  return {
    began,
    stdlibArrivedIn,
    keepWasmFlowing,
    createPyodideModule: async (settings) => (await asm).default(settings),
  };
}

async function start({ runtime, wheel, attempt = 1, offlineCopy = true, saveData = false }) {
  fromOfflineCopy = offlineCopy !== false;
  const began = performance.now();
  if (typeof WebAssembly !== "object") {
    post({ type: "failed", reason: "webassembly" });
    return;
  }
  post({ type: "progress", stage: "runtime" });
  // A second attempt (after a failure) takes the plain way.
  const snapshot = attempt === 1 ? cachedSnapshot(runtime) : null;
  const downloads = beginDownloads(runtime);
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  post({ type: "progress", stage: "runtime" }); // Pyodide's script is here: it starts the interpreter
  const options = { indexURL: runtime, packages: [], stdout: () => {}, stderr: () => {}, createPyodideModule: downloads.createPyodideModule };
  if (BUILD.lockFileContents) options.lockFileContents = BUILD.lockFileContents;
  let from = "start-up";
  let firstVisit = false; // no snapshot in the cache, nor an offline copy of the runtime
  try {
    let bytes = await snapshot;
    // Not cached, and the runtime is not coming from the offline copy: a first visit.
    if (!bytes && attempt === 1 && !fromOfflineCopy) {
      firstVisit = true;
      bytes = await snapshotIfTheLinkIsFast(runtime, downloads, saveData);
    }
    if (bytes) {
      post({ type: "progress", stage: "runtime" }); // the snapshot is read: the interpreter is restored from it
      api = await restoreSnapshot(loadPyodide, options, bytes);
      from = "snapshot";
    }
  } catch {
    api = null; // fall back to starting Python in the usual way, and have a cached copy checked
    if (!firstVisit) post({ type: "repair" }); // a first visit has no cached copy to check
    post({ type: "progress", stage: "runtime" });
  }
  if (!api) api = await startUp(loadPyodide, options, runtime, wheel);
  post({ type: "ready", ms: Math.round(performance.now() - began), from });
  for (const message of queue.splice(0)) evaluate(message);
}

function evaluate({ id, request }) {
  if (!api) {
    queue.push({ id, request });
    return;
  }
  post({ type: "result", id, response: api.handle(request) });
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "init") {
    start(message).catch((error) => post({ type: "failed", reason: "failed", detail: String((error && error.message) || error) }));
  } else if (message.type === "evaluate") {
    evaluate(message);
  }
});
