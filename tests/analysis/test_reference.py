"""The analysis gives what the plain reference in tests/analysis/reference.py gives.

Production has one implementation, over columns (`insights_from_columns`, as
the service reads them from SQL); `insights(days)` is its adapter for
`DayEntry` objects. Both are held to the reference here.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.analysis.entry_columns import columns_from_entries
from app.analysis.factors import FACTORS
from app.analysis.insights import LOOKBACK_DAYS, Insights, insights
from app.demo import demo_days
from tests.analysis import reference
from tests.strategies import days, unique_dates

END = dt.date(2025, 6, 30)
PERIODS = [
    (None, None),
    (dt.date(2025, 1, 1), None),
    (None, dt.date(2024, 12, 31)),
    (dt.date(2025, 3, 1), dt.date(2025, 4, 30)),
    (dt.date(2025, 6, 20), dt.date(2025, 6, 25)),
    (dt.date(2026, 1, 1), None),  # after the last day
    (None, dt.date(2020, 1, 1)),  # before the first
]


def _pair(ci: tuple[float, float] | None) -> list[float] | None:
    return None if ci is None else list(ci)


def _change(change) -> dict | None:
    if change is None:
        return None
    return {
        "first_two_weeks": change.first,
        "last_two_weeks": change.last,
        "change": change.change,
        "meaningful": change.meaningful,
        "direction": change.direction,
    }


def facts(result: Insights) -> dict:
    """The production result in the reference's shape, floats unrounded."""
    found = result.to_dict()  # dates, codes and counts as the reference writes them
    found.pop("days_in_period")
    found.pop("linked_factors")
    found.pop("sentences")
    # Check-ins are not days: by_activity is worked out by hand in test_by_activity.py.
    found.pop("by_activity")
    found["baseline"] = result.baseline.value
    found["links"] = [
        {
            **row,
            "flare_rate_exposed": link.flare_rate_exposed,
            "flare_rate_unexposed": link.flare_rate_unexposed,
            "flare_rate_exposed_ci": _pair(link.rate_ci_exposed),
            "flare_rate_unexposed_ci": _pair(link.rate_ci_unexposed),
            "mean_pain_exposed": link.mean_pain_exposed,
            "mean_pain_unexposed": link.mean_pain_unexposed,
            "odds_ratio": link.odds_ratio,
            "odds_ratio_ci": _pair(link.odds_ratio_ci),
            "p_value": link.p_value,
            "p_value_unadjusted": link.p_value_raw,
        }
        for row, link in zip(found["links"], result.links, strict=True)
    ]
    for row in found["links"]:
        row.pop("sentence")
        row.pop("details")
    found["peg"] = {
        "weeks": [
            {"week_start": w.week_start.isoformat(), "score": w.score} for w in result.peg.weeks
        ],
        "change": _change(result.peg.peg_change),
        "pain_change": _change(result.peg.pain_change),
    }
    summary = result.summary
    if summary is not None:
        found["summary"]["pain_mean"] = summary.pain_mean
        found["summary"]["sitting_mean"] = summary.sitting_mean
        for row, t in zip(found["summary"]["treatments"], summary.treatments, strict=True):
            row["mean_relief"] = t.mean_relief
    return found


def assert_close(got, expected, where: str = "") -> None:
    """Equal, with floats to within a few rounding errors (sums in another order)."""
    if isinstance(expected, dict):
        assert isinstance(got, dict) and got.keys() == expected.keys(), where
        for key in expected:
            assert_close(got[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), where
        for i, (a, b) in enumerate(zip(got, expected, strict=True)):
            assert_close(a, b, f"{where}[{i}]")
    elif isinstance(expected, float) and not isinstance(got, bool):
        assert got is not None, where
        assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12) or got == expected, (
            f"{where}: {got} != {expected}"
        )
    else:
        assert got == expected, f"{where}: {got!r} != {expected!r}"


def check(entries, start, end) -> Insights:
    result = insights(entries, start, end)
    assert_close(facts(result), reference.reference_insights(entries, start, end))
    json.dumps(result.to_dict(), allow_nan=False)  # `insights --json` must be valid JSON
    return result


@pytest.fixture(scope="module")
def demo():
    return demo_days(400, end=END)


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_insights_equal_the_reference_on_the_demo_diary(demo, start, end):
    since = start - dt.timedelta(days=LOOKBACK_DAYS) if start else None
    check([d for d in demo if since is None or d.date >= since], start, end)


def test_the_demo_comparison_covers_every_part(demo):
    # Not vacuous: the demo diary has what each part of the analysis reads.
    found = check(demo, None, None)
    assert found.peg.weeks and found.peg.peg_change and found.peg.pain_change
    assert found.flares and any(link.testable for link in found.links)
    assert found.linked_factors, "some link is tested and found"
    summary = found.summary
    assert summary.locations and summary.symptoms and summary.treatments and summary.exercises
    assert summary.back_days and summary.leg_days and summary.sciatic_days


def test_diary_insights_equal_the_reference(diary, demo):
    # The service's path: columns and tallies read in SQL.
    diary.import_entries(demo)
    for start, end in PERIODS:
        since = start - dt.timedelta(days=LOOKBACK_DAYS) if start else None
        expected = reference.reference_insights(diary.days(since, end), start, end)
        assert_close(facts(diary.insights(start, end)), expected, f"{start}..{end}")


@settings(max_examples=40, deadline=None)
@given(st.lists(days(), min_size=0, max_size=40).map(unique_dates), st.data())
def test_insights_equal_the_reference_on_any_days(entries, data):
    dates = sorted(d.date for d in entries) or [END]
    start = data.draw(st.none() | st.sampled_from(dates))
    end = data.draw(st.none() | st.sampled_from([d for d in dates if start is None or d >= start]))
    check(entries, start, end)


@st.composite
def dense_diaries(draw: st.DrawFn) -> list:
    """Mostly consecutive days (a few gaps), long enough for the links to be tested."""
    entries = draw(st.lists(days(), min_size=25, max_size=70))
    gaps = draw(st.lists(st.integers(1, 3), min_size=len(entries), max_size=len(entries)))
    date, out = dt.date(2024, 1, 1), []
    for entry, gap in zip(entries, gaps, strict=True):
        date += dt.timedelta(days=1 if gap < 3 else gap)
        out.append(entry.model_copy(update={"date": date}))
    return out


@settings(max_examples=30, deadline=None)
@given(dense_diaries(), st.integers(0, 20))
def test_insights_equal_the_reference_on_dense_diaries(entries, skip):
    start = entries[min(skip, len(entries) - 1)].date
    check(entries, start, None)


@settings(max_examples=40, deadline=None)
@given(st.lists(days(), min_size=1, max_size=30).map(unique_dates))
def test_factor_rules_equal_the_reference_day_by_day(entries):
    ordered = sorted(entries, key=lambda d: d.date)
    columns = columns_from_entries(ordered)
    for item in FACTORS:
        expected = [
            np.nan if (v := reference.exposed(item.code, d)) is None else float(v) for d in ordered
        ]
        np.testing.assert_array_equal(item.exposed(columns), expected, err_msg=item.code)
