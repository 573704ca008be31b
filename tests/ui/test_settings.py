"""Settings: the backup line reads as words (defect 11: "Latest backup:Thu")."""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui


def test_back_up_now_shows_the_latest_backup_with_a_readable_date(run_app, diary_path):
    from tests.ui import harness as h
    from tests.ui.test_history import _click_tab

    diary = Diary.open(diary_path)
    diary.save_day({"date": dt.date.today(), "pain": 3})
    app = run_app(diary)
    _click_tab(app, "settings")
    settings = app.screen("settings")
    h.pump(0.5)
    h.scroll_into_view(settings.ids.backup_button)
    h.tap(settings.ids.backup_button)
    newest = app.diary.list_backups()[0]
    first_line = settings.ids.backup_label.text.splitlines()[0]
    # A day number after the colon: a capital letter there is set so tight
    # against the space that people read "backup:Thu".
    assert first_line == (
        f"Latest backup: {newest.date.day} {newest.date:%b %Y} "
        f"({len(app.diary.list_backups())} kept)"
    )
