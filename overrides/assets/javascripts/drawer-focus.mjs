// On narrow screens (and wide ones zoomed in) Material's navigation is a drawer, off the screen until
// opened with a pointer, and each section of it a panel that slides in; yet their links stay in the
// tab order, so Tab moves the focus to links nobody can see (WCAG 2.4.7, 2.4.11). Here, focus entering
// the drawer opens it at the panel holding the focused link, and focus leaving it for the page closes
// it and puts its panels back as they were. Where the navigation is a sidebar, nothing changes.

const narrow = window.matchMedia("(max-width: 76.234375em)"); // Material's breakpoint for the drawer
const drawer = document.getElementById("__drawer");
const sidebar = document.querySelector(".md-sidebar--primary");
let saved = null; // each panel's open state before the keyboard moved through them

function set(toggle, checked) {
  if (toggle.checked === checked) return;
  toggle.checked = checked;
  toggle.dispatchEvent(new Event("change", { bubbles: true })); // as a click on its label would
}

if (drawer && sidebar) {
  const toggles = [...sidebar.querySelectorAll(".md-nav__toggle")];

  sidebar.addEventListener("focusin", (event) => {
    if (!narrow.matches) return;
    if (!saved) saved = toggles.map((toggle) => toggle.checked);
    const open = new Set();
    for (let nav = event.target.closest(".md-nav"); nav && sidebar.contains(nav); nav = nav.parentElement.closest(".md-nav")) {
      const toggle = nav.parentElement.querySelector(":scope > .md-nav__toggle");
      if (toggle) open.add(toggle);
    }
    for (const toggle of toggles) set(toggle, open.has(toggle));
    set(drawer, true);
  });

  sidebar.addEventListener("focusout", (event) => {
    // Only when the focus moves to something else in the page: a click on a section's heading in the
    // drawer (not focusable) must not close it.
    if (!narrow.matches || !event.relatedTarget || sidebar.contains(event.relatedTarget)) return;
    if (saved) toggles.forEach((toggle, index) => set(toggle, saved[index]));
    saved = null;
    set(drawer, false);
  });

  // The browser scrolls the drawer sideways to show a link focused in a panel still sliding in; the
  // drawer never scrolls sideways otherwise, and the panel arrives where the link is shown.
  for (const scrollwrap of sidebar.querySelectorAll(".md-sidebar__scrollwrap")) {
    scrollwrap.addEventListener("scroll", () => { if (scrollwrap.scrollLeft) scrollwrap.scrollLeft = 0; });
  }
}
