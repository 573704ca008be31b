"""Encrypted diaries (SQLCipher): what is on disk, wrong passphrases, and every feature.

Real files throughout: the bytes of the diary and of its backups are read back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.diary import Diary, DiaryFileError, PassphraseNeededError, WrongPassphraseError
from app.storage import backups
from app.storage.cipher import Passphrase, driver
from app.storage.database import SQLITE_HEADER

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple"
NOTE = "zebra-marmalade-secret-note"
REGION = "thigh_back"
DAY = dt.date(2026, 3, 4)


def filled(path: Path, days: int = 6) -> Path:
    """A plain diary with a note and a region code in it, and today's backup."""
    with Diary.open(path) as diary:
        for offset in range(days):
            diary.update_day(
                DAY - dt.timedelta(days=offset),
                {
                    "pain": 3 + offset % 4,
                    "note": f"{NOTE} {offset}",
                    "locations": [{"region": REGION, "side": "left"}],
                    "sleep_hours": 6 + offset % 3,
                    "sitting_minutes": 300 + 30 * (offset % 10),
                },
            )
        diary.backup()
    return path


def state(folder: Path) -> dict[str, str]:
    """Every file under `folder` and a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def show_json(capsys, path: Path) -> list[dict]:
    assert main(["--db", str(path), "show", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def all_files(path: Path) -> list[Path]:
    """The diary and everything in its backups folder."""
    return [path, *sorted(backups.backup_dir(path).iterdir())]


def test_encrypt_leaves_no_readable_note_or_region_in_the_diary_or_its_backups(
    capsys, monkeypatch, diary_path: Path
) -> None:
    filled(diary_path)
    before = show_json(capsys, diary_path)
    plain = all_files(diary_path)
    assert any(NOTE.encode() in p.read_bytes() for p in plain)  # the test can fail
    monkeypatch.setenv("PAIN_DIARY_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(diary_path), "encrypt"]) == 0
    out = capsys.readouterr().out
    assert "1 backups encrypted, 0 removed" in out
    for path in all_files(diary_path):
        data = path.read_bytes()
        assert not data.startswith(SQLITE_HEADER), path
        assert NOTE.encode() not in data and REGION.encode() not in data, path
    # Nothing plain is left beside it either (no -wal, no temporaries).
    assert sorted(p.name for p in diary_path.parent.iterdir()) == ["backups", diary_path.name]
    assert show_json(capsys, diary_path) == before
    # Backups made later, by the daily rule, are encrypted too.
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    key = Passphrase(PASSPHRASE).key_for(diary_path)
    newest = backups.daily_backup(diary_path, today=tomorrow, key=key)
    assert newest is not None and newest.date == tomorrow
    assert NOTE.encode() not in newest.path.read_bytes()
    assert not newest.path.read_bytes().startswith(SQLITE_HEADER)


def test_a_wrong_passphrase_exits_2_and_leaves_every_file_byte_identical(
    capsys, monkeypatch, diary_path: Path
) -> None:
    filled(diary_path)
    Diary.encrypt(diary_path, PASSPHRASE)
    before = state(diary_path.parent)
    monkeypatch.setenv("PAIN_DIARY_PASSPHRASE", "not the passphrase")
    for command in (["show"], ["log", "today", "--pain", "3"], ["decrypt"], ["backup"]):
        assert main(["--db", str(diary_path), *command]) == 2, command
        err = capsys.readouterr().err
        assert "wrong passphrase" in err and "damaged" not in err and "restore" not in err
        assert state(diary_path.parent) == before
    with pytest.raises(WrongPassphraseError):
        Diary.open(diary_path, "not the passphrase")
    with pytest.raises(PassphraseNeededError):
        Diary.open(diary_path)
    assert state(diary_path.parent) == before


def test_without_a_passphrase_a_script_is_told_how_to_give_one(
    capsys, monkeypatch, diary_path: Path
) -> None:
    filled(diary_path)
    Diary.encrypt(diary_path, PASSPHRASE)
    monkeypatch.delenv("PAIN_DIARY_PASSPHRASE", raising=False)
    assert main(["--db", str(diary_path), "show"]) == 2
    err = capsys.readouterr().err
    assert "--passphrase-file" in err and "PAIN_DIARY_PASSPHRASE" in err


def test_passphrase_file_opens_it_and_the_passphrase_is_never_printed(
    capsys, tmp_path: Path, diary_path: Path
) -> None:
    filled(diary_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n")
    assert main(["--db", str(diary_path), "encrypt", "--passphrase-file", str(secret)]) == 0
    assert main(["--db", str(diary_path), "--passphrase-file", str(secret), "show"]) == 0
    captured = capsys.readouterr()
    assert PASSPHRASE not in captured.out + captured.err
    for path in all_files(diary_path):
        assert PASSPHRASE.encode() not in path.read_bytes()


def test_a_truncated_encrypted_diary_is_damaged_not_a_wrong_passphrase(
    capsys, monkeypatch, diary_path: Path
) -> None:
    filled(diary_path, days=60)
    Diary.encrypt(diary_path, PASSPHRASE)
    monkeypatch.setenv("PAIN_DIARY_PASSPHRASE", PASSPHRASE)
    data = diary_path.read_bytes()
    assert len(data) >= 3 * 4096
    for size in (len(data) - 4096, len(data) - 1000):  # at a page boundary, and mid-page
        diary_path.write_bytes(data[:size])
        before = state(diary_path.parent)
        assert main(["--db", str(diary_path), "show"]) == 2
        err = capsys.readouterr().err
        assert "damaged" in err and "wrong passphrase" not in err, err
        assert state(diary_path.parent) == before
        # The newest good (encrypted) backup is named, and restoring it works.
        good = backups.list_backups(diary_path)[0].path
        assert str(good) in err and "restore" in err, err
    assert main(["--db", str(diary_path), "restore", str(good)]) == 0
    assert "Restored" in capsys.readouterr().out
    with Diary.open(diary_path, PASSPHRASE) as diary:
        assert diary.count() == 60


def test_decrypt_gives_back_a_plain_diary_equal_in_show_json(
    capsys, monkeypatch, diary_path: Path
) -> None:
    filled(diary_path)
    before = show_json(capsys, diary_path)
    Diary.encrypt(diary_path, PASSPHRASE)
    monkeypatch.setenv("PAIN_DIARY_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(diary_path), "decrypt"]) == 0
    assert "decrypted" in capsys.readouterr().out
    monkeypatch.delenv("PAIN_DIARY_PASSPHRASE")
    for path in all_files(diary_path):
        assert path.read_bytes().startswith(SQLITE_HEADER), path
    assert show_json(capsys, diary_path) == before


def test_changing_the_passphrase_rekeys_the_diary_and_its_backups(
    capsys, monkeypatch, diary_path: Path
) -> None:
    filled(diary_path)
    before = show_json(capsys, diary_path)
    Diary.encrypt(diary_path, PASSPHRASE)
    monkeypatch.setenv("PAIN_DIARY_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("PAIN_DIARY_NEW_PASSPHRASE", "a new one")
    assert main(["--db", str(diary_path), "passphrase"]) == 0
    assert "1 backups given the new passphrase" in capsys.readouterr().out
    with pytest.raises(WrongPassphraseError):
        Diary.open(diary_path, PASSPHRASE)
    monkeypatch.setenv("PAIN_DIARY_PASSPHRASE", "a new one")
    assert show_json(capsys, diary_path) == before
    # Its backups open with the new passphrase, and restore.
    backup = backups.list_backups(diary_path)[0].path
    assert main(["--db", str(diary_path), "restore", str(backup)]) == 0
    # A file made by us opens with SQLCipher's own `PRAGMA key = 'passphrase'`.
    connection = driver().connect(str(diary_path))
    connection.execute("PRAGMA key = 'a new one'")
    assert connection.execute("SELECT count(*) FROM day").fetchone()[0] == 6
    connection.close()


def test_encrypt_refuses_while_another_program_has_the_diary_open(diary_path: Path) -> None:
    """A real second process holds the diary open: encrypting it would lose its later saves."""
    filled(diary_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(diary_path)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DiaryFileError, match=r"busy|open in another program"):
            Diary.encrypt(diary_path, PASSPHRASE)
        holder.stdin.write("save\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "saved"
    finally:
        holder.communicate(timeout=60)
    assert diary_path.read_bytes().startswith(SQLITE_HEADER)
    with Diary.open(diary_path) as diary:
        assert diary.get_day(DAY).pain == 10  # the other program's save is there


HOLD = """
import sys, datetime as dt
from app.diary import Diary
with Diary.open(sys.argv[1]) as diary:
    diary.count()
    print("open", flush=True)
    sys.stdin.readline()
    diary.update_day(dt.date(2026, 3, 4), {"pain": 10})
    print("saved", flush=True)
