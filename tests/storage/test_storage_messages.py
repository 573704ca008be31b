"""The exact words of every refusal and error app/storage raises or returns.

Each message is triggered in this process with a real condition (a file that is
not SQLite, a lock held by a second connection, a page limit that fills the
database, a wrong key) and compared whole: a message is what the user reads, so
a changed word is a changed behaviour. Real SQLite files in tmp_path throughout.
"""

from __future__ import annotations

import datetime as dt
import errno
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.diary import Diary
from app.storage import backups, cipher, migrate
from app.storage.connections import DiaryConnections, translate_errors
from app.storage.database import (
    DiaryBusyError,
    DiaryDiskFullError,
    DiaryFileError,
    DiaryReadOnlyError,
    WrongPassphraseError,
    check_diary_file,
    connect,
    inspect_existing,
    is_disk_full,
    make_engine,
    read_only_error,
    sqlite_error,
)
from app.storage.diary_files import OwnFileError, refuse_own_files
from app.storage.migrate import DIARY_TABLES, check_schema

D = dt.date(2025, 1, 1)  # the template diary's first day (conftest.TEMPLATE_DAY)
#: A raw SQLCipher key literal (32 key bytes, 16 salt bytes): no key derivation needed.
KEY = f"x'{'11' * 32}{'22' * 16}'"
OTHER_KEY = f"x'{'33' * 32}{'22' * 16}'"


