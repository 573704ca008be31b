"""Quick steppers for durations: −1 h, −15, +15, +1 h around a readable value."""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import ListProperty, NumericProperty, ObjectProperty, StringProperty
from kivymd.uix.boxlayout import MDBoxLayout

from app.domain.durations import format_duration
from app.ui.widgets.layout import PillButton

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


def format_minutes(minutes: int | None) -> str:
    """'6 h 15 min', '45 min', '0 min', or '—': the app's one duration format."""
    return format_duration(minutes)


class DurationStepper(MDBoxLayout):
    """`value` in minutes (None = not recorded), changed by the step buttons."""

    label = StringProperty("")
    value = ObjectProperty(None, allownone=True)
    value_text = StringProperty("—")
    maximum = NumericProperty(24 * 60)
    steps = ListProperty([-60, -15, 15, 60])
    value_width = NumericProperty(dp(104))

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._buttons: dict[int, PillButton] = {}
        self.bind(steps=lambda *_: self._build())
        # Children from kv exist only after this frame (ids are empty in __init__).
        Clock.schedule_once(lambda _dt: self._build())

    def _build(self) -> None:
        box = self.ids.buttons
        box.clear_widgets()
        self._buttons = {}
        for step in self.steps:
            text = _step_text(step)
            button = PillButton(text=text, filled=step > 0, pos_hint={"center_y": 0.5})
            button.bind(on_release=lambda _b, s=step: self.step(s))
            box.add_widget(button)
            self._buttons[step] = button

    def button(self, step: int) -> PillButton:
        """The button that adds `step` minutes (for tests)."""
        return self._buttons[step]

    def step(self, minutes: int) -> None:
        current = self.value or 0
        self.value = max(0, min(int(self.maximum), current + minutes))

    def on_value(self, _instance, value) -> None:
        self.value_text = format_minutes(value)


def _step_text(step: int) -> str:
    sign = "+" if step > 0 else "−"
    size = abs(step)
    return f"{sign}{size // 60} h" if size % 60 == 0 else f"{sign}{size}"
