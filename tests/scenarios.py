"""Scenario cases as data (like OpenFisca's YAML tests): tests/scenarios/<checker>/<case>.json.

Each file holds:
    {"description": "...", "why": "...", "date": "YYYY-MM-DD" (optional), "input": {...}, "expect": {...}}

`why` cites the provision or official guidance the expected answer rests on, and says where a
reading is arguable (or only ours) and who decides (DSL, DPO, Caldicott Guardian, legal team);
tests/test_scenarios.py checks every case has one that names a provision or guidance.

`expect` lists only the fields the case is about; `check` compares each against the result:
    outcome                     equal
    article6                    list of Article 6 ids, in order (exactly)
    article6_includes/_excludes ids that must / must not appear
    article6_first              the id of the basis offered first (the one to rely on)
    statuses                    {reference citation: status} for references in the result
    article9, article10         list of [id, dpa_condition] pairs, in order (exactly)
    confidentiality             the confidentiality id
    law_enforcement             null, or {"sensitive_condition": id or null}
    gateways_include            gateway ids that must appear
    principles                  {principle id: status}
    principles_order            list of principle ids, in the order the result lists them
    summary                     the summary sentence, exactly
    first_action_includes       substrings of the first action
    actions_max                 the most actions the result may give
    path                        list of question ids answered, in order
    next_question               the next question's id, or null
    references_include/_exclude citations that must / must not appear in "references"
    ask_include/_exclude        adviser ids that must / must not appear in "ask"
    before_sharing              the principles to put right before sharing, in any order (proportionality)
    warnings_include/_exclude   warnings that must / must not appear, each by a phrase or an id (below)
    actions_include/_exclude    actions, likewise
    judgements_include/_exclude judgements to make and record, likewise
    record_include/_exclude     what to record (a checker's "record" list), likewise

A phrase matches a warning, an action or a judgement whose text contains it, ignoring case and runs
of spaces; an id matches the item with that id (a judgement's "id", or the id at the same place in
a parallel list "warning_ids" or "action_ids" where the result has one). A phrase in an _exclude list
must be one a checker can say (tests/test_scenarios.py checks it against checkers/*.py), so that a
typo cannot make it pass for nothing. For a decision record they are matched in its "record".
    text_includes/_excludes     substrings of the whole result as JSON
    markdown_includes/_excludes substrings of the decision record's Markdown
    json_includes/_excludes     substrings of the decision record's JSON text
    plaintext_includes/_excludes substrings of the decision record's plain text (its `text`)
    html_includes/_excludes     substrings of the decision record's HTML
"""

from __future__ import annotations

import json
from pathlib import Path

SCENARIOS = Path(__file__).parent / "scenarios"


