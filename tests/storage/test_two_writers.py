"""Two programs writing one diary at once: real processes, nothing they acknowledge is lost."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.diary import Diary

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 12
START = dt.date(2021, 1, 1)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _log(db: Path, date: dt.date, *flags: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db), "log", date.isoformat(), *flags],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_log_commands_on_one_day_keep_both_fields(diary_path: Path) -> None:
    """`log --pain` and `log --sleep` at once: both succeed and the day has both."""
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": START - dt.timedelta(days=1), "pain": 1})
    lost = []
    for round_ in range(ROUNDS):
        day = START + dt.timedelta(days=round_)
        # Half the rounds update an existing day, half create it.
        if round_ % 2:
            with Diary.open(diary_path) as diary:
                diary.save_day({"date": day, "note": "before"})
        first = _log(diary_path, day, "--pain", "5")
        second = _log(diary_path, day, "--sleep", "7")
        for process in (first, second):
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        with Diary.open(diary_path) as diary:
            saved = diary.get_day(day)
        assert saved is not None
        if (saved.pain, saved.sleep_hours) != (5, 7.0):
            lost.append((day, saved.pain, saved.sleep_hours))
        if round_ % 2:
            assert saved.note == "before"  # untouched fields are kept too
    assert not lost, f"{len(lost)} of {ROUNDS} rounds lost a field: {lost}"
