"""Today's form against the world: a day changed by another program, and closing the window."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui

TODAY = dt.date.today()
ROOT = Path(__file__).resolve().parents[2]


def _harness():
    from tests.ui import harness

    return harness


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def _slide_to(slider, value: int) -> None:
    h = _harness()
    h.scroll_into_view(slider)
    h.pump(0.2)
    fraction = (value - slider.min) / (slider.max - slider.min)
    x = slider.x + slider.padding + (slider.width - 2 * slider.padding) * fraction
    h.tap(slider, pos=slider.to_window(x, slider.center_y), wait=0.5)
    for _ in range(40):  # MDSlider animates towards the click
        if round(slider.value) == value:
            break
        h.pump(0.1)


def _type_a_note(app, text: str) -> None:
    h = _harness()
    note = app.screen("today").ids.note
    h.type_into(note, text)
    # The form's events update the status at once: nothing polls the widgets.
    assert app.screen("today").status_text == "Unsaved changes"
    h.pump(frames=2)


def _button(dialog, label: str):
    from kivymd.uix.button import MDButton, MDButtonText

    for widget in dialog.walk():
        if isinstance(widget, MDButton) and any(
            isinstance(w, MDButtonText) and w.text == label for w in widget.walk(restrict=True)
        ):
            return widget
    raise AssertionError(f"no {label!r} button in the dialog")


def _gone(dialog, seconds: float = 5.0) -> bool:
    """Whether the dialog has left the window (its dismiss animates: allow a busy machine time)."""
    return _harness().wait_until(lambda: dialog.parent is None, seconds)


def _close_button(app) -> bool:
    """What the window's close button does: True when something kept the window open."""
    from kivy.core.window import Window

    kept = Window.dispatch("on_request_close")
    _harness().pump(0.6)  # the dialog opens with an animation
    return bool(kept)


def _quit(app) -> bool:
    """Whether the app has quit (App.stop ran: no running app any more)."""
    from kivy.app import App

    _harness().pump(0.3)
    return App.get_running_app() is not app


def test_a_day_changed_by_another_program_is_merged_not_overwritten(run_app, diary_path):
    h = _harness()
    diary = Diary.open(diary_path)
    diary.save_day({"date": TODAY, "pain": 3, "note": "morning"})
    app = run_app(diary)
    today = app.screen("today")
    assert today.ids.note.text == "morning"

    # Meanwhile another program records last night's sleep for the same day.
    script = textwrap.dedent(
        f"""
        import datetime as dt
        from app.diary import Diary
        with Diary.open({str(diary_path)!r}) as other:
            day = other.get_day_fields(dt.date.fromisoformat({TODAY.isoformat()!r}))
            day["sleep_hours"] = 7.5
            other.save_day(day)
        """
    )
    subprocess.run([sys.executable, "-c", script], env=_env(), check=True, timeout=120)

    _slide_to(today.ids.pain_slider, 6)
    h.tap(today.ids.save_button)
    saved = app.diary.get_day(TODAY)
    assert saved.pain == 6, "the change made here is saved"
    assert saved.sleep_hours == 7.5, "the other program's change is kept"
    assert saved.note == "morning"
    assert today.status_text.endswith("with changes from elsewhere"), today.status_text
    told = " ".join(getattr(w, "text", "") for w in app.last_snackbar.walk())
    assert "Sleep was changed elsewhere meanwhile: kept too." in told, told
    assert today.ids.sleep.value == 450, "the form shows what was merged"


def test_closing_without_unsaved_changes_quits_at_once(run_app, diary_path):
    from kivy.core.window import Window

    app = run_app(Diary.open(diary_path))
    assert not _close_button(app), "nothing unsaved: the window may close"
    assert app.close_dialog is None
    Window.dispatch("on_key_down", 113, 0, "q", ["ctrl"])
    assert _quit(app), "Ctrl+Q quits"


