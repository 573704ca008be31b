"""Settings → Your factors (issue 15): listed with kind and threshold, renamed, archived."""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def test_settings_lists_renames_and_archives_factors_and_today_follows(run_app, diary_path):
    from app.ui.screens.today.factors import FactorRow
    from tests.ui import harness as h
    from tests.ui.test_history import _click_tab
    from tests.ui.test_today_close import _button

    diary = Diary.open(diary_path)
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Screen time", "minutes", 90)
    diary.save_day({"date": TODAY, "pain": 3, "factors": {"Gardening": True}})
    app = run_app(diary)
    _click_tab(app, "settings")
    section = app.screen("settings").ids.factors
    h.pump(0.5)
    assert section.row("Screen time").line == "minutes · exposed over 1 h 30 min · not noted yet"
    assert section.row("Gardening").line == "yes/no · exposed on yes · on 1 day"

    # Rename: a name in use is refused, naming the field; then a free one is taken.
    row = section.row("Gardening")
    h.scroll_into_view(row)
    h.tap(row.ids.rename_button, wait=0.8)
    dialog = section.dialog
    dialog.field.text = "screen TIME"
    h.tap(_button(dialog, "Rename"), wait=0.4)
    assert dialog.problem.text == "Name: you already have a factor named 'Screen time'"
    dialog.field.text = "Garden work"
    h.tap(_button(dialog, "Rename"), wait=0.8)
    _dismiss_snackbar(app)
    with Diary.open(diary_path) as fresh:
        assert fresh.get_day(TODAY).factors == {"Garden work": True}

    # Archive, after a confirmation: it leaves the list of active ones, its day keeps it.
    row = section.row("Screen time")
    h.scroll_into_view(row)
    h.tap(row.ids.archive_button, wait=0.8)
    h.tap(_button(section.dialog, "Archive"), wait=0.8)
    _dismiss_snackbar(app)
    assert section.row("Screen time").archived
    with Diary.open(diary_path) as fresh:
        assert [f.name for f in fresh.factors()] == ["Garden work"]

    # Today shows the renamed factor with the day's value, and no archived one without a value.
    _click_tab(app, "today")
    today = app.screen("today")
    rows = {w.name: w for w in today.ids.factor_list.children if isinstance(w, FactorRow)}
    assert set(rows) == {"Garden work"} and rows["Garden work"].value is True
    assert not today.form.dirty


def _dismiss_snackbar(app) -> None:
    """The message of a change would take the next click meant for the card under it."""
    from tests.ui import harness as h

    bar = app.last_snackbar
    if bar is not None:
        bar.dismiss()
        h.wait_until(lambda: bar.parent is None, 3.0)
