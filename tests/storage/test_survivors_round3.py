"""Storage behaviour the third mutation sample showed unpinned, with real SQLite files.

A read-only diary is one without the owner's write bit (chmod 400): the app tells
it by its mode bits, so it stays read-only even for root, who may write anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import resource
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from app.diary import Diary
from app.storage.cipher import shred
from app.storage.database import (
    DiaryFileError,
    DiaryInterruptedError,
    DiaryReadOnlyError,
    inspect_existing,
    sqlite_error,
)
from app.storage.migrate import DIARY_TABLES

DAY = dt.date(2025, 1, 1)  # the template's first day (pain 3); the next has pain 5


def copy_of(template: Path, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return path


def read_only_copy(template: Path, path: Path, journal: str) -> Path:
    """A closed copy of the template in `journal` mode, made read-only (chmod 400)."""
    copy_of(template, path)
    connection = sqlite3.connect(path)
    assert connection.execute(f"PRAGMA journal_mode = {journal}").fetchone()[0] == journal
    connection.close()
    os.chmod(path, 0o400)
    return path


def file_state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --- a read-only diary ------------------------------------------------------------------


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_read_only_diary_is_read_without_changing_it_or_making_files_beside_it(
    template: Path, tmp_path: Path, journal: str
) -> None:
    """Reading one as a writer would switch a rollback-journal file to WAL (a write to
    its header) and give a WAL file a -wal and -shm beside it."""
    path = read_only_copy(template, tmp_path / "d.sqlite3", journal)
    before = file_state(path)

    with Diary.open(path) as diary:
        assert [(d.date, d.pain) for d in diary.days()] == [
            (DAY, 3),
            (DAY + dt.timedelta(days=1), 5),
        ]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["d.sqlite3"]

    assert file_state(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.sqlite3"]


def test_logging_in_a_read_only_diary_is_refused_and_leaves_it_as_it_was(
    template: Path, tmp_path: Path
) -> None:
    path = read_only_copy(template, tmp_path / "d.sqlite3", "wal")
    before = file_state(path)

    with Diary.open(path) as diary:
        with pytest.raises(DiaryReadOnlyError) as refused:
            diary.save_day({"date": DAY + dt.timedelta(days=2), "pain": 7})
        assert str(refused.value) == (
            f"{path} is read-only, so Pain Diary will not change it. It can still be shown, "
            f"exported and reported; to log in it, make it writable (chmod 600 {path})."
        )
        assert [d.pain for d in diary.days()] == [3, 5]

    assert file_state(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.sqlite3"]


# --- looking inside before opening ------------------------------------------------------


def test_a_diary_gone_before_the_look_inside_is_refused_naming_it(tmp_path: Path) -> None:
    """Another program removed it between the checks and the look."""
    path = tmp_path / "d.sqlite3"
    with pytest.raises(DiaryFileError) as refused:
        inspect_existing(path, DIARY_TABLES)
    assert str(refused.value) == f"{path} cannot be opened (unable to open database file)"


def test_what_looked_wrong_while_another_program_saved_is_looked_at_again_locked(
    template: Path, tmp_path: Path
) -> None:
    """The first look reads without locks (a closed WAL diary, opened immutable). Here
    another program saves during it, and that look finds fault: the diary must be
    looked at again, with locks, and accepted when the second look is sound."""
    path = copy_of(template, tmp_path / "d.sqlite3")
    other = sqlite3.connect(path, isolation_level=None)  # the other program, kept open
    looks: list[int] = []

    def check(connection: sqlite3.Connection) -> None:
        looks.append(len(looks) + 1)
        if len(looks) == 1:
            other.execute("UPDATE day SET pain = 9")  # its save, committed to its -wal
            raise DiaryFileError("is half saved")  # what the unlocked look made of it
        assert [p for (p,) in connection.execute("SELECT pain FROM day")] == [9, 9]

    try:
        inspect_existing(path, DIARY_TABLES, check)
    finally:
        other.close()
    assert looks == [1, 2]


def test_a_read_only_diary_needing_recovery_says_how_to_recover(tmp_path: Path) -> None:
    """SQLITE_READONLY_RECOVERY: a -wal left by a killed writer, which a read-only diary
    cannot fold back. Root cannot be kept from writing the -shm, so the error SQLite
    gives is made here with its name, as SQLite names it."""
    path = tmp_path / "d.sqlite3"
    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorname = "SQLITE_READONLY_RECOVERY"  # type: ignore[attr-defined]

    found = sqlite_error(path, error)

    assert isinstance(found, DiaryInterruptedError)
    assert str(found) == (
        f"{path} was left half-changed by a program that stopped (its -journal or -wal "
        "file holds the unfinished change), and it is read-only, so that change cannot "
        f"be undone. Nothing was lost: make it writable (chmod 600 {path}) and open it "
        "again, and the diary is as it was before that change."
    )


# --- tallies ------------------------------------------------------------------------------


def test_days_with_the_same_places_stored_in_another_order_count_together(
    template: Path, tmp_path: Path
) -> None:
    """Rows as another program (or an older Pain Diary) may have stored them: the
    second day's places in the opposite order to the first's."""
    path = copy_of(template, tmp_path / "d.sqlite3")
    raw = sqlite3.connect(path)
    ids = [i for (i,) in raw.execute("SELECT id FROM day ORDER BY date")]
    rows = [("lower_back", "centre"), ("calf", "left")]
    for day_id, places in zip(ids, (rows, rows[::-1]), strict=True):
        raw.executemany(
            "INSERT INTO day_location (day_id, region, side) VALUES (?, ?, ?)",
            [(day_id, region, side) for region, side in places],
        )
    raw.commit()
    raw.close()

    with Diary.open(path) as diary:
        summary = diary.insights().summary
    assert summary is not None
    # Both days: back (lower back) and the left leg (calf).
    assert (summary.back_days, summary.leg_days, summary.left_leg_days) == (2, 2, 2)
    assert sorted((c.code, c.days) for c in summary.locations) == [
        ("calf:left", 2),
        ("lower_back:centre", 2),
    ]


# --- shredding ----------------------------------------------------------------------------


@contextlib.contextmanager
def file_size_limit(limit: int):
    """Writes past `limit` bytes fail with EFBIG (an OSError) instead of growing a file."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the process is killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def test_shredding_zeroes_a_file_without_writing_past_its_end_then_removes_it(
    tmp_path: Path,
) -> None:
    """A shred that wrote past the end would fill the disk: the limit turns that into
    an error at once."""
    path = tmp_path / "old.sqlite3"
    path.write_bytes(b"secret pain " * 1000)  # 12,000 bytes
    with open(path, "rb") as kept:  # the bytes as a process still holding the file sees them
        with file_size_limit(1 << 20):
            shred(path)
        assert not path.exists()
        assert kept.read() == bytes(12_000)
