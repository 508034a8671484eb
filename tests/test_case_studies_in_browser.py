"""Case studies in Chromium, under the site's own Content-Security-Policy (issue 14): "Try this in the
checker" fills the page's own checker with the case's answers and gives the case's outcome, for every
case, with nothing put in the address or in storage; the outcome moves when an answer changes;
practice mode works by keyboard alone and keeps nothing; and axe finds no violation on case pages
with the answers revealed, in both colour schemes."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.meta import get_data

from safeguarding_guidance import case_studies
from audit import SCHEMES, describe, new_context, run_axe, wait_until
from serve import SiteServer
from test_accessibility import FOCUS, Keyboard
from test_case_studies import CASE_PAGES, LOCAL_CASE_PAGES

pytestmark = pytest.mark.browser

RESULT = "[data-case-study] [data-checker-result][data-outcome]"
STORAGE = "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
CHECKED = """() => {
  const form = document.querySelector("[data-case-study] [data-checker-form]");
  const answers = {};
  for (const input of form.querySelectorAll("input:checked")) (answers[input.name] ||= []).push(input.value);
  return answers;
}"""


def _case(path) -> tuple[str, dict]:
    meta = get_data(path.read_text(encoding="utf-8"))[1]
    return path.stem, meta["case"]


def _as_form(payload: dict) -> dict:
    """A case input as the form's ticked values: every answer a list of strings."""
    return {key: [str(v).lower() if isinstance(v, bool) else v for v in (value if isinstance(value, list) else [value])]
            for key, value in payload.items()}


@pytest.fixture(scope="module")
def harbourside_url(built_sites):
    with SiteServer(built_sites["harbourside"].path) as url:
        yield url


