"""Segmented choices of vocabulary codes, and a slider that leaves the wheel alone."""

from __future__ import annotations

from kivy.clock import Clock
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.relativelayout import RelativeLayout
from kivymd.uix.segmentedbutton import (
    MDSegmentButtonLabel,
    MDSegmentedButton,
    MDSegmentedButtonItem,
)
from kivymd.uix.segmentedbutton.segmentedbutton import (
    MDSegmentButtonSelectedIcon,
    MDSegmentedButtonItemContainer,
)
from kivymd.uix.slider import MDSlider

from app.ui.widgets.focus import KeyFocus


class QuietSlider(KeyFocus, MDSlider):
    """MDSlider that leaves the mouse wheel to the scrolling form, and says when it is picked.

    A stock MDSlider changes its value under the wheel, so scrolling the form
    past it would silently change the pain score. A click on the value it already
    shows (0 on a day not scored yet) changes nothing, so `on_pick` fires with the
    value under every click or key (Space, Enter, a digit, an arrow).
    """

    __events__ = ("on_pick",)

    def __init__(self, **kwargs):
        self._points_soon = Clock.create_trigger(self._place_points, -1)
        super().__init__(**kwargs)
        self.fbind("pos", self._points_soon)

    def update_points(self, _instance, _step) -> None:
        # KivyMD empties the step points, then places them a tick later (the
        # form's first frame showed a track without them, the next one with) and
        # not at all when the slider only moves. Here: after layout, before the frame.
        self._points_soon()

    def _place_points(self, *_args) -> None:
        """The step points, on the active and the inactive part of the track (KivyMD's maths)."""
        if not self.step:
            return
        horizontal = self.orientation == "horizontal"
        across = (self.center_y if horizontal else self.center_x) - self.track_active_width / 2
        length = (self.width if horizontal else self.height) - self.padding * 2
        top = int(self.max)
        per_value = length / top if top > 0 else 0
        active_length = length * self.value_normalized
        start = self.x if horizontal else self.y
        handle = self.ids.handle_container.width / 2
        active: list[float] = []
        inactive: list[float] = []
        for i in range(0, top + 1, max(1, int(self.step))):
            along = start + i * per_value + self.padding + (handle if i and i != self.max else 0)
            points = inactive if i * per_value < active_length else active
            points.extend((along, across) if horizontal else (across, along))
        self._active_points, self._inactive_points = active, inactive

    def on_touch_down(self, touch):
        if touch.is_mouse_scrolling:
            return False
        return super().on_touch_down(touch)

    def on_touch_up(self, touch):
        picked = touch.grab_current is self
        handled = super().on_touch_up(touch)
        if picked:
            self.dispatch("on_pick", self.value_at(touch.x))
        return handled

    def value_at(self, x: float) -> float:
        """The value (on the step) under window-local x."""
        span = max(1.0, self.width - 2 * self.padding)
        fraction = min(1.0, max(0.0, (x - self.x - self.padding) / span))
        value = self.min + fraction * (self.max - self.min)
        return round(value / self.step) * self.step if self.step else value

    def on_pick(self, value: float) -> None:
        """A click or key chose `value`."""

    def on_key(self, key: str, text: str | None) -> bool:
        value = self.value
        if key in ("left", "down"):
            value = max(self.min, value - (self.step or 1))
        elif key in ("right", "up"):
            value = min(self.max, value + (self.step or 1))
        elif text and text.isdigit():
            value = min(self.max, int(text))
        elif key not in ("spacebar", "enter", "numpadenter"):
            return False
        self.value = value
        self.dispatch("on_pick", value)
        return True


class CodeSegment(MDSegmentedButtonItem):
    """A segment that stands for a vocabulary code.

    KivyMD gives every segment its check mark (an MDIcon at size 0: a label,
    its texture and some 90 bindings, about 0.35 MB) on the frame after it is
    made, whether or not it is ever chosen; here a segment gets it when it is
    first chosen. The mark still grows in as KivyMD animates it.
    """

    code = StringProperty("")

    def add_widget(self, widget, *args, **kwargs):
        if isinstance(widget, MDSegmentedButtonItemContainer):
            return RelativeLayout.add_widget(self, widget, *args, **kwargs)
        return super().add_widget(widget, *args, **kwargs)

    def on_active(self, instance, value) -> None:
        if value and self._get_selected_icon_from_container() is None:
            self.ids.container.add_widget(
                MDSegmentButtonSelectedIcon(_segmented_button=self._segmented_button, _item=self),
                index=1,
            )
        super().on_active(instance, value)


class CodeSegments(KeyFocus, MDSegmentedButton):
    """Single choice of a vocabulary code; clicking the chosen segment clears it."""

    value = ObjectProperty(None, allownone=True)

    def _set_size_hint_min_x(self, *_args, **_kwargs) -> None:
        # The stock button grows to its labels' natural width and overflows a phone-wide
        # card; here the segments share the width they are given instead.
        return

    #: False: clicking the chosen segment again clears the choice.
    required = False

    def set_choices(self, choices: dict[str, str]) -> None:
        self._items: dict[str, CodeSegment] = {}
        for code, text in choices.items():
            item = CodeSegment(MDSegmentButtonLabel(text=text), code=code)
            # Kivy calls handlers last-bound first: binding before add_widget (which
            # binds MDSegmentedButton.mark_item) makes _released run after mark_item.
            item.bind(on_press=self._pressed, on_release=self._released)
            self.add_widget(item)
            self._items[code] = item

    def item(self, code: str) -> CodeSegment:
        return self._items[code]

    def _pressed(self, item: CodeSegment) -> None:
        # Remember the state before MDSegmentedButton.mark_item runs on release.
        item._was_active = item.active

    def _released(self, item: CodeSegment) -> None:
        if getattr(item, "_was_active", False) and not self.required:
            item.active = False
            self.value = None
        else:
            self.value = item.code if item.active else self.value

    def on_key(self, key: str, text: str | None) -> bool:
        codes = list(getattr(self, "_items", {}))
        if not codes:
            return False
        at = codes.index(self.value) if self.value in codes else -1
        if key in ("right", "down"):
            self.value = codes[min(len(codes) - 1, at + 1)]
        elif key in ("left", "up"):
            self.value = codes[max(0, at - 1)] if at >= 0 else codes[0]
        elif key in ("delete", "backspace"):
            self.value = None
        else:
            return False
        return True

    def on_value(self, _instance, value) -> None:
        for code, item in getattr(self, "_items", {}).items():
            if item.active != (code == value):
                item.active = code == value
