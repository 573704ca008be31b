"""Start-up settings that must be in place before Kivy is imported.

Kivy reads its environment and `Config` when first imported, so `app.ui.app`
calls `configure_kivy()` before importing anything from Kivy or KivyMD (the
way KaTrain's `__main__` does). The window size is remembered in a small JSON
file in the user's config folder: it is a preference of this computer, not
part of the diary.
"""

from __future__ import annotations

import json
import os

from app.config import config_dir

#: Phone-shaped portrait window.
DEFAULT_SIZE = (420, 820)
MIN_SIZE = (360, 560)
_WINDOW_FILE = "window.json"


def load_window_size() -> tuple[int, int]:
    """The last window size, or the default when none (or nonsense) is stored."""
    try:
        data = json.loads((config_dir() / _WINDOW_FILE).read_text(encoding="utf-8"))
        width, height = int(data["width"]), int(data["height"])
    except (OSError, ValueError, KeyError, TypeError):
        return DEFAULT_SIZE
    if not (MIN_SIZE[0] <= width <= 10_000 and MIN_SIZE[1] <= height <= 10_000):
        return DEFAULT_SIZE
    return width, height


def save_window_size(size: tuple[int, int]) -> None:
    """Remember the window size; failure to write is not worth bothering the user."""
    folder = config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / _WINDOW_FILE).write_text(
            json.dumps({"width": int(size[0]), "height": int(size[1])}), encoding="utf-8"
        )
    except OSError:
        pass


def configure_kivy() -> None:
    """Set Kivy's environment and Config for this app. Call before importing Kivy."""
    # Our command line is argparse's, not Kivy's.
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    # Mesa's software rasteriser (llvmpipe: VMs, remote desktops, headless CI)
    # keeps a pool of scenes per render thread; with a form of a few hundred
    # widgets that pool grew by about 17 MB a frame to some 250 MB. Rasterising
    # on the calling thread keeps it flat, and a phone-sized window draws in a
    # few milliseconds either way. Only llvmpipe reads this; GPUs ignore it.
    os.environ.setdefault("LP_NUM_THREADS", "0")
    from kivy.config import Config

    width, height = load_window_size()
    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
    Config.set("graphics", "minimum_width", str(MIN_SIZE[0]))
    Config.set("graphics", "minimum_height", str(MIN_SIZE[1]))
    Config.set("graphics", "resizable", "1")
    # Right-click must not leave the red multitouch-emulation dots of a phone simulator.
    Config.set("input", "mouse", "mouse,multitouch_on_demand")
    # Escape closes dialogs and menus, never the whole diary.
    Config.set("kivy", "exit_on_escape", "0")