def copy_of(template: Path, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return path


def sqlite_file(path: Path, *statements: str) -> Path:
    """A plain SQLite file made by running `statements`."""
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def raised(call) -> Exception:  # type: ignore[no-untyped-def]
    """The sqlite3 error a real call raises."""
    with pytest.raises(sqlite3.Error) as info:
        call()
    return info.value


# --- database.sqlite_error: real sqlite3 errors told apart by their code ---------------


def test_a_database_locked_by_another_connection_is_busy(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "d.sqlite3", "CREATE TABLE t (x)")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    waiting = sqlite3.connect(path, timeout=0)
    try:
        error = raised(lambda: waiting.execute("BEGIN IMMEDIATE"))
    finally:
        waiting.close()
        holder.execute("ROLLBACK")
        holder.close()
    assert error.sqlite_errorname == "SQLITE_BUSY"  # type: ignore[attr-defined]
    found = sqlite_error(path, error)
    assert type(found) is DiaryBusyError
    assert str(found) == (
        f"{path} is busy: another program (another Pain Diary window or command, or a "
        "backup tool) is using it. Try again when it has finished."
    )
    assert found.reason == str(found) and found.backup is None
    assert not is_disk_full(error, path)


def test_a_database_that_reaches_its_page_limit_is_a_full_disk(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "d.sqlite3", "CREATE TABLE t (x)")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA max_page_count = 2")
    try:
        error = raised(lambda: connection.execute("INSERT INTO t VALUES (zeroblob(100000))"))
    finally:
        connection.close()
    assert str(error) == "database or disk is full"
    assert is_disk_full(error, path)
    found = sqlite_error(path, error)
    assert type(found) is DiaryDiskFullError
    assert str(found) == f"{path} cannot be used: the disk is full. Free some space and try again."


def test_writing_through_a_read_only_connection_is_read_only(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "d.sqlite3", "CREATE TABLE t (x)")
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        error = raised(lambda: connection.execute("INSERT INTO t VALUES (1)"))
    finally:
        connection.close()
    found = sqlite_error(path, error)
    assert type(found) is DiaryReadOnlyError
    expected = (
        f"{path} is read-only, so Pain Diary will not change it. It can still be shown, "
        f"exported and reported; to log in it, make it writable (chmod 600 {path})."
    )
    assert str(found) == expected
    assert str(read_only_error(path)) == expected


def test_a_file_in_a_missing_folder_cannot_be_opened(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "d.sqlite3"
    error = raised(lambda: sqlite3.connect(path))
    found = sqlite_error(path, error)
    assert type(found) is DiaryFileError
    assert str(found) == f"{path} cannot be opened (unable to open database file)"


def test_a_file_that_is_not_a_database_is_damaged_or_not_a_diary(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"not a database " * 300)
    connection = sqlite3.connect(path)
    try:
        error = raised(lambda: connection.execute("SELECT * FROM sqlite_master"))
    finally:
        connection.close()
    found = sqlite_error(path, error)
    assert type(found) is DiaryFileError
    assert str(found) == f"{path} is damaged or not a diary (file is not a database)"


def test_an_io_error_on_a_roomy_disk_is_a_read_or_write_failure_not_a_full_disk(
    tmp_path: Path,
) -> None:
    # SQLite's I/O errors cannot be caused in-process: this one is built as SQLite builds it.
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = "SQLITE_IOERR_WRITE"  # type: ignore[attr-defined]
    assert not is_disk_full(error, tmp_path)
    found = sqlite_error(tmp_path / "d.sqlite3", error)
    assert type(found) is DiaryFileError
    assert str(found) == f"{tmp_path / 'd.sqlite3'} could not be read or written (disk I/O error)"


def test_an_error_without_a_code_is_classified_by_its_code_not_its_words(tmp_path: Path) -> None:
    """The words "disk is full" alone (no SQLite code) do not make a full disk."""
    error = sqlite3.OperationalError("database or disk is full")
    assert not is_disk_full(error, tmp_path)
    found = sqlite_error(tmp_path, error)
    assert type(found) is DiaryFileError
    assert str(found) == f"{tmp_path} is damaged or not a diary (database or disk is full)"
    error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
    assert type(sqlite_error(tmp_path, error)) is DiaryDiskFullError


@pytest.mark.parametrize(
    ("code", "full"), [(errno.ENOSPC, True), (errno.EDQUOT, True), (errno.EACCES, False)]
)
def test_an_os_error_is_a_full_disk_by_its_errno(tmp_path: Path, code: int, full: bool) -> None:
    assert is_disk_full(OSError(code, "whatever"), tmp_path) is full


# --- database.check_diary_file and inspect_existing ----------------------------------


def test_a_folder_is_not_a_diary_file(tmp_path: Path) -> None:
    with pytest.raises(DiaryFileError) as info:
        check_diary_file(tmp_path)
    assert str(info.value) == f"{tmp_path} is a folder, not a diary file"


def test_a_file_without_the_sqlite_header_is_not_a_diary_file(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"x" * 4096)
    with pytest.raises(DiaryFileError) as info:
        check_diary_file(path)
    assert str(info.value) == f"{path} is not a Pain Diary file (it is not an SQLite database)"


def test_headerless_bytes_of_no_whole_page_are_no_encrypted_diary_either(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"x" * 1000)
    with pytest.raises(DiaryFileError) as info:
        check_diary_file(path, encrypted_ok=True)
    assert str(info.value) == (
        f"{path} is damaged or not a Pain Diary file: it is not an SQLite database, "
        "and as an encrypted diary it would be truncated (1000 bytes)"
    )


def test_a_truncated_sqlite_file_says_how_many_bytes_are_left(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 984)
    with pytest.raises(DiaryFileError) as info:
        check_diary_file(path)
    assert str(info.value) == f"{path} is damaged: it is truncated (1000 bytes)"


def test_an_empty_database_is_not_a_diary(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "d.sqlite3", "PRAGMA user_version = 1")
    inspect_existing(path, DIARY_TABLES)  # allowed by default: a new diary
    with pytest.raises(DiaryFileError) as info:
        inspect_existing(path, DIARY_TABLES, allow_empty=False)
    assert str(info.value) == f"{path} is an empty database, not a Pain Diary"


def test_a_database_with_other_tables_is_not_a_diary(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "d.sqlite3", "CREATE TABLE recipes (name)")
    with pytest.raises(DiaryFileError) as info:
        inspect_existing(path, DIARY_TABLES)
    assert str(info.value) == f"{path} is a SQLite database, but not a Pain Diary"


def test_the_diarys_tables_without_a_version_table_are_not_a_diary(tmp_path: Path) -> None:
    path = sqlite_file(
        tmp_path / "d.sqlite3", "CREATE TABLE day (id)", "CREATE TABLE setting (key, value)"
    )
    with pytest.raises(DiaryFileError) as info:
        inspect_existing(path, DIARY_TABLES, check_schema)
    assert str(info.value) == f"{path} is a SQLite database, but not a Pain Diary"


def test_two_schema_versions_are_no_valid_schema_version(template: Path, tmp_path: Path) -> None:
    path = copy_of(template, tmp_path / "d.sqlite3")
    sqlite_file(path, "INSERT INTO alembic_version VALUES ('0002')")
    with pytest.raises(DiaryFileError) as info:
        inspect_existing(path, DIARY_TABLES, check_schema)
    assert str(info.value) == (
        f"{path} has no valid schema version (its alembic_version table should hold one "
        "revision): it is damaged or not a Pain Diary"
    )


def test_an_unknown_revision_is_a_newer_version_named_by_its_first_40_characters(
    template: Path, tmp_path: Path
) -> None:
    path = copy_of(template, tmp_path / "d.sqlite3")
    revision = "abcdefghij" * 4 + "KLMNO"  # 45 characters
    sqlite_file(path, f"UPDATE alembic_version SET version_num = '{revision}'")
    with pytest.raises(DiaryFileError) as info:
        inspect_existing(path, DIARY_TABLES, check_schema)
    assert str(info.value) == (
        f"{path} was written by a newer version of Pain Diary "
        "(schema abcdefghijabcdefghijabcdefghijabcdefghij); update the app to open it"
    )


def test_a_look_alike_at_our_revision_names_the_table_without_our_columns(tmp_path: Path) -> None:
    path = sqlite_file(
        tmp_path / "d.sqlite3",
        "CREATE TABLE day (id, date)",
        "CREATE TABLE setting (key, value)",
        "CREATE TABLE alembic_version (version_num)",
        f"INSERT INTO alembic_version VALUES ('{migrate.SCHEMA_HEAD}')",
    )
    with pytest.raises(DiaryFileError) as info:
        inspect_existing(path, DIARY_TABLES, check_schema)
    assert str(info.value) == (
        f"{path} is a SQLite database, but not a Pain Diary (its day table "
        "does not have the diary's columns)"
    )


def _null_in_not_null(path: Path, table: str) -> Path:
    """A sound file whose table holds a NULL its (rewritten) schema forbids."""
    sqlite_file(
        path,
        "CREATE TABLE alembic_version (version_num)",
        f'CREATE TABLE "{table}" (a)',
        f'INSERT INTO "{table}" VALUES (NULL)',
    )
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(
        "UPDATE sqlite_master SET sql = ? WHERE name = ?",
        (f'CREATE TABLE "{table}" (a NOT NULL)', table),
    )
    connection.commit()
    connection.close()
    return path


def test_what_quick_check_finds_is_quoted_as_damage(tmp_path: Path) -> None:
    path = _null_in_not_null(tmp_path / "d.sqlite3", "t")
    with pytest.raises(DiaryFileError) as info:
        inspect_existing(path, frozenset({"t"}))
    assert str(info.value) == f"{path} is damaged (SQLite reports: NULL value in t.a)"


def test_what_quick_check_finds_is_cut_to_200_characters(tmp_path: Path) -> None:
    table = "t" * 250
    path = _null_in_not_null(tmp_path / "d.sqlite3", table)
    with pytest.raises(DiaryFileError) as info:
        inspect_existing(path, frozenset({table}))
    quoted = f"NULL value in {table}.a"[:200]
    assert str(info.value) == f"{path} is damaged (SQLite reports: {quoted})"


def test_a_database_that_cannot_use_wal_is_refused() -> None:
    with pytest.raises(DiaryFileError) as info:
        connect(Path(":memory:"))
    assert str(info.value) == "cannot switch the diary to WAL journal mode (got memory)"


# --- migrate ----------------------------------------------------------------------------


def test_missing_migration_scripts_are_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(migrate, "__file__", str(tmp_path / "app" / "storage" / "migrate.py"))
    with pytest.raises(FileNotFoundError) as info:
        migrate.migrations_dir()
    assert str(info.value) == "the diary's migration scripts are missing from this installation"


def _revision_of(path: Path) -> str | DiaryFileError:
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            try:
                return migrate.current_revision(connection)  # type: ignore[return-value]
            except DiaryFileError as error:
                return error
    finally:
        engine.dispose()


def test_tables_without_a_version_table_are_not_a_diary_to_migrate(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path / "d.sqlite3", "CREATE TABLE day (id)", "CREATE TABLE setting (k)")
    found = _revision_of(path)
    assert isinstance(found, DiaryFileError)
    assert str(found) == "is a SQLite database, but not a Pain Diary"


def test_an_empty_version_table_is_an_unknown_schema(tmp_path: Path) -> None:
    path = sqlite_file(
        tmp_path / "d.sqlite3",
        "CREATE TABLE day (id)",
        "CREATE TABLE setting (k)",
        "CREATE TABLE alembic_version (version_num)",
    )
    found = _revision_of(path)
    assert isinstance(found, DiaryFileError)
    assert str(found) == (
        "has an empty schema version table (alembic_version), so the version of its "
        "schema is unknown; it was left as it was"
    )


def _old_diary(path: Path, revision: str, *extra: str) -> Path:
    return sqlite_file(
        path,
        "CREATE TABLE day (id)",
        "CREATE TABLE setting (key, value)",
        "CREATE TABLE alembic_version (version_num)",
        f"INSERT INTO alembic_version VALUES ('{revision}')",
        *extra,
    )


def test_upgrading_a_newer_schema_is_refused_with_its_whole_name(tmp_path: Path) -> None:
    path = _old_diary(tmp_path / "d.sqlite3", "9999_from_the_future")
    engine = make_engine(path)
    try:
        with pytest.raises(DiaryFileError) as info:
            migrate.upgrade_engine(engine)
    finally:
        engine.dispose()
    assert str(info.value) == (
        "was written by a newer version of Pain Diary (schema 9999_from_the_future); "
        "update the app to open it"
    )


def test_a_failed_upgrade_quotes_the_drivers_first_line(tmp_path: Path) -> None:
    path = _old_diary(tmp_path / "d.sqlite3", "0001", "CREATE TABLE checkin (id)")
    engine = make_engine(path)
    try:
        with pytest.raises(DiaryFileError) as info:
            migrate.upgrade_engine(engine)
    finally:
        engine.dispose()
    assert str(info.value) == (
        "could not be upgraded to schema 0003 (table checkin already exists); it was left as it was"
    )


# --- backups ------------------------------------------------------------------------


def test_a_plain_backup_is_not_restored_into_an_encrypted_diary(
    template: Path, tmp_path: Path
) -> None:
    diary = tmp_path / "d.sqlite3"
    backup = copy_of(template, tmp_path / "b.sqlite3")
    with pytest.raises(DiaryFileError) as info:
        backups.restore(diary, backup, DIARY_TABLES, key=KEY)
    assert str(info.value) == (
        f"{backup} cannot be restored: the diary is encrypted and the backup is not "
        "alike; nothing was restored"
    )
    assert not diary.exists()


def test_an_encrypted_looking_backup_is_not_restored_into_a_plain_diary(tmp_path: Path) -> None:
    diary = tmp_path / "d.sqlite3"
    backup = tmp_path / "b.sqlite3"
    backup.write_bytes(b"\x8f" * 4096)  # no header, whole pages: encrypted to all appearances
    with pytest.raises(DiaryFileError) as info:
        backups.restore(diary, backup, DIARY_TABLES)
    assert str(info.value) == (
        f"{backup} cannot be restored: the diary is not encrypted and the backup is not "
        "alike; nothing was restored"
    )
    assert not diary.exists()


def test_a_restore_into_a_diary_another_program_holds_locked_is_busy(
    monkeypatch: pytest.MonkeyPatch, template: Path, tmp_path: Path
) -> None:
    """A rollback-journal diary under an exclusive lock cannot even be read."""
    monkeypatch.setattr(backups, "_BUSY_SECONDS", 0.1)  # the real wait is 5 s
    diary = copy_of(template, tmp_path / "d.sqlite3")
    backup = copy_of(template, tmp_path / "other" / "b.sqlite3")
    holder = sqlite3.connect(diary, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DiaryBusyError) as info:
            backups.restore(diary, backup, DIARY_TABLES)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(info.value) == (
        f"{diary} is busy: another program holds it locked; "
        "nothing was restored. Try again in a moment."
    )
    assert list(backups.backup_dir(diary).iterdir()) == []


def test_a_restore_into_a_diary_another_program_is_saving_into_gives_up_busy(
    monkeypatch: pytest.MonkeyPatch, template: Path, tmp_path: Path
) -> None:
    """A WAL diary can be read while another program writes; the copy into it waits, then stops."""
    monkeypatch.setattr(backups, "_BUSY_SECONDS", 0.1)
    diary = copy_of(template, tmp_path / "d.sqlite3")
    backup = copy_of(template, tmp_path / "other" / "b.sqlite3")
    holder = sqlite3.connect(diary, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DiaryBusyError) as info:
            backups.restore(diary, backup, DIARY_TABLES)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(info.value) == (
        f"{diary} is busy: another program kept it locked; "
        "nothing was restored. Try again in a moment."
    )
    assert list(backups.backup_dir(diary).iterdir()) == []  # no copy kept of an unchanged diary


def test_a_backup_of_one_page_is_not_a_backup(template: Path, tmp_path: Path) -> None:
    diary = copy_of(template, tmp_path / "d.sqlite3")
    empty = sqlite_file(tmp_path / "b.sqlite3", "PRAGMA user_version = 1")  # one page, no table
    before = diary.read_bytes()
    with pytest.raises(DiaryFileError) as info:
        backups._restore_in_place(diary, empty)
    assert str(info.value) == f"{empty} is not a Pain Diary backup (it is empty)"
    assert diary.read_bytes() == before


def test_a_backup_that_cannot_be_made_is_a_warning_naming_why(
    template: Path, tmp_path: Path
) -> None:
    diary = copy_of(template, tmp_path / "d.sqlite3")
    backups.backup_dir(diary).write_text("a file where the backups folder should be")
    assert backups.backup_today(diary) == ["could not make today's backup: Not a directory"]


# --- cipher ----------------------------------------------------------------------------


def test_an_empty_passphrase_is_refused() -> None:
    with pytest.raises(ValueError) as info:
        cipher.Passphrase("")
    assert str(info.value) == "the passphrase is empty"


def test_a_passphrase_with_a_nul_character_is_refused() -> None:
    with pytest.raises(ValueError) as info:
        cipher.Passphrase("ab\x00cd")
    assert str(info.value) == "the passphrase contains a NUL character"


def test_a_passphrase_never_shows_itself() -> None:
    secret = cipher.Passphrase("correct horse")
    assert repr(secret) == "Passphrase(<hidden>)"
    assert str(secret) == "Passphrase(<hidden>)"


def test_the_key_is_sqlciphers_pbkdf2_of_the_passphrase_and_the_salt() -> None:
    """256,000 rounds of PBKDF2-HMAC-SHA512 (SQLCipher 4), key then salt in one literal."""
    salt = bytes(range(16))
    key = "9118a024311c6a93d17484b07c24ec754e0559cc3b687954de6daa9ad9495042"
    assert cipher.Passphrase("correct horse").key_for_salt(salt) == f"x'{key}{salt.hex()}'"


@pytest.mark.parametrize("size", [0, 15])
def test_a_file_shorter_than_a_salt_is_truncated(tmp_path: Path, size: int) -> None:
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"s" * size)
    with pytest.raises(DiaryFileError) as info:
        cipher.Passphrase("pw").key_for(path)
    assert str(info.value) == f"{path} is damaged: it is truncated ({size} bytes)"


def _encrypted(path: Path, key: str = KEY) -> Path:
    """An encrypted database with one table, made by SQLCipher under a raw key."""
    connection = cipher.driver().connect(str(path))
    connection.execute(f'PRAGMA key = "{key}"')
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    connection.close()
    return path


def test_a_wrong_key_is_a_wrong_passphrase_not_damage(tmp_path: Path) -> None:
    path = _encrypted(tmp_path / "d.sqlite3")
    cipher.check_key(path, KEY)
    before = path.read_bytes()
    with pytest.raises(WrongPassphraseError) as info:
        cipher.check_key(path, OTHER_KEY)
    assert str(info.value) == f"{path}: wrong passphrase. Nothing was changed."
    assert info.value.reason == "wrong passphrase"
    assert path.read_bytes() == before


def test_a_key_for_a_file_in_a_missing_folder_cannot_be_checked(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "d.sqlite3"
    with pytest.raises(DiaryFileError) as info:
        cipher.check_key(path, KEY)
    assert str(info.value) == f"{path} cannot be opened (unable to open database file)"


def test_an_encrypted_file_without_a_passphrase_is_named(tmp_path: Path) -> None:
    path = _encrypted(tmp_path / "d.sqlite3")
    with pytest.raises(DiaryFileError) as info:
        cipher._key_of(path, None)
    assert str(info.value) == f"{path} is encrypted, and no passphrase was given for it"


def test_a_converted_copy_in_the_wrong_form_is_refused(template: Path, tmp_path: Path) -> None:
    plain = copy_of(template, tmp_path / "plain.sqlite3")
    encrypted = _encrypted(tmp_path / "enc.sqlite3")
    original = tmp_path / "d.sqlite3"
    for path, key in ((plain, KEY), (encrypted, None)):
        with pytest.raises(DiaryFileError) as info:
            cipher._verify(path, key, "digest", original)
        assert str(info.value) == f"{original}: the converted copy is not in the expected form"


def test_a_converted_copy_that_differs_from_the_original_is_refused(tmp_path: Path) -> None:
    encrypted = _encrypted(tmp_path / "enc.sqlite3")
    connection = cipher._open_driver(encrypted, KEY)
    right = cipher._digest(connection)
    connection.close()
    cipher._verify(encrypted, KEY, right, tmp_path / "d.sqlite3")  # the same rows: accepted
    with pytest.raises(DiaryFileError) as info:
        cipher._verify(encrypted, KEY, "0" * 64, tmp_path / "d.sqlite3")
    assert str(info.value) == (
        f"{tmp_path / 'd.sqlite3'}: the converted copy does not match the original; "
        "nothing was changed"
    )


def test_converting_a_diary_another_connection_has_open_is_busy(
    template: Path, tmp_path: Path
) -> None:
    """A holder from the same SQLite library (SQLCipher's) keeps the diary in WAL mode."""
    path = copy_of(template, tmp_path / "d.sqlite3")
    holder = cipher.driver().connect(str(path))
    holder.execute("SELECT count(*) FROM day").fetchone()
    before = path.read_bytes()
    try:
        with pytest.raises(DiaryBusyError) as info:
            cipher._convert_file(path, None, KEY, live=True)
    finally:
        holder.close()
    assert str(info.value) == (
        f"{path} is busy: another program (another Pain Diary window or command, or a "
        "backup tool) is using it. Try again when it has finished."
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.sqlite3"]  # no temporaries


# --- connections.translate_errors -------------------------------------------------------


def test_an_operational_error_that_is_not_damage_says_what_sqlite_said(
    template: Path, tmp_path: Path
) -> None:
    path = copy_of(template, tmp_path / "d.sqlite3")
    files = DiaryConnections(path)
    try:
        with pytest.raises(DiaryFileError) as info, files.read() as connection:
            connection.execute("SELECT * FROM no_such_table")
        assert type(info.value) is DiaryFileError
        assert str(info.value) == f"{path} cannot be used: no such table: no_such_table"
        # The same through SQLAlchemy (the sqlite3 error is the wrapper's .orig).
        with pytest.raises(DiaryFileError) as info, files.write() as connection:
            connection.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")
        assert str(info.value) == f"{path} cannot be used: no such table: no_such_table"
    finally:
        files.close()


def test_damage_keeps_the_damage_message_and_other_errors_pass_through(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"not a database " * 300)
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(DiaryFileError) as info, translate_errors(path):
            connection.execute("SELECT * FROM sqlite_master")
    finally:
        connection.close()
    assert str(info.value) == f"{path} is damaged or not a diary (file is not a database)"
    clash = sqlite3.IntegrityError("UNIQUE constraint failed: day.date")
    with pytest.raises(sqlite3.IntegrityError) as passed, translate_errors(path):
        raise clash
    assert passed.value is clash
    with pytest.raises(ValueError, match=r"^not SQLite's$"), translate_errors(path):
        raise ValueError("not SQLite's")


# --- diary_files.refuse_own_files -----------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "what"),
    [
        ("", "the diary itself"),
        ("-wal", "the diary's write-ahead log"),
        ("-shm", "the diary's shared-memory index"),
    ],
)
def test_the_diarys_own_files_are_refused_as_destinations(
    tmp_path: Path, suffix: str, what: str
) -> None:
    diary = tmp_path / "d.sqlite3"
    own = Path(f"{diary}{suffix}")
    with pytest.raises(OwnFileError) as info:
        refuse_own_files(diary, own)
    assert str(info.value) == f"{own} is {what}; choose another file. Nothing was written."
    # Named another way, the message adds which file it is.
    other_name = tmp_path / "x" / ".." / own.name
    with pytest.raises(OwnFileError) as info:
        refuse_own_files(diary, other_name)
    assert str(info.value) == (
        f"{other_name} is {what} ({own}); choose another file. Nothing was written."
    )


def test_a_destination_in_the_backups_folder_is_refused(tmp_path: Path) -> None:
    diary = tmp_path / "d.sqlite3"
    target = tmp_path / "backups" / "export.csv"
    with pytest.raises(OwnFileError) as info:
        refuse_own_files(diary, target)
    assert str(info.value) == (
        f"{target} is inside the diary's backups folder ({tmp_path / 'backups'}), which the "
        "app manages and prunes; choose another folder. Nothing was written."
    )
    assert refuse_own_files(diary, tmp_path / "export.csv") == tmp_path / "export.csv"


# --- writes ----------------------------------------------------------------------------


def test_a_day_with_a_factor_the_diary_has_not_got_is_refused(
    template: Path, tmp_path: Path
) -> None:
    from app.domain.entry import DayEntry
    from app.storage.writes import write_day

    path = copy_of(template, tmp_path / "d.sqlite3")
    files = DiaryConnections(path)
    try:
        with pytest.raises(ValueError) as info, files.write() as connection:
            write_day(DayEntry(date=D, pain=2, factors={"Coffee": 2}), connection=connection)
    finally:
        files.close()
    assert str(info.value) == "factors.Coffee: is not one of your factors"
    with Diary.open(path) as diary:
        assert diary.get_day(D).pain == 3  # type: ignore[union-attr]  # rolled back
