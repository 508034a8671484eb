"""Accessibility audit of a built site, as served with its own security headers.

    python scripts/audit.py [--site site/]

It builds nothing: build the site first (`make audit` runs `make site`, then this). In Debian chromium,
under the site's Content-Security-Policy, it runs axe-core (node_modules/axe-core, pinned in
package.json) with the WCAG 2.2 AA rules over every page in the light and the dark colour scheme,
and over each checker with a result shown and a decision record made; then it checks the site
offline: one visit, the service worker in control, the network cut, another page, a checker run to
its result. It prints the date, the axe-core version, the number of pages checked, violations by rule
(zero expected) and the offline result, and exits 1 if anything fails.

tests/test_accessibility.py uses the same helpers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from serve import SiteServer  # noqa: E402

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # Playwright's color_scheme: Material's scheme it selects
CHECKERS = ["lawful-basis", "proportionality", "key-questions"]
from chromium_launch import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# Rules switched off, and parts of pages left out, each with the reason. None are needed: every
# violation found so far was fixed in the site. Add one only for a false positive, and say why, e.g.
#   DISABLED_RULES = {"rule-id": "Why axe is wrong here, and how the requirement is met instead."}
#   EXCLUDED = {"css selector": "Why this part is not checked, and who checks it instead."}
DISABLED_RULES: dict[str, str] = {}
EXCLUDED: dict[str, str] = {}

# Answers that give each checker a full result (key questions: in the order the flow asks them).
ANSWERS = {
    "lawful-basis": {"organisation": "health", "purpose": "safeguarding", "protecting": "child",
                     "concern": "significant_harm", "data": ["personal", "special_category"],
                     "consent": "would_prejudice", "confidential": "true"},
    "proportionality": {"purpose_clear": "true", "recipient_role": "safeguarding", "extent": "minimum",
                        "relevant": "true", "accurate": "true", "fact_opinion_distinguished": "true",
                        "urgency": "routine", "channel": "secure_electronic", "identities_protected": "true",
                        "recorded": "true", "harm_if_shared": "high", "harm_if_not_shared": "high"},
    "key-questions": {"purpose": "yes", "identifies": "yes", "confidential": "yes", "consent": "no",
                      "other_reason": "public_interest"},
}
OUTCOMES = {"lawful-basis": "share", "proportionality": "review", "key-questions": "share"}
RECORD = {"what": "Attendance and welfare concerns", "with_whom": "Children's social care, duty team",
          "why": "Concern of significant harm", "when": "Today, by secure email", "by_whom": "The DSL",
          "reasons": "Sharing is necessary and proportionate to protect the child"}

# Records the page's Content-Security-Policy violations (added to every page before its own scripts).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"}`));
"""

# Proof that the policy is in force where axe runs: an inline script is refused, and says so.
CSP_PROBE = """async () => {
  const before = window.__cspViolations.length;
  const script = document.createElement("script");
  script.textContent = "window.__inlineScriptRan = true";
  document.head.append(script);
  script.remove();
  for (let wait = 0; wait < 40 && window.__cspViolations.length === before; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 25)); // the violation is reported as a task
  }
  const reported = window.__cspViolations.splice(before);
  return window.__inlineScriptRan !== true && reported.some((v) => v.startsWith("script-src"));
}"""

RUN_AXE = """async ({ tags, disabled, excluded }) => {
  const before = window.__cspViolations.length;
  const context = excluded.length ? { exclude: excluded.map((selector) => [selector]) } : document;
  const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
  const results = await axe.run(context, { runOnly: { type: "tag", values: tags }, rules, resultTypes: ["violations"] });
  return {
    version: results.testEngine.version,
    passes: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    })),
    csp: window.__cspViolations.slice(before),
    scheme: document.body.dataset.mdColorScheme,
  };
}"""

# Transitions (a button between its hover colours and its own, a panel sliding) run to their end.
FINISH_ANIMATIONS = """() => {
  for (const animation of document.getAnimations()) {
    try { animation.finish(); } catch { /* an endless animation: seen as it is */ }
  }
}"""

READY = '[data-checker][data-checker-state="ready"], [data-checker][data-checker-state="unavailable"]'


def axe_version() -> str:
    return json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]


def site_pages(site_dir: Path) -> list[str]:
    """Every built page, as a path from the site root: each folder's index.html, then 404.html."""
    pages = sorted(path.parent.relative_to(site_dir).as_posix() + "/" for path in site_dir.rglob("index.html"))
    pages = ["" if page == "./" else page for page in pages]
    return sorted(pages) + (["404.html"] if (site_dir / "404.html").is_file() else [])


