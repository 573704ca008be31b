"""Settings → Reminders with real clicks; the in-app banner when no notification service answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.diary import Diary
from app.reminders.notify import BODY
from app.reminders.settings import Reminder, load_reminders, save_reminders

pytestmark = pytest.mark.gui


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("PAIN_DIARY_CONFIG_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    # No desktop bus: the reminder must show in the app.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    (tmp_path / "runtime").mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "runtime"))
    return folder


def test_add_switch_and_remove_reminders(
    run_app, diary_path, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from tests.ui import harness as h
    from tests.ui.test_history import _click_tab

    app = run_app(Diary.open(diary_path))
    _click_tab(app, "settings")
    section = app.screen("settings").ids.reminders
    h.pump(0.5)
    field = section.ids.new_time
    h.type_into(field, "7.15")
    h.scroll_into_view(section.ids.add_button)
    h.tap(section.ids.add_button)
    assert section.add_problem == "Reminder time: use HH:MM, e.g. 09:00 (got '7.15')"
    assert field.error
    assert not (config / "reminders.json").exists()

    h.type_into(field, "7:15")
    h.tap(section.ids.add_button)
    assert section.add_problem == ""
    assert load_reminders() == ([Reminder(dt.time(7, 15))], None)
    (row,) = section.rows
    assert row.time_text == "07:15"

    switch = row.children[1]
    h.scroll_into_view(switch)
    h.tap(switch)
    assert h.wait_until(lambda: load_reminders()[0] == [Reminder(dt.time(7, 15), True)])
    (row,) = section.rows  # the list is shown again from the file
    assert row.only_if_not_logged
    h.tap(row.children[0])
    assert load_reminders() == ([], None)
    assert section.rows == []
    assert "Background timer off" in section.ids.timer_label.text

    # Without systemd (no systemctl on PATH), the button gives the crontab line.
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    h.scroll_into_view(section.ids.timer_button)
    h.tap(section.ids.timer_button)
    assert h.wait_until(lambda: "crontab -e" in section.ids.timer_label.text)
    assert "*/5 * * * * " in section.ids.timer_label.text
    assert not (tmp_path / "xdg").exists()


def test_a_due_reminder_without_a_notification_service_shows_a_banner(
    run_app, diary_path, config: Path
):
    from tests.ui import harness as h

    now = dt.datetime.now()
    save_reminders([Reminder(dt.time(now.hour, now.minute))], config)
    app = run_app(Diary.open(diary_path))
    app.reminder_watch.check()
    assert h.wait_until(
        lambda: (
            getattr(app, "last_snackbar", None) is not None
            and BODY in [getattr(w, "text", "") for w in app.last_snackbar.walk()]
        ),
        seconds=10,
    )
    # Sent once: the next look finds nothing due.
    app.last_snackbar = None
    app.reminder_watch.check()
    h.pump(1.0)
    assert app.last_snackbar is None
