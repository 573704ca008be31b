"""A period summary and the list tallies under it, worked out by hand for four days."""

from __future__ import annotations

import datetime as dt

import pytest

from app.analysis.entry_columns import columns_from_entries, tallies_from_entries
from app.analysis.links import _wilson
from app.analysis.summary import (
    Count,
    ExerciseUse,
    TreatmentUse,
    sciatic_sides,
    summarise_columns,
)
from app.domain.entry import make_entry

D0 = dt.date(2025, 4, 1)

DAYS = [
    make_entry(
        date=D0,
        pain=4,
        worst_pain=7,
        sitting_minutes=300,
        locations=[{"region": "lower_back", "side": "centre"},
                   {"region": "buttock", "side": "left"}, {"region": "calf", "side": "left"}],
        symptoms=["numbness", "tingling"],
        exercises=[{"name": "walking", "minutes": 20}, {"name": "walking", "minutes": 10}],
        treatments=[{"name": "ice", "relief": 4}],
    ),
    make_entry(
        date=D0 + dt.timedelta(days=1),
        pain=6,
        sitting_minutes=500,
        locations=[{"region": "thigh_back", "side": "both"}, {"region": "foot", "side": "right"}],
        symptoms=["numbness"],
        treatments=[{"name": "ice", "relief": 8}, {"name": "heat"}],
        red_flags=["saddle_numbness"],
    ),
    make_entry(
        date=D0 + dt.timedelta(days=2),
        pain=2,
        locations=[{"region": "lower_back", "side": "centre"}],
        exercises=[{"name": "cat_cow"}, {"name": "my stretch", "minutes": 5}],
        treatments=[{"name": "ice"}],
    ),
    make_entry(date=D0 + dt.timedelta(days=4), note="only a note"),
]  # fmt: skip


def _summary():
    end = D0 + dt.timedelta(days=6)
    return summarise_columns(
        columns_from_entries(DAYS), tallies_from_entries(DAYS), D0, end, flare_days=1, episodes=()
    )


def test_pain_sitting_and_days_by_hand() -> None:
    s = _summary()
    assert (s.days_in_period, s.days_logged, s.pain_days) == (7, 4, 3)
    assert s.pain_mean == 4.0  # (4 + 6 + 2) / 3
    assert (s.pain_least, s.pain_worst) == (2, 7)  # worst: 7 on day 1, else the average
    assert s.sitting_mean == 400.0
    assert s.flare_days == 1 and s.episodes == () and s.mean_episode_length is None
    assert s.red_flag_days == (D0 + dt.timedelta(days=1),)


def test_where_it_hurt_by_hand() -> None:
    s = _summary()
    assert s.locations[0] == Count("lower_back:centre", s.locations[0].label, 2)
    assert {c.code: c.days for c in s.locations} == {
        "lower_back:centre": 2, "buttock:left": 1, "calf:left": 1, "thigh_back:both": 1,
        "foot:right": 1,
    }  # fmt: skip
    assert s.back_days == 2  # days 0 and 2
    assert s.leg_days == 2  # days 0 and 1
    assert (s.left_leg_days, s.right_leg_days) == (2, 1)  # "both" counts for each leg
    # Day 0: left buttock + left calf. Day 1: back of both thighs + right foot.
    assert s.sciatic_days == {"left": 1, "right": 1}
    assert sciatic_sides(DAYS[0]) == ["left"] and sciatic_sides(DAYS[1]) == ["right"]
    assert sciatic_sides(DAYS[2]) == []


def test_symptoms_treatments_and_exercises_by_hand() -> None:
    s = _summary()
    assert [(c.code, c.days) for c in s.symptoms] == [("numbness", 2), ("tingling", 1)]
    ice, heat = s.treatments
    assert ice == TreatmentUse("ice", ice.label, 3, 2, 6.0)  # rated 4 and 8
    assert (heat.name, heat.days, heat.rated, heat.mean_relief) == ("heat", 1, 0, None)
    by_name = {e.name: e for e in s.exercises}
    assert by_name["walking"] == ExerciseUse("walking", by_name["walking"].label, 1, 30)
    assert (by_name["cat_cow"].days, by_name["cat_cow"].minutes) == (1, 0)
    assert (by_name["my stretch"].days, by_name["my stretch"].minutes) == (1, 5)


def test_tallies_by_hand() -> None:
    tallies = tallies_from_entries(DAYS)
    assert tallies.symptoms == {"numbness": 2, "tingling": 1}
    assert tallies.exercises == {"walking": (1, 30), "cat_cow": (1, 0), "my stretch": (1, 5)}
    assert tallies.treatments == {"ice": (3, 2, 12), "heat": (1, 0, 0)}
    assert tallies.location_sets == {
        # Each set sorted by (region, side), as the SQL reads them.
        (("buttock", "left"), ("calf", "left"), ("lower_back", "centre")): 1,
        (("foot", "right"), ("thigh_back", "both")): 1,
        (("lower_back", "centre"),): 1,
    }


def test_columns_by_hand() -> None:
    columns = columns_from_entries(list(reversed(DAYS)))
    assert columns.ordinal.tolist() == [D0.toordinal() + i for i in (0, 1, 2, 4)]
    assert columns.pain.tolist()[:3] == [4.0, 6.0, 2.0]
    assert columns.exercise_minutes.tolist()[0] == 30.0
    assert columns.exercise_minutes.tolist()[2] == 5.0  # cat_cow has no minutes
    assert columns.red_flag.tolist() == [False, True, False, False]
    assert columns.dates() == [d.date for d in DAYS]


def test_wilson_interval_by_hand() -> None:
    # 2 of 10: the Wilson 95 % interval is 0.0567 to 0.5098 (Newcombe 1998, table I style).
    low, high = _wilson(2, 10)
    assert (low, high) == pytest.approx((0.0567, 0.5098), abs=1e-4)
    low, high = _wilson(0, 5)
    assert low == 0.0 and high == pytest.approx(0.4345, abs=1e-4)
    assert _wilson(0, 0) is None


def test_insights_as_json_by_hand() -> None:
    from app.analysis.insights import insights

    empty = insights([], D0, D0 + dt.timedelta(days=6)).to_dict()
    assert (empty["days_logged"], empty["days_in_period"]) == (0, 7)
    assert insights([]).to_dict()["days_in_period"] == 0  # no period, no summary
    # PEG 4 + 3 + 6 = 13 / 3 = 4.333...: two decimals in the JSON.
    week = insights(
        [make_entry(date=D0, pain=4, enjoyment_interference=3, activity_interference=6)],
        D0,
        D0 + dt.timedelta(days=6),
    ).to_dict()
    assert week["peg"]["weeks"] == [{"week_start": "2025-03-31", "score": 4.33}]
    # One flare in three long-sitting days: rates with three decimals.
    days = [
        make_entry(
            date=D0 + dt.timedelta(days=i),
            pain=3,
            sitting_minutes=480 if i % 7 < 3 else 60,
            flare=i % 7 == 0,
        )
        for i in range(42)
    ]
    found = insights(days).to_dict()
    sitting = next(x for x in found["links"] if (x["factor"], x["lag_days"]) == ("sitting", 0))
    assert (sitting["exposed_flares"], sitting["exposed_days"]) == (6, 18)
    assert sitting["flare_rate_exposed"] == 0.333
    assert sitting["mean_pain_exposed"] == 3.0
