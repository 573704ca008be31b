"""`insights` by activity through the service and the CLI: a real diary, counted by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app.diary import Diary
from tests.test_cli import run

DAY = dt.date(2025, 6, 2)


def _fill(path: Path) -> None:
    with Diary.open(path) as diary:
        diary.import_checkins(
            [
                {"date": DAY, "time": "08:00", "pain": 6, "doing": "sitting"},
                {"date": DAY, "time": "12:00", "pain": 5, "doing": "sitting"},
                {"date": DAY, "time": "18:00", "pain": 2, "doing": "walking"},
                {"date": DAY, "time": "20:00", "pain": 9},  # no activity: counted nowhere
                {
                    "date": DAY + dt.timedelta(days=1),
                    "time": "09:30",
                    "pain": 4,
                    "doing": "sitting",
                },
                # Before the period asked for below: not counted there.
                {
                    "date": DAY - dt.timedelta(days=1),
                    "time": "09:30",
                    "pain": 10,
                    "doing": "lifting",
                },
            ]
        )


def test_insights_json_by_activity_by_hand(capsys, diary_path: Path) -> None:
    _fill(diary_path)
    status, out, _ = run(capsys, diary_path, "insights", "--json", "--from", DAY.isoformat())
    assert status == 0
    found = json.loads(out)
    # Sitting: 6, 5, 4 -> mean 5.0; walking: 2. In vocab.DOING order.
    assert found["by_activity"] == [
        {"doing": "sitting", "checkins": 3, "mean_pain": 5.0},
        {"doing": "walking", "checkins": 1, "mean_pain": 2.0},
    ]


def test_insights_json_rounds_the_mean_to_one_decimal(capsys, diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.import_checkins(
            [
                {"date": DAY, "time": f"0{h}:00", "pain": p, "doing": "standing"}
                for h, p in ((7, 5), (8, 5), (9, 6))
            ]
        )
    _, out, _ = run(capsys, diary_path, "insights", "--json")
    assert json.loads(out)["by_activity"] == [
        {"doing": "standing", "checkins": 3, "mean_pain": 5.3}
    ]


def test_insights_text_gives_counts_then_means_as_associations(capsys, diary_path) -> None:
    _fill(diary_path)
    status, out, _ = run(capsys, diary_path, "insights", "--from", DAY.isoformat())
    assert status == 0
    assert "5 check-ins in this period, 4 with what you were doing noted." in out
    assert "Your check-ins while sitting averaged 5.0 (3 check-ins), while walking 2.0 (1)." in out
    assert "do not show what causes" in out


def test_no_checkins_no_section_and_an_empty_list(capsys, diary_path: Path) -> None:
    run(capsys, diary_path, "log", DAY.isoformat(), "--pain", "3")
    _, out, _ = run(capsys, diary_path, "insights", "--json")
    assert json.loads(out)["by_activity"] == []
    _, out, _ = run(capsys, diary_path, "insights")
    assert "Check-ins by what you were doing" not in out
