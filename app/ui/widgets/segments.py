"""Segmented choices of vocabulary codes, and a slider that leaves the wheel alone."""

from __future__ import annotations

from kivy.properties import ObjectProperty, StringProperty
from kivymd.uix.segmentedbutton import (
    MDSegmentButtonLabel,
    MDSegmentedButton,
    MDSegmentedButtonItem,
)
from kivymd.uix.slider import MDSlider


class QuietSlider(MDSlider):
    """MDSlider that leaves the mouse wheel to the scrolling form.

    A stock MDSlider changes its value under the wheel, so scrolling the form
    past it would silently change the pain score.
    """

    def on_touch_down(self, touch):
        if touch.is_mouse_scrolling:
            return False
        return super().on_touch_down(touch)


class CodeSegment(MDSegmentedButtonItem):
    """A segment that stands for a vocabulary code."""

    code = StringProperty("")


class CodeSegments(MDSegmentedButton):
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

    def on_value(self, _instance, value) -> None:
        for code, item in getattr(self, "_items", {}).items():
            if item.active != (code == value):
                item.active = code == value
