"""Import and restore are all-or-nothing when a real failure strikes part-way.

Import: a trigger in the diary's own SQLite file fails the 3rd day written, so
the first two are already in the file when the failure comes; nothing of the
import may stay. Restore: a real process whose file-size limit (RLIMIT_FSIZE)
lets it keep the copy of the old diary but not finish writing the backup into
the diary; the diary must be as it was, with no copy claimed.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.diary import Diary
from app.domain.entry import make_entry

ROOT = Path(__file__).resolve().parents[1]
D0 = dt.date(2024, 5, 1)


def _days(n: int, start: int = 0, **fields) -> list:
    return [
        make_entry(date=D0 + dt.timedelta(days=start + i), pain=i % 11, note=f"day {i}", **fields)
        for i in range(n)
    ]


def _fail_on_third_insert(path: Path) -> None:
    """A counter table and a trigger: the 3rd day inserted raises inside SQLite."""
    connection = sqlite3.connect(path)
    with connection:
        connection.executescript(
            """
            CREATE TABLE injected (n INTEGER NOT NULL);
            INSERT INTO injected VALUES (0);
            CREATE TRIGGER injected_failure BEFORE INSERT ON day BEGIN
                UPDATE injected SET n = n + 1;
                SELECT RAISE(ABORT, 'injected failure on the 3rd day')
                WHERE (SELECT n FROM injected) >= 3;
            END;
            """
        )
    connection.close()


def _inserts_counted(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT n FROM injected").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, list]:
    """A diary holding one day, with the failing trigger in its file."""
    path = tmp_path / "diary.sqlite3"
    kept = _days(1, start=100)
    with Diary.open(path) as diary:
        diary.import_entries(kept)
    _fail_on_third_insert(path)
    return path, kept


@pytest.mark.parametrize("kind", ["csv", "json", "entries"])
def test_an_import_failing_on_the_third_day_leaves_nothing_of_it(
    seeded: tuple[Path, list], tmp_path: Path, kind: str
) -> None:
    path, kept = seeded
    five = _days(5)
    with Diary.open(tmp_path / "source.sqlite3") as source:
        source.import_entries(five)
        source.export_csv(tmp_path / "five.csv")
        source.export_json(tmp_path / "five.json")
    with Diary.open(path) as diary:
        with pytest.raises(Exception, match="injected failure on the 3rd day"):
            if kind == "csv":
                diary.import_csv(tmp_path / "five.csv")
            elif kind == "json":
                diary.import_json(tmp_path / "five.json")
            else:
                diary.import_entries(five)
        assert diary.days() == kept  # not 2 of the 5 days
        assert diary.integrity_check() == "ok"
    # The trigger's own count was rolled back with the two days it let through.
    assert _inserts_counted(path) == 0


def test_the_trigger_does_let_two_days_in_when_each_is_its_own_transaction(
    seeded: tuple[Path, list],
) -> None:
    """The injected failure is real: two separate saves pass, the third fails."""
    path, kept = seeded
    with Diary.open(path) as diary:
        for entry in _days(2):
            diary.save_day(entry)
        with pytest.raises(Exception, match="injected failure"):
            diary.save_day(_days(3)[2])
        assert len(diary.days()) == len(kept) + 2


_RESTORE_WITH_A_FILE_SIZE_LIMIT = """
import resource, signal, sys
from app.diary import Diary, DiaryFileError

limit = int(sys.argv[3])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-large write fails (EFBIG), no signal
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    Diary.restore(sys.argv[1], sys.argv[2])
except DiaryFileError as error:
    print(error)
    sys.exit(3)
print("restored")
"""


def test_a_restore_that_cannot_finish_writing_leaves_the_diary_as_it_was(tmp_path: Path) -> None:
    diary_path = tmp_path / "diary" / "diary.sqlite3"
    diary_path.parent.mkdir()
    before = _days(3, start=500)
    with Diary.open(diary_path) as diary:
        diary.import_entries(before)
    backup = tmp_path / "big.sqlite3"
    with Diary.open(backup) as big:
        big.import_entries(
            [e.model_copy(update={"note": "n" * 4000}) for e in _days(600)]
        )  # several MB: more than the limit below
    limit = 1024 * 1024
    assert diary_path.stat().st_size < limit < backup.stat().st_size
    done = subprocess.run(
        [sys.executable, "-c", _RESTORE_WITH_A_FILE_SIZE_LIMIT, diary_path, backup, str(limit)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert "nothing was restored" in done.stdout or "cannot" in done.stdout, done.stdout
    assert "Traceback" not in done.stderr
    with Diary.open(diary_path) as diary:
        assert diary.days() == before
        assert diary.integrity_check() == "ok"
    # No copy of the old diary is claimed for a restore that did not happen.
    kept = list((diary_path.parent / "backups").glob("*before-restore*"))
    assert kept == []
