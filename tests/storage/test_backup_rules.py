"""Backups by their rules (names, dates, how many are kept, pruning, temporaries),
restore and conversions in-process, and the return values of the storage reads and writes.

Fast, in this process, on real SQLite files in tmp_path. Backup files are copies
of one small diary, placed under the names the rules read; every expectation is
written out by hand (which dates stay, which names are made).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.storage import backups, cipher
from app.storage.database import SQLITE_HEADER, WrongPassphraseError
from app.storage.migrate import DIARY_TABLES

D = dt.date(2025, 1, 1)  # the template diary's first day (conftest.TEMPLATE_DAY)


@pytest.fixture
def diary(template: Path, tmp_path: Path) -> Path:
    """A copy of the template as `d.sqlite3` (stem `d`), with no backups yet."""
    path = tmp_path / "d.sqlite3"
    shutil.copyfile(template, path)
    return path


def place(diary: Path, date: dt.date, data: bytes | None = None) -> Path:
    """A backup file of `diary` dated `date`: a good copy, or `data`."""
    folder = backups.backup_dir(diary)
    folder.mkdir(exist_ok=True)
    path = folder / f"{diary.stem}-{date.isoformat()}.sqlite3"
    if data is None:
        shutil.copyfile(diary, path)
    else:
        path.write_bytes(data)
    return path


def days(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range(count)]


def pains(path: Path, key: str | None = None) -> list[int]:
    connection = backups.open_file(path, key)
    try:
        return [p for (p,) in connection.execute("SELECT pain FROM day ORDER BY date")]
    finally:
        connection.close()


def set_pain(path: Path, pain: int) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("UPDATE day SET pain = ?", (pain,))
    connection.commit()
    connection.close()
    return path


# --- names, dates and the one backup a day -------------------------------------------


def test_backups_live_in_a_backups_folder_beside_the_diary(tmp_path: Path) -> None:
    assert backups.backup_dir(tmp_path / "a" / "d.sqlite3") == tmp_path / "a" / "backups"


def test_a_daily_backup_is_named_by_the_diary_and_the_day(diary: Path) -> None:
    made = backups.daily_backup(diary, today=dt.date(2025, 3, 9))
    expected = diary.parent / "backups" / "d-2025-03-09.sqlite3"
    assert made == backups.Backup(expected, dt.date(2025, 3, 9))
    assert pains(expected) == [3, 5]
    assert stat.S_IMODE(expected.stat().st_mode) == 0o600
    assert stat.S_IMODE(expected.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in expected.parent.iterdir()) == ["d-2025-03-09.sqlite3"]


def test_no_second_backup_on_the_same_day_nor_before_the_newest(diary: Path) -> None:
    backups.daily_backup(diary, today=dt.date(2025, 3, 9))
    assert backups.daily_backup(diary, today=dt.date(2025, 3, 9)) is None
    assert backups.daily_backup(diary, today=dt.date(2025, 3, 8)) is None
    later = backups.daily_backup(diary, today=dt.date(2025, 3, 10))
    assert later is not None and later.path.name == "d-2025-03-10.sqlite3"
    assert [b.date for b in backups.list_backups(diary)] == [
        dt.date(2025, 3, 10),
        dt.date(2025, 3, 9),
    ]


def test_the_daily_backup_is_dated_today_by_default(diary: Path) -> None:
    made = backups.daily_backup(diary)
    assert made is not None and made.date == dt.date.today()
    assert made.path.name == f"d-{dt.date.today().isoformat()}.sqlite3"


def test_backups_are_listed_newest_first_and_only_this_diarys_dated_copies(diary: Path) -> None:
    assert backups.list_backups(diary) == []  # no folder yet
    for date in (dt.date(2025, 1, 3), dt.date(2025, 1, 1), dt.date(2025, 1, 2)):
        place(diary, date, b"")
    folder = backups.backup_dir(diary)
    for name in (
        "other-2025-01-04.sqlite3",  # another diary's
        "d-x-2025-01-05.sqlite3",  # the diary "d-x"
        "d-2025-02-30.sqlite3",  # no such day
        "d-2025-01-06.sqlite3-wal",
        "d-2025-01-07.sqlite",
        "d-before-restore-20250108-120000.sqlite3",
        "d-25-01-09.sqlite3",
    ):
        (folder / name).write_bytes(b"")
    listed = backups.list_backups(diary)
    assert listed == [
        backups.Backup(folder / "d-2025-01-03.sqlite3", dt.date(2025, 1, 3)),
        backups.Backup(folder / "d-2025-01-02.sqlite3", dt.date(2025, 1, 2)),
        backups.Backup(folder / "d-2025-01-01.sqlite3", dt.date(2025, 1, 1)),
    ]
    assert [b.path.name for b in backups.list_backups(diary.parent / "d-x.sqlite3")] == [
        "d-x-2025-01-05.sqlite3"
    ]


# --- retention: 14 daily, the newest of each of 12 months, the newest good one ---------


def test_fourteen_daily_backups_are_all_kept(diary: Path) -> None:
    for date in days(dt.date(2025, 1, 1), 14):
        place(diary, date)
    assert backups.prune(diary) == []
    assert len(backups.list_backups(diary)) == 14


def test_the_fifteenth_and_older_daily_backups_of_a_month_are_removed(diary: Path) -> None:
    made = [place(diary, date) for date in days(dt.date(2025, 1, 1), 16)]
    removed = backups.prune(diary)
    assert removed == [made[1], made[0]]  # Jan 2 and Jan 1, newest first
    assert not made[0].exists() and not made[1].exists()
    assert [b.date for b in backups.list_backups(diary)] == days(dt.date(2025, 1, 3), 14)[::-1]


def test_the_newest_backup_of_each_of_the_last_12_months_is_kept(diary: Path) -> None:
    for date in days(dt.date(2025, 12, 1), 14):
        place(diary, date)
    monthly = [dt.date(2025, month, 15) for month in range(1, 12)]  # Jan to Nov 2025
    older = [dt.date(2024, 12, 15), dt.date(2024, 11, 15)]  # the 13th and 14th months
    for date in (*monthly, *older, dt.date(2025, 10, 10)):
        place(diary, date)
    removed = backups.prune(diary)
    folder = backups.backup_dir(diary)
    assert removed == [
        folder / "d-2025-10-10.sqlite3",  # not the newest of its month
        folder / "d-2024-12-15.sqlite3",
        folder / "d-2024-11-15.sqlite3",
    ]
    kept = [b.date for b in backups.list_backups(diary)]
    assert kept == [*days(dt.date(2025, 12, 1), 14)[::-1], *monthly[::-1]]


def test_the_newest_good_backup_is_kept_when_damaged_copies_push_it_out(diary: Path) -> None:
    good = place(diary, dt.date(2025, 1, 1))
    second = place(diary, dt.date(2025, 1, 2), b"")
    for i, date in enumerate(days(dt.date(2025, 1, 3), 14)):
        place(diary, date, b"" if i % 2 else b"not a database " * 300)
    removed = backups.prune(diary)
    assert removed == [second]
    assert good.exists()
    assert backups.newest_good_backup(diary, DIARY_TABLES) == backups.Backup(good, D)


def test_with_no_good_backup_the_rule_alone_decides(diary: Path) -> None:
    made = [place(diary, date, b"") for date in days(dt.date(2025, 1, 1), 15)]
    assert backups.newest_good_backup(diary, DIARY_TABLES) is None
    assert backups.prune(diary) == [made[0]]


def test_the_newest_good_backup_skips_empty_damaged_and_empty_database_copies(
    diary: Path, tmp_path: Path
) -> None:
    assert backups.newest_good_backup(diary, DIARY_TABLES) is None  # no folder
    good_old = place(diary, dt.date(2025, 1, 1))
    good = place(diary, dt.date(2025, 1, 2))
    place(diary, dt.date(2025, 1, 3), b"")
    place(diary, dt.date(2025, 1, 4), b"SQLite format 3\x00" + b"\x00" * 100)
    empty = sqlite3.connect(tmp_path / "empty.sqlite3")
    empty.execute("PRAGMA user_version = 1")
    empty.close()
    place(diary, dt.date(2025, 1, 5), (tmp_path / "empty.sqlite3").read_bytes())
    assert backups.newest_good_backup(diary, DIARY_TABLES) == backups.Backup(
        good, dt.date(2025, 1, 2)
    )
    assert good_old.exists()


def test_a_daily_backup_prunes_and_returns_only_todays(diary: Path) -> None:
    for date in days(dt.date(2025, 1, 1), 14):
        place(diary, date)
    made = backups.daily_backup(diary, today=dt.date(2025, 1, 20))
    assert made == backups.Backup(
        backups.backup_dir(diary) / "d-2025-01-20.sqlite3", dt.date(2025, 1, 20)
    )
    assert [b.date for b in backups.list_backups(diary)] == [
        dt.date(2025, 1, 20),
        *days(dt.date(2025, 1, 2), 13)[::-1],
    ]


def test_backup_today_returns_no_warning_and_makes_one_backup(diary: Path) -> None:
    assert backups.backup_today(diary) == []
    assert backups.backup_today(diary) == []
    assert [b.date for b in backups.list_backups(diary)] == [dt.date.today()]


# --- temporaries left by killed writers -------------------------------------------------


def _temporary(folder: Path, name: str, age: float) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(b"half a copy")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def _dead_pid() -> int:
    """The id of a process that has just ended (a real child, waited for)."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


