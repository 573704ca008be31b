"""Layout pieces: section cards (collapsible), small pill buttons, columns that reflow."""

from __future__ import annotations

import json
import os
from pathlib import Path

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.relativelayout import RelativeLayout
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.scrollview import MDScrollView

from app.ui.widgets.focus import ACTIVATE, KeyFocus

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


_SECTIONS_FILE = "sections.json"


def load_section_state() -> dict[str, bool]:
    """Which collapsible sections were left open (True) or closed, by key."""
    from app.config import config_dir

    try:
        data = json.loads((config_dir() / _SECTIONS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): bool(v) for k, v in data.items() if isinstance(v, bool)}


def save_section_state(key: str, expanded: bool) -> None:
    """Remember one section's state (a preference of this computer, not diary data)."""
    from app.config import config_dir

    state = load_section_state()
    state[key] = expanded
    folder = config_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / _SECTIONS_FILE
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(state, file)
    except OSError:
        pass  # not worth bothering the user: the section opens as it did before


class SectionHeader(KeyFocus, ButtonBehavior, MDBoxLayout):
    """A card's title row; a click (or Space/Enter with the keyboard) opens or closes it."""

    def on_key(self, key: str, text: str | None) -> bool:
        if key in ACTIVATE:
            self.dispatch("on_release")
            return True
        return False


class SectionCard(MDBoxLayout):
    """A rounded, tinted card with a title: one part of a form or screen.

    With `collapsible` and a `key`, a click on the title closes or opens it, and
    the state is remembered in the config folder (sections.json).
    """

    title = StringProperty("")
    subtitle = StringProperty("")
    icon = StringProperty("")
    key = StringProperty("")
    collapsible = BooleanProperty(False)
    expanded = BooleanProperty(True)

    def __init__(self, **kwargs):
        self._body = None
        self._initialised = False
        super().__init__(**kwargs)
        self._initialised = True
        # kv sets `key` and the first `expanded` after __init__: read the stored state then.
        Clock.schedule_once(self._restore, -1)

    def _body_box(self):
        """The box holding the card's content (None while the card's own rule applies)."""
        # `ids` hold weak proxies: a closed card's body, out of the tree, needs this
        # strong reference or it (and the form's fields in it) would be collected.
        if getattr(self, "_body", None) is None and "body" in self.ids:
            self._body = self.ids.body.__self__
        return getattr(self, "_body", None)

    def add_widget(self, widget, *args, **kwargs):
        body = self._body_box()
        if body is not None and widget is not body:
            return body.add_widget(widget, *args, **kwargs)
        return super().add_widget(widget, *args, **kwargs)

    def _restore(self, *_args) -> None:
        if self.collapsible and self.key:
            self.expanded = load_section_state().get(self.key, self.expanded)
        self.on_expanded(self, self.expanded)

    def toggle(self) -> None:
        """Open or close the card (a click on its title) and remember it."""
        if not self.collapsible:
            return
        self.expanded = not self.expanded
        if self.key:
            save_section_state(self.key, self.expanded)

    def on_expanded(self, _instance, expanded: bool) -> None:
        # A subclass's own kv rule may close it during __init__, before KivyMD can
        # remove a child: `_restore` applies the state just after.
        body = self._body_box() if getattr(self, "_initialised", False) else None
        if body is None:
            return
        # A closed card's fields leave the tree: Tab skips them and layout ignores them.
        if expanded and body.parent is None:
            super().add_widget(body)
        elif not expanded and body.parent is self:
            self.remove_widget(body)


class StillBlock(RelativeLayout):
    """Holds one widget (a card) in its own coordinates, as tall as that widget.

    In a scroll view every widget's coordinates count from the bottom of the
    content: when cards are added below (built after the first frame), the
    ones above get larger coordinates, and their anti-aliased edges (the
    slider's handle) were drawn a shade different in float32. Inside this block
    they keep the same coordinates; only the block moves, by whole pixels.
    """

    def add_widget(self, widget, *args, **kwargs):
        widget.bind(height=self.setter("height"))
        self.height = widget.height
        return super().add_widget(widget, *args, **kwargs)


class PillButton(ButtonBehavior, Label):
    """A compact rounded button (steppers, small actions) that fits 420 dp rows."""

    filled = BooleanProperty(False)
    #: Smaller and lighter: one-click choices under a stepper.
    compact = BooleanProperty(False)


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
        if self._wide is not None:
            # A card added after the first layout (built later) goes straight to its
            # column: a whole re-layout on the next tick would be a frame without it.
            column = self._right if self._wide and len(self.cards) > int(self.split) else self._left
            column.add_widget(widget)
            return None
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


class QuietScrollView(MDScrollView):
    """A scroll view whose bar lights up when the content scrolls, not when it is laid out.

    Kivy shows the bar at full colour on every update of the view, including
    the content growing or shrinking, then fades it out over a second: on
    start-up (the form built under the header) and after every card opened or
    row added, the bar flashed and about a dozen frames were drawn for it. Here
    an update that leaves the scroll position where it was keeps the bar faint.
    """

    #: Kivy lights the bar, waits half a second, then fades it over half a second.
    _LIT_SECONDS = 1.0

    def __init__(self, **kwargs):
        self._position: tuple[float, float] | None = None
        self._scrolled_at = float("-inf")
        super().__init__(**kwargs)

    def update_from_scroll(self, *largs) -> None:
        position = (self.scroll_x, self.scroll_y)
        now = Clock.get_boottime()
        if self._position is not None and position != self._position:
            self._scrolled_at = now
        self._position = position
        super().update_from_scroll(*largs)
        # A bar lit by a scroll a moment ago keeps Kivy's fade; otherwise it stays faint.
        if now - self._scrolled_at >= self._LIT_SECONDS:
            self._bind_inactive_bar_color_ev.cancel()
            Animation.cancel_all(self, "_bar_color")
            self.funbind("bar_color", self._change_bar_color)
            self.fbind("bar_inactive_color", self._change_bar_color)
            self._bar_color = self.bar_inactive_color


class TopScrollView(QuietScrollView):
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
