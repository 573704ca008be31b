"""Edges of the insights JSON, the summary sentences and the test plan, worked out by hand.

`insights --json` is read by other programs: its keys and roundings are a contract.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from app.analysis.baseline import Baseline
from app.analysis.insights import Insights, insights
from app.analysis.links import LINKED, Link
from app.analysis.peg import Change, PegSummary
from app.analysis.sentences import summary_sentences
from app.analysis.test_plan import Graph, Suspect, graphical_adjusted
from app.diary import Diary
from app.domain.entry import make_entry

D0 = dt.date(2025, 6, 2)


def _hand_made_insights() -> Insights:
    link = Link(
        factor="sitting", lag_days=1, verdict=LINKED,
        exposed_days=20, unexposed_days=25, exposed_flares=8, unexposed_flares=3,
        flare_rate_exposed=0.4, flare_rate_unexposed=0.12,
        rate_ci_exposed=(0.2188, 0.6134), rate_ci_unexposed=(0.0417, 0.3004),
        mean_pain_exposed=5.5, mean_pain_unexposed=4.56789,
        odds_ratio=2.34567, odds_ratio_ci=(1.23456, float("inf")),
        p_value_raw=0.0123456, p_value=0.0370368,
    )  # fmt: skip
    pain = Change("pain", 6.0, 3.25, 14, 12, True, "2 points or 30%")
    return Insights(
        start=D0,
        end=D0 + dt.timedelta(days=44),
        days_logged=45,
        baseline=Baseline(D0, 4.0, 28),
        flares=(),
        links=(link,),
        peg=PegSummary((), (), None, pain),
        summary=None,
        sentences=(),
    )


def test_the_json_rounds_each_figure_to_its_stated_places() -> None:
    as_dict = _hand_made_insights().to_dict()
    (link,) = as_dict["links"]
    assert (link["mean_pain_exposed"], link["mean_pain_unexposed"]) == (5.5, 4.57)
    assert link["odds_ratio"] == 2.346
    assert link["odds_ratio_ci"] == [1.235, None]  # JSON has no infinity
    assert (link["p_value"], link["p_value_unadjusted"]) == (0.037, 0.0123)
    assert link["details"] == (
        "Odds of a flare-up 2.3 times as high (95 % interval from 1.2, no upper limit); "
        "p = 0.04 after allowing for the number of comparisons; p = 0.01 before. "
        "An association in your diary, not proof of a cause."
    )
    assert as_dict["peg"]["change"] is None
    assert as_dict["peg"]["pain_change"] == {
        "first_two_weeks": 6.0,
        "last_two_weeks": 3.25,
        "change": -2.75,
        "meaningful": True,
        "direction": "better",
    }


def test_a_day_scored_from_its_checkins_keeps_one_decimal_in_the_summary(diary: Diary) -> None:
    """Check-ins of 4, 5 and 5 make a day of 4.67: shown as 4.7, not cut to a whole number."""
    day = dt.date(2025, 6, 2)
    for time, pain in (("08:00", 4), ("13:00", 5), ("19:00", 5)):
        diary.save_checkin({"date": day, "time": time, "pain": pain})
    diary.save_day({"date": day + dt.timedelta(days=1), "pain": 6})
    summary = diary.insights(day, day + dt.timedelta(days=1)).to_dict()["summary"]
    assert (summary["pain_least"], summary["pain_worst"]) == (4.7, 6)


def test_insights_of_day_objects_mark_the_declared_suspect() -> None:
    days = [
        make_entry(date=D0 + dt.timedelta(days=i), pain=3, sitting_minutes=480 if i % 2 else 60)
        for i in range(30)
    ]
    found = insights(days, suspects=[Suspect("sitting", 1, D0)])
    declared = {(lk.factor, lk.lag_days): lk.declared for lk in found.links}
    assert declared[("sitting", 1)] is True
    assert declared[("sitting", 0)] is False and declared[("sleep", 1)] is False
    assert insights(days).links[1].declared is False


def test_summary_sentences_list_treatments_and_exercises_in_lower_case() -> None:
    ice, heat = {"name": "ice"}, {"name": "heat"}
    days = [
        make_entry(date=D0, pain=4, treatments=[{**ice, "relief": 4}, heat],
                   exercises=[{"name": "walking", "minutes": 20}]),
        make_entry(date=D0 + dt.timedelta(days=1), pain=6, treatments=[{**ice, "relief": 8}],
                   exercises=[{"name": "walking", "minutes": 10},
                              {"name": "cycling", "minutes": 30}]),
        make_entry(date=D0 + dt.timedelta(days=2), pain=5, treatments=[heat]),
    ]  # fmt: skip
    summary = insights(days).summary
    assert summary is not None
    assert summary_sentences(summary) == [
        "You logged 3 of 3 days.",
        "Average daily pain 5.0/10 (least 4, worst 6).",
        # Two days each: by label. Ice's relief is the mean of 4 and 8; heat was not rated.
        "Treatments: heat on 2 days; ice on 2 days, relief 6.0/10.",
        "Exercises, days done: walking (2), cycling (1).",
    ]


def test_a_hypothesis_with_no_weight_and_no_edge_in_keeps_adjusted_p_one() -> None:
    """Nothing passes weight to the second hypothesis: after the first is rejected the
    procedure stops, and the second is never rejected, however small its p."""
    graph = Graph(weights=np.array([1.0, 0.0]), transitions=np.zeros((2, 2)))
    assert graphical_adjusted([0.02, 0.001], graph).tolist() == [0.02, 1.0]
    # With an edge, the whole weight passes on: 0.001 / 1, then the running maximum 0.02.
    graph = Graph(weights=np.array([1.0, 0.0]), transitions=np.array([[0.0, 1.0], [1.0, 0.0]]))
    assert graphical_adjusted([0.02, 0.001], graph).tolist() == pytest.approx([0.02, 0.02])
