"""Screenshots of the lock screen and Settings → Encryption (light, 420x820).

.venv/bin/python -m tests.ui.lock_screenshots [docs/screenshots]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

PASSPHRASE = "screenshot passphrase"


def main(out: Path) -> None:
    home = tempfile.mkdtemp(prefix="pain-diary-shots-")
    os.environ.update(
        {
            "KIVY_NO_ARGS": "1",
            "KIVY_NO_CONSOLELOG": "1",
            "KIVY_NO_FILELOG": "1",
            "KIVY_HOME": home,
            "MPLBACKEND": "Agg",
            "PAIN_DIARY_CONFIG_DIR": home,
            "PAIN_DIARY_DB": str(Path(home) / "diary.sqlite3"),
        }
    )
    from kivy.config import Config

    Config.set("graphics", "width", "420")
    Config.set("graphics", "height", "820")

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
