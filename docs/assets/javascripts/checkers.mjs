// Checkers in the page. Each [data-checker] block is a form rendered at build time from the
// checkers' question schema (safeguarding_guidance/checker_form.py); without JavaScript it is a printable checklist.
// Here it becomes live: Pyodide loads in a module Web Worker (started from the page's head while
// the page is parsed, by checker-start.mjs; otherwise when a checker comes into view or is first
// touched), answers are evaluated there by the same Python as the command line, and the result
// is shown in the page. Nothing is sent anywhere, stored, or logged.

import { checkersRunning, startWorker, startedEarly, takeStartedWorker, workerUrl } from "./checker-start.mjs";

// Rendering results is needed only once there is a result: on a page with a checker, fetch it
// alongside the runtime instead of before it, so that the worker starts as early as possible; on
// any other page, not at all.
const rendering = document.querySelector("[data-checker]") ? import("./checker-results.mjs") : null;
// If it cannot load, the checker must say so instead of saying ready and showing blank results.
const renderingFailed = rendering ? rendering.then(() => false, () => true) : Promise.resolve(false);

async function renderResult(...args) {
  return (await rendering).renderResult(...args);
}

async function renderProblems(...args) {
  (await rendering).renderProblems(...args);
}

async function announcement(...args) {
  return (await rendering).announcement(...args);
}

// Only for a hang: a hard failure (a missing or damaged file, the wrong MIME type) is reported by
// the worker at once, and the checker falls back within seconds. A hang is this long with no step
// of the start-up done: a slow computer that is still getting on (each step the worker reports
// starts the count again) is waited for.
const LOAD_TIMEOUT_MS = 20000;

const MESSAGES = {
  loading: "Loading the checker on this device…",
  runtime: "Loading the checker on this device: starting Python…",
  checkers: "Loading the checker on this device: nearly ready…",
  ready: "The checker is ready. Your answers stay on this device.",
  webassembly:
    "The automatic assessment is not available because this browser blocks WebAssembly (common on managed work computers). Use the questions below as a checklist and print the page for your record.",
  timeout:
    "The automatic assessment did not start in time, so it is not available. Use the questions below as a checklist and print the page for your record.",
  failed:
    "The automatic assessment could not start, so it is not available. Use the questions below as a checklist and print the page for your record.",
  renderer:
    "The automatic assessment could not load the part that shows its results, so it is not available. Use the questions below as a checklist and print the page for your record.",
};

const siteRoot = (() => {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return new URL(base.endsWith("/") ? base : `${base}/`, window.location.href).href;
})();

// Ask the service worker to check its copies of these files against the build's hashes, evicting
// any that are damaged or missing and fetching them again. True if it replaced something, so that
// trying again may help. Without a service worker there is no offline copy to repair.
function repairOfflineCopy(prefixes) {
  const serviceWorker = navigator.serviceWorker && navigator.serviceWorker.controller;
  if (!serviceWorker) return Promise.resolve(false);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), 5000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(Boolean(event.data && event.data.repaired > 0));
    };
    serviceWorker.postMessage({ type: "repair", prefixes }, [channel.port2]);
  });
}

