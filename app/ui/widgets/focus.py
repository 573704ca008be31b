"""Keyboard reach for the form: Tab visits sliders, scores, chips, steppers and buttons.

Kivy's Tab order is its `FocusBehavior` walk of the widget tree; text fields are in
it already. `KeyFocus` puts any other control in it, draws a focus ring while it
has the keyboard, and gives it keys (Space/Enter act, arrows adjust). Clicking a
control does not take the keyboard from a text field: only Tab does.
Whatever gets the keyboard scrolls itself into view (`show_in_scroll`).
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.metrics import dp
from kivy.uix.behaviors import FocusBehavior
from kivy.uix.scrollview import ScrollView
from kivymd.uix.button import MDButton, MDButtonIcon, MDButtonText, MDIconButton
from kivymd.uix.selectioncontrol import MDCheckbox

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

ACTIVATE = ("spacebar", "enter", "numpadenter")


def show_in_scroll(widget, padding: float = dp(56)) -> None:
    """Scroll the nearest enclosing ScrollView just enough to show `widget`."""
    parent = widget.parent
    while parent is not None and not isinstance(parent, ScrollView):
        if parent.parent is parent:  # the Window is its own parent
            return
        parent = parent.parent
    if parent is None or not parent.children:
        return
    _x, bottom = parent.to_window(parent.x, parent.y)
    top = bottom + parent.height
    _wx, wy = widget.to_window(widget.x, widget.y)
    if wy >= bottom and wy + widget.height <= top:
        return
    parent.scroll_to(widget, padding=padding, animate=False)


def _focusable(widget) -> bool:
    return (
        isinstance(widget, FocusBehavior)
        and widget.is_focusable
        and not widget.disabled
        and widget.opacity > 0
        and widget.width > 0
        and widget.height > 0
    )


def tab_in(window, backwards: bool = False) -> bool:
    """Tab with nothing focused: focus the first (Shift+Tab: last) control on top.

    Kivy moves focus only from a focused widget, so a Tab in a window where
    nothing had been clicked did nothing at all: the keyboard could not get in.
    "On top" is the topmost of the window's children: an open dialog or sheet,
    else the screen. Returns False (the key goes on) when something has focus.
    """
    tops = list(window.children)
    if any(getattr(w, "focus", False) for top in tops for w in top.walk(restrict=True)):
        return False
    if not tops:
        return False
    controls = [w for w in tops[0].walk(restrict=True) if _focusable(w)]
    if not controls:
        return False
    (controls[-1] if backwards else controls[0]).focus = True
    return True


class KeyFocus(FocusBehavior):
    """A control in the Tab order; subclasses handle keys in `on_key`."""

    def on_touch_down(self, touch):
        # A click acts on the control; it does not move the keyboard here.
        return super(FocusBehavior, self).on_touch_down(touch)

    def on_focus(self, _instance, focused: bool) -> None:
        if focused:
            show_in_scroll(self)

    def keyboard_on_key_down(self, window, keycode, text, modifiers):
        plain = keycode[1] != "tab" and not ({"ctrl", "alt", "meta"} & set(modifiers))
        if plain and self.on_key(keycode[1], text):
            return True
        return super().keyboard_on_key_down(window, keycode, text, modifiers)

    def on_key(self, key: str, text: str | None) -> bool:
        """Handle one key while focused; True when used."""
        return False


class FieldFocus:
    """For text fields: scroll into view when Tab (or a click) gives them the keyboard."""

    def on_focus(self, instance, focused: bool) -> None:
        super().on_focus(instance, focused)
        if focused:
            show_in_scroll(self)


class KeyButton(KeyFocus, MDButton):
    """An MDButton in the Tab order: Space or Enter presses it."""

    def add_widget(self, widget, *args, **kwargs):
        added = super().add_widget(widget, *args, **kwargs)
        if isinstance(widget, (MDButtonText, MDButtonIcon)):
            # KivyMD sizes the button once, 0.2 s after it is made: on a busy
            # machine the text had no texture yet and the button stayed 48 dp
            # wide with "I understand" spilling out. Size it whenever the text does.
            widget.bind(texture_size=lambda *_: self.adjust_width())
        return added

    def on_key(self, key: str, text: str | None) -> bool:
        if key in ACTIVATE and not self.disabled:
            self.dispatch("on_release")
            return True
        return False


class KeyIconButton(KeyFocus, MDIconButton):
    """An MDIconButton in the Tab order: Space or Enter presses it."""

    def on_key(self, key: str, text: str | None) -> bool:
        if key in ACTIVATE and not self.disabled:
            self.dispatch("on_release")
            return True
        return False


class KeyCheckbox(KeyFocus, MDCheckbox):
    """An MDCheckbox in the Tab order: Space ticks or clears it."""

    def on_key(self, key: str, text: str | None) -> bool:
        if key in ACTIVATE:
            self.active = not self.active
            return True
        return False
