"""Screenshots of suspects (issue 15): Settings → Your suspects, Trends with "I suspect this"
and "How long until we know", and the first-run question; light and dark, 420x820, Trends
also 1280x800.

    .venv/bin/python -m tests.ui.suspect_screenshots [docs/screenshots]

Each window size runs in its own process (the offscreen window is sized once).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from tests.ui.shots import SIZES, headless, run_per_size


def _scroll_to(widget, padding: float) -> None:
    """Scroll the ScrollView holding `widget` until it shows."""
    parent = widget.parent
    while parent is not None and not hasattr(parent, "scroll_to"):
        parent = parent.parent
    parent.scroll_to(widget, padding=padding, animate=False)


def _wait_for_trends(app) -> None:
    from tests.ui.harness import pump

    screen = app.screen("trends")
    charts = (screen.ids.chart, screen.ids.chart_timeofday)
    for _ in range(80):
        looking = any(
            getattr(w, "text", "").startswith("Looking for patterns")
            for w in screen.ids.findings.children
        )
        if all(c.has_picture and not c.busy for c in charts) and not looking:
            break
        pump(0.25)
    pump(1.5)


def _one_size(width: int, height: int, out: Path) -> None:
    home = headless(width, height)

    from app.diary import Diary
    from app.domain.own_factors import Suspect
    from app.ui.screens.trends.trends import FindingRow
    from tests.ui.harness import pump, screenshot, start_app, stop_app

    diary = Diary.create_demo(Path(home) / "demo.sqlite3", 120)
    # One suspect from before the first day (covers every day), one declared today.
    first = diary.day_span().first or dt.date.today()
    diary.import_suspects([Suspect("sleep", 1, first - dt.timedelta(days=1), None)])
    diary.add_suspect("stress", 0)
    app = start_app(diary, (width, height))
    phone = width < 600
    for theme in ("light", "dark"):
        suffix = "-dark" if theme == "dark" else ""
        app.set_theme(theme)
        app.switch_to("trends")
        _wait_for_trends(app)
        screen = app.screen("trends")
        rows = [w for w in screen.ids.findings.children if isinstance(w, FindingRow)]
        declared = next((r for r in rows if r.declared), rows[0])
        # The findings with their actions, then the how-long card.
        if phone:
            screen.ids.scroll.scroll_to(declared, padding=60, animate=False)
        else:  # the top: the chart beside the findings and their actions
            screen.ids.scroll.scroll_y = 1
        pump(1.5)
        screenshot(out / f"trends-suspects{suffix}-{width}x{height}.png")
        screen.ids.scroll.scroll_to(screen.ids.answers_more, padding=16, animate=False)
        pump(1.5)
        screenshot(out / f"trends-how-long{suffix}-{width}x{height}.png")
        screen.ids.scroll.scroll_y = 1
        if phone:
            app.switch_to("settings")
            pump(1.5, frames=8)
            section = app.screen("settings").ids.suspects
            if len(section.rows) < 3:
                diary.add_suspect("sitting", 1)
                section.refresh()
            chip = next(c for c in section.ids.factor_chips.chips() if c.code == "posture")
            chip.active = True
            section.add()  # a fourth: the service's refusal, as it is shown
            _scroll_to(section.ids.add_button, 12)
            pump(2.0, frames=8)
            screenshot(out / f"settings-suspects{suffix}-{width}x{height}.png")
            chip.active = False
            section.add_problem = ""
            pump(0.3)  # kv rules of the unticked chip run while the app still runs
    app.set_theme("light")
    pump(1.0)  # the theme's kv rules run while the app still runs
    stop_app(app)
    diary.close()
    if phone:
        # What a new user sees first: the question on an empty diary.
        for theme in ("light", "dark"):
            suffix = "-dark" if theme == "dark" else ""
            empty = Diary.open(Path(home) / f"empty-{theme}.sqlite3")
            app = start_app(empty, (width, height))
            app.set_theme(theme)
            pump(1.5)
            welcome = app.screen("today").ids.welcome
            screenshot(out / f"first-run-suspects{suffix}-{width}x{height}.png")
            welcome.choosing = True  # after "Choose up to 3"
            for chip in welcome.ids.suspect_chips.chips():
                chip.active = chip.code in ("sitting", "sleep")
            pump(1.5)
            screenshot(out / f"first-run-suspects-open{suffix}-{width}x{height}.png")
            app.set_theme("light")
            pump(1.0)
            stop_app(app)
            empty.close()


def main(argv: list[str]) -> int:
    return run_per_size("tests.ui.suspect_screenshots", _one_size, argv, SIZES)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