@pytest.fixture(scope="module")
def context(browser):
    context = new_context(browser, "light", viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def watched(context):
    """A page that records console errors, page errors and every address it requests."""
    page = context.new_page()
    page.problems, page.requests = [], []
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on("request", lambda request: page.requests.append((request.method, request.url)))
    return page


def try_case(page, url: str) -> str:
    """Open a case, press "Try this in the checker", and return the outcome the checker shows."""
    page.goto(url)
    before = page.evaluate(STORAGE)
    page.click("[data-case-try]")  # at once: it unfolds the model answer, which holds the case's checker
    wait_until(page, f"document.querySelector('{RESULT}') !== null", timeout=60)
    assert page.evaluate("!!document.activeElement.closest('[data-checker-result]')")  # the result (its heading) has the focus
    assert page.url == url  # no answers in the address
    assert page.evaluate(STORAGE) == before  # nor in storage
    return page.get_attribute(RESULT, "data-outcome")


def test_try_it_fills_the_checker_and_gives_the_case_outcome_for_every_case(context, site_url, harbourside_url):
    page = watched(context)
    cases = [(site_url, path) for path in CASE_PAGES]
    cases += [(harbourside_url, path) for path in LOCAL_CASE_PAGES if "harbourside" in path.parts]
    assert len(cases) >= 16
    for base, path in cases:
        case_id, case = _case(path)
        url = f"{base}{case_studies.FOLDER}/{case_id}/"
        outcome = try_case(page, url)
        assert outcome == case["expect"]["outcome"] == page.get_attribute("[data-case-study]", "data-outcome"), case_id
        assert page.evaluate(CHECKED) == _as_form(case["input"]), case_id
        assert page.get_attribute("[data-case-study]", "data-case-state") == "open"
    hosts = {urlsplit(address).netloc for _, address in page.requests if not address.startswith(("data:", "blob:"))}
    assert hosts == {urlsplit(site_url).netloc, urlsplit(harbourside_url).netloc}  # nothing from elsewhere
    assert page.problems == []
    page.close()


def test_changing_an_answer_moves_the_outcome_and_the_case_answers_come_back(context, site_url):
    page = watched(context)
    url = f"{site_url}{case_studies.FOLDER}/school-pupil-bruises/"
    assert try_case(page, url) == "share"
    page.check('[data-case-study] input[name="concern"][value="none"]')
    page.check('[data-case-study] input[name="consent"][value="refused"]')
    page.evaluate("document.querySelector('[data-checker-result]').removeAttribute('data-outcome')")
    page.click("[data-case-study] [data-checker-submit]")
    wait_until(page, f"document.querySelector('{RESULT}') !== null")
    assert page.get_attribute(RESULT, "data-outcome") == "do_not_share"  # no concern, and consent refused
    assert page.inner_text("[data-case-try]") == "Fill in the case's answers again"
    page.evaluate("document.querySelector('[data-checker-result]').removeAttribute('data-outcome')")
    page.click("[data-case-try]")
    wait_until(page, f"document.querySelector('{RESULT}') !== null")
    assert page.get_attribute(RESULT, "data-outcome") == "share"
    assert page.problems == []
    page.close()


def test_practice_mode_by_keyboard_alone(context, site_url):
    page = watched(context)
    url = f"{site_url}{case_studies.FOLDER}/housing-address-request/"
    page.goto(url)
    page.evaluate("window.scrollTo(0, 0)")
    before = page.evaluate(STORAGE)
    loaded = len(page.requests)
    keys = Keyboard(page)
    answer_hidden = "document.querySelector('[data-case-answer]').hidden"
    answer_shown = "document.querySelector('[data-case-answer]').getClientRects().length > 0"
    assert not page.evaluate(answer_shown)  # the model answer is folded away until asked for

    keys.tab_to("[data-case-practice-start]", limit=200)
    keys.press("Enter")
    assert keys.focused("[data-case-practice-form] h3")  # the start of the questions
    assert page.evaluate(answer_hidden)

    # "Is anyone in immediate danger?": No (the second choice); "Is there a clear and legitimate
    # purpose?": Yes (the first, a wrong answer); "What should the practitioner do?": Do not share.
    keys.tab_to('[data-case-practice-form] input[name="immediate_danger"]')
    keys.press("ArrowDown")
    assert keys.focused('input[name="immediate_danger"][value="no"]:checked')
    keys.tab_to('[data-case-practice-form] input[name="purpose"]')
    keys.press("Space")
    assert keys.focused('input[name="purpose"][value="yes"]:checked')
    keys.tab_to('[data-case-practice-form] input[name="outcome"]')
    keys.press("ArrowDown")
    keys.press("ArrowDown")
    assert keys.focused('input[name="outcome"][value="do_not_share"]:checked')
    keys.tab_to('[data-case-practice-form] textarea[name="reasons"]')
    page.keyboard.type("He has <b>parental responsibility</b>")
    keys.tab_to("[data-case-practice-reveal]")
    keys.press("Enter")

    wait_until(page, "document.activeElement.matches('[data-case-comparison] h3')")
    assert page.evaluate(FOCUS)["problems"] == []
    assert not page.evaluate(answer_hidden) and page.evaluate(answer_shown)
    rows = page.evaluate("""() => [...document.querySelectorAll('[data-case-comparison] tbody tr')].map(
        (row) => [...row.children].map((cell) => cell.innerText.trim()))""")
    assert rows == [
        ["Is anyone in immediate danger?", "No\nSame as the model", "No"],
        ["Is there a clear and legitimate purpose for sharing?", "Yes\nDifferent from the model", "No"],
        ["So what should the practitioner do?", "Do not share\nSame as the model", "Do not share"],
    ]
    assert "2 of 3" in page.inner_text("[data-case-comparison]")
    assert "He has <b>parental responsibility</b>" in page.inner_text("[data-case-comparison]")  # kept as text
    assert page.locator("[data-case-comparison] b").count() == 0

    keys.tab_to("[data-case-comparison] button")
    keys.press("Enter")  # practise again
    assert keys.focused("[data-case-practice-form] h3")
    assert page.evaluate(answer_hidden) and not page.evaluate(answer_shown)
    assert page.locator("[data-case-comparison]").count() == 0
    assert page.evaluate("[...document.querySelectorAll('[data-case-practice-form] input')].every((i) => !i.checked)")

    assert page.evaluate(STORAGE) == before  # nothing stored
    # Nothing sent: while practising, the page only fetches the site's own files (the checker's runtime
    # starts loading once the model answer, which holds it, comes into view), with nothing in the address.
    for method, address in page.requests[loaded:]:
        parts = urlsplit(address)
        assert method == "GET" and parts.netloc == urlsplit(site_url).netloc and not parts.query, address
    assert page.problems == []
    page.close()


def test_a_link_ending_practise_opens_the_case_in_practice_mode(context, site_url):
    page = watched(context)
    page.goto(f"{site_url}{case_studies.FOLDER}/gp-whole-record-request/#practise")
    assert page.evaluate("document.querySelector('[data-case-answer]').hidden")
    assert page.is_visible("[data-case-practice-form]")
    page.close()


# axe, with the answers revealed ----------------------------------------------------------------------

# One case for each checker, and the local case of a partnership edition.
AXE_CASES = ["school-pupil-bruises", "housing-address-request", "gp-whole-record-request"]


def _reveal_and_try(page, url: str) -> None:
    page.goto(url)
    page.click("[data-case-practice-start]")
    page.locator("[data-case-practice-form] input").first.check()
    page.locator('[data-case-practice-form] input[name="outcome"]').last.check()
    page.fill('[data-case-practice-form] textarea[name="reasons"]', "Because the child is at risk.")
    page.click("[data-case-practice-reveal]")
    page.wait_for_selector("[data-case-comparison]")
    page.click("[data-case-try]")
    wait_until(page, f"document.querySelector('{RESULT}') !== null", timeout=60)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_case_pages_pass_axe_with_the_answers_revealed(browser, site_url, harbourside_url, scheme):
    context = new_context(browser, scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = []
    try:
        targets = [f"{site_url}{case_studies.FOLDER}/{case_id}/" for case_id in AXE_CASES]
        targets.append(f"{harbourside_url}{case_studies.FOLDER}/harbourside-childminder-neighbour/")
        for url in targets:
            _reveal_and_try(page, url)
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
            results = run_axe(page)
            if results["violations"]:
                failures.append(f"{url}, answers revealed and checker tried:\n{describe(results['violations'])}")
        page.goto(f"{site_url}{case_studies.FOLDER}/facilitators-pack/")
        page.check("#case-pack-cases-only")
        assert not page.locator(".case-pack__case .case-answer").first.is_visible()  # cases only, on screen too
        results = run_axe(page)
        if results["violations"]:
            failures.append(f"facilitator's pack, cases only:\n{describe(results['violations'])}")
    finally:
        context.close()
    assert failures == [], "\n".join(failures)


def test_the_pack_prints_each_case_on_a_new_page_with_or_without_answers(context, site_url):
    page = watched(context)
    page.goto(f"{site_url}{case_studies.FOLDER}/facilitators-pack/")
    page.emulate_media(media="print")
    shown = "(selector) => [...document.querySelectorAll(selector)].filter((e) => getComputedStyle(e).display !== 'none').length"
    cases = len(CASE_PAGES)
    assert page.evaluate(shown, ".case-pack__case") == cases
    assert page.evaluate(shown, ".case-pack__case .case-answer") == cases
    assert page.evaluate("getComputedStyle(document.querySelector('.case-pack__case')).breakBefore") == "page"
    assert page.evaluate(shown, ".case-pack__options") == 0
    page.emulate_media(media="screen")
    page.check("#case-pack-cases-only")
    page.emulate_media(media="print")
    assert page.evaluate(shown, ".case-pack__case .case-answer") == 0
    assert page.evaluate(shown, ".case-pack__case") == cases
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", page.pdf(format="A4")))
    assert pages >= cases + 1  # the introduction, then each case on a page (or more) of its own
    page.emulate_media(media="screen")
    assert page.problems == []
    page.close()


def test_a_case_page_prints_the_case_and_the_checker_answer_not_the_controls(context, site_url):
    page = watched(context)
    page.goto(f"{site_url}{case_studies.FOLDER}/school-pupil-bruises/")
    page.emulate_media(media="print")
    display = "(selector) => getComputedStyle(document.querySelector(selector)).display"
    assert page.evaluate(display, "[data-case-answer]") != "none"  # folded on screen, printed on paper
    assert page.evaluate(display, ".case-study__summary") != "none"
    for selector in (".case-practice", "[data-case-study] [data-checker-form]", ".case-study__try"):
        assert page.evaluate(display, selector) == "none", selector
    page.emulate_media(media="screen")
    page.click("[data-case-practice-start]")  # practice mode: the model answer is hidden, so it prints the case alone
    page.emulate_media(media="print")
    assert page.evaluate(display, "[data-case-answer]") == "none"
    page.emulate_media(media="screen")
    page.close()


def test_without_webassembly_try_it_fills_the_checklist_and_says_why(browser, site_url):
    """As on a managed machine whose browser has WebAssembly switched off: the case's answers are still
    filled in, as a checklist, and the checker says why it cannot assess them."""
    context = new_context(browser, "light")
    context.add_init_script("delete globalThis.WebAssembly")
    page = context.new_page()
    try:
        case_id, case = _case(next(path for path in CASE_PAGES if path.stem == "probation-new-partner"))
        page.goto(f"{site_url}{case_studies.FOLDER}/{case_id}/")
        page.click("[data-case-try]")
        page.wait_for_selector('[data-case-study][data-checker-state="unavailable"]', timeout=10000)
        wait_until(page, "document.activeElement.matches('[data-case-study] [data-checker-form] input')")
        assert "blocks WebAssembly" in page.inner_text("[data-case-study] [data-checker-status]")
        assert page.evaluate(CHECKED) == _as_form(case["input"])
        assert page.is_visible("[data-case-study] [data-checker-form]")
    finally:
        context.close()


def test_without_javascript_a_case_reads_as_a_page_with_its_model_answer(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}{case_studies.FOLDER}/school-pupil-bruises/")
        assert page.is_visible("#model-answer") and page.is_visible(".case-study__summary")
        assert "the lawful basis checker says: Share" in page.inner_text(".case-study__summary")
        for hidden in ("[data-case-practice]", "[data-case-try]", "[data-case-study] [data-checker-form]"):
            assert not page.is_visible(hidden), hidden
    finally:
        context.close()


def test_the_model_answer_stays_hidden_until_asked_for(context, site_url):
    """A trainee reading down the page meets the practice box, not the answer: the model answer is
    folded away until they compare (or a reader asks to see it), at 1280 and at 390 px."""
    page = watched(context)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"{site_url}{case_studies.FOLDER}/housing-address-request/")
        shown = "document.querySelector('[data-case-answer]').getClientRects().length > 0"
        assert not page.evaluate(shown)
        assert "Model answer" not in page.inner_text("article")
        page.click("[data-case-practice-start]")
        assert not page.evaluate(shown)
        page.click("[data-case-practice-reveal]")
        wait_until(page, "document.activeElement.matches('[data-case-comparison] h3')")
        assert page.evaluate(shown)
        page.goto(f"{site_url}{case_studies.FOLDER}/housing-address-request/")
        page.click("[data-case-answer-show]")
        assert page.evaluate(shown) and page.evaluate("document.activeElement.matches('[data-case-answer] h2')")
        assert not page.is_visible("[data-case-answer-show]")
    assert page.problems == []
    page.close()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_comparison_reads_well_on_a_phone_with_no_word_broken(browser, site_url, scheme):
    """At 390 px each question of the comparison is a card, its cells labelled, and no word is split
    across two lines; at 1280 px it is a three-column table."""
    context = new_context(browser, scheme, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}{case_studies.FOLDER}/gp-whole-record-request/")
        page.click("[data-case-practice-start]")
        page.locator("[data-case-practice-form] input").first.check()
        page.click("[data-case-practice-reveal]")
        page.wait_for_selector("[data-case-comparison]")
        broken = page.evaluate("""() => {
          // Every word of every cell: the top of its first and last letter lie on the same line.
          const split = [];
          for (const cell of document.querySelectorAll('.case-practice__table th, .case-practice__table td')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const match of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                if (range.getClientRects().length > 1) split.push(match[0]);
              }
            }
          }
          return split;
        }""")
        assert broken == []
        table = page.locator(".case-practice__table")
        assert table.bounding_box()["width"] <= 390
        assert page.evaluate("getComputedStyle(document.querySelector('.case-practice__table tbody tr')).display") == "block"
        assert page.evaluate("getComputedStyle(document.querySelector('.case-practice__table td'), '::before').content") == '"Your answer: "'
        page.set_viewport_size({"width": 1280, "height": 900})
        assert page.evaluate("getComputedStyle(document.querySelector('.case-practice__table tbody tr')).display") == "table-row"
    finally:
        context.close()
