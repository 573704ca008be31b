"""Worked examples written out by hand: each factor rule, the baseline, the flare rule, Holm.

The expectations here are numbers typed in, never computed from the module's
constants, so a changed threshold (6 hours of sitting, 30 minutes of activity,
sleep quality 3, a rise of 2 points) fails a test instead of moving the
expectation along with it.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from app.analysis.baseline import baseline_as_of, rolling_baseline
from app.analysis.entry_columns import columns_from_entries
from app.analysis.factors import (
    FACTORS,
    factor,
    high_stress,
    inactive,
    long_sitting,
    movement_minutes,
    overexertion,
    poor_posture,
    poor_sleep,
)
from app.analysis.flares import classify_days, find_episodes
from app.analysis.links import LINKED, NO_LINK, NOT_ENOUGH_DATA, Link, adjust, find_links
from app.domain.entry import make_entry

D0 = dt.date(2025, 3, 1)
NAN = np.nan


def _days(*fields: dict) -> list:
    return [make_entry(date=D0 + dt.timedelta(days=i), **f) for i, f in enumerate(fields)]


def _rule(rule, *fields: dict) -> list[float | None]:
    """The rule's answer per day, NaN spelled None so lists compare with ==."""
    out = rule(columns_from_entries(_days(*fields)))
    return [None if np.isnan(v) else float(v) for v in out]


# -- the factor rules ------------------------------------------------------------------


def test_long_sitting_is_more_than_six_hours():
    answer = _rule(
        long_sitting,
        {"sitting_minutes": 0},
        {"sitting_minutes": 359},
        {"sitting_minutes": 360},  # exactly 6 hours is not "more than"
        {"sitting_minutes": 361},
        {"sitting_minutes": 600},
        {},  # not recorded
    )
    assert answer == [0.0, 0.0, 0.0, 1.0, 1.0, None]


def test_inactivity_is_under_thirty_minutes_of_the_larger_of_active_and_exercise():
    answer = _rule(
        inactive,
        {"active_minutes": 0},
        {"active_minutes": 20},
        {"active_minutes": 29},
        {"active_minutes": 30},
        {"active_minutes": 10, "exercises": [{"name": "walking", "minutes": 30}]},
        # 20 + 20 is not added up: the exercise may be part of the active time.
        {"active_minutes": 20, "exercises": [{"name": "walking", "minutes": 20}]},
        # Two exercises are added: 15 + 15 minutes of exercise.
        {"exercises": [{"name": "walking", "minutes": 15}, {"name": "cycling", "minutes": 15}]},
        {"exercises": [{"name": "walking"}]},  # no minutes given: not recorded
        {},
    )
    assert answer == [1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, None, None]


def test_movement_minutes_by_hand():
    columns = columns_from_entries(
        _days(
            {"active_minutes": 45, "exercises": [{"name": "walking", "minutes": 20}]},
            {"exercises": [{"name": "walking", "minutes": 50}]},
            {"active_minutes": 0},
            {},
        )
    )
    assert movement_minutes(columns).tolist()[:3] == [45.0, 50.0, 0.0]
    assert np.isnan(movement_minutes(columns)[3])


def test_poor_posture_is_poor_only():
    answer = _rule(poor_posture, {"posture": "good"}, {"posture": "fair"}, {"posture": "poor"}, {})
    assert answer == [0.0, 0.0, 1.0, None]


def test_overexertion_is_moderate_or_heavy():
    answer = _rule(
        overexertion,
        {"exertion": "none"},
        {"exertion": "light"},
        {"exertion": "moderate"},
        {"exertion": "heavy"},
        {},
    )
    assert answer == [0.0, 0.0, 1.0, 1.0, None]


def test_poor_sleep_is_under_six_hours_or_quality_three_or_less():
    answer = _rule(
        poor_sleep,
        {"sleep_hours": 5.5},
        {"sleep_hours": 6},  # 6 hours is not short
        {"sleep_hours": 8},
        {"sleep_quality": 0},
        {"sleep_quality": 2},
        {"sleep_quality": 3},
        {"sleep_quality": 4},
        {"sleep_hours": 8, "sleep_quality": 3},  # either half is enough
        {"sleep_hours": 4, "sleep_quality": 9},
        {"sleep_hours": 7, "sleep_quality": 7},
        {},
    )
    assert answer == [1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, None]


def test_high_stress_is_seven_or_more_of_ten():
    answer = _rule(
        high_stress,
        {"stress": 0},
        {"stress": 6},
        {"stress": 7},  # 7 itself counts as a stressful day
        {"stress": 10},
        {},  # not rated
    )
    assert answer == [0.0, 0.0, 1.0, 1.0, None]


