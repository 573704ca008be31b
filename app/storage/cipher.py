"""Encrypted diaries: SQLCipher connections, and converting a diary file in place.

An encrypted diary is a SQLCipher 4 file: every page, the first one too, is
AES-256 ciphertext with an HMAC, so the file has no SQLite header (that is how
it is recognised) and a truncated or altered page is found. The key is derived
from the passphrase with SQLCipher's own PBKDF2-HMAC-SHA512 (256,000 rounds)
and the file's salt (its first 16 bytes). We derive it once per open diary in
Python (hashlib, the same function and parameters) and hand SQLCipher the raw
key: every further connection (a reader per thread, the writer, the daily
backup) then opens in milliseconds instead of half a second. The passphrase
and the key stay in memory; nothing here writes, logs or prints them.

Converting (`convert`: encrypt, decrypt) exports into a new file beside the
diary (`sqlcipher_export`), verifies it row by row, and swaps it in with one
`os.replace`: a process killed at any point leaves either the old diary or the
new one, complete. Only then are the old file's bytes overwritten with zeros.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from app.config import BUSY_TIMEOUT_MS
from app.storage.database import (
    SQLITE_HEADER,
    DiaryBusyError,
    DiaryFileError,
    WrongPassphraseError,
    db_errors,
    is_encrypted,
)

#: SQLCipher 4's defaults; a file made here opens with `PRAGMA key = 'passphrase'` anywhere.
KDF_ITERATIONS = 256_000
KEY_BYTES = 32
SALT_BYTES = 16
#: Temporaries of a conversion beside the diary (`.NAME.pidPID.XXXX.convert.tmp`).
_CONVERT_TEMP = re.compile(r"^\..+\.pid(?P<pid>\d+)\.[^.]+\.convert\.tmp(?:-journal|-wal|-shm)?$")
_ZEROS = bytes(1 << 16)


def driver() -> ModuleType:
    """The SQLCipher DB-API module (sqlcipher3), loaded on first use."""
    from sqlcipher3 import dbapi2

    return dbapi2


class Passphrase:
    """A passphrase held in memory only, with the keys derived from it (one per salt)."""

    __slots__ = ("_fresh_salt", "_keys", "_text")

    def __init__(self, text: str):
        if not text:
            raise ValueError("the passphrase is empty")
        if "\x00" in text:
            raise ValueError("the passphrase contains a NUL character")
        self._text = text
        self._keys: dict[bytes, bytes] = {}
        self._fresh_salt: bytes | None = None

    def __repr__(self) -> str:
        return "Passphrase(<hidden>)"

    def key_for_salt(self, salt: bytes) -> str:
        """The raw-key literal SQLCipher takes (x'KEY SALT') for a file with `salt`."""
        key = self._keys.get(salt)
        if key is None:
            key = hashlib.pbkdf2_hmac(
                "sha512", self._text.encode(), salt, KDF_ITERATIONS, KEY_BYTES
            )
            self._keys[salt] = key
        return f"x'{key.hex()}{salt.hex()}'"

    def key_for(self, path: Path) -> str:
        """The key literal for the encrypted file `path` (its salt is its first 16 bytes)."""
        with path.open("rb") as handle:
            salt = handle.read(SALT_BYTES)
        if len(salt) != SALT_BYTES:
            raise DiaryFileError(f"{path} is damaged: it is truncated ({len(salt)} bytes)")
        return self.key_for_salt(salt)

    def fresh_key(self) -> str:
        """The key literal for a new encrypted file: a new random salt (one per Passphrase)."""
        if self._fresh_salt is None:
            self._fresh_salt = os.urandom(SALT_BYTES)
        return self.key_for_salt(self._fresh_salt)

    def forget(self) -> None:
        """Drop the derived keys (the text goes with the object)."""
        self._keys.clear()


def connect_encrypted(
    target: Path | str, key: str, *, uri: bool = False, **kwargs: object
) -> sqlite3.Connection:
    """A SQLCipher connection on `target` with `key` (a literal from `Passphrase`) set."""
    connection = driver().connect(str(target), uri=uri, **kwargs)
    try:
        # SQLCipher logs failed HMAC checks to stderr (a wrong passphrase): not ours to show.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f'PRAGMA key = "{key}"')
    except BaseException:
        connection.close()
        raise
    return connection


def check_key(path: Path, key: str) -> None:
    """Raise WrongPassphraseError if `key` does not open the encrypted file; reads only."""
    try:
        connection = connect_encrypted(f"{path.as_uri()}?mode=ro", key, uri=True)
    except db_errors() as error:
        raise DiaryFileError(f"{path} cannot be opened ({error})") from None
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except db_errors("DatabaseError") as error:
        if getattr(error, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise WrongPassphraseError(
                f"{path}: wrong passphrase. Nothing was changed.", reason="wrong passphrase"
            ) from None
        from app.storage.database import sqlite_error

        raise sqlite_error(path, error) from None
    finally:
        connection.close()


@dataclass
class Conversion:
    """What converting a diary did to its backups (each named)."""

    converted: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def convert(diary_path: Path, source: Passphrase | None, target: Passphrase | None) -> Conversion:
    """Encrypt (`target`) or decrypt (`source`) a closed diary in place, and its backups.

    Backups that convert are converted the same way; any other file of the diary
    in backups/ (a damaged diary kept before a restore, its -wal) would keep the
    old form, so it is overwritten and removed. Both lists are returned.
    """
    remove_stale_conversions(diary_path)
    target_key = target.fresh_key() if target is not None else None
    _convert_file(diary_path, _key_of(diary_path, source), target_key, live=True)
    report = Conversion()
    for path in _backup_files(diary_path):
        try:
            _convert_file(path, _key_of(path, source), target_key, live=False)
            report.converted.append(path)
        except (DiaryFileError, OSError, *db_errors()):
            shred(path)
            report.removed.append(path)
    return report


def finish_backups(diary_path: Path, key: str) -> Conversion:
    """Encrypt plain files left in backups/ by an `encrypt` killed after its swap.

    The diary is encrypted by then; its plain backups must not stay readable.
    """
    report = Conversion()
    for path in _backup_files(diary_path):
        if is_encrypted(path):
            continue
        try:
            _convert_file(path, None, key, live=False)
            report.converted.append(path)
        except (DiaryFileError, OSError, *db_errors()):
            shred(path)
            report.removed.append(path)
    return report


def _backup_files(diary_path: Path) -> Iterator[Path]:
    """Every file of this diary in backups/ (dated copies, copies kept before restores).

    Each is checked as it is reached, in name order: converting a copy first
    rolls back or replays its -journal or -wal and then removes it, and that
    file must not then be "converted" on its own into a new file of that name
    (a -journal SQLite would take for the copy's unfinished change).
    """
    from app.storage.backups import backup_dir

    folder = backup_dir(diary_path)
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith(f"{diary_path.stem}-") and path.is_file():
            yield path


def _key_of(path: Path, passphrase: Passphrase | None) -> str | None:
    """The key `path` opens with: none if it is plain, else the passphrase's for its salt."""
    if not is_encrypted(path):
        return None
    if passphrase is None:
        raise DiaryFileError(f"{path} is encrypted, and no passphrase was given for it")
    key = passphrase.key_for(path)
    check_key(path, key)
    return key


def rekey(diary_path: Path, old: Passphrase, new: Passphrase) -> Conversion:
    """Change an encrypted diary's passphrase (PRAGMA rekey), and its backups'; diary closed."""
    key = old.key_for(diary_path)
    check_key(diary_path, key)
    _rekey_file(diary_path, key, new.key_for(diary_path), live=True)
    report = Conversion()
    for path in _backup_files(diary_path):
        try:
            key = _key_of(path, old)
            if key is None:
                raise DiaryFileError(f"{path} is not encrypted")
            _rekey_file(path, key, new.key_for(path), live=False)
            report.converted.append(path)
        except (DiaryFileError, OSError, *db_errors()):
            shred(path)  # plain, or under another passphrase: it would not open with the new one
            report.removed.append(path)
    return report


def _exclusive(connection: sqlite3.Connection, path: Path) -> None:
    """Take the file for ourselves until the connection closes; busy if another program has it.

    Leaving WAL mode needs every other connection gone, so it tells us that no
    program has the diary open; exclusive locking then keeps newcomers out.
    """
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise DiaryBusyError(
                f"{path} is open in another program (the app, or a command): close it, "
                "then try again. Nothing was changed."
            )
        connection.execute("PRAGMA main.locking_mode = EXCLUSIVE")
        version = connection.execute("PRAGMA main.user_version").fetchone()[0]
        # A write (of the same value) takes the exclusive lock, held until we close.
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"PRAGMA main.user_version = {int(version)}")
        connection.execute("COMMIT")
    except db_errors() as error:
        from app.storage.database import sqlite_error

        raise sqlite_error(path, error) from None


