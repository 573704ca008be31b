"""Restore: the copy kept of the diary before it, and a damaged diary's raw bytes."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.diary import Diary, DiaryFileError

D = dt.date(2025, 1, 1)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual desktop umask: files would be 0644 unless the mode is set."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _filled(path: Path, pain: int) -> Path:
    with Diary.open(path) as diary:
        for i in range(3):
            diary.save_day({"date": D + dt.timedelta(days=i), "pain": pain})
    return path


def _modes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_the_copy_kept_before_a_restore_is_private_whatever_the_umask(
    tmp_path: Path, umask_022: None
) -> None:
    db = _filled(tmp_path / "d.sqlite3", pain=3)
    backup = _filled(tmp_path / "other" / "b.sqlite3", pain=7)
    with Diary.open(db) as diary:  # open: the diary has its -wal and -shm now
        diary.save_day({"date": D, "pain": 4})
        kept = Diary.restore(db, backup)
        assert kept is not None and kept.parent == db.parent / "backups"
        modes = _modes(tmp_path)
        assert modes[f"backups/{kept.name}"] == 0o600
        loose = {name: oct(mode) for name, mode in modes.items() if mode != 0o600}
        assert {n: m for n, m in loose.items() if not n.startswith("other/")} == {}
        assert diary.get_day(D).pain == 7  # type: ignore[union-attr]
    with Diary.open(kept) as before:
        assert before.get_day(D).pain == 4  # type: ignore[union-attr]


def test_a_damaged_diary_is_kept_as_raw_private_bytes_with_its_wal(
    tmp_path: Path, umask_022: None
) -> None:
    db = tmp_path / "d.sqlite3"
    db.write_bytes(b"not a database at all " * 300)
    wal = Path(f"{db}-wal")
    wal.write_bytes(b"stale wal frames " * 100)
    damaged, stale = db.read_bytes(), wal.read_bytes()
    backup = _filled(tmp_path / "other" / "b.sqlite3", pain=7)
    kept = Diary.restore(db, backup)
    assert kept is not None
    assert kept.read_bytes() == damaged
    assert Path(f"{kept}-wal").read_bytes() == stale
    assert not wal.exists() or wal.read_bytes() != stale  # never replayed into the new file
    for path in (kept, Path(f"{kept}-wal"), db):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    with Diary.open(db) as diary:
        assert diary.get_day(D).pain == 7  # type: ignore[union-attr]


def test_two_restores_in_one_second_keep_both_copies(tmp_path: Path) -> None:
    db = _filled(tmp_path / "d.sqlite3", pain=3)
    backup = _filled(tmp_path / "other" / "b.sqlite3", pain=7)
    first = Diary.restore(db, backup)
    second = Diary.restore(db, backup)
    assert first != second and first is not None and second is not None
    with Diary.open(first) as one, Diary.open(second) as two:
        assert one.get_day(D).pain == 3  # type: ignore[union-attr]
        assert two.get_day(D).pain == 7  # type: ignore[union-attr]


def test_restoring_the_diary_onto_itself_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = _filled(tmp_path / "d.sqlite3", pain=3)
    before = db.read_bytes()
    with pytest.raises(DiaryFileError, match="the diary itself"):
        Diary.restore(db, tmp_path / "." / "d.sqlite3")
    assert main(["--db", str(db), "restore", str(db)]) == 2
    assert "the diary itself" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_restoring_into_a_new_file_says_no_copy_was_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    backup = _filled(tmp_path / "b.sqlite3", pain=7)
    db = tmp_path / "new.sqlite3"
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    assert "no copy of it was kept" in capsys.readouterr().out
    with Diary.open(db) as diary:
        assert diary.count() == 3


def test_a_backup_with_another_page_size_is_restored_into_the_live_diary(tmp_path: Path) -> None:
    """SQLite cannot copy across page sizes into a WAL file: the backup is converted first."""
    import sqlite3

    db = _filled(tmp_path / "d.sqlite3", pain=3)
    odd = tmp_path / "other" / "odd.sqlite3"
    odd.parent.mkdir()
    made = sqlite3.connect(odd)
    made.execute("PRAGMA page_size = 1024")
    made.execute("VACUUM")
    made.close()
    _filled(odd, pain=7)
    with Diary.open(db) as diary:
        kept = Diary.restore(db, odd)
        assert diary.get_day(D).pain == 7  # type: ignore[union-attr]
    assert kept is not None and kept.exists()
    assert [p.name for p in tmp_path.glob(".*tmp")] == []


@pytest.mark.slow
def test_restore_waits_for_a_saving_program_then_gives_up_changing_nothing(
    tmp_path: Path,
) -> None:
    import hashlib
    import sqlite3

    db = _filled(tmp_path / "d.sqlite3", pain=3)
    backup = _filled(tmp_path / "other" / "b.sqlite3", pain=7)
    Diary.open(db).close()  # today's backup, so the folder holds only that afterwards
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    listed = sorted(p.name for p in (tmp_path / "backups").iterdir())
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a long save
    try:
        with pytest.raises(DiaryFileError, match="busy"):
            Diary.restore(db, backup)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == listed


def test_a_wal_left_without_its_diary_is_kept_not_replayed(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    wal = Path(f"{db}-wal")
    wal.write_bytes(b"frames of a diary that was deleted " * 50)
    backup = _filled(tmp_path / "other" / "b.sqlite3", pain=7)
    kept = Diary.restore(db, backup)
    assert kept is not None and kept.name.endswith("-wal")
    assert kept.read_bytes().startswith(b"frames of a diary")
    with Diary.open(db) as diary:
        assert diary.get_day(D).pain == 7  # type: ignore[union-attr]


def test_a_backup_from_a_newer_version_is_refused_before_anything_moves(tmp_path: Path) -> None:
    import sqlite3

    db = _filled(tmp_path / "d.sqlite3", pain=3)
    newer = _filled(tmp_path / "other" / "b.sqlite3", pain=7)
    raw = sqlite3.connect(newer)
    raw.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    raw.commit()
    raw.close()
    before = db.read_bytes()
    with pytest.raises(DiaryFileError, match="newer"):
        Diary.restore(db, newer)
    assert db.read_bytes() == before
    assert not list((tmp_path / "backups").glob("*before-restore*"))
