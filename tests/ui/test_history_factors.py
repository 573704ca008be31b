"""History (issue 15): a day's stress and own factors open under its row, in words."""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def test_a_days_stress_and_factors_open_under_its_row_in_words(run_app, diary_path):
    from app.ui.screens.history.history import HistoryDetail, HistoryRow
    from tests.ui import harness as h
    from tests.ui.test_history import _click_tab, _rendered

    date = TODAY - dt.timedelta(days=2)
    diary = Diary.open(diary_path)
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Screen time", "minutes")
    diary.add_factor("Work strain", "rating")
    diary.save_day(
        {
            "date": date,
            "pain": 5,
            "stress": 7,
            "factors": {"Gardening": True, "Screen time": 90, "Work strain": 4},
        }
    )
    diary.archive_factor("Work strain")  # archived: its old value is still shown
    diary.save_day({"date": TODAY, "pain": 2})  # nothing to open: no chevron
    app = run_app(diary)
    _click_tab(app, "history")
    history = app.screen("history")

    def views():
        return list(history.ids.list.children[0].children)

    plain = next(v for v in views() if isinstance(v, HistoryRow) and v.date == TODAY)
    assert plain.ids.checkins_toggle.disabled and plain.ids.checkins_toggle.opacity == 0
    row = next(v for v in views() if isinstance(v, HistoryRow) and v.date == date)
    h.tap(row.ids.checkins_toggle, wait=0.6)
    detail = next(v for v in views() if isinstance(v, HistoryDetail))
    expected = "Stress 7 · Gardening: yes · Screen time: 1 h 30 min · Work strain: 4/10"
    assert detail.text == expected
    assert _rendered(detail.ids.detail_label) == expected, "all of it is drawn, none cut off"
