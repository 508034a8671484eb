"""The checkers in the page, in Debian chromium under the site's own Content-Security-Policy: the same
outcome as the command line, nothing requested from elsewhere, a usable checklist without JavaScript
or WebAssembly, and a decision record that keeps the typed text as data."""

from __future__ import annotations

import json
import time
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
    page.wait_for_selector(READY, timeout=60000)
    assert page.get_attribute("[data-checker]", "data-checker-state") == "ready"
    return page, problems


def fill(page, payload: dict) -> None:
    """Answer the form like a person: untick every box, then tick the answers in question order.
    Key questions reveal each question after the one before is answered; an answer the flow never
    asks for (off the path taken) cannot be given in the page, and is left out."""
    form = page.locator("[data-checker-form]")
    # As a fresh visit: optional questions unanswered (and, for key questions, the flow back at its start).
    form.evaluate("form => { form.reset(); form.dispatchEvent(new Event('change', { bubbles: true })); }")
    page.wait_for_timeout(300)
    for box in form.locator('input[type="checkbox"]').all():
        box.uncheck()
    flow = page.get_attribute("[data-checker]", "data-checker") == "key-questions"
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


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a condition with page.evaluate (string functions would need 'unsafe-eval' under the CSP)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.05)


@pytest.mark.parametrize("name", ["lawful-basis", "proportionality"])
def test_browser_outcome_equals_command_line(context, site_url, name):
    page, problems = open_checker(context, site_url, name)
    assert CASES[name], name
    for case in CASES[name]:
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
    page.click("[data-record-clear]")
    page.check('input[name="purpose"][value="yes"]')  # unfinished: a record needs a result first
    page.click("[data-record-make]")
    page.wait_for_selector('[data-checker-result][data-outcome="error"]')
    assert "until the checker gives a result" in page.inner_text("[data-checker-result]")
    assert page.locator("[data-record-output]").is_hidden()
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
    assert region.get_attribute("aria-live") == "polite"
    text = region.inner_text()
    for expected in ("UK GDPR Art 6(1)(e)", "DPA 2018 Sch 1 para 18", "What to do now", "What to record", "Who to ask",
                     "data protection officer", "designated safeguarding lead", "Caldicott Guardian"):
        assert expected in text
    links = [a.get_attribute("href") for a in region.locator("a").all()]
    assert any("legislation.gov.uk/ukpga/2018/12/schedule/1/paragraph/18" in href for href in links)
    assert any(href.startswith(site_url) and "lawful-bases/#schedule-1-paragraph-18" in href for href in links)


def test_missing_answers_are_listed_and_linked(context, site_url):
    page, _ = open_checker(context, site_url, "lawful-basis")
    fill(page, {"organisation": "police"})
    page.click("[data-checker-submit]")
    page.wait_for_selector('[data-checker-result][data-outcome="error"]')
    problems = page.locator("[data-checker-result] li a")
    assert problems.count() == 6  # every unanswered question, each linked to its first answer
    assert page.evaluate("document.activeElement.matches('[data-checker-result]')")


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
    shown = page.inner_text("[data-record-text]")
    assert "&lt;script&gt;" in shown
    assert page.locator("[data-record-output] script").count() == 0
    with page.expect_download() as markdown_download:
        page.click('[data-record-download="md"]')
    markdown = open(markdown_download.value.path(), encoding="utf-8").read()
    assert "&lt;script&gt;alert" in markdown and "<script>" not in markdown
    assert "\\[click\\]\\(javascript:alert\\(1\\)\\)" in markdown
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
