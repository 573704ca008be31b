"""A 0-10 score picked with one click: a row of eleven round buttons.

Quicker and more exact with a mouse than a slider, and it can say "not
recorded" (no circle filled): a half-filled day is a valid day. Clicking the
chosen number again clears it.

The row is one widget drawing its circles, numbers and hints on its own canvas:
Today shows several rows at start-up, and eleven Labels per row (each with its
kv rules, bindings and canvas) were a good part of the first frame's cost. The
number textures are rendered once and shared by every row.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, Ellipse, Rectangle
from kivy.graphics.texture import Texture
from kivy.lang import Builder
from kivy.metrics import dp, sp
from kivy.properties import NumericProperty, ObjectProperty, StringProperty
from kivy.uix.widget import Widget

from app.ui.widgets.focus import KeyFocus

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

CELLS_HEIGHT = dp(36)
CELL_SPACING = dp(1)
HINTS_GAP = dp(2)
HINTS_HEIGHT = dp(18)
DISABLED_ALPHA = 0.38  # Material's disabled content opacity (KivyMD's MDLabel uses it)

_textures: dict[tuple, Texture] = {}
_hint_textures: dict[tuple, Texture] = {}  # keyed by width too: emptied when it grows


def _text_texture(text: str, color: tuple, font_size: float, bold: bool = False) -> Texture:
    """A rendered number's texture, made once per (text, colour, size, weight) for every row."""
    key = (text, color, font_size, bold)
    texture = _textures.get(key)
    if texture is None:
        label = CoreLabel(
            text=text, font_name="Roboto", font_size=font_size, bold=bold, color=color
        )
        label.refresh()
        texture = _textures[key] = label.texture
    return texture


def _hint_texture(text: str, color: tuple, width: float, halign: str) -> Texture:
    """A hint as a half-row-wide MDLabel (Body small) renders it: same place to the pixel."""
    key = (text, color, width, halign)
    texture = _hint_textures.get(key)
    if texture is None:
        if len(_hint_textures) > 64:  # widths seen while a window was resized
            _hint_textures.clear()
        label = CoreLabel(
            text=text,
            font_name="Roboto",
            font_size=sp(12),
            line_height=1.16,
            color=color,
            text_size=(width, None),
            halign=halign,
        )
        label.refresh()
        texture = _hint_textures[key] = label.texture
    return texture


