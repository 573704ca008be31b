"""The shared M3 dialog: its parts, the buttons' order and style, and what a tap does."""

from __future__ import annotations

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui


def test_buttons_sit_right_the_last_filled_and_a_tap_closes_or_keeps_it_open(
    run_app, tmp_path
) -> None:
    from kivy.core.window import Window
    from kivymd.uix.button import MDButton
    from kivymd.uix.dialog import MDDialogIcon

    from app.ui.widgets.dialogs import Choice, m3_dialog
    from tests.ui import harness as h

    run_app(Diary.open(tmp_path / "d.sqlite3"))
    done: list[str] = []
    dialog = m3_dialog(
        "Save your changes?",
        "Two fields are not saved.",
        [Choice("Cancel"), Choice("Check", lambda: done.append("check"), closes=False)],
        icon="content-save-alert-outline",
        icon_color=(0.75, 0.1, 0.1, 1),
        leading=[Choice("Discard", lambda: done.append("discard"))],
    )
    dialog.open()
    h.pump(0.6, frames=4)
    texts = [getattr(w, "text", "") for w in dialog.walk(restrict=True)]
    assert "Save your changes?" in texts and "Two fields are not saved." in texts
    icon = next(w for w in dialog.walk(restrict=True) if isinstance(w, MDDialogIcon))
    assert list(icon.icon_color) == [0.75, 0.1, 0.1, 1]
    buttons = dialog.buttons
    assert {name: b.style for name, b in buttons.items()} == {
        "Cancel": "text",
        "Check": "filled",
        "Discard": "text",
    }
    x = {name: b.to_window(*b.center)[0] for name, b in buttons.items()}
    assert x["Discard"] < x["Cancel"] < x["Check"]  # Discard apart, on the left
    assert all(isinstance(b, MDButton) for b in buttons.values())
    h.tap(buttons["Check"], wait=0.5)
    assert done == ["check"] and dialog in Window.children  # stays open: it checks first
    h.tap(buttons["Discard"], wait=0.8)
    assert done == ["check", "discard"] and dialog not in Window.children


def test_a_tap_outside_does_not_close_it(run_app, tmp_path) -> None:
    from kivy.core.window import Window

    from app.ui.widgets.dialogs import Choice, m3_dialog
    from tests.ui import harness as h

    run_app(Diary.open(tmp_path / "d.sqlite3"))
    dialog = m3_dialog("Discard this check-in?", "Not saved yet.", [Choice("Keep editing")])
    dialog.open()
    h.pump(0.6, frames=4)
    h.tap(None, pos=(5, 5), wait=0.6)
    assert dialog in Window.children
    h.tap(dialog.buttons["Keep editing"], wait=0.8)
    assert dialog not in Window.children


def test_a_dialog_button_is_as_wide_as_its_text_whenever_the_text_is_drawn(
    run_app, tmp_path
) -> None:
    """KivyMD sized a button once, 0.2 s after making it: on a busy machine "I understand"
    had no texture yet, and the red-flag dialog's button stayed 48 dp with its text spilling out.
    """
    from kivy.metrics import dp

    from app.ui.widgets.dialogs import Choice, m3_dialog
    from tests.ui import harness as h

    run_app(Diary.open(tmp_path / "d.sqlite3"))
    dialog = m3_dialog("Get medical help now", "text", [Choice("I understand")])
    dialog.open()
    h.pump(0.6, frames=4)
    button = dialog.buttons["I understand"]
    text = button._button_text
    # The text is drawn again later (here: larger), with no change of its words.
    text.font_size = text.font_size * 1.5
    h.pump(0.1, frames=3)
    assert button.width >= text.texture_size[0] + dp(48) - 1, (button.width, text.texture_size)
    dialog.dismiss()
    h.pump(0.3)
