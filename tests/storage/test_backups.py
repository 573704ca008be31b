"""Daily backups, retention, restore, and what happens with a damaged diary."""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
from pathlib import Path

import pytest

from app.cli import main
from app.diary import Diary, DiaryFileError
from app.storage import backups

D = dt.date(2025, 1, 1)


def filled(path: Path, days: int = 5) -> Path:
    with Diary.open(path) as diary:
        for i in range(days):
            diary.save_day({"date": D + dt.timedelta(days=i), "pain": i % 11, "note": f"day {i}"})
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_a_diary_takes_one_consistent_backup_a_day(diary_path: Path) -> None:
    filled(diary_path)
    assert backups.list_backups(diary_path) == []  # a brand-new diary has nothing to back up
    Diary.open(diary_path).close()
    Diary.open(diary_path).close()
    (only,) = backups.list_backups(diary_path)
    assert only.date == dt.date.today()
    assert stat.S_IMODE(only.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(only.path.parent.stat().st_mode) == 0o700
    with Diary.open(only.path) as copy:
        assert copy.count() == 5 and copy.integrity_check() == "ok"


def test_retention_keeps_14_daily_and_one_per_month_for_a_year(diary_path: Path) -> None:
    filled(diary_path, days=1)
    start = dt.date(2025, 1, 1)
    for offset in range(0, 500, 3):  # a backup every third day for 16 months
        backups.daily_backup(diary_path, today=start + dt.timedelta(days=offset))
    kept = backups.list_backups(diary_path)
    dates = [b.date for b in kept]
    newest = start + dt.timedelta(days=498)
    assert dates[:14] == [newest - dt.timedelta(days=3 * i) for i in range(14)]
    months = {(d.year, d.month) for d in dates}
    assert len(months) == 12  # nothing older than a year of months
    assert len(dates) == len(set(dates)) and len(dates) <= 14 + 12


def test_backup_command_and_restore_round_trip(capsys, tmp_path: Path) -> None:
    db = filled(tmp_path / "d.sqlite3")
    copy = tmp_path / "copy.sqlite3"
    assert main(["--db", str(db), "backup", str(copy)]) == 0
    assert main(["--db", str(db), "log", "2025-01-01", "--pain", "9"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "kept in" in out
    with Diary.open(db) as diary:
        assert diary.get_day(D).pain == 0  # type: ignore[union-attr]
    kept = Path(out.split("kept in ")[1].strip())
    with Diary.open(kept) as before:
        assert before.get_day(D).pain == 9  # type: ignore[union-attr]


def test_restoring_something_that_is_not_a_diary_changes_nothing(capsys, tmp_path: Path):
    db = filled(tmp_path / "d.sqlite3")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"x" * 4096)
    before = digest(db)
    assert main(["--db", str(db), "restore", str(junk)]) == 2
    assert "junk.sqlite3" in capsys.readouterr().err
    assert digest(db) == before


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : page + 200] = b"\xde\xad\xbe\xef" * 50  # wreck the second page's b-tree
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        "truncate",
        "corrupt",
        "garbage",
    ],
)
def test_a_damaged_diary_is_named_left_untouched_and_the_newest_backup_offered(
    capsys, tmp_path: Path, damage: str
) -> None:
    db = filled(tmp_path / "d.sqlite3", days=300)
    Diary.open(db).close()  # takes today's backup
    (good,) = backups.list_backups(db)
    if damage == "truncate":
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 2 + 100])
    elif damage == "corrupt":
        _corrupt(db)
    else:
        db.write_bytes(b"\x00" * 100 + b"PK\x03\x04 not a database" * 100)
    before = digest(db)
    assert main(["--db", str(db), "show"]) == 2
    err = capsys.readouterr().err
    assert str(db) in err and str(good.path) in err and "restore" in err
    assert "Traceback" not in err
    assert digest(db) == before
    with pytest.raises(DiaryFileError):
        Diary.open(db)
    assert main(["--db", str(db), "restore", str(good.path)]) == 0
    with Diary.open(db) as diary:
        assert diary.count() == 300 and diary.integrity_check() == "ok"


def test_two_programs_making_the_same_backup_at_once_both_succeed(diary_path: Path) -> None:
    """Both open the diary on the same day: neither may clobber the other's half-made copy."""
    import sqlite3
    import threading

    with Diary.open(diary_path) as diary:
        diary.save_day({"date": dt.date(2026, 1, 5), "pain": 3})
    target = diary_path.parent / "same-backup.sqlite3"
    errors: list[BaseException] = []

    def copy() -> None:
        try:
            for _ in range(10):
                backups.copy_database(diary_path, target)
        except BaseException as error:  # collected: a thread's exception would be lost
            errors.append(error)

    threads = [threading.Thread(target=copy) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with sqlite3.connect(target) as copied:
        assert copied.execute("SELECT pain FROM day").fetchall() == [(3,)]
    copied.close()
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_two_programs_making_the_backup_folder_at_once_both_succeed(tmp_path: Path) -> None:
    """The folder check and the mkdir are one step: no 'File exists' for the slower one."""
    import threading

    from app.storage.database import ensure_private_dir

    for attempt in range(20):
        folder = tmp_path / f"try-{attempt}" / "backups"
        errors: list[BaseException] = []
        start = threading.Barrier(4)

        def make(
            target: Path = folder,
            start: threading.Barrier = start,
            errors: list[BaseException] = errors,
        ) -> None:
            start.wait()
            try:
                ensure_private_dir(target)
            except BaseException as error:  # collected: a thread's exception would be lost
                errors.append(error)

        threads = [threading.Thread(target=make) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
