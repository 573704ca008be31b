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

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.config import KEEP_DAILY_BACKUPS, KEEP_MONTHLY_BACKUPS
from app.storage.database import (
    BUSY_TIMEOUT_MS,
    DiaryBusyError,
    DiaryFileError,
    check_diary_file,
    db_errors,
    ensure_private_dir,
    inspect_existing,
    is_encrypted,
    open_file,
)

_BUSY_SECONDS = BUSY_TIMEOUT_MS / 1000
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


def copy_database(source: Path, destination: Path, key: str | None = None) -> None:
    """Consistent copy of `source` to `destination` (0600), via a temporary file.

    With `key` (an encrypted diary) the copy is encrypted with the same key.
    """
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
        src = open_file(f"{source.as_uri()}?mode=ro", key, uri=True)
        try:
            dst = open_file(temp, key)
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


def daily_backup(
    diary_path: Path, today: dt.date | None = None, key: str | None = None
) -> Backup | None:
    """Take today's backup if there is none yet, then prune old ones."""
    today = today or dt.date.today()
    existing = list_backups(diary_path)
    if existing and existing[0].date >= today:
        return None
    folder = backup_dir(diary_path)
    ensure_private_dir(folder)
    target = folder / f"{diary_path.stem}-{today.isoformat()}.sqlite3"
    copy_database(diary_path, target, key)
    prune(diary_path, key)
    return Backup(target, today)


def prune(diary_path: Path, key: str | None = None) -> list[Path]:
    """Delete backups beyond the retention rule; returns what was removed.

    The newest good backup is always kept, even when the copies after it are of
    an emptied or damaged diary and would push it out of the rule.
    """
    from app.storage.migrate import DIARY_TABLES

    backups = list_backups(diary_path)
    keep = {b.path for b in backups[:KEEP_DAILY_BACKUPS]}
    months: dict[tuple[int, int], Backup] = {}
    for backup in backups:  # newest first, so the first seen per month is kept
        months.setdefault((backup.date.year, backup.date.month), backup)
    for month in sorted(months, reverse=True)[:KEEP_MONTHLY_BACKUPS]:
        keep.add(months[month].path)
    good = newest_good_backup(diary_path, DIARY_TABLES, key)
    if good is not None:
        keep.add(good.path)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_good_backup(
    diary_path: Path, tables: frozenset[str], key: str | None = None
) -> Backup | None:
    """The newest backup that opens cleanly as a diary of a schema we know, if any.

    An encrypted backup counts when `key` (the diary's) opens it.
    """
    from app.storage.migrate import check_schema

    for backup in list_backups(diary_path):
        try:
            if not backup.path.stat().st_size:
                continue
            inspect_existing(
                backup.path, tables, check_schema, allow_empty=False, key=_key(backup.path, key)
            )
        except (DiaryFileError, OSError):
            continue
        return backup
    return None


def _key(path: Path, key: str | None) -> str | None:
    """`key` for an encrypted file, None for a plain one (a backup from before encrypting)."""
    return key if key is not None and is_encrypted(path) else None


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


def restore(
    diary_path: Path, backup_path: Path, tables: frozenset[str], key: str | None = None
) -> Path | None:
    """Put a backup into the diary, keeping a copy of the current diary first.

    A readable diary is written in place with SQLite's backup API, in one
    write transaction on the live file: a program that has it open (the app)
    carries on in the restored diary, and its later saves are kept. The copy
    of the current diary is taken inside that same transaction, so no save
    can fall between the copy and the restore. A diary SQLite cannot read
    (damaged) is kept as raw bytes, with its -wal and -shm, and replaced.

    With `key` the diary is encrypted and so must the backup be, with the
    same key: SQLite copies pages, and cannot copy a plain one into it.

    Returns the copy kept, or None when there was no diary to keep.
    """
    from app.storage.migrate import check_schema

    if (key is not None) != is_encrypted(backup_path):
        state = "is encrypted" if key is not None else "is not encrypted"
        raise DiaryFileError(
            f"{backup_path} cannot be restored: the diary {state} and the backup is not "
            "alike; nothing was restored"
        )
    # A backup from a newer app, or one with no diary in it, is refused before anything moves.
    inspect_existing(backup_path, tables, check_schema, allow_empty=False, key=key)
    ensure_private_dir(diary_path.parent)
    folder = backup_dir(diary_path)
    ensure_private_dir(folder)
    sides = [Path(f"{diary_path}{suffix}") for suffix in ("-wal", "-shm")]
    empty = not diary_path.exists() or diary_path.stat().st_size == 0
    if empty and not any(side.exists() for side in sides):
        copy_database(backup_path, diary_path, key)
        return None
    if _readable(diary_path, key):
        return _restore_in_place(diary_path, backup_path, key)
    return _replace_damaged(diary_path, backup_path, key)


