"""Factor x lag comparisons: counts, lags by calendar day, exact tests, Holm, verdicts."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from scipy.stats import binomtest, fisher_exact, hypergeom

from app.analysis.links import (
    LINKED,
    MIN_GROUP_DAYS,
    MIN_LOGGED_DAYS,
    NO_LINK,
    NOT_ENOUGH_DATA,
    _wilson,
    find_links,
    holm,
    stratified_exact_test,
)
from app.analysis.sentences import link_details, link_sentence
from app.domain.entry import make_entry

D0 = dt.date(2025, 1, 1)


def day(offset: int, **fields):
    return make_entry(date=D0 + dt.timedelta(days=offset), **fields)


def by_key(links):
    return {(link.factor, link.lag_days): link for link in links}


@pytest.mark.parametrize(
    "table", [[[8, 22], [4, 46]], [[0, 5], [5, 0]], [[3, 3], [3, 3]], [[1, 9], [11, 3]]]
)
@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_one_stratum_is_fishers_exact_test(table, alternative):
    ours = stratified_exact_test([np.array(table)], alternative=alternative)
    assert ours == pytest.approx(fisher_exact(table, alternative=alternative).pvalue)


def test_stratified_test_adds_evidence_across_strata():
    table = np.array([[4, 6], [1, 9]])
    one = stratified_exact_test([table], alternative="greater")
    two = stratified_exact_test([table, table], alternative="greater")
    assert two < one
    # An empty stratum changes nothing.
    empty = np.zeros((2, 2), dtype=int)
    assert stratified_exact_test([table, empty], alternative="greater") == pytest.approx(one)


def test_mid_p_is_half_the_observed_probability_less():
    table = np.array([[5, 5], [1, 9]])
    exact = stratified_exact_test([table], alternative="greater")
    mid = stratified_exact_test([table], alternative="greater", mid_p=True)
    assert 0 < mid < exact


def test_holm_worked_example():
    # Holm (1979): sorted p times (m - rank), running maximum, capped at 1.
    adjusted = holm([0.01, 0.04, 0.03, 0.005])
    assert adjusted == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])


def _diary(n=60, *, gap_every=None):
    """Long sitting every third day; a flare the calendar day after each."""
    days = []
    for i in range(n):
        if gap_every and i % gap_every == 0:
            continue
        days.append(
            day(
                i,
                pain=3,
                sitting_minutes=480 if i % 3 == 0 else 120,
                flare=(i % 3 == 1),
            )
        )
    return days


def test_next_day_counts_use_the_calendar_previous_day():
    links = by_key(find_links(_diary(60)))
    lag1 = links[("sitting", 1)]
    # Days 1, 4, ... 58 follow long sitting: all 20 flared; 39 others (day 0 has no
    # previous day) did not.
    assert (lag1.exposed_flares, lag1.exposed_days) == (20, 20)
    assert (lag1.unexposed_flares, lag1.unexposed_days) == (0, 39)
    assert lag1.verdict == LINKED
    assert links[("sitting", 0)].exposed_flares == 0


def test_missing_days_are_missing_not_shifted():
    # Drop every 3rd day (the long-sitting days): nothing is known the day after,
    # so the days after a gap must not borrow the day before the gap.
    days = _diary(60, gap_every=3)
    lag1 = by_key(find_links(days))[("sitting", 1)]
    assert lag1.exposed_days == 0
    assert lag1.verdict == NOT_ENOUGH_DATA


def test_not_enough_logged_days():
    links = find_links(_diary(MIN_LOGGED_DAYS - 1))
    assert {link.verdict for link in links} == {NOT_ENOUGH_DATA}
    assert all(link.p_value is None for link in links)


def test_not_enough_exposed_days():
    days = [
        day(i, pain=3, sitting_minutes=480 if i < MIN_GROUP_DAYS - 1 else 60) for i in range(40)
    ]
    assert by_key(find_links(days))[("sitting", 0)].verdict == NOT_ENOUGH_DATA


def test_unrecorded_factor_is_not_enough_data_and_no_link_without_flares():
    days = [day(i, pain=3, sitting_minutes=480 if i % 2 else 60) for i in range(40)]
    links = by_key(find_links(days))
    assert links[("sleep", 0)].verdict == NOT_ENOUGH_DATA
    assert links[("sitting", 0)].verdict == NO_LINK


def test_period_start_excludes_earlier_outcomes_but_keeps_their_exposure():
    days = _diary(60)
    start = D0 + dt.timedelta(days=31)  # day 31 follows long sitting on day 30
    lag1 = by_key(find_links(days, start))[("sitting", 1)]
    assert lag1.exposed_days + lag1.unexposed_days == 29
    assert lag1.exposed_days == 10


def test_sentence_shows_counts_first_in_everyday_words():
    lag1 = by_key(find_links(_diary(60)))[("sitting", 1)]
    text = link_sentence(lag1)
    # The sentence's counts are the link's counts, in the order a patient reads them.
    assert (lag1.exposed_flares, lag1.exposed_days) == (20, 20)
    assert (lag1.unexposed_flares, lag1.unexposed_days) == (0, 39)
    assert text == (
        f"On {lag1.exposed_flares} of the {lag1.exposed_days} days after you sat more than "
        f"6 hours, you had a flare-up — against {lag1.unexposed_flares} of "
        f"{lag1.unexposed_days} other days. That is unlikely to be chance."
    )
    details = link_details(lag1)
    assert "times as high" in details and "95 % interval" in details
    assert "after allowing for the number of comparisons" in details
    assert "not proof of a cause" in details
    short = by_key(find_links(_diary(10)))[("sitting", 1)]
    assert "not enough data yet" in link_sentence(short)
    assert link_details(short) == ""


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