def new_context(browser, scheme: str, service_workers: str = "block", **options):
    """A browser context in the colour scheme, recording CSP violations; no service worker by default,
    so that what is checked is the page as served."""
    context = browser.new_context(color_scheme=scheme, service_workers=service_workers, **options)
    context.add_init_script(CSP_LISTENER)
    return context


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll with page.evaluate: under the site's CSP, Playwright's wait_for_function would need 'unsafe-eval'."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {expression}")
        time.sleep(0.05)


def settle(page) -> None:
    """Take the mouse off whatever it last clicked and end transitions, so that axe sees the page at
    rest, not a button halfway between its hover colours and its own."""
    page.mouse.move(2, 300)
    page.evaluate(FINISH_ANIMATIONS)


def run_axe(page) -> dict:
    """axe-core over the page as it is now, under the page's own CSP (evaluated through the DevTools
    protocol, as a page's inline <script> would be refused). Returns its violations and checks that
    it really ran: in the expected engine, on a page whose policy refuses inline scripts, without
    breaking that policy itself."""
    settle(page)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(RUN_AXE, {"tags": WCAG_22_AA, "disabled": list(DISABLED_RULES), "excluded": list(EXCLUDED)})
    if results["version"] != axe_version():
        raise RuntimeError(f"axe-core {results['version']} ran; package.json pins {axe_version()}")
    if results["passes"] == 0:
        raise RuntimeError("axe-core ran no rule")
    if results["csp"]:
        raise RuntimeError(f"axe-core broke the page's Content-Security-Policy: {results['csp']}")
    if not page.evaluate(CSP_PROBE):
        raise RuntimeError(f"{page.url} is not under a Content-Security-Policy that refuses inline scripts")
    return results


def describe(violations: list[dict], limit: int = 3) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:limit]:
            lines.append(f"    {node['target']}: {node['summary'].splitlines()[-1].strip()}")
        if len(violation["nodes"]) > limit:
            lines.append(f"    and {len(violation['nodes']) - limit} more")
    return "\n".join(lines)


def open_checker(page, url: str, name: str) -> None:
    page.goto(f"{url}checkers/{name}/")
    page.locator("[data-checker]").scroll_into_view_if_needed()  # it starts on coming into view
    page.wait_for_selector(READY, timeout=60000)
    if page.get_attribute("[data-checker]", "data-checker-state") != "ready":
        raise RuntimeError(f"the {name} checker did not start: {page.inner_text('[data-checker-status]')}")


def answer(page, name: str) -> str:
    """Answer every question (key questions: each as it is revealed), check the answers and return the
    outcome shown."""
    form = page.locator("[data-checker-form]")
    for question, value in ANSWERS[name].items():
        fieldset = form.locator(f'fieldset[data-question="{question}"]')
        fieldset.wait_for(state="visible", timeout=10000)
        for item in value if isinstance(value, list) else [value]:
            fieldset.locator(f'input[value="{item}"]').check()
    page.evaluate("document.querySelector('[data-checker-result]').removeAttribute('data-outcome')")
    page.click("[data-checker-submit]")
    page.wait_for_selector("[data-checker-result][data-outcome]", timeout=10000)
    return page.get_attribute("[data-checker-result]", "data-outcome")


def make_record(page) -> None:
    record = page.locator("[data-record-form]")
    for field, text in RECORD.items():
        record.locator(f'[name="{field}"]').fill(text)
    record.locator('input[name="decision"][value="shared"]').check()
    page.click("[data-record-make]")
    page.wait_for_selector("[data-record-output]:not([hidden])", timeout=10000)


def checker_states(page, url: str, name: str):
    """Drive a checker through the states worth checking; yields each state's name while it is shown."""
    open_checker(page, url, name)
    outcome = answer(page, name)
    if outcome != OUTCOMES[name]:
        raise RuntimeError(f"the {name} checker gave {outcome!r}, expected {OUTCOMES[name]!r}")
    yield "result"
    summaries = page.locator("[data-checker-result] details > summary")  # all closed until now
    for index in range(summaries.count()):
        summaries.nth(index).click()  # what the result folds away: what to record, why, judgements, other points, the law
    yield "result with every folded part shown"
    make_record(page)
    yield "decision record"
    page.click("[data-record-clear]")
    if name != "key-questions":  # key questions ask one question at a time: nothing is left unanswered
        page.click("[data-checker-submit]")
        page.wait_for_selector("[data-checker-problems]:not([hidden])", timeout=10000)
        yield "unanswered questions listed"
    answer(page, name)
    page.click("[data-record-make]")
    page.wait_for_selector("[data-record-problems]:not([hidden])", timeout=10000)
    yield "missing record details listed"


