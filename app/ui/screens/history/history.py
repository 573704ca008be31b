"""History: a month calendar coloured by pain and the list of logged days.

Opening the tab costs the same for fifty years of days as for one: the header
comes from one COUNT/MIN/MAX query, the calendar loads only the month it shows
(and re-queries when the month changes), and the list shows the newest
`PAGE_DAYS` days with a "Show older days" button at its end that appends the
next page. The list is a RecycleView, so the pages already loaded scroll
smoothly. Tapping a day (in the list or the calendar) opens it on Today;
delete offers Undo. A day with check-ins, stress or own-factor values opens
them under its row (the chevron): its stress and factors in words, then each
check-in, edited in the check-in sheet or deleted with Undo.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.recycleview.views import RecycleDataViewBehavior
from kivy.uix.widget import Widget
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.screen import MDScreen

from app.diary import DaySpan, DaySummary, TrendsView
from app.domain import vocab
from app.domain.durations import format_duration, format_hours
from app.forms.checkin_form import pain_figure
from app.ui.colors import pain_color
from app.ui.screens.today.checkin_list import CheckInRow
from app.ui.widgets import calendar as _calendar  # noqa: F401  (kv class)

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: Days the list loads at a time: about three months, several screens of scrolling.
PAGE_DAYS = 90
#: Heights the list's RecycleBoxLayout gives each kind of item (the kv rules match).
ROW_HEIGHT = 76
MORE_HEIGHT = 112
CHECKIN_HEIGHT = 56
#: A line of a day's stress and factors under its row, and the item's padding.
DETAIL_LINE_HEIGHT = 20
DETAIL_PADDING = 16


def count_text(span: DaySpan) -> str:
    """'1,204 days logged since 3 Mar 2021' for the header."""
    if not span.count or span.first is None:
        return "Nothing logged yet"
    first = span.first
    plural = "s" if span.count != 1 else ""
    return f"{span.count:,} day{plural} logged since {first.day} {first:%b %Y}"


def month_summary(month: dt.date, figures: TrendsView) -> str:
    """'November: average pain 4.6, 4 flare days, 20 logged' for the month shown.

    The figures are the service's (`Diary.trends`): a flare day is counted as
    Trends, `insights` and the report count it (ticked, or 2 above the usual).
    """
    if not figures.days_logged:
        return f"Nothing logged in {month:%B}."
    parts = [] if figures.pain_mean is None else [f"average pain {figures.pain_mean:.1f}"]
    flares = figures.flare_days
    parts.append(f"{flares} flare day{'s' if flares != 1 else ''}")
    parts.append(f"{figures.days_logged} logged")
    return f"{month:%B}: " + ", ".join(parts)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the month `month` falls in."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def row_data(day: DaySummary) -> dict:
    """What one HistoryRow shows, as a RecycleView data item."""
    derived = day.pain_source == "checkins"
    return {
        "date": day.date,
        # The colour of the nearest score: a derived 5.6 is coloured as a 6.
        "pain": None if day.pain is None else round(day.pain),
        "pain_text": pain_figure(day.pain, day.pain_source),
        "derived": derived,
        "headline": f"{day.date:%a} {day.date.day} {day.date:%b %Y}",
        "summary": day_summary(day),
        "checkins": day.checkins,
        # Stress or own factors to show under the row (the chevron opens them).
        "details": day.stress is not None or day.factors > 0,
        "expanded": False,
    }


def places_text(locations: tuple[tuple[str, str | None], ...]) -> str:
    """'Lower back, left buttock, calf': one side named once, before its regions."""
    plain: list[str] = []
    by_side: dict[str, list[str]] = {}
    for region, side in locations:
        name = vocab.label(vocab.REGIONS, region)
        if side in ("left", "right"):
            by_side.setdefault(side, []).append(name.lower())
        elif side == "both":
            plain.append(vocab.location_label(region, side))
        else:
            plain.append(name)
    parts = list(dict.fromkeys(plain))
    parts += [f"{side} " + ", ".join(dict.fromkeys(names)) for side, names in by_side.items()]
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def day_summary(day: DaySummary) -> str:
    """Check-ins, where, flare, sitting, sleep; durations in the app's one format."""
    parts = []
    if day.checkins:
        plural = "s" if day.checkins != 1 else ""
        # The pain shown is theirs when none was entered: say so beside the figure.
        source = "average of " if day.pain_source == "checkins" else ""
        parts.append(f"{source}{day.checkins} check-in{plural}")
    if day.flare_day:  # ticked, or 2 above the usual: as the calendar's dots
        parts.append("Flare")
    if day.locations:
        parts.append(places_text(day.locations))
    elif day.regions:
        parts.append(", ".join(vocab.label(vocab.REGIONS, region) for region in day.regions))
    if day.sitting_minutes is not None:
        parts.append(f"sat {format_duration(day.sitting_minutes)}")
    if day.sleep_hours is not None:
        parts.append(f"slept {format_hours(day.sleep_hours)}")
    if day.has_red_flag:
        parts.insert(0, "RED FLAG")
    if parts and parts[0].startswith("average"):
        parts[0] = parts[0][0].upper() + parts[0][1:]
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
    #: '6', '5.3' (derived from check-ins: `derived`, and a small clock mark) or '–'.
    pain_text = StringProperty("–")
    derived = BooleanProperty(False)
    headline = StringProperty("")
    summary = StringProperty("")
    #: How many check-ins the day has, and whether they are shown under the row.
    checkins = NumericProperty(0)
    #: Whether the day has stress or own-factor values (shown under the row too).
    details = BooleanProperty(False)
    expanded = BooleanProperty(False)

    def on_release(self) -> None:
        MDApp.get_running_app().edit_day(self.date)

    def delete(self) -> None:
        MDApp.get_running_app().screen("history").delete_day(self.date)

    def toggle_checkins(self) -> None:
        MDApp.get_running_app().screen("history").toggle_checkins(self.date)


