"""Filter chips that toggle at once (KivyMD's animate for half a second first)."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.stacklayout import StackLayout
from kivymd.uix.boxlayout import MDBoxLayout

from app.ui.widgets.focus import ACTIVATE, KeyFocus

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class ToggleChip(KeyFocus, ButtonBehavior, MDBoxLayout):
    """A Material 3 filter chip: `code` is the stored value, `text` the label."""

    text = StringProperty("")
    code = StringProperty("")
    active = BooleanProperty(False)

    def on_release(self) -> None:
        self.active = not self.active

    def on_key(self, key: str, text: str | None) -> bool:
        if key in ACTIVATE:
            self.active = not self.active
            return True
        return False


class ChipFlow(StackLayout):
    """Chips that wrap onto as many lines as the width needs."""

    def chips(self) -> list[ToggleChip]:
        return [c for c in reversed(self.children) if isinstance(c, ToggleChip)]

    def selected(self) -> list[str]:
        return [chip.code for chip in self.chips() if chip.active]

    def select(self, codes: list[str]) -> None:
        wanted = set(codes)
        for chip in self.chips():
            chip.active = chip.code in wanted
