"""The benchmark scripts still fit the site they measure. They print figures and assert no times (the
figures belong in the README, not in a test); this checks only that scripts/bench_site.py can
instrument the site as built today: every timing mark placed in the checkers' worker, and the
service worker's integrity list rewritten for the instrumented copy."""

from __future__ import annotations

import json

from bench_site import INSTRUMENT_MARKS, instrument_site
from safeguarding_guidance.versioned_assets import find


def test_bench_site_places_every_mark_in_the_built_worker(default_site, tmp_path):
    folder, placed = instrument_site(default_site.path, tmp_path / "instrumented")
    for _, mark in INSTRUMENT_MARKS:
        assert mark in placed, f"{mark!r} was not placed: the worker changed; update INSTRUMENT_MARKS"
    assert "wasm instantiated (preRun)" in placed
    worker_file = find(folder, "assets/javascripts/checker-worker.mjs")
    worker = worker_file.read_bytes()
    service_worker = (folder / "sw.js").read_text(encoding="utf-8")
    listed = dict(json.loads(line.strip().rstrip(",")) for line in service_worker.splitlines() if line.startswith('  ["'))
    from test_runtime_failures import sri

    assert listed[worker_file.relative_to(folder).as_posix()] == sri(worker)
