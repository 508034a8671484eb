// Registers the service worker (sw.js at the site root, generated at build time) that keeps the
// whole site and the checkers working offline after the first visit. Works under any path prefix:
// the root is found from this script's own address.
//
// The service worker fetches the whole site when it installs (about 20 MB, checking every file's
// hash). That must not compete with what the reader is waiting for, so it is registered only once
// the page is idle and, on a page with a checker, a few seconds after the checker has finished
// loading, so that a first answer asked for at once is not slowed by it.
const root = new URL("../../", import.meta.url);

function register() {
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {
    // Offline use is a bonus: the site works online without it.
  });
}

function whenIdle(callback) {
  if ("requestIdleCallback" in window) requestIdleCallback(callback, { timeout: 5000 });
  else setTimeout(callback, 2000);
}

function afterCheckersLoad(callback) {
  const checkers = [...document.querySelectorAll("[data-checker]")];
  const settled = () => checkers.every((checker) => ["ready", "unavailable"].includes(checker.dataset.checkerState));
  if (settled()) {
    callback();
    return;
  }
  const observer = new MutationObserver(() => {
    if (settled()) {
      observer.disconnect();
      callback();
    }
  });
  for (const checker of checkers) observer.observe(checker, { attributes: true, attributeFilter: ["data-checker-state"] });
}

const AFTER_CHECKERS_MS = 3000;

if ("serviceWorker" in navigator && window.isSecureContext) {
  const hasChecker = Boolean(document.querySelector("[data-checker]"));
  const start = () => afterCheckersLoad(() => setTimeout(() => whenIdle(register), hasChecker ? AFTER_CHECKERS_MS : 0));
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}
