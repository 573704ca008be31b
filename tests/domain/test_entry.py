"""The rules a day must keep, and the messages that explain a refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.entry import EntryError, make_entry

DAY = "2026-01-15"


def refusal(**fields: object) -> str:
    with pytest.raises(EntryError) as caught:
        make_entry(date=fields.pop("date", DAY), **fields)
    return str(caught.value)


def test_a_day_with_only_a_date_is_valid() -> None:
    entry = make_entry(date=DAY)
    assert entry.date == dt.date(2026, 1, 15)
    assert entry.pain is None and entry.locations == [] and entry.flare is False
    assert entry.is_empty


@pytest.mark.parametrize(
    ("fields", "named", "allowed"),
    [
        ({"pain": 11}, "pain", "0 to 10"),
        ({"pain": -1}, "pain", "0 to 10"),
        ({"pain": 4.5}, "pain", "whole number"),
        ({"worst_pain": "lots"}, "worst_pain", "0 to 10"),
        ({"sleep_quality": 12}, "sleep_quality", "0 to 10"),
        ({"sitting_minutes": -5}, "sitting_minutes", "0 to 1440"),
        ({"sitting_minutes": 1500}, "sitting_minutes", "0 to 1440"),
        ({"active_minutes": "25h"}, "active_minutes", "0 to 1440"),
        (
            {"sitting_minutes": 700, "standing_minutes": 600, "active_minutes": 200},
            "sitting + standing + active",
            "at most 1440",
        ),
        ({"locations": [{"region": "elbow"}]}, "region", "lower_back"),
        ({"locations": [{"region": "calf", "side": "up"}]}, "side", "left, right"),
        ({"symptoms": ["itchy"]}, "symptoms", "tingling"),
        ({"red_flags": ["headache"]}, "red_flags", "saddle_numbness"),
        ({"exertion": "extreme"}, "exertion", "heavy"),
        ({"posture": "slouched"}, "posture", "poor"),
        ({"sleep_hours": 25}, "sleep_hours", "0 to 24"),
        ({"exercises": [{"name": "walk;run"}]}, "exercises", "without ';'"),
        ({"treatments": [{"name": "ice", "relief": 11}]}, "relief", "0 to 10"),
        ({"note": "x" * 10_001}, "note", "10,000"),
        ({"pain": 6, "worst_pain": 4}, "worst pain", "at least"),
        ({"date": "2026-02-30"}, "date", "YYYY-MM-DD"),
        ({"date": "yesterday-ish"}, "date", "YYYY-MM-DD"),
        ({"date": "1899-12-31"}, "date", "1900-01-01"),
        ({"mood": 3}, "mood", "not a field"),
    ],
)
def test_bad_values_are_refused_naming_field_and_allowed_values(
    fields: dict, named: str, allowed: str
) -> None:
    message = refusal(**fields)
    assert named in message
    assert allowed in message


def test_future_dates_are_refused() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    message = refusal(date=tomorrow.isoformat())
    assert "date" in message and "future" in message


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(EntryError) as caught:
        make_entry(date=DAY, pain=11, sitting_minutes=-5, symptoms=["itchy"])
    fields = [field for field, _ in caught.value.problems]
    assert sorted(fields) == ["pain", "sitting_minutes", "symptoms"]


@pytest.mark.parametrize(
    ("text", "minutes"), [("7h30m", 450), ("2h", 120), ("45m", 45), ("90", 90), (" 1h 5m ", 65)]
)
def test_durations_may_be_written_with_hours_and_minutes(text: str, minutes: int) -> None:
    assert make_entry(date=DAY, sitting_minutes=text).sitting_minutes == minutes


def test_sleep_accepts_decimal_hours_and_durations() -> None:
    assert make_entry(date=DAY, sleep_hours="7h20m").sleep_hours == pytest.approx(7.33)
    assert make_entry(date=DAY, sleep_hours="6.5").sleep_hours == 6.5


def test_labels_and_spellings_map_to_codes() -> None:
    entry = make_entry(
        date=DAY,
        locations=[{"region": "Back of thigh", "side": "LEFT"}],
        exercises=[{"name": "Cat-cow", "minutes": "10"}, {"name": "  nerve   glides "}],
        treatments=[{"name": "Ibuprofen (NSAID)", "dose": "400 mg", "relief": "5"}],
        exertion="Heavy",
    )
    assert entry.locations[0].region == "thigh_back" and entry.locations[0].side == "left"
    assert [ex.name for ex in entry.exercises] == ["cat_cow", "nerve glides"]
    assert entry.custom_exercise_names() == ["nerve glides"]
    assert entry.treatments[0].name == "ibuprofen" and entry.treatments[0].relief == 5
    assert entry.exertion == "heavy"


def test_lists_are_deduplicated_in_vocabulary_order() -> None:
    entry = make_entry(
        date=DAY,
        locations=[
            {"region": "calf", "side": "left"},
            {"region": "lower_back"},
            {"region": "calf", "side": "left"},
        ],
        symptoms=["tingling", "aching", "tingling"],
        red_flags=["night_pain", "bladder"],
    )
    assert [str(loc) for loc in entry.locations] == ["lower_back", "calf:left"]
    assert entry.symptoms == ["aching", "tingling"]
    assert entry.red_flags == ["bladder", "night_pain"]


def test_peg_needs_all_three_items() -> None:
    assert make_entry(date=DAY, pain=6, enjoyment_interference=3).peg is None
    full = make_entry(date=DAY, pain=6, enjoyment_interference=3, activity_interference=9)
    assert full.peg == pytest.approx(6.0)
