"""Consistent copies of the diary in a `backups/` folder beside it.

Copies are made with SQLite's online backup API, so they are consistent even
while the diary is open. Retention: the 14 newest daily copies, and the newest
copy of each of the last 12 months.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.config import KEEP_DAILY_BACKUPS, KEEP_MONTHLY_BACKUPS
from app.storage.database import DiaryFileError, ensure_private_dir, inspect_existing

_DAILY = re.compile(r"^(?P<stem>.+)-(?P<date>\d{4}-\d{2}-\d{2})\.sqlite3$")


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
    fd, name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent
    )
    os.close(fd)
    temp = Path(name)
    try:
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
            # A backup must stand alone: fold the WAL in, leave no -wal beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
            src.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, destination)
    except BaseException:
        temp.unlink(missing_ok=True)
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
    """Delete backups beyond the retention rule; returns what was removed."""
    backups = list_backups(diary_path)
    keep = {b.path for b in backups[:KEEP_DAILY_BACKUPS]}
    months: dict[tuple[int, int], Backup] = {}
    for backup in backups:  # newest first, so the first seen per month is kept
        months.setdefault((backup.date.year, backup.date.month), backup)
    for month in sorted(months, reverse=True)[:KEEP_MONTHLY_BACKUPS]:
        keep.add(months[month].path)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_good_backup(diary_path: Path, tables: frozenset[str]) -> Backup | None:
    """The newest backup that opens cleanly as a diary, if any."""
    for backup in list_backups(diary_path):
        try:
            inspect_existing(backup.path, tables)
        except DiaryFileError:
            continue
        return backup
    return None


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