class ScoreRow(KeyFocus, Widget):
    """`value` is an int 0..`maximum` or None (not recorded); keys: digits, arrows, Delete."""

    value = ObjectProperty(None, allownone=True)
    maximum = NumericProperty(10)
    low_hint = StringProperty("")
    high_hint = StringProperty("")
    # The theme's colours (set in kv): primary, onPrimary, surfaceContainerHighest, onSurface.
    palette = ObjectProperty(None, allownone=True)

    def __init__(self, **kwargs):
        self._redraw = Clock.create_trigger(self._draw, -1)  # before the next frame
        super().__init__(**kwargs)
        self.bind(
            pos=self._redraw,
            size=self._redraw,
            value=self._redraw,
            maximum=self._redraw,
            low_hint=self._redraw,
            high_hint=self._redraw,
            palette=self._redraw,
            disabled=self._redraw,
        )
        self._redraw()

    # -- geometry -------------------------------------------------------------------------

    def _count(self) -> int:
        return int(self.maximum) + 1

    def _cell_width(self) -> float:
        count = self._count()
        # As BoxLayout sizes eleven equal children (same float steps: same pixels).
        return max(0.0, self.width - CELL_SPACING * (count - 1)) * 1.0 / float(count)

    def _cells_y(self) -> float:
        hints = HINTS_HEIGHT if self.low_hint or self.high_hint else 0
        return self.y + hints + HINTS_GAP

    def _centre(self, number: int) -> tuple[float, float]:
        width = self._cell_width()
        x = self.x
        for _ in range(number):  # BoxLayout's running sum, not a product
            x += width + CELL_SPACING
        return x + width / 2, self._cells_y() + CELLS_HEIGHT / 2

    def _number_at(self, x: float, y: float) -> int | None:
        """The number whose cell holds (x, y) in the parent's coordinates, if any."""
        bottom = self._cells_y()
        if not (bottom <= y <= bottom + CELLS_HEIGHT and self.x <= x <= self.right):
            return None
        width = self._cell_width()
        number, offset = divmod(x - self.x, width + CELL_SPACING)
        if offset > width or not 0 <= number < self._count():
            return None  # the 1 dp gap between two cells, as between two buttons
        return int(number)

    def number_pos(self, number: int) -> tuple[float, float]:
        """The window position of `number`'s circle (where a click picks it)."""
        return self.to_window(*self._centre(number))

    # -- drawing ----------------------------------------------------------------------------

    def _draw(self, *_args) -> None:
        self.canvas.clear()
        if self.palette is None:
            return
        primary, on_primary, container, on_surface = (tuple(c) for c in self.palette)
        if self.disabled:
            on_surface = (*on_surface[:3], DISABLED_ALPHA)
        size = sp(14)
        diameter = min(self._cell_width(), CELLS_HEIGHT) - dp(4)
        with self.canvas:
            for number in range(self._count()):
                chosen = self.value is not None and number == self.value
                cx, cy = self._centre(number)
                Color(rgba=primary if chosen else container)
                # 48 sides are round to well under a pixel at this size; Kivy draws 180.
                Ellipse(
                    segments=48,
                    pos=(cx - diameter / 2, cy - diameter / 2),
                    size=(diameter, diameter),
                )
                texture = _text_texture(
                    str(number), on_primary if chosen else on_surface, size, bold=chosen
                )
                width, height = texture.size
                Color(1, 1, 1, 1)
                # Whole pixels, as a Label places its texture: sharp glyphs.
                Rectangle(
                    texture=texture,
                    pos=(int(cx - width / 2), int(cy - height / 2)),
                    size=texture.size,
                )
            self._draw_hints(on_surface)

    def _draw_hints(self, color: tuple) -> None:
        half = self.width * 1.0 / 2.0  # two equal labels in a BoxLayout, as before
        middle = self.y + HINTS_HEIGHT / 2
        for text, x, halign in (
            (self.low_hint, self.x, "left"),
            (self.high_hint, self.x + half, "right"),
        ):
            if not text or half < 1:
                continue
            texture = _hint_texture(text, color, half, halign)
            width, height = texture.size
            pos = (int(x + half / 2 - width / 2), int(middle - height / 2))
            Rectangle(texture=texture, pos=pos, size=texture.size)

    # -- clicks and keys --------------------------------------------------------------------

    def on_touch_down(self, touch):
        if super().on_touch_down(touch):
            return True
        if touch.is_mouse_scrolling or self.disabled:
            return False
        number = self._number_at(*touch.pos)
        if number is None:
            return False
        touch.grab(self)
        touch.ud[self] = number
        return True

    def on_touch_move(self, touch):
        if touch.grab_current is self:
            return True
        return super().on_touch_move(touch)

    def on_touch_up(self, touch):
        if touch.grab_current is not self:
            return super().on_touch_up(touch)
        touch.ungrab(self)
        number = touch.ud.get(self)
        # As a button: the click counts if it is released on the number it pressed.
        if number is not None and self._number_at(*touch.pos) == number:
            self.value = None if self.value == number else number
        return True

    def on_key(self, key: str, text: str | None) -> bool:
        top = int(self.maximum)
        if text and text.isdigit():
            self.value = min(top, int(text))  # 10 is one arrow press above 9
        elif key in ("right", "up"):
            self.value = 0 if self.value is None else min(top, self.value + 1)
        elif key in ("left", "down"):
            self.value = 0 if self.value is None else max(0, self.value - 1)
        elif key in ("delete", "backspace"):
            self.value = None
        else:
            return False
        return True
