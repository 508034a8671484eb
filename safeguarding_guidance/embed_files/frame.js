// In the frame: the checker shown on a partnership's own website (/embed/<checker>/, built by
// safeguarding_guidance/embedding.py). Loaded by the embed page only, never sent anywhere else.
//
// - The page's height goes to the website showing it, so that the script it pastes beside the frame
//   (resize.js) makes the frame fit: with postMessage to the listed websites only, never to "*". The
//   list is in the page; the browser already refuses to show the page in any other website's frame
//   (Content-Security-Policy frame-ancestors).
// - When the checker moves the reader to something new (its result, the problems with the answers,
//   the record: the elements it focuses, with tabindex="-1"), the same message says where it is in
//   the page, so that resize.js scrolls the website to it: a frame cannot scroll the page around it.
// - A link to the rest of the guidance opens in a new tab: the guidance's other pages may not be
//   framed. A link within the page scrolls the website to its target; tel: and mailto: links behave
//   as usual.
// Nothing the reader types is read here.
(() => {
  const MESSAGE = "safeguarding-guidance:frame";
  const framed = window.parent !== window;

  if (!framed) return;
  const listed = JSON.parse(document.querySelector("[data-embed-origins]").textContent);
  const allowed = new Set([window.location.origin, ...listed]);
  // The website showing the frame, where the browser says (Chromium, Safari: ancestorOrigins; others:
  // the referrer, unless the website withholds it). Unknown: each listed origin in turn, of which the
  // browser delivers the message only to the one that is the parent.
  let parentOrigin = window.location.ancestorOrigins && window.location.ancestorOrigins[0];
  if (!parentOrigin && document.referrer) {
    try { parentOrigin = new URL(document.referrer).origin; } catch { parentOrigin = null; }
  }
  const targets = parentOrigin ? (allowed.has(parentOrigin) ? [parentOrigin] : []) : [...allowed];

  const content = document.querySelector("[data-embed]");
  const footer = document.querySelector("[data-embed-footer]");
  let sent = 0;
  function height() {
    const bottom = (footer || content).getBoundingClientRect().bottom + window.scrollY;
    const margin = parseFloat(getComputedStyle(document.body).marginBottom) || 0;
    return Math.ceil(bottom + margin);
  }
  function post(message) {
    sent = message.height;
    for (const origin of targets) window.parent.postMessage({ type: MESSAGE, ...message }, origin);
  }
  function sendHeight() {
    const now = height();
    if (now !== sent) post({ height: now });
  }
  new ResizeObserver(sendHeight).observe(content);
  window.addEventListener("load", sendHeight);
  sendHeight();

  function bringIntoView(element) {
    post({ height: height(), scrollTo: Math.max(0, Math.floor(element.getBoundingClientRect().top + window.scrollY)) });
  }

  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (target instanceof HTMLElement && target.getAttribute("tabindex") === "-1") bringIntoView(target);
  });

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download")) return;
    const url = new URL(link.href, window.location.href);
    if (url.protocol !== "https:" && url.protocol !== "http:") return;
    if (url.origin === window.location.origin && url.pathname === window.location.pathname) {
      // A link within the page (a result's "what to record", say): the website scrolls to it.
      const target = url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)));
      if (target) bringIntoView(target);
      return;
    }
    link.target = "_blank";
    link.rel = "noopener";
  });
})();
