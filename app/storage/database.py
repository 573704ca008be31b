"""Opening a diary file: where it lives, what it must look like, engine pragmas.

Durability choice: WAL journal with synchronous=FULL. In WAL mode NORMAL may
lose the last commits on power loss; FULL syncs the WAL on every commit, so a
save the app has acknowledged survives a crash or power cut. The cost is one
fsync per save, which a diary (a few saves a day) never notices.

Closing checkpoints the WAL back into the main file (see `checkpoint`): the WAL
checksums each frame and SQLite ignores every frame after a damaged one, so
data left in it at rest is one flipped byte away from being dropped silently.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import BUSY_TIMEOUT_MS
from app.domain.messages import is_disk_full as is_os_disk_full

if TYPE_CHECKING:
    from sqlalchemy import Engine

SQLITE_HEADER = b"SQLite format 3\x00"
#: How long closing waits for another program before leaving the WAL as it is.
CHECKPOINT_WAIT_MS = 200
#: Below this much free space an I/O error is taken for a full disk (SQLite
#: reports a failed -shm allocation as an I/O error, not as "disk full").
NEARLY_FULL_BYTES = 1 << 20


class DiaryFileError(Exception):
    """The file cannot be used as a diary; the message says which and why.

    `reason` is the message without advice; `backup` is the newest good backup
    of a damaged diary, when one was found (for a restore button).
    """

    def __init__(self, message: str, *, reason: str | None = None, backup: object = None):
        super().__init__(message)
        self.reason = reason or message
        self.backup = backup


class DiaryBusyError(DiaryFileError):
    """The diary is not damaged but cannot be used right now (another program holds it).

    Never answered with a restore: that would throw away days the diary holds.
    """


class DiaryDiskFullError(DiaryBusyError):
    """The disk is full: the diary cannot be written until space is freed."""


class DiaryReadOnlyError(DiaryFileError):
    """The diary file is read-only; Pain Diary reads it but never changes it."""


class DiaryInterruptedError(DiaryReadOnlyError):
    """A change to the diary was cut off (a program was killed) and the file is read-only,
    so SQLite cannot undo the half-made change: the diary cannot be read as it is."""


class PassphraseNeededError(DiaryFileError):
    """The diary is encrypted and no passphrase was given: nothing of it was read."""


class WrongPassphraseError(DiaryFileError):
    """The passphrase does not open the encrypted diary; not damage, nothing was changed."""


def db_errors(name: str = "Error") -> tuple[type[Exception], ...]:
    """sqlite3's exception class `name`, and SQLCipher's once it is loaded.

    An encrypted diary's connections come from the sqlcipher3 driver, whose
    exceptions are its own classes; it is loaded only when such a diary is
    opened, so until then no exception of it can exist.
    """
    found: list[type[Exception]] = [getattr(sqlite3, name)]
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    if cipher is not None:
        found.append(getattr(cipher, name))
    return tuple(found)


def is_encrypted(path: Path) -> bool:
    """True if `path` looks like an encrypted diary: no SQLite header, and whole pages.

    SQLCipher encrypts page 1 too, so there is no header to read; what tells an
    encrypted diary from other headerless bytes is the passphrase that opens it.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    return header != SQLITE_HEADER and size >= 512 and not size % 512


def open_file(
    target: Path | str, key: str | None = None, *, uri: bool = False, **kwargs: object
) -> sqlite3.Connection:
    """A raw connection on a diary file: sqlite3 for a plain one, SQLCipher with `key`.

    `key` is a raw-key literal from `cipher.Passphrase.key_for` (x'...'): no
    key derivation per connection, and never the passphrase itself.
    """
    if key is None:
        return sqlite3.connect(target, uri=uri, **kwargs)  # type: ignore[arg-type]
    from app.storage.cipher import connect_encrypted

    return connect_encrypted(target, key, uri=uri, **kwargs)


def is_read_only(path: Path) -> bool:
    """True if the file is marked read-only (no owner write bit) or we may not write it.

    The mode bits count even where access() says yes (root may write anything):
    a diary made read-only on purpose must stay so.
    """
    return not path.stat().st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)


def disk_nearly_full(path: Path) -> bool:
    """True if the filesystem holding `path` has almost no free space left."""
    try:
        found = os.statvfs(path if path.is_dir() else path.parent)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < NEARLY_FULL_BYTES


def is_disk_full(error: BaseException, path: Path) -> bool:
    """True if `error` (OSError or sqlite3 error) comes from a full disk under `path`."""
    if isinstance(error, OSError):
        return is_os_disk_full(error)
    name = getattr(error, "sqlite_errorname", "") or ""
    if name == "SQLITE_FULL":
        return True
    return name.startswith("SQLITE_IOERR") and disk_nearly_full(path)


