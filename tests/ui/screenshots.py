"""Make the README screenshots: every screen at 420x820 and 1280x800, on a demo diary.

    .venv/bin/python -m tests.ui.screenshots [docs/screenshots]

Each window size runs in its own process (the offscreen window is sized once,
before it exists).
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.ui.shots import SIZES, headless, run_per_size

TABS = ("today", "history", "trends", "report", "settings")
DARK_TABS = ("history", "trends", "report", "settings")


def _wait_for_trends(app) -> None:
    from tests.ui.harness import pump

    charts = (app.screen("trends").ids.chart, app.screen("trends").ids.chart_timeofday)
    findings = app.screen("trends").ids.findings
    for _ in range(80):
        looking = any(
            getattr(w, "text", "").startswith("Looking for patterns") for w in findings.children
        )
        if all(c.has_picture and not c.busy for c in charts) and not looking:
            break
        pump(0.25)
    pump(1.0)  # new rows fade their backgrounds in


def _timeofday_shot(app, path: Path) -> None:
    """Trends scrolled down to the time-of-day card (below the findings at phone width)."""
    from tests.ui.harness import pump, screenshot

    screen = app.screen("trends")
    screen.ids.scroll.scroll_y = 0
    pump(1.5)
    screenshot(path)
    screen.ids.scroll.scroll_y = 1
    pump(0.5)


def _one_size(width: int, height: int, out: Path) -> None:
    home = headless(width, height)

    from app.diary import Diary
    from tests.ui.harness import pump, screenshot, start_app, stop_app

    diary = Diary.create_demo(Path(home) / "demo.sqlite3", 120)
    app = start_app(diary, (width, height))
    pump(2.0)
    for tab in TABS:
        app.switch_to(tab)
        pump(2.0)
        if tab == "trends":
            _wait_for_trends(app)
        screenshot(out / f"{tab}-{width}x{height}.png")
        if tab == "trends" and width < 600:
            _timeofday_shot(app, out / f"trends-timeofday-{width}x{height}.png")
    # The other screens in the dark theme too (Today's are its own).
    app.set_theme("dark")
    for tab in DARK_TABS:
        app.switch_to(tab)
        pump(2.0)
        if tab == "trends":
            _wait_for_trends(app)
        screenshot(out / f"{tab}-dark-{width}x{height}.png")
        if tab == "trends" and width < 600:
            _timeofday_shot(app, out / f"trends-timeofday-dark-{width}x{height}.png")
    app.set_theme("light")
    pump(1.0)
    if width < 600:
        # The lower half of the Today form, and the red-flag warning.
        app.switch_to("today")
        today = app.screen("today")
        today.ids.scroll.scroll_y = 0.45
        pump(1.0)
        screenshot(out / f"today-more-{width}x{height}.png")
        today.show_red_flag_warning("New trouble passing or holding urine")
        pump(1.5)
        screenshot(out / f"red-flag-{width}x{height}.png")
        today.red_flag_dialog.dismiss()
        pump(0.5)
        # Closing the window with an unsaved entry asks first.
        typed_before = today.ids.note.text
        today.ids.note.text = "Knee better after the walk"
        app.request_close()
        pump(1.5)
        screenshot(out / f"close-dialog-{width}x{height}.png")
        app.close_dialog.dismiss()
        today.ids.note.text = typed_before  # nothing left unsaved
        pump(0.5)
        app.set_theme("dark")
        app.switch_to("history")
        pump(2.0)
        screenshot(out / f"history-dark-{width}x{height}.png")
    stop_app(app)
    diary.close()
    if width < 600:
        # What a new user sees first: an empty diary greets them on Today.
        empty = Diary.open(Path(home) / "empty.sqlite3")
        app = start_app(empty, (width, height))
        pump(2.0)
        screenshot(out / f"first-run-{width}x{height}.png")
        stop_app(app)
        empty.close()


def main(argv: list[str]) -> int:
    return run_per_size("tests.ui.screenshots", _one_size, argv, SIZES)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
