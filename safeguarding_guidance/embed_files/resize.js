// For a partnership's own website: makes each frame showing one of the guidance's checkers as tall as
// its content. Add it once to the page, beside the <iframe> (see "Put the checkers on your website"
// in the guidance):
//
//   <script src="https://GUIDANCE-ADDRESS/embed/resize.js" async></script>
//
// It listens for the messages the checker's page sends (embed/frame.js), accepts them only from the
// guidance's own address (the address this script was loaded from) and only for a frame on this page
// showing that page, and sets that frame's height; when the checker moves the reader to its result,
// it scrolls this page to it. It reads nothing else and sends nothing.
(() => {
  const MESSAGE = "safeguarding-guidance:frame";
  const ABOVE = 32; // pixels left above what the page scrolls to
  const script = document.currentScript;
  if (!script || !script.src) return;
  const guidance = new URL(script.src).origin;
  const LOWEST = 150;
  const HIGHEST = 100000;

  window.addEventListener("message", (event) => {
    if (event.origin !== guidance) return;
    const data = event.data;
    if (!data || data.type !== MESSAGE || typeof data.height !== "number" || !Number.isFinite(data.height)) return;
    for (const frame of document.querySelectorAll("iframe")) {
      if (frame.contentWindow !== event.source) continue;
      frame.style.border = "0";
      frame.style.width = "100%";
      frame.style.height = `${Math.round(Math.min(HIGHEST, Math.max(LOWEST, data.height)))}px`;
      if (typeof data.scrollTo === "number" && Number.isFinite(data.scrollTo)) {
        const top = frame.getBoundingClientRect().top + window.scrollY + Math.min(data.scrollTo, data.height);
        window.scrollTo({ top: Math.max(0, top - ABOVE) });
      }
    }
  });
})();
