"""The column path of the analysis gives exactly what the DayEntry path gives."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest, hypergeom

from app.analysis.columns import columns_from_entries, tallies_from_entries
from app.analysis.factors import FACTORS
from app.analysis.insights import LOOKBACK_DAYS, insights, insights_from_columns
from app.analysis.links import DayTable, _wilson, stratified_exact_test
from app.demo import demo_days
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


def column_insights(entries, start, end):
    """insights_from_columns fed as the service feeds it."""
    in_period = [
        d for d in entries if (start is None or d.date >= start) and (end is None or d.date <= end)
    ]
    return insights_from_columns(
        columns_from_entries(entries), tallies_from_entries(in_period), start, end
    )


@pytest.fixture(scope="module")
def demo():
    return demo_days(400, end=END)


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_column_insights_equal_object_insights_on_the_demo_diary(demo, start, end):
    since = start - dt.timedelta(days=LOOKBACK_DAYS) if start else None
    entries = [d for d in demo if since is None or d.date >= since]
    expected = insights(entries, start, end)
    got = column_insights(entries, start, end)
    assert got == expected
    assert got.to_dict() == expected.to_dict()


def test_the_demo_comparison_covers_every_part(demo):
    # Not vacuous: the demo diary has what each part of the analysis reads.
    found = insights(demo)
    assert found.peg.weeks and found.peg.peg_change and found.peg.pain_change
    assert found.flares and any(link.testable for link in found.links)
    summary = found.summary
    assert summary.locations and summary.symptoms and summary.treatments and summary.exercises
    assert summary.back_days and summary.leg_days and summary.sciatic_days


def test_diary_insights_equal_object_insights(diary, demo):
    diary.import_entries(demo)
    for start, end in PERIODS:
        since = start - dt.timedelta(days=LOOKBACK_DAYS) if start else None
        assert diary.insights(start, end) == insights(diary.days(since, end), start, end)


@settings(max_examples=40, deadline=None)
@given(st.lists(days(), min_size=0, max_size=40).map(unique_dates), st.data())
def test_column_insights_equal_object_insights_on_any_days(entries, data):
    dates = sorted(d.date for d in entries) or [END]
    start = data.draw(st.none() | st.sampled_from(dates))
    end = data.draw(st.none() | st.sampled_from([d for d in dates if start is None or d >= start]))
    assert column_insights(entries, start, end) == insights(entries, start, end)


@settings(max_examples=40, deadline=None)
@given(st.lists(days(), min_size=1, max_size=30).map(unique_dates))
def test_factor_columns_follow_the_day_rules(entries):
    ordered = sorted(entries, key=lambda d: d.date)
    columns = columns_from_entries(ordered)
    for item in FACTORS:
        expected = [np.nan if (v := item.exposed(d)) is None else float(v) for d in ordered]
        np.testing.assert_array_equal(item.exposed_column(columns), expected, err_msg=item.code)


def test_day_table_from_columns_equals_built_from_days(demo):
    built = DayTable.build(demo)
    from_columns = DayTable.from_columns(columns_from_entries(demo))
    assert from_columns.first == built.first
    for name in ("logged", "pain", "flare"):
        np.testing.assert_array_equal(getattr(from_columns, name), getattr(built, name))
    for code, column in built.exposure.items():
        np.testing.assert_array_equal(from_columns.exposure[code], column)


def reference_exact_test(tables, alternative, mid_p):
    """The straightforward version: scipy's hypergeometric pmf at every support point."""
    distribution, lowest, observed = np.ones(1), 0, 0
    for (a, b), (c, d) in tables:
        total, flares, exposed = a + b + c + d, a + c, a + b
        if total == 0:
            continue
        support = np.arange(max(0, flares - (c + d)), min(flares, exposed) + 1)
        distribution = np.convolve(distribution, hypergeom.pmf(support, total, flares, exposed))
        lowest += int(support[0])
        observed += int(a)
    at = observed - lowest
    half = 0.5 * distribution[at] if mid_p else 0.0
    if alternative == "greater":
        return min(1.0, distribution[at:].sum() - half)
    if alternative == "less":
        return min(1.0, distribution[: at + 1].sum() - half)
    return min(1.0, distribution[distribution <= distribution[at] * (1 + 1e-7)].sum())


@pytest.mark.parametrize("seed", range(30))
def test_exact_test_matches_scipy_pmf_at_every_point(seed):
    rng = np.random.default_rng(seed)
    size = [10, 100, 1000, 4000][seed % 4]
    tables = [rng.integers(0, size // 4 + 1, (2, 2)) for _ in range(rng.integers(1, 4))]
    for alternative in ("greater", "less", "two-sided"):
        for mid_p in (False, True):
            ours = stratified_exact_test(tables, alternative=alternative, mid_p=mid_p)
            expected = reference_exact_test(tables, alternative, mid_p)
            assert ours == pytest.approx(expected, rel=1e-11, abs=1e-300)


def test_exact_test_on_strata_with_one_possible_table():
    # No flares, or everyone exposed: the observed table is the only one.
    tables = [np.array([[0, 5], [0, 7]]), np.array([[3, 2], [0, 0]])]
    assert stratified_exact_test(tables, alternative="greater") == 1.0
    assert stratified_exact_test(tables, alternative="greater", mid_p=True) == 0.5


@pytest.mark.parametrize("n", [1, 2, 5, 13, 100, 977, 3650])
def test_wilson_interval_is_scipys(n):
    for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
        ci = binomtest(k, n).proportion_ci(0.95, method="wilson")
        assert _wilson(k, n) == (float(ci.low), float(ci.high))
