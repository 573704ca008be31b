"""What opening the diary could not do is said in the app, once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.diary import Diary
from tests.ui.harness import pump

pytestmark = pytest.mark.gui


def test_a_failed_daily_backup_is_told_in_the_app_and_the_diary_still_works(
    tmp_path: Path, run_app
) -> None:
    db = tmp_path / "diary.sqlite3"
    with Diary.open(db) as diary:
        diary.save_day({"date": dt.date(2025, 1, 1), "pain": 3})
    # A file where the backups folder should be: today's copy cannot be made.
    assert not (tmp_path / "backups").exists()  # a new diary has nothing to back up yet
    (tmp_path / "backups").write_text("not a folder")
    diary = Diary.open(db)
    assert diary.warnings, "opening should report the backup it could not make"
    app = run_app(diary)
    pump(1.5)
    shown = " ".join(getattr(w, "text", "") for w in app.last_snackbar.walk())
    assert "Could not make today's backup: Not a directory." in shown
    assert diary.get_day(dt.date(2025, 1, 1)).pain == 3  # type: ignore[union-attr]
