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
from typing import TYPE_CHECKING

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.screen import MDScreen

from app.diary import TrendsView
from app.diary.factors import suspect_label, suspect_refusal
from app.domain.durations import format_duration
from app.domain.own_factors import FactorError
from app.ui.frames import after_next_frame
from app.ui.widgets import figure_widget as _figure_widget  # noqa: F401  (kv class)
from app.ui.widgets import layout as _layout  # noqa: F401  (kv classes)
from app.ui.widgets.segments import CodeSegments  # noqa: F401  (kv class)

if TYPE_CHECKING:
    from app.diary import Finding  # the service names the type the screen shows

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: Period codes and labels; None days = everything logged.
PERIODS = {"30": "30 days", "90": "90 days", "365": "1 year", "all": "All"}
#: "How long until we know" lines shown before "Show all": a screenful, suspects first.
ANSWERS_SHOWN = 4
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
    #: The factor and lag behind it ('' for a note): what "I suspect this" declares.
    factor = StringProperty("")
    lag = NumericProperty(1)
    declared = BooleanProperty(False)
    declared_since = ObjectProperty(None, allownone=True)
    confirmed = BooleanProperty(False)
    screen = ObjectProperty(None, allownone=True)

    def on_kv_post(self, _base_widget) -> None:
        # Rows are rebuilt on every reload, so what they offer is fixed here: no
        # empty button keeping its width in the action row. Strong references:
        # `ids` hold weak proxies, dead once a widget is out of the tree.
        self.how_sure = self.ids.how_sure.__self__
        self.suspect_button = self.ids.suspect_button.__self__
        self.suspect_label = self.ids.suspect_label.__self__
        actions = self.ids.actions
        if not self.details:
            actions.remove_widget(self.how_sure)
        if not self.factor or self.declared:
            actions.remove_widget(self.suspect_button)
        if not self.declared:
            self.suspect_label.parent.remove_widget(self.suspect_label)

    @property
    def suspect_text(self) -> str:
        """'Your suspect since 3 Dec 2026', and for a link whether its own test agrees."""
        since = self.declared_since
        text = f"Your suspect since {since.day} {since:%b %Y}" if since else "Your suspect"
        if not self.linked:
            return text
        # Linked over the whole period; only the days after the declaration confirm it.
        return text + (" · the days since confirm it" if self.confirmed else " · not confirmed yet")


class AnswerRow(MDBoxLayout):
    """One 'About 7 more weeks of logging would show ...' sentence."""

    text = StringProperty("")
    suspect = BooleanProperty(False)


class TrendsScreen(MDScreen):
    """Period picker, key figures, the trend chart, the findings and the time-of-day chart."""

    period_text = StringProperty("")
    stat_pain = StringProperty("–")
    stat_flares = StringProperty("–")
    stat_sitting = StringProperty("–")
    stat_logged = StringProperty("–")
    chart_note = StringProperty("")
    #: The "Show all 12" / "Show fewer" button under the answer times ('' hides it).
    answers_more = StringProperty("")
    answers_expanded = BooleanProperty(False)

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
        self._show_answers(None, loading=True)

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
            self._show_findings([], list(view.findings))
        self._show_answers(view)

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

    def _show_findings(self, notes: list[str], findings: list[Finding]) -> None:
        box = self.ids.findings
        box.clear_widgets()
        for text in notes:
            box.add_widget(FindingRow(text=text, icon="information-outline"))
        linked = [f for f in findings if f.linked]
        others = [f for f in findings if not f.linked]
        if findings:
            heading = "Went together with flare-ups" if linked else "No clear links yet"
            box.add_widget(Factory.FindingHeading(text=heading))
        # The links worth reading come first, in full, with their counts.
        for finding in linked:
            box.add_widget(self._row(finding, icon="link-variant"))
        if linked and others:
            box.add_widget(Factory.FindingHeading(text="No clear link (could be chance)"))
        # The service gives the others' counts alone: the verdict is in the heading.
        for finding in others:
            box.add_widget(self._row(finding, icon="minus"))

    def _row(self, finding: Finding, icon: str) -> FindingRow:
        return FindingRow(
            text=finding.text,
            icon=icon,
            linked=finding.linked,
            details=finding.details,
            factor=finding.factor,
            lag=finding.lag,
            declared=finding.declared,
            declared_since=finding.declared_since,
            confirmed=finding.confirmed,
            screen=self,
        )

    # -- "I suspect this" and "How long until we know" ---------------------------------------

    def suspect_this(self, row: FindingRow) -> None:
        """Declare the row's factor and lag a suspect; Undo in the snackbar takes it back."""
        app = MDApp.get_running_app()
        try:
            suspect = app.diary.add_suspect(row.factor, int(row.lag))
        except FactorError as error:  # a fourth, or declared meanwhile elsewhere
            taken = app.diary.suspects()
            words = suspect_refusal(error, taken, row.factor, int(row.lag), "in Settings")
            app.notify(words, duration=8)
            return
        tests = (
            "Every day you log will test it"
            if suspect.covers_from is None
            else "Only days after today will test it"
        )
        app.diary_changed()

        def undo() -> None:
            try:
                app.diary.remove_suspect(suspect.factor, suspect.lag)
            except FactorError:
                return  # removed meanwhile (Settings, the command line)
            app.diary_changed()

        app.notify(
            f"Your suspect now: {suspect_label(suspect.factor, suspect.lag)}. {tests}.",
            action="Undo",
            callback=undo,
            duration=8,
        )

    def _show_answers(self, view: TrendsView | None, loading: bool = False) -> None:
        """One sentence per factor and lag not linked yet, the suspects' first."""
        box = self.ids.answers
        box.clear_widgets()
        self.answers_more = ""
        if view is None or not view.answer_times:
            if loading:
                text = "Working it out…"
            elif view is None:
                text = "Not worked out: see the message above."
            elif view.findings:
                text = "Every factor already shows a link."
            else:
                text = "Not enough exposed days yet: keep logging."
            box.add_widget(AnswerRow(text=text))
            return
        self._answers_view = view
        every = view.answer_times
        shown = (
            every if self.answers_expanded else every[: max(ANSWERS_SHOWN, view.answer_suspects)]
        )
        for i, sentence in enumerate(shown):
            box.add_widget(AnswerRow(text=sentence, suspect=i < view.answer_suspects))
        self.answers_more = (
            ""
            if len(every) <= ANSWERS_SHOWN
            else "Show fewer"
            if self.answers_expanded
            else f"Show all {len(every)}"
        )

    def toggle_answers(self) -> None:
        """Show every factor's answer time, or only the first few again."""
        self.answers_expanded = not self.answers_expanded
        self._show_answers(getattr(self, "_answers_view", None))
