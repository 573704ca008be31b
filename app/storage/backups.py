"""Consistent copies of the diary in a `backups/` folder beside it.

Copies are made with SQLite's online backup API, so they are consistent even
while the diary is open. Retention: the 14 newest daily copies, and the newest
copy of each of the last 12 months; never the newest good one.

A copy is written to a hidden temporary file that names its writer's process
(`.NAME.pidPID.XXXX.tmp`) and renamed into place when complete. A writer killed
mid-copy leaves its temporary behind; the next open removes it once that
process is gone (`remove_stale_temporaries`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from app.storage.database import (
    DiaryFileError,
    ensure_private_dir,
    inspect_existing,
)

KEEP_DAILY = 14
KEEP_MONTHLY = 12
_DAILY = re.compile(r"^(?P<stem>.+)-(?P<date>\d{4}-\d{2}-\d{2})\.sqlite3$")
#: A copy's temporary file and what SQLite may have made beside it.
_TEMP = re.compile(r"^\..+\.tmp(?:-wal|-shm|-journal)?$")
_TEMP_PID = re.compile(r"\.pid(?P<pid>\d+)\.[^.]+\.tmp(?:-wal|-shm|-journal)?$")
_SIDE_FILES = ("-wal", "-shm", "-journal")
#: A temporary without a writer's pid (made by older versions) is stale after this.
STALE_UNNAMED_SECONDS = 60
#: A temporary whose pid is alive but untouched this long belongs to a reused pid.
STALE_LIVE_SECONDS = 3600


@dataclass(frozen=True)
class Backup:
    """One backup file and the day it was taken."""

    path: Path
    date: dt.date


def backup_dir(diary_path: Path) -> Path:
    """Where the diary's backups live: a `backups/` folder beside it."""
    return diary_path.parent / "backups"


def copy_database(source: Path, destination: Path) -> None:
    """Consistent copy of `source` to `destination` (0600), via a temporary file."""
    # A temporary name of this call's own (mkstemp: unique, 0600): two programs
    # opening the diary at once both make the day's backup, and must not write
    # into, or delete, each other's half-made copy.
    # The pid in the name lets the next open tell a killed writer's leftover from
    # a copy another program is making right now.
    fd, name = tempfile.mkstemp(
        prefix=f".{destination.name}.pid{os.getpid()}.", suffix=".tmp", dir=destination.parent
    )
    os.close(fd)
    temp = Path(name)
    try:
        # With locks (not immutable): another program may be saving into the diary.
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
                # A backup must stand alone: fold the WAL in, leave no -wal beside it.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, destination)
    except BaseException:
        # A failed copy (a full disk, say) leaves nothing: the temporary and
        # whatever SQLite made beside it while copying.
        for leftover in (temp, *(Path(f"{temp}{suffix}") for suffix in _SIDE_FILES)):
            leftover.unlink(missing_ok=True)
        raise


def list_backups(diary_path: Path) -> list[Backup]:
    """The diary's dated backups, newest first."""
    folder = backup_dir(diary_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _DAILY.match(path.name)
        if match and match["stem"] == diary_path.stem:
            try:
                found.append(Backup(path, dt.date.fromisoformat(match["date"])))
            except ValueError:
                continue
    return sorted(found, key=lambda b: b.date, reverse=True)


def daily_backup(diary_path: Path, today: dt.date | None = None) -> Backup | None:
    """Take today's backup if there is none yet, then prune old ones."""
    today = today or dt.date.today()
    existing = list_backups(diary_path)
    if existing and existing[0].date >= today:
        return None
    folder = backup_dir(diary_path)
    ensure_private_dir(folder)
    target = folder / f"{diary_path.stem}-{today.isoformat()}.sqlite3"
    copy_database(diary_path, target)
    prune(diary_path)
    return Backup(target, today)


def prune(diary_path: Path) -> list[Path]:
    """Delete backups beyond the retention rule; returns what was removed.

    The newest good backup is always kept, even when the copies after it are of
    an emptied or damaged diary and would push it out of the rule.
    """
    from app.storage.migrate import DIARY_TABLES

    backups = list_backups(diary_path)
    keep = {b.path for b in backups[:KEEP_DAILY]}
    months: dict[tuple[int, int], Backup] = {}
    for backup in backups:  # newest first, so the first seen per month is kept
        months.setdefault((backup.date.year, backup.date.month), backup)
    for month in sorted(months, reverse=True)[:KEEP_MONTHLY]:
        keep.add(months[month].path)
    good = newest_good_backup(diary_path, DIARY_TABLES)
    if good is not None:
        keep.add(good.path)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_good_backup(diary_path: Path, tables: frozenset[str]) -> Backup | None:
    """The newest backup that opens cleanly as a diary of a schema we know, if any."""
    from app.storage.migrate import check_schema

    for backup in list_backups(diary_path):
        try:
            if not backup.path.stat().st_size:
                continue
            inspect_existing(backup.path, tables, check_schema, allow_empty=False)
        except (DiaryFileError, OSError):
            continue
        return backup
    return None


def remove_stale_temporaries(diary_path: Path) -> list[Path]:
    """Delete half-made copies left in the backups folder by a killed writer.

    A temporary is stale when the process named in it is gone (or, for one
    without a pid, when it is over a minute old). Another program's copy in
    progress is never touched. Returns what was removed.
    """
    folder = backup_dir(diary_path)
    if not folder.is_dir():
        return []
    removed = []
    now = time.time()
    for path in folder.iterdir():
        if not _TEMP.match(path.name):
            continue
        try:
            age = now - path.stat().st_mtime
        except FileNotFoundError:
            continue  # its writer finished (renamed it) or cleaned it up meanwhile
        named = _TEMP_PID.search(path.name)
        if named:
            stale = not _alive(int(named["pid"])) or age > STALE_LIVE_SECONDS
        else:
            stale = age > STALE_UNNAMED_SECONDS
        if stale:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    """True if a process with this id exists (on this machine)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False  # no writer has such an id: the name was not made by us
    if os.name == "nt":
        return True  # os.kill(pid, 0) would send Ctrl+C there: rely on the age instead
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return True  # cannot tell: keep the file
    return True


def restore(diary_path: Path, backup_path: Path, tables: frozenset[str]) -> Path:
    """Replace the diary with a backup, keeping a copy of the current file first.

    Returns the path of the safety copy (or of nothing, if there was no diary).
    """
    inspect_existing(backup_path, tables)
    folder = backup_dir(diary_path)
    ensure_private_dir(folder)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    keep = folder / f"{diary_path.stem}-before-restore-{stamp}.sqlite3"
    if diary_path.exists() and diary_path.stat().st_size:
        # A damaged diary cannot go through the backup API: keep its raw bytes.
        keep.write_bytes(diary_path.read_bytes())
        os.chmod(keep, 0o600)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{diary_path}{suffix}")
            if side.exists():
                Path(f"{keep}{suffix}").write_bytes(side.read_bytes())
                side.unlink()
    copy_database(backup_path, diary_path)
    return keep
