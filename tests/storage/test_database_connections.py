"""The connections an open diary reads and writes through.

A read-only diary's reader waits for another program's lock and enforces the
foreign keys just as a writable one does, and runs in autocommit (`Diary._read`
issues BEGIN itself). Preparing to write builds the write engine up front, so
the first save does not pay for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import app.storage.database as database
from app.config import BUSY_TIMEOUT_MS
from app.storage.connections import DiaryConnections
from app.storage.database import connect


def test_a_read_only_connection_has_the_diarys_pragmas(template: Path, tmp_path: Path) -> None:
    path = Path(shutil.copyfile(template, tmp_path / "diary.sqlite3"))
    connection = connect(path, read_only=True)
    try:
        assert connection.isolation_level is None
        assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS == 5000
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        # Autocommit: a statement leaves no transaction open behind the caller's back.
        connection.execute("CREATE TEMP TABLE scratch (x)")
        connection.execute("INSERT INTO scratch VALUES (1)")
        assert not connection.in_transaction
    finally:
        connection.close()


def test_preparing_to_write_builds_the_engine_the_first_save_uses(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = Path(shutil.copyfile(template, tmp_path / "diary.sqlite3"))
    built = []
    real = database.make_engine

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(database, "make_engine", counting)
    files = DiaryConnections(path)
    try:
        files.prepare_to_write()
        assert len(built) == 1
        with files.write() as connection:
            connection.exec_driver_sql("UPDATE day SET pain = 4 WHERE pain = 3")
        assert len(built) == 1
    finally:
        files.close()


def _writer_holding_the_lock(path: Path, key: str | None = None):
    """Another program midway through a write (BEGIN IMMEDIATE) on `path`."""
    import sqlite3

    from app.storage.cipher import connect_encrypted

    if key is None:
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    else:
        other = connect_encrypted(path, key, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_the_switch_to_wal_waits_for_another_programs_write(template: Path, tmp_path: Path):
    """Leaving a rollback journal failed at once, busy, when another program was writing."""
    import sqlite3
    import threading

    path = Path(shutil.copyfile(template, tmp_path / "diary.sqlite3"))
    plain = sqlite3.connect(path)
    assert plain.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    plain.close()
    other = _writer_holding_the_lock(path)
    threading.Timer(0.3, other.commit).start()
    connection = connect(path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()
        other.close()


def test_two_programs_log_into_a_just_encrypted_diary_at_once(tmp_path: Path) -> None:
    """`encrypt` leaves a rollback journal; the first save switches it to WAL, another
    program's save under way or not (CI saw `log --pain` and `log --sleep` refused)."""
    import datetime as dt
    import threading

    from app.diary import Diary
    from app.storage.cipher import Passphrase

    path = tmp_path / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.save_day({"date": dt.date(2024, 1, 1), "pain": 1})
    Diary.encrypt(path, "a passphrase")
    passphrase = Passphrase("a passphrase")  # keeps the derived key: opening is quick
    other = _writer_holding_the_lock(path, passphrase.key_for(path))
    other.execute("UPDATE day SET pain = 2")
    threading.Timer(0.5, other.commit).start()
    try:
        with Diary.open(path, passphrase) as diary:
            diary.update_day(dt.date(2024, 1, 1), {"sleep_hours": 7})
            saved = diary.get_day(dt.date(2024, 1, 1))
    finally:
        other.close()
    assert saved is not None and (saved.pain, saved.sleep_hours) == (2, 7.0)