def test_the_factors_in_order_with_their_rules():
    assert [(f.code, f.exposed) for f in FACTORS] == [
        ("sitting", long_sitting),
        ("inactivity", inactive),
        ("posture", poor_posture),
        ("overexertion", overexertion),
        ("sleep", poor_sleep),
        ("stress", high_stress),
    ]
    assert factor("sleep").lead(0).startswith("On days you logged short or poor sleep")
    assert factor("sleep").lead(1) == (
        "The day after short or poor sleep (under 6 hours, or quality 3/10 or less)"
    )
    assert factor("inactivity").lead(0) == (
        "On days with less than 30 minutes of activity or exercise"
    )
    assert factor("sitting").lead(1) == "The day after sitting more than 6 hours"
    with pytest.raises(KeyError, match="unknown factor 'weather'; known: sitting"):
        factor("weather")


# -- the baseline ----------------------------------------------------------------------


def test_rolling_baseline_by_hand():
    out = rolling_baseline([4, 2, 6, 3, 5, 1, 7, 9, 0])
    assert np.isnan(out[:7]).all()  # fewer than 7 earlier scores: no baseline
    assert out[7] == 4.0  # median of 4 2 6 3 5 1 7
    assert out[8] == 4.5  # median of 4 2 6 3 5 1 7 9


def test_rolling_baseline_keeps_the_28_days_before_only():
    values = [9] * 14 + [1] * 14 + [1, 1, 1]
    out = rolling_baseline(values)
    assert out[27] == 9.0  # 14 nines and 13 ones before it
    assert out[28] == 5.0  # 14 nines and 14 ones: the day itself is not counted
    assert out[29] == 1.0  # the first nine has left the window: 13 nines, 15 ones
    assert out[30] == 1.0


def test_baseline_as_of_by_hand():
    days = _days(*({"pain": p} for p in (5, 3, 8, 2, 6, 4)))
    assert baseline_as_of(days).value is None  # six scores: not yet
    assert baseline_as_of(days).days_used == 6
    days = _days(*({"pain": p} for p in (5, 3, 8, 2, 6, 4, 7, None)))
    seven = baseline_as_of(days)
    assert (seven.value, seven.days_used, seven.known) == (5.0, 7, True)
    assert seven.as_of == D0 + dt.timedelta(days=7)
    earlier = baseline_as_of(days, D0 + dt.timedelta(days=5))
    assert (earlier.value, earlier.as_of) == (None, D0 + dt.timedelta(days=5))


# -- the flare rule --------------------------------------------------------------------


def test_a_flare_is_a_rise_of_two_points_over_the_baseline_or_a_tick():
    # Seven days at 3 give a baseline of 3 for each of the days after.
    days = _days(
        *([{"pain": 3}] * 7),
        {"pain": 5},  # 3 + 2: a flare
        {"pain": 4},  # 3 + 1: not
        {"pain": 1, "flare": True},  # ticked: a flare whatever the score
        {"flare": False},  # no score: never a rise
    )
    result = classify_days(days)
    assert result.flare == (False,) * 7 + (True, False, True, False)
    assert result.baseline[7:] == (3.0, 3.0, 3.0, None)
    assert result.ticked[-2:] == (True, False)


def test_flare_episodes_by_hand():
    days = _days(*([{"pain": 2}] * 7), {"pain": 6}, {"pain": 9}, {"pain": 2}, {"pain": 7})
    episodes = find_episodes(days)
    assert [(e.start, e.end, e.peak, e.length) for e in episodes] == [
        (D0 + dt.timedelta(days=7), D0 + dt.timedelta(days=8), 9, 2),
        (D0 + dt.timedelta(days=10), D0 + dt.timedelta(days=10), 7, 1),
    ]


# -- Holm ------------------------------------------------------------------------------


def _link(code: str, p_raw: float | None) -> Link:
    return Link(
        factor=code, lag_days=0, verdict=NO_LINK if p_raw is not None else NOT_ENOUGH_DATA,
        exposed_days=0, unexposed_days=0, exposed_flares=0, unexposed_flares=0,
        flare_rate_exposed=None, flare_rate_unexposed=None, rate_ci_exposed=None,
        rate_ci_unexposed=None, mean_pain_exposed=None, mean_pain_unexposed=None,
        odds_ratio=None, odds_ratio_ci=None, p_value_raw=p_raw, p_value=None,
    )  # fmt: skip


