"""The checkers in the page, in Debian chromium under the site's own Content-Security-Policy: the same
outcome as the command line, nothing requested from elsewhere, a usable checklist without JavaScript
or WebAssembly, and a decision record that keeps the typed text as data."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from checkers import api, key_questions
from scenarios import load_cases

pytestmark = pytest.mark.browser

READY = '[data-checker][data-checker-state="ready"], [data-checker][data-checker-state="unavailable"]'


def open_checker(context, site_url, name):
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{site_url}checkers/{name}/")
    page.locator("[data-checker]").scroll_into_view_if_needed()  # it starts on coming into view
    page.wait_for_selector(READY, timeout=60000)
    assert page.get_attribute("[data-checker]", "data-checker-state") == "ready"
    return page, problems


def fill(page, payload: dict) -> None:
    """Answer the form like a person: untick every box, then tick the answers in question order.
    Key questions reveal each question after the one before is answered; an answer the flow never
    asks for (off the path taken) cannot be given in the page, and is left out."""
    form = page.locator("[data-checker-form]")
    # As a fresh visit: optional questions unanswered (and, for key questions, the flow back at its start,
    # which the worker works out after the change event).
    form.evaluate("form => { form.reset(); form.dispatchEvent(new Event('change', { bubbles: true })); }")
    for box in form.locator('input[type="checkbox"]').all():
        box.uncheck()
    flow = page.get_attribute("[data-checker]", "data-checker") == "key-questions"
    if flow:
        start = api.evaluate("key-questions", {})["visible"]
        wait_until(page, "[...document.querySelectorAll('fieldset[data-question]:not([hidden])')]"
                         ".map((f) => f.dataset.question).join() === " + json.dumps(",".join(start)))
    answered: dict = {}
    for fieldset in form.locator("fieldset[data-question]").all():
        name = fieldset.get_attribute("data-question")
        if name not in payload:
            continue
        # Key questions: only a question the flow reaches for the answers so far can be answered.
        if flow and name not in api.evaluate("key-questions", answered)["visible"]:
            continue
        if not _visible_soon(fieldset):
            continue
        value = payload[name]
        for item in value if isinstance(value, list) else [value]:
            text = str(item).lower() if isinstance(item, bool) else item
            fieldset.locator(f'input[value="{text}"]').check()
        answered[name] = value


def _visible_soon(locator, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while not locator.is_visible():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def submit(page) -> str:
    page.evaluate("document.querySelector('[data-checker-result]').removeAttribute('data-outcome')")
    page.click("[data-checker-submit]")
    page.wait_for_selector("[data-checker-result][data-outcome]", timeout=10000)
    return page.get_attribute("[data-checker-result]", "data-outcome")


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


# Every scenario input; the browser is compared with the command line on today's law.
CASES = {name: [case for n, _, case in load_cases() if n == name] for name in api.CHECKERS}


def covering(cases: list[dict], checker: str) -> list[dict]:
    """The fewest scenarios (chosen greedily, in file order) that between them give every answer the
    scenarios give to every question, and reach every outcome they reach. Filling the form in the page
    is what these check; that each scenario's outcome is the law's is checked for all of them by
    tests/test_scenarios.py, and in Pyodide by tests/test_pyodide_parity.py."""
    def features(case):
        found = {("outcome", api.evaluate(checker, case["input"])["outcome"])}
        for question, value in case["input"].items():
            for item in value if isinstance(value, list) else [value]:
                found.add((question, json.dumps(item)))
        return found

    wanted = [features(case) for case in cases]
    missing, chosen = set().union(*wanted), []
    while missing:
        best = max(range(len(cases)), key=lambda i: len(wanted[i] & missing))
        chosen.append(cases[best])
        missing -= wanted[best]
    return chosen


COVERING = {name: covering(CASES[name], name) for name in ("lawful-basis", "proportionality")}


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a condition with page.evaluate (string functions would need 'unsafe-eval' under the CSP)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.05)


@pytest.mark.parametrize("name", ["lawful-basis", "proportionality"])
def test_browser_outcome_equals_command_line(context, site_url, name):
    page, problems = open_checker(context, site_url, name)
    assert len(COVERING[name]) >= 5, name
    for case in COVERING[name]:
        fill(page, case["input"])
        expected = api.evaluate(name, case["input"])["outcome"]
        assert submit(page) == expected, case["description"]
    assert problems == []


def test_key_questions_follow_the_flow(context, site_url):
    page, problems = open_checker(context, site_url, "key-questions")
    visible = lambda: [q for q in page.locator("fieldset[data-question]").all() if q.is_visible()]
    # The immediate-danger question always, and the first question of the flow until it is answered.
    assert [q.get_attribute("data-question") for q in visible()] == ["immediate_danger", "purpose"]
    page.check('input[name="purpose"][value="yes"]')
    wait_until(page, "document.querySelectorAll('fieldset[data-question]:not([hidden])').length === 3")
    page.check('input[name="identifies"][value="yes"]')
    page.check('input[name="confidential"][value="yes"]')
    page.check('input[name="consent"][value="no"]')
    page.check('input[name="other_reason"][value="public_interest"]')
    page.wait_for_selector('[data-checker-result][data-outcome="share"]')
    result = page.inner_text("[data-checker-result]")
    assert "Share only what is needed" in result or "Decide how much to share" in result
    assert page.locator("[data-checker-record]").is_visible()  # a finished result: the record can be made
    page.click("[data-record-clear]")
    page.check('input[name="purpose"][value="yes"]')  # unfinished: a record needs a result first
    wait_until(page, "!document.querySelector('fieldset[data-question=\"identifies\"]').hidden")
    assert page.locator("[data-checker-record]").is_hidden()
    assert page.locator("[data-checker-result]").is_hidden()
    for case in CASES["key-questions"]:
        page.click("[data-record-clear]")
        fill(page, case["input"])
        assert submit(page) == api.evaluate("key-questions", case["input"])["outcome"], case["description"]
    assert problems == []


def test_result_shows_references_actions_and_who_to_ask(context, site_url):
    page, _ = open_checker(context, site_url, "lawful-basis")
    fill(page, {"organisation": "health", "purpose": "safeguarding", "protecting": "child", "concern": "significant_harm",
                "data": ["personal", "special_category"], "consent": "would_prejudice", "confidential": True})
    assert submit(page) == "share"
    region = page.locator("[data-checker-result]")
    assert "DPA 2018 Sch 1 para 18" not in region.inner_text()  # the law is one click away
    region.locator("[data-result-section='law'] summary").click()
    text = region.inner_text()
    for expected in ("UK GDPR Art 6(1)(e)", "DPA 2018 Sch 1 para 18", "What to do now", "What to record", "Who to ask",
                     "data protection officer", "your safeguarding lead", "Caldicott Guardian"):  # a health body's lead
        assert expected in text
    links = [a.get_attribute("href") for a in region.locator("a").all()]
    assert any("legislation.gov.uk/ukpga/2018/12/schedule/1/paragraph/18" in href for href in links)
    assert any(href.startswith(site_url) and "lawful-bases/#schedule-1-paragraph-18" in href for href in links)


def test_missing_answers_are_listed_and_linked(context, site_url):
    page, _ = open_checker(context, site_url, "lawful-basis")
    fill(page, {"organisation": "police"})
    page.click("[data-checker-submit]")
    page.wait_for_selector("[data-checker-problems]:not([hidden])")
    problems = page.locator("[data-checker-problems] li a")
    assert problems.count() == 6  # every unanswered question, each linked to its first answer
    assert page.evaluate("document.activeElement.matches('[data-checker-problems]')")
    # The list sits above the form it is about, and no result is shown
    assert page.evaluate("""document.querySelector('[data-checker-problems]')
        .compareDocumentPosition(document.querySelector('[data-checker-form]')) & Node.DOCUMENT_POSITION_FOLLOWING""")
    assert page.locator("[data-checker-result]").is_hidden() and page.locator("[data-checker-record]").is_hidden()


def test_runs_under_csp_with_no_request_elsewhere(browser, site_url):
    context = browser.new_context()
    hosts = set()
    context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page, problems = open_checker(context, site_url, "proportionality")
    response = page.goto(f"{site_url}checkers/proportionality/")
    assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()} or \
        "content-security-policy" in response.headers
    page.wait_for_selector(READY)
    fill(page, CASES["proportionality"][0]["input"])
    submit(page)
    assert problems == []
    assert hosts == {urlsplit(site_url).netloc}
    context.close()


def test_guidance_pages_do_not_start_the_checkers(browser, site_url):
    """Pyodide starts only on a page with a checker (the service worker may still fetch it, for offline use)."""
    context = browser.new_context()
    page = context.new_page()
    workers, requested = [], []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}myths/")
    page.wait_for_load_state("networkidle")
    assert [url for url in workers if "checker-worker" in url] == []
    assert [url for url in requested if "checker-results" in url] == []
    page.goto(f"{site_url}checkers/key-questions/")
    page.wait_for_selector(READY, timeout=60000)
    assert [url for url in workers if "checker-worker" in url]
    context.close()


def test_without_javascript_the_checker_is_a_checklist(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}checkers/key-questions/")
    assert page.get_attribute("[data-checker]", "data-checker-state") == "idle"
    assert "needs JavaScript and WebAssembly" in page.inner_text("[data-checker-status]")
    questions = page.locator("fieldset[data-question]")
    assert questions.count() == len(key_questions.QUESTIONS) and all(q.is_visible() for q in questions.all())
    identifies = [q.id for q in key_questions.QUESTIONS].index("identifies") + 1
    assert f"Go to question {identifies}." in page.inner_text("fieldset[data-question='purpose']")
    assert not page.locator("[data-checker-submit]").is_visible()
    context.close()


def test_without_webassembly_the_checker_is_a_checklist_and_says_why(browser, site_url):
    """As on a managed machine whose browser has WebAssembly switched off."""
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly")
    page = context.new_page()
    page.goto(f"{site_url}checkers/lawful-basis/")
    page.wait_for_selector('[data-checker][data-checker-state="unavailable"]', timeout=5000)
    assert "blocks WebAssembly" in page.inner_text("[data-checker-status]")
    assert page.locator("fieldset[data-question]").count() == len(api.CHECKERS["lawful-basis"].QUESTIONS)
    assert not page.locator("[data-checker-submit]").is_visible()
    context.close()


def test_webassembly_blocked_by_policy_falls_back_within_the_timeout(browser, default_site):
    """A policy without 'wasm-unsafe-eval' makes loadPyodide hang rather than fail: the page must give
    up by its 20-second timeout and offer the checklist."""
    from serve import SiteServer, parse_headers_file

    rules = parse_headers_file((default_site.path / "_headers").read_text(encoding="utf-8"))
    rules = [(pattern, [(name, value.replace(" 'wasm-unsafe-eval'", "")) for name, value in headers])
             for pattern, headers in rules]
    with SiteServer(default_site.path, rules=rules) as url:
        context = browser.new_context()
        page = context.new_page()
        started = time.monotonic()
        page.goto(f"{url}checkers/proportionality/")
        page.wait_for_selector('[data-checker][data-checker-state="unavailable"]', timeout=30000)
        waited = time.monotonic() - started
        assert waited < 25, waited
        assert "not available" in page.inner_text("[data-checker-status]")
        assert page.locator("fieldset[data-question]").count() == 12
        context.close()


HOSTILE = '<script>alert("x")</script> [click](javascript:alert(1)) **bold** & done'


def test_downloaded_record_keeps_typed_text_as_escaped_data(browser, site_url, tmp_path):
    context = browser.new_context(accept_downloads=True)
    page, problems = open_checker(context, site_url, "lawful-basis")
    answers = {"organisation": "school", "purpose": "safeguarding", "protecting": "child", "concern": "significant_harm",
               "data": ["personal"], "consent": "not_asked", "confidential": True}
    fill(page, answers)
    assert submit(page) == "share"
    record = page.locator("[data-record-form]")
    for field in ("what", "with_whom", "why", "when", "by_whom", "reasons"):
        record.locator(f'[name="{field}"]').fill(HOSTILE if field == "what" else f"typed {field.replace('_', ' ')}")
    record.locator('input[name="decision"][value="shared"]').check()
    page.click("[data-record-make]")
    page.wait_for_selector("[data-record-output]:not([hidden])")
    assert page.inner_text("[data-record-text] [data-field='what']") == HOSTILE  # shown as typed, as text
    assert page.locator("[data-record-output] script, [data-record-output] [href^='javascript']").count() == 0
    with page.expect_download() as markdown_download:
        page.click('[data-record-download="md"]')
    markdown = open(markdown_download.value.path(), encoding="utf-8").read()
    assert "&lt;script&gt;alert" in markdown and "<script>" not in markdown
    assert "\\[click\\](javascript:alert(1))" in markdown
    assert "typed by whom" in markdown
    with page.expect_download() as json_download:
        page.click('[data-record-download="json"]')
    text = open(json_download.value.path(), encoding="utf-8").read()
    assert "<script>" not in text and "\\u003cscript\\u003e" in text
    data = json.loads(text)
    assert data["details"]["what"] == HOSTILE
    assert any(ref["citation"] == "UK GDPR Art 6(1)(e)" for ref in data["references"])
    page.click("[data-record-clear]")
    assert page.locator("[data-record-output]").is_hidden()
    assert page.locator("[data-record-form] [name='what']").input_value() == ""
    assert problems == []
    context.close()


# The result, for someone short of time: outcome first, focus on it, each outcome distinct ----------

from scenarios import case_input  # noqa: E402

# For each checker, an input giving each of its outcomes (from the scenario cases).
OUTCOME_CASES = {
    "lawful-basis": {"share": "lawful-basis/charity-significant-harm-health-data",
                     "do_not_share": "lawful-basis/no-concern-refused-confidential",
                     "seek_advice": "lawful-basis/welfare-refused-confidential"},
    "proportionality": {"proportionate": "proportionality/minimum-to-safeguarding-role-securely",
                        "review": "proportionality/both-harms-high",
                        "not_proportionate": "proportionality/more-than-needed"},
    "key-questions": {"share": "key-questions/refused-but-public-interest",
                      "do_not_share": "key-questions/no-legitimate-purpose",
                      "seek_advice": "key-questions/purpose-not-sure"},
}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# Where the result's heading is: focused, inside the window, and not under the sticky header.
HEADING_SEEN = """() => {
  const heading = document.activeElement;
  if (!heading || !heading.matches('[data-checker-result] [data-result-heading]')) return 'focus is not on the result heading';
  const box = heading.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  if (box.top < header.bottom || box.bottom > innerHeight) return `heading at ${box.top}-${box.bottom}, window ${header.bottom}-${innerHeight}`;
  const hit = document.elementFromPoint(box.left + 5, (box.top + box.bottom) / 2);
  return heading.contains(hit) ? 'seen' : `covered by ${hit && hit.className}`;
}"""


def outcome_style(page) -> dict:
    return page.evaluate("""() => {
      const banner = document.querySelector('[data-checker-result] .checker-outcome');
      const style = getComputedStyle(banner);
      const heading = banner.querySelector('[data-result-heading]');
      return { background: style.backgroundColor, border: style.borderLeftColor, colour: getComputedStyle(heading).color,
               icon: banner.querySelector('use').getAttribute('href'), words: heading.innerText.trim() };
    }""")


@pytest.mark.parametrize("name", list(OUTCOME_CASES))
def test_focus_moves_to_the_result_heading_on_screen(browser, site_url, name):
    """On a laptop (1280 px) and a phone (390 px), for every outcome: after "Check my answers" (and, for
    the key questions, on the answer that reaches the outcome) the result's heading has the focus and
    is on the screen, clear of the sticky header."""
    context = browser.new_context(viewport=DESKTOP)
    page, problems = open_checker(context, site_url, name)
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for outcome, case in OUTCOME_CASES[name].items():
            page.click("[data-record-clear]")
            page.evaluate("window.scrollTo(0, 0)")
            fill(page, case_input(case))
            if name == "key-questions":  # the last answer reaches the outcome: the page moves to it
                wait_until(page, "document.activeElement.matches('[data-result-heading]')")
                assert page.evaluate(HEADING_SEEN) == "seen", (case, viewport, "on the last answer")
                page.evaluate("window.scrollTo(0, 0)")
            assert submit(page) == outcome
            wait_until(page, "document.activeElement.matches('[data-result-heading]')")
            assert page.evaluate(HEADING_SEEN) == "seen", (case, viewport)
    assert problems == []
    context.close()


def test_key_questions_answered_with_arrow_keys_keep_the_focus(context, site_url):
    """Arrow keys tick each radio button in turn: reaching an outcome that way must not take the focus
    from the group (the next answer must still be reachable), but the result is still announced."""
    page, _ = open_checker(context, site_url, "key-questions")
    page.focus('input[name="purpose"][value="yes"]')
    page.keyboard.press("ArrowDown")  # "No": do not share
    page.wait_for_selector('[data-checker-result][data-outcome="do_not_share"]')
    assert page.evaluate("document.activeElement.matches('input[name=\"purpose\"][value=\"no\"]')")
    assert "Do not share" in page.inner_text("[data-result-announcement]")
    page.keyboard.press("ArrowDown")  # "Not sure": seek advice
    page.wait_for_selector('[data-checker-result][data-outcome="seek_advice"]')
    assert page.evaluate("document.activeElement.matches('input[name=\"purpose\"][value=\"not_sure\"]')")


@pytest.mark.parametrize("name", list(OUTCOME_CASES))
def test_result_sections_come_in_order_with_the_law_last_and_folded(context, site_url, name):
    page, _ = open_checker(context, site_url, name)
    for case in OUTCOME_CASES[name].values():
        page.click("[data-record-clear]")
        fill(page, case_input(case))
        submit(page)
        order = page.evaluate("""() => [...document.querySelectorAll('[data-checker-result] > *')]
            .map((part) => part.matches('.checker-outcome') ? 'outcome' : part.dataset.resultSection || part.className)""")
        assert order == ["outcome", "actions", "ask", "why", "law", "checker-result__disclaimer"], case
        assert page.evaluate("!document.querySelector('[data-result-section=\"law\"] details').open")
        summary = page.inner_text(".checker-outcome__summary")
        assert summary and summary in page.inner_text(".checker-outcome")  # one plain sentence, in the banner


@pytest.mark.parametrize("name", list(OUTCOME_CASES))
def test_each_outcome_has_its_own_colour_icon_and_words(browser, site_url, name):
    """In the light and then the dark scheme: the three outcomes differ in background, border, colour,
    icon and words, and the words have 4.5:1 or more against their background."""
    from safeguarding_guidance import colour_contrast

    rgb = lambda css: "#" + "".join(f"{int(part):02x}" for part in css[css.index("(") + 1:-1].split(",")[:3])  # noqa: E731
    context = browser.new_context(color_scheme="light")
    page, _ = open_checker(context, site_url, name)
    for scheme in ("default", "slate"):
        if page.evaluate("document.body.dataset.mdColorScheme") != scheme:
            page.click(".md-header__option label:not([hidden])")  # the colour scheme switch
            wait_until(page, f"document.body.dataset.mdColorScheme === '{scheme}'")
        styles = {}
        for outcome, case in OUTCOME_CASES[name].items():
            page.click("[data-record-clear]")
            fill(page, case_input(case))
            assert submit(page) == outcome
            styles[outcome] = outcome_style(page)
        for key in ("background", "border", "colour", "icon", "words"):
            values = [style[key] for style in styles.values()]
            assert len(set(values)) == len(values), (scheme, key, styles)
        for outcome, style in styles.items():
            assert colour_contrast.contrast(rgb(style["colour"]), rgb(style["background"])) >= 4.5, (scheme, outcome, style)
    context.close()


def test_proportionality_principles_are_readable_cards_on_a_phone(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page, _ = open_checker(context, site_url, "proportionality")
    fill(page, case_input("proportionality/more-than-needed"))
    submit(page)
    assert page.locator("[data-principle]").first.is_hidden()  # folded under "Why" until opened
    page.click("[data-result-more='why'] summary")
    cards = page.evaluate("""() => [...document.querySelectorAll('[data-principle]')].map((card) => {
      const advice = card.querySelector('.checker-principle__advice');
      return { status: card.querySelector('.checker-status').innerText.trim(), icon: !!card.querySelector('.checker-status use'),
               advice: advice.getBoundingClientRect().width / card.getBoundingClientRect().width };
    })""")
    assert len(cards) == len(api.evaluate("proportionality", case_input("proportionality/more-than-needed"))["principles"])
    assert {card["status"] for card in cards} == {"Met", "Not met", "Check"}
    order = [card["status"] for card in cards]  # what is wrong first
    assert order == sorted(order, key=["Not met", "Check", "Met"].index)
    assert all(card["icon"] and card["advice"] > 0.85 for card in cards), cards  # advice at the card's full width
    context.close()


def test_advice_links_to_what_it_names_and_keeps_capitals(context, site_url):
    page, _ = open_checker(context, site_url, "key-questions")
    fill(page, case_input("key-questions/refused-but-public-interest"))
    submit(page)
    link = page.locator("[data-checker-result] a", has_text="the lawful basis checker")
    assert link.get_attribute("href").endswith("checkers/lawful-basis/")
    page.click("[data-record-clear]")
    fill(page, case_input("key-questions/confidential-with-consent"))
    submit(page)
    assert "Your Caldicott Guardian" in page.inner_text("[data-result-section='ask']")
    page, _ = open_checker(context, site_url, "lawful-basis")
    fill(page, case_input("lawful-basis/charity-significant-harm-health-data"))
    submit(page)
    record = page.locator("[data-result-section='actions'] a", has_text="what to record")
    target = record.get_attribute("href")
    assert page.locator(target).inner_text() == "What to record"
    page.locator("[data-result-section='law'] summary").click()
    law = page.evaluate("""() => {  // the text as seen (without what is there for screen readers only)
      const copy = document.querySelector("[data-result-section='law']").cloneNode(true);
      copy.querySelectorAll('.checker-visually-hidden').forEach((hidden) => hidden.remove());
      return copy.textContent;
    }""")
    citations = [r["citation"] for r in api.evaluate("lawful-basis", case_input("lawful-basis/charity-significant-harm-health-data"))["references"]]
    for citation in citations:
        assert law.count(citation) >= 1
    assert law.count("Information sharing: advice for practitioners") == 1  # not repeated


def test_do_not_share_says_what_to_record(context, site_url):
    page, _ = open_checker(context, site_url, "key-questions")
    fill(page, case_input("key-questions/no-legitimate-purpose"))
    submit(page)
    actions = page.inner_text("[data-result-section='actions']")
    assert "What to record" in actions and "not to share" in actions
    assert page.locator("[data-checker-record]").is_visible()


# Local contacts in a partnership's edition -----------------------------------------------------------

def test_who_to_ask_gives_the_partnerships_own_contacts(browser, built_sites, site_url):
    import yaml
    from serve import SiteServer

    config = yaml.safe_load((ROOT / "examples/harbourside/mkdocs.yml").read_text(encoding="utf-8"))
    contacts = config["extra"]["partnership"]["contacts"]
    answers = {"organisation": "health", "purpose": "safeguarding", "protecting": "child", "concern": "significant_harm",
               "data": ["personal", "special_category"], "consent": "would_prejudice", "confidential": True}
    with SiteServer(built_sites["harbourside"].path) as url:
        context = browser.new_context()
        page, problems = open_checker(context, url, "lawful-basis")
        fill(page, answers)
        submit(page)
        ask = page.inner_text("[data-result-section='ask']")
        for key in ("designated_safeguarding_leads", "data_protection_officer"):
            assert contacts[key]["name"] in ask, key
        # Each contact briefly (its name and phone); its email, hours and notes are on Local contacts.
        assert contacts["data_protection_officer"]["phone"] in ask
        assert contacts["data_protection_officer"]["email"] not in ask
        # The first action is the referral to children's social care: the front door is given there, once.
        first = page.locator("[data-checker-result] .checker-result__steps > li").first
        assert first.inner_text().startswith("Refer to children's social care")
        front_door = first.locator("[data-first-contact] a[href^='tel:']").get_attribute("href")
        assert front_door == "tel:" + contacts["childrens_social_care"]["phone"].replace(" ", "")
        assert contacts["childrens_social_care"]["name"] not in ask
        assert "If a child is in immediate danger: call 999." in ask
        page.click("[data-record-clear]")
        fill(page, {**answers, "organisation": "local_authority"})
        submit(page)
        page, _ = open_checker(context, url, "key-questions")
        fill(page, case_input("key-questions/refused-but-public-interest"))
        submit(page)
        assert contacts["caldicott_guardian"]["name"] in page.inner_text("[data-result-section='ask']")
        assert problems == []
        context.close()
    # The unbranded site names no partnership's contacts: it says where to find yours.
    context = browser.new_context()
    page, _ = open_checker(context, site_url, "lawful-basis")
    fill(page, answers)
    submit(page)
    ask = page.inner_text("[data-result-section='ask']")
    shown = page.inner_text("[data-checker-result]")
    assert "In your area: your local children's social care front door" in page.inner_text("[data-first-contact]")
    assert not any(contact["name"] in shown for contact in contacts.values())
    assert "If a child is in immediate danger: call 999." in ask
    context.close()


# The decision record: the fidelity corpus through the page, the clipboard and the downloads -----------

from record_corpus import (  # noqa: E402
    DETAILS as RECORD_DETAILS, blank_lines_as_empty, corpus_records, markdown_field, render_markdown, shown,
)
from conftest import ROOT  # noqa: E402


def test_record_keeps_every_corpus_string_on_screen_in_the_clipboard_and_in_the_downloads(browser, site_url):
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page, problems = open_checker(context, site_url, "key-questions")
    answers = case_input("key-questions/refused-but-public-interest")
    fill(page, answers)
    submit(page)
    record = page.locator("[data-record-form]")
    checked = 0
    for details in corpus_records():
        for key in RECORD_DETAILS:
            record.locator(f'[name="{key}"]').fill(details.get(key, ""))
        record.locator('input[name="decision"][value="shared"]').check()
        typed = {key: record.locator(f'[name="{key}"]').input_value() for key in details}
        for key, text in details.items():  # the fields hold what was typed (a <textarea> writes every CR as LF)
            assert typed[key] == text.replace("\r\n", "\n").replace("\r", "\n"), (key, text)
        page.click("[data-record-make]")
        page.wait_for_selector("[data-record-output]:not([hidden])")
        expected = api.evaluate("decision-record", {"checker": "key-questions", "answers": answers,
                                                    "details": {**typed, "decision": "shared"}})
        # On screen: each field's text, as typed
        for key, text in typed.items():
            assert page.inner_text(f"[data-record-text] [data-field='{key}']") == shown(text), (key, text)
        # The clipboard: the plain text and the formatted version
        page.click("[data-record-copy]")
        wait_until(page, "document.querySelector('[data-record-status]').textContent.startsWith('Copied')")
        clipboard = page.evaluate("""async () => {
          const [item] = await navigator.clipboard.read();
          return { text: await (await item.getType('text/plain')).text(), html: await (await item.getType('text/html')).text() };
        }""")
        assert clipboard["text"] == expected["text"]
        for key, text in typed.items():
            assert f"\n{RECORD_DETAILS[key].label}\n{shown(text)}\n" in clipboard["text"], (key, text)
        assert '<article class="decision-record">' in clipboard["html"] and "<script" not in clipboard["html"]
        # The downloads: .md rendered by Python-Markdown with the site's extensions, and .json exactly
        with page.expect_download() as download:
            page.click('[data-record-download="md"]')
        rendered = render_markdown(open(download.value.path(), encoding="utf-8").read())
        with page.expect_download() as download:
            page.click('[data-record-download="json"]')
        data = json.loads(open(download.value.path(), encoding="utf-8").read())
        for key, text in typed.items():
            shown_text, tags = markdown_field(rendered, RECORD_DETAILS[key].label)
            assert blank_lines_as_empty(shown_text) == blank_lines_as_empty(shown(text)) and tags == [], (key, text)
            assert data["details"][key] == text, key
            checked += 1
    assert checked >= 50
    assert problems == []
    context.close()


def test_print_the_record_alone_in_one_or_two_pages(browser, built_sites):
    from serve import SiteServer

    with SiteServer(built_sites["harbourside"].path) as url:
        context = browser.new_context()
        page, _ = open_checker(context, url, "lawful-basis")
        fill(page, case_input("lawful-basis/charity-significant-harm-health-data"))
        submit(page)
        record = page.locator("[data-record-form]")
        for key in RECORD_DETAILS:
            record.locator(f'[name="{key}"]').fill(f"Typed {key.replace('_', ' ')}")
        record.locator('input[name="decision"][value="shared"]').check()
        page.click("[data-record-make]")
        page.wait_for_selector("[data-record-output]:not([hidden])")
        page.evaluate("window.print = () => {}")  # the print dialog itself is the browser's
        page.click("[data-record-print]")
        assert page.evaluate("document.body.classList.contains('print-record')")
        page.emulate_media(media="print")
        printed = page.evaluate("""() => {
          const shown = (element) => element.getClientRects().length > 0;
          return { text: document.body.innerText,
                   nav: shown(document.querySelector('.md-sidebar--primary')), form: shown(document.querySelector('[data-checker-form]')),
                   buttons: shown(document.querySelector('[data-record-copy]')) };
        }""")
        assert not printed["nav"] and not printed["form"] and not printed["buttons"]
        for expected in ("Harbourside Safeguarding Children Partnership", "Record made:", "References relied on", "DPA 2018 Sch 1 para 18"):
            assert expected in printed["text"], expected
        pdf = page.pdf(format="A4")
        pages = len(__import__("re").findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 2, pages
        context.close()


def test_flowchart_shows_without_javascript_and_prints(browser, site_url):
    """The key questions flowchart is in the page as built: seen with JavaScript off, printed, and drawn
    with nothing loaded for it."""
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}checkers/key-questions/")
    picture = page.locator(".flow-diagram__picture")
    assert picture.is_visible() and picture.bounding_box()["width"] >= 400
    assert picture.get_attribute("role") == "img" and "key questions" in picture.get_attribute("aria-label")
    assert page.locator(".flow-diagram__outcome").count() >= 6
    page.emulate_media(media="print")
    assert picture.is_visible()
    assert not [url for url in requested if url.endswith((".js", ".mjs")) and "flow" in url]
    context.close()


# One phone screen: at most 250 words before the reader opens anything --------------------------------

WORD_BUDGET = 250

# Render a result the checker gave (in CPython: test_pyodide_parity.py proves Pyodide's is identical)
# with the page's own renderer, in the page's result region, and count the words shown: innerText
# leaves out what is not rendered, such as the body of a closed <details>.
SHOWN_WORDS = """async ([name, result, script]) => {
  const { renderResult } = await import(new URL('../../' + script, location.href).href);
  const region = document.querySelector('[data-checker-result]');
  region.hidden = false;
  renderResult(region, name, result, new URL('../../', location.href).href);
  const text = region.innerText;
  return { words: text.split(/\\s+/).filter(Boolean).length, text,
           open: [...region.querySelectorAll('details')].filter((d) => d.open).length,
           actions: region.querySelectorAll('.checker-result__steps > li').length };
}"""


def results_script(site: Path) -> str:
    """The renderer's path in a built site: its name carries its content's hash (versioned_assets.py)."""
    (script,) = (site / "assets/javascripts").glob("checker-results.*.mjs")
    return script.relative_to(site).as_posix()


def shown_words(page, site: Path, name: str, result: dict) -> dict:
    return page.evaluate(SHOWN_WORDS, [name, result, results_script(site)])


def word_counts(page, site: Path, name: str) -> dict[str, dict]:
    counts = {}
    for _, case_id, case in load_cases():
        if case_id.split("/")[0] == name:
            on = case.get("date")
            counts[case_id] = shown_words(page, site, name, api.evaluate(name, case["input"], on))
    return counts


@pytest.mark.parametrize("name", list(api.CHECKERS))
def test_every_result_fits_one_phone_screen(browser, built_sites, site_url, name):
    """For every scenario input, at 390 px, in the default site and in Harbourside's edition (whose
    contacts are shown beside the actions and in who to ask): the outcome, its sentence, at most five
    actions and who to ask are at most 250 words, with everything else folded in closed <details>."""
    from serve import SiteServer

    over, too_many = {}, {}
    context = browser.new_context(viewport=PHONE)
    with SiteServer(built_sites["harbourside"].path) as harbourside:
        for edition, url in (("default", site_url), ("harbourside", harbourside)):
            page, problems = open_checker(context, url, name)
            counts = word_counts(page, built_sites[edition].path, name)
            assert len(counts) >= 3
            for case_id, shown in counts.items():
                assert shown["open"] == 0, case_id  # everything folded is closed
                # At most five actions (and, in unfinished key questions, the next question before them).
                if shown["actions"] > 5 + (name == "key-questions"):
                    too_many[f"{edition}: {case_id}"] = shown["actions"]
                if shown["words"] > WORD_BUDGET:
                    over[f"{edition}: {case_id}"] = shown["words"]
            assert problems == []
    context.close()
    assert (over, too_many) == ({}, {}), (
        f"{len(over)} results over {WORD_BUDGET} words before anything is opened: {over}; "
        f"{len(too_many)} with more than five actions: {too_many}")


def test_the_page_shows_what_the_renderer_measured(context, default_site, site_url):
    """The live result, from the form through Pyodide, is the one the word count measures."""
    page, _ = open_checker(context, site_url, "key-questions")
    case = case_input("key-questions/refused-but-public-interest")
    fill(page, case)
    submit(page)
    live = page.inner_text("[data-checker-result]")
    assert shown_words(page, default_site.path, "key-questions", api.evaluate("key-questions", case))["text"] == live


def test_the_first_action_names_whom_to_tell_with_the_editions_contact(browser, built_sites, site_url):
    """Key questions, "share": the first action is to tell the DSL or children's social care, with the
    edition's own front door beside it; and what to say to a child who asked for secrecy."""
    import yaml
    from serve import SiteServer

    front_door = yaml.safe_load((ROOT / "examples/harbourside/mkdocs.yml").read_text(encoding="utf-8"))[
        "extra"]["partnership"]["contacts"]["childrens_social_care"]
    answers = {**case_input("key-questions/refused-but-public-interest"), "child_asked_secrecy": "yes"}
    with SiteServer(built_sites["harbourside"].path) as url:
        for base, expected in ((url, front_door["name"]), (site_url, "your local children's social care front door")):
            context = browser.new_context(viewport=PHONE)
            page, problems = open_checker(context, base, "key-questions")
            fill(page, answers)
            wait_until(page, "!document.querySelector('fieldset[data-question=\"child_asked_secrecy\"]').hidden")
            page.check('input[name="child_asked_secrecy"][value="yes"]')
            wait_until(page, "document.querySelector('[data-checker-result]').innerText.includes('Never promise')")
            first = page.inner_text("[data-checker-result] .checker-result__steps > li:first-child")
            assert first.startswith("Tell your designated safeguarding lead (DSL) today.")
            assert f"In your area: {expected}" in first
            if base == url:
                assert page.locator("[data-first-contact] a[href^='tel:']").get_attribute("href") == \
                    "tel:" + front_door["phone"].replace(" ", "")
            assert "Never promise the child to keep it secret" in page.inner_text("[data-result-section='actions']")
            assert problems == []
            context.close()


