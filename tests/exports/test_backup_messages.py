"""Refusals of a malformed backup: each names the file, the place and what is allowed."""

from __future__ import annotations

import datetime as dt
import json
import locale
from pathlib import Path

import pytest

from app.exports.backup_json import (
    BackupFileError,
    backup_document,
    parse_backup_text,
    read_backup,
    write_backup,
)

HEAD = '"format": "pain-diary-backup", "version": 3'


def _v3() -> dict:
    return {"format": "pain-diary-backup", "version": 3}


def _problems(body: str, name: str = "old.json") -> list[str]:
    """The problem lines of a refused version 3 backup (after the file's own line)."""
    with pytest.raises(BackupFileError) as caught:
        parse_backup_text("{" + HEAD + ", " + body + "}", name)
    first, *rest = str(caught.value).split("\n")
    assert first == f"{name}: nothing was imported; fix these problems and try again:"
    return [line.removeprefix("  ") for line in rest]


def test_a_checkin_that_is_not_an_object_is_named_by_day_and_index() -> None:
    body = '"days": [{"date": "2026-01-05", "pain": 4, "checkins": [5]}]'
    assert _problems(body) == [
        "days[0] (2026-01-05): checkins[0]: must be an object with a time and a pain"
    ]


def test_a_bad_checkin_of_a_bad_day_still_names_its_day() -> None:
    """The day's own problem does not hide its check-ins' ones, and they keep their place."""
    body = (
        '"days": [{"date": "2026-01-05", "pain": 11,'
        ' "checkins": [{"time": "16:45", "pain": 3, "date": "2026-01-05"}]}]'
    )
    problems = _problems(body)
    assert len(problems) == 2
    assert problems[0].startswith("days[0] (2026-01-05): pain: ")
    assert problems[1] == (
        "days[0] (2026-01-05): checkins[0] (16:45): date: "
        "a check-in takes its day's date; remove this field"
    )


def test_an_own_factor_that_is_not_an_object_is_named_by_index() -> None:
    assert _problems('"own_factors": ["Gardening"]') == [
        "own_factors[0]: must be an object with a name and a kind"
    ]


def test_suspects_that_are_not_a_list_are_refused_by_name() -> None:
    assert _problems('"suspects": {"factor": "sitting"}') == [
        '"suspects" must be a list of suspects'
    ]


def test_a_setting_name_may_have_64_characters_but_not_65() -> None:
    ok = parse_backup_text(json.dumps({**_v3(), "settings": {"k" * 64: "v"}}))
    assert ok.settings == {"k" * 64: "v"}
    long = "k" * 65
    assert _problems(json.dumps({"settings": {long: "v"}})[1:-1]) == [
        f"settings['{'k' * 40}…' (65 characters)]: a setting name has 1 to 64 characters"
    ]


def test_text_without_a_file_name_is_called_backup() -> None:
    with pytest.raises(BackupFileError) as caught:
        parse_backup_text("[]")
    assert str(caught.value) == "backup: is not a Pain Diary backup (expected a JSON object)"


def test_the_export_time_is_utc_with_its_offset_written() -> None:
    """A backup moved between time zones still says when it was made."""
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = backup_document([], [], {})["exported_at"]
    after = dt.datetime.now(dt.UTC)
    assert stamp.endswith("+00:00")
    assert before <= dt.datetime.fromisoformat(stamp) <= after


def test_a_backup_is_utf8_whatever_the_machines_locale(tmp_path: Path) -> None:
    """On a machine whose locale is not UTF-8 (Windows, a C locale) names still round-trip."""
    out = tmp_path / "b.json"
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        write_backup(backup_document([], ["Nackendehnung Ö"], {"user_name": "Zoë 李"}), out)
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)
    assert '"user_name": "Zoë 李"' in out.read_bytes().decode("utf-8")
    back = read_backup(out)
    assert back.settings == {"user_name": "Zoë 李"}
    assert back.custom_exercises == ["Nackendehnung Ö"]
