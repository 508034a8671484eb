// Registers the service worker (sw.js at the site root, generated at build time) that keeps the
// whole site and the checkers working offline after the first visit. Works under any path prefix:
// the root is found from this script's own address.
if ("serviceWorker" in navigator && window.isSecureContext) {
  const root = new URL("../../", import.meta.url);
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname, type: "classic" }).catch(() => {
    // Offline use is a bonus: the site works online without it.
  });
}
