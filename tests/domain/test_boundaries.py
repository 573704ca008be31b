"""The ends of every range are accepted: 0 and 10 for scores, 0 and 1440 for minutes.

Refusals are tested in test_entry.py; these make sure a validator is not
stricter than the documented range (`lo <= n < hi` would refuse a 10). Each
value goes through make_entry, the service's save and a read back from SQLite.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.diary import Diary
from app.domain.entry import (
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    MINUTES_PER_DAY,
    EntryError,
    make_entry,
)

DAY = dt.date(2026, 1, 15)
SCORES = ("pain", "worst_pain", "enjoyment_interference", "activity_interference", "sleep_quality")
MINUTES = ("sitting_minutes", "standing_minutes", "active_minutes")


@pytest.mark.parametrize("field", SCORES)
@pytest.mark.parametrize("value", [0, 10, "0", "10"])
def test_scores_0_and_10_are_accepted_and_stored(diary: Diary, field: str, value) -> None:
    fields = {field: value}
    if field == "worst_pain":
        fields["pain"] = 0  # worst pain must be at least the average
    saved = diary.save_day({"date": DAY, **fields})
    assert getattr(saved, field) == int(value)
    assert getattr(diary.get_day(DAY), field) == int(value)


@pytest.mark.parametrize("field", MINUTES)
@pytest.mark.parametrize("value", [0, 10, 1440, "1440", "24h", "0m"])
def test_minutes_0_10_and_1440_are_accepted_and_stored(diary: Diary, field: str, value) -> None:
    expected = {"24h": 1440, "0m": 0}.get(value, int(value) if str(value).isdigit() else value)
    saved = diary.save_day({"date": DAY, field: value})
    assert getattr(saved, field) == expected
    assert getattr(diary.get_day(DAY), field) == expected


def test_a_whole_day_of_minutes_in_three_parts_is_accepted() -> None:
    entry = make_entry(date=DAY, sitting_minutes=1000, standing_minutes=400, active_minutes=40)
    assert entry.sitting_minutes + entry.standing_minutes + entry.active_minutes == 1440
    with pytest.raises(EntryError, match="add up to 24 h 1 min"):
        make_entry(date=DAY, sitting_minutes=1000, standing_minutes=400, active_minutes=41)


@pytest.mark.parametrize("minutes", [0, 10, 1440])
def test_exercise_minutes_0_10_and_1440_are_accepted(diary: Diary, minutes: int) -> None:
    saved = diary.save_day({"date": DAY, "exercises": [{"name": "walking", "minutes": minutes}]})
    assert diary.get_day(DAY).exercises[0].minutes == minutes == saved.exercises[0].minutes  # type: ignore[union-attr]
    assert MINUTES_PER_DAY == 1440


@pytest.mark.parametrize("relief", [0, 10])
def test_treatment_relief_0_and_10_are_accepted(relief: int) -> None:
    entry = make_entry(date=DAY, treatments=[{"name": "ice", "relief": relief}])
    assert entry.treatments[0].relief == relief


@pytest.mark.parametrize("hours", [0, 24, "0", "24", "24h", 23.99])
def test_sleep_0_and_24_hours_are_accepted(hours) -> None:
    expected = 24.0 if hours == "24h" else float(hours)
    assert make_entry(date=DAY, sleep_hours=hours).sleep_hours == expected


def test_the_longest_texts_are_accepted(diary: Diary) -> None:
    name = "n" * MAX_NAME_CHARS
    saved = diary.save_day(
        {
            "date": DAY,
            "note": "x" * MAX_NOTE_CHARS,
            "exertion_note": "e" * 200,
            "exercises": [{"name": name}],
            "treatments": [{"name": name, "dose": "d" * MAX_NAME_CHARS}],
        }
    )
    assert diary.get_day(DAY) == saved
    with pytest.raises(EntryError, match="at most 10,000 characters"):
        make_entry(date=DAY, note="x" * (MAX_NOTE_CHARS + 1))
    with pytest.raises(EntryError, match="at most 60 characters"):
        make_entry(date=DAY, exercises=[{"name": name + "n"}])


def test_today_is_accepted_and_tomorrow_is_not() -> None:
    assert make_entry(date=dt.date.today()).date == dt.date.today()
    with pytest.raises(EntryError, match="future"):
        make_entry(date=dt.date.today() + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"note": "ok \ud800"}, "note"),
        ({"exertion_note": "\udfff"}, "exertion_note"),
        ({"exercises": [{"name": "stretch \ud83d"}]}, "exercises"),
        ({"treatments": [{"name": "ice", "dose": "\ud800"}]}, "treatments"),
        ({"treatments": [{"name": "\udc00 pill"}]}, "treatments"),
    ],
)
def test_text_with_a_lone_surrogate_is_refused_naming_the_field(fields: dict, named: str) -> None:
    """A JSON backup can spell "\\ud800"; it is not text, and SQLite cannot store it."""
    with pytest.raises(EntryError) as caught:
        make_entry(date=DAY, **fields)
    assert named in str(caught.value) and "surrogate" in str(caught.value)


def test_a_backup_with_a_lone_surrogate_is_refused_and_nothing_is_written(
    diary: Diary, tmp_path: Path
) -> None:
    from app.exports.backup_json import BackupFileError

    file = tmp_path / "b.json"
    file.write_text(
        '{"format": "pain-diary-backup", "version": 1, "days": ['
        '{"date": "2026-01-01", "pain": 2}, {"date": "2026-01-02", "note": "\\ud800"}]}',
        encoding="utf-8",
    )
    assert json.loads(file.read_text())["days"][1]["note"] == "\ud800"
    with pytest.raises(BackupFileError, match=r"note.*surrogate"):
        diary.import_json(file)
    assert diary.days() == []
