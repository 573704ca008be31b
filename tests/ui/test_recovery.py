"""Backups in Settings, and the dialog that offers one when the diary is damaged."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from app.diary import Diary, DiaryFileError
from tests.ui.test_app import _not_blank, _tab

pytestmark = pytest.mark.gui


def _harness():
    from tests.ui import harness

    return harness


def _diary_with_backup(path: Path) -> Path:
    with Diary.open(path) as diary:
        for i in range(10):
            diary.save_day({"date": dt.date(2026, 1, 1) + dt.timedelta(days=i), "pain": i % 10})
    Diary.open(path).close()  # the day's backup is taken on opening
    return path


def test_settings_backs_up_and_restores_the_latest_backup(run_app, diary_path: Path) -> None:
    h = _harness()
    _diary_with_backup(diary_path)
    app = run_app(Diary.open(diary_path))
    _tab(app, "settings")
    settings = app.screen("settings")
    assert "Latest backup" in settings.backup_text and not settings.ids.restore_button.disabled

    app.diary.delete_day(dt.date(2026, 1, 1))  # a mistake the backup can undo
    h.scroll_into_view(settings.ids.restore_button)
    h.tap(settings.ids.restore_button)
    assert settings.restore_dialog.parent is not None  # asks first
    settings.restore_newest()
    h.pump(0.3)
    assert app.diary.count() == 10 and app.diary.get_day(dt.date(2026, 1, 1)) is not None
    kept = list((diary_path.parent / "backups").glob("*before-restore*.sqlite3"))
    assert len(kept) == 1
    with Diary.open(kept[0]) as before:
        assert before.count() == 9


def test_a_damaged_diary_opens_a_dialog_that_restores_only_when_asked(
    diary_path: Path, tmp_path: Path
) -> None:
    from app.ui.recovery import RecoveryApp

    h = _harness()
    _diary_with_backup(diary_path)
    diary_path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    before = hashlib.sha256(diary_path.read_bytes()).hexdigest()
    with pytest.raises(DiaryFileError) as caught:
        Diary.open(diary_path)
    app = RecoveryApp(diary_path, caught.value)
    finished = []
    app.after_restore = lambda: finished.append(True)
    h.mount(app)
    try:
        h.pump(2.0, frames=6)
        text = app.dialog.ids  # the dialog exists and is open
        assert app.dialog.parent is not None and text is not None
        shown = " ".join(getattr(w, "text", "") for w in app.dialog.walk())
        assert str(diary_path.name) in shown and "has not been changed" in shown
        _not_blank(h.screenshot(tmp_path / "recovery.png"))
        assert hashlib.sha256(diary_path.read_bytes()).hexdigest() == before
        h.tap(app.restore_button)
        assert finished == [True] and app.restored
    finally:
        h.stop_app(app)
    with Diary.open(diary_path) as diary:
        assert diary.count() == 10 and diary.integrity_check() == "ok"
