"""What the screenshot scripts share: one process per window size.

The offscreen window is sized once, before it exists, so each size runs in a
process of its own: `python -m MODULE --one WIDTH HEIGHT FOLDER`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SIZES = ((420, 820), (1280, 800))


def run_per_size(
    module: str,
    one_size: Callable[[int, int, Path], None],
    argv: list[str],
    sizes: tuple[tuple[int, int], ...] = SIZES,
) -> int:
    """`module`'s main: with `--one W H DIR` take that size's shots, else every size in turn."""
    if len(argv) == 4 and argv[0] == "--one":
        one_size(int(argv[1]), int(argv[2]), Path(argv[3]))
        # Every PNG is written by now; at 1280x800 the offscreen GL teardown at
        # interpreter exit can abort (SIGABRT, no Python frame), so leave at once.
        sys.stdout.flush()
        os._exit(0)
    out = Path(argv[0] if argv else "docs/screenshots").absolute()
    out.mkdir(parents=True, exist_ok=True)
    for width, height in sizes:
        command = [sys.executable, "-m", module, "--one", str(width), str(height), str(out)]
        subprocess.run(command, check=True)
    print(f"screenshots in {out}")
    return 0


def headless(width: int, height: int) -> str:
    """A private headless run sized `width` x `height`: its own home, no logs, Agg; returns it.

    Call before anything imports Kivy's window (the size is read once).
    """
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

    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
    return home
