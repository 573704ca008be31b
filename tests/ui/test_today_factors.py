"""Today's stress row and "Your factors" card (issue 15), with real clicks, read back from disk."""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def _h():
    from tests.ui import harness

    return harness


def _rows(today) -> dict:
    from app.ui.screens.today.factors import FactorRow

    return {w.name: w for w in today.ids.factor_list.children if isinstance(w, FactorRow)}


def _click(widget, wait: float = 0.4, number: int | None = None) -> None:
    """Scroll `widget` into view and click it (a score row: at its `number`)."""
    h = _h()
    h.scroll_into_view(widget)
    h.tap(widget, pos=None if number is None else widget.number_pos(number), wait=wait)


def _saved(diary_path, date=TODAY):
    """The day as a fresh Diary reads it from the file."""
    with Diary.open(diary_path) as fresh:
        return fresh.get_day(date)


def _save(app) -> None:
    """Save, then dismiss the "Saved" snackbar (it would take the next click on the card)."""
    h = _h()
    h.tap(app.screen("today").ids.save_button, wait=0.3)
    bar = app.last_snackbar
    if bar is not None:
        bar.dismiss()
        h.wait_until(lambda: bar.parent is None, 3.0)


def test_stress_0_is_one_click_and_clear_forgets_it(run_app, diary_path):
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    _click(today.ids.stress, number=0)
    assert today.form["stress"] == 0
    assert today.ids.stress_words.text == "No stress"
    _save(app)
    assert _saved(diary_path).stress == 0

    _click(today.ids.clear_stress)
    assert today.form["stress"] is None and today.status_text == "Unsaved changes"
    _save(app)
    assert _saved(diary_path).stress is None


def test_a_yes_no_factor_is_set_and_cleared_by_tapping_yes_again(run_app, diary_path):
    diary = Diary.open(diary_path)
    diary.add_factor("Gardening", "yesno")
    app = run_app(diary)
    row = _rows(app.screen("today"))["Gardening"]
    _click(row.choose("yes"))
    assert row.value is True
    _save(app)
    assert _saved(diary_path).factors == {"Gardening": True}

    _click(row.choose("no"))
    _save(app)
    assert _saved(diary_path).factors == {"Gardening": False}

    _click(row.choose("no"))  # the chosen one again: not recorded
    assert row.value is None
    _save(app)
    assert _saved(diary_path).factors == {}


def test_a_rating_and_a_minutes_factor_are_saved(run_app, diary_path):
    diary = Diary.open(diary_path)
    diary.add_factor("Work strain", "rating")
    diary.add_factor("Screen time", "minutes", 90)
    app = run_app(diary)
    rows = _rows(app.screen("today"))
    _click(rows["Work strain"].control, number=6)
    _click(rows["Screen time"].choose(60))
    _click(rows["Screen time"].choose(15))
    assert rows["Screen time"].value_text == "1 h 15 min"
    _save(app)
    assert _saved(diary_path).factors == {"Work strain": 6, "Screen time": 75}

    # Keys reach them as they reach the built-in rows: a digit, an arrow, then Ctrl+S.
    from tests.ui.test_typed_keys import _key

    rows["Work strain"].control.focus = True  # where Tab stops on it
    _key(56, "8")
    assert rows["Work strain"].value == 8
    rows["Screen time"].control.focus = True
    _key(273, None)  # up: the big step (+1 h)
    _key(115, "s", ["ctrl"])
    assert _saved(diary_path).factors == {"Work strain": 8, "Screen time": 135}


def test_add_a_factor_from_today_and_a_refusal_names_the_field(run_app, diary_path):
    from tests.ui.test_today_close import _button

    h = _h()
    diary = Diary.open(diary_path)
    diary.add_factor("Coffee", "yesno")
    app = run_app(diary)
    today = app.screen("today")
    _click(today.ids.add_factor, wait=0.8)
    dialog = _open_dialog()
    name, kind = dialog.fields["name"], dialog.fields["kind"]
    name.text = "coffee"
    h.tap(_button(dialog, "Add"), wait=0.4)
    assert dialog.problem.text == "Name: you already have a factor named 'Coffee'"
    assert name.error

    name.text = "Screen time"
    h.tap(kind.item("minutes"), wait=0.3)
    assert not dialog.fields["threshold"].disabled
    dialog.fields["threshold"].text = "90"
    h.tap(_button(dialog, "Add"), wait=0.8)
    assert h.wait_until(lambda: dialog.parent is None)
    assert "Screen time" in _rows(today)
    with Diary.open(diary_path) as fresh:
        added = {f.name: f for f in fresh.factors()}
    assert added["Screen time"].kind == "minutes" and added["Screen time"].threshold == 90


def _open_dialog():
    from kivy.core.window import Window
    from kivymd.uix.dialog import MDDialog

    found = [w for w in Window.children if isinstance(w, MDDialog)]
    assert found, "no dialog open"
    return found[0]


def test_an_archived_factors_value_is_shown_read_only_and_survives_a_save(run_app, diary_path):
    diary = Diary.open(diary_path)
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Swimming", "yesno")
    diary.save_day({"date": TODAY, "pain": 4, "factors": {"Gardening": True}})
    diary.archive_factor("Gardening")
    diary.archive_factor("Swimming")  # no value today: not shown at all
    app = run_app(diary)
    today = app.screen("today")
    rows = _rows(today)
    assert set(rows) == {"Gardening"}
    assert rows["Gardening"].archived and rows["Gardening"].control.disabled
    _click(today.ids.stress, number=3)
    _save(app)
    saved = _saved(diary_path)
    assert saved.stress == 3 and saved.factors == {"Gardening": True}


def test_an_unsaved_factor_is_kept_over_a_date_switch_and_asked_about_on_close(run_app, diary_path):
    from kivy.core.window import Window

    from tests.ui.test_today_close import _button

    h = _h()
    diary = Diary.open(diary_path)
    diary.add_factor("Gardening", "yesno")
    app = run_app(diary)
    today = app.screen("today")
    _click(_rows(today)["Gardening"].choose("yes"))
    assert today.status_text == "Unsaved changes"
    h.tap(today.ids.prev_day, wait=0.5)
    assert today.current_date == TODAY - dt.timedelta(days=1)
    assert _rows(today)["Gardening"].value is None
    h.tap(today.ids.next_day, wait=0.5)
    assert _rows(today)["Gardening"].value is True, "the draft came back"
    assert today.status_text == "Unsaved changes"

    assert Window.dispatch("on_request_close")
    h.pump(0.6)
    texts = " ".join(getattr(w, "text", "") for w in app.close_dialog.walk())
    assert "Your factors" in texts, texts
    h.tap(_button(app.close_dialog, "Cancel"), wait=0.6)
    assert _saved(diary_path) is None
