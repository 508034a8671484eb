"""Today in England: the checkers' default date, worked out from UTC by the summer time rule (Summer
Time Act 1972 s1(2), as substituted by the Summer Time Order 2002, SI 2002/262: from one o'clock GMT
on the last Sunday in March to one o'clock GMT on the last Sunday in October), checked against the
time zone database's Europe/London where this machine has one, and on both sides of each change."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from checkers import api, cli, england_date

from conftest import ROOT

UTC = dt.timezone.utc


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("year", "starts", "ends"),
    [
        (2026, utc(2026, 3, 29, 1), utc(2026, 10, 25, 1)),
        (2027, utc(2027, 3, 28, 1), utc(2027, 10, 31, 1)),
        (2024, utc(2024, 3, 31, 1), utc(2024, 10, 27, 1)),
        (2018, utc(2018, 3, 25, 1), utc(2018, 10, 28, 1)),
    ],
)
def test_summer_time_starts_and_ends_on_the_last_sundays_at_one_utc(year, starts, ends):
    assert england_date.summer_time(year) == (starts, ends)


@pytest.mark.parametrize(
    ("instant", "england"),
    [
        # The evening before the clocks go forward: still GMT, still Saturday.
        (utc(2026, 3, 28, 23, 30), dt.date(2026, 3, 28)),
        # One second before and at 01:00 UTC on 29 March 2026.
        (utc(2026, 3, 29, 0, 59, 59), dt.date(2026, 3, 29)),
        (utc(2026, 3, 29, 1, 0, 0), dt.date(2026, 3, 29)),
        # Summer: 23:00 UTC is already midnight in England, the next day.
        (utc(2026, 3, 29, 22, 59, 59), dt.date(2026, 3, 29)),
        (utc(2026, 3, 29, 23, 0, 0), dt.date(2026, 3, 30)),
        (utc(2026, 7, 1, 23, 30), dt.date(2026, 7, 2)),
        (utc(2026, 10, 24, 23, 0), dt.date(2026, 10, 25)),  # the night the clocks go back: BST till 01:00 UTC
        # Winter again after 01:00 UTC on 25 October 2026: 23:30 UTC is 23:30 in England.
        (utc(2026, 10, 25, 23, 30), dt.date(2026, 10, 25)),
        (utc(2026, 12, 6, 23, 59, 59), dt.date(2026, 12, 6)),
        (utc(2026, 12, 31, 23, 59), dt.date(2026, 12, 31)),
    ],
)
def test_today_in_england_either_side_of_each_change(instant, england):
    assert england_date.today(instant) == england


def test_a_clock_in_another_time_zone_gives_englands_date():
    tokyo = dt.timezone(dt.timedelta(hours=9))
    # 08:30 on 7 December in Tokyo is 23:30 on 6 December in England (GMT).
    assert england_date.today(dt.datetime(2026, 12, 7, 8, 30, tzinfo=tokyo)) == dt.date(2026, 12, 6)
    new_york = dt.timezone(dt.timedelta(hours=-4))
    # 20:30 on 1 July in New York (EDT) is 01:30 on 2 July in England (BST).
    assert england_date.today(dt.datetime(2026, 7, 1, 20, 30, tzinfo=new_york)) == dt.date(2026, 7, 2)


def test_the_rule_agrees_with_the_time_zone_database_every_hour_around_each_change():
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        london = zoneinfo.ZoneInfo("Europe/London")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.fail("this machine has no tz database (Debian: tzdata); the rule is checked against it here")
    checked = 0
    for year in range(2018, 2038):
        for change in england_date.summer_time(year):
            for minutes in range(-36 * 60, 36 * 60 + 1, 30):
                instant = change + dt.timedelta(minutes=minutes)
                assert england_date.england_now(instant) == instant.astimezone(london).replace(tzinfo=None), instant
                checked += 1
    assert checked > 5000


def test_the_checkers_default_date_is_englands(monkeypatch):
    """Late on a summer evening in UTC it is already the next day in England: the result says so."""
    monkeypatch.setattr(england_date, "utc_now", lambda: utc(2026, 7, 1, 23, 30))
    assert api.evaluate("key-questions", {"purpose": "yes"})["evaluated_on"] == "2026-07-02"
    monkeypatch.setattr(england_date, "utc_now", lambda: utc(2026, 12, 6, 23, 30))
    assert api.evaluate("key-questions", {"purpose": "yes"})["evaluated_on"] == "2026-12-06"


def test_the_command_line_default_is_englands_date_whatever_the_machines_time_zone():
    """TZ set far from London changes the machine's date, not the checkers'."""
    before = england_date.today().isoformat()
    outputs = []
    for zone in ("UTC", "Pacific/Kiritimati", "Etc/GMT+12"):
        result = subprocess.run([sys.executable, "-m", "checkers", "key-questions"], input=b'{"purpose": "yes"}',
                                capture_output=True, cwd=ROOT, env={"TZ": zone, "PATH": "/usr/bin:/bin"}, timeout=60)
        assert result.returncode == 0, result.stderr
        outputs.append(json.loads(result.stdout)["evaluated_on"])
    # Kiritimati (UTC+14) and GMT+12 (UTC-12) are never on the same date: each run gives England's.
    assert set(outputs) <= {before, england_date.today().isoformat()}, outputs


def test_main_uses_englands_date(monkeypatch):
    monkeypatch.setattr(england_date, "today", lambda now=None: dt.date(2026, 12, 6))
    monkeypatch.delenv("CHECKERS_DATE", raising=False)
    out = io.StringIO()
    assert cli.main(["key-questions"], stdin=io.StringIO('{"purpose": "yes"}'), stdout=out, stderr=io.StringIO()) == 0
    assert json.loads(out.getvalue())["evaluated_on"] == "2026-12-06"
