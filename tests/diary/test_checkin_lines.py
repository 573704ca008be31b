"""Diary.checkin_lines: the day's check-ins as plain records, as the model has them."""

from __future__ import annotations

import datetime as dt

from app.domain.day_pain import CheckInLine

DAY = dt.date(2026, 3, 14)


def test_lines_hold_what_was_saved_in_time_order(diary):
    diary.save_checkin({"date": DAY, "time": "18:45", "pain": 7, "doing": "sitting",
                        "locations": ["lower_back:centre", "calf:left"], "symptoms": ["shooting"],
                        "note": "after the drive"})  # fmt: skip
    diary.save_checkin({"date": DAY, "time": "08:05", "pain": 3})
    diary.save_checkin({"date": DAY + dt.timedelta(days=1), "time": "09:00", "pain": 5})

    lines = diary.checkin_lines(DAY)

    assert lines == [
        CheckInLine(date=DAY, time=dt.time(8, 5), pain=3),
        CheckInLine(date=DAY, time=dt.time(18, 45), pain=7, doing="sitting",
                    note="after the drive", locations=("lower_back:centre", "calf:left"),
                    symptoms=("shooting",)),
    ]  # fmt: skip
    assert [line.clock for line in lines] == ["08:05", "18:45"]
    # The same as the model's fields, place by place.
    models = diary.checkins(DAY)
    assert [[str(place) for place in m.locations] for m in models] == [
        list(line.locations) for line in lines
    ]
    assert diary.checkin_lines(DAY - dt.timedelta(days=1)) == []


def test_checkin_at_finds_the_model_of_a_listed_line(diary):
    diary.save_checkin({"date": DAY, "time": "12:30", "pain": 4, "symptoms": ["tingling"]})
    line = diary.checkin_lines(DAY)[0]
    found = diary.checkin_at(line.date, line.time)
    assert found is not None and found.pain == 4 and found.symptoms == ["tingling"]
    assert diary.checkin_at(DAY, dt.time(12, 31)) is None


def test_day_pain_from_checkins_is_their_mean_and_highest(diary):
    diary.save_checkin({"date": DAY, "time": "08:00", "pain": 2})
    diary.save_checkin({"date": DAY, "time": "20:00", "pain": 7})
    pain = diary.day_pain(DAY)
    assert (pain.pain, pain.worst_pain, pain.source, pain.checkins) == (4.5, 7.0, "checkins", 2)
    diary.save_day({"date": DAY, "pain": 6})
    pain = diary.day_pain(DAY)
    assert (pain.pain, pain.worst_pain, pain.source) == (6.0, 7.0, "entered")
