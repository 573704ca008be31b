"""Check in on Today with real clicks and keys: the sheet, the day's list, edit, delete, Undo.

Each click is a touch at the widget's place in the 420x820 window; typing goes
through the window's key events. What was stored is read back through a fresh
Diary on the same file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary
from app.domain.checkin import make_checkin

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def _h():
    from tests.ui import harness

    return harness


def _type(field, text: str) -> None:
    """Tap the field, select what it holds (Ctrl+A) and type `text` over it, key by key."""
    from kivy.core.window import Window

    h = _h()
    h.tap(field, wait=0.2)
    assert field.focus, "the tap focused the field"
    Window.dispatch("on_key_down", 97, 0, "a", ["ctrl"])
    Window.dispatch("on_key_up", 97, 0)
    for char in text:
        Window.dispatch("on_textinput", char)
    h.pump(0.2)


def _open_sheet(today):
    h = _h()
    h.tap(today.ids.checkin_button, wait=0.6)
    sheet = today.checkin_sheet
    assert sheet is not None and sheet.parent is not None, "the sheet opened"
    return sheet


def _chip(flow, code: str):
    return next(chip for chip in flow.chips() if chip.code == code)


def _snackbar_action(app):
    from kivymd.uix.snackbar import MDSnackbarActionButton

    return next(w for w in app.last_snackbar.walk() if isinstance(w, MDSnackbarActionButton))


def _fresh(path):
    with Diary.open(path) as diary:
        return diary.checkins(TODAY), diary.get_day(TODAY)


def test_check_in_pain_doing_save_is_four_clicks(run_app, diary_path) -> None:
    diary = Diary.open(diary_path)
    diary.save_day({"date": TODAY - dt.timedelta(days=2), "pain": 3})  # a returning user
    app = run_app(diary)
    today = app.screen("today")
    h = _h()
    clicks = 0

    sheet = _open_sheet(today)  # 1: "Check in" in the header, no scrolling
    clicks += 1
    h.tap(sheet.ids.pain, pos=sheet.ids.pain.number_pos(0))  # 2: pain 0 is one tap like any other
    clicks += 1
    h.tap(_chip(sheet.ids.doing, "walking"))  # 3
    clicks += 1
    h.tap(sheet.ids.save_button, wait=0.6)  # 4
    clicks += 1

    assert clicks == 4
    assert sheet.parent is None, "the sheet closed on save"
    (stored,), day = _fresh(diary_path)
    assert (stored.pain, stored.doing) == (0, "walking")
    assert abs(
        dt.datetime.combine(TODAY, stored.time) - dt.datetime.now().replace(second=0)
    ) <= dt.timedelta(minutes=2)
    assert day is not None and day.pain is None, "the derived pain is not written into the day"
    text = app.last_snackbar.walk()
    assert any(getattr(w, "text", "") == f"Checked in at {stored.clock} — pain 0" for w in text), (
        "the snackbar says when and how much"
    )
    # Today shows the list and the pain derived from it at once.
    rows = today.ids.checkin_list.rows()
    assert [row.clock for row in rows] == [stored.clock]
    assert today.ids.pain_number.text == "0.0"
    assert today.pain_words == "from 1 check-in"

    # A second check-in: pain 6 and a place; the day's figure becomes their mean.
    sheet = _open_sheet(today)
    h.tap(sheet.ids.pain, pos=sheet.ids.pain.number_pos(6))
    h.tap(_chip(sheet.ids.doing, "sitting"))
    h.tap(sheet.ids.places.chips()[0])
    _type(sheet.ids.time, "00:00")
    h.tap(sheet.ids.save_button, wait=0.6)
    assert today.ids.pain_number.text == "3.0"
    assert today.pain_words == "from 2 check-ins"
    # Entering a pain still wins, and is what the day shows.
    today.pick_pain(7)
    h.pump(0.2)
    assert today.ids.pain_number.text == "7"


def test_a_bad_time_names_the_field_keeps_the_input_and_stores_nothing(run_app, diary_path) -> None:
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    h = _h()
    sheet = _open_sheet(today)
    h.tap(sheet.ids.pain, pos=sheet.ids.pain.number_pos(4))
    _type(sheet.ids.time, "25:61")
    h.tap(sheet.ids.save_button, wait=0.4)

    assert sheet.parent is not None, "the sheet stays open"
    assert sheet.problems_text.startswith("Time: must be a time of day written HH:MM")
    assert sheet.ids.time.text == "25:61" and sheet.ids.pain.value == 4
    assert _fresh(diary_path)[0] == []

    # Unsaved input is not dropped silently: Esc asks, and so does closing the window.
    from kivy.core.window import Window

    Window.dispatch("on_keyboard", 27, 0, None, [])
    h.pump(0.4)
    assert sheet.parent is not None and sheet._asking is not None
    sheet._asking.dismiss()
    h.pump(0.3)
    assert app._on_request_close() is True, "the window stays open to ask"
    said = [getattr(w, "text", "") for w in app.close_dialog.walk()]
    assert any("check-in you are entering is not saved" in text for text in said)


def test_edit_moves_the_time_clash_is_refused_delete_and_undo(run_app, diary_path) -> None:
    if dt.datetime.now().time() < dt.time(0, 30):
        pytest.skip("the check-ins of this test are at 00:10 and 00:20 today")
    diary = Diary.open(diary_path)
    diary.save_checkin(make_checkin(date=TODAY, time="00:10", pain=3, doing="lying"))
    diary.save_checkin(make_checkin(date=TODAY, time="00:20", pain=5, doing="sitting"))
    app = run_app(diary)
    today = app.screen("today")
    h = _h()
    h.scroll_into_view(today.ids.checkin_list)
    first = today.ids.checkin_list.rows()[0]
    h.tap(first, pos=first.to_window(first.x + 60, first.center_y), wait=0.6)
    sheet = today.checkin_sheet
    assert sheet.title == "Edit check-in" and sheet.ids.time.text == "00:10"

    _type(sheet.ids.time, "00:20")
    h.tap(sheet.ids.save_button, wait=0.4)
    assert sheet.parent is not None
    assert sheet.problems_text.startswith("Time: there is already a check-in at 00:20")
    assert [c.clock for c in _fresh(diary_path)[0]] == ["00:10", "00:20"]

    _type(sheet.ids.time, "00:15")
    h.tap(sheet.ids.save_button, wait=0.6)
    stored = _fresh(diary_path)[0]
    assert [(c.clock, c.pain, c.doing) for c in stored] == [
        ("00:15", 3, "lying"),
        ("00:20", 5, "sitting"),
    ]

    # Delete from the list (the bin), then Undo in the snackbar.
    row = today.ids.checkin_list.rows()[0]
    assert row.clock == "00:15"
    bin_button = row.children[0]
    h.tap(bin_button, wait=1.0)  # the snackbar slides in: its Undo settles first
    assert [c.clock for c in _fresh(diary_path)[0]] == ["00:20"]
    assert [r.clock for r in today.ids.checkin_list.rows()] == ["00:20"]
    h.tap(_snackbar_action(app), wait=0.6)
    assert [c.clock for c in _fresh(diary_path)[0]] == ["00:15", "00:20"]
    assert [r.clock for r in today.ids.checkin_list.rows()] == ["00:15", "00:20"]


def test_history_lists_a_days_check_ins_and_edits_one_in_the_sheet(run_app, diary_path) -> None:
    from app.ui.screens.history.history import HistoryCheckIn, HistoryRow

    date = TODAY - dt.timedelta(days=1)
    diary = Diary.open(diary_path)
    diary.save_checkin(make_checkin(date=date, time="08:00", pain=4, doing="lying"))
    diary.save_checkin(make_checkin(date=date, time="18:30", pain=7, doing="driving"))
    app = run_app(diary)
    h = _h()
    item = next(i for i in app.root.ids.navbar.children if getattr(i, "screen", "") == "history")
    h.tap(item, wait=1.0)
    history = app.screen("history")

    def views():
        return list(history.ids.list.children[0].children)

    row = next(v for v in views() if isinstance(v, HistoryRow) and v.date == date)
    # The day's pain is theirs (no average entered): a decimal and the clock mark.
    assert (row.pain_text, row.derived) == ("5.5", True)
    assert row.summary.startswith("Average of 2 check-ins")
    h.tap(row.ids.checkins_toggle, wait=0.6)
    shown = sorted((v for v in views() if isinstance(v, HistoryCheckIn)), key=lambda v: v.clock)
    assert [v.clock for v in shown] == ["08:00", "18:30"]

    later = shown[1]
    h.tap(later, pos=later.to_window(later.x + 90, later.center_y), wait=0.6)
    from app.ui.screens.today.checkin_sheet import shown_sheet

    sheet = shown_sheet()
    assert sheet is not None and sheet.title == "Edit check-in"
    h.tap(sheet.ids.pain, pos=sheet.ids.pain.number_pos(3))
    h.tap(sheet.ids.save_button, wait=0.8)
    with Diary.open(diary_path) as fresh:
        assert [(c.clock, c.pain) for c in fresh.checkins(date)] == [("08:00", 4), ("18:30", 3)]
    row = next(v for v in views() if isinstance(v, HistoryRow) and v.date == date)
    assert row.pain_text == "3.5" and row.expanded, "the list follows at once, still open"
