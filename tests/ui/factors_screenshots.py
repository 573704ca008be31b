"""Screenshots of stress and own factors (issue 15), on a demo diary.

    .venv/bin/python -m tests.ui.factors_screenshots [docs/screenshots]

Writes today-factors[-dark]-<size>.png (Today scrolled to "Your factors", one
factor of each kind and an archived one the day holds, stress chosen) at
420x820 and 1280x800, settings-factors-420x820.png (Settings' "Your factors")
and, for looking at only, the stress row, the add dialog and History's opened
row into EXTRA. Each size runs in its own process (the offscreen window is sized once).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from tests.ui.shots import SIZES, headless, run_per_size

#: Shots to look at, not for the docs: the stress row, the add dialog, History's opened row.
EXTRA = Path(tempfile.gettempdir()) / "pain-diary-factors-extra"


def _diary(home: str):
    """The demo diary with three more factors and today's values for all of them."""
    from app.diary import Diary

    diary = Diary.create_demo(Path(home) / "demo.sqlite3", 60)
    diary.add_factor("Work strain", "rating")
    diary.add_factor("Screen time", "minutes", 90)
    diary.add_factor("Coffee", "yesno")
    today = dt.date.today()
    fields = diary.get_day_fields(today) or {"date": today, "pain": 4}
    fields.update(
        stress=6,
        factors={"gardening": True, "Work strain": 5, "Screen time": 150, "Coffee": True},
    )
    diary.save_day(fields)
    # Archived while today holds a value: shown muted and read-only.
    diary.archive_factor("Coffee")
    return diary


def _scroll_to(widget) -> None:
    """Scroll the view holding `widget` so it shows from its top."""
    view = widget.parent
    while view is not None and not hasattr(view, "scroll_to"):
        view = view.parent
    view.scroll_to(widget, padding=16, animate=False)


def _one_size(width: int, height: int, out: Path) -> None:
    home = headless(width, height)

    from tests.ui.harness import pump, screenshot, start_app, stop_app

    diary = _diary(home)
    app = start_app(diary, (width, height))
    today = app.screen("today")
    size = f"{width}x{height}"
    card = today.ids.factor_list.parent.parent  # the list, the card's body, the card
    for theme in ("light", "dark"):
        app.theme_cls.theme_style = "Dark" if theme == "dark" else "Light"
        pump(0.5)
        # The card's top at the top of the view (the stress row above it at 1280 wide).
        _scroll_to(card)
        pump(2.0)
        suffix = "" if theme == "light" else "-dark"
        screenshot(out / f"today-factors{suffix}-{size}.png")
    app.theme_cls.theme_style = "Light"
    extra = EXTRA
    _scroll_to(today.ids.stress.parent)
    pump(1.0)
    screenshot(extra / f"stress-{size}.png")
    dialog = today.open_add_factor()
    dialog.fields["name"].text = "Screen time"
    dialog.fields["kind"].value = "rating"
    pump(1.5)
    screenshot(extra / f"add-factor-{size}.png")
    dialog.dismiss()
    pump(0.5)
    if width < 800:
        app.switch_to("settings")
        settings = app.screen("settings")
        pump(1.0)
        section = settings.ids.factors
        _scroll_to(section)
        pump(2.0)
        screenshot(out / f"settings-factors-{size}.png")
    app.switch_to("history")
    history = app.screen("history")
    pump(1.0)
    history.toggle_checkins(dt.date.today())
    pump(1.5)
    screenshot(extra / f"history-factors-{size}.png")
    stop_app(app)
    diary.close()


def main(argv: list[str]) -> int:
    return run_per_size("tests.ui.factors_screenshots", _one_size, argv, SIZES)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
