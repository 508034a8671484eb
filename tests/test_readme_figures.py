"""The README's counts of things in this repository stay true: a count that can be derived is checked
against the repository here, so it cannot go silently stale. Measured figures (times, sizes, speeds)
carry the date and command that produced them instead (see the README)."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCENARIOS = ROOT / "tests" / "scenarios"
CHECKER_WORDS = {
    "lawful basis": "lawful-basis",
    "key questions": "key-questions",
    "proportionality": "proportionality",
    "decision record": "decision-record",
}


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_scenario_counts_are_the_files_in_tests_scenarios():
    text = one_line(README)
    match = re.search(r"([\d,]+) scenario cases as data files in `tests/scenarios/<checker>/` \(([^)]*)\)", text)
    assert match, "the README says how many scenario cases there are, and how many for each checker"
    files = {folder.name: len(list(folder.glob("*.json"))) for folder in SCENARIOS.iterdir() if folder.is_dir()}
    assert int(match.group(1).replace(",", "")) == sum(files.values())
    stated = {}
    for part in match.group(2).split(";")[0].split(","):
        number, words = part.strip().split(" ", 1)
        stated[CHECKER_WORDS[words.strip()]] = int(number)
    assert stated == files


def test_the_count_of_scenarios_written_from_the_statutes_is_true():
    match = re.search(r"The ([\d,]+) named `dpo-\*`", one_line(README))
    assert match, "the README says how many dpo-* scenarios there are"
    assert int(match.group(1).replace(",", "")) == len(list(SCENARIOS.glob("*/dpo-*.json")))


def test_no_undated_size_of_the_wheel():
    """The wheel's size changes with every release: the README leaves it to `make package`, which prints it."""
    assert not re.search(r"py3-none-any\.whl`?,? (about )?[\d.]+ ?MB", README)
