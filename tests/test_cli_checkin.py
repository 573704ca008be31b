"""`pain-diary checkin` and the check-ins in `show --json`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.diary import Diary
from tests.test_cli import digest, run

DAY = "2025-06-01"


def test_checkin_defaults_to_today_and_now(capsys, diary_path: Path) -> None:
    before = dt.datetime.now().replace(second=0, microsecond=0)
    status, out, _ = run(capsys, diary_path, "checkin", "--pain", "4", "--doing", "walking")
    after = dt.datetime.now()
    assert status == 0 and "Checked in at" in out
    with Diary.open(diary_path) as diary:
        (found,) = diary.checkins(before.date()) or diary.checkins(after.date())
    when = dt.datetime.combine(before.date(), found.time)
    assert before <= when <= after and found.pain == 4 and found.doing == "walking"


def test_checkin_with_every_flag_and_show_json(capsys, diary_path: Path) -> None:
    args = ("--where", "calf:left", "--where", "lower_back", "--symptom", "shooting")
    assert run(capsys, diary_path, "checkin", DAY, "--at", "18:05", "--pain", "7", *args,
               "--doing", "driving", "--note", "long drive")[0] == 0  # fmt: skip
    assert run(capsys, diary_path, "checkin", DAY, "--at", "07:30", "--pain", "2")[0] == 0
    run(capsys, diary_path, "log", "2025-06-02", "--pain", "3")
    status, out, _ = run(capsys, diary_path, "show", "--json")
    days = json.loads(out)
    assert status == 0
    first, second = days
    assert first["pain"] == 4.5 and first["worst_pain"] == 7.0
    assert first["pain_source"] == "checkins"
    assert first["checkins"] == [
        {"time": "07:30", "pain": 2, "locations": [], "symptoms": [], "doing": None, "note": None},
        {
            "time": "18:05",
            "pain": 7,
            "locations": ["lower_back", "calf:left"],
            "symptoms": ["shooting"],
            "doing": "driving",
            "note": "long drive",
        },
    ]
    assert second["checkins"] == [] and second["pain_source"] == "entered"
    assert second["pain"] == 3 and second["worst_pain"] is None


def test_a_day_without_pain_or_check_ins_has_no_pain_source(capsys, diary_path: Path) -> None:
    run(capsys, diary_path, "log", DAY, "--sitting", "60")
    (day,) = json.loads(run(capsys, diary_path, "show", "--json")[1])
    assert day["pain_source"] is None and day["pain"] is None and day["checkins"] == []


def test_checkin_again_at_the_same_minute_replaces_it(capsys, diary_path: Path) -> None:
    run(capsys, diary_path, "checkin", DAY, "--at", "9:00", "--pain", "2")
    status, out, _ = run(capsys, diary_path, "checkin", DAY, "--at", "09:00", "--pain", "5")
    assert status == 0 and "Replaced the check-in at 09:00" in out
    with Diary.open(diary_path) as diary:
        assert [c.pain for c in diary.checkins(dt.date(2025, 6, 1))] == [5]


def test_delete_removes_one_check_in(capsys, diary_path: Path) -> None:
    run(capsys, diary_path, "checkin", DAY, "--at", "9:00", "--pain", "2")
    run(capsys, diary_path, "checkin", DAY, "--at", "10:00", "--pain", "3")
    status, out, _ = run(capsys, diary_path, "checkin", DAY, "--at", "09:00", "--delete")
    assert status == 0 and "Deleted the check-in at 09:00" in out
    with Diary.open(diary_path) as diary:
        assert [c.clock for c in diary.checkins(dt.date(2025, 6, 1))] == ["10:00"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--at", "10:00", "--pain", "11"), "pain: must be a whole number from 0 to 10"),
        (("--at", "10:00", "--pain", "-1"), "pain: must be a whole number from 0 to 10"),
        (("--at", "10:00"), "--pain is required"),
        (("--at", "25:00", "--pain", "3"), "--at: must be a time of day written HH:MM"),
        (("--at", "10:00", "--pain", "3", "--doing", "flying"), "unknown activity 'flying'"),
        (("--at", "10:00", "--pain", "3", "--where", "moon"), "unknown region 'moon'"),
        (("--at", "10:00", "--pain", "3", "--symptom", "itch"), "unknown symptom 'itch'"),
        (("--at", "10:00", "--pain", "3", "--note", "x" * 10_001), "note: must be at most"),
        (("--at", "11:00", "--delete"), "there is no check-in at 11:00"),
        (("--delete",), "--delete needs the check-in's time"),
        (("--at", "10:00", "--delete", "--pain", "3"), "--delete takes only DATE and --at"),
    ],
)
def test_bad_input_exits_2_naming_the_field_and_changes_nothing(
    capsys, diary_path: Path, args: tuple[str, ...], message: str
) -> None:
    run(capsys, diary_path, "checkin", DAY, "--at", "10:00", "--pain", "2")
    with Diary.open(diary_path):
        pass  # fold the WAL into the file, so the digest sees everything
    before = digest(diary_path)
    status, out, err = run(capsys, diary_path, "checkin", DAY, *args)
    assert status == 2 and message in err and out == ""
    assert digest(diary_path) == before


def test_a_check_in_in_the_future_is_refused(capsys, diary_path: Path) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    status, _, err = run(capsys, diary_path, "checkin", tomorrow, "--at", "10:00", "--pain", "3")
    assert status == 2 and "is in the future" in err
