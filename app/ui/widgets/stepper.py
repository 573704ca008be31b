"""Durations: tap the number to type it, pick a preset, or step it by −1 h, −15, +15, +1 h.

Typing reads "7h30", "7.5" (hours) or "450" (minutes) with the form's one reader
(`app.forms.day_form.typed_minutes`, built on the domain's duration parser).
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.label import MDLabel

from app.domain.durations import format_duration
from app.forms.day_form import typed_minutes
from app.ui.widgets.focus import ACTIVATE, FieldFocus, KeyFocus
from app.ui.widgets.layout import PillButton

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


def format_minutes(minutes: int | None) -> str:
    """'6 h 15 min', '45 min', '0 min', or '—': the app's one duration format."""
    return format_duration(minutes)


class TapValue(ButtonBehavior, MDLabel):
    """The shown duration: a click on it starts typing."""


def _field_class():
    from kivymd.uix.textfield import MDTextField

    class StepperField(FieldFocus, MDTextField):
        """The text field a stepper shows while a time is typed."""

    return StepperField


class DurationStepper(KeyFocus, MDBoxLayout):
    """`value` in minutes (None = not recorded): typed, a preset, or stepped.

    Keys while focused: arrows step (left/right the small step, up/down the big
    one), Enter or a digit starts typing, Delete clears.
    """

    label = StringProperty("")
    value = ObjectProperty(None, allownone=True)
    value_text = StringProperty("—")
    maximum = NumericProperty(24 * 60)
    steps = ListProperty([-60, -15, 15, 60])
    #: Minutes offered as one-click choices under the steppers ([] for none).
    presets = ListProperty()
    value_width = NumericProperty(dp(104))
    #: What a bare whole number typed means: "h" (up to 24) or "min".
    bare = OptionProperty("h", options=["h", "min"])
    typing = BooleanProperty(False)
    #: Why the last typed text was refused ('' when it was not).
    error = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._buttons: dict[int, PillButton] = {}
        self._preset_buttons: dict[int, PillButton] = {}
        self._field = None
        # Children from kv exist only after __init__ (ids are empty here): build
        # them before the next frame (-1), so the row is never drawn empty first,
        # and once, after kv has set `steps` and `presets` too (not once for each).
        build_soon = Clock.create_trigger(lambda _dt: self._build(), -1)
        self.bind(steps=build_soon, presets=build_soon)
        build_soon()

    def _build(self) -> None:
        from kivymd.app import MDApp

        if MDApp.get_running_app() is None:
            return  # scheduled just before the app stopped: nothing to show any more
        box = self.ids.buttons
        box.clear_widgets()
        self._buttons = {}
        for step in self.steps:
            button = PillButton(text=_step_text(step), pos_hint={"center_y": 0.5})
            button.bind(on_release=lambda _b, s=step: self.step(s))
            box.add_widget(button)
            self._buttons[step] = button
        row = self.ids.presets
        row.clear_widgets()
        self._preset_buttons = {}
        for minutes in self.presets:
            button = PillButton(text=format_minutes(minutes), compact=True)
            button.bind(on_release=lambda _b, m=minutes: self.set_value(m))
            row.add_widget(button)
            self._preset_buttons[minutes] = button
        self.on_value(self, self.value)

    def button(self, step: int) -> PillButton:
        """The button that adds `step` minutes (for tests)."""
        return self._buttons[step]

    def preset(self, minutes: int) -> PillButton:
        """The one-click button for `minutes` (for tests)."""
        return self._preset_buttons[minutes]

    def step(self, minutes: int) -> None:
        current = self.value or 0
        self.set_value(current + minutes)

    def set_value(self, minutes: int | None) -> None:
        self.value = None if minutes is None else max(0, min(int(self.maximum), int(minutes)))

    def on_value(self, _instance, value) -> None:
        self.value_text = format_minutes(value)
        for minutes, button in self._preset_buttons.items():
            button.filled = value == minutes

    # -- typing -------------------------------------------------------------------

    def start_typing(self, first: str = "") -> None:
        """Swap the number for a text field ('7h30', '7.5', '450'); Enter keeps it."""
        if self._field is not None:
            return
        from kivymd.uix.textfield import MDTextFieldHelperText, MDTextFieldHintText

        examples = "e.g. 7h30, 7.5 or 450" if self.bare == "h" else "e.g. 20 or 1h15"
        self._helper = MDTextFieldHelperText(text="", mode="on_error")
        field = _field_class()(
            MDTextFieldHintText(text=f"{self.label or 'Minutes'}: {examples}"),
            self._helper,
            mode="outlined",
            multiline=False,
            write_tab=False,
            # Enter on a wrong time keeps the field open to correct it.
            text_validate_unfocus=False,
            text=first,
        )
        field.bind(on_text_validate=lambda *_: self.finish_typing(keep_focus=True))
        field.bind(focus=self._field_focus)
        self._field = field
        self.error = ""
        self.typing = True
        self.ids.value_row.add_widget(field)
        Clock.schedule_once(lambda _dt: setattr(field, "focus", True))

    def _field_focus(self, field, focused: bool) -> None:
        if not focused and field is self._field:
            # Clicked or tabbed away: keep what reads as a time, drop the rest.
            self.finish_typing(cancel_if_wrong=True)

    def finish_typing(self, keep_focus: bool = False, cancel_if_wrong: bool = False) -> bool:
        """Read the typed time; False (and `error` says why) when it is not one."""
        field = self._field
        if field is None:
            return True
        try:
            minutes = typed_minutes(field.text, bare=self.bare)
        except ValueError as problem:
            self.error = f"{self.label or 'Minutes'}: {problem}"
            if not cancel_if_wrong:
                field.error = True
                self._helper.text = self.error
                return False
            minutes = self.value
        else:
            self.error = ""
        self._field = None
        self.typing = False
        field.unbind(focus=self._field_focus)
        self.ids.value_row.remove_widget(field)
        self.set_value(minutes)
        if keep_focus:
            Clock.schedule_once(lambda _dt: setattr(self, "focus", True))
        return True

    def on_key(self, key: str, text: str | None) -> bool:
        small = min((s for s in self.steps if s > 0), default=15)
        big = max((s for s in self.steps if s > 0), default=60)
        if key == "right":
            self.step(small)
        elif key == "left":
            self.step(-small)
        elif key == "up":
            self.step(big)
        elif key == "down":
            self.step(-big)
        elif key in ("delete", "backspace"):
            self.value = None
        elif key in ACTIVATE:
            self.start_typing()
        elif text and text.isdigit():
            self.start_typing(text)
        else:
            return False
        return True


def _step_text(step: int) -> str:
    sign = "+" if step > 0 else "−"
    size = abs(step)
    return f"{sign}{size // 60} h" if size % 60 == 0 else f"{sign}{size}"
