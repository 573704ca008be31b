"""History: a month calendar coloured by pain and the list of logged days.

The list is a RecycleView, so years of days scroll smoothly. Tapping a day
(in the list or the calendar) opens it on Today; delete offers Undo.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kivy.lang import Builder
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.recycleview.views import RecycleDataViewBehavior
from kivy.uix.widget import Widget
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.screen import MDScreen

from app.diary import DaySummary
from app.domain import vocab
from app.ui.colors import pain_color
from app.ui.widgets import calendar as _calendar  # noqa: F401  (kv class)
from app.ui.widgets.stepper import format_minutes

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


def day_summary(day: DaySummary) -> str:
    """One line: where, flare, sitting, sleep."""
    parts = []
    if day.flare:
        parts.append("Flare")
    if day.regions:
        parts.append(", ".join(vocab.label(vocab.REGIONS, region) for region in day.regions))
    if day.sitting_minutes is not None:
        parts.append(f"sat {format_minutes(day.sitting_minutes)}")
    if day.sleep_hours is not None:
        parts.append(f"slept {day.sleep_hours:g} h")
    if day.has_red_flag:
        parts.insert(0, "RED FLAG")
    return " · ".join(parts) if parts else "Nothing but the date recorded"


class PainLegend(Widget):
    """Eleven colour swatches, 0 to 10."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.bind(pos=self._draw, size=self._draw)

    def _draw(self, *_args) -> None:
        from kivy.graphics import Color, RoundedRectangle
        from kivy.metrics import dp

        self.canvas.clear()
        width = self.width / 11
        with self.canvas:
            for pain in range(11):
                Color(*pain_color(pain))
                RoundedRectangle(
                    pos=(self.x + pain * width + dp(1), self.center_y - dp(6)),
                    size=(width - dp(2), dp(12)),
                    radius=[dp(3)],
                )


class HistoryRow(RecycleDataViewBehavior, ButtonBehavior, MDBoxLayout):
    """One logged day in the list."""

    date = ObjectProperty(None)
    pain = ObjectProperty(None, allownone=True)
    headline = StringProperty("")
    summary = StringProperty("")

    def on_release(self) -> None:
        MDApp.get_running_app().edit_day(self.date)

    def delete(self) -> None:
        MDApp.get_running_app().screen("history").delete_day(self.date)


class HistoryScreen(MDScreen):
    """Calendar + list; reloads when the diary changed since it was last shown."""

    count = NumericProperty(0)
    count_text = StringProperty("")
    month_summary = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._loaded_version = -1
        app = MDApp.get_running_app()
        app.bind(diary_version=self._diary_changed)

    def _diary_changed(self, *_args) -> None:
        if self.manager is not None and self.manager.current == self.name:
            self.reload()

    def on_pre_enter(self, *_args) -> None:
        if self._loaded_version != MDApp.get_running_app().diary_version:
            self.reload()

    def reload(self) -> None:
        app = MDApp.get_running_app()
        self._loaded_version = app.diary_version
        # Summaries, not whole days: fifty years of them load in a blink.
        days = app.diary.summaries()
        self.count = len(days)
        if days:
            first = days[0].date
            self.count_text = (
                f"{len(days)} day{'s' if len(days) != 1 else ''} logged since "
                f"{first.day} {first:%b %Y}"
            )
        else:
            self.count_text = "Nothing logged yet"
        self.ids.calendar.days = {d.date: (d.pain, d.flare) for d in days}
        self.update_month_summary()
        self.ids.list.data = [
            {
                "date": d.date,
                "pain": d.pain,
                "headline": f"{d.date:%a} {d.date.day} {d.date:%b %Y}",
                "summary": day_summary(d),
            }
            for d in reversed(days)
        ]

    def update_month_summary(self) -> None:
        """'November: average pain 4.6, 4 flare days, 20 days logged' under the calendar."""
        calendar = self.ids.calendar
        month = calendar.month
        if month is None:
            return
        shown = [
            (pain, flare)
            for date, (pain, flare) in calendar.days.items()
            if (date.year, date.month) == (month.year, month.month)
        ]
        if not shown:
            self.month_summary = f"Nothing logged in {month:%B}."
            return
        pains = [pain for pain, _ in shown if pain is not None]
        parts = [f"average pain {sum(pains) / len(pains):.1f}"] if pains else []
        flares = sum(1 for _, flare in shown if flare)
        parts.append(f"{flares} flare day{'s' if flares != 1 else ''}")
        parts.append(f"{len(shown)} logged")
        self.month_summary = f"{month:%B}: " + ", ".join(parts)

    def delete_day(self, date: dt.date) -> None:
        """Delete a day at once and offer Undo (re-saving what was deleted)."""
        app = MDApp.get_running_app()
        removed = app.diary.delete_day(date)
        if removed is None:
            return
        app.diary_changed()
        self.reload()

        def undo() -> None:
            app.diary.save_day(removed)
            app.diary_changed()
            self.reload()
            app.notify(f"Restored {date:%a} {date.day} {date:%b}.")

        app.notify(
            f"Deleted {date:%a} {date.day} {date:%b}.", action="Undo", callback=undo, duration=8
        )
