"""Which reminder is due: a pure function of (reminders, now, sent)."""

from __future__ import annotations

import datetime as dt

from app.reminders.schedule import GRACE, due_reminders, load_sent, mark_sent, needs_logged_check
from app.reminders.settings import Reminder

NINE = Reminder(dt.time(9, 0))
EIGHT_PM = Reminder(dt.time(20, 0), only_if_not_logged=True)
DAY = dt.date(2026, 3, 5)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute))


def test_due_from_its_time_for_the_grace_window():
    assert due_reminders([NINE], at(8, 59), {}) == []
    assert due_reminders([NINE], at(9, 0), {}) == [NINE]
    assert due_reminders([NINE], at(9) + GRACE, {}) == [NINE]  # a laptop waking late
    assert due_reminders([NINE], at(9) + GRACE + dt.timedelta(minutes=1), {}) == []


def test_sent_today_is_not_due_again_but_sent_yesterday_is():
    assert due_reminders([NINE], at(9, 5), {"09:00": DAY.isoformat()}) == []
    yesterday = (DAY - dt.timedelta(days=1)).isoformat()
    assert due_reminders([NINE], at(9, 5), {"09:00": yesterday}) == [NINE]


def test_the_logged_check_only_when_every_due_reminder_asks_for_it():
    assert needs_logged_check([EIGHT_PM])
    assert not needs_logged_check([NINE, EIGHT_PM])
    assert not needs_logged_check([])


def test_sent_state_round_trip(config_folder):
    mark_sent([NINE], DAY)
    assert load_sent() == {"09:00": "2026-03-05"}
    assert oct((config_folder / "reminders-sent.json").stat().st_mode & 0o777) == "0o600"
