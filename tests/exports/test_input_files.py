"""Import reads only regular files, and its size limit holds while reading.

Each case runs the real CLI in a child process with a memory cap and a
timeout: on a bug the child fails or is killed, never the test run.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from app.diary import Diary
from app.exports.backup_json import BackupFileError
from app.exports.files import read_limited_text

ROOT = Path(__file__).resolve().parents[2]
#: Enough for the CLI itself; reading /dev/zero whole would blow through it.
MEMORY_CAP = 1024 * 1024 * 1024
TIMEOUT = 60


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.save_day({"date": "2026-01-01", "pain": 4, "note": "keep me"})
    return path


def _days(path: Path) -> list[dict]:
    with Diary.open(path) as diary:
        return [day.model_dump(mode="json") for day in diary.days()]


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _import(db: Path, file: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "import", str(file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,  # a hang fails the test instead of stalling the suite
        preexec_fn=_cap_memory,
    )


def _make(kind: str, path: Path) -> None:
    if kind == "dev-zero-symlink":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()


@pytest.mark.parametrize("suffix", [".csv", ".json"])
@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("dev-zero-symlink", "is a device, not a regular file"),
        ("fifo", "is a pipe (FIFO), not a regular file"),
        ("directory", "is a folder, not a regular file"),
    ],
)
def test_import_refuses_what_is_not_a_regular_file(
    db: Path, tmp_path: Path, suffix: str, kind: str, said: str
) -> None:
    if kind == "dev-zero-symlink" and not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    before = _days(db)
    source = tmp_path / f"in{suffix}"
    _make(kind, source)
    done = _import(db, source)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"pain-diary: {source}: {said}")
    assert len(done.stderr.splitlines()) <= 2
    assert _days(db) == before


def test_the_size_limit_holds_while_reading(tmp_path: Path) -> None:
    """A regular file whose size says 0 but which yields more is still cut off."""
    proc_file = Path("/proc/self/status")
    if not proc_file.is_file() or proc_file.stat().st_size != 0:
        pytest.skip("needs Linux /proc, whose files report size 0")
    with pytest.raises(BackupFileError, match="is larger than"):
        read_limited_text(proc_file, 64, BackupFileError, "backups")


def test_a_regular_file_through_a_symlink_is_read(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text('{"a": 1}', encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert read_limited_text(link, 100, BackupFileError, "backups") == '{"a": 1}'
