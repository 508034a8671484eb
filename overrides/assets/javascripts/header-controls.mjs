// Two of Material's header controls, made to work for everyone (WCAG 2.2 AA):
//
// - The colour scheme switch is a pair of radio buttons (overrides/partials/palette.html), but Material
//   never marks the one in use as checked, so a screen reader cannot tell which scheme is on (4.1.2).
//   Here the button for the scheme shown is checked on load and whenever the scheme changes (a click,
//   the keyboard, or the device's own setting).
// - On narrow screens the menu button is a <label> for a hidden checkbox: it cannot be reached or
//   used with a keyboard (2.1.1). Here a real button takes its place: Enter or Space opens the
//   navigation drawer and moves the focus into it; Escape closes it and returns the focus to the button.
//   (assets/javascripts/drawer-focus.mjs closes the drawer when the focus leaves it.)

const body = document.body;

// The colour scheme switch -------------------------------------------------------------------------
const schemes = [...document.querySelectorAll('[data-md-component="palette"] input.md-option')];

function markScheme() {
  for (const input of schemes) input.checked = input.dataset.mdColorScheme === body.dataset.mdColorScheme;
}

if (schemes.length) {
  markScheme();
  new MutationObserver(markScheme).observe(body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}

// The menu button ----------------------------------------------------------------------------------
const drawer = document.getElementById("__drawer");
const label = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
const sidebar = document.querySelector(".md-sidebar--primary");

if (drawer && label && sidebar) {
  sidebar.id ||= "site-navigation";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button md-icon site-menu-button";
  button.setAttribute("aria-label", "Menu");
  button.setAttribute("aria-controls", sidebar.id);
  button.append(...[...label.childNodes].map((node) => node.cloneNode(true)));
  label.replaceWith(button);

  const open = (state) => {
    drawer.checked = state;
    drawer.dispatchEvent(new Event("change", { bubbles: true })); // as a click on the label would
  };
  const sync = () => button.setAttribute("aria-expanded", String(drawer.checked));
  drawer.addEventListener("change", sync);
  sync();

  button.addEventListener("click", () => {
    if (drawer.checked) {
      open(false);
      return;
    }
    open(true);
    const first = sidebar.querySelector("a[href]");
    if (first) first.focus();
  });

  sidebar.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !drawer.checked) return;
    button.focus(); // the focus leaving the drawer closes it
    if (drawer.checked) open(false);
  });
}
