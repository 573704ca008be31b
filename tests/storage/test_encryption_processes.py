"""Encrypted diaries and real processes: SIGKILL during `encrypt`, two writers at once."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.diary import Diary
from app.storage.database import SQLITE_HEADER

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "kill me softly"
START = dt.date(2024, 1, 1)


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def _cli(db: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db), *args],
        env=_env(PAIN_DIARY_PASSPHRASE=PASSPHRASE),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _days(path: Path) -> list:
    passphrase = PASSPHRASE if Diary.is_encrypted(path) else None
    with Diary.open(path, passphrase) as diary:
        assert diary.integrity_check() == "ok"
        return [day.model_dump() for day in diary.days()]


@pytest.mark.slow
def test_sigkill_during_encrypt_leaves_the_plain_or_the_encrypted_diary_complete(
    tmp_path: Path,
) -> None:
    original = tmp_path / "original" / "d.sqlite3"
    Diary.create_demo(original, 400).close()
    expected = _days(original)
    # How long an undisturbed encrypt takes, to spread the kills over it.
    work = tmp_path / "work"
    shutil.copytree(original.parent, work)
    started = time.monotonic()
    run = _cli(work / "d.sqlite3", "encrypt")
    _, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    whole = time.monotonic() - started
    outcomes = []
    for fraction in (0.15, 0.3, 0.45, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0):
        shutil.rmtree(work)
        shutil.copytree(original.parent, work)
        diary = work / "d.sqlite3"
        process = _cli(diary, "encrypt")
        time.sleep(whole * fraction)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        encrypted = not diary.read_bytes().startswith(SQLITE_HEADER)
        outcomes.append("encrypted" if encrypted else "plain")
        assert _days(diary) == expected, (fraction, outcomes[-1])
        if encrypted:  # no backup stays plain, even when the kill came before they were done
            for backup in (work / "backups").iterdir():
                assert not backup.read_bytes().startswith(SQLITE_HEADER), (fraction, backup)
        # The next open removed what the killed conversion left beside the diary.
        assert not [p for p in work.iterdir() if p.name.endswith((".tmp", "-journal"))]
    print("outcomes:", outcomes)


@pytest.mark.slow
def test_two_processes_log_into_one_encrypted_diary_at_once(tmp_path: Path) -> None:
    """`log --pain` and `log --sleep` at once on an encrypted diary: both fields kept."""
    diary_path = tmp_path / "d.sqlite3"
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": START - dt.timedelta(days=1), "pain": 1})
    Diary.encrypt(diary_path, PASSPHRASE)
    for round_ in range(4):
        day = START + dt.timedelta(days=round_)
        first = _cli(diary_path, "log", day.isoformat(), "--pain", "5")
        second = _cli(diary_path, "log", day.isoformat(), "--sleep", "7")
        for process in (first, second):
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        with Diary.open(diary_path, PASSPHRASE) as diary:
            saved = diary.get_day(day)
        assert saved is not None and (saved.pain, saved.sleep_hours) == (5, 7.0)
    assert not diary_path.read_bytes().startswith(SQLITE_HEADER)
