"""No export, report, chart or backup is ever written over the diary, its WAL or its backups."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from app.cli import main
from app.diary import Diary

D = dt.date(2025, 1, 1)

#: Each command, with the file name extension it accepts.
COMMANDS = {
    "csv": (["export", "--format", "csv"], ".csv"),
    "json": (["export", "--format", "json"], ".json"),
    "fhir": (["export", "--format", "fhir"], ".fhir.json"),
    "report": (["report"], ".pdf"),
    "chart": (["chart", "trend"], ".png"),
    "backup": (["backup"], ".sqlite3"),
}

#: Ways to name the diary, its companions or its backups folder as the destination.
TARGETS = [
    "diary",
    "diary-wal",
    "diary-shm",
    "symlink-to-diary",
    "hardlink-to-diary",
    "symlink-to-wal",
    "other-spelling",
    "in-backups",
    "via-symlinked-backups",
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "d.sqlite3"
    with Diary.open(path) as diary:
        for i in range(20):
            diary.save_day({"date": D + dt.timedelta(days=i), "pain": i % 11})
    Diary.open(path).close()  # today's backup: the backups folder exists
    (tmp_path / "sub").mkdir()
    return path


def _destination(db: Path, target: str, suffix: str) -> tuple[str, Path | None]:
    """The path given on the command line, and a file it must not create (if any)."""
    folder = db.parent
    if target == "diary":
        return str(db), None
    if target in ("diary-wal", "diary-shm"):
        return f"{db}{target[5:]}", None
    if target == "symlink-to-diary":
        link = folder / f"innocent{suffix}"
        link.symlink_to(db)
        return str(link), None
    if target == "hardlink-to-diary":
        link = folder / f"hard{suffix}"
        os.link(db, link)
        return str(link), None
    if target == "symlink-to-wal":
        link = folder / f"wal-link{suffix}"
        link.symlink_to(f"{db}-wal")  # dangling until the diary is open
        return str(link), None
    if target == "other-spelling":
        return f"sub/../{db.name}", None
    if target == "in-backups":
        made = folder / "backups" / f"new{suffix}"
        return str(made), made
    link = folder / "elsewhere"
    link.symlink_to(folder / "backups")
    return str(link / f"new{suffix}"), folder / "backups" / f"new{suffix}"


#: report and chart take only FILE.pdf / FILE.png names, so a name ending in
#: .sqlite3 never reaches them; the service test below covers those.
CASES = [
    (command, target)
    for command in COMMANDS
    for target in TARGETS
    if command not in ("report", "chart")
    or target not in ("diary", "diary-wal", "diary-shm", "other-spelling")
]


@pytest.mark.parametrize(("command", "target"), CASES)
def test_a_destination_that_is_the_diary_is_refused_and_nothing_written(
    capsys: pytest.CaptureFixture[str], db: Path, command: str, target: str
) -> None:
    words, suffix = COMMANDS[command]
    given, must_not_exist = _destination(db, target, suffix)
    before = _digest(db)
    backups_before = sorted(p.name for p in (db.parent / "backups").iterdir())
    capsys.readouterr()
    assert main(["--db", str(db), *words, given]) == 2
    err = capsys.readouterr().err
    assert given in err and "nothing was written" in err.lower(), err
    assert len(err.splitlines()) <= 3
    assert _digest(db) == before
    assert sorted(p.name for p in (db.parent / "backups").iterdir()) == backups_before
    if must_not_exist is not None:
        assert not must_not_exist.exists()
    with Diary.open(db) as diary:
        assert diary.count() == 20 and diary.integrity_check() == "ok"


def test_an_ordinary_destination_beside_the_diary_is_still_written(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    for words, suffix in COMMANDS.values():
        out = db.parent / f"fine{suffix}"
        assert main(["--db", str(db), *words, str(out)]) == 0, capsys.readouterr().err
        assert out.stat().st_size > 0


def test_the_service_checks_every_destination_in_one_place(db: Path) -> None:
    """The GUI calls the same methods: each refuses before reading or writing."""
    with Diary.open(db) as diary:
        wal = Path(f"{db}-wal")
        for method in (diary.export_csv, diary.export_json, diary.export_fhir):
            with pytest.raises(ValueError, match="Nothing was written"):
                method(wal)
        for wrong in (db, Path(f"{db}-shm"), db.parent / "sub" / ".." / db.name):
            with pytest.raises(ValueError, match="Nothing was written"):
                diary.export_report(wrong)
            with pytest.raises(ValueError, match="Nothing was written"):
                diary.check_destination(wrong)  # what `chart` asks before drawing
        with pytest.raises(ValueError, match="backups folder"):
            diary.backup(db.parent / "backups" / "mine.sqlite3")
        assert diary.check_destination(db.parent / "ok.png") == db.parent / "ok.png"
