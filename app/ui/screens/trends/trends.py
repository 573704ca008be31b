"""Trends: pain over time with its 7-day mean and flare-ups, sitting and activity beneath.

The chart is `app.charts.trend.trend_figure`, drawn off the main thread by
FigureWidget. Findings ("The day after sitting more than 6 hours ...") come
from `Diary.insights` when the diary offers it.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from statistics import mean

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.screen import MDScreen

from app.ui.frames import after_next_frame
from app.ui.widgets import figure_widget as _figure_widget  # noqa: F401  (kv class)
from app.ui.widgets.segments import CodeSegments  # noqa: F401  (kv class)
from app.ui.widgets.stepper import format_minutes

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: Period codes and labels; None days = everything logged.
PERIODS = {"30": "30 days", "90": "90 days", "365": "1 year", "all": "All"}
#: Days before the period fetched too: flare baselines look back ~28 days.
_BASELINE_DAYS = 35


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
    text = StringProperty("")
    icon = StringProperty("circle-small")
    linked = BooleanProperty(False)


class TrendsScreen(MDScreen):
    """Period picker, key figures, the trend chart and the findings."""

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
        context = app.diary.days(start - dt.timedelta(days=_BASELINE_DAYS), end)
        days = [d for d in context if d.date >= start]
        span = (end - start).days + 1
        self.period_text = f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
        pains = [d.pain for d in days if d.pain is not None]
        sitting = [d.sitting_minutes for d in days if d.sitting_minutes is not None]
        self.stat_pain = f"{mean(pains):.1f}" if pains else "–"
        self.stat_flares = str(sum(1 for d in days if d.flare))
        self.stat_sitting = format_minutes(round(mean(sitting) / 15) * 15) if sitting else "–"
        self.stat_logged = f"{len(days)} of {span}"
        self.chart_note = (
            "Shaded: flare-ups (ticked, or pain 2 points above your usual). Line: 7-day average."
            if days
            else "Nothing logged in this period yet."
        )

        def factory(width: float, height: float, dpi: int):
            from app.charts.trend import trend_figure

            return trend_figure(context, start=start, end=end, width=width, height=height, dpi=dpi)

        chart = self.ids.chart
        chart.figure_factory = factory
        chart.refresh()
        self._load_findings(start, end)

    # -- findings ------------------------------------------------------------------------

    def _load_findings(self, start: dt.date, end: dt.date) -> None:
        app = MDApp.get_running_app()
        insights = getattr(app.diary, "insights", None)
        if insights is None:
            self._show_findings(["Findings will appear here in a later version of Pain Diary."], [])
            return
        self._insight_generation += 1
        generation = self._insight_generation
        self._show_findings(["Looking for patterns…"], [])

        def work() -> None:
            try:
                result = insights(start, end)
                links = list(getattr(result, "links", []) or [])
                rows = [(str(link.sentence), str(getattr(link, "verdict", ""))) for link in links]
                error = None
            except Exception as exc:  # a failed analysis must not take the screen down
                rows, error = [], f"The patterns could not be worked out: {exc}"
            Clock.schedule_once(lambda _dt: self._findings_ready(generation, rows, error))

        # Started once the screen is shown: the worker competes for the interpreter.
        after_next_frame(threading.Thread(target=work, name="insights", daemon=True).start)

    def _findings_ready(self, generation: int, rows: list, error: str | None) -> None:
        if generation != self._insight_generation or MDApp.get_running_app() is None:
            return  # a newer period was chosen, or the app has closed meanwhile
        if error:
            self._show_findings([error], [])
        elif not rows:
            self._show_findings(["Not enough data yet: keep logging and patterns will show."], [])
        else:
            self._show_findings([], rows)

    def _show_findings(self, notes: list[str], rows: list[tuple[str, str]]) -> None:
        box = self.ids.findings
        box.clear_widgets()
        for text in notes:
            box.add_widget(FindingRow(text=text, icon="information-outline"))
        linked = [sentence for sentence, verdict in rows if _is_linked(verdict)]
        others = [sentence for sentence, verdict in rows if not _is_linked(verdict)]
        if rows:
            heading = "Went together with flare-ups" if linked else "No clear links yet"
            box.add_widget(Factory.FindingHeading(text=heading))
        # The links worth reading come first, in full, with their counts.
        for sentence in linked:
            box.add_widget(FindingRow(text=sentence, icon="link-variant", linked=True))
        if linked and others:
            box.add_widget(Factory.FindingHeading(text="No clear link (could be chance)"))
        for sentence in others:
            # The counts are the useful part; the boilerplate verdict is in the heading.
            short = sentence.split(" No clear link")[0]
            box.add_widget(FindingRow(text=short, icon="minus"))


def _is_linked(verdict: str) -> bool:
    """True for the analysis verdict "linked" (not "no-link" or "not-enough-data")."""
    return verdict.strip().lower() == "linked"
