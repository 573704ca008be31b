"""Layout pieces: section cards, small pill buttons, columns that reflow when wide."""

from __future__ import annotations

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivymd.uix.boxlayout import MDBoxLayout
from kivy.uix.label import Label

Builder.load_string(
    """
<SectionCard>:
    orientation: "vertical"
    size_hint_y: None
    height: self.minimum_height
    padding: dp(16), dp(14), dp(16), dp(16)
    spacing: dp(10)
    canvas.before:
        Color:
            rgba: app.theme_cls.surfaceContainerLowColor
        RoundedRectangle:
            pos: self.pos
            size: self.size
            radius: [dp(16)]
    MDBoxLayout:
        size_hint_y: None
        height: dp(28)
        spacing: dp(8)
        MDIcon:
            icon: root.icon
            size_hint: None, None
            size: dp(24), dp(28)
            theme_text_color: "Custom"
            text_color: app.theme_cls.primaryColor
            opacity: 1 if root.icon else 0
            width: dp(24) if root.icon else 0
        MDLabel:
            text: root.title
            font_style: "Title"
            role: "medium"
            bold: True
            shorten: True
    MDLabel:
        text: root.subtitle
        font_style: "Body"
        role: "small"
        theme_text_color: "Secondary"
        adaptive_height: True
        opacity: 1 if root.subtitle else 0
        size_hint_y: None
        height: self.texture_size[1] if root.subtitle else 0

<PillButton>:
    halign: "center"
    valign: "middle"
    font_size: "14sp"
    bold: True
    size_hint: None, None
    height: dp(36)
    width: max(dp(48), self.texture_size[0] + dp(24))
    color: app.theme_cls.onSecondaryContainerColor if root.filled else app.theme_cls.primaryColor
    canvas.before:
        Color:
            rgba: (app.theme_cls.secondaryContainerColor if root.filled else app.theme_cls.transparentColor) if self.state == "normal" else app.theme_cls.primaryContainerColor
        RoundedRectangle:
            pos: self.pos
            size: self.size
            radius: [self.height / 2]
        Color:
            rgba: app.theme_cls.outlineColor if not root.filled else app.theme_cls.transparentColor
        Line:
            rounded_rectangle: self.x + dp(.5), self.y + dp(.5), self.width - dp(1), self.height - dp(1), self.height / 2 - dp(.5)
            width: dp(.8)
"""
)


class SectionCard(MDBoxLayout):
    """A rounded, tinted card with a title: one part of a form or screen."""

    title = StringProperty("")
    subtitle = StringProperty("")
    icon = StringProperty("")


class PillButton(ButtonBehavior, Label):
    """A compact rounded button (steppers, small actions) that fits 420 dp rows."""

    filled = BooleanProperty(False)


class ResponsiveColumns(MDBoxLayout):
    """Children stack in one column; when wider than `wide_width`, they split in two.

    The first `split` children go to the left column, the rest to the right:
    a phone-shaped window shows one scrolling column, a wide window two.
    """

    wide_width = NumericProperty(dp(820))
    split = NumericProperty(3)
    spacing_between = NumericProperty(dp(16))
    cards = ListProperty()

    def __init__(self, **kwargs):
        self._ready = False
        super().__init__(**kwargs)
        self.orientation = "horizontal"
        self.size_hint_y = None
        self.spacing = self.spacing_between
        # Columns hang from the top: a horizontal box would sit them on its bottom.
        self._left = MDBoxLayout(
            orientation="vertical", size_hint_y=None, spacing=dp(16), pos_hint={"top": 1}
        )
        self._right = MDBoxLayout(
            orientation="vertical", size_hint_y=None, spacing=dp(16), pos_hint={"top": 1}
        )
        for column in (self._left, self._right):
            column.bind(minimum_height=column.setter("height"))
            column.bind(height=self._update_height)
        self._ready = True
        self._wide: bool | None = None
        self.bind(width=self._reflow)
        Clock.schedule_once(self._reflow)

    def add_widget(self, widget, *args, **kwargs):
        if not getattr(self, "_ready", False) or widget in (self._left, self._right):
            return super().add_widget(widget, *args, **kwargs)
        self.cards.append(widget)
        self._wide = None  # force a re-layout
        Clock.schedule_once(self._reflow)
        return None

    @property
    def is_wide(self) -> bool:
        return self.width >= self.wide_width

    def _reflow(self, *_args) -> None:
        wide = self.is_wide
        if wide == self._wide and all(card.parent is not None for card in self.cards):
            return
        self._wide = wide
        for column in (self._left, self._right):
            column.clear_widgets()
        super().clear_widgets()
        super().add_widget(self._left)
        if wide:
            super().add_widget(self._right)
            left, right = self.cards[: int(self.split)], self.cards[int(self.split) :]
        else:
            left, right = list(self.cards), []
        for card in left:
            self._left.add_widget(card)
        for card in right:
            self._right.add_widget(card)
        self._update_height()

    def _update_height(self, *_args) -> None:
        self.height = max(self._left.height, self._right.height if self._wide else 0)
