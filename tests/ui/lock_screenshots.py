"""Screenshots of the lock screen and Settings → Encryption (light, 420x820).

.venv/bin/python -m tests.ui.lock_screenshots [docs/screenshots]
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.ui.shots import headless

PASSPHRASE = "screenshot passphrase"


def main(out: Path) -> None:
    home = headless(420, 820)

    from app.diary import Diary
    from app.ui.app import PainDiaryApp
    from tests.ui.harness import mount, pump, screenshot, scroll_into_view

    path = Path(home) / "diary.sqlite3"
    Diary.create_demo(path, 60).close()
    Diary.encrypt(path, PASSPHRASE)
    app = mount(PainDiaryApp(None, path=path))
    pump(1.0, frames=6)
    screenshot(out / "lock-420x820.png")
    app.unlock(PASSPHRASE)
    pump(1.0, frames=6)
    app.switch_to("settings")
    pump(1.5, frames=8)
    section = app.screen("settings").ids.encryption
    scroll_into_view(section)
    pump(1.0, frames=6)
    screenshot(out / "settings-encryption-420x820.png")
    app.diary.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
