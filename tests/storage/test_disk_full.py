"""A full disk: the diary stays readable and writable when only today's backup cannot be
made, and a diary that cannot be opened for lack of space is not called damaged.

These mount a small tmpfs, so they need root; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.diary import Diary, DiaryFileError

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
D = dt.date(2020, 1, 1)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 6 MB tmpfs of our own, unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", str(mount)],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path, leave: int) -> None:
    """Write a filler file until only about `leave` bytes are free."""
    free = shutil.disk_usage(folder).free
    with (folder / "filler").open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave))
    while shutil.disk_usage(folder).free > leave + 8192:
        with (folder / "filler").open("ab") as handle:
            handle.write(b"\0" * 4096)


def _diary(folder: Path) -> Path:
    from app.domain.entry import make_entry

    path = folder / "d.sqlite3"
    with Diary.open(path) as diary:
        note = "a long day of sitting at the desk " * 20
        diary.import_entries(
            [
                make_entry({"date": D + dt.timedelta(days=i), "pain": i % 11, "note": note})
                for i in range(1500)
            ]
        )
    assert path.stat().st_size > 1_000_000
    return path


def run_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *argv], capture_output=True, text=True, timeout=120, env=ENV
    )


def test_a_failed_daily_backup_never_blocks_reading_or_writing(small_disk: Path) -> None:
    db = _diary(small_disk)
    _fill(small_disk, leave=400_000)  # room for the WAL, not for a copy of the diary
    shown = run_cli("--db", str(db), "show", "--from", "2020-01-01", "--to", "2020-01-03")
    assert shown.returncode == 0, shown.stderr
    assert "2020-01-02" in shown.stdout
    assert shown.stderr.count("could not make today's backup: the disk is full") == 1
    assert "Traceback" not in shown.stderr
    logged = run_cli("--db", str(db), "log", "2024-06-01", "--pain", "6")
    assert logged.returncode == 0, logged.stderr
    folder = small_disk / "backups"
    assert not folder.exists() or sorted(p.name for p in folder.iterdir()) == []
    with Diary.open(db) as diary:
        assert diary.get_day(dt.date(2024, 6, 1)).pain == 6  # type: ignore[union-attr]
        assert diary.warnings == ["could not make today's backup: the disk is full"]


def test_a_diary_on_a_full_disk_is_not_called_damaged(small_disk: Path) -> None:
    db = _diary(small_disk)
    _fill(small_disk, leave=0)
    result = run_cli("--db", str(db), "show")
    assert result.returncode == 2, result.stderr
    assert "disk is full" in result.stderr and str(db) in result.stderr
    assert "damaged" not in result.stderr and "restore" not in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(DiaryFileError, match="disk is full"):
        Diary.open(db)
    (small_disk / "filler").unlink()
    with Diary.open(db) as diary:
        assert diary.count() == 1500 and diary.integrity_check() == "ok"


def test_a_save_on_a_full_disk_says_the_disk_is_full_and_keeps_the_diary(small_disk: Path):
    from app.diary import DiaryDiskFullError

    db = _diary(small_disk)
    with Diary.open(db) as diary:
        _fill(small_disk, leave=0)
        with pytest.raises(DiaryDiskFullError, match="disk is full") as caught:
            for i in range(200):  # until the WAL needs a page the disk does not have
                diary.save_day({"date": D + dt.timedelta(days=i), "pain": 9, "note": "z" * 4000})
        assert str(db) in str(caught.value) and "damaged" not in str(caught.value)
    (small_disk / "filler").unlink()
    with Diary.open(db) as diary:
        assert diary.count() == 1500 and diary.integrity_check() == "ok"
