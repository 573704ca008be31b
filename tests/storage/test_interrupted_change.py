"""A diary left with a hot journal by a program killed mid-write (CI found it after an
`encrypt` was killed): it opens as it was before that write, never as "read-only"."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.diary import Diary
from app.storage.database import DiaryInterruptedError

KILLED_WRITER = """
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode = DELETE")
connection.execute("PRAGMA cache_size = 1")  # the change spills into the file itself
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE day SET pain = 10, worst_pain = 10")
os.kill(os.getpid(), signal.SIGKILL)
"""


def _killed_mid_write(path: Path) -> None:
    """Leave `path` as a writer killed inside its transaction leaves it: a hot journal."""
    run = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], check=False)
    assert run.returncode == -9
    # The state itself, checked with SQLite: only a writer may roll it back.
    with pytest.raises(sqlite3.OperationalError) as raised:
        sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True).execute(
            "SELECT count(*) FROM day"
        ).fetchone()
    assert raised.value.sqlite_errorname == "SQLITE_READONLY_ROLLBACK"


def _pains(diary: Diary) -> list[tuple[object, object]]:
    return [(day.pain, day.worst_pain) for day in diary.days()]


def test_a_diary_left_mid_write_opens_as_it_was_before_that_write(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    with Diary.create_demo(path, 60) as diary:
        before = _pains(diary)
    assert {pain for pain, _ in before} != {10}
    _killed_mid_write(path)

    with Diary.open(path) as diary:
        assert _pains(diary) == before
        assert diary.integrity_check() == "ok"
    assert not Path(f"{path}-journal").exists()


def test_a_read_only_diary_left_mid_write_is_refused_untouched_saying_how_to_recover(
    tmp_path: Path,
) -> None:
    path = tmp_path / "d.sqlite3"
    with Diary.create_demo(path, 60) as diary:
        before = _pains(diary)
    _killed_mid_write(path)
    journal = Path(f"{path}-journal")
    files = {p: p.read_bytes() for p in (path, journal)}
    os.chmod(path, 0o400)

    with pytest.raises(DiaryInterruptedError) as refused:
        Diary.open(path)
    message = str(refused.value)
    assert f"{path} was left half-changed" in message
    assert f"chmod 600 {path}" in message
    assert "Nothing was lost" in message
    assert {p: p.read_bytes() for p in files} == files

    # Made writable as the message says, it opens as it was.
    os.chmod(path, 0o600)
    with Diary.open(path) as diary:
        assert _pains(diary) == before
