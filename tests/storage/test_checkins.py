"""Check-ins in the file: the SQL derivation agrees with the domain rule; days and
check-ins live together (log leaves them, deleting a day takes them, Undo restores)."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from app.diary import Diary, EntryError
from app.domain.checkin import day_pain
from app.storage.column_reads import read_day_columns

START = dt.date(2025, 1, 1)


def _random_diary(diary: Diary, seed: int, n_days: int = 60) -> None:
    rng = random.Random(seed)
    for i in range(n_days):
        date = START + dt.timedelta(days=i)
        pain = rng.choice([None, rng.randint(0, 10)])
        worst = rng.choice([None, None if pain is None else rng.randint(pain, 10)])
        if pain is not None or worst is not None or rng.random() < 0.3:
            diary.update_day(date, {"pain": pain, "worst_pain": worst, "sitting_minutes": 60})
        for minute in rng.sample(range(24 * 60), rng.choice([0, 0, 1, 2, 4])):
            diary.save_checkin(
                {
                    "date": date,
                    "time": dt.time(minute // 60, minute % 60),
                    "pain": rng.randint(0, 10),
                }
            )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_sql_derivation_equals_the_domain_rule_for_every_day(diary: Diary, seed: int) -> None:
    _random_diary(diary, seed)
    checkins = diary.checkins_between()
    days = {d.date: d for d in diary.days()}
    with diary._read() as connection:
        columns = read_day_columns(connection=connection)
    summaries = {s.date: s for s in diary.summaries()}
    sources = set()
    for i, date in enumerate(columns.dates()):
        day = days[date]
        expected = day_pain(day.pain, day.worst_pain, [c.pain for c in checkins.get(date, [])])
        sources.add(expected.source)
        got_pain, got_worst = columns.pain[i], columns.worst_pain[i]
        assert (np.nan if expected.pain is None else expected.pain) == pytest.approx(
            got_pain, nan_ok=True
        )
        assert (np.nan if expected.worst_pain is None else expected.worst_pain) == pytest.approx(
            got_worst, nan_ok=True
        )
        assert summaries[date].pain == pytest.approx(expected.pain)
        assert summaries[date].pain_source == expected.source
        assert summaries[date].checkins == expected.checkins
    assert sources == {"entered", "checkins", None}  # the diary exercised every branch


def test_logging_the_day_leaves_its_check_ins_and_deleting_it_takes_them(diary: Diary) -> None:
    diary.save_checkin({"date": START, "time": "08:00", "pain": 2})
    diary.update_day(START, {"pain": 5})
    diary.save_day({"date": START, "pain": 6})  # a whole-day replace, as an import does
    assert [c.clock for c in diary.checkins(START)] == ["08:00"]
    diary.delete_day(START)
    assert diary.checkins_between() == {}
    with diary._read() as connection:
        assert connection.execute("SELECT COUNT(*) FROM checkin_location").fetchone()[0] == 0


def test_a_check_in_alone_logs_the_day_and_its_last_one_deleted_unlogs_it(diary: Diary) -> None:
    saved, replaced = diary.save_checkin(
        {"date": START, "time": "21:30", "pain": 7, "locations": ["calf:left"], "doing": "sitting"}
    )
    assert not replaced and diary.dates() == [START]
    gone = diary.delete_checkin(START, dt.time(21, 30))
    assert gone == saved
    assert diary.dates() == []  # nothing else was recorded that day
    diary.save_checkin(gone)  # Undo
    assert diary.checkins(START)[0].as_json() == saved.as_json()


def test_deleting_the_last_check_in_keeps_a_day_with_anything_else(diary: Diary) -> None:
    diary.save_checkin({"date": START, "time": "10:00", "pain": 3})
    diary.update_day(START, {"note": "slept badly"})
    diary.delete_checkin(START, dt.time(10, 0))
    assert diary.get_day(START).note == "slept badly"  # type: ignore[union-attr]


def test_a_second_check_in_at_the_same_minute_is_refused_unless_replacing(diary: Diary) -> None:
    diary.save_checkin({"date": START, "time": "10:00", "pain": 3})
    with pytest.raises(EntryError, match="time: there is already a check-in at 10:00"):
        diary.save_checkin({"date": START, "time": "10:00", "pain": 9})
    assert diary.checkins(START)[0].pain == 3
    _, replaced = diary.save_checkin({"date": START, "time": "10:00", "pain": 9}, overwrite=True)
    assert replaced and [c.pain for c in diary.checkins(START)] == [9]


def test_editing_a_check_in_can_move_its_time_but_not_onto_another(diary: Diary) -> None:
    diary.save_checkin({"date": START, "time": "10:00", "pain": 3})
    diary.save_checkin({"date": START, "time": "12:00", "pain": 5})
    diary.save_checkin({"date": START, "time": "11:15", "pain": 4}, previous_time=dt.time(10))
    assert [(c.clock, c.pain) for c in diary.checkins(START)] == [("11:15", 4), ("12:00", 5)]
    with pytest.raises(EntryError, match="already a check-in at 12:00"):
        diary.save_checkin(
            {"date": START, "time": "12:00", "pain": 1}, previous_time=dt.time(11, 15)
        )
    assert [(c.clock, c.pain) for c in diary.checkins(START)] == [("11:15", 4), ("12:00", 5)]
    # Editing in place (same time) is not a clash with itself.
    diary.save_checkin({"date": START, "time": "12:00", "pain": 6}, previous_time=dt.time(12))
    assert [c.pain for c in diary.checkins(START)] == [4, 6]


def test_a_refused_check_in_writes_nothing(diary: Diary, diary_path: Path) -> None:
    diary.save_checkin({"date": START, "time": "10:00", "pain": 3})
    with pytest.raises(EntryError) as caught:
        diary.save_checkin({"date": START, "time": "11:00", "pain": 12, "doing": "x"})
    assert {field for field, _ in caught.value.problems} == {"pain", "doing"}
    assert [c.clock for c in diary.checkins(START)] == ["10:00"]


@pytest.mark.parametrize(
    "values",
    ["(1, '10:00', 11)", "(1, '24:00', 3)", "(1, '9:00', 3)", "(1, '10-00', 3)"],
)
def test_the_file_itself_refuses_a_bad_check_in(
    diary: Diary, diary_path: Path, values: str
) -> None:
    diary.update_day(START, {"pain": 1})
    with sqlite3.connect(diary_path) as raw, pytest.raises(sqlite3.IntegrityError):
        raw.execute(
            f"INSERT INTO checkin (day_id, time, pain, updated_at) VALUES {values[:-1]}, 'x')"
        )
