"""Opening a diary file: where it lives, what it must look like, engine pragmas.

Durability choice: WAL journal with synchronous=FULL. In WAL mode NORMAL may
lose the last commits on power loss; FULL syncs the WAL on every commit, so a
save the app has acknowledged survives a crash or power cut. The cost is one
fsync per save, which a diary (a few saves a day) never notices.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

# default_diary_path is imported from here by the service and the UI.
from app.config import BUSY_TIMEOUT_MS, default_diary_path  # noqa: F401

if TYPE_CHECKING:
    from sqlalchemy import Engine

SQLITE_HEADER = b"SQLite format 3\x00"


class DiaryFileError(Exception):
    """The file cannot be used as a diary; the message says which and why.

    `reason` is the message without advice; `backup` is the newest good backup
    of a damaged diary, when one was found (for a restore button).
    """

    def __init__(self, message: str, *, reason: str | None = None, backup: object = None):
        super().__init__(message)
        self.reason = reason or message
        self.backup = backup


class DiaryBusyError(DiaryFileError):
    """Another program is writing the diary right now."""


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` owner-only (0700) if missing; never loosen an existing one."""
    try:
        folder.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        return  # made already, perhaps this instant by another program opening the diary
    os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask


def make_private(path: Path) -> None:
    """Owner read/write only (0600): health data is nobody else's business."""
    if path.exists() and stat.S_IMODE(path.stat().st_mode) != 0o600:
        os.chmod(path, 0o600)


def check_diary_file(path: Path) -> None:
    """Refuse a file that is not SQLite, before SQLite gets a chance to touch it."""
    if path.is_dir():
        raise DiaryFileError(f"{path} is a folder, not a diary file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise DiaryFileError(f"{path} cannot be read: permission denied") from None
    size = path.stat().st_size
    if size == 0:
        return  # an empty file is a new diary
    if header != SQLITE_HEADER:
        raise DiaryFileError(f"{path} is not a Pain Diary file (it is not an SQLite database)")
    if size < 512 or size % 512:
        raise DiaryFileError(f"{path} is damaged: it is truncated ({size} bytes)")


def inspect_existing(path: Path, diary_tables: frozenset[str]) -> None:
    """Read-only look inside an existing file: damaged, or not a diary, is refused.

    This runs before the engine sets WAL mode, which would write to the file:
    a file we refuse must be left exactly as it was.
    """
    try:
        raw = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise DiaryFileError(f"{path} cannot be opened ({error})") from None
    try:
        tables = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
        if tables and not (diary_tables | {"alembic_version"}) <= tables:
            raise DiaryFileError(f"{path} is a SQLite database, but not a Pain Diary")
        status = raw.execute("PRAGMA quick_check").fetchone()[0]
        if status != "ok":
            raise DiaryFileError(f"{path} is damaged (SQLite reports: {status})")
    except sqlite3.DatabaseError as error:
        raise DiaryFileError(f"{path} is damaged or not a diary ({error})") from None
    finally:
        raw.close()


def connect(path: Path) -> sqlite3.Connection:
    """A sqlite3 connection on `path` with the diary's pragmas, for reading.

    Transactions are explicit (isolation_level None): `Diary._read` begins
    and ends them, so a read sees one state of the diary.
    """
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        _on_connect(connection, None)
    except BaseException:
        connection.close()
        raise
    return connection


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The driver's implicit BEGIN handling fights SQLAlchemy's; we issue BEGIN
    # ourselves (see _on_begin) so each save is exactly one transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        cursor.close()
        raise DiaryFileError(f"cannot switch the diary to WAL journal mode (got {mode})")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
    # Writers take the lock up front (IMMEDIATE), so two writers wait on
    # busy_timeout instead of failing on a lock upgrade; readers never block.
    write = connection.get_execution_options().get("write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine on `path` with the diary's pragmas on every connection (for writes)."""
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
