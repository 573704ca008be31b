"""Layout pieces: section cards, small pill buttons, columns that reflow when wide."""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.scrollview import MDScrollView

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


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
        # Cards from this class's own kv rule arrive during super().__init__.
        self._early_cards: list = []
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
        self.cards.extend(self._early_cards)
        self._wide: bool | None = None
        self.bind(width=self._reflow)
        Clock.schedule_once(self._reflow)

    def add_widget(self, widget, *args, **kwargs):
        if not getattr(self, "_ready", False):
            self._early_cards.append(widget)
            return None
        if widget in (self._left, self._right):
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


class TopScrollView(MDScrollView):
    """A scroll view whose content stays at the top when it becomes shorter than the view.

    Kivy keeps `scroll_y` when the content shrinks below the view's height (a
    window widened after scrolling down puts cards in two columns): the content
    then sits at the bottom under an empty band. Back to the top instead.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.bind(height=self._keep_top)

    def add_widget(self, widget, *args, **kwargs):
        super().add_widget(widget, *args, **kwargs)
        widget.bind(height=self._keep_top)

    def remove_widget(self, widget, *args, **kwargs):
        widget.unbind(height=self._keep_top)
        super().remove_widget(widget, *args, **kwargs)

    def _keep_top(self, *_args) -> None:
        content = self.children[0] if self.children else None
        if content is not None and content.height <= self.height and self.scroll_y != 1:
            self.scroll_y = 1
