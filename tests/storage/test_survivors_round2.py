"""Storage behaviour the second mutation sample showed unpinned, with real SQLite files.

Where a step can only be seen while it is under way (a copy's temporary file),
the copy is held up the way another program holds it up: a second connection
keeps the file it reads from locked (`BEGIN EXCLUSIVE`), so SQLite's backup
waits, in a thread of this process, until the lock is released.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.diary import Diary
from app.storage import backups
from app.storage.database import (
    DiaryInterruptedError,
    connect,
    make_engine,
    open_file,
    read_only_uri,
)
from app.storage.migrate import DIARY_TABLES

#: A raw SQLCipher key literal (32 key bytes, then 16 salt bytes): no key derivation.
KEY = f"x'{'11' * 32}{'22' * 16}'"


def copy_of(template: Path, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return path


def pains(connection: sqlite3.Connection) -> list[int]:
    return [p for (p,) in connection.execute("SELECT pain FROM day ORDER BY date")]


def rollback_journal_copy(template: Path, path: Path) -> Path:
    """A copy of the template diary in rollback-journal (DELETE) mode, as a backup is."""
    copy_of(template, path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    connection.close()
    return path


def while_locked(source: Path, folder: Path, run: Callable[[], object], pattern: str) -> str:
    """Run `run` in a thread while `source` is locked; the name of the file matching
    `pattern` that appears in `folder` meanwhile. The lock is then released and the
    thread must finish cleanly."""
    holder = sqlite3.connect(source, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # readers of a rollback-journal file must wait
    failures: list[BaseException] = []

    def target() -> None:
        try:
            run()
        except BaseException as error:  # handed to the test below
            failures.append(error)

    worker = threading.Thread(target=target)
    worker.start()
    try:
        deadline = time.monotonic() + 5
        seen: list[str] = []
        while not seen and time.monotonic() < deadline:
            seen = [p.name for p in folder.iterdir() if re.search(pattern, p.name)]
            time.sleep(0.005)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        worker.join(timeout=30)
    assert not worker.is_alive()
    assert failures == []
    assert len(seen) == 1, seen
    return seen[0]


def _descriptors_on(path: Path) -> int:
    """How many of this process's open files are `path` (Linux: /proc/self/fd)."""
    count = 0
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):  # closed meanwhile
            count += os.readlink(fd) == str(path)
    return count


# --- backups: temporaries and warnings ----------------------------------------------


def test_a_copy_under_way_is_a_hidden_temporary_naming_its_process(
    template: Path, tmp_path: Path
) -> None:
    """The name is how the next open tells a killed writer's leftover (`.tmp`) from a
    copy in progress; a leftover with another ending would never be cleaned up."""
    source = rollback_journal_copy(template, tmp_path / "source.sqlite3")
    target = tmp_path / "out" / "copy.sqlite3"
    target.parent.mkdir()

    name = while_locked(
        source, target.parent, lambda: backups.copy_database(source, target), r"^\."
    )

    assert re.fullmatch(rf"\.copy\.sqlite3\.pid{os.getpid()}\.[a-z0-9_]+\.tmp", name)
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3"]
    connection = sqlite3.connect(target)
    assert pains(connection) == [3, 5]
    connection.close()


def test_a_damaged_diary_is_replaced_through_a_hidden_temporary_named_after_it(
    template: Path, tmp_path: Path
) -> None:
    diary = tmp_path / "d.sqlite3"
    diary.write_bytes(b"not a database " * 300)
    backups.backup_dir(diary).mkdir()
    backup = rollback_journal_copy(template, tmp_path / "elsewhere" / "b.sqlite3")

    name = while_locked(
        backup,
        tmp_path,
        lambda: backups._replace_damaged(diary, backup),
        r"\.restore\.tmp$",
    )

    assert re.fullmatch(r"\.d\.sqlite3\.[a-z0-9_]+\.restore\.tmp", name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "d.sqlite3", "elsewhere"]
    connection = sqlite3.connect(diary)
    assert pains(connection) == [3, 5]
    connection.close()


