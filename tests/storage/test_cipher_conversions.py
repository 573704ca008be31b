"""Encrypting, decrypting and rekeying in this process: temporaries, refusals, the checks.

Real SQLite and SQLCipher files in tmp_path; keys derived with few PBKDF2 rounds.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from app.storage import backups, cipher
from app.storage.database import SQLITE_HEADER, DiaryBusyError, DiaryFileError


@pytest.fixture
def quick_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer PBKDF2 rounds: a real derivation costs ~0.25 s."""
    monkeypatch.setattr(cipher, "KDF_ITERATIONS", 1_000)


@pytest.fixture
def diary(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "d.sqlite3"
    shutil.copyfile(template, path)
    return path


def pains(path: Path, key: str | None = None) -> list[int]:
    connection = backups.open_file(path, key)
    try:
        return [p for (p,) in connection.execute("SELECT pain FROM day ORDER BY date")]
    finally:
        connection.close()


def damage_the_day_table(path: Path, key: str | None = None) -> None:
    """Overwrite the page holding the `day` table: page 1 (the schema) stays sound."""
    connection = backups.open_file(path, key)
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'day'").fetchone()
    connection.close()
    data = bytearray(path.read_bytes())
    start = (root[0] - 1) * 4096
    if key is None:
        data[start : start + 4096] = b"\xff" * 4096
    else:  # a few bytes are enough: SQLCipher checks each page's HMAC
        data[start + 100 : start + 200] = b"\xff" * 100
    path.write_bytes(bytes(data))


# --- the temporary copy ---------------------------------------------------------------


def test_the_encrypted_copy_is_made_beside_the_diary_under_a_name_cleanup_knows(
    diary: Path, quick_keys: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A killed encrypt leaves its copy as `.NAME.pidPID.XXXX.convert.tmp` beside the diary:
    the next run finds it by that name (and this pid) and wipes it."""
    swaps: list[tuple[Path, Path]] = []
    replace = os.replace

    def recording(source: str, target: str) -> None:
        swaps.append((Path(source), Path(target)))
        replace(source, target)

    monkeypatch.setattr(os, "replace", recording)
    cipher.convert(diary, None, cipher.Passphrase("secret"))
    monkeypatch.undo()
    temporary, swapped = swaps[0]
    assert swapped == diary and temporary.parent == diary.parent
    assert re.fullmatch(rf"\.d\.sqlite3\.pid{os.getpid()}\.\w+\.convert\.tmp", temporary.name)
    assert stat.S_IMODE(diary.stat().st_mode) == 0o600
    assert sorted(p.name for p in diary.parent.iterdir()) == ["d.sqlite3"]


def test_encrypting_works_when_the_system_temp_folder_is_on_another_disk(
    diary: Path, tmp_path: Path, quick_keys: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is renamed over the diary, which works only within one filesystem."""
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second filesystem here")
    elsewhere = Path(tempfile.mkdtemp(dir=shm))
    try:
        monkeypatch.setattr(tempfile, "tempdir", str(elsewhere))
        secret = cipher.Passphrase("secret")
        cipher.convert(diary, None, secret)
        assert pains(diary, secret.key_for(diary)) == [3, 5]
        assert os.listdir(elsewhere) == []
    finally:
        shutil.rmtree(elsewhere)


def test_a_table_whose_name_has_a_double_quote_is_converted_and_checked(
    tmp_path: Path, quick_keys: None
) -> None:
    path = tmp_path / "odd.sqlite3"
    made = sqlite3.connect(path)
    made.execute('CREATE TABLE "a""b" (x)')
    made.executemany('INSERT INTO "a""b" VALUES (?)', [(2,), (1,)])
    made.commit()
    made.close()
    secret = cipher.Passphrase("secret")
    cipher.convert(path, None, secret)
    connection = backups.open_file(path, secret.key_for(path))
    assert connection.execute('SELECT x FROM "a""b" ORDER BY x').fetchall() == [(1,), (2,)]
    connection.close()


# --- what is compared ------------------------------------------------------------------


def _database(rows: list[tuple[int, str]]) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE day (pain INTEGER, note TEXT)")
    connection.executemany("INSERT INTO day VALUES (?, ?)", rows)
    return connection


def test_the_check_of_a_copy_tells_a_changed_row_and_ignores_row_order() -> None:
    original = _database([(3, "a"), (5, "b")])
    reordered = _database([(5, "b"), (3, "a")])
    changed = _database([(3, "a"), (6, "b")])
    assert cipher._digest(original) == cipher._digest(reordered)
    assert cipher._digest(original) != cipher._digest(changed)


def test_a_copy_that_does_not_match_is_thrown_away_and_the_diary_kept(
    diary: Path, quick_keys: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As if the copy had lost a row: the original is left exactly as it was."""
    real = cipher._digest
    seen: list[str] = []

    def second_differs(connection: sqlite3.Connection, schema: str = "main") -> str:
        seen.append(real(connection, schema))
        return seen[-1] if len(seen) == 1 else "another digest"

    monkeypatch.setattr(cipher, "_digest", second_differs)
    with pytest.raises(DiaryFileError) as refused:
        cipher.convert(diary, None, cipher.Passphrase("secret"))
    assert str(refused.value) == (
        f"{diary}: the converted copy does not match the original; nothing was changed"
    )
    assert diary.read_bytes().startswith(SQLITE_HEADER) and pains(diary) == [3, 5]
    assert sorted(p.name for p in diary.parent.iterdir()) == ["d.sqlite3"]


# --- refusals that name the diary --------------------------------------------------------


def test_encrypting_a_damaged_diary_is_refused_naming_it(diary: Path, quick_keys: None) -> None:
    damage_the_day_table(diary)
    with pytest.raises(DiaryFileError) as refused:
        cipher.convert(diary, None, cipher.Passphrase("secret"))
    assert str(refused.value) == (
        f"{diary} is damaged or not a diary (database disk image is malformed)"
    )
    assert diary.read_bytes().startswith(SQLITE_HEADER)
    assert sorted(p.name for p in diary.parent.iterdir()) == ["d.sqlite3"]


@pytest.fixture
def encrypted(diary: Path, quick_keys: None) -> tuple[Path, cipher.Passphrase]:
    old = cipher.Passphrase("old one")
    cipher.convert(diary, None, old)
    return diary, old


def test_rekeying_a_damaged_diary_is_refused_naming_it(
    encrypted: tuple[Path, cipher.Passphrase],
) -> None:
    diary, old = encrypted
    damage_the_day_table(diary, old.key_for(diary))
    with pytest.raises(DiaryFileError) as refused:
        cipher.rekey(diary, old, cipher.Passphrase("new one"))
    assert str(refused.value) == (
        f"{diary} is damaged or not a diary (database disk image is malformed)"
    )
    cipher.check_key(diary, old.key_for(diary))  # still under the old passphrase


def test_a_diary_damaged_after_its_first_page_is_damaged_not_a_wrong_passphrase(
    encrypted: tuple[Path, cipher.Passphrase],
) -> None:
    """Page 1 decrypts, so the passphrase is right: the user must be told to restore."""
    diary, old = encrypted
    data = bytearray(diary.read_bytes())
    for start in range(4096, len(data), 4096):  # every page but the first
        data[start + 100 : start + 200] = b"\xff" * 100
    diary.write_bytes(bytes(data))
    with pytest.raises(DiaryFileError) as refused:
        cipher.check_key(diary, old.key_for(diary))
    assert str(refused.value) == (
        f"{diary} is damaged or not a diary (database disk image is malformed)"
    )


def test_rekeying_while_another_connection_has_the_diary_open_is_refused_naming_it(
    encrypted: tuple[Path, cipher.Passphrase],
) -> None:
    diary, old = encrypted
    key = old.key_for(diary)
    # The same SQLite library as the rekey: its locks are seen within this process.
    holder = cipher.connect_encrypted(diary, key)
    try:
        assert holder.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
        holder.execute("SELECT count(*) FROM day").fetchone()
        before = diary.read_bytes()
        with pytest.raises(DiaryBusyError) as busy:
            cipher.rekey(diary, old, cipher.Passphrase("new one"))
    finally:
        holder.close()
    assert str(busy.value) == (
        f"{diary} is busy: another program (another Pain Diary window or command, or a "
        "backup tool) is using it. Try again when it has finished."
    )
    assert diary.read_bytes() == before


def test_no_other_connection_can_open_the_diary_while_it_is_rekeyed(
    encrypted: tuple[Path, cipher.Passphrase], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program opening it mid-rekey would read pages under two keys."""
    diary, old = encrypted
    key = old.key_for(diary)
    real = cipher._digest
    newcomer: list[str] = []

    def digest_and_knock(connection: sqlite3.Connection, schema: str = "main") -> str:
        if not newcomer:  # while the rekey holds the diary, before it rewrites the pages
            other = cipher.connect_encrypted(diary, key, timeout=0)
            try:
                other.execute("SELECT count(*) FROM day").fetchone()
                newcomer.append("read it")
            except cipher.driver().OperationalError as error:
                newcomer.append(str(error))
            finally:
                other.close()
        return real(connection, schema)

    monkeypatch.setattr(cipher, "_digest", digest_and_knock)
    new = cipher.Passphrase("new one")
    cipher.rekey(diary, old, new)
    assert newcomer == ["database is locked"]
    assert pains(diary, new.key_for(diary)) == [3, 5]


def test_a_rekeyed_copy_that_does_not_match_is_reported_for_the_diary(
    encrypted: tuple[Path, cipher.Passphrase], monkeypatch: pytest.MonkeyPatch
) -> None:
    diary, old = encrypted
    real = cipher._digest
    seen: list[str] = []

    def second_differs(connection: sqlite3.Connection, schema: str = "main") -> str:
        seen.append(real(connection, schema))
        return seen[-1] if len(seen) == 1 else "another digest"

    monkeypatch.setattr(cipher, "_digest", second_differs)
    with pytest.raises(DiaryFileError) as refused:
        cipher.rekey(diary, old, cipher.Passphrase("new one"))
    assert str(refused.value).startswith(f"{diary}: the converted copy does not match")


# --- keys and connections --------------------------------------------------------------------


def test_a_key_is_derived_once_per_salt_with_sqlciphers_parameters(
    quick_keys: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every connection of an open diary asks for its key: deriving costs ~0.25 s each."""
    calls: list[bytes] = []
    derive = hashlib.pbkdf2_hmac

    def counting(name: str, password: bytes, salt: bytes, rounds: int, size: int) -> bytes:
        calls.append(salt)
        return derive(name, password, salt, rounds, size)

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counting)
    one, two = b"\x01" * 16, b"\x02" * 16
    secret = cipher.Passphrase("pass")
    expected = derive("sha512", b"pass", one, 1_000, 32).hex() + one.hex()
    assert secret.key_for_salt(one) == f"x'{expected}'"
    assert secret.key_for_salt(one) == f"x'{expected}'"
    assert calls == [one]
    secret.key_for_salt(two)
    assert calls == [one, two]


def test_an_encrypted_connection_takes_the_connection_options_given(
    encrypted: tuple[Path, cipher.Passphrase],
) -> None:
    """The app's reader is shared between threads and runs its own transactions."""
    diary, old = encrypted
    connection = cipher.connect_encrypted(
        diary, old.key_for(diary), isolation_level=None, check_same_thread=False
    )
    found: list[object] = []
    try:
        assert connection.isolation_level is None
        worker = threading.Thread(
            target=lambda: found.append(connection.execute("SELECT count(*) FROM day").fetchone())
        )
        worker.start()
        worker.join()
    finally:
        connection.close()
    assert found == [(2,)]
    assert not diary.read_bytes().startswith(SQLITE_HEADER)


# --- files beside a backup --------------------------------------------------------------

KILLED_WRITER = """
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode = DELETE")
connection.execute("PRAGMA cache_size = 1")  # the change spills into the file itself
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE day SET pain = 10")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_backup_left_mid_write_is_converted_as_it_was_and_its_journal_is_not(
    diary: Path, quick_keys: None
) -> None:
    """A writer killed in a backup leaves a hot journal: converting the backup rolls it back
    and removes it; the journal is not converted on its own into a file that breaks the backup."""
    folder = backups.backup_dir(diary)
    folder.mkdir(mode=0o700)
    backup = folder / "d-2025-01-01.sqlite3"
    backups.copy_database(diary, backup)
    run = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(backup)], check=False)
    assert run.returncode == -9 and Path(f"{backup}-journal").exists()

    passphrase = cipher.Passphrase("secret")
    report = cipher.convert(diary, None, passphrase)

    assert (report.converted, report.removed) == ([backup], [])
    assert sorted(p.name for p in folder.iterdir()) == ["d-2025-01-01.sqlite3"]
    read_only = backups.open_file(
        f"{backup.as_uri()}?mode=ro", passphrase.key_for(backup), uri=True
    )
    try:
        assert [p for (p,) in read_only.execute("SELECT pain FROM day ORDER BY date")] == [3, 5]
    finally:
        read_only.close()


def test_a_journal_or_wal_left_without_its_backup_is_wiped_and_named(
    diary: Path, quick_keys: None
) -> None:
    """Such a file holds pages of the old form: it cannot be converted, so it must not stay."""
    folder = backups.backup_dir(diary)
    folder.mkdir(mode=0o700)
    orphans = [folder / "d-2025-01-01.sqlite3-journal", folder / "d-2025-01-02.sqlite3-wal"]
    for orphan in orphans:
        orphan.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"pain 9 on the left" * 300)

    report = cipher.convert(diary, None, cipher.Passphrase("secret"))

    assert (report.converted, report.removed) == ([], orphans)
    assert list(folder.iterdir()) == []


KILLED_WAL_WRITER = """
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode = WAL")
connection.execute("PRAGMA wal_autocheckpoint = 0")  # the saved change stays in the -wal
connection.execute("UPDATE day SET pain = 7")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_backup_s_saves_still_in_its_wal_are_converted_with_it_and_the_wal_removed(
    diary: Path, quick_keys: None
) -> None:
    """A plain -wal left beside an encrypted backup would keep its rows readable."""
    folder = backups.backup_dir(diary)
    folder.mkdir(mode=0o700)
    backup = folder / "d-2025-01-01.sqlite3"
    backups.copy_database(diary, backup)
    run = subprocess.run([sys.executable, "-c", KILLED_WAL_WRITER, str(backup)], check=False)
    assert run.returncode == -9 and Path(f"{backup}-wal").stat().st_size > 0

    passphrase = cipher.Passphrase("secret")
    report = cipher.convert(diary, None, passphrase)

    assert (report.converted, report.removed) == ([backup], [])
    assert sorted(p.name for p in folder.iterdir()) == ["d-2025-01-01.sqlite3"]
    assert pains(backup, passphrase.key_for(backup)) == [7, 7]
