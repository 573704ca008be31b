"""Reminder times and their "only if nothing logged today" switch, in reminders.json.

The file is this computer's preference (config folder, 0600), not diary data.
A file that cannot be read as reminders is reported (naming the file and the
field) and treated as no reminders; it is never overwritten by a change made
while it is bad, so a hand edit is not lost.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.config import config_dir

REMINDERS_FILE = "reminders.json"
#: More than this many a day is nagging, not reminding.
MAX_REMINDERS = 6
TIME_HINT = "use HH:MM, e.g. 09:00"
#: What a JSON value that is not a text is called in messages.
_JSON_KINDS = {
    type(None): "nothing",
    bool: "true/false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "an object",
}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ReminderSettingsError(ValueError):
    """A reminder value or the reminders file is not usable; the message says which and why."""


@dataclass(frozen=True, order=True)
class Reminder:
    """One reminder: a time of day, and whether to skip it when today is already logged."""

    time: dt.time
    only_if_not_logged: bool = False

    @property
    def label(self) -> str:
        """The time as HH:MM."""
        return self.time.strftime("%H:%M")


def parse_time(text: str, field: str = "Reminder time") -> dt.time:
    """'9:05' or '09:05' as a time; ReminderSettingsError naming `field` otherwise."""
    match = _TIME.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        if isinstance(text, str):
            shown = repr(text) if len(text) <= 20 else "a longer text"
        else:
            shown = _JSON_KINDS.get(type(text), "something else")
        raise ReminderSettingsError(f"{field}: {TIME_HINT} (got {shown})")
    return dt.time(int(match.group(1)), int(match.group(2)))


def reminders_path(folder: Path | None = None) -> Path:
    """Where the reminders are kept: reminders.json in the config folder."""
    return (folder or config_dir()) / REMINDERS_FILE


def _from_json(data: Any, path: Path) -> list[Reminder]:
    if not isinstance(data, dict) or not isinstance(data.get("reminders"), list):
        raise ReminderSettingsError(
            f'{path}: expected {{"reminders": [...]}}, a list of {{"time": "HH:MM", '
            '"only_if_not_logged": true|false}'
        )
    found: list[Reminder] = []
    for index, item in enumerate(data["reminders"]):
        where = f"{path}: reminders[{index}]"
        if not isinstance(item, dict):
            raise ReminderSettingsError(f"{where}: expected an object with a time")
        time = parse_time(item.get("time"), f"{where}.time")  # type: ignore[arg-type]
        flag = item.get("only_if_not_logged", False)
        if not isinstance(flag, bool):
            raise ReminderSettingsError(f"{where}.only_if_not_logged: use true or false")
        found.append(Reminder(time, flag))
    try:
        return validated(found)
    except ReminderSettingsError as error:
        raise ReminderSettingsError(f"{path}: {error}") from None


def validated(reminders: list[Reminder]) -> list[Reminder]:
    """The reminders sorted by time; refused when there are too many or a time repeats."""
    times = [r.label for r in reminders]
    repeated = sorted({t for t in times if times.count(t) > 1})
    if repeated:
        raise ReminderSettingsError(f"Reminder time: {', '.join(repeated)} is there twice")
    if len(reminders) > MAX_REMINDERS:
        raise ReminderSettingsError(f"at most {MAX_REMINDERS} reminders a day can be set")
    return sorted(reminders)


def load_reminders(folder: Path | None = None) -> tuple[list[Reminder], str | None]:
    """The saved reminders, and the problem with the file when it cannot be used (then none)."""
    path = reminders_path(folder)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        return [], f"{path}: cannot be read ({reason}); no reminders are sent until it is fixed"
    try:
        return _from_json(json.loads(text), path), None
    except ValueError as error:  # JSON errors and ReminderSettingsError
        message = str(error) if str(error).startswith(str(path)) else f"{path}: not JSON ({error})"
        return [], f"{message}; no reminders are sent until it is fixed"


def save_reminders(reminders: list[Reminder], folder: Path | None = None) -> None:
    """Write the reminders (validated) to reminders.json, whole or not at all, owner-only."""
    from app.exports.files import atomic_write

    reminders = validated(reminders)
    path = reminders_path(folder)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = {
        "reminders": [
            {"time": r.label, "only_if_not_logged": r.only_if_not_logged} for r in reminders
        ]
    }
    with atomic_write(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
        handle.write("\n")


def _current(folder: Path | None) -> list[Reminder]:
    """The saved reminders; refused when the file is bad (a change must not overwrite it)."""
    reminders, problem = load_reminders(folder)
    if problem:
        raise ReminderSettingsError(
            f"{problem.removesuffix('; no reminders are sent until it is fixed')}; "
            "fix or delete it first (nothing was changed)"
        )
    return reminders


def add_reminder(
    text: str, only_if_not_logged: bool = False, folder: Path | None = None
) -> Reminder:
    """Add a reminder at `text` (HH:MM); refused (nothing written) if bad or already there."""
    reminder = Reminder(parse_time(text), only_if_not_logged)
    reminders = _current(folder)
    if any(r.time == reminder.time for r in reminders):
        raise ReminderSettingsError(f"Reminder time: {reminder.label} is already set")
    if len(reminders) >= MAX_REMINDERS:
        raise ReminderSettingsError(
            f"Reminder time: at most {MAX_REMINDERS} reminders a day; remove one first"
        )
    save_reminders([*reminders, reminder], folder)
    return reminder


def remove_reminder(text: str, folder: Path | None = None) -> Reminder:
    """Remove the reminder at `text` (HH:MM); refused if there is none."""
    time = parse_time(text)
    reminders = _current(folder)
    kept = [r for r in reminders if r.time != time]
    if len(kept) == len(reminders):
        raise ReminderSettingsError(f"Reminder time: there is no reminder at {time:%H:%M}")
    save_reminders(kept, folder)
    return next(r for r in reminders if r.time == time)


def set_only_if_not_logged(text: str, value: bool, folder: Path | None = None) -> None:
    """Turn "only if nothing logged today" on or off for the reminder at `text`."""
    time = parse_time(text)
    reminders = _current(folder)
    if not any(r.time == time for r in reminders):
        raise ReminderSettingsError(f"Reminder time: there is no reminder at {time:%H:%M}")
    save_reminders([Reminder(r.time, value) if r.time == time else r for r in reminders], folder)