def _convert_file(
    path: Path, source_key: str | None, target_key: str | None, *, live: bool
) -> None:
    """Export `path` into a new file under `target_key`, verify it, swap it in, wipe the old."""
    fd, name = tempfile.mkstemp(
        prefix=f".{path.name}.pid{os.getpid()}.", suffix=".convert.tmp", dir=path.parent
    )
    os.close(fd)
    temp = Path(name)
    source = _open_driver(path, source_key)
    try:
        try:
            if live:
                _exclusive(source, path)
            source.execute("ATTACH DATABASE ? AS converted KEY ?", (str(temp), target_key or ""))
            source.execute("SELECT sqlcipher_export('converted')")
            version = source.execute("PRAGMA main.user_version").fetchone()[0]
            source.execute(f"PRAGMA converted.user_version = {int(version)}")
            source.execute("DETACH DATABASE converted")
            expected = _digest(source)
        except db_errors() as error:
            from app.storage.database import sqlite_error

            raise sqlite_error(path, error) from None
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        _verify(temp, target_key, expected, path)
        os.chmod(temp, 0o600)
        old = os.open(path, os.O_RDWR)
        try:
            os.replace(
                temp, path
            )  # the one step that switches: before it the old, after it the new
            _fsync_dir(path.parent)
            source.close()
            for suffix in ("-journal", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            _overwrite(old)
        finally:
            os.close(old)
    except BaseException:
        source.close()
        for leftover in (temp, *(Path(f"{temp}{s}") for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        source.close()


def _rekey_file(path: Path, key: str, new_key: str, *, live: bool) -> None:
    """PRAGMA rekey: SQLCipher rewrites every page in one journalled transaction."""
    connection = _open_driver(path, key)
    try:
        if live:
            _exclusive(connection, path)
        else:
            connection.execute("PRAGMA journal_mode = DELETE")
        expected = _digest(connection)
        connection.execute(f'PRAGMA rekey = "{new_key}"')
    except db_errors() as error:
        from app.storage.database import sqlite_error

        raise sqlite_error(path, error) from None
    finally:
        connection.close()
    _verify(path, new_key, expected, path)


def _open_driver(path: Path, key: str | None) -> sqlite3.Connection:
    """A SQLCipher connection (plain without `key`): only it exports and attaches with KEY."""
    connection = driver().connect(str(path), isolation_level=None)
    connection.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        connection.execute(f'PRAGMA key = "{key}"')
    return connection


def _digest(connection: sqlite3.Connection, schema: str = "main") -> str:
    """A hash of every row of every table: the copy must hold exactly what the original held."""
    digest = hashlib.sha256()
    tables = connection.execute(
        f"SELECT name, sql FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    for name, sql in tables:
        digest.update(f"{name}\x00{sql}\x00".encode())
        quoted = name.replace('"', '""')
        columns = len(connection.execute(f'PRAGMA {schema}.table_info("{quoted}")').fetchall())
        # Every column in the order: rows that tie on the first still compare alike.
        order = ", ".join(str(n) for n in range(1, columns + 1))
        for row in connection.execute(f'SELECT * FROM {schema}."{quoted}" ORDER BY {order}'):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _verify(path: Path, key: str | None, expected: str, original: Path) -> None:
    """Open the new file as it will be used and compare it with the original, row by row."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if (header == SQLITE_HEADER) == (key is not None):
        raise DiaryFileError(f"{original}: the converted copy is not in the expected form")
    connection = _open_driver(path, key)
    try:
        status = connection.execute("PRAGMA quick_check").fetchone()[0]
        if status != "ok" or _digest(connection) != expected:
            raise DiaryFileError(
                f"{original}: the converted copy does not match the original; nothing was changed"
            )
    finally:
        connection.close()


def _overwrite(fd: int) -> None:
    """Overwrite an open file's bytes with zeros and sync (the old, unlinked form of the diary)."""
    size = os.fstat(fd).st_size
    os.lseek(fd, 0, os.SEEK_SET)
    written = 0
    while written < size:
        written += os.write(fd, _ZEROS[: min(len(_ZEROS), size - written)])
    os.fsync(fd)


def shred(path: Path) -> None:
    """Overwrite a file with zeros, then remove it."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        _overwrite(fd)
    finally:
        os.close(fd)
    path.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_conversions(diary_path: Path) -> list[Path]:
    """Remove (wiped first) half-made conversions beside the diary left by a killed process."""
    from app.storage.backups import _alive

    removed = []
    folder = diary_path.parent
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _CONVERT_TEMP.match(path.name)
        if match and path.name.startswith(f".{diary_path.name}.") and not _alive(int(match["pid"])):
            shred(path)
            removed.append(path)
    return removed
