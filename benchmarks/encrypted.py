"""Benchmarks of an encrypted (SQLCipher) diary beside a plain one: saving a day, opening."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
from pathlib import Path

from app.diary import Diary
from benchmarks.diaries import END, full_day
from benchmarks.harness import Figure, interleaved

PASSPHRASE = "benchmark passphrase"


def _raw_save(raw: sqlite3.Connection, day: dict) -> None:
    """The floor: the day's main row and its location rows, in one raw sqlite3 transaction."""
    raw.execute("BEGIN IMMEDIATE")
    day_id = raw.execute(
        "INSERT INTO day (date, pain, worst_pain, sitting_minutes, sleep_hours, flare, note,"
        " updated_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
        (
            day["date"].isoformat(), day["pain"], day["worst_pain"], day["sitting_minutes"],
            day["sleep_hours"], day["flare"], day["note"], dt.datetime.now(dt.UTC).isoformat(),
        ),
    ).fetchone()[0]  # fmt: skip
    raw.executemany(
        "INSERT INTO day_location (day_id, region, side) VALUES (?,?,?)",
        [(day_id, x["region"], x["side"]) for x in day["locations"]],
    )
    raw.executemany(
        "INSERT INTO day_symptom (day_id, symptom) VALUES (?,?)",
        [(day_id, s) for s in day["symptoms"]],
    )
    raw.execute("COMMIT")


def save_day(folder: Path, runs: int) -> Figure:
    """Diary.save_day on an encrypted diary vs a raw sqlite3 insert + commit on a plain file."""
    rng = random.Random(5)
    for stale in folder.glob("save-enc-*.sqlite3*"):
        stale.unlink()
    for stale in (folder / "backups").glob("save-enc-*"):
        stale.unlink()
    Diary.open(folder / "save-enc-floor.sqlite3").close()
    raw = sqlite3.connect(folder / "save-enc-floor.sqlite3", isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    subject_path = folder / "save-enc-subject.sqlite3"
    Diary.open(subject_path).close()
    Diary.encrypt(subject_path, PASSPHRASE)
    diary = Diary.open(subject_path, PASSPHRASE)
    counter = iter(range(10**6))

    def next_day() -> dict:
        return full_day(END - dt.timedelta(days=next(counter)), rng).model_dump()

    for _ in range(5):  # warm both paths
        diary.save_day(next_day())
        _raw_save(raw, next_day())
    s, f = interleaved(lambda: diary.save_day(next_day()), lambda: _raw_save(raw, next_day()), runs)
    diary.close()
    raw.close()
    return Figure(
        "saving a day, encrypted diary (service API vs raw sqlite3 on a plain file)",
        s, f, 3.0, ours=True,
    )  # fmt: skip


def open_diary(diary_path: Path, folder: Path, runs: int) -> list[Figure]:
    """Opening an encrypted copy of `diary_path` (key derivation included) vs the plain one."""
    plain = folder / "open-plain" / "diary.sqlite3"
    encrypted = folder / "open-encrypted" / "diary.sqlite3"
    for target in (plain, encrypted):
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir(parents=True)
        shutil.copy(diary_path, target)
    Diary.encrypt(encrypted, PASSPHRASE)

    def open_plain() -> None:
        with Diary.open(plain) as diary:
            diary.count()

    def open_encrypted() -> None:
        with Diary.open(encrypted, PASSPHRASE) as diary:
            diary.count()

    open_plain()
    open_encrypted()  # both have today's backup now: later opens do not copy
    s, f = interleaved(open_encrypted, open_plain, runs)
    return [
        Figure(
            "opening the diary, encrypted (with key derivation) vs plain",
            s, f, None, note="PBKDF2-HMAC-SHA512, 256,000 rounds, once per open",
        ),
    ]  # fmt: skip


def figures(diary_path: Path, folder: Path, runs: int) -> list[Figure]:
    """Every encrypted-diary row: saving (target ≤ 3× raw sqlite3) and opening."""
    return [save_day(folder, max(30, runs * 5)), *open_diary(diary_path, folder, runs)]