def sqlite_error(path: Path, error: Exception) -> DiaryFileError:
    """The diary error for a sqlite3 error on `path`, told apart by SQLite's error code.

    Busy, disk full and read-only are not damage: only real damage may lead to
    advice to restore a backup.
    """
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return DiaryBusyError(
            f"{path} is busy: another program (another Pain Diary window or command, or a "
            "backup tool) is using it. Try again when it has finished."
        )
    if is_disk_full(error, path):
        return DiaryDiskFullError(
            f"{path} cannot be used: the disk is full. Free some space and try again."
        )
    if name in ("SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY"):
        return DiaryInterruptedError(
            f"{path} was left half-changed by a program that stopped (its -journal or -wal "
            "file holds the unfinished change), and it is read-only, so that change cannot "
            f"be undone. Nothing was lost: make it writable (chmod 600 {path}) and open it "
            "again, and the diary is as it was before that change."
        )
    if name.startswith("SQLITE_READONLY"):
        return read_only_error(path)
    if name.startswith("SQLITE_CANTOPEN"):
        return DiaryFileError(f"{path} cannot be opened ({error})")
    if name.startswith("SQLITE_IOERR"):
        # The disk failed to read or write: not known to be damage in the file.
        return DiaryFileError(f"{path} could not be read or written ({error})")
    return DiaryFileError(f"{path} is damaged or not a diary ({error})")


def read_only_error(path: Path) -> DiaryReadOnlyError:
    """The refusal to change a read-only diary, with how to allow it."""
    return DiaryReadOnlyError(
        f"{path} is read-only, so Pain Diary will not change it. It can still be shown, "
        f"exported and reported; to log in it, make it writable (chmod 600 {path})."
    )


