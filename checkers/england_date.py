"""Today's date in England: the date the checkers evaluate the law on when no date is given.

The law is England's, so "today" is the date on a clock in England, whatever time zone the machine
(or the browser running the checkers in Pyodide) is set to. England keeps Greenwich Mean Time (UTC)
in winter and British Summer Time (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC
on the last Sunday of October (Summer Time Act 1972 s1, as amended by the Summer Time Order 2002,
SI 2002/262).

The date is worked out from UTC by that rule, not from a time zone database: Pyodide and minimal
systems have no tzdata, and the rule gives the same answer everywhere. tests/test_england_date.py
checks it against zoneinfo's Europe/London for every hour around each change-over.
"""

from __future__ import annotations

import datetime as dt

CHANGE_HOUR_UTC = 1  # both change-overs happen at 01:00 UTC


def _last_sunday(year: int, month: int) -> dt.date:
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    last_day = next_month - dt.timedelta(days=1)
    return last_day - dt.timedelta(days=(last_day.weekday() - 6) % 7)


def summer_time(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The instants (UTC) British Summer Time starts and ends in `year`."""
    start = dt.datetime.combine(_last_sunday(year, 3), dt.time(CHANGE_HOUR_UTC), tzinfo=dt.timezone.utc)
    end = dt.datetime.combine(_last_sunday(year, 10), dt.time(CHANGE_HOUR_UTC), tzinfo=dt.timezone.utc)
    return start, end


def utc_offset(instant: dt.datetime) -> dt.timedelta:
    """England's offset from UTC at `instant` (an aware datetime): one hour in summer time, else none."""
    instant = instant.astimezone(dt.timezone.utc)
    start, end = summer_time(instant.year)
    return dt.timedelta(hours=1) if start <= instant < end else dt.timedelta(0)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def england_now(now: dt.datetime | None = None) -> dt.datetime:
    """The time on a clock in England (naive) at `now` (aware; default: this moment)."""
    instant = (now or utc_now()).astimezone(dt.timezone.utc)
    return (instant + utc_offset(instant)).replace(tzinfo=None)


def today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in England."""
    return england_now(now).date()
