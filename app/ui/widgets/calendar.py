"""A month calendar whose days are coloured by that day's pain."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    DictProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivymd.uix.boxlayout import MDBoxLayout

from app.ui.colors import on_pain_color, pain_color

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class DayCell(ButtonBehavior, Label):
    """One day of the month grid."""

    date = ObjectProperty(None, allownone=True)
    logged = BooleanProperty(False)
    flare = BooleanProperty(False)
    today = BooleanProperty(False)
    future = BooleanProperty(False)
    fill = ColorProperty((0, 0, 0, 0))
    text_color = ColorProperty((0.2, 0.2, 0.2, 1))


class MonthCalendar(MDBoxLayout):
    """`days` maps date -> (pain, flare); tapping a day fires `on_day(date)`.

    `days` need only hold the shown month: the owner listens to `month` and
    loads that month's days, so the calendar costs the same for any diary length.
    """

    month = ObjectProperty(None)
    days = DictProperty()
    title = StringProperty("")
    is_current_month = BooleanProperty(True)
    #: Week rows the shown month needs (4 to 6): the grid takes no room for more.
    weeks = NumericProperty(5)
    #: Phone size: shorter rows, so more of the list below fits.
    compact = BooleanProperty(False)
    #: Only the month line shows (the owner gives the calendar that height).
    folded = BooleanProperty(False)
    header_height = NumericProperty(dp(48))
    row_height = NumericProperty(dp(46))
    __events__ = ("on_day",)

    def __init__(self, **kwargs):
        from kivy.clock import Clock

        # A month change is followed by that month's `days`: redraw once for both,
        # before the next frame is drawn (-1), so no frame shows a stale month.
        self._trigger_update = Clock.create_trigger(self._update, -1)
        super().__init__(**kwargs)
        self._cells: list[DayCell] = []
        today = dt.date.today()
        self.month = dt.date(today.year, today.month, 1)
        # Before the next frame (-1): a calendar built on History's first visit
        # must have its grid in the first frame it appears in.
        Clock.schedule_once(self._build, -1)

    def _build(self, *_args) -> None:
        from kivymd.app import MDApp
        from kivymd.uix.label import MDLabel

        app = MDApp.get_running_app()
        if app is not None:
            # Unlogged days take the theme's text colour when drawn: redraw them
            # when the theme changes, or they stay dark on a dark background.
            app.theme_cls.bind(onSurfaceColor=self._trigger_update)
        for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
            self.ids.weekdays.add_widget(
                MDLabel(
                    text=name,
                    halign="center",
                    font_style="Label",
                    role="medium",
                    theme_text_color="Secondary",
                )
            )
        for _ in range(42):
            cell = DayCell()
            cell.bind(on_release=self._clicked)
            self.ids.grid.add_widget(cell)
            self._cells.append(cell)
        self._update()

    def on_compact(self, _instance, compact: bool) -> None:
        self.header_height = dp(40) if compact else dp(48)
        self.row_height = dp(36) if compact else dp(46)

    def on_days(self, *_args) -> None:
        self._trigger_update()

    def on_month(self, *_args) -> None:
        self._trigger_update()

    def shift_month(self, months: int) -> None:
        """Show the month `months` away (not past the current month)."""
        index = self.month.year * 12 + self.month.month - 1 + months
        target = dt.date(index // 12, index % 12 + 1, 1)
        today = dt.date.today()
        if target <= dt.date(today.year, today.month, 1):
            self.month = target

    def show_month_of(self, date: dt.date) -> None:
        """Show the month `date` falls in."""
        self.month = dt.date(date.year, date.month, 1)

    def cell_for(self, date: dt.date) -> DayCell | None:
        """The grid cell showing `date`, if its month is shown."""
        return next((c for c in self._cells if c.date == date), None)

    def _update(self, *_args) -> None:
        if not self._cells or self.month is None:
            return
        today = dt.date.today()
        self.title = f"{self.month:%B %Y}"
        self.is_current_month = (self.month.year, self.month.month) == (today.year, today.month)
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(
            self.month.year, self.month.month
        )
        self.weeks = len(weeks)
        grid = self.ids.grid
        grid.clear_widgets()
        grid.rows = len(weeks)
        for cell in self._cells[: len(weeks) * 7]:
            grid.add_widget(cell)
        dates = [d for week in weeks for d in week][:42]
        dates += [None] * (42 - len(dates))
        for cell, date in zip(self._cells, dates, strict=True):
            in_month = date is not None and date.month == self.month.month
            cell.date = date if in_month else None
            cell.text = str(date.day) if in_month else ""
            pain, flare = self.days.get(date, (None, False)) if in_month else (None, False)
            cell.logged = in_month and date in self.days
            cell.flare = bool(flare) and cell.logged
            cell.today = date == today
            cell.future = in_month and date > today
            cell.disabled = not in_month or date > today
            cell.fill = pain_color(pain)
            cell.text_color = on_pain_color(pain) if cell.logged else _plain_text_color()

    def _clicked(self, cell: DayCell) -> None:
        if cell.date is not None and cell.date <= dt.date.today():
            self.dispatch("on_day", cell.date)

    def on_day(self, date: dt.date) -> None:
        """Fired with the tapped date."""


def _plain_text_color():
    from kivymd.app import MDApp

    app = MDApp.get_running_app()
    return app.theme_cls.onSurfaceColor if app else (0.1, 0.1, 0.1, 1)
