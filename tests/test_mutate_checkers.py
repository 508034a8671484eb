"""scripts/mutate_checkers.py: the changes it makes to the checkers' source, and the tests it runs them against.

Running mutants is a report (`make mutate`), not a test: here only the enumeration, the change itself and
the sampling are tested, on small sources.
"""

from __future__ import annotations

import ast
import textwrap

import mutate_checkers as mc

SOURCE = textwrap.dedent('''\
    """A docstring that mentions share and 42."""
    from __future__ import annotations

    RULES = (first, second)


    def decide(p: dict[str, int], items: list) -> str:
        warnings = []
        if p["level"] >= 2 and not p["asked"]:
            warnings.append("Take advice.")
        if p["kind"] in ("a", "b") or p["flag"] is True:
            return "share"
        return f"{p['n']:04x} do_not_share"
    ''')


def changes(kind: str, source: str = SOURCE) -> list[tuple[int, str]]:
    """(line, the changed line) for each mutant of one kind."""
    result = []
    for mutant in mc.mutants(source, "checkers/example.py"):
        if mutant.kind == kind:
            _, after = mutant.lines(source)
            result.append((mutant.line, " ".join(line.strip() for line in after)))
    return result


def test_every_mutant_parses_and_changes_the_program():
    found = mc.mutants(SOURCE, "checkers/example.py")
    assert {m.kind for m in found} == set(mc.KINDS)
    original = ast.dump(ast.parse(SOURCE))
    for mutant in found:
        assert ast.dump(ast.parse(mutant.apply(SOURCE))) != original, mutant
    assert len({(m.start, m.end, m.replacement) for m in found}) == len(found)  # no mutant twice


def test_comparisons_are_negated_and_shifted():
    assert changes("compare") == [
        (9, 'if p["level"] < 2 and not p["asked"]:'),
        (9, 'if p["level"] > 2 and not p["asked"]:'),
        (11, 'if p["kind"] not in ("a", "b") or p["flag"] is True:'),
        (11, 'if p["kind"] in ("a", "b") or p["flag"] is not True:'),
    ]


def test_and_or_not_and_booleans():
    assert changes("and/or") == [(9, 'if p["level"] >= 2 or not p["asked"]:'),
                                 (11, 'if p["kind"] in ("a", "b") and p["flag"] is True:')]
    assert changes("not") == [(9, 'if p["level"] >= 2 and (p["asked"]):')]
    assert changes("bool") == [(11, 'if p["kind"] in ("a", "b") or p["flag"] is False:')]


def test_an_outcome_is_swapped_for_each_other_outcome_but_not_inside_docstrings_or_f_strings():
    assert sorted(changes("outcome")) == [(12, 'return "do_not_share"'), (12, 'return "seek_advice"')]


def test_elements_and_appends_are_dropped_but_annotations_are_left_alone():
    assert changes("drop element") == [(4, "RULES = (second)"), (4, "RULES = (first)"), (11, 'if p["kind"] in ("b") or p["flag"] is True:'),
                                       (11, 'if p["kind"] in ("a") or p["flag"] is True:')]
    assert changes("drop call") == [(10, "pass")]


def test_numbers_move_by_one_but_not_in_a_format_spec():
    assert sorted(changes("number")) == [(9, 'if p["level"] >= 1 and not p["asked"]:'), (9, 'if p["level"] >= 3 and not p["asked"]:')]


def test_a_change_that_spans_lines_shows_every_line_before_and_after():
    source = "ACTIONS = [\n    'one',\n    'two',\n]\n"
    mutant = next(m for m in mc.mutants(source, "checkers/x.py") if m.kind == "drop element")
    assert mutant.line == 2
    assert mutant.lines(source) == (["    'one',", "    'two',"], ["    'two',"])


def test_columns_count_characters_after_non_ascii_text():
    source = 'NOTE = "é—ü"; X = a == b\n'
    (mutant,) = [m for m in mc.mutants(source, "checkers/x.py") if m.kind == "compare"]
    assert mutant.apply(source) == 'NOTE = "é—ü"; X = a != b\n'


def test_the_sample_is_fixed_by_its_seed_and_kept_in_file_order():
    found = mc.mutants(SOURCE, "checkers/example.py")
    first = mc.sample(found, 5, seed=1)
    assert first == mc.sample(found, 5, seed=1)
    assert [found.index(m) for m in first] == sorted(found.index(m) for m in first)
    assert {tuple(map(id, mc.sample(found, 5, seed=seed))) for seed in range(5)} != {tuple(map(id, first))}
    assert mc.sample(found, len(found) + 10, seed=1) == found


def test_the_mutants_run_against_the_tests_of_make_test_checkers():
    tests = mc.checker_tests()
    assert "tests/test_scenarios.py" in tests and "tests/test_checker_properties.py" in tests
    assert all((mc.ROOT / test).is_file() for test in tests)
    assert "tests/test_mutate_checkers.py" not in tests


def test_the_checkers_have_mutants_of_every_kind():
    sources = {f"checkers/{file.name}": file.read_text(encoding="utf-8") for file in sorted(mc.CHECKERS.glob("*.py"))}
    found = mc.all_mutants(sources)
    assert {m.kind for m in found} == set(mc.KINDS)
    assert {m.path for m in found} >= {"checkers/lawful_basis.py", "checkers/proportionality.py", "checkers/law.py"}
