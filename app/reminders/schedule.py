"""Which reminders are due now, and which were already sent today (reminders-sent.json).

`due_reminders` is a pure function of (reminders, now, sent). The sent state
is shared by the timer's `pain-diary remind` and the running app, under a
file lock, so the two never send the same reminder twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from app.config import config_dir
from app.reminders.settings import Reminder

try:
    import fcntl
except ImportError:  # Windows: there is no timer there, only the app sends
    fcntl = None  # type: ignore[assignment]

SENT_FILE = "reminders-sent.json"
_LOCK_FILE = ".reminders.lock"
#: A reminder still counts this long after its time: a laptop waking at 10:30
#: still gets its 09:00 reminder, once; one waking in the evening does not.
GRACE = dt.timedelta(hours=2)


def due_reminders(
    reminders: list[Reminder], now: dt.datetime, sent: Mapping[str, str]
) -> list[Reminder]:
    """Reminders whose time passed today within GRACE and that were not sent today."""
    today = now.date().isoformat()
    due = []
    for reminder in reminders:
        at = dt.datetime.combine(now.date(), reminder.time, tzinfo=now.tzinfo)
        if at <= now <= at + GRACE and sent.get(reminder.label) != today:
            due.append(reminder)
    return due


def needs_logged_check(due: list[Reminder]) -> bool:
    """True when every due reminder is "only if nothing logged today" (else one is sent anyway)."""
    return bool(due) and all(r.only_if_not_logged for r in due)


def load_sent(folder: Path | None = None) -> dict[str, str]:
    """Reminder time -> the date it was last sent (ISO); a bad or missing file is none sent."""
    try:
        data = json.loads(((folder or config_dir()) / SENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def mark_sent(due: list[Reminder], day: dt.date, folder: Path | None = None) -> None:
    """Remember that `due` were handled on `day` (sent, or skipped because today was logged)."""
    from app.exports.files import atomic_write

    folder = folder or config_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    sent = load_sent(folder)
    sent.update({r.label: day.isoformat() for r in due})
    with atomic_write(folder / SENT_FILE, "w", encoding="utf-8") as handle:
        json.dump(sent, handle, sort_keys=True)


@contextlib.contextmanager
def sent_lock(folder: Path | None = None) -> Iterator[None]:
    """Hold the reminders lock: one sender at a time decides and sends (the app or the timer)."""
    folder = folder or config_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(folder / _LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
