// Starts the checkers' Web Worker as early as the page allows. On a page with a checker, the page's
// head loads this module (overrides/main.html, as an async module script, before Material's bundle
// and the page's other scripts). When it runs, once the first checker's element is in the document
// (on a first visit, once the page has first been painted, so that the runtime's downloads, about
// 5 MB compressed, do not compete with what the reader sees first), the worker is created and told
// the runtime's address, and the runtime's downloads begin. checkers.mjs, which runs once the page is
// parsed, adopts that worker (takeStartedWorker) with every message it has sent so far, or starts it
// then if the page has not been painted yet.
// When an async module runs is the browser's choice: Chromium 156 runs this one once the page has been
// parsed, just before DOMContentLoaded, after Material's bundle (measured on 6 December 2026). Creating
// the worker about 115 ms sooner, from an inline script as the checker's element is parsed, made the
// checker ready later, not sooner, on a two-core machine: the page and the worker share the processors.
//
// It also watches for checkers.mjs itself failing to load (a network error, a damaged or blocked
// file): if the page has loaded and checkers.mjs has not said it runs (checkersRunning), each checker
// says that it could not load and that its questions work as a checklist. (With JavaScript off, the
// page's own text says that instead.)
//
// A reader who asked to save data (Save-Data) gets no early start, and nor does a case study's checker:
// the worker starts when the checker comes into view or is touched, as on any page without this module.

export const workerUrl = new URL("checker-worker.mjs", import.meta.url);

export const COULD_NOT_LOAD =
  "The checker could not load, so the automatic assessment is not available. The questions below still work as a " +
  "checklist: answer each one, follow the guidance links, and print the page to keep with your record.";

// Create a worker for the runtime and tell it to start. Every event it sends is kept in `events`
// until its owner takes it (takeStartedWorker) and stops the recording.
export function startWorker(runtime, wheel, attempt = 1) {
  const worker = new Worker(workerUrl, { type: "module" });
  const events = [];
  const record = (event) => {
    if (event.type === "error") event.preventDefault(); // reported by the owner, not the console
    events.push(event);
  };
  worker.addEventListener("message", record);
  worker.addEventListener("error", record);
  // offlineCopy: the service worker controls the page, so the runtime's large files come from its
  // cache, unread by it; the worker checks them itself (checker-worker.mjs, `checked`).
  const offlineCopy = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
  // saveData: the reader asked to save data, so a first visit does not fetch the snapshot early.
  worker.postMessage({ type: "init", runtime, wheel, attempt, offlineCopy, saveData: saveData() });
  const stopRecording = () => {
    worker.removeEventListener("message", record);
    worker.removeEventListener("error", record);
  };
  return { worker, events, runtime, wheel, stopRecording };
}

// The early start: the runtime it is for, and the worker once started ({worker, events, ...}).
let early = null;
let running = false;

// The worker started from the head for this runtime (started now if it was still waiting for the
// first paint), once; null if there is none.
export function takeStartedWorker(runtime, wheel) {
  if (!early || early.runtime !== runtime || early.wheel !== wheel) return null;
  const taken = early.started || startWorker(runtime, wheel);
  early = null;
  return taken;
}

export function startedEarly() {
  return early !== null;
}

// checkers.mjs calls this when it has set up every checker on the page.
export function checkersRunning() {
  running = true;
}

function saveData() {
  return Boolean(navigator.connection && navigator.connection.saveData);
}

// On a first visit, after the page's first paint: the runtime's downloads (about 5 MB compressed)
// must not compete with what the reader sees first. Once the service worker has the site (a later
// visit), the runtime comes from its cache, not the network: at once.
function whenDownloadsMayBegin(callback) {
  if (navigator.serviceWorker && navigator.serviceWorker.controller) callback();
  else requestAnimationFrame(() => setTimeout(callback, 0));
}

function startFor(element) {
  if (early || typeof Worker !== "function" || typeof WebAssembly !== "object" || saveData()) return;
  early = { runtime: new URL(element.dataset.runtime, window.location.href).href, wheel: element.dataset.wheel, started: null };
  whenDownloadsMayBegin(() => {
    if (early && !early.started) early.started = startWorker(early.runtime, early.wheel);
  });
}

// A checker the page is for: not a case study's, which stays closed until the reader tries the case
// (checkers.mjs starts that one when it comes into view or is touched).
const STARTS_EARLY = "[data-checker]:not([data-case-study])";

function whenFirstChecker(callback) {
  const found = document.querySelector(STARTS_EARLY);
  if (found || document.readyState !== "loading") {
    if (found) callback(found);
    return;
  }
  // Still parsing: the checker's element arrives with its attributes, before its contents.
  const observer = new MutationObserver(() => {
    const element = document.querySelector(STARTS_EARLY);
    if (element) {
      observer.disconnect();
      callback(element);
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => observer.disconnect(), { once: true });
}

function whenLoaded(callback) {
  if (document.readyState === "complete") callback();
  else window.addEventListener("load", callback, { once: true });
}

// By the time the page has loaded, checkers.mjs (a module script, so run before DOMContentLoaded)
// has run, or failed.
function reportIfCheckersDidNotLoad() {
  if (running) return;
  if (early && early.started) early.started.worker.terminate();
  early = null;
  for (const checker of document.querySelectorAll("[data-checker]")) {
    const status = checker.querySelector("[data-checker-status]");
    if (status) status.textContent = COULD_NOT_LOAD;
    for (const hidden of checker.querySelectorAll("fieldset[data-question][hidden]")) hidden.hidden = false;
    checker.dataset.checkerState = "unavailable";
  }
}

// Only when loaded from the page (not when checkers.mjs imports it on a page without the head script).
if (document.querySelector('script[type="module"][src*="checker-start"]')) {
  whenFirstChecker(startFor);
  whenLoaded(reportIfCheckersDidNotLoad);
}
