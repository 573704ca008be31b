"""Deciding and sending under one lock: the steps `pain-diary remind` and the app share."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from pathlib import Path

from app.reminders.notify import BODY, NotifyError, send_notification
from app.reminders.schedule import (
    due_reminders,
    load_sent,
    mark_sent,
    needs_logged_check,
    sent_lock,
)
from app.reminders.settings import Reminder, ReminderSettingsError, load_reminders


class Outcome(enum.Enum):
    """What a reminder check did."""

    NOTHING_DUE = "nothing due"
    ALREADY_LOGGED = "today is logged"
    SENT = "sent"
    SHOWN_IN_APP = "shown in the app"


def pending(now: dt.datetime, folder: Path | None = None) -> list[Reminder]:
    """The reminders due at `now` and not yet sent (a cheap look; decided again under the lock)."""
    reminders, _problem = load_reminders(folder)
    return due_reminders(reminders, now, load_sent(folder)) if reminders else []


def deliver_due(
    now: dt.datetime,
    logged_today: Callable[[], bool | None],
    send: Callable[[], Outcome],
    folder: Path | None = None,
) -> Outcome:
    """Send one reminder if any is due at `now`, and remember it was sent today.

    `logged_today` is asked only when every due reminder is "only if nothing
    logged today"; None (cannot tell, e.g. an encrypted diary without its
    passphrase) reminds. `send` raises NotifyError when it cannot notify; then
    nothing is marked, so the next check tries again. A bad reminders file
    raises ReminderSettingsError.
    """
    with sent_lock(folder):
        reminders, problem = load_reminders(folder)
        if problem:
            raise ReminderSettingsError(problem)
        due = due_reminders(reminders, now, load_sent(folder))
        if not due:
            return Outcome.NOTHING_DUE
        if needs_logged_check(due) and logged_today() is True:
            mark_sent(due, now.date(), folder)  # handled: not asked again today
            return Outcome.ALREADY_LOGGED
        outcome = send()
        mark_sent(due, now.date(), folder)
        return outcome


def notify_desktop() -> Outcome:
    """The CLI's sender: the desktop notification, or NotifyError."""
    send_notification()
    return Outcome.SENT


def notify_or_fallback(show_in_app: Callable[[str], None]) -> Callable[[], Outcome]:
    """The app's sender: the desktop notification, else `show_in_app(text)` (a banner)."""

    def send() -> Outcome:
        try:
            send_notification()
        except NotifyError:
            show_in_app(BODY)
            return Outcome.SHOWN_IN_APP
        return Outcome.SENT

    return send
