"""Resizing the window (defect 9 and 8): no Clock warning, no empty band above content."""

from __future__ import annotations

import logging

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui

SIZES = [(1280, 800), (420, 820), (1000, 700), (1280, 800), (600, 900), (420, 820)]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.messages: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.levelname, record.getMessage()))


def test_resizing_the_window_logs_no_clock_iteration_warning(run_app, tmp_path):
    from kivy.core.window import Window
    from kivy.logger import Logger

    from tests.ui import harness as h

    app = run_app(Diary.create_demo(tmp_path / "demo.sqlite3", 60))
    records = _Records()
    Logger.addHandler(records)
    try:
        for tab in ("today", "history", "trends", "report", "settings", "today"):
            app.switch_to(tab)
            h.pump(0.3)
            for size in SIZES:
                Window.size = size
                h.pump(0.3, frames=4)
    finally:
        Logger.removeHandler(records)
        Window.size = (420, 820)
        h.pump(frames=3)
    clock = [m for level, m in records.messages if "too much iteration" in m]
    assert clock == [], clock[:1]


def test_report_content_starts_at_the_top_after_widening(run_app, tmp_path):
    """Defect 8: scrolled down at phone size, then widened: ~275 px of empty space on top."""
    from kivy.core.window import Window

    from tests.ui import harness as h
    from tests.ui.test_history import _click_tab, _wheel

    app = run_app(Diary.create_demo(tmp_path / "demo.sqlite3", 30))
    _click_tab(app, "report")
    report = app.screen("report")
    scroll = next(w for w in report.walk() if hasattr(w, "scroll_y"))
    for _ in range(10):  # to the bottom with the wheel, as a person would
        _wheel(scroll, "scrollup")
    h.pump(0.5)
    assert scroll.scroll_y < 0.5
    try:
        Window.size = (1280, 800)
        h.pump(1.0, frames=6)
        card = report.ids.period
        while type(card).__name__ != "SectionCard":  # the card around the period fields
            card = card.parent
        view_top = scroll.to_window(0, scroll.top)[1]
        card_top = card.to_window(0, card.top)[1]
        assert view_top - card_top <= 40, f"{view_top - card_top:.0f} px above the first card"
    finally:
        Window.size = (420, 820)
        h.pump(frames=3)
