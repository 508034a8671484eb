// The checkers' Web Worker: loads the self-hosted Pyodide runtime and the checkers wheel, then
// evaluates requests with checkers.api.handle, the same code the command line runs. Nothing leaves
// the browser: the only requests are for the runtime files, from this site.
//
// Messages in:  {type: "init", runtime: URL of the runtime folder, wheel: file name}
//               {type: "evaluate", id, request: JSON text}
// Messages out: {type: "progress", stage}, {type: "ready", ms}, {type: "failed", reason},
//               {type: "result", id, response: JSON text}

let api = null;
const queue = [];

function post(message) {
  self.postMessage(message);
}

async function start({ runtime, wheel }) {
  const started = performance.now();
  if (typeof WebAssembly !== "object") {
    post({ type: "failed", reason: "webassembly" });
    return;
  }
  // Fetch the wheel while the interpreter loads.
  const wheelBytes = fetch(new URL(wheel, runtime)).then((response) => {
    if (!response.ok) throw new Error(`wheel: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  post({ type: "progress", stage: "runtime" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  const pyodide = await loadPyodide({
    indexURL: runtime,
    packages: [],
    stdout: () => {},
    stderr: () => {},
  });
  post({ type: "progress", stage: "checkers" });
  pyodide.unpackArchive(new Uint8Array(await wheelBytes), "wheel");
  api = pyodide.pyimport("checkers.api");
  // Ready means ready: import and exercise every checker now, so the first real answer is fast.
  api.warm_up();
  post({ type: "ready", ms: Math.round(performance.now() - started) });
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
    start(message).catch((error) => post({ type: "failed", reason: String(error && error.message || error) }));
  } else if (message.type === "evaluate") {
    evaluate(message);
  }
});
