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
    return _run(db, "log", date.isoformat(), *flags)


def _run(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db), *args],
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


# Holds the diary open like the app does: saves, waits for the test's word, saves more.
HOLDER = """
import datetime as dt, sys
from app.diary import Diary
with Diary.open(sys.argv[1]) as diary:
    for i in range(3):
        diary.save_day({"date": dt.date(2023, 1, 1) + dt.timedelta(days=i), "pain": 1})
    print("ready", flush=True)
    sys.stdin.readline()  # the restore happens now
    for i in range(5):
        diary.save_day({"date": dt.date(2024, 1, 1) + dt.timedelta(days=i), "pain": 2})
        print(i, flush=True)
"""


def test_restore_while_another_process_has_the_diary_open_loses_no_save(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The other process's saves after the restore land in the restored diary."""
    from app.cli import main

    db = tmp_path / "d.sqlite3"
    with Diary.open(db) as diary:
        for i in range(5):
            diary.save_day({"date": dt.date(2025, 1, 1) + dt.timedelta(days=i), "pain": 3})
    copy = tmp_path / "copy.sqlite3"
    assert main(["--db", str(db), "backup", str(copy)]) == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "ready"
        capsys.readouterr()
        assert main(["--db", str(db), "restore", str(copy)]) == 0
        out = capsys.readouterr().out
        holder.stdin.write("go\n")
        holder.stdin.flush()
        acknowledged, err = holder.communicate(timeout=120)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert holder.returncode == 0, err
    assert acknowledged.split() == ["0", "1", "2", "3", "4"]
    with Diary.open(db) as diary:
        dates = {d.date for d in diary.days()}
        assert diary.integrity_check() == "ok"
    restored = {dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(5)}
    after = {dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(5)}
    assert not after - dates, f"{len(after - dates)} of 5 acknowledged saves lost"
    assert dates == restored | after
    # The diary as it was, with the other process's first saves, is kept.
    kept = Path(out.split("kept in ")[1].strip())
    with Diary.open(kept) as before:
        assert dt.date(2023, 1, 3) in set(before.dates())


@pytest.mark.slow
def test_two_checkins_and_a_log_at_once_on_a_new_day_keep_all_three(diary_path: Path) -> None:
    """Two `checkin`s and a `log` racing to create the same day: one day, all kept."""
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": START - dt.timedelta(days=1), "pain": 1})
    for round_ in range(ROUNDS // 2):
        day = START + dt.timedelta(days=round_)
        processes = [
            _run(diary_path, "checkin", day.isoformat(), "--at", "09:00", "--pain", "3"),
            _run(diary_path, "checkin", day.isoformat(), "--at", "18:30", "--pain", "6"),
            _log(diary_path, day, "--sleep", "7"),
        ]
        for process in processes:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        with Diary.open(diary_path) as diary:
            assert [(c.clock, c.pain) for c in diary.checkins(day)] == [("09:00", 3), ("18:30", 6)]
            saved = diary.get_day(day)
            assert saved is not None and saved.sleep_hours == 7.0
            assert diary.day_pain(day).pain == 4.5
