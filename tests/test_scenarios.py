"""Every scenario case in tests/scenarios, evaluated in-process through the public API."""

import datetime as dt

import pytest

from checkers import api
from scenarios import check, load_cases

CASES = load_cases()


def test_there_are_enough_cases_for_every_checker():
    names = [name for name, _, _ in CASES]
    assert len(CASES) >= 40
    for name in api.NAMES:
        assert names.count(name) >= 3, name


@pytest.mark.parametrize(("name", "case"), [(n, c) for n, _, c in CASES], ids=[i for _, i, _ in CASES])
def test_scenario(name, case):
    on = dt.date.fromisoformat(case["date"]) if "date" in case else None
    result = api.evaluate(name, case["input"], on)
    assert check(result, case["expect"]) == []
