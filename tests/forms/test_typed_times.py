"""Typed times and exercises (Today's "tap the number to type"), worked out by hand."""

from __future__ import annotations

import pytest

from app.forms.day_form import typed_exercise, typed_minutes


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("7h30", 450),
        ("7h30m", 450),
        ("7.5h", 450),
        ("7.5", 450),  # a bare decimal is hours
        ("7,5", 450),  # a decimal comma too
        ("0.25", 15),
        ("450", 450),  # over 24: minutes
        ("45m", 45),
        ("0", 0),
        ("7", 420),  # a bare whole number up to 24 is hours
        ("24", 1440),
        ("25", 25),  # past 24 it can only be minutes
        ("1440", 1440),
        ("  6h ", 360),
    ],
)
def test_a_days_time_reads_as_a_person_means_it(typed, minutes):
    assert typed_minutes(typed) == minutes


def test_nothing_typed_is_not_recorded():
    assert typed_minutes("") is None
    assert typed_minutes("   ") is None


@pytest.mark.parametrize("typed", ["1441", "24h1", "25h", "lots", "-5", "7h75x"])
def test_more_than_a_day_or_no_time_is_refused_saying_what_is_allowed(typed):
    with pytest.raises(ValueError) as refused:
        typed_minutes(typed)
    assert str(refused.value) == (
        "type a time like 7h30, 7.5 (hours) or 450 (minutes), up to 24 h;"
        f" got {typed.strip()[:20]!r}"
    )


def test_an_exercises_bare_number_is_minutes():
    assert typed_minutes("20", bare="min") == 20
    assert typed_minutes("7", bare="min") == 7
    assert typed_minutes("1h", bare="min") == 60
    assert typed_minutes("1.5", bare="min") == 90  # a decimal is still hours


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("walk 20", ("walking", 20)),
        ("Walking 20 min", ("walking", 20)),
        ("swim 1h", ("swimming", 60)),
        ("cycling 1h 30", ("cycling", 90)),
        ("w 5", ("walking", 5)),  # the one catalogue label starting with "w"
        ("p 5", ("p", 5)),  # plank, pilates, pelvic tilt...: not guessed
        ("yoga", ("yoga", None)),
        ("my stretches 15", ("my stretches", 15)),
    ],
)
def test_an_exercise_is_named_and_timed_from_one_line(typed, expected):
    assert typed_exercise(typed) == expected