"""


def test_every_feature_works_on_an_encrypted_diary(tmp_path: Path, diary_path: Path) -> None:
    """Save, merge, insights, charts, CSV/JSON/FHIR/PDF, import, backup and restore."""
    filled(diary_path, days=40)
    Diary.encrypt(diary_path, PASSPHRASE)
    with Diary.open(diary_path, PASSPHRASE) as diary:
        assert diary.encrypted and diary.count() == 40
        diary.update_day(DAY + dt.timedelta(days=1), {"pain": 7, "flare": True})
        saved = diary.save_form(DAY, diary.get_day_fields(DAY), {"pain": 9})
        assert saved.pain == 9
        assert diary.insights().days_logged == 41
        assert diary.chart("trend") is not None
        diary.export_chart(tmp_path / "trend.png", "trend")
        assert diary.export_csv(tmp_path / "days.csv") == 41
        assert diary.export_json(tmp_path / "all.json") == 41
        assert diary.export_fhir(tmp_path / "fhir.json") > 0
        pages = diary.export_report(tmp_path / "report.pdf")
        assert len(PdfReader(tmp_path / "report.pdf").pages) == pages
        copy = diary.backup(tmp_path / "copy.sqlite3")
        assert not copy.read_bytes().startswith(SQLITE_HEADER)
        assert NOTE.encode() not in copy.read_bytes()
        assert diary.integrity_check() == "ok"
    # Exports are plain by design.
    assert NOTE in (tmp_path / "days.csv").read_text()
    # Import into a fresh encrypted diary.
    other = filled(tmp_path / "other" / "d.sqlite3", days=1)
    Diary.encrypt(other, "other")
    with Diary.open(other, "other") as diary:
        report = diary.import_json(tmp_path / "all.json", replace=True)
        assert report.ok, report.problems
        assert diary.count() == 41
        report = diary.import_csv(tmp_path / "days.csv", replace=True)
        assert report.ok, report.problems
    # Restore an encrypted backup into the live encrypted diary.
    kept = Diary.restore(diary_path, copy, PASSPHRASE)
    assert kept is not None and not kept.read_bytes().startswith(SQLITE_HEADER)
    with Diary.open(diary_path, PASSPHRASE) as diary:
        assert diary.get_day(DAY).pain == 9


def test_a_plain_backup_is_not_restored_into_an_encrypted_diary(
    tmp_path: Path, diary_path: Path
) -> None:
    plain = filled(tmp_path / "plain" / "p.sqlite3")
    filled(diary_path)
    Diary.encrypt(diary_path, PASSPHRASE)
    before = state(diary_path.parent)
    with pytest.raises(DiaryFileError, match="nothing was restored"):
        Diary.restore(diary_path, plain, PASSPHRASE)
    assert state(diary_path.parent) == before


def test_migrations_run_at_open_on_an_encrypted_diary(diary_path: Path) -> None:
    """An encrypted database without the diary's tables gets them (Alembic over SQLCipher)."""
    key = Passphrase(PASSPHRASE).fresh_key()
    connection = driver().connect(str(diary_path))
    connection.execute(f'PRAGMA key = "{key}"')
    connection.execute("PRAGMA user_version = 1")  # page 1 written: an encrypted, empty file
    connection.commit()
    connection.close()
    assert not diary_path.read_bytes().startswith(SQLITE_HEADER)
    with Diary.open(diary_path, PASSPHRASE) as diary:
        diary.update_day(DAY, {"pain": 2})
        assert diary.count() == 1
    assert not diary_path.read_bytes().startswith(SQLITE_HEADER)


