"""Today's screenshots only, light and dark, at 420x820 and 1280x800, on a demo diary.

    .venv/bin/python -m tests.ui.today_screenshots [docs/screenshots]

Writes today-<size>.png, today-dark-<size>.png, today-more-<size>.png (the form
further down) and today-more-dark-<size>.png, today-keyboard-map-<size>.png (the
body map with the keyboard on it); then, with three check-ins today
and no pain entered, today-checkins[-dark]-<size>.png (the derived pain and the
list) and checkin-sheet[-dark]-<size>.png (the sheet open, pain and activity
chosen), and history-checkins[-dark]-<size>.png (today's row opened). Each
size runs in its own process (the offscreen window is sized once).
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.ui.shots import SIZES, headless, run_per_size


def _one_size(width: int, height: int, out: Path) -> None:
    home = headless(width, height)

    from app.diary import Diary
    from tests.ui.harness import pump, screenshot, start_app, stop_app

    diary = Diary.create_demo(Path(home) / "demo.sqlite3", 60)
    app = start_app(diary, (width, height))
    today = app.screen("today")
    for theme in ("light", "dark"):
        app.theme_cls.theme_style = "Dark" if theme == "dark" else "Light"
        today.ids.scroll.scroll_y = 1
        pump(2.0)
        suffix = "" if theme == "light" else "-dark"
        screenshot(out / f"today{suffix}-{width}x{height}.png")
        today.ids.scroll.scroll_y = 0.35
        pump(1.0)
        screenshot(out / f"today-more{suffix}-{width}x{height}.png")
    app.theme_cls.theme_style = "Light"
    _keyboard_map_shot(app, out, f"{width}x{height}")
    _checkin_shots(app, diary, out, f"{width}x{height}")
    stop_app(app)
    diary.close()


def _keyboard_map_shot(app, out: Path, size: str) -> None:
    """today-keyboard-map-<size>.png: the body map with the keyboard, its ring moved down once."""
    from tests.ui.harness import press, pump, screenshot, scroll_into_view

    body = app.screen("today").ids.body_map
    body.focus = True  # as Tab from the pain card leaves it
    pump(0.3)
    press(274)  # down: from the lower back to the next region below
    scroll_into_view(body)
    pump(2.0)
    screenshot(out / f"today-keyboard-map-{size}.png")
    body.focus = False
    pump(0.3)


def _checkin_shots(app, diary, out: Path, size: str) -> None:
    """Today with check-ins (pain derived from them) and the check-in sheet, both themes."""
    import datetime as dt

    from app.domain.checkin import make_checkin
    from tests.ui.harness import pump, screenshot, tap

    today = app.screen("today")
    date = dt.date.today()
    day = diary.get_day(date)
    if day is not None:  # no pain entered: the figure comes from the check-ins
        diary.save_day(day.model_copy(update={"pain": None, "worst_pain": None}))
    now = dt.datetime.now()
    for minutes, pain, doing, places in (
        (230, 4, "lying", ["lower_back:centre"]),
        (140, 6, "driving", ["lower_back:centre", "calf:left"]),
        (35, 5, "sitting", ["buttock:left"]),
    ):
        when = max(dt.datetime.combine(date, dt.time(0, 5)), now - dt.timedelta(minutes=minutes))
        checkin = make_checkin(
            date=date, time=when.time(), pain=pain, doing=doing, locations=places
        )
        diary.save_checkin(checkin, overwrite=True)
    app.diary_changed()
    for theme in ("light", "dark"):
        app.theme_cls.theme_style = "Dark" if theme == "dark" else "Light"
        today.ids.scroll.scroll_y = 1
        pump(2.0)
        suffix = "" if theme == "light" else "-dark"
        screenshot(out / f"today-checkins{suffix}-{size}.png")
        tap(today.ids.checkin_button, wait=0.8)
        sheet = today.checkin_sheet
        tap(sheet.ids.pain, pos=sheet.ids.pain.number_pos(5))
        chip = next(c for c in sheet.ids.doing.chips() if c.code == "walking")
        tap(chip)
        pump(1.0)
        screenshot(out / f"checkin-sheet{suffix}-{size}.png")
        sheet.dismiss(force=True)
        pump(0.5)
    # History with today's row opened: the derived pain (decimal, clock mark) and its list.
    app.switch_to("history")
    history = app.screen("history")
    pump(1.0)
    history.toggle_checkins(date)
    for theme in ("light", "dark"):
        app.theme_cls.theme_style = "Dark" if theme == "dark" else "Light"
        pump(2.0)
        suffix = "" if theme == "light" else "-dark"
        screenshot(out / f"history-checkins{suffix}-{size}.png")
    app.switch_to("today")


def main(argv: list[str]) -> int:
    return run_per_size("tests.ui.today_screenshots", _one_size, argv, SIZES)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
