"""Accessibility, to WCAG 2.2 AA: axe-core over every page of the site in the light and the dark colour
scheme, over each checker with its result, decision record and lists of problems shown, and over both
partnership editions; the key questions checker used with the keyboard alone; and a focus indicator
that can be seen at every tab stop, where the navigation is a sidebar and where it is a drawer.

axe-core (node_modules/axe-core, pinned in package.json) is evaluated through the DevTools protocol,
in pages served with their own Content-Security-Policy (scripts/serve.py), which refuses inline
scripts: each run checks that the policy is in force and that axe broke none of it. The helpers
are shared with `make audit` (scripts/audit.py). Rules disabled or parts left out, each with its
reason: audit.DISABLED_RULES and audit.EXCLUDED (none at present). The service worker is blocked
here; `make audit` and tests/test_offline.py check the site offline.
"""

from __future__ import annotations

import pytest
import yaml

from safeguarding_guidance import colour_contrast
from audit import (
    ANSWERS, AXE, CHECKERS, DISABLED_RULES, EXCLUDED, OUTCOMES, RECORD, SCHEMES, checker_states, describe, new_context,
    open_checker, answer, run_axe, site_pages, wait_until,
)
from conftest import ROOT
from serve import SiteServer

pytestmark = pytest.mark.browser

PARTNERSHIPS = ["harbourside", "northmoor-vale"]

WIDE = {"width": 1280, "height": 720}
NARROW = {"width": 375, "height": 720}  # the navigation is a drawer below 1220px (and at 200% zoom)

# Where the focus is, and whatever stops it being seen: no ring (an outline of 2px or more, or a box
# shadow), the ring clipped by a box around it, the element off the screen, or covered by another.
FOCUS = """async () => {
  // Material reacts to focus a frame or two later (opening search, say); transitions then run to their end.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  for (const animation of document.getAnimations()) {
    try { animation.finish(); } catch { /* an endless animation: seen as it is */ }
  }
  const active = document.activeElement;
  if (!active || active === document.body || active === document.documentElement) return null;
  // The colour scheme toggle is a hidden radio button shown by a label beside it.
  const shown = active.matches(".md-option") ? active.closest("form").querySelector("label:not([hidden])") : active;
  const style = getComputedStyle(shown);
  const width = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth) || 0;
  const transparent = style.outlineColor === "transparent" || /^rgba\\(.*, 0\\)$/.test(style.outlineColor);
  const ring = width >= 2 && !transparent;
  const problems = [];
  if (!ring && style.boxShadow === "none") problems.push(`no focus ring (outline ${style.outline})`);
  const box = shown.getBoundingClientRect();
  const grow = ring ? width + (parseFloat(style.outlineOffset) || 0) : 0;
  const edge = { top: box.top - grow, left: box.left - grow, bottom: box.bottom + grow, right: box.right + grow };
  for (let e = shown.parentElement; e && e !== document.body; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.overflowX === "visible" && s.overflowY === "visible") continue;
    const r = e.getBoundingClientRect();
    const clip = { top: r.top + e.clientTop, left: r.left + e.clientLeft };
    clip.bottom = clip.top + e.clientHeight;
    clip.right = clip.left + e.clientWidth;
    for (const side of ["top", "left"]) if (edge[side] < clip[side] - 0.5) problems.push(`ring clipped at the ${side} by .${e.className}`);
    for (const side of ["bottom", "right"]) if (edge[side] > clip[side] + 0.5) problems.push(`ring clipped at the ${side} by .${e.className}`);
  }
  const seen = { top: Math.max(box.top, 0), left: Math.max(box.left, 0),
                 bottom: Math.min(box.bottom, innerHeight), right: Math.min(box.right, innerWidth) };
  if (seen.top >= seen.bottom || seen.left >= seen.right) {
    problems.push("off the screen");
  } else {
    const hit = document.elementFromPoint((seen.left + seen.right) / 2, (seen.top + seen.bottom) / 2);
    const related = hit && (shown.contains(hit) || hit.contains(shown) || [...(shown.labels || [])].some((l) => l.contains(hit)));
    if (!related) problems.push(`covered by ${hit ? hit.tagName.toLowerCase() + "." + hit.className : "nothing"}`);
  }
  const name = (shown.getAttribute("aria-label") || shown.textContent || shown.getAttribute("name") || "").trim();
  return {
    element: shown.tagName.toLowerCase() + (shown.id ? "#" + shown.id : "") + [...shown.classList].map((c) => "." + c).join(""),
    name: name.replace(/\\s+/g, " ").slice(0, 50),
    problems,
  };
}"""



