"""The home page on a first visit stays within its budget, and never loads the checkers' runtime.

Issue 25 sets the budget: at most 200 KiB, the sum of every resource the home page and its workers
request, each as gzip -9 compresses it (what a compressing host sends). scripts/page_weight.py prints
the same visit resource by resource; this asserts bytes, never times."""

from __future__ import annotations

import pytest

from page_weight import KIB, SEARCH_INDEX, visit

pytestmark = pytest.mark.browser

HOME_PAGE_BUDGET_KIB = 200


def test_the_home_page_weighs_at_most_200_kib_and_loads_no_runtime(browser, default_site):
    home = visit(browser, default_site.path)
    paths = [resource.path for resource in home.resources]
    assert "" in paths and SEARCH_INDEX in paths and any(path.endswith(".css") for path in paths)
    assert all(resource.gzip9 > 0 for resource in home.resources), [r.path for r in home.resources if not r.gzip9]
    assert home.runtime_requested == []
    assert not any("pyodide" in path for path in paths), paths
    assert home.gzip9 <= HOME_PAGE_BUDGET_KIB * KIB, f"{home.gzip9 / KIB:.1f} KiB: " + ", ".join(
        f"{r.path or '(page)'} {r.gzip9 / KIB:.1f}" for r in sorted(home.resources, key=lambda r: -r.gzip9))