def read_only_uri(path: Path) -> str:
    """A URI that reads `path` without creating or changing anything beside it.

    A plain read-only connection to a WAL-mode file creates -wal and -shm files.
    When there is no -wal there is nothing outside the main file and no program
    has it open in WAL mode, so it is opened immutable (no -shm, no locks).
    A rollback-journal file is opened read-only with locks: that creates nothing,
    and the locks show when another program is writing it.
    """
    uri = f"{path.as_uri()}?mode=ro"
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return uri
    # An encrypted file's header is ciphertext: never taken for WAL mode.
    wal_mode = header[:16] == SQLITE_HEADER and header[18] == header[19] == 2
    if wal_mode and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` owner-only (0700) if missing; never loosen an existing one."""
    try:
        folder.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        return  # made already, perhaps this instant by another program opening the diary
    os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask


def make_private(path: Path) -> None:
    """Owner read/write only (0600): health data is nobody else's business."""
    if path.exists() and stat.S_IMODE(path.stat().st_mode) != 0o600:
        os.chmod(path, 0o600)


def check_diary_file(path: Path, *, encrypted_ok: bool = False) -> None:
    """Refuse a file that is not SQLite, before SQLite gets a chance to touch it.

    With `encrypted_ok`, a file without the header but made of whole pages may
    be an encrypted diary: the passphrase decides (see `cipher.check_key`).
    """
    if path.is_dir():
        raise DiaryFileError(f"{path} is a folder, not a diary file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise DiaryFileError(f"{path} cannot be read: permission denied") from None
    size = path.stat().st_size
    if size == 0:
        return  # an empty file is a new diary
    if header != SQLITE_HEADER:
        if encrypted_ok and size >= 512 and not size % 512:
            return
        if encrypted_ok:
            raise DiaryFileError(
                f"{path} is damaged or not a Pain Diary file: it is not an SQLite database, "
                f"and as an encrypted diary it would be truncated ({size} bytes)"
            )
        raise DiaryFileError(f"{path} is not a Pain Diary file (it is not an SQLite database)")
    if size < 512 or size % 512:
        raise DiaryFileError(f"{path} is damaged: it is truncated ({size} bytes)")


def inspect_existing(
    path: Path,
    diary_tables: frozenset[str],
    check: Callable[[sqlite3.Connection], None] | None = None,
    *,
    allow_empty: bool = True,
    key: str | None = None,
) -> None:
    """Read-only look inside an existing file: damaged, or not a diary, is refused.

    This runs before anything writes to the file (WAL mode, migrations, the daily
    backup): a file we refuse, and its folder, must be left exactly as they were.
    `check` looks further (the schema's version and columns) on the same
    connection; `allow_empty=False` refuses a database without tables.
    Busy, disk full and read-only are told apart from damage (see `sqlite_error`).
    """
    uri = read_only_uri(path)
    before = _state(path)
    try:
        _inspect(path, uri, diary_tables, check, allow_empty, key)
    except DiaryBusyError:
        raise
    except DiaryInterruptedError:
        if is_read_only(path) or not os.access(path.parent, os.W_OK | os.X_OK):
            raise
        # A program killed mid-write left a hot journal that only a writer may roll
        # back: do what any SQLite writer would do first, then look as before.
        _roll_back(path, key)
        _inspect(path, read_only_uri(path), diary_tables, check, allow_empty, key)
    except DiaryFileError:
        if "immutable=1" not in uri or _state(path) == before:
            raise
        # Another program opened and wrote the diary while we read it without
        # locks: what looked damaged may be its save half seen. Look again, locked.
        _inspect(path, f"{path.as_uri()}?mode=ro", diary_tables, check, allow_empty, key)


def _roll_back(path: Path, key: str | None) -> None:
    """Let SQLite undo a change cut off by a killed program (the first read does it)."""
    try:
        raw = open_file(f"{path.as_uri()}?mode=rw", key, uri=True)
        try:
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            raw.close()
    except db_errors() as error:
        raise sqlite_error(path, error) from None


def _state(path: Path) -> tuple[object, ...]:
    """What changes when another program opens or writes the file."""
    try:
        found = path.stat()
    except OSError:
        return ()
    return found.st_size, found.st_mtime_ns, Path(f"{path}-wal").exists()


def _inspect(
    path: Path,
    uri: str,
    diary_tables: frozenset[str],
    check: Callable[[sqlite3.Connection], None] | None,
    allow_empty: bool,
    key: str | None = None,
) -> None:
    try:
        raw = open_file(uri, key, uri=True)
    except db_errors() as error:
        raise sqlite_error(path, error) from None
    try:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        tables = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
        if not tables and not allow_empty:
            raise DiaryFileError(f"{path} is an empty database, not a Pain Diary")
        if tables and not (diary_tables | {"alembic_version"}) <= tables:
            raise DiaryFileError(f"{path} is a SQLite database, but not a Pain Diary")
        if tables and check is not None:
            try:
                check(raw)
            except DiaryFileError as error:
                raise DiaryFileError(f"{path} {error}") from None
        status = raw.execute("PRAGMA quick_check").fetchone()[0]
        if status != "ok":
            raise DiaryFileError(f"{path} is damaged (SQLite reports: {str(status)[:200]})")
    except db_errors() as error:
        raise sqlite_error(path, error) from None
    finally:
        raw.close()


def checkpoint(connection: sqlite3.Connection) -> None:
    """Fold the WAL into the main file and empty it; quietly skipped if another program
    is reading or writing (its own close will do it)."""
    if connection.in_transaction:
        return
    try:
        connection.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except db_errors():
        pass


def connect(path: Path, *, read_only: bool = False, key: str | None = None) -> sqlite3.Connection:
    """A sqlite3 connection on `path` with the diary's pragmas, for reading.

    Transactions are explicit (isolation_level None): `Diary._read` begins
    and ends them, so a read sees one state of the diary. `read_only` opens it
    so that nothing can be written (a read-only diary); `key` opens an encrypted one.
    """
    connection = _open(path, read_only, key)
    try:
        (_on_connect_read_only if read_only else _on_connect)(connection, None)
    except BaseException:
        connection.close()
        raise
    return connection


def _open(path: Path, read_only: bool, key: str | None = None) -> sqlite3.Connection:
    if read_only:
        return open_file(
            read_only_uri(path), key, uri=True, isolation_level=None, check_same_thread=False
        )
    return open_file(path, key, isolation_level=None, check_same_thread=False)


def _on_connect_read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # No journal mode or synchronous pragma: both are for writing, and switching
    # a read-only file to WAL would be a write.
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    dbapi_connection.execute("PRAGMA foreign_keys = ON")


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The driver's implicit BEGIN handling fights SQLAlchemy's; we issue BEGIN
    # ourselves (see _on_begin) so each save is exactly one transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    mode = _switch_to_wal(cursor)
    if mode.lower() != "wal":
        cursor.close()
        raise DiaryFileError(f"cannot switch the diary to WAL journal mode (got {mode})")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _switch_to_wal(cursor: sqlite3.Cursor) -> str:
    """Put the diary in WAL mode (a no-op once it is); the journal mode it is in after."""
    # Leaving a rollback journal (a diary `encrypt` or `decrypt` just wrote) takes the
    # write lock from inside a read, where SQLite does not call the busy handler: with
    # another program writing, say the other of two `log` commands, it failed at once.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except db_errors("OperationalError") as error:
            name = getattr(error, "sqlite_errorname", "") or ""
            if not name.startswith("SQLITE_BUSY") or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
    # Writers take the lock up front (IMMEDIATE), so two writers wait on
    # busy_timeout instead of failing on a lock upgrade; readers never block.
    write = connection.get_execution_options().get("write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(path: Path, *, read_only: bool = False, key: str | None = None) -> Engine:
    """An engine on `path` with the diary's pragmas on every connection (for writes).

    With `read_only` every write fails with SQLite's read-only error, before
    anything reaches the file. With `key` the connections are SQLCipher's
    (and SQLAlchemy is told, so it wraps that driver's errors as it does sqlite3's).
    """
    from sqlalchemy import create_engine, event

    if key is not None:
        from app.storage.cipher import driver

        engine = create_engine(
            f"sqlite:///{path}", module=driver(), creator=lambda: _open(path, read_only, key)
        )
        event.listen(engine, "connect", _on_connect_read_only if read_only else _on_connect)
    elif read_only:
        engine = create_engine(f"sqlite:///{path}", creator=lambda: _open(path, True))
        event.listen(engine, "connect", _on_connect_read_only)
    else:
        engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