// One worker for the page, shared by every checker on it.
const runtime = {
  worker: null,
  state: "idle",
  pending: new Map(),
  nextId: 1,
  listeners: new Set(),

  setState(state, detail) {
    this.state = state;
    for (const listener of this.listeners) listener(state, detail);
  },

  start(runtimeUrl, wheel) {
    if (this.state !== "idle") return;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
      this.setState("unavailable", "webassembly");
      return;
    }
    this.setState("loading", "loading");
    this.runtimeUrl = runtimeUrl;
    this.wheel = wheel;
    this.attempt = 0;
    this.waitForProgress();
    renderingFailed.then((failed) => { if (failed) this.fail("renderer"); });
    this.launch();
  },

  waitForProgress() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fail("timeout"), LOAD_TIMEOUT_MS);
  },

  // One worker per attempt: a failed start leaves nothing behind for the next one. The first may
  // have been started from the page's head: its messages so far are handled now, in order.
  launch() {
    this.attempt += 1;
    const started = (this.attempt === 1 && takeStartedWorker(this.runtimeUrl, this.wheel))
      || startWorker(this.runtimeUrl, this.wheel, this.attempt);
    const worker = started.worker;
    this.worker = worker;
    const onError = (event) => { event.preventDefault(); this.failed(worker, "failed"); };
    const onMessage = (event) => {
      const message = event.data;
      if (worker !== this.worker) return;
      if (message.type === "progress" && this.state === "loading") {
        this.waitForProgress();
        this.setState("loading", message.stage);
      }
      if (message.type === "ready" && this.state === "loading") this.ready(message);
      if (message.type === "failed") this.failed(worker, message.reason === "webassembly" ? "webassembly" : "failed");
      if (message.type === "repair") this.repair(); // in the background
      if (message.type === "result") {
        const request = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (request) request.resolve(JSON.parse(message.response));
      }
    };
    started.stopRecording();
    worker.addEventListener("error", onError);
    worker.addEventListener("message", onMessage);
    for (const event of started.events) (event.type === "error" ? onError : onMessage)(event);
    for (const request of this.pending.values()) worker.postMessage(request.message);
  },

  async ready(message) {
    // Ready only when the results can be shown too.
    if (await renderingFailed) return;
    if (this.state !== "loading") return;
    clearTimeout(this.timer);
    this.loadedFrom = message.from;
    this.setState("ready", message.ms);
  },

  // A failed start is tried once more, after the offline copy of the runtime has been checked
  // against the build's hashes and any damaged file replaced; then the checklist.
  async failed(worker, reason) {
    if (worker !== this.worker || this.state !== "loading") return;
    worker.terminate();
    this.worker = null;
    if (reason === "failed" && this.attempt === 1 && await this.repair()) {
      if (this.state === "loading") this.launch();
      return;
    }
    this.fail(reason);
  },

  // Once per page: a repair asked for in the background (the cached snapshot failed) is the one a
  // failed start waits for.
  repair() {
    this.repairing = this.repairing || repairOfflineCopy([this.runtimeUrl, workerUrl.href]);
    return this.repairing;
  },

  fail(reason) {
    if (this.state === "unavailable") return;
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const request of this.pending.values()) request.resolve({ ok: false, error: { field: "runtime", message: MESSAGES[reason] } });
    this.pending.clear();
    this.setState("unavailable", reason);
  },

  evaluate(request) {
    return new Promise((resolve) => {
      if (this.state === "unavailable") {
        resolve({ ok: false, error: { field: "runtime", message: MESSAGES.failed } });
        return;
      }
      const id = this.nextId++;
      const message = { type: "evaluate", id, request: JSON.stringify(request) };
      this.pending.set(id, { resolve, message });
      if (this.worker) this.worker.postMessage(message); // else the next worker is given it
    });
  },
};

function formPairs(form) {
  return [...new FormData(form).entries()].map(([name, value]) => [name, String(value)]);
}

function unanswered(form) {
  const problems = [];
  for (const fieldset of form.querySelectorAll("fieldset[data-question]:not([hidden])")) {
    const required = fieldset.dataset.required === "true";
    if (required && !fieldset.querySelector("input:checked")) {
      const legend = fieldset.querySelector("legend").textContent.replace(/^\s*\d+\.\s*/, "");
      problems.push({ message: `Answer: ${legend}`, target: fieldset.querySelector("input").id });
    }
  }
  return problems;
}

function fieldTarget(container, field) {
  const name = field.split(".").pop();
  const input = container.querySelector(`[name="${CSS.escape(name)}"]`);
  return input ? input.id : null;
}

// Bring an element to the top of the window (below the sticky header: html's scroll-padding) and
// give it the focus, so that what it introduces is on screen whatever the window's size.
function bringToFocus(element) {
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: "start" });
}