def _keep_path(diary_path: Path) -> Path:
    """A new name in backups/ for the diary as it was before a restore."""
    folder = backup_dir(diary_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    keep = folder / f"{diary_path.stem}-before-restore-{stamp}.sqlite3"
    number = 2
    while keep.exists():  # two restores in one second must not overwrite the first copy
        keep = folder / f"{diary_path.stem}-before-restore-{stamp}-{number}.sqlite3"
        number += 1
    return keep


def _readable(path: Path, key: str | None = None) -> bool:
    """True if SQLite reads `path` as a sound database; busy is not damage, it raises."""
    try:
        check_diary_file(path, encrypted_ok=key is not None)
    except (DiaryFileError, OSError):
        return False
    try:
        connection = open_file(f"{path.as_uri()}?mode=ro", key, uri=True, timeout=_BUSY_SECONDS)
    except db_errors():
        return False
    try:
        return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except db_errors("OperationalError") as error:
        if "locked" in str(error) or "busy" in str(error):
            raise DiaryBusyError(
                f"{path} is busy: another program holds it locked; "
                "nothing was restored. Try again in a moment."
            ) from None
        return False
    except db_errors("DatabaseError"):
        return False
    finally:
        connection.close()


def _restore_in_place(diary_path: Path, backup_path: Path, key: str | None = None) -> Path:
    """Copy the backup into the live diary file through SQLite, after keeping the old one.

    Returns the copy kept of the diary as it was.
    """
    with _matching_pages(backup_path, diary_path, key) as source_path:
        source = open_file(f"{source_path.as_uri()}?mode=ro", key, uri=True)
        target = open_file(diary_path, key, timeout=_BUSY_SECONDS, isolation_level=None)
        kept: list[Path] = []
        waited_since = time.monotonic()

        def step_done(status: int, remaining: int, total: int) -> None:
            if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                # Another program is mid-save; Python retries the step, but not forever.
                if time.monotonic() - waited_since > _BUSY_SECONDS:
                    raise DiaryBusyError(
                        f"{diary_path} is busy: another program kept it locked; "
                        "nothing was restored. Try again in a moment."
                    )
                return
            if status == sqlite3.SQLITE_OK and not kept:
                # After the first page the backup holds the diary's write lock until it
                # commits: nobody can save now, and this copy is the last state saved.
                # (Named under the lock too: a second restore cannot pick the same name.)
                keep = _keep_path(diary_path)
                copy_database(diary_path, keep, key)
                kept.append(keep)

        try:
            # A diary has a page per table and index at least, so the first step (one
            # page) never finishes the copy: the keep copy is made before the commit.
            if source.execute("PRAGMA page_count").fetchone()[0] < 2:
                raise DiaryFileError(f"{backup_path} is not a Pain Diary backup (it is empty)")
            target.execute("PRAGMA synchronous = FULL")
            # The copy kept below reads the diary while the backup holds its write lock:
            # only WAL lets a reader in then. A diary left in DELETE mode (by `encrypt`,
            # say) shut the reader out and Python retried it forever. The app opens
            # every diary in WAL anyway.
            if target.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                raise DiaryFileError(
                    f"{diary_path} cannot be switched to WAL journal mode; nothing was restored"
                )
            source.backup(target, pages=1, progress=step_done)
        except BaseException as error:
            # Nothing was committed: the diary is as it was, so no copy of it is needed.
            for made in kept:
                made.unlink(missing_ok=True)
            if isinstance(error, db_errors()):
                raise DiaryFileError(
                    f"{diary_path}: nothing was restored from {backup_path} ({error})"
                ) from None
            raise
        finally:
            target.close()
            source.close()
    if not kept:  # cannot happen (see above); never claim a copy that is not there
        raise DiaryFileError(f"{diary_path}: the copy of the diary before the restore is missing")
    return kept[0]


def _page_size(path: Path, key: str | None = None) -> int:
    connection = open_file(f"{path.as_uri()}?mode=ro", key, uri=True, timeout=_BUSY_SECONDS)
    try:
        return int(connection.execute("PRAGMA page_size").fetchone()[0])
    finally:
        connection.close()


@contextlib.contextmanager
def _matching_pages(backup_path: Path, diary_path: Path, key: str | None = None) -> Iterator[Path]:
    """The backup, or a temporary copy of it in the diary's page size.

    SQLite cannot copy into a WAL-mode file whose page size differs (a backup
    made by another SQLite build may): the copy is converted with VACUUM.
    """
    size = _page_size(diary_path, key)
    if _page_size(backup_path, key) == size:
        yield backup_path
        return
    fd, name = tempfile.mkstemp(
        prefix=f".{diary_path.name}.", suffix=".restore.tmp", dir=diary_path.parent
    )
    os.close(fd)
    temp = Path(name)
    try:
        copy_database(backup_path, temp, key)  # stands alone, journal_mode DELETE
        connection = open_file(temp, key)
        try:
            connection.execute(f"PRAGMA page_size = {size}")
            connection.execute("VACUUM")
        finally:
            connection.close()
        yield temp
    finally:
        temp.unlink(missing_ok=True)


def _replace_damaged(diary_path: Path, backup_path: Path, key: str | None = None) -> Path:
    """Keep a damaged diary's raw bytes (and -wal/-shm), then put the backup in its place.

    SQLite cannot write into a file it cannot read, so this is a file swap. No
    Pain Diary program can have it open for saving (opening refuses it); the
    old -wal must go, or SQLite would replay its pages into the restored file.
    Returns the copy kept of the damaged diary.
    """
    keep = _keep_path(diary_path)
    sides = [Path(f"{diary_path}{suffix}") for suffix in ("-wal", "-shm")]
    made = []
    for original in (diary_path, *sides):
        if original.exists():  # a -wal without its diary may still hold days
            copy = Path(f"{keep}{original.name[len(diary_path.name) :]}")
            _copy_private(original, copy)
            made.append(copy)
    fd, name = tempfile.mkstemp(
        prefix=f".{diary_path.name}.", suffix=".restore.tmp", dir=diary_path.parent
    )
    os.close(fd)
    temp = Path(name)
    try:
        copy_database(backup_path, temp, key)
        for side in sides:
            side.unlink(missing_ok=True)
        os.replace(temp, diary_path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return made[0]


def _copy_private(source: Path, destination: Path) -> None:
    """Copy raw bytes to a new owner-only (0600) file, whatever the umask."""
    fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # the mode given to open is filtered by the umask
        with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
            shutil.copyfileobj(handle, out)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        destination.unlink(missing_ok=True)
        raise


def backup_today(path: Path, key: str | None = None) -> list[str]:
    """Take today's backup, cleaning up after killed ones; returns warnings, never raises.

    A backup that cannot be made (a full disk) must not stop anyone reading or
    writing their diary: it is reported, and tried again at the next open.
    """
    from app.storage.database import is_disk_full

    try:
        remove_stale_temporaries(path)
        daily_backup(path, key=key)
    except (OSError, *db_errors()) as error:
        if is_disk_full(error, path):
            return ["could not make today's backup: the disk is full"]
        detail = error.strerror if isinstance(error, OSError) and error.strerror else error
        return [f"could not make today's backup: {str(detail)[:200]}"]
    return []
