"""Crashes and a second writer: no acknowledged save is lost, the file stays sound."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.diary import Diary

START = dt.date(2000, 1, 1)
KILLS = 25

# Saves one new day after another and prints each index only once save_day returned.
WRITER = """
import datetime as dt, sys
from app.diary import Diary
start, first = dt.date(2000, 1, 1), int(sys.argv[2])
with Diary.open(sys.argv[1]) as diary:
    diary.prepare_to_write()  # load the write path first: kills must land mid-save
    print("ready", flush=True)
    for i in range(first, first + 100000):
        diary.save_day({"date": start + dt.timedelta(days=i), "pain": i % 11,
                        "locations": [{"region": "calf", "side": "left"}],
                        "exercises": [{"name": "walking", "minutes": i % 90}],
                        "note": f"save {i}"})
        print(i, flush=True)
"""


@pytest.mark.slow
def test_sigkill_during_saves_loses_no_acknowledged_save(diary_path: Path) -> None:
    Diary.open(diary_path).close()
    rng = random.Random(20261121)
    acknowledged: set[int] = set()
    next_index = 0
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(diary_path), str(next_index)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.4))  # kill mid-stream, at a random moment
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        lines = writer.stdout.read().split()
        acknowledged |= {int(x) for x in lines}
        # The writer may have committed one more save it never got to print.
        next_index = max(acknowledged, default=next_index - 1) + 2
    assert len(acknowledged) > KILLS  # the writer really was writing when killed
    with Diary.open(diary_path) as diary:
        assert diary.integrity_check() == "ok"
        saved = {(d.date - START).days: d for d in diary.days()}
    lost = acknowledged - set(saved)
    print(f"SIGKILL x{KILLS}: {len(acknowledged)} acknowledged saves, {len(lost)} lost")
    assert not lost, f"{len(lost)} acknowledged saves lost"
    for index in acknowledged:
        day = saved[index]
        assert day.note == f"save {index}" and day.pain == index % 11
        assert [str(x) for x in day.exercises] == [f"walking:{index % 90}"]


def test_a_second_writer_waits_then_says_the_diary_is_busy(diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": START, "pain": 4})
    holder = sqlite3.connect(diary_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(diary_path), "log", "2000-01-02",
             "--pain", "5"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 2
    assert "busy" in result.stderr and str(diary_path) in result.stderr
    assert "Traceback" not in result.stderr
    assert waited >= 4  # it waited for the lock before giving up
    with Diary.open(diary_path) as diary:
        assert diary.dates() == [START] and diary.integrity_check() == "ok"


SAVER = """
import datetime as dt, sys
from app.diary import Diary
offset = int(sys.argv[2])
with Diary.open(sys.argv[1]) as diary:
    for i in range(40):
        diary.save_day({"date": dt.date(2001, 1, 1) + dt.timedelta(days=offset + 2 * i),
                        "pain": offset, "symptoms": ["aching"]})
"""


def test_two_processes_writing_at_once_both_land(diary_path: Path) -> None:
    Diary.open(diary_path).close()
    writers = [
        subprocess.Popen([sys.executable, "-c", SAVER, str(diary_path), str(k)]) for k in (0, 1)
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    with Diary.open(diary_path) as diary:
        days = diary.days()
        assert len(days) == 80 and diary.integrity_check() == "ok"
        assert {d.pain for d in days} == {0, 1}
        assert all(d.symptoms == ["aching"] for d in days)
