"""The lock screen of an encrypted diary and the idle lock, driven with real key presses."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from pathlib import Path

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui

PASSPHRASE = "lock screen test"
NOTE = "secret note of today"
TODAY = dt.date.today()


def _harness():
    from tests.ui import harness

    return harness


def encrypted_diary(path: Path) -> Path:
    with Diary.open(path) as diary:
        diary.update_day(TODAY, {"pain": 4, "note": NOTE})
    Diary.encrypt(path, PASSPHRASE)
    return path


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _dialog_button(dialog, label: str):
    """The dialog's button that says `label`."""
    from kivymd.uix.button import MDButton, MDButtonText

    return next(
        widget
        for widget in dialog.walk()
        if isinstance(widget, MDButton)
        and any(isinstance(w, MDButtonText) and w.text == label for w in widget.walk(restrict=True))
    )


def type_and_enter(field, text: str) -> None:
    """Type `text` into the focused field key by key, then press Enter."""
    from kivy.core.window import Window

    h = _harness()
    field.focus = True
    h.pump(frames=2)
    for char in text:
        Window.dispatch("on_key_down", ord(char), 0, char, [])
        Window.dispatch("on_textinput", char)
        Window.dispatch("on_key_up", ord(char), 0)
    h.pump(frames=1)
    Window.dispatch("on_key_down", 13, 40, None, [])
    Window.dispatch("on_key_up", 13, 40)
    h.pump(0.2, frames=3)


@pytest.fixture
def locked_app(tmp_path: Path):
    """The app started on an encrypted diary: locked."""
    from app.ui.app import PainDiaryApp

    h = _harness()
    path = encrypted_diary(tmp_path / "d.sqlite3")
    app = h.mount(PainDiaryApp(None, path=path))
    yield app
    h.stop_app(app)
    if app.diary is not None:
        app.diary.close()


def test_the_lock_screen_comes_first_and_unlocks_with_the_typed_passphrase(
    locked_app, tmp_path: Path
) -> None:
    app = locked_app
    manager = app.root.ids.screens
    assert app.locked and app.diary is None
    assert manager.current == "lock" and manager.screen_names == ["lock"]
    assert app.root.ids.navbar.disabled and app.root.ids.navbar.opacity == 0
    lock = manager.get_screen("lock")
    before = digest(tmp_path)
    type_and_enter(lock.ids.passphrase, "not it")
    assert app.locked and "Wrong passphrase" in lock.message
    assert lock.ids.passphrase.text == ""  # the typed passphrase is not kept
    assert digest(tmp_path) == before  # a wrong try changes no file
    type_and_enter(lock.ids.passphrase, PASSPHRASE)
    assert not app.locked and app.diary is not None and app.diary.encrypted
    assert manager.current == "today" and lock.ids.passphrase.text == ""
    _harness().pump(0.5, frames=4)
    assert app.screen("today").form["note"] == NOTE


def test_five_wrong_passphrases_make_the_person_wait(locked_app) -> None:
    h = _harness()
    app = locked_app
    lock = app.root.ids.screens.get_screen("lock")
    assert lock.wait_seconds == 30
    for _ in range(5):
        type_and_enter(lock.ids.passphrase, "wrong")
    assert lock.waiting and lock.ids.passphrase.disabled and lock.ids.unlock_button.disabled
    assert "Wait 30 seconds" in lock.message
    # During the wait even the right passphrase is not tried.
    lock.ids.passphrase.text = PASSPHRASE
    lock.unlock()
    assert app.locked and lock.ids.passphrase.text == ""
    lock.wait_left = 0.3  # let the rest of the wait pass quickly
    h.pump(1.5, frames=4)
    assert not lock.waiting and not lock.ids.passphrase.disabled
    type_and_enter(lock.ids.passphrase, PASSPHRASE)
    assert not app.locked


def test_idle_lock_drops_the_connections_and_the_form_and_keeps_what_was_typed(
    monkeypatch, tmp_path: Path
) -> None:
    from kivy.core.window import Window

    from app.ui.app import PainDiaryApp

    h = _harness()
    monkeypatch.setattr(PainDiaryApp, "idle_check_seconds", 0.1)
    path = encrypted_diary(tmp_path / "d.sqlite3")
    app = h.mount(PainDiaryApp(None, path=path))
    try:
        lock = app.root.ids.screens.get_screen("lock")
        type_and_enter(lock.ids.passphrase, PASSPHRASE)
        assert not app.locked
        today = app.screen("today")
        for _ in range(100):  # the form is built on the frames after the first
            if today.form_ready:
                break
            h.pump(0.1)
        app.lock_minutes = 2 / 60  # 2 seconds, for the test
        # Key presses are activity: 3 s of typing keeps it open.
        end = time.monotonic() + 3
        while time.monotonic() < end:
            Window.dispatch("on_key_down", 304, 0, None, [])  # shift
            h.pump(0.3)
        assert not app.locked
        today.form.set("sleep_hours", 6.5)  # typed, not saved
        form, diary = today.form, app.diary
        assert form.unsaved_dates()
        h.pump(3, frames=4)  # idle
        assert app.locked and app.diary is None
        assert app.root.ids.screens.screen_names == ["lock"]
        assert diary._files.reader_count == 0 and diary._files.key is None
        assert form.values() == {} and form.diary is None and not form.unsaved_dates()
    finally:
        h.stop_app(app)
        if app.diary is not None:
            app.diary.close()
    with Diary.open(path, PASSPHRASE) as reopened:
        saved = reopened.get_day(TODAY)
    assert saved.sleep_hours == 6.5 and saved.note == NOTE  # saved before locking


def test_settings_encrypts_the_open_diary_and_the_app_keeps_working(
    run_app, tmp_path: Path
) -> None:
    h = _harness()
    path = tmp_path / "d.sqlite3"
    with Diary.open(path) as diary:
        diary.update_day(TODAY, {"pain": 2, "note": NOTE})
    app = run_app(Diary.open(path))
    app.switch_to("settings")
    h.pump(0.5, frames=4)
    section = app.screen("settings").ids.encryption
    assert not section.encrypted and section.ids.encrypt_button.opacity == 1
    h.scroll_into_view(section.ids.encrypt_button)
    h.tap(section.ids.encrypt_button, wait=0.5)
    first, again = section.dialog.fields
    h.type_into(first, PASSPHRASE)
    h.type_into(again, "typo")
    h.tap(_dialog_button(section.dialog, "Encrypt"), wait=0.5)
    assert "differ" in section.problem.text and not Diary.is_encrypted(path)
    report = app.screen("report")
    assert report.ids.plaintext_note.text == ""  # a plain diary: nothing to say
    h.type_into(again, PASSPHRASE)
    h.tap(_dialog_button(section.dialog, "Encrypt"), wait=0.5)
    assert h.wait_until(lambda: section.encrypted, 60)
    assert Diary.is_encrypted(path) and app.diary.encrypted and section.encrypted
    assert "not" in report.ids.plaintext_note.text  # "... exported files are not."
    assert NOTE.encode() not in path.read_bytes()
    assert app.diary.get_day(TODAY).note == NOTE
