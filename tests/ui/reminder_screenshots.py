"""Screenshots of Settings → Reminders, light and dark, 420x820.

.venv/bin/python -m tests.ui.reminder_screenshots [docs/screenshots]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.ui.shots import headless


def main(out: Path) -> None:
    home = headless(420, 820)
    os.environ["XDG_CONFIG_HOME"] = home  # the timer's state is read here, never the user's

    from app.diary import Diary
    from app.reminders.settings import add_reminder
    from tests.ui.harness import pump, screenshot, scroll_into_view, start_app, stop_app

    add_reminder("09:00")
    add_reminder("20:30", only_if_not_logged=True)
    diary = Diary.create_demo(Path(home) / "diary.sqlite3", 30)
    app = start_app(diary)
    for theme in ("light", "dark"):
        app.set_theme(theme)
        app.switch_to("settings")
        pump(1.5, frames=8)
        section = app.screen("settings").ids.reminders
        section.ids.new_time.text = "25:00"
        section.add()  # the refusal, as it is shown
        scroll_into_view(section.ids.timer_button)
        pump(2.0, frames=8)
        suffix = "-dark" if theme == "dark" else ""
        screenshot(out / f"settings-reminders{suffix}-420x820.png")
    app.set_theme("light")
    stop_app(app)
    diary.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