def test_exporting_from_an_encrypted_diary_says_the_file_is_not_encrypted(
    capsys, monkeypatch, tmp_path: Path, diary_path: Path
) -> None:
    filled(diary_path)
    assert main(["--db", str(diary_path), "export", str(tmp_path / "a.csv")]) == 0
    assert "NOT encrypted" not in capsys.readouterr().err  # a plain diary: nothing to say
    Diary.encrypt(diary_path, PASSPHRASE)
    monkeypatch.setenv("PAIN_DIARY_PASSPHRASE", PASSPHRASE)
    for command in (["export", str(tmp_path / "b.csv")], ["report", str(tmp_path / "r.pdf")]):
        assert main(["--db", str(diary_path), *command]) == 0
        assert "NOT encrypted" in capsys.readouterr().err


def test_plain_backups_left_by_an_interrupted_encrypt_are_encrypted_at_the_next_open(
    tmp_path: Path, diary_path: Path
) -> None:
    filled(diary_path)
    plain_copy = tmp_path / "plain-copy.sqlite3"
    plain_copy.write_bytes(backups.list_backups(diary_path)[0].path.read_bytes())
    Diary.encrypt(diary_path, PASSPHRASE)
    # As if the encrypt had been killed after its swap, before its backups were done:
    left = backups.backup_dir(diary_path) / f"{diary_path.stem}-2026-01-01.sqlite3"
    left.write_bytes(plain_copy.read_bytes())
    assert NOTE.encode() in left.read_bytes()
    with Diary.open(diary_path, PASSPHRASE) as diary:
        assert any("interrupted encrypt" in warning for warning in diary.warnings)
    assert NOTE.encode() not in left.read_bytes()
    assert not left.read_bytes().startswith(SQLITE_HEADER)
