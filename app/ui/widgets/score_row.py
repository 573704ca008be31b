"""A 0-10 score picked with one click: a row of eleven round buttons.

Quicker and more exact with a mouse than a slider, and it can say "not
recorded" (no circle filled): a half-filled day is a valid day. Clicking the
chosen number again clears it.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivymd.uix.boxlayout import MDBoxLayout

from app.ui.widgets.focus import KeyFocus

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class ScoreCell(ButtonBehavior, Label):
    """One number of the row."""

    number = NumericProperty(0)
    selected = BooleanProperty(False)


class ScoreRow(KeyFocus, MDBoxLayout):
    """`value` is an int 0..`maximum` or None (not recorded); keys: digits, arrows, Delete."""

    value = ObjectProperty(None, allownone=True)
    maximum = NumericProperty(10)
    low_hint = StringProperty("")
    high_hint = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._cells: list[ScoreCell] = []
        self.bind(maximum=lambda *_: self._build())
        # Children from kv exist only after __init__ (ids are empty here): build
        # them before the next frame (-1), so the row is never drawn empty first.
        Clock.schedule_once(lambda _dt: self._build(), -1)

    def _build(self) -> None:
        box = self.ids.cells
        box.clear_widgets()
        self._cells = []
        for number in range(int(self.maximum) + 1):
            cell = ScoreCell(text=str(number), number=number)
            cell.bind(on_release=self._clicked)
            box.add_widget(cell)
            self._cells.append(cell)
        self.on_value(self, self.value)

    def _clicked(self, cell: ScoreCell) -> None:
        self.value = None if self.value == cell.number else cell.number

    def on_value(self, _instance, value) -> None:
        for cell in self._cells:
            cell.selected = value is not None and cell.number == value

    def on_key(self, key: str, text: str | None) -> bool:
        top = int(self.maximum)
        if text and text.isdigit():
            self.value = min(top, int(text))  # 10 is one arrow press above 9
        elif key in ("right", "up"):
            self.value = 0 if self.value is None else min(top, self.value + 1)
        elif key in ("left", "down"):
            self.value = 0 if self.value is None else max(0, self.value - 1)
        elif key in ("delete", "backspace"):
            self.value = None
        else:
            return False
        return True

    def cell(self, number: int) -> ScoreCell:
        """The button for `number` (for tests and keyboard helpers)."""
        return self._cells[number]