function download(filename, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// The Word document's bytes, which the checker sends as base64 (JSON carries no bytes).
function fromBase64(text) {
  return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
}

class Checker {
  constructor(root) {
    this.root = root;
    this.name = root.dataset.checker;
    this.form = root.querySelector("[data-checker-form]");
    this.status = root.querySelector("[data-checker-status]");
    this.submit = root.querySelector("[data-checker-submit]");
    this.result = root.querySelector("[data-checker-result]");
    this.problems = root.querySelector("[data-checker-problems]");
    this.announcer = root.querySelector("[data-result-announcement]");
    this.record = root.querySelector("[data-checker-record]");
    this.recordForm = root.querySelector("[data-record-form]");
    this.recordOutput = root.querySelector("[data-record-output]");
    this.recordText = root.querySelector("[data-record-text]");
    this.recordStatus = root.querySelector("[data-record-status]");
    this.recordProblems = root.querySelector("[data-record-problems]");
    this.lastInput = null;
    this.lastRecord = null;
    this.unsaved = false;

    for (const form of [this.form, this.recordForm]) {
      form.noValidate = true; // errors are shown in the page, listed and linked
      form.setAttribute("autocomplete", "off"); // free text must not end up in the browser's autofill
    }
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.check(); });
    this.recordForm.addEventListener("submit", (event) => { event.preventDefault(); this.makeRecord(); });
    root.querySelector("[data-record-clear]").addEventListener("click", () => this.clear());
    root.querySelector("[data-record-copy]").addEventListener("click", () => this.copy());
    root.querySelector("[data-record-print]").addEventListener("click", () => this.print());
    for (const button of root.querySelectorAll("[data-record-download]")) {
      button.addEventListener("click", () => this.download(button.dataset.recordDownload));
    }
    if (this.name === "key-questions") {
      // The arrow keys move through a group of radio buttons ticking each in turn: an answer given that
      // way does not take the focus away, so the next one can still be reached.
      this.form.addEventListener("keydown", (event) => { this.arrowed = event.key.startsWith("Arrow"); });
      this.form.addEventListener("pointerdown", () => { this.arrowed = false; });
      this.form.addEventListener("change", () => this.followFlow(!this.arrowed));
    }

    runtime.listeners.add((state, detail) => this.show(state, detail));
    this.show(runtime.state);
    const start = () => runtime.start(new URL(root.dataset.runtime, window.location.href).href, root.dataset.wheel);
    for (const type of ["focusin", "pointerdown", "keydown"]) root.addEventListener(type, start, { once: true });
    // A worker started from the page's head is adopted now. Otherwise a checker in or near the window
    // starts loading now, not at the observer's first callback a frame later; one further down the
    // page starts when it comes near.
    const box = startedEarly() ? null : root.getBoundingClientRect();
    if (!box || !("IntersectionObserver" in window) || (box.top < window.innerHeight + 200 && box.bottom > -200)) {
      start();
    } else {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) { observer.disconnect(); start(); }
      }, { rootMargin: "200px" });
      observer.observe(root);
    }
  }

  show(state, detail) {
    this.root.dataset.checkerState = state;
    if (state === "ready" && runtime.loadedFrom) this.root.dataset.checkerLoadedFrom = runtime.loadedFrom;
    if (state === "idle") this.status.textContent = MESSAGES.loading;
    if (state === "loading") this.status.textContent = MESSAGES[detail] || MESSAGES.loading;
    if (state === "ready") {
      this.status.textContent = MESSAGES.ready;
      this.submit.hidden = false;
      for (const part of this.root.querySelectorAll("[data-record-clear], [data-checker-live-only]")) part.hidden = false;
      if (this.name === "key-questions") this.followFlow();
    }
    if (state === "unavailable") {
      this.status.textContent = MESSAGES[detail] || MESSAGES.failed;
      this.submit.hidden = true;
      for (const fieldset of this.form.querySelectorAll("fieldset[hidden]")) fieldset.hidden = false;
    }
  }

  async evaluate() {
    const response = await runtime.evaluate({ checker: this.name, form: formPairs(this.form) });
    if (!response.ok) {
      await this.showProblems([{ message: response.error.message, target: fieldTarget(this.form, response.error.field) }]);
      return null;
    }
    // A record is made only from a finished result: key questions answered up to an outcome.
    this.lastInput = response.result.outcome === "incomplete" ? null : response.input;
    return response.result;
  }

  // Problems with the answers: listed above the form, each linked to its question; no result.
  async showProblems(problems) {
    await renderProblems(this.problems, problems);
    this.problems.hidden = false;
    this.showResult(null);
    bringToFocus(this.problems);
  }

  // Show a result (or none), and the record form with it: a record is made only from a finished result.
  showResult(result) {
    this.result.hidden = !result;
    if (!result) {
      this.result.replaceChildren();
      delete this.result.dataset.outcome;
    }
    this.record.hidden = !result || !this.lastInput;
    this.recordOutput.hidden = true;
    this.lastRecord = null;
  }

  async presentResult(result, focus) {
    this.problems.hidden = true;
    const heading = await renderResult(this.result, this.name, result, siteRoot);
    this.showResult(result);
    if (focus) bringToFocus(heading);
    else this.announcer.textContent = await announcement(this.result, result);
  }

  async check() {
    const problems = this.name === "key-questions" ? [] : unanswered(this.form);
    if (problems.length) {
      this.lastInput = null;
      await this.showProblems(problems);
      return;
    }
    const result = await this.evaluate();
    if (result) await this.presentResult(result, true);
  }

  // Key questions: show the questions on the path taken and the next one; hide the rest. When the
  // answers reach a new outcome, show it (and, unless answered with the arrow keys, move to it).
  async followFlow(focus = false) {
    if (runtime.state !== "ready") return;
    const shown = this.result.hidden ? null : this.result.dataset.outcome;
    const result = await this.evaluate();
    if (!result) return;
    const visible = new Set(result.visible);
    for (const fieldset of this.form.querySelectorAll("fieldset[data-question]")) {
      fieldset.hidden = !visible.has(fieldset.dataset.question);
    }
    if (result.outcome !== "incomplete") {
      await this.presentResult(result, focus && shown !== result.outcome);
    } else if (shown) {
      await this.presentResult(result, false);
    } else {
      this.showResult(null);
    }
  }

  async makeRecord() {
    this.recordOutput.hidden = true;
    const missing = [...this.recordForm.querySelectorAll("[required]")]
      .filter((field) => field.type === "radio"
        ? !this.recordForm.querySelector(`[name="${CSS.escape(field.name)}"]:checked`)
        : !field.value.trim())
      .filter((field, index, all) => all.findIndex((other) => other.name === field.name) === index)
      .map((field) => ({
        message: `Fill in: ${(field.closest("fieldset")?.querySelector("legend") || this.recordForm.querySelector(`label[for="${field.id}"]`)).textContent}`,
        target: field.id,
      }));
    if (missing.length) {
      await renderProblems(this.recordProblems, missing);
      this.recordProblems.hidden = false;
      bringToFocus(this.recordProblems);
      return;
    }
    // The fields' own values: the text exactly as typed (a form submission would rewrite line breaks).
    const details = {};
    for (const field of this.recordForm.elements) {
      if (!field.name || (field.type === "radio" && !field.checked)) continue;
      if (field.value.trim() !== "") details[field.name] = field.value;
    }
    const request = { checker: this.name, answers: this.lastInput, details };
    if (this.root.dataset.partnership) request.partnership = this.root.dataset.partnership;
    if (this.root.dataset.edition) request.edition = this.root.dataset.edition;
    const response = await runtime.evaluate({ checker: "decision-record", input: request });
    if (!response.ok) {
      const target = fieldTarget(this.recordForm, response.error.field);
      await renderProblems(this.recordProblems, [{ message: response.error.message.replace(/^details\./, ""), target }]);
      this.recordProblems.hidden = false;
      bringToFocus(this.recordProblems);
      return;
    }
    this.recordProblems.hidden = true;
    this.lastRecord = response.result;
    // The record as a document: HTML the checker wrote, every typed character escaped there.
    const document_ = new DOMParser().parseFromString(response.result.html, "text/html");
    this.recordText.replaceChildren(...document_.body.childNodes);
    this.recordStatus.textContent = "";
    this.recordOutput.hidden = false;
    this.unsaved = true;
    bringToFocus(this.recordOutput);
  }

  saved(message) {
    this.unsaved = false;
    this.recordStatus.textContent = message;
  }

  // Copy puts two versions on the clipboard: formatted (text/html), which pastes into Word, Outlook and
  // case systems, and plain text, for anywhere formatting is not kept.
  async copy() {
    if (!this.lastRecord) return;
    try {
      const { html, text } = this.lastRecord;
      if (typeof ClipboardItem === "function" && navigator.clipboard.write) {
        await navigator.clipboard.write([new ClipboardItem({
          "text/html": new Blob([html], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" }),
        })]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      this.saved("Copied. Paste it into your case record.");
    } catch {
      this.recordStatus.textContent = "Copying is blocked in this browser: select the record and copy it, or download it.";
    }
  }

  download(kind) {
    if (!this.lastRecord) return;
    const date = this.lastRecord.record.generated_on;
    const name = `information-sharing-record-${date}.${kind}`;
    if (kind === "json") download(name, this.lastRecord.json, "application/json");
    else if (kind === "docx") download(name, fromBase64(this.lastRecord.docx), DOCX_TYPE);
    else download(name, this.lastRecord.markdown, "text/markdown");
    this.saved(`Downloaded the record as .${kind}.`);
  }

  print() {
    document.body.classList.add("print-record");
    this.root.classList.add("print-record__target");
    const done = () => {
      document.body.classList.remove("print-record");
      this.root.classList.remove("print-record__target");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
    this.saved("Sent to the printer.");
  }

  clear() {
    this.form.reset();
    this.recordForm.reset();
    this.lastInput = null;
    this.unsaved = false;
    this.problems.hidden = true;
    this.recordProblems.hidden = true;
    this.showResult(null);
    this.recordText.replaceChildren();
    if (this.name === "key-questions") this.followFlow();
    this.status.textContent = "Cleared. Nothing was kept.";
    this.form.querySelector("input").focus();
  }
}

const checkers = [...document.querySelectorAll("[data-checker]")].map((root) => new Checker(root));
checkersRunning();

window.addEventListener("beforeunload", (event) => {
  if (checkers.some((checker) => checker.unsaved)) event.preventDefault();
});
