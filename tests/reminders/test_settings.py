"""reminders.json: validation, bad files named with their field, never overwritten."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from app.reminders.settings import (
    MAX_REMINDERS,
    Reminder,
    ReminderSettingsError,
    add_reminder,
    load_reminders,
    parse_time,
    remove_reminder,
    set_only_if_not_logged,
)


@pytest.mark.parametrize("text", ["9", "24:00", "09:60", "9h", "", "09:00:00", "ab:cd"])
def test_bad_times_name_the_field(text: str):
    with pytest.raises(ReminderSettingsError, match=r"^Reminder time: use HH:MM, e.g. 09:00"):
        parse_time(text)


def test_add_list_remove(config_folder: Path):
    add_reminder("20:00")
    add_reminder("9:05", only_if_not_logged=True)
    assert load_reminders() == (
        [Reminder(dt.time(9, 5), True), Reminder(dt.time(20, 0), False)],
        None,
    )
    path = config_folder / "reminders.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(config_folder.stat().st_mode) == 0o700
    set_only_if_not_logged("20:00", True)
    remove_reminder("09:05")
    assert load_reminders() == ([Reminder(dt.time(20, 0), True)], None)


def test_duplicates_and_too_many_are_refused(config_folder: Path):
    add_reminder("08:00")
    with pytest.raises(ReminderSettingsError, match="08:00 is already set"):
        add_reminder("8:00")
    for hour in range(1, MAX_REMINDERS):
        add_reminder(f"{hour + 8}:00")
    before = (config_folder / "reminders.json").read_bytes()
    with pytest.raises(ReminderSettingsError, match=f"at most {MAX_REMINDERS}"):
        add_reminder("23:00")
    assert (config_folder / "reminders.json").read_bytes() == before


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{not json", "not JSON"),
        ('{"reminders": [{"time": "25:00"}]}', "reminders[0].time: use HH:MM"),
        ('{"reminders": [{"time": 9}]}', "reminders[0].time: use HH:MM, e.g. 09:00 (got a number)"),
        (
            '{"reminders": [{"time": "09:00", "only_if_not_logged": "yes"}]}',
            "reminders[0].only_if_not_logged: use true or false",
        ),
        ('{"reminders": [{"time": "09:00"}, {"time": "9:00"}]}', "09:00 is there twice"),
        ("[]", 'expected {"reminders": [...]}'),
    ],
)
def test_a_bad_file_is_named_and_never_overwritten(config_folder: Path, content: str, said: str):
    config_folder.mkdir()
    path = config_folder / "reminders.json"
    path.write_text(content, encoding="utf-8")
    reminders, problem = load_reminders()
    assert reminders == []
    assert problem is not None and problem.startswith(str(path)) and said in problem
    with pytest.raises(ReminderSettingsError, match="fix or delete it first"):
        add_reminder("10:00")
    assert path.read_text(encoding="utf-8") == content


def test_the_file_is_plain_json(config_folder: Path):
    add_reminder("07:30", only_if_not_logged=True)
    data = json.loads((config_folder / "reminders.json").read_text(encoding="utf-8"))
    assert data == {"reminders": [{"time": "07:30", "only_if_not_logged": True}]}