class HistoryCheckIn(RecycleDataViewBehavior, CheckInRow):
    """One check-in under its day's row: a tap edits it in the sheet, the bin deletes it."""

    def on_release(self) -> None:
        from app.ui.screens.today.checkin_sheet import open_sheet, shown_sheet

        if shown_sheet() is None:
            open_sheet(self.checkin.date, self.checkin)

    def delete(self) -> None:
        from app.ui.screens.today.checkin_sheet import delete_with_undo

        delete_with_undo(self.checkin)


class HistoryDetail(MDBoxLayout):
    """A day's stress and own factors in words, under its row ('Stress 7 · Gardening: yes')."""

    text = StringProperty("")


class HistoryMore(MDBoxLayout):
    """The list's last item while older days are not loaded: a count and "Show older days"."""

    shown = NumericProperty(0)
    total = NumericProperty(0)

    def show_older(self) -> None:
        MDApp.get_running_app().screen("history").show_older()


class HistoryScreen(MDScreen):
    """Calendar + list; reloads when the diary changed since it was last shown.

    Safe to build after the app has started (on the tab's first visit): it
    binds to `app.diary_version` here and loads in `on_pre_enter`.
    """

    count = NumericProperty(0)
    count_text = StringProperty("")
    month_summary = StringProperty("")
    #: Days loaded into the list so far (a page, or more after "Show older days").
    shown = NumericProperty(0)
    #: The month grid is shown (at phone size it folds to its month line).
    calendar_open = BooleanProperty(True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._loaded_version = -1
        self._diary = None
        self._rows: list[dict] = []
        #: Days whose check-ins are shown under their rows.
        self._expanded: set[dt.date] = set()
        app = MDApp.get_running_app()
        app.bind(diary_version=self._diary_changed)

    def _diary_changed(self, *_args) -> None:
        if self.manager is not None and self.manager.current == self.name:
            self.reload()

    def on_pre_enter(self, *_args) -> None:
        if self._loaded_version != MDApp.get_running_app().diary_version:
            self.reload()

    def reload(self) -> None:
        """Re-read the header, the calendar's month and the list's loaded days."""
        app = MDApp.get_running_app()
        self._loaded_version = app.diary_version
        diary = app.diary
        if diary is not self._diary:
            # Another diary file: start again from its newest page and this month.
            self._diary = diary
            self._rows = []
            self.ids.calendar.show_month_of(dt.date.today())
        span = diary.day_span()
        self.count = span.count
        self.count_text = count_text(span)
        self.load_month()
        # As many days as were on show (the user may have paged back; an edit or a
        # delete should not throw them back to the top), and at least one page.
        wanted = max(PAGE_DAYS, len(self._rows))
        days = diary.summaries(newest=wanted)
        self._rows = [row_data(d) for d in reversed(days)]
        self._publish()

    def toggle_calendar(self) -> None:
        """Fold the month grid away (more rows of the list fit) or show it again."""
        self.calendar_open = not self.calendar_open

    def month_changed(self) -> None:
        """The calendar went to another month: colour it, and bring the list to that month."""
        self.load_month()
        month = self.ids.calendar.month
        if month is not None and self._rows:
            self.scroll_to_month(month)

    def scroll_to_month(self, month: dt.date) -> None:
        """Put the newest logged day of `month` (or the next older one) at the list's top.

        Older days are loaded as needed, in one query: jumping back a year is
        one click, not hundreds of wheel notches.
        """
        if self._diary is None:
            return
        _first, last = month_bounds(month)
        oldest = self._rows[-1]["date"]
        if oldest > last and len(self._rows) < self.count:
            older = self._diary.summaries(start=month, end=oldest - dt.timedelta(days=1))
            if len(older) < PAGE_DAYS:  # and a page beyond, so the month is not at the end
                before = self._diary.summaries(end=month - dt.timedelta(days=1), newest=PAGE_DAYS)
                older = before + older
            self._rows.extend(row_data(d) for d in reversed(older))
            self._publish()
        index = next((i for i, row in enumerate(self._rows) if row["date"] <= last), None)
        if index is None:
            return

        def scroll(*_args) -> None:
            rv = self.ids.list
            rv.effect_y.velocity = 0  # a wheel's leftover glide must not carry it off
            scrollable = self._content_height() - rv.height
            if scrollable > 0:
                rv.scroll_y = max(0.0, 1 - self._offset_of(index) / scrollable)

        # After the list has laid out the rows just added (next frame).
        Clock.schedule_once(scroll, 0)

    def load_month(self) -> None:
        """Colour the calendar and write the month summary from the shown month's days."""
        month = self.ids.calendar.month
        if month is None or self._diary is None:
            return  # not loaded yet: reload() comes on the first visit
        first, last = month_bounds(month)
        days = self._diary.summaries(start=first, end=last)
        self.ids.calendar.days = {d.date: (d.pain, d.flare_day) for d in days}
        self.month_summary = month_summary(month, self._diary.trends(first, last))

    def show_older(self) -> None:
        """Append the next page of older days, keeping the view where it was."""
        if not self._rows or self._diary is None:
            return
        oldest = self._rows[-1]["date"]
        older = self._diary.summaries(end=oldest - dt.timedelta(days=1), newest=PAGE_DAYS)
        if not older:  # days were deleted elsewhere meanwhile: re-count
            self.reload()
            return
        rv = self.ids.list
        # Distance from the top of the list to the top of the view: the rows just
        # added then appear where the button was, instead of the list jumping to
        # the end of the new page.
        offset = (1 - rv.scroll_y) * max(0.0, self._content_height() - rv.height)
        self._rows.extend(row_data(d) for d in reversed(older))
        self._publish()
        scrollable = self._content_height() - rv.height
        rv.scroll_y = 1 - offset / scrollable if scrollable > 0 else 1

    def _content_height(self) -> float:
        return sum(item.get("height", dp(ROW_HEIGHT)) for item in self.ids.list.data)

    def _offset_of(self, index: int) -> float:
        """Distance from the list's top to the top of `self._rows[index]`'s row."""
        offset, seen = 0.0, -1
        for item in self.ids.list.data:
            if "viewclass" not in item:
                seen += 1
                if seen == index:
                    return offset
            offset += item.get("height", dp(ROW_HEIGHT))
        return offset

    def toggle_checkins(self, date: dt.date) -> None:
        """Show or hide a day's stress, factors and check-ins under its row."""
        self._expanded ^= {date}
        self._publish()

    def _publish(self) -> None:
        """Hand the loaded rows, the check-ins of opened days and "Show older days" to the list."""
        from app.forms.checkin_form import checkin_line

        self.shown = len(self._rows)
        data: list[dict] = []
        opened = self._expanded & {
            row["date"] for row in self._rows if row["checkins"] or row["details"]
        }
        found = {}
        if opened and self._diary is not None:
            found = self._diary.checkins_between(min(opened), max(opened))
        details = self._details(row for row in self._rows if row["date"] in opened)
        for row in self._rows:
            date = row["date"]
            data.append({**row, "expanded": date in opened})
            if date not in opened:
                continue
            if date in details:
                data.append(details[date])
            for checkin in found.get(date, []):
                data.append(
                    {
                        "viewclass": "HistoryCheckIn",
                        "height": dp(CHECKIN_HEIGHT),
                        "checkin": checkin,
                        "clock": checkin.clock,
                        "pain": checkin.pain,
                        "line": checkin_line(checkin),
                    }
                )
        if len(self._rows) < self.count:
            data.append(
                {
                    "viewclass": "HistoryMore",
                    "height": dp(MORE_HEIGHT),
                    "shown": len(self._rows),
                    "total": self.count,
                }
            )
        self.ids.list.data = data

    def _details(self, rows) -> dict[dt.date, dict]:
        """The stress-and-factors items of the opened days that have any (read when opened)."""
        from math import ceil

        from app.forms.factor_words import day_factor_words

        wanted = [row["date"] for row in rows if row["details"]]
        if not wanted or self._diary is None:
            return {}
        kinds = {f.name: f.kind for f in self._diary.factors(include_archived=True)}
        # The item's height is fixed in the list's data: count its lines from the
        # text's length at the list's width (about 7.5 dp a character of medium body text).
        per_line = max(24, int((self.ids.list.width / dp(1) - 72) / 7.5))
        items = {}
        for date in wanted:
            fields = self._diary.get_day_fields(date) or {}
            text = day_factor_words(fields.get("stress"), fields.get("factors") or {}, kinds)
            if not text:
                continue
            lines = ceil(len(text) / per_line)
            items[date] = {
                "viewclass": "HistoryDetail",
                "height": dp(DETAIL_LINE_HEIGHT * lines + DETAIL_PADDING),
                "text": text,
            }
        return items

    def delete_day(self, date: dt.date) -> None:
        """Delete a day at once and offer Undo (re-saving what was deleted)."""
        app = MDApp.get_running_app()
        removed = app.diary.delete_day(date)
        if removed is None:
            return
        # diary_changed reloads this screen if it is shown, or on its next visit.
        app.diary_changed()

        def undo() -> None:
            app.diary.save_day(removed)
            app.diary_changed()
            app.notify(f"Restored {date:%a} {date.day} {date:%b}.")

        app.notify(
            f"Deleted {date:%a} {date.day} {date:%b}.", action="Undo", callback=undo, duration=8
        )
