"""Drive the real app headlessly: build it, pump frames, click widgets, take screenshots.

With no DISPLAY, Kivy's SDL2 renders offscreen for real. Import this only
after tests/conftest.py has set the KIVY_* environment.
"""

from __future__ import annotations

import time
from pathlib import Path

from kivy.base import EventLoop
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch


def pump(seconds: float = 0.0, frames: int = 2) -> None:
    """Run the event loop for at least `frames` frames and `seconds` of real time."""
    end = time.monotonic() + seconds
    for _ in range(frames):
        EventLoop.idle()
    while time.monotonic() < end:
        EventLoop.idle()
        time.sleep(1 / 120)


def start_app(diary, size: tuple[int, int] = (420, 820)):
    """Build PainDiaryApp on `diary`, put it in the window, return the app."""
    from app.ui.app import PainDiaryApp

    return mount(PainDiaryApp(diary), size)


def mount(app, size: tuple[int, int] = (420, 820)):
    """Build any of our MDApps into the offscreen window, as App.run() would."""
    from kivy.app import App

    EventLoop.ensure_window()
    Window.size = size
    App._running_app = app  # what App.run() would do; kv's `app` then means this app
    # What MDApp._run_prepare does before build(): without it no theme colours exist.
    app.theme_cls.bind(
        theme_style=app.theme_cls.update_theme_colors,
        primary_palette=app.theme_cls.set_colors,
    )
    app.theme_cls.set_colors()
    root = app.build()
    app.root = root
    Window.add_widget(root)
    app.dispatch("on_start")
    # Let the first layout passes, kv-built rows and theme colours settle before
    # anything is clicked (positions move until then).
    pump(1.0, frames=6)
    # Today's cards below the fold are built on the ticks after its first frame.
    # Asking for Today would build it: a locked app has only its lock screen.
    manager = app.root.ids.screens if hasattr(app, "screen") else None
    today = manager.get_screen("today") if manager and manager.has_screen("today") else None
    if today is not None and today.form_ready:
        # ...and join the form at the first input: the pointer moving in, as a person's does.
        wait_until(lambda: not today._later_cards, 10.0)
        move_pointer()
        wait_until(lambda: today.form_complete, 10.0)
        pump(0.3, frames=3)  # laid out in the window before anything is clicked
    return app


def move_pointer() -> None:
    """Move the mouse pointer over the window (to a point it was not at: an event each time)."""
    x, _y = Window.mouse_pos
    middle = Window.width / 2
    Window.mouse_pos = (middle if x != middle else middle + 1, Window.height / 2)


def stop_app(app) -> None:
    """Take the app out of the window (else kv's `app` keeps pointing at it)."""
    from kivy.app import App
    from kivymd.uix.dialog import MDDialog

    def clear_window() -> None:
        for child in list(Window.children):
            if isinstance(child, MDDialog):
                child.dismiss()
            Window.remove_widget(child)

    clear_window()
    # Callbacks widgets scheduled for the next frame (KivyMD's segmented buttons add their
    # check icon that way) need the running app: let them run while it still is, then
    # take away anything they opened. Before on_stop: kv's `app` proxy caches whichever
    # app a handler asks for, and only on_stop clears that cache.
    pump(frames=3)
    clear_window()
    app.dispatch("on_stop")
    App._running_app = None
    pump(frames=2)


def wait_until(condition, seconds: float = 5.0) -> bool:
    """Pump frames until `condition()` holds (animations take longer on a busy machine)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        pump(0.05)
    return bool(condition())


def settle(seconds: float = 10.0) -> bool:
    """Pump frames until no Kivy animation runs: the screen has stopped changing."""
    from kivy.animation import Animation

    return wait_until(lambda: not Animation._instances, seconds)


def tap(widget, pos: tuple[float, float] | None = None, wait: float = 0.5) -> None:
    """Click `widget` at its centre (or a window point), then let scroll views deliver it."""
    x, y = pos if pos is not None else widget.to_window(*widget.center)
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    pump(0.05)
    touch.touch_up()
    pump(wait)


def press(key: int, codepoint: str | None = None, modifiers: list[str] | None = None) -> None:
    """One key press through the window, as SDL delivers it (the focused widget gets it)."""
    Window.dispatch("on_key_down", key, 0, codepoint, modifiers or [])
    Window.dispatch("on_key_up", key, 0)
    pump(0.1)


def type_into(field, text: str, *, replace: bool = True, enter: bool = False) -> None:
    """Tap `field` to focus it and type `text` through the window's key events, as a person does.

    With `replace` (the default) Ctrl+A first selects what the field holds, so the typing
    replaces it; with `enter`, Enter is pressed after the text.
    """
    scroll_into_view(field)
    tap(field, wait=0.2)
    assert field.focus, "the tap focused the field"
    if replace:
        press(97, "a", ["ctrl"])
    for char in text:
        Window.dispatch("on_key_down", ord(char), 0, char, [])
        Window.dispatch("on_textinput", char)
        Window.dispatch("on_key_up", ord(char), 0)
    pump(frames=2)
    if enter:
        press(13)


def scroll_into_view(widget) -> None:
    """Scroll the enclosing ScrollView so `widget` is visible, then redraw."""
    parent = widget.parent
    while parent is not None and not hasattr(parent, "scroll_to"):
        # The Window is its own parent: a widget in a dialog has no scroll view above it.
        parent = parent.parent if parent.parent is not parent else None
    if parent is not None:
        parent.scroll_to(widget, padding=40, animate=False)
    pump(frames=3)


def screenshot(path: Path) -> Path:
    """Save the window as PNG at `path` (Kivy appends a counter unless told not to)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Window.screenshot(name=str(path))
    # Window.screenshot inserts a number before the extension: find what it wrote.
    written = sorted(
        path.parent.glob(f"{path.stem}*{path.suffix}"), key=lambda p: p.stat().st_mtime
    )
    if written and written[-1] != path:
        written[-1].replace(path)
    return path
