"""Case studies (issue 14): every case's model outcome is the checkers' own, computed when the site is
built; a case whose expectation is wrong fails the build, naming it, for shared cases and a partnership's
local cases alike; the cases cover what the issue asks; and each case page carries the contract's data.

The browser tests (try it, practice mode by keyboard, axe) are in test_case_studies_in_browser.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from checkers import api
from conftest import ROOT, build_command
from safeguarding_guidance import case_studies, case_study_pages

DOCS = ROOT / "docs"


def _is_case(path: Path) -> bool:
    return case_studies.is_case_page(get_data(path.read_text(encoding="utf-8"))[1])


CASE_PAGES = sorted(path for path in (DOCS / case_studies.FOLDER).glob("*.md") if _is_case(path))
LOCAL_CASE_PAGES = sorted(path for path in (ROOT / "examples").glob(f"*/pages/{case_studies.FOLDER}/*.md") if _is_case(path))
ON = dt.date(2026, 11, 30)

# What issue 14 asks the cases to cover, each as the phrase a case lists under `covers`.
REQUIRED_COVERAGE = (
    "schools", "GP", "health visitor", "police asking", "police being asked", "charity", "private nursery",
    "housing", "probation", "children's social care", "adult at risk", "consent refused", "emergency",
    "court order", "child moving area", "duty to share", "not sharing or sharing less",
)


def _cases(pages: list[Path], docs_root: Path, local: bool = False) -> list[case_studies.Case]:
    cases = []
    for path in pages:
        markdown, meta = get_data(path.read_text(encoding="utf-8"))
        src_uri = path.relative_to(docs_root).as_posix()
        cases.append(case_studies.load_case(str(path.relative_to(ROOT)), src_uri, meta, markdown, dt.date.today(), local))
    return cases


SHARED_CASES = _cases(CASE_PAGES, DOCS)


def _case_meta(path: Path) -> dict:
    return get_data(path.read_text(encoding="utf-8"))[1]


# The cases themselves -------------------------------------------------------------------------------

def test_there_are_at_least_fifteen_cases_covering_what_the_issue_asks():
    assert len(SHARED_CASES) >= 15
    covered = {topic for case in SHARED_CASES for topic in case.covers}
    assert [topic for topic in REQUIRED_COVERAGE if topic not in covered] == []
    assert {case.checker for case in SHARED_CASES} == set(case_studies.OUTCOMES)  # every checker is used
    outcomes = {case.outcome for case in SHARED_CASES}
    assert {"share", "seek_advice", "do_not_share", "not_proportionate"} <= outcomes


def test_a_case_about_the_duty_to_share_says_it_is_reported_not_confirmed():
    duty_cases = [case for case in SHARED_CASES if "duty to share" in case.covers]
    assert duty_cases
    for case in duty_cases:
        text = (DOCS / case.src_uri).read_text(encoding="utf-8")
        assert "30 September 2026" in text and re.search(r"reported\W", text) and "not confirmed" in text, case.id
        assert "is in force" not in text


@pytest.mark.parametrize("case", SHARED_CASES, ids=lambda case: case.id)
def test_every_case_outcome_computed_by_the_checker_equals_the_expected_one(case):
    """load_case computes it (and would raise on a mismatch); here it is computed again, independently."""
    assert api.evaluate(case.checker, case.input)["outcome"] == case.expect["outcome"]
    if "basis" in case.expect:
        assert case.basis == case.expect["basis"]


# The build: the contract's attributes, computed outcomes, and failures that name the case -------------

class _Blocks(HTMLParser):
    """Every element marked data-case-study, with its attributes."""

    def __init__(self):
        super().__init__()
        self.blocks: list[dict] = []
        self.tries: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-case-study" in attributes:
            self.blocks.append(attributes)
        if "data-case-try" in attributes:
            self.tries.append(attributes["data-case-try"])


def _blocks(html: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(html)
    return parser


def _page_html(site: Path, src_uri: str) -> str:
    folder = Path(src_uri).with_suffix("")
    return (site / (folder.parent if folder.name == "index" else folder) / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("edition", ["default", "harbourside"])
def test_every_built_case_carries_its_input_and_the_outcome_the_checker_computed(built_sites, edition):
    site = built_sites[edition].path
    pages = CASE_PAGES + ([p for p in LOCAL_CASE_PAGES if "harbourside" in p.parts] if edition == "harbourside" else [])
    assert pages
    for path in pages:
        meta = _case_meta(path)
        case_id = path.stem
        html = _page_html(site, f"{case_studies.FOLDER}/{path.name}")
        parsed = _blocks(html)
        assert len(parsed.blocks) == 1, case_id
        block = parsed.blocks[0]
        assert block["data-case-study"] == case_id
        assert block["data-checker"] == meta["case"]["checker"]
        assert json.loads(block["data-case-input"]) == meta["case"]["input"]
        computed = api.evaluate(meta["case"]["checker"], meta["case"]["input"])["outcome"]
        assert block["data-outcome"] == computed == meta["case"]["expect"]["outcome"], case_id
        assert parsed.tries == [case_id]
        assert f'data-case-answer="{case_id}"' in html and f'data-case-practice="{case_id}"' in html


def test_the_list_and_the_pack_hold_every_case(built_sites):
    for edition, extra in (("default", []), ("harbourside", [p for p in LOCAL_CASE_PAGES if "harbourside" in p.parts])):
        site = built_sites[edition].path
        index = _page_html(site, f"{case_studies.FOLDER}/index.md")
        pack = _page_html(site, f"{case_studies.FOLDER}/facilitators-pack.md")
        for path in CASE_PAGES + extra:
            assert f'href="{path.stem}/"' in index, (edition, path.stem)
            assert f'<section class="case-pack__case" aria-labelledby="{path.stem}">' in pack, (edition, path.stem)
        assert pack.count('<div class="case-answer">') == len(CASE_PAGES) + len(extra)
        assert 'id="case-pack-cases-only"' in pack
        assert "<!-- case-study:" not in pack and "<!-- md:" not in pack  # every marker was rewritten
        assert ("Cases from your area" in index) == bool(extra)


def test_case_pages_rank_below_the_guidance_in_search(default_site):
    index = json.loads((default_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts = {entry["location"].split("#")[0]: entry.get("boost") for entry in index["docs"]}
    for path in CASE_PAGES:
        assert boosts[f"{case_studies.FOLDER}/{path.stem}/"] == case_study_pages.SEARCH_BOOST, path.stem
    # Every guidance page is boosted more than a case page (no boost counts as 1).
    guidance = {location: boost for location, boost in boosts.items() if not location.startswith(f"{case_studies.FOLDER}/")}
    assert all((1 if boost is None else boost) > case_study_pages.SEARCH_BOOST for boost in guidance.values()), guidance
    assert boosts[f"{case_studies.FOLDER}/"] is None
    assert not any(location.startswith(f"{case_studies.FOLDER}/facilitators-pack/") for location in boosts)


WRONG_LOCAL_CASE = """---
title: A local case whose model answer is wrong
description: For the test only.
last_reviewed: 2026-11-30
review_due: 2027-05-30
sources:
  - title: UK General Data Protection Regulation, as amended
    date: 2026-02-05
    url: https://www.legislation.gov.uk/eur/2016/679/contents
