"""Filter chips that toggle at once (KivyMD's animate for half a second first)."""

from __future__ import annotations

from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.stacklayout import StackLayout
from kivymd.uix.boxlayout import MDBoxLayout

Builder.load_string(
    """
<ToggleChip>:
    size_hint: None, None
    height: dp(34)
    width: self.minimum_width
    padding: (dp(8) if root.active else dp(14)), 0, dp(14), 0
    spacing: dp(6) if root.active else 0
    canvas.before:
        Color:
            rgba: app.theme_cls.secondaryContainerColor if root.active else app.theme_cls.transparentColor
        RoundedRectangle:
            pos: self.pos
            size: self.size
            radius: [dp(8)]
        Color:
            rgba: app.theme_cls.transparentColor if root.active else app.theme_cls.outlineColor
        Line:
            rounded_rectangle: self.x + dp(.5), self.y + dp(.5), self.width - dp(1), self.height - dp(1), dp(8)
            width: dp(.8)
    MDIcon:
        icon: "check"
        size_hint: None, None
        size: (dp(18) if root.active else 0), dp(18)
        pos_hint: {"center_y": .5}
        font_size: "18sp"
        opacity: 1 if root.active else 0
        theme_text_color: "Custom"
        text_color: app.theme_cls.onSecondaryContainerColor
    MDLabel:
        text: root.text
        font_style: "Label"
        role: "large"
        adaptive_width: True
        size_hint_y: None
        height: dp(34)
        theme_text_color: "Custom"
        text_color: app.theme_cls.onSecondaryContainerColor if root.active else app.theme_cls.onSurfaceVariantColor

<ChipFlow>:
    size_hint_y: None
    height: self.minimum_height
    spacing: dp(8)
"""
)


class ToggleChip(ButtonBehavior, MDBoxLayout):
    """A Material 3 filter chip: `code` is the stored value, `text` the label."""

    text = StringProperty("")
    code = StringProperty("")
    active = BooleanProperty(False)

    def on_release(self) -> None:
        self.active = not self.active


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