def test_a_backup_another_program_pruned_meanwhile_is_no_error(
    template: Path, tmp_path: Path
) -> None:
    """Two programs opening the diary at once both prune. Here the other one removes
    the oldest copy while this prune is still checking the newest (held up by a lock
    on it), after it listed the copies."""
    diary = copy_of(template, tmp_path / "d.sqlite3")
    folder = backups.backup_dir(diary)
    folder.mkdir()
    # Fifteen days of one month: the 14 newest stay, 2025-01-01 goes.
    for day in range(1, 15):
        (folder / f"d-2025-01-{day:02d}.sqlite3").write_bytes(b"")  # not good: skipped
    newest = rollback_journal_copy(template, folder / "d-2025-01-15.sqlite3")
    oldest = folder / "d-2025-01-01.sqlite3"

    holder = sqlite3.connect(newest, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    outcome: list[object] = []

    def prune() -> None:
        try:
            outcome.append(backups.prune(diary))
        except Exception as error:
            outcome.append(error)

    worker = threading.Thread(target=prune)
    worker.start()
    try:
        # Prune lists the folder, then checks the newest, which waits for the lock (up to
        # 5 s): once the newest is open here twice, the listing is done.
        deadline = time.monotonic() + 5
        while _descriptors_on(newest) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        oldest.unlink()  # the other program's prune
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        worker.join(timeout=30)
    assert outcome == [[oldest]]
    assert len(list(folder.iterdir())) == 14
    assert backups.newest_good_backup(diary, DIARY_TABLES) == backups.Backup(
        newest, dt.date(2025, 1, 15)
    )


def test_a_backup_sqlite_cannot_make_is_a_warning_quoting_sqlite(tmp_path: Path) -> None:
    """SQLite's errors have no `strerror`: the warning quotes the error itself."""
    diary = tmp_path / "d.sqlite3"
    diary.write_bytes(b"not a database " * 300)
    assert backups.backup_today(diary) == ["could not make today's backup: file is not a database"]


# --- connections ----------------------------------------------------------------------


def test_a_write_transaction_holds_the_write_lock_from_its_start(
    template: Path, tmp_path: Path
) -> None:
    """BEGIN IMMEDIATE: a save that reads before it writes cannot lose the lock to
    another writer half-way; another program trying to write meanwhile is told busy."""
    path = copy_of(template, tmp_path / "d.sqlite3")
    engine = make_engine(path)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with engine.connect() as connection:
            connection.execution_options(write=True)
            # Nothing is read or written yet in the transaction.
            with connection.begin(), pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.execute("BEGIN IMMEDIATE")  # free again once it has ended
            other.execute("ROLLBACK")
    finally:
        other.close()
        engine.dispose()


def test_a_read_only_connection_can_be_used_and_closed_by_another_thread(
    template: Path, tmp_path: Path
) -> None:
    """The diary reads on worker threads and closes their connections from the
    thread that closes it."""
    path = copy_of(template, tmp_path / "d.sqlite3")
    connection = connect(path, read_only=True)
    found: list[object] = []

    def read_and_close() -> None:
        try:
            found.append(pains(connection))
            connection.close()
        except Exception as error:
            found.append(error)

    worker = threading.Thread(target=read_and_close)
    worker.start()
    worker.join()
    assert found == [[3, 5]]


def test_an_encrypted_diary_is_read_read_only_with_its_key(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    writer = open_file(path, KEY)
    writer.execute("CREATE TABLE day (date TEXT, pain INTEGER)")
    writer.execute("INSERT INTO day VALUES ('2025-01-01', 3), ('2025-01-02', 5)")
    writer.commit()
    writer.close()
    assert not path.read_bytes().startswith(b"SQLite format 3")  # really encrypted

    connection = connect(path, read_only=True, key=KEY)
    try:
        assert pains(connection) == [3, 5]
    finally:
        connection.close()


def test_a_closed_wal_diary_is_read_without_making_files_beside_it(
    template: Path, tmp_path: Path
) -> None:
    path = copy_of(template, tmp_path / "d.sqlite3")
    assert path.read_bytes()[18:20] == b"\x02\x02"  # WAL mode, and no -wal: nobody has it open
    assert read_only_uri(path) == f"{path.as_uri()}?mode=ro&immutable=1"
    connection = connect(path, read_only=True)
    try:
        assert pains(connection) == [3, 5]
    finally:
        connection.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.sqlite3"]


def test_a_read_only_look_sees_the_saves_another_program_holds_in_its_wal(
    template: Path, tmp_path: Path
) -> None:
    path = copy_of(template, tmp_path / "d.sqlite3")
    other = sqlite3.connect(path, isolation_level=None)  # the app, with the diary open
    try:
        other.execute("UPDATE day SET pain = 9")  # committed, still in the -wal
        assert Path(f"{path}-wal").exists()
        assert read_only_uri(path) == f"{path.as_uri()}?mode=ro"
        connection = connect(path, read_only=True)
        try:
            assert pains(connection) == [9, 9]
        finally:
            connection.close()
    finally:
        other.close()


def test_a_read_only_diary_left_mid_change_is_refused_in_these_words(
    template: Path, tmp_path: Path
) -> None:
    """A hot journal made in this process: the file and its -journal copied while a
    writer is inside its transaction (as a killed writer leaves them)."""
    source = rollback_journal_copy(template, tmp_path / "source.sqlite3")
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("PRAGMA cache_size = 1")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE day SET pain = 10")
    # Half a megabyte more than the cache holds: SQLite syncs the journal (now hot)
    # and spills changed pages into the file itself, inside the transaction.
    writer.execute(
        "CREATE TABLE junk AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
        " FROM n WHERE i < 500) SELECT randomblob(1000) AS b FROM n"
    )
    path = tmp_path / "d.sqlite3"
    shutil.copyfile(source, path)
    shutil.copyfile(f"{source}-journal", f"{path}-journal")
    writer.execute("ROLLBACK")
    writer.close()
    os.chmod(path, 0o400)

    with pytest.raises(DiaryInterruptedError) as refused:
        Diary.open(path)

    assert str(refused.value) == (
        f"{path} was left half-changed by a program that stopped (its -journal or -wal "
        "file holds the unfinished change), and it is read-only, so that change cannot "
        f"be undone. Nothing was lost: make it writable (chmod 600 {path}) and open it "
        "again, and the diary is as it was before that change."
    )


# --- check-ins --------------------------------------------------------------------------


def test_a_check_in_stamps_its_rows_with_the_utc_time_as_sqlalchemy_writes_it(
    template: Path, tmp_path: Path
) -> None:
    """A check-in on a day without a row makes that row too; both carry `updated_at`
    as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, the form the day's other writes use."""
    path = copy_of(template, tmp_path / "d.sqlite3")
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with Diary.open(path) as diary:
        diary.save_checkin({"date": dt.date(2025, 1, 3), "time": dt.time(9, 30), "pain": 4})
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    connection = sqlite3.connect(path)
    stamps = connection.execute(
        "SELECT d.updated_at, c.updated_at FROM checkin c JOIN day d ON d.id = c.day_id"
        " WHERE d.date = '2025-01-03'"
    ).fetchone()
    connection.close()
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", stamp)
        assert before <= dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f") <= after
