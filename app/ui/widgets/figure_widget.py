"""Shows a Matplotlib Figure: rendered with Agg off the main thread into a Texture.

`figure_factory(width_in, height_in, dpi, theme) -> Figure` builds the figure at
the widget's size in the widget's `theme` ("light" or "dark"); it runs in a
worker thread with the rendering, so the UI keeps answering while a year of
data is drawn. The finished pixels come back to the
main thread with `Clock.schedule_once` (Kivy widgets change only there).
Resizing re-renders after a short pause; stale renders are dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from kivy.clock import Clock
from kivy.graphics import Color, Rectangle
from kivy.graphics.texture import Texture
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.widget import Widget

FigureFactory = Callable[[float, float, int, str], Any]
_RESIZE_PAUSE = 0.25


class FigureWidget(Widget):
    """Displays the figure made by `figure_factory`; call `refresh()` after data changes."""

    figure_factory = ObjectProperty(None, allownone=True)
    busy = BooleanProperty(False)
    error = StringProperty("")
    #: True once a picture is shown (until then the screen says it is drawing).
    has_picture = BooleanProperty(False)
    #: "light" or "dark": passed to the factory; a change re-renders.
    theme = StringProperty("light")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._generation = 0
        self._texture: Texture | None = None
        with self.canvas:
            Color(1, 1, 1, 1)
            self._rect = Rectangle(pos=self.pos, size=(0, 0))
        self._trigger = Clock.create_trigger(self._start_render, _RESIZE_PAUSE)
        self.bind(
            pos=self._place,
            size=self._resized,
            figure_factory=lambda *_: self.refresh(),
            theme=lambda *_: self.refresh(),
        )

    def refresh(self) -> None:
        """Render again soon (data or period changed)."""
        self._trigger()

    def _resized(self, *_args) -> None:
        self._place()
        self._trigger()

    def _place(self, *_args) -> None:
        if self._texture is None:
            self._rect.size = (0, 0)
            return
        # Keep the picture's aspect while a new one renders for the new size.
        tw, th = self._texture.size
        scale = min(self.width / tw, self.height / th) if tw and th else 1
        w, h = tw * scale, th * scale
        self._rect.size = (w, h)
        self._rect.pos = (self.x + (self.width - w) / 2, self.y + (self.height - h) / 2)

    def _start_render(self, *_args) -> None:
        factory = self.figure_factory
        if factory is None or self.width < dp(40) or self.height < dp(40):
            return
        self._generation += 1
        generation = self._generation
        width_px, height_px = int(self.width), int(self.height)
        # Phone-narrow charts get a lower dpi: the figure keeps at least ~5 inches of
        # width, so its legends and labels fit instead of being cut off.
        dpi = max(56, min(int(100 * dp(1)), int(width_px / 5.0)))
        self.busy = True
        worker = threading.Thread(
            target=self._render,
            args=(factory, width_px, height_px, dpi, self.theme, generation),
            name="figure-render",
            daemon=True,
        )
        worker.start()

    def _render(
        self,
        factory: FigureFactory,
        width_px: int,
        height_px: int,
        dpi: int,
        theme: str,
        generation: int,
    ) -> None:
        try:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            figure = factory(width_px / dpi, height_px / dpi, dpi, theme)
            figure.set_size_inches(width_px / dpi, height_px / dpi)
            figure.set_dpi(dpi)
            canvas = FigureCanvasAgg(figure)
            canvas.draw()
            buffer = bytes(canvas.buffer_rgba())
            size = canvas.get_width_height()
        except Exception as error:  # shown in the UI instead of killing a thread silently
            message = f"The chart could not be drawn: {error}"
            Clock.schedule_once(lambda _dt: self._failed(generation, message))
            return
        Clock.schedule_once(lambda _dt: self._show(generation, buffer, size))

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.busy = False
            self.error = message

    def _show(self, generation: int, buffer: bytes, size: tuple[int, int]) -> None:
        if generation != self._generation:
            return  # a newer render is on its way
        texture = Texture.create(size=size, colorfmt="rgba")
        texture.blit_buffer(buffer, colorfmt="rgba", bufferfmt="ubyte")
        # Agg's first row is the top; a Kivy texture's first row is the bottom.
        texture.flip_vertical()
        self._texture = texture
        self._rect.texture = texture
        self.has_picture = True
        self.error = ""
        self.busy = False
        self._place()