def test_the_word_document_downloads_with_the_bytes_python_writes(browser, site_url, tmp_path):
    """The page offers the .docx with a plain label; its bytes are CPython's for the same request."""
    import base64

    context = browser.new_context(accept_downloads=True)
    page, problems = open_checker(context, site_url, "key-questions")
    answers = case_input("key-questions/refused-but-public-interest")
    fill(page, answers)
    submit(page)
    details = {"what": "Notes\n\tindented & <b>", "with_whom": "Alex \u202eLSD\u202c", "why": "Concern", "when": "Today",
               "by_whom": "Sam", "reasons": "line one\nline two"}
    record = page.locator("[data-record-form]")
    for key, text in details.items():
        record.locator(f'[name="{key}"]').fill(text)
    record.locator('input[name="decision"][value="shared"]').check()
    page.click("[data-record-make]")
    page.wait_for_selector("[data-record-output]:not([hidden])")
    button = page.locator('[data-record-download="docx"]')
    assert button.inner_text() == "Download for Word (.docx)"
    assert page.inner_text('[data-record-download="md"]') == "Download as text for your case system (.md)"
    assert page.inner_text('[data-record-download="json"]') == "Download data (.json) for your records system"
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith(".docx")
    downloaded = open(download.value.path(), "rb").read()
    edition = page.get_attribute("[data-checker]", "data-edition")
    expected = api.evaluate("decision-record", {"checker": "key-questions", "answers": answers, "edition": edition,
                                                "details": {**details, "decision": "shared"}})
    assert downloaded == base64.b64decode(expected["docx"])
    import docx
    import io
    paragraphs = [p.text for p in docx.Document(io.BytesIO(downloaded)).paragraphs]
    assert f"Guidance followed: {edition}, release {expected['record']['guidance']['release']}" in paragraphs
    assert "Notes\n\tindented & <b>" in paragraphs and "Alex [U+202E]LSD[U+202C]" in paragraphs
    assert problems == []
    context.close()
