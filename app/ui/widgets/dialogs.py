"""The app's Material 3 dialogs, built one way: icon, headline, text, content, buttons.

KivyMD 2.0 composes a dialog from parts (MDDialogIcon, MDDialogHeadlineText,
MDDialogSupportingText, MDDialogContentContainer, MDDialogButtonContainer);
every dialog of the app is the same arrangement of them, so it is built here:
the buttons sit on the right, the last one filled (the dialog's main action),
the others as text buttons; none closes on a tap outside, so nothing typed in
one is lost to a stray click. From the keyboard: the buttons are in the Tab
order (Space or Enter presses one), a dialog without a text field opens with
its Cancel (the first choice that only closes it) focused, and Escape presses
that Cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kivy.core.window import Window
from kivy.metrics import dp
from kivy.uix.textinput import TextInput
from kivy.uix.widget import Widget
from kivymd.uix.button import MDButton, MDButtonText
from kivymd.uix.dialog import (
    MDDialog,
    MDDialogButtonContainer,
    MDDialogContentContainer,
    MDDialogHeadlineText,
    MDDialogIcon,
    MDDialogSupportingText,
)

from app.ui.widgets.focus import KeyButton

ESCAPE_KEY = 27


@dataclass(frozen=True)
class Choice:
    """A dialog button: its text, what it does, and whether it closes the dialog first."""

    text: str
    action: Callable[[], object] | None = None
    closes: bool = True


def m3_dialog(
    headline: str,
    text: str,
    choices: Sequence[Choice],
    *,
    icon: str | None = None,
    icon_color: Sequence[float] | None = None,
    content: Sequence[Widget] = (),
    content_spacing: float = dp(8),
    leading: Sequence[Choice] = (),
) -> MDDialog:
    """The dialog, not opened yet; its buttons by text in `dialog.buttons`.

    `choices` sit on the right, the last filled; `leading` ones (e.g. Discard,
    away from Save) on the left.
    """
    dialog = MDDialog(auto_dismiss=False)
    dialog.buttons = {}

    def button(choice: Choice, style: str) -> MDButton:
        # Not KeyButton(child): FocusBehavior's __init__ takes no positional children.
        made = KeyButton(style=style)
        made.add_widget(MDButtonText(text=choice.text))

        def pressed(*_args) -> None:
            if choice.closes:
                dialog.dismiss()
            if choice.action is not None:
                choice.action()

        made.bind(on_release=pressed)
        dialog.buttons[choice.text] = made
        return made

    if icon is not None:
        colour = (
            {} if icon_color is None else {"theme_icon_color": "Custom", "icon_color": icon_color}
        )
        dialog.add_widget(MDDialogIcon(icon=icon, **colour))
    dialog.add_widget(MDDialogHeadlineText(text=headline))
    dialog.add_widget(MDDialogSupportingText(text=text))
    if content:
        dialog.add_widget(
            MDDialogContentContainer(*content, orientation="vertical", spacing=content_spacing)
        )
    right = [
        button(choice, "filled" if at == len(choices) - 1 else "text")
        for at, choice in enumerate(choices)
    ]
    left = [button(choice, "text") for choice in leading]
    dialog.add_widget(MDDialogButtonContainer(*left, Widget(), *right, spacing=dp(8)))
    cancel = next(
        (dialog.buttons[c.text] for c in (*choices, *leading) if c.action is None and c.closes),
        None,
    )
    if cancel is not None:
        typing = any(isinstance(w, TextInput) for part in content for w in part.walk())
        _keyboard_for(dialog, cancel, typing=typing)
    return dialog


def _keyboard_for(dialog: MDDialog, cancel: MDButton, *, typing: bool) -> None:
    """Escape presses `cancel`; without a text field to type in, it has the focus at first."""

    def on_key_down(window, key, *_args) -> bool:
        if key != ESCAPE_KEY or not window.children or window.children[0] is not dialog:
            return False
        cancel.dispatch("on_release")
        return True

    def opened(*_args) -> None:
        Window.bind(on_key_down=on_key_down)
        if not typing:
            cancel.focus = True

    def dismissed(*_args) -> None:
        Window.unbind(on_key_down=on_key_down)
        cancel.focus = False

    dialog.bind(on_open=opened, on_dismiss=dismissed)
