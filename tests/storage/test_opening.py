"""Opening and closing a diary: what is refused stays untouched, what is healthy is not
called damaged, data at rest lives in the main file, stale temporaries are cleaned up."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.diary import Diary, DiaryBusyError, DiaryFileError
from app.storage import backups
from app.storage.migrate import SCHEMA_HEAD

D = dt.date(2020, 1, 1)
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


def filled(path: Path, days: int = 5) -> Path:
    with Diary.open(path) as diary:
        diary.import_entries(
            [
                _entry({"date": D + dt.timedelta(days=i), "pain": i % 11, "note": f"day {i}"})
                for i in range(days)
            ]
        )
    return path


def _entry(fields: dict) -> object:
    from app.domain.entry import make_entry

    return make_entry(fields)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (names relative to it) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


def run_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *argv], capture_output=True, text=True, timeout=120, env=ENV
    )


# -- 5: closing checkpoints the WAL -------------------------------------------------------

HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT count(*) FROM day").fetchall()
print("ready", flush=True)
sys.stdin.readline()
connection.close()
"""


def test_closing_folds_the_wal_into_the_file_so_a_damaged_wal_loses_nothing(
    diary_path: Path,
) -> None:
    """Another program has the diary open (the app, say): closing still checkpoints."""
    Diary.open(diary_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(diary_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with Diary.open(diary_path) as diary:
            for i in range(20):
                diary.save_day({"date": D + dt.timedelta(days=i), "pain": 5, "note": f"{i}"})
        wal = Path(f"{diary_path}-wal")
        assert not wal.exists() or wal.stat().st_size == 0, "saved days left in the WAL"
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    with Diary.open(diary_path) as diary:
        assert diary.count() == 20


# -- 6: an empty file where backups exist is damaged ---------------------------------------


def test_an_emptied_diary_with_backups_is_refused_naming_the_newest_good_backup(
    tmp_path: Path,
) -> None:
    db = filled(tmp_path / "d.sqlite3", days=30)
    Diary.open(db).close()  # today's backup
    (good,) = backups.list_backups(db)
    db.write_bytes(b"")
    before = snapshot(tmp_path)
    for argv in (["show"], ["log", "2025-03-01", "--pain", "4"]):
        result = run_cli("--db", str(db), *argv)
        assert result.returncode == 2, result.stderr
        assert str(db) in result.stderr and str(good.path) in result.stderr
        assert "empty" in result.stderr and "restore" in result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(tmp_path) == before
    with pytest.raises(DiaryFileError) as caught:
        Diary.open(db)
    assert caught.value.backup == good
    assert snapshot(tmp_path) == before


def test_pruning_never_deletes_the_last_good_backup(tmp_path: Path) -> None:
    db = filled(tmp_path / "d.sqlite3")
    folder = backups.backup_dir(db)
    folder.mkdir()
    good = folder / "d-2020-01-01.sqlite3"
    backups.copy_database(db, good)
    for day in range(2, 29):  # a month of backups of an emptied diary after it
        (folder / f"d-2020-01-{day:02d}.sqlite3").write_bytes(b"")
    backups.prune(db)
    assert good.exists()
    assert backups.newest_good_backup(db, frozenset({"day", "setting"})) == backups.Backup(
        good, dt.date(2020, 1, 1)
    )


# -- 10: refused files and their folder stay byte-identical ----------------------------


def _newer_schema_rollback_journal(path: Path) -> None:
    filled(path)
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")
        raw.execute("UPDATE alembic_version SET version_num = 'ffff'")
    raw.close()


def _look_alike(path: Path, version: str | None) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE day (id INTEGER PRIMARY KEY, title TEXT)")
        raw.execute("CREATE TABLE setting (k TEXT, v TEXT)")
        raw.execute("CREATE TABLE alembic_version (version_num TEXT)")
        raw.execute("INSERT INTO day (title) VALUES ('not a diary')")
        if version is not None:
            raw.execute("INSERT INTO alembic_version VALUES (?)", (version,))
    raw.close()


def _truncated_wal_diary(path: Path) -> None:
    filled(path, days=400)
    size = path.stat().st_size
    path.write_bytes(path.read_bytes()[: size // 2 // 4096 * 4096])


REFUSED = {
    "newer schema, rollback journal": (_newer_schema_rollback_journal, "newer version"),
    "look-alike tables, our revision": (lambda p: _look_alike(p, SCHEMA_HEAD), "not a Pain Diary"),
    "look-alike tables, our first revision": (lambda p: _look_alike(p, "0001"), "not a Pain Diary"),
    "look-alike tables, unknown revision": (lambda p: _look_alike(p, "9a9a"), "newer version"),
    "look-alike tables, no revision": (lambda p: _look_alike(p, None), "schema version"),
    "truncated at a page boundary": (_truncated_wal_diary, "damaged"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_refused_file_and_its_folder_are_left_byte_identical(tmp_path: Path, case: str):
    make, words = REFUSED[case]
    db = tmp_path / "d.sqlite3"
    make(db)
    before = snapshot(tmp_path)
    with pytest.raises(DiaryFileError, match=words) as caught:
        Diary.open(db)
    assert str(db) in str(caught.value)
    assert snapshot(tmp_path) == before
    result = run_cli("--db", str(db), "log", "2025-02-01", "--pain", "3")
    assert result.returncode == 2 and str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


# -- 8: busy is not damaged ------------------------------------------------------------

LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive-mode":
    connection.execute("PRAGMA locking_mode = EXCLUSIVE")
connection.execute("BEGIN EXCLUSIVE")
connection.execute("SELECT count(*) FROM day").fetchall()
print("locked", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
connection.close()
"""


@pytest.mark.parametrize("how", ["exclusive-mode", "rollback-journal"])
def test_a_diary_locked_by_another_program_is_busy_not_damaged(tmp_path: Path, how: str):
    db = filled(tmp_path / "d.sqlite3")
    if how == "rollback-journal":  # as a restored diary is until it is next opened
        with sqlite3.connect(db) as raw:
            raw.execute("PRAGMA journal_mode = DELETE")
        raw.close()
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(db), how],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        result = run_cli("--db", str(db), "show")
        with pytest.raises(DiaryBusyError):
            Diary.open(db)
    finally:
        assert locker.stdin is not None
        locker.stdin.write("\n")
        locker.stdin.flush()
        locker.wait(timeout=30)
    assert result.returncode == 2, result.stderr
    assert "busy" in result.stderr and str(db) in result.stderr
    assert "damaged" not in result.stderr and "restore" not in result.stderr
    with Diary.open(db) as diary:
        assert diary.count() == 5


# -- 11: a read-only diary -------------------------------------------------------------


def test_a_read_only_diary_is_read_but_never_written_or_chmodded(tmp_path: Path) -> None:
    folder = tmp_path / "diary"
    folder.mkdir()
    db = filled(folder / "d.sqlite3")
    os.chmod(db, 0o400)
    before = snapshot(folder)
    shown = run_cli("--db", str(db), "show")
    assert shown.returncode == 0, shown.stderr
    assert "2020-01-05" in shown.stdout
    exported = tmp_path / "out.csv"
    assert run_cli("--db", str(db), "export", str(exported)).returncode == 0
    assert exported.read_text().count("\n") == 6
    logged = run_cli("--db", str(db), "log", "2025-02-01", "--pain", "3")
    assert logged.returncode == 2
    assert str(db) in logged.stderr and "read-only" in logged.stderr
    assert "Traceback" not in logged.stderr
    assert stat.S_IMODE(db.stat().st_mode) == 0o400
    assert snapshot(folder) == before


# -- 12: stale temporaries of a killed backup ---------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_backup_temporaries_are_removed_but_a_live_one_is_kept(tmp_path: Path) -> None:
    db = filled(tmp_path / "d.sqlite3")
    folder = backups.backup_dir(db)
    folder.mkdir()
    name = f"d-{dt.date.today().isoformat()}.sqlite3"
    dead = folder / f".{name}.pid{_dead_pid()}.k3j4.tmp"
    legacy = folder / f".{name}.x8y7z6.tmp"  # named before temporaries carried a pid
    for path in (dead, Path(f"{dead}-wal"), Path(f"{dead}-journal"), legacy):
        path.write_bytes(b"half a copy" * 1000)
    old = time.time() - 120
    os.utime(legacy, (old, old))
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = folder / f".{name}.pid{sleeper.pid}.q1w2.tmp"
        live.write_bytes(b"being written")
        Diary.open(db).close()
        left = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
        assert left == [live.name]
    finally:
        sleeper.kill()
        sleeper.wait()


BACKER = """
import sys
from pathlib import Path
from app.storage import backups
from app.storage.migrate import SCHEMA_HEAD
source, target = Path(sys.argv[1]), Path(sys.argv[2])
print("ready", flush=True)
while True:
    backups.copy_database(source, target)
"""


def test_sigkill_during_a_backup_leaves_nothing_after_the_next_open(tmp_path: Path) -> None:
    db = filled(tmp_path / "d.sqlite3", days=2000)
    folder = backups.backup_dir(db)
    folder.mkdir()
    target = folder / "d-2020-01-01.sqlite3"
    left: list[Path] = []
    for attempt in range(30):
        backer = subprocess.Popen(
            [sys.executable, "-c", BACKER, str(db), str(target)],
            stdout=subprocess.PIPE, text=True, env=ENV,
        )  # fmt: skip
        assert backer.stdout is not None and backer.stdout.readline().strip() == "ready"
        time.sleep(0.05 + attempt * 0.01)
        os.kill(backer.pid, signal.SIGKILL)
        backer.wait()
        left = [p for p in folder.iterdir() if ".tmp" in p.name]
        if left:
            break
    assert left, "no kill landed mid-copy"
    Diary.open(db).close()
    assert [p.name for p in folder.iterdir() if ".tmp" in p.name] == []


def test_the_head_columns_checked_on_opening_are_the_models_columns() -> None:
    from app.domain.tables import metadata
    from app.storage.migrate import HEAD_COLUMNS

    assert {
        table.name: frozenset(column.name for column in table.columns)
        for table in metadata.sorted_tables
    } == HEAD_COLUMNS
