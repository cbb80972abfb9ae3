"""Week dates derived from any year and month (property tests)."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from htpm.campaign import week_dates
from htpm.errors import HtpmError


@given(st.integers(1900, 2200), st.integers(1, 12), st.integers(1, 5))
def test_weeks_tile_the_month_from_day_one(year: int, month: int, count: int) -> None:
    last = calendar.monthrange(year, month)[1]
    if 1 + 7 * (count - 1) > last:
        with pytest.raises(HtpmError):
            week_dates(year, month, count)
        return
    weeks = week_dates(year, month, count)
    assert weeks[0][0] == dt.date(year, month, 1)
    for (start, end), nxt in zip(weeks, weeks[1:] + [None], strict=True):
        assert start.month == month and end.month == month
        assert (end - start).days == min(6, last - start.day)
        if nxt is not None:
            assert nxt[0] == end + dt.timedelta(days=1)


def test_seed_2023_weeks() -> None:
    assert week_dates(2023, 1, 4) == [
        (dt.date(2023, 1, 1), dt.date(2023, 1, 7)),
        (dt.date(2023, 1, 8), dt.date(2023, 1, 14)),
        (dt.date(2023, 1, 15), dt.date(2023, 1, 21)),
        (dt.date(2023, 1, 22), dt.date(2023, 1, 28)),
    ]


def test_five_weeks_fit_in_a_31_day_month_the_last_cut_at_month_end() -> None:
    assert week_dates(2025, 5, 5)[-1] == (dt.date(2025, 5, 29), dt.date(2025, 5, 31))


def test_overridden_week(water_safety) -> None:  # type: ignore[no-untyped-def]
    last = water_safety.weeks[-1]
    assert (last.start, last.end, last.end_exclusive) == (
        dt.date(2025, 5, 29),
        dt.date(2025, 6, 4),
        dt.date(2025, 6, 5),
    )


def test_date_range_uses_full_month_names(water_safety) -> None:  # type: ignore[no-untyped-def]
    assert water_safety.date_range(dt.date(2025, 5, 1), dt.date(2025, 5, 7)) == "May 1\u2009–\u20097, 2025"
    assert (
        water_safety.date_range(dt.date(2025, 5, 29), dt.date(2025, 6, 4))
        == "May 29\u2009–\u2009June 4, 2025"
    )
    assert water_safety.date_range(dt.date(2025, 5, 1), dt.date(2025, 5, 1)) == "May 1, 2025"
