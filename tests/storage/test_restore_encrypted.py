"""Restoring an encrypted diary in this process: in place, with the diary's own key.

Real SQLCipher files in tmp_path; the key is derived with few PBKDF2 rounds so
each test stays well under a second.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.storage import backups, cipher
from app.storage.database import SQLITE_HEADER
from app.storage.migrate import DIARY_TABLES


@pytest.fixture
def quick_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer PBKDF2 rounds: a real derivation costs ~0.25 s."""
    monkeypatch.setattr(cipher, "KDF_ITERATIONS", 1_000)


def pains(path: Path, key: str) -> list[int]:
    connection = backups.open_file(path, key)
    try:
        return [p for (p,) in connection.execute("SELECT pain FROM day ORDER BY date")]
    finally:
        connection.close()


@pytest.fixture
def encrypted(template: Path, tmp_path: Path, quick_keys: None) -> tuple[Path, Path, str]:
    """An encrypted diary (pains 3, 5) in WAL mode as the app leaves it, and a backup of it
    (same key) whose days now have pain 7."""
    diary = tmp_path / "d.sqlite3"
    shutil.copyfile(template, diary)
    secret = cipher.Passphrase("secret")
    cipher.convert(diary, None, secret)
    key = secret.key_for(diary)
    connection = backups.open_file(diary, key)
    assert connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    connection.close()
    backup = tmp_path / "b.sqlite3"
    backups.copy_database(diary, backup, key)
    connection = backups.open_file(backup, key)
    connection.execute("UPDATE day SET pain = 7")
    connection.commit()
    connection.close()
    return diary, backup, key


def test_an_encrypted_backup_is_written_into_the_live_encrypted_diary(
    encrypted: tuple[Path, Path, str],
) -> None:
    """A program with the diary open carries on in the restored diary: same file, new rows."""
    diary, backup, key = encrypted
    inode = diary.stat().st_ino
    reader = backups.open_file(diary, key)  # the app, with the diary open
    try:
        assert [p for (p,) in reader.execute("SELECT pain FROM day ORDER BY date")] == [3, 5]
        kept = backups.restore(diary, backup, DIARY_TABLES, key)
        assert [p for (p,) in reader.execute("SELECT pain FROM day ORDER BY date")] == [7, 7]
    finally:
        reader.close()
    assert diary.stat().st_ino == inode  # written into, not swapped
    assert pains(diary, key) == [7, 7]
    assert kept is not None and kept.parent == backups.backup_dir(diary)
    assert re.fullmatch(r"d-before-restore-\d{8}-\d{6}\.sqlite3", kept.name)
    assert not kept.read_bytes().startswith(SQLITE_HEADER)  # the kept copy is encrypted too
    assert pains(kept, key) == [3, 5]
    assert sorted(p.name for p in kept.parent.iterdir()) == [kept.name]


def test_an_encrypted_backup_restored_where_there_is_no_diary_stays_encrypted(
    encrypted: tuple[Path, Path, str], tmp_path: Path
) -> None:
    _, backup, key = encrypted
    new = tmp_path / "new" / "d.sqlite3"
    assert backups.restore(new, backup, DIARY_TABLES, key) is None
    assert not new.read_bytes().startswith(SQLITE_HEADER)
    assert pains(new, key) == [7, 7]
