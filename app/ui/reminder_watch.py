"""While the app runs: look for a due reminder every 30 s and send it once.

The look is cheap (two small files in the config folder). Sending talks to
D-Bus, so it runs in a short-lived thread with its own event loop and a 3 s
limit: the window never waits. When no notification service answers, the
reminder shows as a snackbar on the current screen instead. The sent state
is shared with `pain-diary remind`, so the timer and the app never both send it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading

from kivy.clock import Clock

from app.reminders.service import deliver_due, notify_or_fallback, pending

#: Seconds between looks: a reminder comes at most this late.
CHECK_SECONDS = 30.0


class ReminderWatch:
    """The app's reminder clock; `stop()` when the app stops."""

    def __init__(self, app) -> None:
        self.app = app
        self._thread: threading.Thread | None = None
        self._event = Clock.schedule_interval(self.check, CHECK_SECONDS)

    def stop(self) -> None:
        """No more looks (a send under way finishes on its own)."""
        self._event.cancel()

    def check(self, *_args) -> None:
        """Start sending if a reminder is due (and no send is under way)."""
        if self._thread is not None and self._thread.is_alive():
            return
        now = dt.datetime.now()
        try:
            if not pending(now):
                return
        except OSError:
            return  # the config folder cannot be read: try again at the next look
        logged = self._logged_today(now.date())
        self._thread = threading.Thread(
            target=self._deliver, args=(now, logged), name="pain-diary-reminder", daemon=True
        )
        self._thread.start()

    def _logged_today(self, day: dt.date) -> bool | None:
        """Asked here, on the main thread (the diary's connections belong to it)."""
        diary = self.app.diary
        if diary is None:  # locked: remind without looking
            return None
        try:
            return diary.count(day, day) > 0
        except Exception:  # a diary problem must not stop the reminder
            return None

    def _deliver(self, now: dt.datetime, logged: bool | None) -> None:
        # A bad reminders file (a ValueError) is shown in Settings; nothing to send.
        with contextlib.suppress(OSError, ValueError):
            deliver_due(now, lambda: logged, notify_or_fallback(self._banner_soon))

    def _banner_soon(self, text: str) -> None:
        # Called from the sending thread: widgets change only on the main thread.
        Clock.schedule_once(lambda _dt: self.show_banner(text))

    def show_banner(self, text: str) -> None:
        """The in-app reminder, with a button to Today."""
        self.app.notify(text, "Log now", lambda: self.app.switch_to("today"), duration=15)