def test_close_with_unsaved_changes_asks_and_cancel_stays(run_app, diary_path, tmp_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    _type_a_note(app, "knee better after the walk")
    assert app.screen("today").status_text == "Unsaved changes"

    assert _close_button(app), "the window stays open to ask"
    dialog = app.close_dialog
    assert dialog is not None and dialog.parent is not None
    texts = " ".join(getattr(w, "text", "") for w in dialog.walk())
    assert "Save your changes" in texts and "Note" in texts, texts
    shot = h.screenshot(tmp_path / "close-dialog-420x820.png")
    assert shot.stat().st_size > 10_000

    h.tap(_button(dialog, "Cancel"), wait=0.6)
    assert _gone(dialog) and not _quit(app)
    assert app.screen("today").ids.note.text == "knee better after the walk"
    assert app.diary.get_day(TODAY) is None


def test_close_then_discard_quits_without_saving(run_app, diary_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    _type_a_note(app, "not to be kept")
    assert _close_button(app)
    h.tap(_button(app.close_dialog, "Discard"), wait=0.6)
    assert _quit(app)
    assert app.diary.get_day(TODAY) is None


def test_close_then_save_saves_and_quits(run_app, diary_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    _type_a_note(app, "to be kept")
    assert _close_button(app)
    h.tap(_button(app.close_dialog, "Save"), wait=0.6)
    assert _quit(app)
    assert app.diary.get_day(TODAY).note == "to be kept"


def test_close_then_save_refused_stays_and_shows_the_problem(run_app, diary_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    _slide_to(today.ids.pain_slider, 6)
    h.scroll_into_view(today.ids.worst_pain)
    h.tap(today.ids.worst_pain, pos=today.ids.worst_pain.number_pos(3))
    assert _close_button(app)
    h.tap(_button(app.close_dialog, "Save"), wait=0.6)
    assert not _quit(app), "a refused save does not quit"
    assert _gone(app.close_dialog)
    assert "Worst pain (3) must be at least the average pain (6)" in today.problems_text
    assert app.diary.get_day(TODAY) is None


def test_ctrl_q_with_unsaved_changes_asks_first(run_app, diary_path):
    from kivy.core.window import Window

    h = _harness()
    app = run_app(Diary.open(diary_path))
    _type_a_note(app, "typed before Ctrl+Q")
    Window.dispatch("on_key_down", 113, 0, "q", ["ctrl"])
    h.pump(0.6)
    assert not _quit(app), "Ctrl+Q asks before losing the entry"
    h.tap(_button(app.close_dialog, "Save"), wait=0.6)
    assert _quit(app)
    assert app.diary.get_day(TODAY).note == "typed before Ctrl+Q"


def test_the_real_app_quits_after_save_in_the_close_dialog(tmp_path):
    """The whole loop in its own process: App.run(), Ctrl+Q, Save; the process ends."""
    db = tmp_path / "diary.sqlite3"
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ.update(KIVY_NO_ARGS="1", KIVY_NO_CONSOLELOG="1", KIVY_NO_FILELOG="1",
                          KIVY_HOME={str(tmp_path)!r}, PAIN_DIARY_CONFIG_DIR={str(tmp_path)!r})
        from app.ui.app import PainDiaryApp  # first: it configures Kivy
        from app.diary import Diary
        from kivy.clock import Clock
        from kivy.core.window import Window
        from kivy.tests.common import UnitTestTouch
        from kivymd.uix.button import MDButton

        app = PainDiaryApp(Diary.open({str(db)!r}))

        def type_note(_dt):
            app.screen("today").ids.note.text = "kept on quit"
            Clock.schedule_once(press_ctrl_q, 0.5)

        def press_ctrl_q(_dt):
            Window.dispatch("on_key_down", 113, 0, "q", ["ctrl"])
            Clock.schedule_once(click_save, 1.0)

        def click_save(_dt):
            save = next(w for w in app.close_dialog.walk() if isinstance(w, MDButton)
                        and any(getattr(t, "text", "") == "Save" for t in w.walk(restrict=True)))
            touch = UnitTestTouch(*save.to_window(*save.center))
            touch.touch_down()
            touch.touch_up()
            # A busy machine may still be animating the dialog in: click again later
            # (the app has quit by then when the first click landed).
            Clock.schedule_once(click_save, 1.5)

        def when_ready(_dt):
            # The pointer moves in (once the form is there): the cards below the fold join.
            if app.screen("today").form_ready:
                Window.mouse_pos = (Window.mouse_pos[0] + 1, 10)
            if app.screen("today").form_complete:  # the note's card comes last
                Clock.schedule_once(type_note, 0.5)
            else:
                Clock.schedule_once(when_ready, 0.2)

        Clock.schedule_once(when_ready, 1.0)
        Clock.schedule_once(lambda _dt: os._exit(3), 90)  # never hang the test run
        app.run()
        app.diary.close()
        print("quit")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "quit" in result.stdout
    with Diary.open(db) as diary:
        assert diary.get_day(TODAY).note == "kept on quit"


def test_the_close_dialog_works_from_the_keyboard(run_app, diary_path):
    """Escape cancels, Tab moves between its buttons, Enter presses one (no mouse needed)."""
    from kivy.core.window import Window

    h = _harness()
    app = run_app(Diary.open(diary_path))
    _type_a_note(app, "typed, then Ctrl+Q")
    Window.dispatch("on_key_down", 113, 0, "q", ["ctrl"])
    h.pump(0.6)
    dialog = app.close_dialog
    assert dialog is not None and dialog.parent is not None
    assert _button(dialog, "Cancel").focus, "it opens on its safe choice"
    h.press(27)  # Escape
    assert _gone(dialog) and not _quit(app)
    assert app.screen("today").ids.note.text == "typed, then Ctrl+Q"
    assert app.diary.get_day(TODAY) is None

    Window.dispatch("on_key_down", 113, 0, "q", ["ctrl"])
    h.pump(0.6)
    dialog = app.close_dialog
    h.press(9, "\t")
    assert _button(dialog, "Save").focus and not _button(dialog, "Cancel").focus
    h.press(13, "\r")  # Enter presses the focused Save
    assert _quit(app)
    assert app.diary.get_day(TODAY).note == "typed, then Ctrl+Q"
