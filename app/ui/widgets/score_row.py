"""A 0-10 score picked with one click: a row of eleven round buttons.

Quicker and more exact with a mouse than a slider, and it can say "not
recorded" (no circle filled): a half-filled day is a valid day. Clicking the
chosen number again clears it.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivymd.uix.boxlayout import MDBoxLayout
from kivy.uix.label import Label

Builder.load_string(
    """
<ScoreCell>:
    halign: "center"
    valign: "middle"
    font_size: "14sp"
    bold: self.selected
    color: app.theme_cls.onPrimaryColor if self.selected else app.theme_cls.onSurfaceColor
    canvas.before:
        Color:
            rgba: app.theme_cls.primaryColor if self.selected else app.theme_cls.surfaceContainerHighestColor
        Ellipse:
            size: (min(self.width, self.height) - dp(4),) * 2
            pos: self.center_x - (min(self.width, self.height) - dp(4)) / 2, self.center_y - (min(self.width, self.height) - dp(4)) / 2

<ScoreRow>:
    orientation: "vertical"
    size_hint_y: None
    height: self.minimum_height
    spacing: dp(2)
    MDBoxLayout:
        id: cells
        size_hint_y: None
        height: dp(36)
        spacing: dp(1)
    MDBoxLayout:
        size_hint_y: None
        height: dp(18) if root.low_hint or root.high_hint else 0
        opacity: 1 if root.low_hint or root.high_hint else 0
        MDLabel:
            text: root.low_hint
            font_style: "Body"
            role: "small"
            theme_text_color: "Secondary"
        MDLabel:
            text: root.high_hint
            font_style: "Body"
            role: "small"
            halign: "right"
            theme_text_color: "Secondary"
"""
)


class ScoreCell(ButtonBehavior, Label):
    """One number of the row."""

    number = NumericProperty(0)
    selected = BooleanProperty(False)


class ScoreRow(MDBoxLayout):
    """`value` is an int 0..`maximum` or None (not recorded)."""

    value = ObjectProperty(None, allownone=True)
    maximum = NumericProperty(10)
    low_hint = StringProperty("")
    high_hint = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._cells: list[ScoreCell] = []
        self.bind(maximum=lambda *_: self._build())
        # Children from kv exist only after this frame (ids are empty in __init__).
        Clock.schedule_once(lambda _dt: self._build())

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

    def cell(self, number: int) -> ScoreCell:
        """The button for `number` (for tests and keyboard helpers)."""
        return self._cells[number]