def test_holm_adjusts_the_tested_links_and_gives_the_verdicts():
    # Three tests at 0.01, 0.02, 0.04: times 3, 2, 1 -> 0.03, 0.04, 0.04 (running max).
    # Each raw value alone is under 0.05; adjusted, the last is not.
    links = [_link("a", 0.04), _link("b", None), _link("c", 0.01), _link("d", 0.02)]
    out = adjust(links)
    assert [link.p_value for link in out] == pytest.approx([0.04, None, 0.03, 0.04])
    assert [link.verdict for link in out] == [LINKED, NOT_ENOUGH_DATA, LINKED, LINKED]
    out = adjust([_link("a", 0.03), _link("b", 0.04)])
    # 0.03 x 2 = 0.06 and max(0.06, 0.04 x 1): both 0.06, neither linked.
    assert [link.p_value for link in out] == pytest.approx([0.06, 0.06])
    assert [link.verdict for link in out] == [NO_LINK, NO_LINK]
    assert [link.p_value_raw for link in out] == [0.03, 0.04]
    assert adjust([_link("a", 0.9), _link("b", 0.8)])[0].p_value == 1.0  # capped at 1
    assert adjust([_link("a", None)]) == [_link("a", None)]


def test_find_links_reports_holm_adjusted_p_values():
    """In a real diary every tested link's p is its raw p times its Holm factor."""
    days = [
        make_entry(
            date=D0 + dt.timedelta(days=i),
            pain=3,
            sitting_minutes=480 if i % 3 == 0 else 120,
            sleep_hours=5 if i % 4 == 0 else 8,
            flare=(i % 3 == 1),
        )
        for i in range(60)
    ]
    tested = [link for link in find_links(days) if link.p_value_raw is not None]
    assert len(tested) >= 2
    ordered = sorted(tested, key=lambda link: link.p_value_raw)
    m = len(ordered)
    running = 0.0
    for rank, link in enumerate(ordered):
        running = max(running, min(1.0, (m - rank) * link.p_value_raw))
        assert link.p_value == pytest.approx(running)
    assert ordered[0].p_value == pytest.approx(m * ordered[0].p_value_raw)


# -- details the mutation run showed untested ---------------------------------------------


def test_classify_days_keeps_each_days_pain_and_date_in_order():
    days = _days({"pain": 4}, {}, {"pain": 0, "flare": True})
    result = classify_days(list(reversed(days)))
    assert result.dates == tuple(D0 + dt.timedelta(days=i) for i in range(3))
    assert result.pain == (4, None, 0)
    assert result.by_date() == {D0: False, D0 + dt.timedelta(days=1): False,
                                D0 + dt.timedelta(days=2): True}  # fmt: skip


def test_baseline_as_of_a_day_counts_that_day():
    days = _days(*({"pain": p} for p in (1, 2, 3, 4, 5, 6, 7, 9)))
    on_the_seventh = baseline_as_of(days, D0 + dt.timedelta(days=6))
    assert (on_the_seventh.value, on_the_seventh.days_used) == (4.0, 7)


def test_find_links_counts_the_end_day_itself():
    days = [
        make_entry(date=D0 + dt.timedelta(days=i), pain=3, sitting_minutes=480 if i % 2 else 60)
        for i in range(30)
    ]
    last = D0 + dt.timedelta(days=29)
    links = {(lk.factor, lk.lag_days): lk for lk in find_links(days, end=last)}
    sitting = links[("sitting", 0)]
    assert (sitting.exposed_days, sitting.unexposed_days) == (15, 15)


def test_compare_ends_names_its_measure():
    from app.analysis.peg import compare_ends

    values = {D0 + dt.timedelta(days=i): 5.0 for i in range(28)}
    end = D0 + dt.timedelta(days=27)
    assert compare_ends(values, D0, end, "pain").measure == "pain"
    assert compare_ends(values, D0, end, "peg").measure == "peg"


def test_a_peg_change_of_one_point_matters_where_a_pain_change_of_one_does_not():
    from app.analysis.peg import compare_ends

    values = {D0 + dt.timedelta(days=i): (8.0 if i < 14 else 7.0) for i in range(28)}
    end = D0 + dt.timedelta(days=27)
    peg = compare_ends(values, D0, end, "peg")
    pain = compare_ends(values, D0, end, "pain")
    assert (peg.first, peg.last, peg.meaningful, peg.threshold) == (8.0, 7.0, True, "about 1 point")
    assert (pain.meaningful, pain.threshold) == (False, "2 points or 30%")
    assert (peg.direction, pain.direction) == ("better", "unchanged")
    assert (peg.first_days, peg.last_days) == (14, 14)
    worse = compare_ends({d: 9 - v for d, v in values.items()}, D0, end, "peg")
    assert (worse.first, worse.last, worse.direction) == (1.0, 2.0, "worse")


