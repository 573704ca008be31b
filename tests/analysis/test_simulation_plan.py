"""The test plan on simulated diaries (issue 15): false alarms, power, days to answer.

Diaries from tests/analysis/sim_columns.py, 200 per row, fixed seeds; each row
prints its figure with a 95 % Clopper-Pearson interval (run with -s). The
figures and the command are in docs/statistics.md.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np
import pytest
from scipy.stats import binomtest

from app.analysis.links import LINKED, DayTable, table_links
from app.analysis.test_plan import Suspect
from tests.analysis.sim_columns import END, simulate_batch

pytestmark = pytest.mark.slow

DIARIES = 200
FALSE_ALARM_LIMIT = 0.05


def _report(label: str, hits: int, n: int) -> float:
    ci = binomtest(hits, n).proportion_ci(0.95)
    print(f"\n{label}: {hits}/{n} = {hits / n:.1%} (95 % CI {ci.low:.1%}-{ci.high:.1%})")
    return hits / n


def _suspects(count: int, own: int, logged_days: int) -> list[Suspect]:
    """0, 1 or 3 suspects; the third declared halfway (it covers only later days)."""
    start = END - dt.timedelta(days=int(logged_days / 0.93))
    half = END - dt.timedelta(days=int(logged_days / 0.93 / 2))
    chosen = [
        Suspect("sitting", 1, start, None),
        Suspect("stress", 0, start, None),
        Suspect("own1" if own else "sleep", 1, half, half),
    ]
    return chosen[:count]


@cache
def _null_rate(suspects: int, own: int, hard: bool) -> float:
    days = 180 if hard else 90
    seed = 100 + 10 * suspects + own + 1000 * hard
    batch = simulate_batch(
        np.random.default_rng(seed), DIARIES, logged_days=days, own=own, blocky=hard, drift=hard
    )
    plan = _suspects(suspects, own, days)
    hits = sum(
        any(link.verdict == LINKED for link in table_links(DayTable.from_columns(c), None, plan))
        for c in batch
    )
    kind = "blocks + drifting pain, 180 days" if hard else "plain, 90 days"
    return _report(
        f"null, {suspects} suspects, {own} own factors, {kind}: any linked", hits, DIARIES
    )


NULL_ROWS = [(s, o, h) for s in (0, 1, 3) for o in (0, 5) for h in (False, True)]


@pytest.mark.parametrize("hard", [False, True], ids=["plain", "blocks-drift"])
@pytest.mark.parametrize("own", [0, 5])
@pytest.mark.parametrize("suspects", [0, 1, 3])
def test_null_diaries_rarely_show_any_link(suspects, own, hard):
    # 200 diaries pin a rate only to about +-3 points: each row must not be
    # significantly above 5 % (one-sided binomial test at .05); the pooled
    # rate of all rows (2,400 diaries) must be at most 5 % itself.
    hits = round(_null_rate(suspects, own, hard) * DIARIES)
    assert binomtest(hits, DIARIES, FALSE_ALARM_LIMIT, alternative="greater").pvalue >= 0.05


def test_null_diaries_pooled_false_alarm_rate_at_most_five_percent():
    hits = sum(round(_null_rate(*row) * DIARIES) for row in NULL_ROWS)
    pooled = _report("null, all rows pooled: any linked", hits, DIARIES * len(NULL_ROWS))
    assert pooled <= FALSE_ALARM_LIMIT


@cache
def _sitting_powers(logged_days: int) -> tuple[float, float, float]:
    """(declared suspect, single test at .05, undeclared) on the same OR-4 diaries."""
    batch = simulate_batch(
        np.random.default_rng(7000 + logged_days),
        DIARIES,
        logged_days=logged_days,
        effect=("sitting", 1, 4.0),
    )
    suspect = [Suspect("sitting", 1, END - dt.timedelta(days=400), None)]
    declared = single = undeclared = 0
    for c in batch:
        table = DayTable.from_columns(c)
        with_plan = {(x.factor, x.lag_days): x for x in table_links(table, None, suspect)}
        without = {(x.factor, x.lag_days): x for x in table_links(table, None)}
        link = with_plan[("sitting", 1)]
        declared += link.verdict == LINKED
        single += link.p_value_raw is not None and link.p_value_raw < 0.05
        undeclared += without[("sitting", 1)].verdict == LINKED
    n = DIARIES
    return (
        _report(f"sitting x4, {logged_days} days, declared suspect", declared, n),
        _report(f"sitting x4, {logged_days} days, single test at .05", single, n),
        _report(f"sitting x4, {logged_days} days, undeclared (exploratory)", undeclared, n),
    )


def test_declared_suspect_at_90_days_is_within_10_points_of_a_single_test():
    declared, single, _ = _sitting_powers(90)
    assert single - declared <= 0.10


def test_undeclared_effect_found_with_enough_days():
    _, _, undeclared = _sitting_powers(270)
    assert undeclared >= 0.75


def test_undeclared_effect_at_90_days_floor():
    _, _, undeclared = _sitting_powers(90)
    assert undeclared >= 0.20


@cache
def _own_powers() -> tuple[float, float]:
    batch = simulate_batch(
        np.random.default_rng(8000), DIARIES, logged_days=90, own=5, effect=("own2", 1, 4.0)
    )
    suspect = [Suspect("own2", 1, END - dt.timedelta(days=400), None)]
    declared = undeclared = 0
    for c in batch:
        table = DayTable.from_columns(c)
        declared += any(
            x.factor == "own2" and x.lag_days == 1 and x.verdict == LINKED
            for x in table_links(table, None, suspect)
        )
        undeclared += any(
            x.factor == "own2" and x.lag_days == 1 and x.verdict == LINKED
            for x in table_links(table, None)
        )
    return (
        _report("own factor x4, 90 days, 5 own factors, declared", declared, DIARIES),
        _report("own factor x4, 90 days, 5 own factors, undeclared", undeclared, DIARIES),
    )


def test_own_factor_effect_found_when_declared():
    declared, undeclared = _own_powers()
    assert declared >= 0.5 and declared >= undeclared


#: "About N more days": the share found by then should be 80 % give or take this.
CALIBRATION_TOLERANCE = 0.10
CHECK_AT = 45  # logged days when the estimate is read


@cache
def _found_by_then(declared: bool) -> float:
    """Diaries told "N more days" at CHECK_AT logged days: the share linked after N more.

    Every flare day is ticked here, so the odds ratio the diary records is the
    planted 4 (3.9 measured); with 70 % ticked it records about 3.2 and the
    estimate, made for 4, is optimistic (docs/statistics.md).
    """
    batch = simulate_batch(
        np.random.default_rng(9000 + declared),
        DIARIES,
        logged_days=900,
        effect=("sitting", 1, 4.0),
        ticked=1.0,
    )
    plan = [Suspect("sitting", 1, dt.date(1990, 1, 1), None)] if declared else []
    told = found = 0
    for c in batch:
        early = c.take(slice(0, CHECK_AT))
        link = {
            (x.factor, x.lag_days): x for x in table_links(DayTable.from_columns(early), None, plan)
        }[("sitting", 1)]
        if link.verdict == LINKED or link.days_to_answer is None:
            continue
        more = link.days_to_answer
        if CHECK_AT + more > len(c):
            continue
        told += 1
        later = c.take(slice(0, CHECK_AT + more))
        verdict = {
            (x.factor, x.lag_days): x.verdict
            for x in table_links(DayTable.from_columns(later), None, plan)
        }[("sitting", 1)]
        found += verdict == LINKED
    kind = "declared" if declared else "exploratory"
    return _report(f"told 'N more days' at {CHECK_AT} days ({kind}): found by then", found, told)


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "exploratory"])
def test_days_to_answer_is_about_eighty_percent(declared):
    assert abs(_found_by_then(declared) - 0.80) <= CALIBRATION_TOLERANCE