def offline_check(browser, url: str) -> tuple[bool, str]:
    """One visit online; the service worker takes control; the network is cut; another page opens and a
    checker runs to its result."""
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        started = time.monotonic()
        page.goto(url)
        wait_until(page, "navigator.serviceWorker.controller !== null", timeout=120)
        controlled = time.monotonic() - started
        context.set_offline(True)
        page.goto(f"{url}situations/records/")
        heading = page.inner_text("h1").rstrip("¶").strip()  # without its permalink
        open_checker(page, url, "lawful-basis")
        outcome = answer(page, "lawful-basis")
        ok = outcome == OUTCOMES["lawful-basis"] and "records" in heading.lower()
        return ok, (f"service worker in control {controlled:.1f} s after the first visit; offline, "
                    f"'{heading}' opened and the lawful basis checker gave '{outcome}'")
    except Exception as error:  # reported, not raised: the audit prints what it found
        return False, f"failed: {error}"
    finally:
        context.close()


def audit(site_dir: Path) -> int:
    from playwright.sync_api import sync_playwright

    pages = site_pages(site_dir)
    print(f"Accessibility audit of {site_dir}, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"axe-core {axe_version()}, rules tagged {', '.join(WCAG_22_AA)}; Debian chromium; the site's own CSP")
    for rule, reason in DISABLED_RULES.items():
        print(f"  rule {rule} disabled: {reason}")
    for selector, reason in EXCLUDED.items():
        print(f"  {selector} excluded: {reason}")
    by_rule: Counter = Counter()
    failures: list[str] = []
    checked = 0

    def check(page, where: str) -> None:
        nonlocal checked
        try:
            results = run_axe(page)
        except Exception as error:  # reported with the rest: the audit goes on
            failures.append(f"{where}: the check could not run: {error}")
            return
        checked += 1
        for violation in results["violations"]:
            by_rule[violation["id"]] += len(violation["nodes"])
        if results["violations"]:
            failures.append(f"{where}:\n{describe(results['violations'])}")

    with SiteServer(site_dir) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.monotonic()
        for scheme, material_scheme in SCHEMES.items():
            context = new_context(browser, scheme)
            page = context.new_page()
            for path in pages:
                page.goto(url + path)
                shown = page.evaluate("document.body.dataset.mdColorScheme")
                if shown != material_scheme:
                    failures.append(f"/{path} ({scheme}): Material's {shown!r} scheme, not {material_scheme!r}")
                check(page, f"/{path} ({scheme})")
            for name in CHECKERS:
                try:
                    for state in checker_states(page, url, name):
                        check(page, f"{name} checker, {state} ({scheme})")
                except Exception as error:
                    failures.append(f"{name} checker ({scheme}): could not be driven: {error}")
            context.close()
        pages_checked = len(pages) * len(SCHEMES)
        print(f"Pages checked: {len(pages)} pages in each of {len(SCHEMES)} colour schemes ({pages_checked} "
              f"checks), and the {len(CHECKERS)} checkers in each scheme with a result (folded, and "
              f"with every folded part shown), a decision record and their lists of problems shown ({checked - pages_checked} checks): {checked} axe runs "
              f"in {time.monotonic() - started:.0f} s")
        if by_rule:
            print("Violations by rule (elements):")
            for rule, count in by_rule.most_common():
                print(f"  {rule}: {count}")
        else:
            print(f"Violations by rule: none (0 violations in {checked} axe runs)")
        if failures:
            print("\n".join(failures))
        offline_ok, offline_message = offline_check(browser, url)
        print(f"Offline: {'pass' if offline_ok else 'FAIL'}: {offline_message}")
        browser.close()
    return 0 if not failures and offline_ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site directory (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} holds no built site: run `make site` first (or `make audit`)", file=sys.stderr)
        return 2
    if not AXE.is_file():
        print(f"{AXE} is missing: run `npm ci` (or `make setup`)", file=sys.stderr)
        return 2
    return audit(args.site.resolve())


if __name__ == "__main__":
    sys.exit(main())
