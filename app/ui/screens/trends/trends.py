"""Trends: pain over time with its 7-day mean and flare-ups, sitting and activity beneath;
pain by time of day and activity from the check-ins.

The screen only presents: the chart is `Diary.chart("trend", ...)`, drawn off
the main thread by FigureWidget; the key figures and the findings ("The day
after sitting more than 6 hours ...") are `Diary.trends(start, end)`, worked
out on a worker thread. Both count flare-ups as `insights` and the report do.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.screen import MDScreen

from app.diary import TrendsView
from app.domain.durations import format_duration
from app.ui.frames import after_next_frame
from app.ui.widgets import figure_widget as _figure_widget  # noqa: F401  (kv class)
from app.ui.widgets import layout as _layout  # noqa: F401  (kv classes)
from app.ui.widgets.segments import CodeSegments  # noqa: F401  (kv class)

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: Period codes and labels; None days = everything logged.
PERIODS = {"30": "30 days", "90": "90 days", "365": "1 year", "all": "All"}
#: Shown in a key figure until the service has answered, or when there is no value.
NO_VALUE = "–"


def period_range(
    code: str, first_logged: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date]:
    """(start, end) of a period code ending today."""
    if code == "all":
        return (first_logged or today), today
    return today - dt.timedelta(days=int(code) - 1), today


class StatTile(MDBoxLayout):
    value = StringProperty("–")
    label = StringProperty("")


class FindingRow(MDBoxLayout):
    """A finding in plain words; its statistics behind "How sure is this?"."""

    text = StringProperty("")
    icon = StringProperty("circle-small")
    linked = BooleanProperty(False)
    #: Odds ratio, interval and corrected p: shown only when expanded.
    details = StringProperty("")
    expanded = BooleanProperty(False)


class TrendsScreen(MDScreen):
    """Period picker, key figures, the trend chart, the findings and the time-of-day chart."""

    period_text = StringProperty("")
    stat_pain = StringProperty("–")
    stat_flares = StringProperty("–")
    stat_sitting = StringProperty("–")
    stat_logged = StringProperty("–")
    chart_note = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._loaded: tuple[int, str] | None = None
        self._period = "90"
        self._insight_generation = 0
        MDApp.get_running_app().bind(diary_version=self._diary_changed)
        Clock.schedule_once(self._setup)

    def _setup(self, *_args) -> None:
        self.ids.period.required = True
        self.ids.period.set_choices(PERIODS)
        self.ids.period.value = self._period

    def _diary_changed(self, *_args) -> None:
        if self.manager is not None and self.manager.current == self.name:
            self.reload()

    def on_pre_enter(self, *_args) -> None:
        app = MDApp.get_running_app()
        if self._loaded != (app.diary_version, self._period):
            self.reload()

    def period_changed(self, code: str | None) -> None:
        if code and code != self._period:
            self._period = code
            if self.manager is not None and self.manager.current == self.name:
                self.reload()

    def reload(self) -> None:
        app = MDApp.get_running_app()
        self._loaded = (app.diary_version, self._period)
        today = dt.date.today()
        # The first logged date from the index, not every date: 50 years are 18,000.
        start, end = period_range(self._period, app.diary.day_span().first, today)
        self.period_text = f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
        diary = app.diary

        def factory(width: float, height: float, dpi: int, theme: str):
            return diary.chart(
                "trend", start, end, width=width, height=height, dpi=dpi, theme=theme
            )

        def timeofday(width: float, height: float, dpi: int, theme: str):
            return diary.chart(
                "timeofday", start, end, width=width, height=height, dpi=dpi, theme=theme
            )

        for chart, make in ((self.ids.chart, factory), (self.ids.chart_timeofday, timeofday)):
            chart.figure_factory = make
            chart.refresh()
        self._load_trends(start, end)

    # -- key figures and findings ----------------------------------------------------------

    def _load_trends(self, start: dt.date, end: dt.date) -> None:
        diary = MDApp.get_running_app().diary
        self._insight_generation += 1
        generation = self._insight_generation
        self._show_figures(None)
        self._show_findings(["Looking for patterns…"], [])

        def work() -> None:
            try:
                view, error = diary.trends(start, end), None
            except Exception as exc:  # a failed analysis must not take the screen down
                view, error = None, f"The patterns could not be worked out: {exc}"
            Clock.schedule_once(lambda _dt: self._trends_ready(generation, view, error))

        # Started once the screen is shown: the worker competes for the interpreter.
        after_next_frame(threading.Thread(target=work, name="insights", daemon=True).start)

    def _trends_ready(self, generation: int, view: TrendsView | None, error: str | None) -> None:
        if generation != self._insight_generation or MDApp.get_running_app() is None:
            return  # a newer period was chosen, or the app has closed meanwhile
        self._show_figures(view)
        if error or view is None:
            self._show_findings([error or ""], [])
        elif not view.findings:
            self._show_findings(["Not enough data yet: keep logging and patterns will show."], [])
        else:
            self._show_findings([], [(f.text, f.linked, f.details) for f in view.findings])

    def _show_figures(self, view: TrendsView | None) -> None:
        """The key figures of `view`, or dashes while there is none."""
        if view is None:
            self.stat_pain = self.stat_flares = self.stat_sitting = self.stat_logged = NO_VALUE
            self.chart_note = ""
            return
        self.stat_pain = NO_VALUE if view.pain_mean is None else f"{view.pain_mean:.1f}"
        self.stat_flares = str(view.flare_days)
        self.stat_sitting = (
            NO_VALUE
            if view.sitting_mean is None
            else format_duration(round(view.sitting_mean / 15) * 15)
        )
        self.stat_logged = f"{view.days_logged} of {view.days_in_period}"
        self.chart_note = (
            "Shaded: flare-ups (ticked, or pain 2 points above your usual). Line: 7-day average."
            if view.days_logged
            else "Nothing logged in this period yet."
        )

    def _show_findings(self, notes: list[str], rows: list[tuple[str, bool, str]]) -> None:
        box = self.ids.findings
        box.clear_widgets()
        for text in notes:
            box.add_widget(FindingRow(text=text, icon="information-outline"))
        linked = [(text, details) for text, is_link, details in rows if is_link]
        others = [(text, details) for text, is_link, details in rows if not is_link]
        if rows:
            heading = "Went together with flare-ups" if linked else "No clear links yet"
            box.add_widget(Factory.FindingHeading(text=heading))
        # The links worth reading come first, in full, with their counts.
        for text, details in linked:
            box.add_widget(FindingRow(text=text, icon="link-variant", linked=True, details=details))
        if linked and others:
            box.add_widget(Factory.FindingHeading(text="No clear link (could be chance)"))
        # The service gives the others' counts alone: the verdict is in the heading.
        for text, details in others:
            box.add_widget(FindingRow(text=text, icon="minus", details=details))