@pytest.fixture(scope="module", params=list(SCHEMES))
def scheme(request):
    return request.param


@pytest.fixture(scope="module")
def page(browser, scheme):
    """One page for each colour scheme, reused by every test in it."""
    context = new_context(browser, scheme, viewport=WIDE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def partnership_urls(built_sites):
    servers = {name: SiteServer(built_sites[name].path) for name in PARTNERSHIPS}
    urls = {name: server.__enter__() for name, server in servers.items()}
    yield urls
    for server in servers.values():
        server.__exit__(None, None, None)


def primary_colour(edition: str) -> str:
    """The edition's primary colour from its config, as the browser reports a computed colour."""
    config = yaml.safe_load((ROOT / "examples" / edition / "mkdocs.yml").read_text(encoding="utf-8"))
    red, green, blue = colour_contrast.parse(config["extra"]["partnership"]["colours"]["primary"])
    return f"rgb({red}, {green}, {blue})"


def axe_failures(page, where: str) -> list[str]:
    results = run_axe(page)
    return [f"{where}:\n{describe(results['violations'])}"] if results["violations"] else []


def test_no_exclusion_is_without_its_reason():
    for reason in [*DISABLED_RULES.values(), *EXCLUDED.values()]:
        assert len(reason.split()) >= 5, "say why the rule is off or the part is left out"


def test_every_page_passes_axe(page, scheme, site_url, default_site):
    pages = site_pages(default_site.path)
    assert "" in pages and "404.html" in pages and len(pages) >= 25
    failures = []
    for path in pages:
        page.goto(site_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], path
        failures += axe_failures(page, f"/{path}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("name", CHECKERS)
def test_checker_passes_axe_with_result_record_and_problems(page, site_url, name):
    failures, states = [], []
    for state in checker_states(page, site_url, name):
        states.append(state)
        failures += axe_failures(page, f"{name} checker, {state}")
    assert states[:3] == ["result", "result with every folded part shown", "decision record"]
    assert states[-1] == "missing record details listed"
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("edition", PARTNERSHIPS)
def test_partnership_edition_passes_axe_in_its_colours(page, scheme, partnership_urls, edition):
    url = partnership_urls[edition]
    page.goto(url)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == primary_colour(edition)
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    failures = axe_failures(page, f"{edition} home page")
    open_checker(page, url, "lawful-basis")
    assert answer(page, "lawful-basis") == OUTCOMES["lawful-basis"]
    failures += axe_failures(page, f"{edition} lawful basis checker, result")
    assert failures == [], "\n".join(failures)


def test_embed_page_and_its_guide_pass_axe(page, scheme, partnership_urls):
    """A checker alone, as a partnership's own website shows it in a frame (examples/harbourside lists
    an origin; the template is the same for every checker, whose own content is checked above), with
    its result; and "Put the checkers on your website", with the lines to paste."""
    url = partnership_urls["harbourside"]
    page.goto(f"{url}embed/key-questions/")
    page.wait_for_selector('[data-checker][data-checker-state="ready"]', timeout=60000)
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    failures = axe_failures(page, "key questions embed page")
    assert answer(page, "key-questions") == OUTCOMES["key-questions"]
    failures += axe_failures(page, "key questions embed page, result")
    page.goto(f"{url}local/checkers-on-your-website/")
    failures += axe_failures(page, "Put the checkers on your website")
    assert failures == [], "\n".join(failures)


# The keyboard alone ----------------------------------------------------------------------------------

class Keyboard:
    """Presses keys, and after each one checks that the focus can be seen."""

    def __init__(self, page):
        self.page = page
        self.stops: list[dict] = []

    def press(self, key: str) -> dict | None:
        self.page.keyboard.press(key)
        focus = self.page.evaluate(FOCUS)
        if focus is not None:
            assert focus["problems"] == [], f"after {key}, the focus on {focus['element']} ({focus['name']!r}) " \
                                           f"cannot be seen: {focus['problems']}"
            self.stops.append(focus)
        return focus

    def focused(self, selector: str) -> bool:
        return self.page.evaluate("(selector) => document.activeElement.matches(selector)", selector)

    def tab_to(self, selector: str, limit: int = 80, key: str = "Tab") -> None:
        for _ in range(limit):
            self.press(key)
            if self.focused(selector):
                return
        pytest.fail(f"{limit} presses of {key} did not reach {selector}; last stops: {self.stops[-5:]}")

    def choose(self, question: str, value: str) -> None:
        """In a group of radio buttons, the focus starts on the first: Space ticks it, the arrow keys
        move down the group, ticking as they go."""
        group = f'[data-checker-form] fieldset[data-question="{question}"] input'
        self.tab_to(group)
        index = self.page.evaluate("([group, value]) => [...document.querySelectorAll(group)].findIndex((i) => i.value === value)",
                                   [group, value])
        start = self.page.evaluate("(group) => [...document.querySelectorAll(group)].indexOf(document.activeElement)", group)
        assert index >= 0 and start == 0
        if index == 0:
            self.press("Space")
        for _ in range(index):
            self.press("ArrowDown")
        # Ticked; the focus stays on it, unless the answer reached an outcome and the page moved to it.
        assert self.page.locator(f'{group}[value="{value}"]').is_checked()
        assert self.focused(f'{group}[value="{value}"], [data-result-heading]')


def focused_contrast_failures(page) -> list[str]:
    """axe's colour contrast rule on the focused element alone, in its focus colours."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("""() => axe.run(document.activeElement, { runOnly: ["color-contrast"] })
        .then((results) => results.violations.flatMap((v) => v.nodes.map((n) => n.failureSummary)))""")


def test_key_questions_by_keyboard_alone(page, site_url):
    keys = Keyboard(page)
    page.goto(f"{site_url}checkers/key-questions/")
    page.evaluate("window.scrollTo(0, 0)")

    assert keys.press("Tab")["element"].startswith("a.md-skip")  # "Skip to content" comes first
    keys.press("Enter")
    keys.tab_to('[data-checker-form] input[name="purpose"]', limit=20)
    wait_until(page, "document.querySelector('[data-checker]').dataset.checkerState === 'ready'", timeout=60)

    questions = list(ANSWERS["key-questions"].items())
    for number, (question, value) in enumerate(questions):
        keys.choose(question, value)
        if number + 1 < len(questions):  # the next question appears once this one is answered
            following = questions[number + 1][0]
            wait_until(page, f"!document.querySelector('fieldset[data-question=\"{following}\"]').hidden")
    # The last answer reaches the outcome: the page moves to the result's heading, which can be seen.
    wait_until(page, "document.activeElement.matches('[data-checker-result] [data-result-heading]')")
    assert page.get_attribute("[data-checker-result]", "data-outcome") == OUTCOMES["key-questions"]
    assert page.evaluate(FOCUS)["problems"] == []
    # "Check my answers" does the same.
    keys.tab_to("[data-checker-submit]", limit=10, key="Shift+Tab")
    assert focused_contrast_failures(page) == []
    keys.press("Enter")
    wait_until(page, "document.activeElement.matches('[data-checker-result] [data-result-heading]')")
    assert page.evaluate(FOCUS)["problems"] == []

    # The decision record, typed and made from the keyboard, and its buttons reached.
    for field, text in RECORD.items():
        if field == "reasons":
            keys.tab_to('[data-record-form] input[name="decision"]')
            keys.press("Space")  # the first choice: "I shared the information"
        keys.tab_to(f'[data-record-form] [name="{field}"]')
        page.keyboard.type(text)
    keys.tab_to("[data-record-make]", limit=5)
    keys.press("Enter")
    wait_until(page, "document.activeElement.matches('[data-record-output]:not([hidden])')")
    assert page.evaluate(FOCUS)["problems"] == []
    assert "Attendance and welfare concerns" in page.inner_text("[data-record-text]")
    for button in ["[data-record-copy]", "[data-record-print]", '[data-record-download="docx"]', '[data-record-download="md"]', '[data-record-download="json"]']:
        keys.press("Tab")
        assert keys.focused(button), button
        assert focused_contrast_failures(page) == [], button  # a focused button takes the accent colours
    keys.tab_to("[data-record-copy]", limit=4, key="Shift+Tab")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    keys.press("Enter")
    wait_until(page, "document.querySelector('[data-record-status]').textContent.startsWith('Copied')")
    assert "Attendance and welfare concerns" in page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["sidebar", "drawer"])
def test_focus_can_be_seen_at_every_tab_stop(page, site_url, viewport):
    """Through a whole page and back: the header, the navigation (a drawer on narrow screens, which
    opens as the focus enters it), the contents, a checker and the footer."""
    page.set_viewport_size(viewport)
    try:
        open_checker(page, site_url, "lawful-basis")  # started, so that its buttons are tab stops too
        page.evaluate("window.scrollTo(0, 0)")
        keys = Keyboard(page)
        while keys.press("Tab") is not None:
            assert len(keys.stops) < 300
        forward = keys.stops[:]
        assert len(forward) > 40 and any(stop["element"].startswith("a.md-nav__link") for stop in forward)
        assert page.evaluate("!document.getElementById('__drawer').checked")  # closed again after the focus left it
        keys.stops.clear()
        page.keyboard.press("Shift+Tab")  # from the end of the page, back to its start
        while not keys.stops or keys.stops[-1] != forward[0]:
            keys.press("Shift+Tab")
            assert len(keys.stops) < len(forward)
        assert [stop["element"] for stop in keys.stops] == [stop["element"] for stop in reversed(forward[:-1])]
    finally:
        page.set_viewport_size(WIDE)


# Phone screens of these heights once cut off the ring of a tall link in the drawer: Material makes each
# panel of the drawer snap to the start of a link, so the browser could only stop where a snap point
# allowed (which heights failed depended on the fonts the machine had).
PHONE_HEIGHTS = [640, 667, 685, 694, 703, 739, 748, 844]


@pytest.mark.parametrize("height", PHONE_HEIGHTS)
def test_every_link_in_the_drawer_is_seen_whole_when_focused(browser, site_url, height):
    """Tab through the whole drawer on a phone-sized screen: every link, the case studies' tall ones at
    the bottom of their panel included, is seen with its whole ring."""
    context = new_context(browser, "light", viewport={"width": 375, "height": height})
    page = context.new_page()
    page.goto(f"{site_url}checkers/lawful-basis/")
    keys = Keyboard(page)
    in_drawer = "document.activeElement.closest('.md-sidebar--primary') !== null"
    keys.tab_to(".md-sidebar--primary a", limit=20)
    links = 1
    while page.evaluate(in_drawer):
        links += keys.press("Tab")["element"].startswith("a.md-nav__link")
        assert links < 300
    assert links > 40
    assert page.evaluate("getComputedStyle(document.querySelector('.md-nav--primary .md-nav__title ~ .md-nav__list')).scrollSnapType") == "none"
    context.close()


# Material's header controls, fixed in overrides/ -------------------------------------------------------

@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_colour_scheme_switch_says_which_scheme_is_on(browser, site_url, scheme):
    """WCAG 4.1.2: the switch is a pair of radio buttons named after their schemes, the one on checked;
    the arrow keys and Enter change it, and the one then on is checked and focused."""
    context = new_context(browser, scheme, viewport=WIDE)
    page = context.new_page()
    page.goto(site_url)
    names = {"light": "Light colour scheme", "dark": "Dark colour scheme"}
    other = "dark" if scheme == "light" else "light"
    keys = Keyboard(page)
    keys.tab_to(".md-header input.md-option", limit=10)
    assert page.get_by_role("radio", name=names[scheme]).is_checked()
    assert not page.get_by_role("radio", name=names[other]).is_checked()
    assert keys.focused(f'.md-option[aria-label="{names[scheme]}"]')
    keys.press("ArrowRight")
    wait_until(page, f"document.body.dataset.mdColorScheme === '{SCHEMES[other]}'")
    assert page.get_by_role("radio", name=names[other]).is_checked() and keys.focused(f'.md-option[aria-label="{names[other]}"]')
    keys.press("Enter")
    wait_until(page, f"document.body.dataset.mdColorScheme === '{SCHEMES[scheme]}'")
    assert page.get_by_role("radio", name=names[scheme]).is_checked() and keys.focused(f'.md-option[aria-label="{names[scheme]}"]')
    page.reload()  # the choice is kept, and shown as checked, on the next page
    assert page.get_by_role("radio", name=names[scheme]).is_checked()
    context.close()


def test_menu_button_opens_the_navigation_by_keyboard(browser, site_url):
    """WCAG 2.1.1: on a narrow screen the menu button is a button in the tab order; Enter or Space opens
    the navigation with the focus in it, and Escape closes it with the focus back on the button."""
    context = new_context(browser, "light", viewport=NARROW)
    page = context.new_page()
    page.goto(f"{site_url}myths/")
    keys = Keyboard(page)
    button = page.get_by_role("button", name="Menu")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    keys.tab_to("button.site-menu-button", limit=10)
    for key in ("Enter", "Space"):
        keys.press(key)
        wait_until(page, "document.getElementById('__drawer').checked")
        assert button.get_attribute("aria-expanded") == "true"
        assert keys.focused(".md-sidebar--primary a")  # the first link in the drawer, seen (Keyboard.press)
        keys.press("Escape")
        wait_until(page, "!document.getElementById('__drawer').checked")
        assert keys.focused("button.site-menu-button") and button.get_attribute("aria-expanded") == "false"
    # Where the navigation is a sidebar, there is no menu button.
    page.set_viewport_size(WIDE)
    assert not button.is_visible()
    context.close()


# What an outside auditor's Lighthouse run found, checked with axe where axe can -------------------

# Lighthouse's accessibility audits that axe's WCAG tags leave out: axe's own best-practice rules of
# the same names. aria-dialog-name: Material's search dialog had no accessible name.
LIGHTHOUSE_RULES = ["aria-dialog-name", "image-alt", "image-redundant-alt", "landmark-one-main", "heading-order"]

RUN_RULES = """async (rules) => {
  const results = await axe.run(document, { runOnly: { type: "rule", values: rules }, resultTypes: ["violations", "passes"] });
  return { version: results.testEngine.version,
           ran: [...results.passes, ...results.violations, ...results.inapplicable].map((r) => r.id),
           violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
             nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })) })) };
}"""

# Every <img>: width and height given, in the image's own proportions (so its space is kept before it loads).
UNSIZED_IMAGES = """async () => {
  const problems = [];
  for (const image of document.images) {
    await image.decode().catch(() => {});
    const width = Number(image.getAttribute("width")), height = Number(image.getAttribute("height"));
    if (!width || !height) { problems.push(`${image.src}: no width and height`); continue; }
    if (image.naturalWidth && Math.abs(width / height - image.naturalWidth / image.naturalHeight) > 0.05)
      problems.push(`${image.src}: ${width}x${height}, but the image is ${image.naturalWidth}x${image.naturalHeight}`);
  }
  return problems;
}"""


def test_search_dialog_is_named_and_every_image_sized_on_every_page(browser, site_url, default_site, partnership_urls):
    context = new_context(browser, "light", viewport=WIDE)
    page = context.new_page()
    failures, images = [], 0
    sites = [(site_url, site_pages(default_site.path))]
    sites += [(partnership_urls[name], ["", "checkers/key-questions/", "local/contacts/"]) for name in PARTNERSHIPS]
    for base, paths in sites:
        for path in paths:
            page.goto(base + path)
            page.click(".md-search__input")  # the search dialog, open
            page.wait_for_selector(".md-search__input:focus", timeout=5000)
            if not page.evaluate("typeof window.axe === 'object'"):
                page.evaluate(AXE.read_text(encoding="utf-8"))
            results = page.evaluate(RUN_RULES, LIGHTHOUSE_RULES)
            assert sorted(set(results["ran"])) == sorted(LIGHTHOUSE_RULES)
            if results["violations"]:
                failures.append(f"{base}{path}:\n{describe(results['violations'])}")
            failures += [f"{base}{path}: {problem}" for problem in page.evaluate(UNSIZED_IMAGES)]
            images += page.evaluate("document.images.length")
            assert page.get_attribute(".md-search", "aria-label") == "Search"
    assert images >= len(sites)  # at least the logo on every page checked
    assert failures == [], "\n".join(failures)
    context.close()
