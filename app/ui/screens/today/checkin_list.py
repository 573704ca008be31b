"""A day's check-ins as a list (Today's first card, History's rows); a tap edits one.

Apart from the sheet (`checkin_sheet`) so the first frame of Today, which shows
the list, does not load the sheet's widgets and rules.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kivy.lang import Builder
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivymd.uix.boxlayout import MDBoxLayout

from app.forms.checkin_form import checkin_line

if TYPE_CHECKING:
    # The model imports pydantic (0.2-0.35 s): not at start-up, for a list.
    from app.domain.checkin import CheckIn

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class CheckInRow(ButtonBehavior, MDBoxLayout):
    """One check-in in a day's list: time, pain, doing and places; a tap edits it."""

    checkin = ObjectProperty(None)
    clock = StringProperty("")
    pain = ObjectProperty(None, allownone=True)
    line = StringProperty("")
    #: Space on the left (History indents a day's check-ins under its row).
    inset = NumericProperty(0)
    on_edit: Callable[[CheckIn], None] | None = None
    on_delete: Callable[[CheckIn], None] | None = None

    def on_release(self) -> None:
        if self.on_edit is not None:
            self.on_edit(self.checkin)

    def delete(self) -> None:
        if self.on_delete is not None:
            self.on_delete(self.checkin)


class CheckInList(MDBoxLayout):
    """A day's check-ins, by time; empty (no height) when the day has none."""

    title = StringProperty("")

    def show(
        self,
        checkins: list[CheckIn],
        on_edit: Callable[[CheckIn], None],
        on_delete: Callable[[CheckIn], None],
    ) -> None:
        """List `checkins`; taps call `on_edit(checkin)`, the bin `on_delete(checkin)`."""
        rows = self.ids.rows
        rows.clear_widgets()
        count = len(checkins)
        self.title = f"Check-ins ({count})" if count else ""
        for checkin in checkins:
            row = CheckInRow(
                checkin=checkin, clock=checkin.clock, pain=checkin.pain, line=checkin_line(checkin)
            )
            row.on_edit, row.on_delete = on_edit, on_delete
            rows.add_widget(row)

    def rows(self) -> list[CheckInRow]:
        return list(reversed(self.ids.rows.children))
