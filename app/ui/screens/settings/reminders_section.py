"""Settings → Reminders: times to be reminded to log, and the background timer.

The times live in the config folder (app/reminders), not in the diary: the
timer's `pain-diary remind` reads them with the app closed, even for an
encrypted diary. Installing the timer is the same code as `remind --install`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivymd.uix.boxlayout import MDBoxLayout

from app.reminders import settings, timer
from app.reminders.notify import BODY
from app.reminders.settings import MAX_REMINDERS, Reminder, ReminderSettingsError
from app.ui.widgets.layout import SectionCard

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class ReminderRow(MDBoxLayout):
    """One reminder: its time, the "only if nothing logged" switch, and a remove button."""

    time_text = StringProperty("")
    only_if_not_logged = BooleanProperty(False)

    def __init__(self, reminder: Reminder, section: RemindersSection, **kwargs):
        super().__init__(
            time_text=reminder.label, only_if_not_logged=reminder.only_if_not_logged, **kwargs
        )
        self.section = section


class RemindersSection(SectionCard):
    """The Reminders card of Settings."""

    problem_text = StringProperty("")
    add_problem = StringProperty("")
    timer_on = BooleanProperty(False)
    timer_text = StringProperty("")
    timer_busy = BooleanProperty(False)
    count_text = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows: list[ReminderRow] = []
        Clock.schedule_once(lambda _dt: self.refresh())

    def refresh(self) -> None:
        """Show the saved reminders and whether the timer is installed."""
        if "rows" not in self.ids:
            return
        reminders, problem = settings.load_reminders()
        self.problem_text = problem or ""
        box = self.ids.rows
        for row in self.rows:
            box.remove_widget(row)
        self.rows = [ReminderRow(reminder, self) for reminder in reminders]
        for row in self.rows:
            box.add_widget(row)
        self.count_text = (
            "No reminders yet."
            if not reminders
            else f'{len(reminders)} of {MAX_REMINDERS} a day. The notification says only "{BODY}"'
        )
        self.refresh_timer()

    def refresh_timer(self, extra: str = "") -> None:
        self.timer_on = timer.timer_installed()
        state = (
            "Background timer on: reminders come even when the app is closed."
            if self.timer_on
            else "Background timer off: reminders come only while the app is open."
        )
        self.timer_text = f"{state}\n{extra}" if extra else state

    # -- changes -----------------------------------------------------------------------

    def add(self) -> None:
        """Add the typed time (with the switch below it)."""
        field = self.ids.new_time
        try:
            settings.add_reminder(field.text, self.ids.new_only_if.active)
        except ReminderSettingsError as error:
            self.add_problem = str(error)
            field.error = True
            return
        except (OSError, ValueError) as error:  # the config folder cannot be written
            self.add_problem = f"Not saved: {error}"
            return
        self.add_problem = ""
        field.error = False
        field.text = ""
        self.refresh()

    def remove(self, row: ReminderRow) -> None:
        self._change(lambda: settings.remove_reminder(row.time_text))

    def set_only_if(self, row: ReminderRow, active: bool) -> None:
        if active != row.only_if_not_logged:
            row.only_if_not_logged = active
            self._change(lambda: settings.set_only_if_not_logged(row.time_text, active))

    def _change(self, change) -> None:
        try:
            change()
        except (OSError, ValueError) as error:
            self.problem_text = str(error)
            return
        self.refresh()

    # -- the background timer ------------------------------------------------------------

    def toggle_timer(self) -> None:
        """Install or remove the timer (systemctl may take a moment: not on the UI thread)."""
        if self.timer_busy:
            return
        self.timer_busy = True
        work = timer.uninstall if self.timer_on else self._install
        threading.Thread(target=self._run_timer, args=(work,), daemon=True).start()

    @staticmethod
    def _install() -> timer.TimerResult:
        from kivymd.app import MDApp

        app = MDApp.get_running_app()
        path = Path(app.diary_path) if app is not None else None
        return timer.install(_non_default(path))

    def _run_timer(self, work) -> None:
        try:
            lines = work().lines
        except (OSError, ValueError) as error:
            lines = [f"Not done: {error}"]
        Clock.schedule_once(lambda _dt: self._timer_done(lines))

    def _timer_done(self, lines: list[str]) -> None:
        self.timer_busy = False
        # Said in full: without systemd the last line is the crontab line to add.
        self.refresh_timer("\n".join(lines))


def _non_default(path: Path | None) -> Path | None:
    """The diary to name in the timer: one chosen with $PAIN_DIARY_DB or other than the default."""
    from app.config import default_diary_path, diary_chosen_by_environment

    if path is None:
        return None
    if diary_chosen_by_environment() or path.absolute() != default_diary_path().absolute():
        return path
    return None