def test_temporaries_without_a_pid_are_stale_after_a_minute(diary: Path) -> None:
    folder = backups.backup_dir(diary)
    fresh = _temporary(folder, ".d-2025-01-01.sqlite3.abcd.tmp", backups.STALE_UNNAMED_SECONDS - 5)
    stale = _temporary(folder, ".d-2025-01-02.sqlite3.efgh.tmp", backups.STALE_UNNAMED_SECONDS + 5)
    assert backups.STALE_UNNAMED_SECONDS == 60
    assert backups.remove_stale_temporaries(diary) == [stale]
    assert fresh.exists() and not stale.exists()


def test_a_live_writers_temporary_is_stale_only_after_an_hour(diary: Path) -> None:
    folder = backups.backup_dir(diary)
    pid = os.getpid()
    working = _temporary(folder, f".d-2025-01-01.sqlite3.pid{pid}.ab.tmp", 3600 - 5)
    abandoned = _temporary(folder, f".d-2025-01-02.sqlite3.pid{pid}.cd.tmp", 3600 + 5)
    assert backups.STALE_LIVE_SECONDS == 3600
    assert backups.remove_stale_temporaries(diary) == [abandoned]
    assert working.exists()


def test_a_dead_writers_temporary_and_its_side_files_go_at_once(diary: Path) -> None:
    folder = backups.backup_dir(diary)
    dead = _dead_pid()
    made = {
        _temporary(folder, f".d-2025-01-01.sqlite3.pid{dead}.ab.tmp{suffix}", 0)
        for suffix in ("", "-wal", "-shm", "-journal")
    }
    zero = _temporary(folder, ".d-2025-01-02.sqlite3.pid0.cd.tmp", 0)
    keep = {
        _temporary(folder, name, 10_000)
        for name in ("d-2025-01-03.sqlite3", ".d-2025-01-04.sqlite3", ".hidden.tmp.bak")
    }
    removed = backups.remove_stale_temporaries(diary)
    assert sorted(removed) == sorted({*made, zero})
    assert all(path.exists() for path in keep)
    assert backups.remove_stale_temporaries(diary) == []
    assert backups.remove_stale_temporaries(diary.parent / "elsewhere" / "x.sqlite3") == []


