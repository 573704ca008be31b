"""Run work just after the next frame is on screen.

Building the rest of a screen, or starting a worker thread that competes for
the interpreter, should not delay the frame that shows the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from kivy.clock import Clock
from kivy.core.window import Window


def after_next_frame(callback: Callable[[], None]) -> None:
    """Call `callback()` on the first clock tick after the next frame is drawn."""

    def flipped(*_args: object) -> None:
        Window.funbind("on_flip", flipped)
        # Not from inside on_flip: let the frame finish first.
        Clock.schedule_once(lambda _dt: callback())

    Window.fbind("on_flip", flipped)
