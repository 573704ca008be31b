"""Writing exports onto a full disk: the message names the file, nothing is left behind.

A real, tiny tmpfs is mounted and filled, so the disk really is full; this
needs root (or CAP_SYS_ADMIN) and is skipped with the reason otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.diary import Diary

ROOT = Path(__file__).resolve().parents[2]


def _fill(folder: Path) -> None:
    """Write until the file system refuses; what is left is not enough for any export."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    if shutil.which("mount") is None:
        pytest.skip("no mount command on this system")
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1M,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)]).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=True)  # still busy: detach


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite3"
    with Diary.open(path) as diary:
        for day in range(1, 29):
            diary.save_day({"date": f"2026-02-{day:02d}", "pain": day % 10, "note": "kept"})
    return path


def _days(path: Path) -> list[dict]:
    with Diary.open(path) as diary:
        return [day.model_dump(mode="json") for day in diary.days()]


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["export"], "out.csv"),
        (["export"], "out.json"),
        (["export"], "out.fhir.json"),
        (["report"], "summary.pdf"),
        (["chart", "trend"], "trend.png"),
    ],
)
def test_writing_onto_a_full_disk_names_the_file(
    db: Path, full_disk: Path, capsys: pytest.CaptureFixture[str], command: list[str], name: str
) -> None:
    before = _days(db)
    _fill(full_disk)
    target = full_disk / name
    assert main(["--db", str(db), *command, str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"pain-diary: {target}: the disk is full; nothing was written\n"
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]  # no temp files
    assert _days(db) == before


def test_restore_onto_a_full_disk_names_the_diary(tmp_path: Path, full_disk: Path) -> None:
    """Restore writes the diary's own folder; whatever part fails, the diary is named."""
    diary = full_disk / "diary.sqlite3"
    with Diary.open(diary) as opened:
        opened.save_day({"date": "2026-02-01", "pain": 3})
    backup = tmp_path / "copy.sqlite3"
    with Diary.open(tmp_path / "other.sqlite3") as other:
        for day in range(1, 29):
            other.save_day({"date": f"2026-02-{day:02d}", "pain": 5, "note": "x" * 2000})
        other.backup(backup)
    _fill(full_disk)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(diary), "restore", str(backup)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert ": :" not in done.stderr
    assert str(diary) in done.stderr and "disk is full" in done.stderr