def load_cases() -> list[tuple[str, str, dict]]:
    """(checker name, case id, case) for every scenario file, sorted."""
    cases = []
    for path in sorted(SCENARIOS.glob("*/*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        cases.append((path.parent.name, f"{path.parent.name}/{path.stem}", case))
    return cases


def case_input(case_id: str) -> dict:
    """The input of one scenario case, e.g. "lawful-basis/charity-significant-harm-health-data"."""
    return json.loads((SCENARIOS / f"{case_id}.json").read_text(encoding="utf-8"))["input"]


# A valid lawful-basis input many tests start from: a charity, a child at risk, health information.
LAWFUL_BASIS_EXAMPLE = case_input("lawful-basis/charity-significant-harm-health-data")


# The decision record's outputs, by the name used in expectations.
RECORD_FIELDS = {"markdown": "markdown", "json": "json", "plaintext": "text", "html": "html"}


# The lists of sentences a result holds, and the parallel list of ids each may have.
SENTENCE_LISTS = {"warnings": "warning_ids", "actions": "action_ids", "judgements": "judgement_ids", "record": "record_ids"}


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def sentences(result: dict, field: str) -> list[tuple[str | None, str]]:
    """(id or None, text) for each item of a list of sentences, in the result or in its record."""
    source = result["record"] if result.get("checker") == "decision-record" else result
    items = source.get(field) or []
    ids = source.get(SENTENCE_LISTS[field]) or [None] * len(items)
    return [(item.get("id"), item.get("text", "")) if isinstance(item, dict) else (id_, item)
            for item, id_ in zip(items, ids)]


def matches(wanted: str, item: tuple[str | None, str]) -> bool:
    id_, text = item
    return wanted == id_ or _words(wanted) in _words(text)


def _pairs(findings: list[dict]) -> list[list]:
    return [[item["id"], item.get("dpa_condition")] for item in findings]


def check(result: dict, expect: dict) -> list[str]:
    """Every way the result differs from the expectation (empty when it matches)."""
    problems = []
    text = json.dumps(result, ensure_ascii=False)

    def differ(name, actual, wanted):
        if actual != wanted:
            problems.append(f"{name}: expected {wanted!r}, got {actual!r}")

    for key, wanted in expect.items():
        if key == "outcome":
            differ(key, result["outcome"], wanted)
        elif key == "article6":
            differ(key, [item["id"] for item in result["article6"]], wanted)
        elif key == "article6_includes":
            ids = [item["id"] for item in result["article6"]]
            problems += [f"article6 lacks {w!r} (has {ids})" for w in wanted if w not in ids]
        elif key == "article6_excludes":
            ids = [item["id"] for item in result["article6"]]
            problems += [f"article6 has {w!r}" for w in wanted if w in ids]
        elif key == "article6_first":
            differ(key, result["article6"][0]["id"] if result["article6"] else None, wanted)
        elif key == "statuses":
            actual = {item["citation"]: item.get("status") for item in result["references"]}
            for citation, status in wanted.items():
                differ(f"status of {citation}", actual.get(citation), status)
        elif key in ("article9", "article10"):
            differ(key, _pairs(result[key]), wanted)
        elif key == "confidentiality":
            differ(key, result["confidentiality"]["id"], wanted)
        elif key == "law_enforcement":
            actual = result["law_enforcement"]
            if wanted is None or actual is None:
                differ(key, actual, wanted)
            else:
                sensitive = actual["sensitive_processing"]
                differ("law_enforcement.sensitive_condition", sensitive and sensitive["condition"], wanted["sensitive_condition"])
        elif key == "gateways_include":
            ids = [item["id"] for item in result["gateways"]]
            problems += [f"gateways lack {w!r} (has {ids})" for w in wanted if w not in ids]
        elif key == "principles":
            actual = {item["id"]: item["status"] for item in result["principles"]}
            for name, status in wanted.items():
                differ(f"principles.{name}", actual.get(name), status)
        elif key == "principles_order":
            differ(key, [item["id"] for item in result["principles"]], wanted)
        elif key == "summary":
            differ(key, result["summary"], wanted)
        elif key == "first_action_includes":
            first = result["actions"][0] if result["actions"] else ""
            problems += [f"first action lacks {w!r} (is {first!r})" for w in wanted if w not in first]
        elif key == "actions_max":
            if len(result["actions"]) > wanted:
                problems.append(f"{len(result['actions'])} actions, more than {wanted}")
        elif key == "path":
            differ(key, [item["id"] for item in result["path"]], wanted)
        elif key == "next_question":
            differ(key, result["next_question"] and result["next_question"]["id"], wanted)
        elif key == "references_include":
            citations = [item["citation"] for item in result["references"]] if "references" in result else [
                item["citation"] for item in result["record"]["references"]
            ]
            problems += [f"references lack {w!r}" for w in wanted if w not in citations]
        elif key == "references_exclude":
            citations = [item["citation"] for item in result["references"]]
            problems += [f"references have {w!r}" for w in wanted if w in citations]
        elif key == "ask_include":
            ids = [item["who"] for item in (result.get("ask") or result["record"]["ask"])]
            problems += [f"ask lacks {w!r} (has {ids})" for w in wanted if w not in ids]
        elif key == "ask_exclude":
            ids = [item["who"] for item in (result.get("ask") or result["record"]["ask"])]
            problems += [f"ask has {w!r}" for w in wanted if w in ids]
        elif key == "before_sharing":
            differ(key, sorted(result["before_sharing"]), sorted(wanted))
        elif key.endswith(("_include", "_exclude")) and key.rsplit("_", 1)[0] in SENTENCE_LISTS:
            field, which = key.rsplit("_", 1)
            items = sentences(result, field)
            for phrase in wanted:
                found = any(matches(phrase, item) for item in items)
                if which == "include" and not found:
                    problems.append(f"{field} lack {phrase!r} (have {[text for _, text in items]})")
                if which == "exclude" and found:
                    problems.append(f"{field} have {phrase!r}")
        elif key == "text_includes":
            problems += [f"result lacks text {w!r}" for w in wanted if w not in text]
        elif key == "text_excludes":
            problems += [f"result has text {w!r}" for w in wanted if w in text]
        elif key in ("markdown_includes", "json_includes", "plaintext_includes", "html_includes"):
            field = RECORD_FIELDS[key.split("_")[0]]
            problems += [f"{field} lacks {w!r}" for w in wanted if w not in result[field]]
        elif key in ("markdown_excludes", "json_excludes", "plaintext_excludes", "html_excludes"):
            field = RECORD_FIELDS[key.split("_")[0]]
            problems += [f"{field} has {w!r}" for w in wanted if w in result[field]]
        else:
            problems.append(f"unknown expectation {key!r}")
    return problems
