"""The check-in sheet's model without Kivy: saving, refusals naming the field, edits, places."""

from __future__ import annotations

import datetime as dt

from app.diary import Diary
from app.domain.checkin import DayPain, make_checkin
from app.forms.checkin_form import (
    CheckInForm,
    checkin_line,
    derived_words,
    pain_figure,
)

DAY = dt.date(2024, 3, 14)
NOON = dt.datetime(2024, 3, 14, 12, 5)


def test_a_new_check_in_defaults_to_now_and_is_not_dirty(diary: Diary) -> None:
    form = CheckInForm(diary, DAY, now=NOON)
    assert form.time_text == "12:05"
    assert not form.dirty
    form.pain = 0  # pain 0 is a choice, not "nothing"
    assert form.dirty


def test_saving_stores_it_and_says_when_and_how_much(diary_path) -> None:
    with Diary.open(diary_path) as diary:
        form = CheckInForm(diary, DAY, now=NOON)
        form.pain, form.doing = 5, "sitting"
        form.toggle_place("calf:left")
        outcome = form.save()
        assert outcome.message == "Checked in at 12:05 — pain 5"
        assert not form.dirty
    with Diary.open(diary_path) as fresh:
        (stored,) = fresh.checkins(DAY)
    assert (stored.clock, stored.pain, stored.doing) == ("12:05", 5, "sitting")
    assert [str(loc) for loc in stored.locations] == ["calf:left"]


def test_a_bad_time_names_the_field_keeps_the_input_and_stores_nothing(diary: Diary) -> None:
    form = CheckInForm(diary, DAY, now=NOON)
    form.pain, form.time_text, form.note = 4, "25:99", "after the drive"
    outcome = form.save()
    assert outcome.saved is None
    assert outcome.lines()[0].startswith("Time: must be a time of day written HH:MM")
    assert (form.time_text, form.pain, form.note) == ("25:99", 4, "after the drive")
    assert diary.checkins(DAY) == []


def test_no_pain_chosen_is_refused_by_name(diary: Diary) -> None:
    outcome = CheckInForm(diary, DAY, now=NOON).save()
    assert outcome.lines() == ["Pain now: is required: a whole number from 0 to 10"]


def test_an_edit_moves_the_time_and_a_clash_gives_the_services_message(diary: Diary) -> None:
    diary.save_checkin(make_checkin(date=DAY, time="08:00", pain=3))
    diary.save_checkin(make_checkin(date=DAY, time="09:00", pain=4))
    first = diary.checkins(DAY)[0]
    form = CheckInForm(diary, DAY, editing=first)
    form.time_text = "09:00"
    clash = form.save()
    assert clash.saved is None
    assert "already a check-in at 09:00" in clash.lines()[0]
    assert clash.lines()[0].startswith("Time: ")
    form.time_text = "08:30"
    moved = form.save()
    assert moved.message == "Check-in at 08:30 updated — pain 3"
    assert [c.clock for c in diary.checkins(DAY)] == ["08:30", "09:00"]


def test_places_offered_are_the_recent_ones_then_the_usual(diary: Diary) -> None:
    diary.save_day(
        {
            "date": DAY - dt.timedelta(days=2),
            "pain": 4,
            "locations": [{"region": "knee", "side": "right"}],
        }
    )
    offered = CheckInForm(diary, DAY, now=NOON).place_choices()
    assert offered[0] == "knee:right"
    assert "lower_back:centre" in offered and len(offered) <= 8


def test_words_for_lists() -> None:
    checkin = make_checkin(
        date=DAY, time="14:30", pain=6, doing="walking", locations=["lower_back", "calf:left"]
    )
    assert checkin_line(checkin) == "Walking · Lower back, Calf (left)"
    assert derived_words(DayPain(5.333, 7.0, "checkins", 3)) == "from 3 check-ins"
    assert derived_words(DayPain(5.0, 7.0, "entered", 3)) == ""
    assert pain_figure(5.333, "checkins") == "5.3"
    assert pain_figure(5.0, "entered") == "5"
    assert pain_figure(None, None) == "–"