def test_a_pain_change_from_low_pain_is_judged_by_its_share():
    from app.analysis.peg import pain_change_meaningful

    # From 1 to 0.5: half a point, but half of where it started (30 % or more).
    assert pain_change_meaningful(1, 0.5) is True
    assert pain_change_meaningful(0.5, 0.7) is True
    assert pain_change_meaningful(1, 0.8) is False  # 20 %
    assert pain_change_meaningful(0, 1.9) is False  # from no pain: only 2 points count


def test_peg_summary_names_its_two_changes():
    from app.analysis.peg import peg_summary

    days = _days(
        *(
            {"pain": 6 if i < 14 else 3, "enjoyment_interference": 5, "activity_interference": 5}
            for i in range(28)
        )
    )
    summary = peg_summary(days, D0, D0 + dt.timedelta(days=27))
    assert (summary.pain_change.measure, summary.pain_change.threshold) == (
        "pain",
        "2 points or 30%",
    )
    assert (summary.pain_change.first, summary.pain_change.last) == (6.0, 3.0)
    assert (summary.peg_change.measure, summary.peg_change.first) == ("peg", 16 / 3)


def test_twenty_one_logged_days_are_enough_for_a_verdict():
    def diary(n: int):
        return [
            make_entry(date=D0 + dt.timedelta(days=i), pain=3, sitting_minutes=480 if i % 2 else 60)
            for i in range(n)
        ]

    at = {(lk.factor, lk.lag_days): lk for lk in find_links(diary(21))}
    assert at[("sitting", 0)].verdict == NO_LINK  # 21 days: tested (no flares, no link)
    assert at[("sitting", 0)].p_value is not None
    below = {(lk.factor, lk.lag_days): lk for lk in find_links(diary(20))}
    assert below[("sitting", 0)].verdict == NOT_ENOUGH_DATA


def test_past_a_thousand_days_the_odds_ratio_is_the_sample_one():
    """ad / bc from the link's own counts (the conditional estimate would differ a little)."""
    days = [
        make_entry(
            date=dt.date(2020, 1, 1) + dt.timedelta(days=i),
            pain=3,
            sitting_minutes=480 if i % 2 else 60,
            flare=i % 6 in (0, 1, 3),
        )
        for i in range(1200)
    ]
    link = {(lk.factor, lk.lag_days): lk for lk in find_links(days)}[("sitting", 0)]
    a, n1 = link.exposed_flares, link.exposed_days
    c, n0 = link.unexposed_flares, link.unexposed_days
    assert n1 + n0 > 1000 and min(a, n1 - a, c, n0 - c) > 0
    assert link.odds_ratio == pytest.approx(a * (n0 - c) / ((n1 - a) * c), rel=1e-12)
    low, high = link.odds_ratio_ci
    assert low < link.odds_ratio < high


def test_edges_the_mutation_run_found():
    from app.analysis.links import _wilson

    # A ticked flare at pain 0 peaks at 0, not "no score".
    (episode,) = find_episodes(_days({"pain": 0, "flare": True}))
    assert episode.peak == 0
    # Exactly 28 earlier scores: the first full window.
    out = rolling_baseline([1.0] * 14 + [3.0] * 14)
    assert len(out) == 28 and out[27] == 1.0  # median of 14 ones and 13 threes
    # Adjusted to exactly 0.05 is not under 0.05: no link.
    assert [lk.verdict for lk in adjust([_link("a", 0.025), _link("b", 0.9)])] == [NO_LINK] * 2
    # Every day a flare: the upper end of the interval is exactly 1.
    assert _wilson(5, 5)[1] == 1.0 and _wilson(0, 5)[0] == 0.0


@pytest.mark.parametrize("flare", [True, False], ids=["every-day-a-flare", "no-flare"])
def test_no_odds_ratio_when_every_compared_day_or_none_flared(flare):
    """Without flare and non-flare days both, the odds ratio is 0/0: none, never NaN."""
    from app.analysis.insights import insights
    from app.analysis.sentences import link_details

    days = [
        make_entry(
            date=D0 + dt.timedelta(days=i),
            pain=3,
            sitting_minutes=480 if i % 2 else 60,
            flare=flare,
        )
        for i in range(40)
    ]
    link = {(lk.factor, lk.lag_days): lk for lk in find_links(days)}[("sitting", 0)]
    assert link.verdict == NO_LINK and link.p_value is not None  # still tested
    assert link.odds_ratio is None and link.odds_ratio_ci is None
    details = link_details(link)
    assert "nan" not in details.lower() and "Odds of a flare-up" not in details
    assert "after allowing for the number of comparisons" in details
    as_json = json.dumps(insights(days, D0, None).to_dict(), allow_nan=False)
    assert '"odds_ratio": null' in as_json
