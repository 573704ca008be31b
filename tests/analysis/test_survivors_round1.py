"""Sentences and headlines a patient reads, and a one-day period, worked out by hand."""

from __future__ import annotations

import datetime as dt

from app.analysis.baseline import Baseline
from app.analysis.flares import FlareEpisode
from app.analysis.insights import _headline, insights
from app.analysis.links import NOT_ENOUGH_DATA, Link
from app.analysis.peg import Change, PegSummary
from app.analysis.sentences import (
    ASSOCIATION_NOTE,
    baseline_sentence,
    flares_sentence,
    link_sentence,
)
from app.domain.entry import make_entry

D0 = dt.date(2025, 6, 2)

NOT_ENOUGH = (
    "Not enough data yet to say what goes with your flare-ups: keep logging "
    "sitting, activity, posture, exertion, sleep and stress for at least three weeks."
)


def test_the_baseline_sentence_says_what_counts_as_a_flare() -> None:
    assert baseline_sentence(Baseline(D0, 4.0, 28)) == (
        "Your baseline pain is 4/10: the middle value of your last 28 days with a pain "
        "score. A day 2 points above it counts as a flare."
    )


def test_flare_ups_of_different_lengths_give_the_range_and_the_mean() -> None:
    """One day and four days: 1 to 4 days, (1 + 4) / 2 = 2.5 on average; worst 8."""
    episodes = [
        FlareEpisode(D0, D0, 8),
        FlareEpisode(D0 + dt.timedelta(days=5), D0 + dt.timedelta(days=8), 6),
    ]
    assert flares_sentence(episodes, 5) == (
        "2 flare-ups in this period (5 days in all), lasting 1 to 4 days "
        "(2.5 on average); the worst reached 8/10."
    )


def test_no_flare_ups_is_a_sentence_of_its_own() -> None:
    assert flares_sentence([], 0) == "No flare-ups in this period."


def test_a_next_day_factor_without_enough_days_says_what_is_needed() -> None:
    link = Link(
        factor="sitting", lag_days=1, verdict=NOT_ENOUGH_DATA,
        exposed_days=3, unexposed_days=4, exposed_flares=0, unexposed_flares=0,
        flare_rate_exposed=None, flare_rate_unexposed=None,
        rate_ci_exposed=None, rate_ci_unexposed=None,
        mean_pain_exposed=None, mean_pain_unexposed=None,
        odds_ratio=None, odds_ratio_ci=None, p_value_raw=None, p_value=None,
    )  # fmt: skip
    assert link_sentence(link) == (
        "Long sitting (the day after): not enough data yet — 3 days with it and 4 without "
        "so far; at least 5 of each, and 21 logged days, are needed."
    )


def test_a_single_day_period_is_summarised_from_its_own_start() -> None:
    """Start and end on the same day is a valid period of one day, not an error.

    Its headline: no baseline yet (1 of 7 days), no flare-ups, too little for links.
    A location without a side is coded by its region alone.
    """
    day = make_entry(
        date=D0,
        pain=3,
        locations=[{"region": "lower_back"}, {"region": "calf", "side": "left"}],
    )
    found = insights([day], D0, D0)
    assert (found.start, found.end, found.days_logged) == (D0, D0, 1)
    assert found.summary is not None
    assert (found.summary.start, found.summary.end) == (D0, D0)
    assert [c.code for c in found.summary.locations] == ["calf:left", "lower_back"]
    assert list(found.sentences) == [
        "No baseline yet: it needs 7 days with a pain score (you have 1). Until then only "
        "days you mark as flares count.",
        "No flare-ups in this period.",
        NOT_ENOUGH,
        ASSOCIATION_NOTE,
    ]


def test_the_headline_reports_a_meaningful_change_in_pain() -> None:
    """6.0 down to 3.5 is 2.5 points lower, judged meaningful: the headline says so.

    Without a period summary there is no flare-up sentence.
    """
    pain = Change("pain", 6.0, 3.5, 14, 12, True, "2 points or 30%")
    lines = _headline(20, Baseline(D0, 4.0, 28), [], [], PegSummary((), (), None, pain), None)
    assert lines == [
        "Your baseline pain is 4/10: the middle value of your last 28 days with a pain "
        "score. A day 2 points above it counts as a flare.",
        NOT_ENOUGH,
        "Average pain: 6.0 in the first two weeks, 3.5 in the last two "
        "(2.5 points lower — a meaningful improvement).",
        ASSOCIATION_NOTE,
    ]