case:
  checker: lawful-basis
  input: {input}
  expect:
    outcome: share
    basis: public_task
---
# A local case whose model answer is wrong

## The situation {{#situation}}

A charity worker sees a child at risk of significant harm.

## The questions you face {{#questions}}

1. What is the basis?

## Model answer {{#model-answer}}

### What to do {{#what-to-do}}

Refer to <!-- md:contact childrens_social_care -->.

### The lawful basis {{#lawful-basis}}

Wrong on purpose: a charity cannot rely on [public task](../lawful-bases.md#public-task)
([Article 6](https://www.legislation.gov.uk/eur/2016/679/article/6)).

### Proportionality {{#proportionality}}

Only what is needed ([principles](../principles.md)).

### What to record {{#what-to-record}}

The decision ([records](../situations/records.md)).

### Who to ask {{#who-to-ask}}

<!-- md:contact designated_safeguarding_leads -->.

## The common mistake {{#common-mistake}}

Waiting.
"""


@pytest.fixture
def edition_with_wrong_cases(tmp_path):
    """A copy of the Harbourside edition (in a temporary examples/ folder, never in this repository,
    where other tests look for editions) whose pages hold a shared case with a wrong expected outcome,
    replacing the real one, and a local case relying on the wrong basis."""
    slug = "test-cases-wrong"
    folder = tmp_path / "examples" / slug
    shutil.copytree(ROOT / "examples" / "harbourside", folder, ignore=shutil.ignore_patterns(case_studies.FOLDER))
    cases = folder / "pages" / case_studies.FOLDER
    cases.mkdir(parents=True)
    shared = (DOCS / case_studies.FOLDER / "adult-refuses-referral.md").read_text(encoding="utf-8")
    assert "    outcome: seek_advice\n" in shared
    (cases / "adult-refuses-referral.md").write_text(shared.replace("    outcome: seek_advice\n", "    outcome: share\n"))
    local_input = json.dumps({"organisation": "voluntary", "purpose": "safeguarding", "protecting": "child",
                              "concern": "significant_harm", "data": ["personal"], "consent": "would_prejudice",
                              "confidential": True})
    (cases / "local-wrong-basis.md").write_text(WRONG_LOCAL_CASE.format(input=local_input))
    return slug, folder


@pytest.mark.site  # builds an edition with mkdocs
def test_a_wrong_expectation_fails_the_build_naming_the_case(edition_with_wrong_cases, tmp_path):
    slug, folder = edition_with_wrong_cases
    # Built from the folder above the edition's, as a web officer would: the log names paths from there.
    result = subprocess.run(build_command(folder / "mkdocs.yml", tmp_path / "site"), cwd=tmp_path,
                            capture_output=True, text=True)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Case studies do not match the checkers" in log
    assert (f"examples/{slug}/pages/case-studies/adult-refuses-referral.md (case 'adult-refuses-referral'): "
            "the lawful-basis checker gives 'seek_advice' but the case expects 'share'") in log
    assert (f"examples/{slug}/pages/case-studies/local-wrong-basis.md (case 'local-wrong-basis'): "
            "the lawful-basis checker relies first on 'recognised_legitimate_interest' but the case's model "
            "answer relies on 'public_task'") in log
    assert not (tmp_path / "site" / "index.html").exists()


# The rules for a case page, as plain functions ----------------------------------------------------------

def _school_case() -> tuple[str, dict]:
    markdown, meta = get_data((DOCS / case_studies.FOLDER / "school-pupil-bruises.md").read_text(encoding="utf-8"))
    return markdown, meta


def _load(markdown: str, meta: dict, src_uri: str = "case-studies/school-pupil-bruises.md") -> case_studies.Case:
    return case_studies.load_case("docs/" + src_uri, src_uri, meta, markdown, ON)


def test_a_case_loads_with_its_computed_result():
    case = _load(*_school_case())
    assert (case.id, case.checker, case.outcome, case.basis) == ("school-pupil-bruises", "lawful-basis", "share", "public_task")
    assert case.result["evaluated_on"] == ON.isoformat()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m["case"].update(checker="nonsense"), "case checker 'nonsense' is not allowed"),
        (lambda m: m["case"]["input"].update(consent="maybe"), "the case input is not valid for the lawful-basis checker: consent: 'maybe' is not allowed"),
        (lambda m: m["case"]["input"].pop("organisation"), "organisation: is missing"),
        (lambda m: m["case"]["expect"].update(outcome="proportionate"), "expected outcome 'proportionate' is not one the lawful-basis checker gives"),
        (lambda m: m["case"]["expect"].update(outcome="do_not_share"), "the lawful-basis checker gives 'share' but the case expects 'do_not_share'"),
        (lambda m: m["case"]["expect"].update(basis="consent"), "relies first on 'public_task' but the case's model answer relies on 'consent'"),
        (lambda m: m["case"]["expect"].update(verdict="share"), "'case.expect' has unknown keys ['verdict']"),
        (lambda m: m["case"].pop("expect"), "'case.expect' must give the expected outcome"),
        (lambda m: m["case"].update(covers="schools"), "'case.covers' must be a list"),
    ],
)
def test_a_bad_case_is_named_with_its_problem(change, message):
    markdown, meta = _school_case()
    meta = json.loads(json.dumps(meta, default=str))
    change(meta)
    with pytest.raises(case_studies.CaseError) as error:
        _load(markdown, meta)
    assert str(error.value).startswith("docs/case-studies/school-pupil-bruises.md (case 'school-pupil-bruises'): ")
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda md: md.replace("{#common-mistake}", "{#mistake}"), "no section for the common mistake"),
        (lambda md: md.replace("## The situation {#situation}", "### The situation {#situation}"), "{#situation} must be level 2"),
        (lambda md: md.replace("{#situation}", "{#swap}").replace("{#questions}", "{#situation}").replace("{#swap}", "{#questions}"),
         "the sections must come in this order"),
        (lambda md: md + "\n<!-- md:checker lawful-basis -->\n", "remove the md:checker marker"),
        (lambda md: re.sub(r"(\{#who-to-ask\}\n)(.*?)(\n## )", lambda m: m.group(1) + "\nAsk your manager.\n" + m.group(3), md, flags=re.S),
         "the section {#who-to-ask} gives no reference"),
        (lambda md: md.replace("https://www.legislation.gov.uk/", "https://example.org/"),
         "the lawful basis must link both the official text and our guidance"),
    ],
)
def test_a_case_page_needs_its_sections_in_order(edit, message):
    markdown, meta = _school_case()
    with pytest.raises(case_studies.CaseError, match=re.escape(message)):
        _load(edit(markdown), meta)


def test_a_case_page_lives_in_a_case_studies_folder():
    with pytest.raises(case_studies.CaseError, match="must be in a case-studies/ folder"):
        _load(*_school_case(), src_uri="situations/school-pupil-bruises.md")


def test_two_cases_with_one_id_are_refused():
    case = _load(*_school_case())
    with pytest.raises(case_studies.CaseError, match="two cases with the id 'school-pupil-bruises'"):
        case_studies.check_unique([case, case])


def test_the_checker_answer_is_escaped_and_dated():
    markdown, meta = _school_case()
    case = _load(markdown, meta)
    html = case_studies.checker_answer_html(case)
    assert "on 30 November 2026" in html and "<strong>Share</strong>" in html
    assert "Public task (UK GDPR Art 6(1)(e))" in html
    assert "reported to apply, commencement not confirmed" in html  # the s16LA duty, offered second
    assert "DPA 2018 Sch 1 para 18" in html
    attributes = case_studies.case_attributes(case)
    assert 'data-case-input="{&quot;organisation&quot;:&quot;school&quot;' in attributes
    assert 'data-outcome="share"' in attributes and 'data-case-state="closed"' in attributes
