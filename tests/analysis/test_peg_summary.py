"""PEG per day and week, changes against the minimal important change, period summary."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.analysis.insights import insights
from app.analysis.peg import compare_ends, pain_change_meaningful, peg_summary
from app.analysis.summary import sciatic_sides
from app.domain.entry import make_entry

D0 = dt.date(2025, 3, 3)  # a Monday


def day(offset: int, **fields):
    return make_entry(date=D0 + dt.timedelta(days=offset), **fields)


def peg_day(offset: int, pain: int, enjoyment: int = 4, activity: int = 5):
    return day(offset, pain=pain, enjoyment_interference=enjoyment, activity_interference=activity)


def test_peg_only_when_all_three_items_and_weekly_means():
    days = [peg_day(0, 3), peg_day(1, 6), day(2, pain=5), peg_day(7, 0, 0, 0)]
    result = peg_summary(days, D0, D0 + dt.timedelta(days=7))
    assert [(p.date.day, p.score) for p in result.days] == [(3, 4.0), (4, 5.0), (10, 0.0)]
    assert [(w.week_start, w.score, w.days) for w in result.weeks] == [
        (D0, 4.5, 2),
        (D0 + dt.timedelta(days=7), 0.0, 1),
    ]


@pytest.mark.parametrize(
    ("first", "last", "meaningful"),
    [(6, 4, True), (6, 5, False), (3, 2, True), (3, 2.2, False), (0, 1, False), (0, 2, True)],
)
def test_pain_change_is_two_points_or_thirty_percent(first, last, meaningful):
    assert pain_change_meaningful(first, last) is meaningful


def test_first_and_last_two_weeks_compared():
    values = {D0 + dt.timedelta(days=i): (6.0 if i < 14 else 4.0) for i in range(28)}
    change = compare_ends(values, D0, D0 + dt.timedelta(days=27), "pain")
    assert (change.first, change.last, change.meaningful, change.direction) == (
        6.0,
        4.0,
        True,
        "better",
    )
    peg = compare_ends(
        {d: v * 0.9 / 2 + 3 for d, v in values.items()}, D0, D0 + dt.timedelta(days=27), "peg"
    )
    assert peg.direction == "unchanged"  # 0.9 points: under the 1 point that matters
    # Too short a period, or too few scored days: no comparison.
    assert compare_ends(values, D0, D0 + dt.timedelta(days=20), "pain") is None
    sparse = {D0: 5.0, D0 + dt.timedelta(days=27): 2.0}
    assert compare_ends(sparse, D0, D0 + dt.timedelta(days=27), "pain") is None


def test_sciatic_pattern_needs_upper_and_lower_leg_on_one_side():
    def locs(*pairs):
        return make_entry(date=D0, locations=[{"region": r, "side": s} for r, s in pairs])

    assert sciatic_sides(locs(("buttock", "left"), ("calf", "left"))) == ["left"]
    assert sciatic_sides(locs(("buttock", "left"), ("calf", "right"))) == []
    assert sciatic_sides(locs(("thigh_back", "both"), ("foot", "right"))) == ["right"]
    assert sciatic_sides(locs(("lower_back", "centre"), ("calf", "left"))) == []


def test_summary_counts():
    days = [
        day(
            0,
            pain=4,
            worst_pain=7,
            locations=[
                {"region": "lower_back", "side": "centre"},
                {"region": "buttock", "side": "left"},
                {"region": "calf", "side": "left"},
            ],
            symptoms=["aching", "shooting"],
            treatments=[{"name": "heat", "relief": 4}, {"name": "ibuprofen", "relief": 6}],
            exercises=[{"name": "walking", "minutes": 20}],
        ),
        day(
            2,
            pain=2,
            locations=[{"region": "hip", "side": "right"}],
            symptoms=["aching"],
            treatments=[{"name": "heat", "relief": 2}, {"name": "ice"}],
            exercises=[{"name": "walking", "minutes": 10}, {"name": "bridge"}],
        ),
    ]
    result = insights(days, D0, D0 + dt.timedelta(days=6))
    s = result.summary
    assert (s.days_in_period, s.days_logged, s.pain_mean, s.pain_least, s.pain_worst) == (
        7,
        2,
        3.0,
        2,
        7,
    )
    assert (s.back_days, s.leg_days, s.left_leg_days, s.right_leg_days) == (1, 2, 1, 1)
    assert s.sciatic_days == {"left": 1}
    assert [(c.code, c.days) for c in s.symptoms] == [("aching", 2), ("shooting", 1)]
    heat = next(t for t in s.treatments if t.name == "heat")
    assert (heat.days, heat.mean_relief) == (2, 3.0)
    assert next(t for t in s.treatments if t.name == "ice").mean_relief is None
    walking = next(e for e in s.exercises if e.name == "walking")
    assert (walking.days, walking.minutes) == (2, 30)


def test_insights_json_shape():
    days = [
        day(i, pain=3 + (i % 7 == 0) * 4, sitting_minutes=400 if i % 2 else 100) for i in range(40)
    ]
    data = json.loads(json.dumps(insights(days).to_dict()))
    for key in ("days_logged", "baseline", "flares", "links", "peg", "summary", "sentences"):
        assert key in data
    assert data["days_logged"] == 40
    assert set(data["flares"][0]) == {"start", "end", "peak"}
    assert len(data["links"]) == 12  # six factors (stress since issue 15) x two lags
    for link in data["links"]:
        assert link["factor"] in {
            "sitting",
            "inactivity",
            "posture",
            "overexertion",
            "sleep",
            "stress",
        }
        assert link["lag_days"] in (0, 1)
        assert link["verdict"] in ("linked", "no-link", "not-enough-data")
        for key in (
            "exposed_days",
            "unexposed_days",
            "flare_rate_exposed",
            "flare_rate_unexposed",
            "mean_pain_exposed",
            "mean_pain_unexposed",
            "p_value",
            "p_value_unadjusted",
            "odds_ratio",
            "odds_ratio_ci",
            "sentence",
            "details",
        ):
            assert key in link


def test_insights_of_no_days():
    result = insights([])
    assert result.days_logged == 0
    assert result.sentences == ("No days logged in this period yet.",)
    json.dumps(result.to_dict())
    empty_period = insights([day(0, pain=3)], D0 + dt.timedelta(days=5), D0 + dt.timedelta(days=9))
    assert empty_period.days_logged == 0
    assert empty_period.summary.days_in_period == 5


def test_insights_period_edges():
    days = [day(i, pain=3) for i in range(5)]
    later = D0 + dt.timedelta(days=30)
    assert (insights(days, later).start, insights(days, later).end) == (later, later)
    with pytest.raises(ValueError, match="before it starts"):
        insights(days, later, D0)


def test_red_flags_head_the_findings():
    days = [day(i, pain=3) for i in range(5)] + [day(5, pain=4, red_flags=["bladder"])]
    first = insights(days).sentences[0]
    assert first.startswith("You ticked red-flag symptoms on 1 day")
    assert "urgent medical attention" in first


def test_findings_give_links_in_full_and_no_clear_link_by_its_counts():
    days = [
        day(
            i,
            pain=3,
            sitting_minutes=480 if i % 3 == 0 else 120,
            sleep_hours=5.0 if i % 2 else 8.0,
            flare=i % 3 == 1,
        )
        for i in range(60)
    ]
    found = insights(days)
    by_verdict = {}
    for link, finding in zip(found.links, found.findings, strict=True):
        by_verdict.setdefault(link.verdict, []).append((link, finding))
    assert set(by_verdict) == {"linked", "no-link", "not-enough-data"}
    for link, finding in by_verdict["linked"]:
        assert finding.linked and finding.text == link.sentence
        assert "unlikely to be chance" in finding.text
        # The numbers behind "How sure is this?", not in the sentence a patient reads.
        assert "odds" not in finding.text.lower() and "p =" not in finding.text
        assert "times as high" in finding.details and "comparisons" in finding.details
    for link, finding in by_verdict["no-link"]:
        assert not finding.linked and "could easily be chance" in link.sentence
        assert link.sentence.startswith(finding.text) and "chance" not in finding.text
        assert finding.details
    for link, finding in by_verdict["not-enough-data"]:
        assert not finding.linked and finding.text == link.sentence and not finding.details
