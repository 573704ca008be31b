"""Text typed with key events, as a person types it: focus by a tap, then the window's
textinput and key events (not `.text =` or a widget's own key handler)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def _type(widget, text: str, *, replace: bool = False) -> None:
    """Tap `widget` to focus it, then type `text` through the window, key by key.

    With `replace`, Ctrl+A first selects what the field holds, so typing replaces it.
    """
    from kivy.core.window import Window

    from tests.ui import harness as h

    h.scroll_into_view(widget)
    h.pump(0.2)
    h.tap(widget, wait=0.2)
    assert widget.focus, "the tap focused the field"
    if replace:
        _key(97, "a", ["ctrl"])
    for char in text:
        Window.dispatch("on_textinput", char)
    h.pump(frames=2)


def _key(key: int, codepoint: str | None, modifiers: list[str] | None = None) -> None:
    from kivy.core.window import Window

    from tests.ui import harness as h

    Window.dispatch("on_key_down", key, 0, codepoint, modifiers or [])
    Window.dispatch("on_key_up", key, 0)
    h.pump(0.3)


def _tab(app, name: str) -> None:
    from tests.ui import harness as h

    item = next(i for i in app.root.ids.navbar.children if getattr(i, "screen", "") == name)
    h.tap(item)
    assert app.root.ids.screens.current == name


def test_a_typed_note_is_saved_with_ctrl_s(run_app, diary_path: Path) -> None:
    app = run_app(Diary.open(diary_path))
    note = app.screen("today").ids.note
    _type(note, "Knee better, walked 20 min")
    assert note.text == "Knee better, walked 20 min"
    _key(8, None)  # backspace takes the last character off
    _key(115, "s", ["ctrl"])
    saved = app.diary.get_day(TODAY)
    assert saved is not None and saved.note == "Knee better, walked 20 mi"


def test_tab_typed_in_a_field_moves_on_instead_of_typing_a_tab(run_app, diary_path) -> None:
    app = run_app(Diary.open(diary_path))
    ids = app.screen("today").ids
    _type(ids.exertion_note, "boxes")
    _key(9, "\t")
    assert ids.exertion_note.text == "boxes"
    moved_to = [w for w in app.screen("today").walk() if getattr(w, "focus", False)]
    assert not ids.exertion_note.focus and moved_to, "Tab moves the focus to the next control"


def test_csv_exported_from_the_report_screen_holds_the_diarys_days(
    run_app, diary_path: Path, tmp_path: Path
) -> None:
    diary = Diary.open(diary_path)
    for offset, pain, note in ((2, 3, "=cheeky"), (1, 7, "bad day, sat all day")):
        diary.save_day(
            {"date": TODAY - dt.timedelta(days=offset), "pain": pain, "sitting_minutes": 420,
             "note": note}
        )  # fmt: skip
    app = run_app(diary)
    _tab(app, "report")
    report = app.screen("report")
    folder = tmp_path / "typed folder"
    folder.mkdir()
    _type(report.ids.folder, str(folder), replace=True)
    assert report.ids.folder.text == str(folder)
    from tests.ui import harness as h

    h.tap(report.ids.csv_button)
    written = Path(report.result_path)
    assert written.parent == folder
    rows = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8"), newline="")))
    assert [(r["date"], r["pain"], r["sitting_minutes"], r["notes"]) for r in rows] == [
        ((TODAY - dt.timedelta(days=2)).isoformat(), "3", "420", "'=cheeky"),
        ((TODAY - dt.timedelta(days=1)).isoformat(), "7", "420", "bad day, sat all day"),
    ]
