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