def test_which_process_ids_are_alive() -> None:
    assert backups._alive(os.getpid()) is True
    assert backups._alive(1) is True  # init: alive, whoever may signal it
    assert backups._alive(0) is False
    assert backups._alive(-7) is False
    assert backups._alive(2**80) is False  # beyond any pid (OverflowError)
    assert backups._alive(_dead_pid()) is False


# --- copies -------------------------------------------------------------------------


def test_a_copy_is_private_whole_and_leaves_no_temporary(diary: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "out" / "copy.sqlite3"
        target.parent.mkdir()
        backups.copy_database(diary, target)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert pains(target) == [3, 5]
    assert target.read_bytes()[18:20] == b"\x01\x01"  # journal_mode DELETE: stands alone
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3"]


def test_a_failed_copy_leaves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "junk.sqlite3"
    source.write_bytes(b"not a database " * 300)
    target = tmp_path / "out" / "copy.sqlite3"
    target.parent.mkdir()
    with pytest.raises(sqlite3.DatabaseError, match=r"^file is not a database$"):
        backups.copy_database(source, target)
    assert list(target.parent.iterdir()) == []


def test_the_copy_kept_before_a_restore_is_named_by_the_second_then_numbered(
    diary: Path,
) -> None:
    backups.backup_dir(diary).mkdir()
    for _ in range(3):  # the three names must be made within one second
        first = backups._keep_path(diary)
        first.touch()
        second = backups._keep_path(diary)
        second.touch()
        third = backups._keep_path(diary)
        if third.name.startswith(first.name[: -len(".sqlite3")]):
            break
    match = re.fullmatch(r"d-before-restore-(\d{8}-\d{6})\.sqlite3", first.name)
    assert match is not None and first.parent == backups.backup_dir(diary)
    stamp = dt.datetime.strptime(match[1], "%Y%m%d-%H%M%S")
    assert abs((dt.datetime.now() - stamp).total_seconds()) < 10
    assert second.name == f"d-before-restore-{match[1]}-2.sqlite3"
    assert third.name == f"d-before-restore-{match[1]}-3.sqlite3"


# --- restore, in this process -----------------------------------------------------------


def test_a_restore_into_no_diary_keeps_no_copy(template: Path, tmp_path: Path) -> None:
    backup = set_pain(shutil.copyfile(template, tmp_path / "b.sqlite3"), 7)
    diary = tmp_path / "new" / "d.sqlite3"
    assert backups.restore(diary, backup, DIARY_TABLES) is None
    assert pains(diary) == [7, 7]
    assert list(backups.backup_dir(diary).iterdir()) == []
    empty = tmp_path / "empty" / "d.sqlite3"
    empty.parent.mkdir()
    empty.touch()  # 0 bytes and no -wal: nothing to keep either
    assert backups.restore(empty, backup, DIARY_TABLES) is None
    assert pains(empty) == [7, 7]


def test_a_restore_into_a_sound_diary_returns_the_copy_of_it_kept(
    diary: Path, template: Path, tmp_path: Path
) -> None:
    backup = set_pain(shutil.copyfile(template, tmp_path / "b.sqlite3"), 7)
    kept = backups.restore(diary, backup, DIARY_TABLES)
    assert kept is not None and kept.parent == backups.backup_dir(diary)
    assert re.fullmatch(r"d-before-restore-\d{8}-\d{6}\.sqlite3", kept.name)
    assert pains(kept) == [3, 5] and pains(diary) == [7, 7]
    assert sorted(p.name for p in kept.parent.iterdir()) == [kept.name]


def test_a_restore_over_a_damaged_diary_returns_its_raw_bytes(
    template: Path, tmp_path: Path
) -> None:
    diary = tmp_path / "d.sqlite3"
    diary.write_bytes(b"SQLite format 3\x00" + b"\xee" * 8176)  # a header, then nothing sound
    Path(f"{diary}-shm").write_bytes(b"shm")
    backup = set_pain(shutil.copyfile(template, tmp_path / "b.sqlite3"), 7)
    damaged = diary.read_bytes()
    kept = backups.restore(diary, backup, DIARY_TABLES)
    assert kept is not None and kept.read_bytes() == damaged
    assert Path(f"{kept}-shm").read_bytes() == b"shm"
    assert not Path(f"{diary}-shm").exists()
    assert pains(diary) == [7, 7]


# --- conversions (SQLCipher), in this process -------------------------------------------


@pytest.fixture
def quick_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer PBKDF2 rounds: each real derivation costs ~0.25 s, and rekey makes several."""
    monkeypatch.setattr(cipher, "KDF_ITERATIONS", 1_000)


def test_encrypting_converts_the_backups_and_shreds_what_cannot_be(
    diary: Path, quick_keys: None
) -> None:
    good = place(diary, dt.date(2025, 1, 1))
    folder = backups.backup_dir(diary)
    damaged = folder / "d-before-restore-20250101-120000.sqlite3"
    damaged.write_bytes(b"not a database " * 300)
    other = folder / "other-2025-01-01.sqlite3"
    shutil.copyfile(diary, other)
    secret = cipher.Passphrase("secret")
    report = cipher.convert(diary, None, secret)
    assert report == cipher.Conversion(converted=[good], removed=[damaged])
    assert not damaged.exists()
    key = secret.key_for(diary)
    for path in (diary, good):
        assert not path.read_bytes().startswith(SQLITE_HEADER)
        assert pains(path, key) == [3, 5]
    assert other.read_bytes().startswith(SQLITE_HEADER)  # another diary's: not touched
    assert sorted(p.name for p in diary.parent.iterdir()) == ["backups", "d.sqlite3"]
    back = cipher.convert(diary, secret, None)
    assert back == cipher.Conversion(converted=[good], removed=[])
    assert diary.read_bytes().startswith(SQLITE_HEADER) and pains(diary) == [3, 5]


def test_rekeying_gives_the_diary_and_its_encrypted_backups_the_new_key(
    diary: Path, template: Path, quick_keys: None
) -> None:
    encrypted = place(diary, dt.date(2025, 1, 1))
    old, new = cipher.Passphrase("old one"), cipher.Passphrase("new one")
    cipher.convert(diary, None, old)
    plain = place(diary, dt.date(2025, 1, 2), template.read_bytes())
    before = {p: p.read_bytes() for p in (diary, encrypted, plain)}
    with pytest.raises(WrongPassphraseError):
        cipher.rekey(diary, cipher.Passphrase("not it"), new)
    assert {p: p.read_bytes() for p in before} == before
    report = cipher.rekey(diary, old, new)
    assert report == cipher.Conversion(converted=[encrypted], removed=[plain])
    assert not plain.exists()
    for path in (diary, encrypted):
        assert pains(path, new.key_for(path)) == [3, 5]
        with pytest.raises(WrongPassphraseError):
            cipher.check_key(path, old.key_for(path))


def test_finishing_an_interrupted_encrypt_converts_only_the_plain_backups(
    diary: Path, template: Path, quick_keys: None
) -> None:
    encrypted = place(diary, dt.date(2025, 1, 1))
    secret = cipher.Passphrase("secret")
    cipher.convert(diary, None, secret)
    key = secret.key_for(diary)
    plain = place(diary, dt.date(2025, 1, 2), template.read_bytes())
    junk = place(diary, dt.date(2025, 1, 3), b"not a database " * 300)
    before = encrypted.read_bytes()
    report = cipher.finish_backups(diary, key)
    assert report == cipher.Conversion(converted=[plain], removed=[junk])
    assert encrypted.read_bytes() == before
    assert not plain.read_bytes().startswith(SQLITE_HEADER)
    assert pains(plain, key) == [3, 5]
    assert not junk.exists()


def test_stale_conversions_of_this_diary_by_dead_writers_are_shredded(diary: Path) -> None:
    folder = diary.parent
    dead = _dead_pid()
    gone = [
        folder / f".d.sqlite3.pid{dead}.ab.convert.tmp",
        folder / f".d.sqlite3.pid{dead}.ab.convert.tmp-journal",
    ]
    kept = [
        folder / f".d.sqlite3.pid{os.getpid()}.cd.convert.tmp",  # a live writer's
        folder / f".other.sqlite3.pid{dead}.ef.convert.tmp",  # another diary's
        folder / f".d.sqlite3.pid{dead}.gh.tmp",  # not a conversion
    ]
    for path in (*gone, *kept):
        path.write_bytes(b"secret rows")
    assert sorted(cipher.remove_stale_conversions(diary)) == sorted(gone)
    assert all(not path.exists() for path in gone)
    assert all(path.read_bytes() == b"secret rows" for path in kept)
    assert cipher.remove_stale_conversions(folder / "missing" / "d.sqlite3") == []


def test_shredding_zeroes_then_removes_and_a_missing_file_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 70_000)  # more than one 64 KiB block of zeros
    handle = path.open("rb")
    try:
        cipher.shred(path)
        assert not path.exists()
        assert handle.read() == bytes(70_000)  # the same inode, overwritten before unlinking
    finally:
        handle.close()
    cipher.shred(path)


# --- return values of the other reads and writes -------------------------------------


@pytest.fixture
def raw(diary: Path):  # type: ignore[no-untyped-def]
    """A plain sqlite3 connection on the diary (days D and D+1), committed by the test."""
    connection = sqlite3.connect(diary, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    yield connection
    connection.close()


def test_checkin_writes_say_what_they_did(raw: sqlite3.Connection) -> None:
    from app.domain.checkin import CheckIn
    from app.storage import checkins

    noon, evening = dt.time(12, 0), dt.time(18, 30)
    later = D + dt.timedelta(days=5)  # a date without a day row yet
    assert checkins.checkin_count(connection=raw) == 0
    assert checkins.delete_checkin(later, noon, connection=raw) is False  # no such day
    checkins.write_checkin(CheckIn(date=later, time=noon, pain=4), connection=raw)
    checkins.write_checkin(CheckIn(date=later, time=evening, pain=6), connection=raw)
    checkins.write_checkin(CheckIn(date=later, time=noon, pain=5), connection=raw)  # replaces
    assert checkins.checkin_count(connection=raw) == 2
    assert checkins.find_checkin(raw, later, noon) is True
    assert checkins.find_checkin(raw, later, dt.time(12, 1)) is False
    assert checkins.find_checkin(raw, D, noon) is False
    assert checkins.delete_checkin(later, dt.time(9, 0), connection=raw) is False  # day, no such
    assert checkins.delete_checkin(later, noon, connection=raw) is True
    assert checkins.delete_checkin(later, noon, connection=raw) is False
    assert checkins.delete_day_checkins(later, connection=raw) == 1
    assert checkins.delete_day_checkins(later, connection=raw) == 0
    assert checkins.delete_day_checkins(D + dt.timedelta(days=99), connection=raw) == 0
    assert raw.execute("SELECT count(*) FROM day").fetchone()[0] == 3  # the day row stays


def test_checkins_are_read_between_inclusive_dates_and_by_exact_dates(
    raw: sqlite3.Connection,
) -> None:
    from app.domain.checkin import CheckIn
    from app.storage import checkins

    dates = days(D, 4)
    for i, date in enumerate(dates):
        checkins.write_checkin(
            CheckIn(
                date=date,
                time=dt.time(8, 0),
                pain=i,
                locations=[{"region": "knee", "side": "left"}],
                symptoms=["aching"],
                doing="walking",
                note=f"n{i}",
            ),
            connection=raw,
        )
    assert checkins.read_checkin_fields(connection=raw, start=D + dt.timedelta(days=99)) == {}
    found = checkins.read_checkin_fields(connection=raw, start=dates[1], end=dates[2])
    assert found == {
        date: [
            {
                "date": date,
                "time": dt.time(8, 0),
                "pain": i,
                "locations": [{"region": "knee", "side": "left"}],
                "symptoms": ["aching"],
                "doing": "walking",
                "note": f"n{i}",
            }
        ]
        for i, date in enumerate(dates)
        if i in (1, 2)
    }
    assert list(checkins.read_checkins(connection=raw, dates=[dates[0], dates[3]])) == [
        dates[0],
        dates[3],
    ]
    assert list(checkins.read_checkins(connection=raw)) == dates
    assert checkins.read_checkins(connection=raw, end=D - dt.timedelta(days=1)) == {}


def test_more_check_ins_than_one_query_may_name_each_keep_exactly_their_own_lists(
    raw: sqlite3.Connection,
) -> None:
    """950 check-ins: their locations and symptoms are read in chunks of 900 ids."""
    from app.storage import checkins

    day_ids = [row[0] for row in raw.execute("SELECT id FROM day ORDER BY date")]
    raw.execute("BEGIN")
    for n in range(950):
        cursor = raw.execute(
            "INSERT INTO checkin (day_id, time, pain, updated_at) VALUES (?, ?, ?, '')",
            (day_ids[n % 2], f"{n // 60:02d}:{n % 60:02d}", n % 11),
        )
        raw.execute(
            "INSERT INTO checkin_location (checkin_id, region, side) VALUES (?, 'knee', NULL)",
            (cursor.lastrowid,),
        )
        raw.execute(
            "INSERT INTO checkin_symptom (checkin_id, symptom) VALUES (?, 'sharp')",
            (cursor.lastrowid,),
        )
    raw.execute("COMMIT")
    found = checkins.read_checkin_fields(connection=raw)
    items = [c for day in found.values() for c in day]
    assert len(items) == 950
    assert all(c["locations"] == [{"region": "knee", "side": None}] for c in items)
    assert all(c["symptoms"] == ["sharp"] for c in items)


def test_day_reads_count_and_page_with_their_bounds(raw: sqlite3.Connection) -> None:
    from app.storage import repository as repo

    second = D + dt.timedelta(days=1)
    assert repo.day_count(connection=raw) == 2
    assert repo.day_count(connection=raw, start=second) == 1
    assert repo.day_count(connection=raw, end=D) == 1
    assert repo.day_count(connection=raw, start=D, end=D) == 1
    assert repo.day_count(connection=raw, start=second + dt.timedelta(days=1)) == 0
    assert repo.previous_date(second, connection=raw) == D
    assert repo.previous_date(D, connection=raw) is None  # strictly before
    assert repo.logged_dates(connection=raw) == [D, second]
    assert [s.date for s in repo.day_summaries(connection=raw, newest=1)] == [second]
    assert [s.date for s in repo.day_summaries(connection=raw, newest=5)] == [D, second]
    assert repo.day_summaries(connection=raw, newest=0) == []
    assert repo.day_summaries(connection=raw, newest=-1) == []  # not SQLite's "no limit"
    summary = repo.day_summaries(connection=raw, start=second)[0]
    assert (summary.pain, summary.pain_source, summary.checkins, summary.factors) == (
        5,
        "entered",
        0,
        0,
    )
    assert repo.read_day_fields(connection=raw, start=second + dt.timedelta(days=1)) == []
    assert [f["date"] for f in repo.read_day_fields(connection=raw, dates=[second])] == [second]
    assert repo.get_setting("no-such-key", connection=raw) is None
    assert repo.day_span(connection=raw) == repo.DaySpan(2, D, second)
    raw.execute("DELETE FROM day")
    assert repo.day_span(connection=raw) == repo.DaySpan(0, None, None)


def test_own_factor_reads_and_writes(raw: sqlite3.Connection) -> None:
    from app.domain.own_factors import OwnFactor, Suspect
    from app.storage import factors

    created = dt.date(2025, 2, 1)
    factors.add_own_factor(raw, OwnFactor("Coffee", "yesno", created_on=created))
    factors.add_own_factor(raw, OwnFactor("Screen time", "minutes", 120.0, created_on=created))
    assert factors.factor_id(raw, "COFFEE") == 1
    assert factors.factor_id(raw, "tea") is None
    factors.update_own_factor(raw, "coffee", name="Espresso", archived=True)
    assert factors.read_own_factors(connection=raw) == [
        OwnFactor("Espresso", "yesno", None, True, created, 0),
        OwnFactor("Screen time", "minutes", 120.0, False, created, 0),
    ]
    assert [f.name for f in factors.read_own_factors(connection=raw, include_archived=False)] == [
        "Screen time"
    ]
    assert list(factors.factors_by_key(raw)) == ["espresso", "screen time"]
    own = Suspect("Screen time", 1, created, None, own=True)
    built_in = Suspect("sleep", 0, created, dt.date(2025, 2, 2))
    factors.add_suspect(raw, own)
    factors.add_suspect(raw, built_in)
    assert factors.read_suspects(connection=raw) == [own, built_in]
    factors.remove_suspects(raw, [own])
    assert factors.read_suspects(connection=raw) == [built_in]
    factors.remove_suspects(raw, [built_in])
    assert factors.read_suspects(connection=raw) == []


def test_checkin_pain_by_activity_counts_within_inclusive_dates(raw: sqlite3.Connection) -> None:
    from app.domain.checkin import CheckIn
    from app.storage import checkins
    from app.storage.column_reads import read_checkin_pain_by_doing, read_day_columns

    second = D + dt.timedelta(days=1)
    for date, minute, pain, doing in (
        (D, 1, 2, "walking"),
        (D, 2, 4, "walking"),
        (second, 1, 7, None),
        (second, 2, 1, "sitting"),
    ):
        checkins.write_checkin(
            CheckIn(date=date, time=dt.time(9, minute), pain=pain, doing=doing), connection=raw
        )
    assert sorted(read_checkin_pain_by_doing(connection=raw), key=str) == sorted(
        [("walking", 2, 6), (None, 1, 7), ("sitting", 1, 1)], key=str
    )
    assert read_checkin_pain_by_doing(connection=raw, start=second, end=second) == [
        (None, 1, 7),
        ("sitting", 1, 1),
    ]
    assert read_checkin_pain_by_doing(connection=raw, end=D) == [("walking", 2, 6)]
    columns = read_day_columns(connection=raw, start=second, end=second)
    assert columns.dates() == [second]
    assert columns.pain.tolist() == [5.0]


def test_day_writes_say_what_they_did(diary: Path) -> None:
    from app.domain.entry import DayEntry
    from app.storage import repository as repo
    from app.storage import writes
    from app.storage.connections import DiaryConnections, raw

    files = DiaryConnections(diary)
    try:
        with files.write() as connection:
            assert writes.delete_day(D, connection=connection) is True
            assert writes.delete_day(D, connection=connection) is False
            writes.set_setting("name", "Ann", connection=connection)
            writes.set_setting("name", "Bo", connection=connection)
            assert repo.all_settings(connection=raw(connection)) == {"name": "Bo"}
            writes.set_setting("name", None, connection=connection)
            assert repo.get_setting("name", connection=raw(connection)) is None
            writes.remember_exercises(["Yoga", "Archery"], connection=connection)
            writes.remember_exercises(["Yoga"], connection=connection)
            writes.remember_exercises([], connection=connection)
            assert repo.custom_exercises(connection=raw(connection)) == ["Archery", "Yoga"]
            writes.write_day(DayEntry(date=D, pain=8), connection=connection)
            assert [d.pain for d in repo.read_days(connection=raw(connection))] == [8, 5]
    finally:
        files.close()
