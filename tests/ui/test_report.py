"""Report (defect 7): progress while the PDF is made, a remembered folder, Open, Show in folder."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui


def _fake_desktop(bin_dir: Path, log: Path) -> None:
    """A real `xdg-open` on PATH that writes what it was asked to open (no desktop here)."""
    bin_dir.mkdir()
    script = bin_dir / "xdg-open"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{log}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def _wait(condition, seconds: float = 60) -> None:
    from tests.ui import harness as h

    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        h.pump(0.05)
    assert condition()


def test_pdf_is_made_with_progress_in_the_chosen_folder_and_opens(run_app, tmp_path, monkeypatch):
    from app.config import config_dir
    from app.ui.screens.report.report import ReportScreen
    from tests.ui import harness as h
    from tests.ui.test_history import _click_tab

    log = tmp_path / "opened.txt"
    _fake_desktop(tmp_path / "bin", log)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    folder = tmp_path / "for the doctor"
    folder.mkdir()

    app = run_app(Diary.create_demo(tmp_path / "demo.sqlite3", 120))
    _click_tab(app, "report")
    report = app.screen("report")
    h.pump(0.3)
    field = report.ids.folder
    h.type_into(field, str(folder))
    h.scroll_into_view(report.ids.pdf_button)

    # The click returns at once; the screen says it is working until the PDF is there.
    from kivy.tests.common import UnitTestTouch

    touch = UnitTestTouch(*report.ids.pdf_button.to_window(*report.ids.pdf_button.center))
    touch.touch_down()
    h.pump(0.02)
    touch.touch_up()
    h.pump(frames=2)
    assert report.busy and report.ids.busy_indicator.active
    assert report.busy_text.startswith("Making the PDF")
    assert report.ids.pdf_button.disabled
    _wait(lambda: not report.busy)
    pdf = Path(report.result_path)
    assert pdf.parent == folder and pdf.suffix == ".pdf" and pdf.stat().st_size > 1000

    # Remembered on this computer (config folder, owner only), not in the diary.
    remembered = config_dir() / "export-folder.txt"
    assert remembered.read_text(encoding="utf-8") == str(folder)
    assert stat.S_IMODE(remembered.stat().st_mode) == 0o600
    assert app.diary.setting("export_folder") is None
    fresh = ReportScreen(name="report-again")
    h.pump(frames=3)
    assert fresh.ids.folder.text == str(folder)

    # Open and Show in folder hand the file to the desktop, detached.
    h.scroll_into_view(report.ids.open_button)
    h.tap(report.ids.open_button)
    h.scroll_into_view(report.ids.show_button)
    h.tap(report.ids.show_button)
    _wait(lambda: log.exists() and len(log.read_text().splitlines()) == 2, 10)
    assert log.read_text().splitlines() == [str(pdf), str(folder)]


def test_open_says_so_when_the_desktop_has_no_viewer(run_app, tmp_path, monkeypatch):
    from tests.ui import harness as h
    from tests.ui.test_history import _click_tab

    app = run_app(Diary.create_demo(tmp_path / "demo.sqlite3", 30))
    _click_tab(app, "report")
    report = app.screen("report")
    h.type_into(report.ids.folder, str(tmp_path))
    h.scroll_into_view(report.ids.csv_button)
    h.tap(report.ids.csv_button)
    _wait(lambda: not report.busy and bool(report.result_path))
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    h.scroll_into_view(report.ids.open_button)
    h.tap(report.ids.open_button)
    from kivymd.uix.snackbar import MDSnackbarSupportingText

    said = [w.text for w in app.last_snackbar.walk() if isinstance(w, MDSnackbarSupportingText)]
    assert said and "No program to open files was found" in said[0]
    assert str(tmp_path) in said[0]


def test_choose_folder_picks_and_remembers_a_folder(run_app, tmp_path):
    from tests.ui import harness as h
    from tests.ui.test_history import _click_tab

    chosen = tmp_path / "chosen"
    chosen.mkdir()
    app = run_app(Diary.create_demo(tmp_path / "demo.sqlite3", 30))
    _click_tab(app, "report")
    report = app.screen("report")
    h.type_into(report.ids.folder, str(chosen))
    h.scroll_into_view(report.ids.choose_folder_button)
    h.tap(report.ids.choose_folder_button, wait=1.5)
    # KivyMD's file manager opens on that folder; its check button picks it.
    manager = report.file_manager
    check = next(
        w
        for w in manager.walk()
        if w is not manager and "Button" in type(w).__name__ and getattr(w, "icon", "") == "check"
    )
    h.tap(check, wait=0.8)
    assert report.ids.folder.text == str(chosen)
    assert Diary.export_folder() == chosen
