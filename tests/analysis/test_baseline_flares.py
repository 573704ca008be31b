"""Baseline and flare episodes."""

from __future__ import annotations

import datetime as dt

import numpy as np

from app.analysis.baseline import (
    BASELINE_WINDOW,
    MIN_BASELINE_DAYS,
    baseline_as_of,
    rolling_baseline,
)
from app.analysis.flares import classify_days, find_episodes
from app.domain.entry import make_entry

D0 = dt.date(2025, 1, 1)


def day(offset: int, pain: int | None = None, **fields):
    return make_entry(date=D0 + dt.timedelta(days=offset), pain=pain, **fields)


def test_rolling_baseline_is_median_of_preceding_window_only():
    values = np.arange(40, dtype=float) % 10
    out = rolling_baseline(values)
    assert np.isnan(out[:MIN_BASELINE_DAYS]).all()
    assert out[MIN_BASELINE_DAYS] == np.median(values[:MIN_BASELINE_DAYS])
    for i in (BASELINE_WINDOW, 35, 39):
        assert out[i] == np.median(values[i - BASELINE_WINDOW : i])


def test_baseline_needs_seven_scored_days():
    days = [day(i, 3) for i in range(MIN_BASELINE_DAYS - 1)]
    assert baseline_as_of(days).value is None
    assert baseline_as_of(days).days_used == MIN_BASELINE_DAYS - 1
    days.append(day(20, 5))
    assert baseline_as_of(days).value == 3


def test_flare_when_pain_rises_two_points_or_ticked():
    days = [day(i, 3) for i in range(10)]
    # Baseline 3: 5 is a rise of two points (a flare), 4 of one (not).
    days += [day(10, 5), day(11, 4), day(12, 2, flare=True)]
    flags = classify_days(days).by_date()
    assert [flags[D0 + dt.timedelta(days=i)] for i in (9, 10, 11, 12)] == [
        False,
        True,
        False,
        True,
    ]


def test_no_baseline_yet_only_ticked_days_are_flares():
    days = [day(0, 2), day(1, 9), day(2, 3, flare=True)]
    assert classify_days(days).flare == (False, False, True)


def test_episodes_join_consecutive_calendar_days_and_break_at_gaps():
    days = [day(i, 3) for i in range(10)]
    days += [day(10, 6), day(11, 8), day(12, 6)]  # one episode, peak 8
    days += [day(14, 7)]  # day 13 not logged: a new episode
    days += [day(15, 3), day(16, None, flare=True)]  # ticked, no score
    episodes = find_episodes(days)
    assert [(e.start.day, e.end.day, e.peak, e.length) for e in episodes] == [
        (11, 13, 8, 3),
        (15, 15, 7, 1),
        (17, 17, None, 1),
    ]


def test_half_filled_days_neither_get_nor_give_a_baseline():
    days = [day(i, 3) for i in range(8)] + [day(8, None), day(9, 5)]
    result = classify_days(days)
    assert result.baseline[8] is None
    assert result.flare[-1] is True
