"""A full disk is told from damage by the free space of the diary's own filesystem.

SQLite reports a failed -shm allocation as an I/O error, not as "disk full", so
an I/O error counts as a full disk only when under 1 MiB (1 048 576 bytes) is
free where the diary lives. The filesystem is faked through `os.statvfs`: a
real nearly-full disk needs a tmpfs mount (see test_disk_full.py, root only).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.storage.database import (
    DiaryBusyError,
    DiaryDiskFullError,
    DiaryFileError,
    disk_nearly_full,
    is_disk_full,
    sqlite_error,
)

MIB = 1_048_576


def fake_disks(monkeypatch: pytest.MonkeyPatch, free: dict[Path, int], other: int) -> list[Path]:
    """Make `os.statvfs` report `free[folder]` bytes for those folders, `other` elsewhere.

    Returns the paths asked about, in order.
    """
    asked: list[Path] = []

    def statvfs(path: os.PathLike[str] | str) -> os.statvfs_result:
        asked.append(Path(path))
        available = free.get(Path(path), other)
        # 4096-byte fragments, as on ext4: f_bavail * f_frsize is the space we may use.
        blocks = available // 4096
        return os.statvfs_result((4096, 4096, 10**6, blocks, blocks, 0, 0, 0, 0, 255))

    monkeypatch.setattr(os, "statvfs", statvfs)
    return asked


def test_a_folder_is_measured_itself_and_a_file_by_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The diary's folder may be a mount point (a full USB stick) on a roomy disk."""
    stick = tmp_path / "stick"
    stick.mkdir()
    fake_disks(monkeypatch, {stick: 0}, other=100 * MIB)
    assert disk_nearly_full(stick)
    # A diary not created yet: its folder's filesystem is where it would go.
    assert disk_nearly_full(stick / "diary.sqlite3")
    (stick / "diary.sqlite3").write_bytes(b"")
    assert disk_nearly_full(stick / "diary.sqlite3")
    assert not disk_nearly_full(tmp_path)


@pytest.mark.parametrize(
    ("free", "nearly_full"),
    [(0, True), (MIB - 4096, True), (MIB, False), (MIB + 4096, False)],
    ids=["nothing", "a block under 1 MiB", "exactly 1 MiB", "a block over 1 MiB"],
)
def test_nearly_full_means_less_than_1_mib_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, free: int, nearly_full: bool
) -> None:
    fake_disks(monkeypatch, {tmp_path: free}, other=100 * MIB)
    assert disk_nearly_full(tmp_path) is nearly_full


def test_a_folder_that_cannot_be_measured_is_not_called_full(tmp_path: Path) -> None:
    """No space figure (a missing folder) is no evidence of a full disk."""
    assert disk_nearly_full(tmp_path / "missing" / "diary.sqlite3") is False


def io_error(name: str) -> sqlite3.OperationalError:
    """A sqlite3 error as the driver raises it: SQLite's error name on the exception."""
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize("name", ["SQLITE_IOERR", "SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_WRITE"])
def test_an_io_error_on_a_nearly_full_disk_is_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / "diary.sqlite3"
    fake_disks(monkeypatch, {tmp_path: 4096}, other=100 * MIB)
    error = io_error(name)
    assert is_disk_full(error, path)
    found = sqlite_error(path, error)
    assert type(found) is DiaryDiskFullError
    assert str(found) == f"{path} cannot be used: the disk is full. Free some space and try again."


def test_a_table_locked_by_the_same_connection_is_busy_not_damage(tmp_path: Path) -> None:
    """SQLITE_LOCKED (a lock inside one connection or shared cache) is no damage either."""
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (x)")
    connection.executemany("INSERT INTO t VALUES (?)", [(1,), (2,)])
    reading = connection.execute("SELECT x FROM t")
    reading.fetchone()
    with pytest.raises(sqlite3.OperationalError) as caught:
        connection.execute("DROP TABLE t")
    connection.close()
    assert caught.value.sqlite_errorname == "SQLITE_LOCKED"  # type: ignore[attr-defined]
    path = tmp_path / "diary.sqlite3"
    found = sqlite_error(path, caught.value)
    assert type(found) is DiaryBusyError
    assert str(found) == (
        f"{path} is busy: another program (another Pain Diary window or command, or a "
        "backup tool) is using it. Try again when it has finished."
    )


def test_a_damaged_diary_error_carries_the_backup_to_restore() -> None:
    """The restore button offers exactly the backup the error names."""
    backup = object()
    error = DiaryFileError("d.sqlite3 is damaged. Restore ...", reason="damaged", backup=backup)
    assert error.backup is backup
    assert error.reason == "damaged"
    assert DiaryFileError("d.sqlite3 is damaged").backup is None
