"""A check-in's rules, and the one rule that derives a day's pain from its check-ins."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from app.domain.checkin import clock_time, day_pain, make_checkin
from app.domain.entry import EntryError

DAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("00:00", dt.time(0, 0)), ("23:59", dt.time(23, 59)), ("7:05", dt.time(7, 5))],
)
def test_times_of_day_at_the_edges_are_accepted(text: str, expected: dt.time) -> None:
    assert clock_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "12:60", "noon", "", "7", "07:5", "-1:00"])
def test_a_time_that_is_not_hh_mm_is_refused_with_the_form_named(text: str) -> None:
    with pytest.raises(ValueError, match="HH:MM, 00:00 to 23:59"):
        clock_time(text)


@pytest.mark.parametrize("pain", [0, 10, "0", "10"])
def test_pain_0_and_10_are_accepted(pain: object) -> None:
    assert make_checkin(date=DAY, time="12:00", pain=pain).pain == int(pain)  # type: ignore[call-overload]


@pytest.mark.parametrize("pain", [-1, 11, "5.5", None, ""])
def test_a_missing_or_out_of_range_pain_is_refused_naming_the_field(pain: object) -> None:
    with pytest.raises(EntryError) as caught:
        make_checkin(date=DAY, time="12:00", pain=pain)
    assert [field for field, _ in caught.value.problems] == ["pain"]
    assert "0 to 10" in str(caught.value)


def test_what_you_were_doing_comes_from_the_list_labels_accepted() -> None:
    assert make_checkin(date=DAY, time="9:00", pain=3, doing="Lying down").doing == "lying"
    with pytest.raises(EntryError, match=r"doing: unknown activity 'flying'; allowed: sitting"):
        make_checkin(date=DAY, time="9:00", pain=3, doing="flying")


def test_locations_as_region_side_text_are_read_and_ordered_like_a_days() -> None:
    checkin = make_checkin(date=DAY, time="9:00", pain=3, locations=["calf:left", "lower_back"])
    assert [str(x) for x in checkin.locations] == ["lower_back", "calf:left"]
    with pytest.raises(EntryError, match="side"):
        make_checkin(date=DAY, time="9:00", pain=3, locations=["calf:middle"])


def test_a_check_in_later_than_now_is_refused() -> None:
    later = dt.datetime.now() + dt.timedelta(minutes=5)
    if later.date() != dt.date.today():
        pytest.skip("five minutes from now is tomorrow; the date rule covers that")
    with pytest.raises(EntryError, match=r"time: .* is in the future"):
        make_checkin(date=later.date(), time=later.strftime("%H:%M"), pain=2)


# Worked examples of the derivation, written out by hand.
@pytest.mark.parametrize(
    ("pain", "worst", "checkins", "expected"),
    [
        (None, None, [], (None, None, None)),
        (None, None, [3, 6], (4.5, 6.0, "checkins")),
        (None, None, [2, 3, 7], (4.0, 7.0, "checkins")),
        (6, None, [], (6.0, None, "entered")),
        (6, 8, [1, 2], (6.0, 8.0, "entered")),  # entered values win
        (None, 5, [2, 8], (5.0, 5.0, "checkins")),  # an entered worst wins over the highest
        (7, None, [3, 5], (7.0, 7.0, "entered")),  # worst is never below the average
        (2, None, [3, 5], (2.0, 5.0, "entered")),
    ],
)
def test_the_day_pain_rule(pain, worst, checkins, expected) -> None:  # type: ignore[no-untyped-def]
    found = day_pain(pain, worst, checkins)
    assert (found.pain, found.worst_pain, found.source) == expected
    assert found.checkins == len(checkins)


def test_derived_pain_is_shown_with_one_decimal_and_its_count() -> None:
    assert day_pain(None, None, [3, 4, 4]).shown() == "3.7 (from 3 check-ins)"
    assert day_pain(None, None, [5]).shown() == "5.0 (from 1 check-in)"
    assert day_pain(6, None, [1]).shown() == "6"
    assert day_pain(None, None, []).shown() == ""


@pytest.mark.parametrize(
    "value",
    [
        dt.time(7, 5),
        dt.time(7, 5, 30),  # seconds dropped
        dt.time(7, 5, 0, 500),  # and microseconds
        dt.time(7, 5, 59, 999_999),
        dt.time(7, 5, tzinfo=dt.UTC),  # and the zone: a check-in is at local time
        dt.datetime(2026, 1, 15, 7, 5, 30),  # the time of a datetime
    ],
)
def test_a_time_object_is_kept_to_the_minute_without_a_zone(value: object) -> None:
    read = clock_time(value)
    assert (read.hour, read.minute, read.second, read.microsecond) == (7, 5, 0, 0)
    assert read.tzinfo is None


@pytest.mark.parametrize(("value", "shown"), [("noon", "'noon'"), (705, "705"), (None, "None")])
def test_a_refused_time_shows_what_was_given(value: object, shown: str) -> None:
    with pytest.raises(ValueError) as caught:
        clock_time(value)
    assert str(caught.value) == f"must be a time of day written HH:MM, 00:00 to 23:59, got {shown}"


def test_a_check_in_more_than_a_minute_ahead_of_the_clock_is_refused() -> None:
    # The whole minute that lies between one and two minutes from now.
    now = dt.datetime.now()
    if now.second >= 59:  # too close to the next minute to be sure which side it is on
        time.sleep(1.5)
        now = dt.datetime.now()
    ahead = (now + dt.timedelta(minutes=2)).replace(second=0, microsecond=0)
    if ahead.date() != now.date():
        pytest.skip("two minutes from now is tomorrow; the date rule covers that")
    with pytest.raises(EntryError) as caught:
        make_checkin(date=ahead.date(), time=ahead.time(), pain=3)
    assert caught.value.problems == [
        ("time", f"{ahead.date()} {ahead:%H:%M} is in the future; allowed up to now")
    ]
    within = now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)  # <= now + 1 min
    assert make_checkin(date=within.date(), time=within.time(), pain=3).pain == 3
