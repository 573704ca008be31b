"""Storage behaviour the fourth mutation sample showed unpinned, with real SQLite files."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import os
import resource
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from app.diary import Diary
from app.storage import backups, migrate
from app.storage.database import DiaryFileError, check_diary_file
from app.storage.migrate import DIARY_TABLES, stored_revision

FIXTURES = Path(__file__).with_name("fixtures")
#: A raw SQLCipher key literal (32 key bytes, 16 salt bytes), as an encrypted diary's key.
KEY = f"x'{'11' * 32}{'22' * 16}'"


# --- which files may be a diary ---------------------------------------------------------


@pytest.mark.parametrize("size", [512, 1024, 4096])
def test_headerless_whole_pages_of_512_bytes_are_left_for_the_passphrase_to_judge(
    tmp_path: Path, size: int
) -> None:
    """SQLCipher's smallest page is 512 bytes: one such page may be an encrypted diary."""
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"\x8f" * size)
    assert check_diary_file(path, encrypted_ok=True) is None


@pytest.fixture
def unreadable(tmp_path: Path) -> Path:
    """A file this process may not read: mode 200, or for root (who reads any mode) a
    write-only kernel setting, which procfs refuses to read even to root."""
    path = tmp_path / "d.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    path.chmod(0o200)
    for candidate in (path, Path("/proc/sys/vm/drop_caches")):
        try:
            candidate.open("rb").close()
        except PermissionError:
            return candidate
        except OSError:
            continue
    pytest.skip("no file here that this process is refused reading")


def test_a_file_that_may_not_be_read_is_refused_in_these_words(unreadable: Path) -> None:
    with pytest.raises(DiaryFileError) as refused:
        check_diary_file(unreadable)
    assert str(refused.value) == f"{unreadable} cannot be read: permission denied"


def _memory_in_use() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize in /proc/self/status")


def test_a_read_only_device_with_endless_bytes_is_refused_without_reading_them_all(
    tmp_path: Path,
) -> None:
    """A read-only copy of /dev/zero (size 0, content without end) read as a diary: only
    its header may be read. The address-space cap turns reading it all into a
    MemoryError at once instead of eating the machine's memory."""
    if not Path("/proc/self/status").exists():
        pytest.skip("the memory in use is read from /proc")
    path = tmp_path / "zero.sqlite3"
    try:
        os.mknod(path, stat.S_IFCHR | 0o400, os.stat("/dev/zero").st_rdev)
    except PermissionError:
        pytest.skip("making a device file needs root")
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (_memory_in_use() + (256 << 20), hard))
    try:
        with pytest.raises(DiaryFileError) as refused:
            Diary.open(path)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    assert str(refused.value) == (
        f"{path} is read-only, and opening it means writing to it (to set it up, or "
        "upgrade it from an older version of Pain Diary): make it writable "
        f"(chmod 600 {path}) and try again"
    )


# --- backups -----------------------------------------------------------------------------


def test_a_plain_backup_from_before_encrypting_is_still_the_newest_good_one(
    template: Path, tmp_path: Path
) -> None:
    """Backups made before the diary was encrypted stay plain: they open without its key."""
    diary = tmp_path / "d.sqlite3"
    folder = tmp_path / "backups"
    folder.mkdir()
    plain = folder / "d-2025-01-03.sqlite3"
    shutil.copyfile(template, plain)

    found = backups.newest_good_backup(diary, DIARY_TABLES, KEY)

    assert found == backups.Backup(plain, dt.date(2025, 1, 3))


# --- schema revisions and upgrades -------------------------------------------------------


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        ([], None),
        (["CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"], None),
        (
            [
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
                "INSERT INTO alembic_version VALUES ('0002')",
            ],
            "0002",
        ),
    ],
    ids=["no version table", "empty version table", "revision 0002"],
)
def test_the_stored_revision_is_the_version_table_s_row_or_none(
    tmp_path: Path, statements: list[str], expected: str | None
) -> None:
    connection = sqlite3.connect(tmp_path / "d.sqlite3")
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
        assert stored_revision(connection) == expected
    finally:
        connection.close()


def test_an_installed_package_finds_the_migrations_inside_it(tmp_path: Path) -> None:
    """A wheel puts migrations/ inside app/ (tests/test_packaging.py builds one, slowly):
    the same module file, laid out that way, must find them there."""
    source = Path(migrate.__file__)
    package = tmp_path.resolve() / "site-packages" / "app"
    (package / "storage").mkdir(parents=True)
    (package / "migrations").mkdir()
    shutil.copyfile(source, package / "storage" / "migrate.py")
    shutil.copyfile(source.parents[2] / "migrations" / "env.py", package / "migrations" / "env.py")
    spec = importlib.util.spec_from_file_location(
        "app.storage.migrate", package / "storage" / "migrate.py"
    )
    assert spec is not None and spec.loader is not None
    installed = importlib.util.module_from_spec(spec)  # not put in sys.modules
    spec.loader.exec_module(installed)

    assert installed.migrations_dir() == package / "migrations"


def test_an_old_diary_with_details_of_a_missing_day_is_not_upgraded_and_left_as_it_was(
    tmp_path: Path,
) -> None:
    """Such a row can only come from another program writing with foreign keys off."""
    path = tmp_path / "diary.sqlite3"
    shutil.copyfile(FIXTURES / "diary-0002.sqlite3", path)
    path.chmod(0o600)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode = WAL")  # as the app leaves every diary it has opened
    raw.execute("INSERT INTO day_location (day_id, region, side) VALUES (999, 'calf', 'left')")
    raw.commit()
    raw.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    with pytest.raises(DiaryFileError) as refused:
        Diary.open(path)

    assert str(refused.value) == (
        f"{path} could not be upgraded: the new schema breaks links between days and their "
        "details; it was left as it was"
    )
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
