"""Restore in this process: what is refused, what counts as unreadable, waiting for a saver.

Real SQLite files in tmp_path, copies of the storage tests' template diary
(pains 3 and 5); every backup here has pain 7 on both days.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.storage import backups
from app.storage.database import DiaryBusyError, DiaryFileError
from app.storage.migrate import DIARY_TABLES


def pains(path: Path) -> list[int]:
    connection = sqlite3.connect(path)
    try:
        return [p for (p,) in connection.execute("SELECT pain FROM day ORDER BY date")]
    finally:
        connection.close()


@pytest.fixture
def diary(template: Path, tmp_path: Path) -> Path:
    """A sound diary in WAL mode (as the app leaves it), `d.sqlite3`."""
    path = tmp_path / "d.sqlite3"
    shutil.copyfile(template, path)
    return path


@pytest.fixture
def backup(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "other" / "b.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(template, path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE day SET pain = 7")
    connection.commit()
    connection.close()
    return path


def test_a_backup_with_no_tables_is_refused_even_where_there_is_no_diary(
    tmp_path: Path,
) -> None:
    """Restoring it into a new file would make a 'diary' with nothing in it."""
    empty = tmp_path / "empty.sqlite3"
    made = sqlite3.connect(empty)
    made.execute("PRAGMA user_version = 1")  # a real SQLite file, one page, no table
    made.close()
    target = tmp_path / "new" / "d.sqlite3"
    with pytest.raises(DiaryFileError) as refused:
        backups.restore(target, empty, DIARY_TABLES)
    assert str(refused.value) == f"{empty} is an empty database, not a Pain Diary"
    assert not target.exists()


def test_a_shm_left_without_its_diary_is_kept_and_cleared_away(
    tmp_path: Path, backup: Path
) -> None:
    """Nothing of the old diary may stay beside the restored one."""
    diary = tmp_path / "d.sqlite3"
    shm = Path(f"{diary}-shm")
    shm.write_bytes(b"old shared memory")
    kept = backups.restore(diary, backup, DIARY_TABLES)
    assert kept is not None and kept.parent == backups.backup_dir(diary)
    assert kept.name.endswith(".sqlite3-shm") and kept.read_bytes() == b"old shared memory"
    assert not shm.exists()
    assert pains(diary) == [7, 7]


def test_a_diary_whose_wal_cannot_be_opened_is_unreadable_not_busy(diary: Path) -> None:
    """SQLite's 'unable to open' is damage to restore over, not a lock to wait for."""
    Path(f"{diary}-wal").mkdir()
    assert backups._readable(diary) is False


def test_a_diary_gone_before_sqlite_opens_it_is_unreadable(
    diary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program removed it between the header check and the open."""

    def check_then_vanish(path: Path, **_: object) -> None:
        path.unlink()

    monkeypatch.setattr(backups, "check_diary_file", check_then_vanish)
    assert backups._readable(diary) is False


class _Saver:
    """Another program in the middle of a save: it holds the diary's write lock."""

    def __init__(self, path: Path):
        self.connection: sqlite3.Connection | None = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("BEGIN IMMEDIATE")

    def finish(self) -> None:
        if self.connection is not None:
            self.connection.execute("ROLLBACK")
            self.connection.close()
            self.connection = None


def _clock(monkeypatch: pytest.MonkeyPatch, later: float, on_busy=None) -> None:  # type: ignore[no-untyped-def]
    """The restore's clock: 1000.0 when it starts, `later` whenever the diary is busy."""
    readings = iter([1000.0])

    def monotonic() -> float:
        try:
            return next(readings)
        except StopIteration:
            if on_busy is not None:
                on_busy()
            return later

    monkeypatch.setattr(backups, "time", SimpleNamespace(monotonic=monotonic))


def test_restore_waits_the_whole_busy_time_for_a_saving_program(
    diary: Path, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found busy exactly at the limit (not past it): the restore waits on and succeeds."""
    monkeypatch.setattr(backups, "_BUSY_SECONDS", 0.125)  # SQLite's own wait, each step
    saver = _Saver(diary)
    try:
        _clock(monkeypatch, later=1000.125, on_busy=saver.finish)  # the saver then finishes
        kept = backups.restore(diary, backup, DIARY_TABLES)
    finally:
        saver.finish()
    assert kept is not None and pains(kept) == [3, 5]
    assert pains(diary) == [7, 7]


def test_restore_gives_up_past_the_busy_time_changing_nothing(
    diary: Path, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "_BUSY_SECONDS", 0.125)
    before = diary.read_bytes()
    saver = _Saver(diary)
    try:
        _clock(monkeypatch, later=1000.25)
        with pytest.raises(DiaryBusyError) as busy:
            backups.restore(diary, backup, DIARY_TABLES)
    finally:
        saver.finish()
    assert str(busy.value) == (
        f"{diary} is busy: another program kept it locked; "
        "nothing was restored. Try again in a moment."
    )
    assert diary.read_bytes() == before
    assert list(backups.backup_dir(diary).iterdir()) == []


def _other_disk(tmp_path: Path) -> Path:
    """A folder on another filesystem than tmp_path (tmpfs), or skip."""
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second filesystem here")
    return Path(tempfile.mkdtemp(dir=shm))


def test_a_damaged_diary_is_replaced_when_the_system_temp_folder_is_on_another_disk(
    tmp_path: Path, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file is only renamed into place from its own folder: /tmp is often a tmpfs."""
    elsewhere = _other_disk(tmp_path)
    try:
        monkeypatch.setattr(tempfile, "tempdir", str(elsewhere))
        diary = tmp_path / "d.sqlite3"
        diary.write_bytes(b"SQLite format 3\x00" + b"\xee" * 8176)
        kept = backups.restore(diary, backup, DIARY_TABLES)
        assert kept is not None and kept.read_bytes().startswith(b"SQLite format 3\x00\xee")
        assert pains(diary) == [7, 7]
        assert os.listdir(elsewhere) == []
    finally:
        shutil.rmtree(elsewhere)


def test_a_diary_in_rollback_journal_mode_is_restored_without_waiting_on_itself(
    diary: Path, backup: Path
) -> None:
    """`encrypt`, `decrypt` and `passphrase` leave the diary in DELETE journal mode.

    There the backup's write lock shut out the reader that keeps the copy of the
    diary, and Python retried that copy forever: `restore` hung.
    """
    connection = sqlite3.connect(diary)
    assert connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    connection.close()
    outcome: list[object] = []
    worker = threading.Thread(
        target=lambda: outcome.append(backups.restore(diary, backup, DIARY_TABLES)), daemon=True
    )
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "restore hung"
    (kept,) = outcome
    assert isinstance(kept, Path)
    assert pains(diary) == [7, 7]
    assert pains(kept) == [3, 5]
    assert not Path(f"{diary}-journal").exists()
