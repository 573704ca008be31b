"""Child process for the GUI benchmarks: start an app, report times and memory as JSON.

`python -m benchmarks.gui_probe diary|minimal DB [--switch TAB]` prints one JSON
line when the first frame is drawn, one when the first frame with Today's form
built and filled is drawn (the diary app), one when the window is *ready*, and,
with --switch, one when the first frame after switching to TAB is drawn, then
quits. The parent times from spawn to the first line, so interpreter start-up
counts for both app and floor alike.

Ready: the last frame whose pixels differ from the frame before, once a frame
showing Today's form built and filled has been drawn (the diary app), and
nothing has changed on screen for `STABLE_S` since, with the main loop
answering all along: a tick later than `STALL_S` (the app busy, e.g. building
something in one go) counts as a change at its end. Every frame is read back
(glReadPixels) and hashed, in the one-label app as in ours, so both pay the
same per frame for being watched.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import zlib
from pathlib import Path

#: The screen must stay unchanged this long (seconds) for its last change to count as ready.
STABLE_S = 1.0
#: A gap this long (seconds) between the probe's checks, 20 a second, means the
#: app was busy: it was not yet a still, usable screen.
STALL_S = 0.25
#: With this environment variable naming a folder, every changed frame is saved
#: there as a PNG named by its time (ms) since the probe was imported, to see what
#: changes on screen until ready; it slows the frames it saves, so not for timing.
TRACE_ENV = "PAIN_DIARY_PROBE_TRACE"
_PROBE_START = time.time()  # the interpreter itself started some 30 ms earlier


def _rss_mb() -> float:
    """This process's peak resident memory (MB) so far.

    Linux's `ru_maxrss` survives `exec`: a child spawned by a parent holding
    300 MB reports at least 300 MB (vfork shares the parent's memory until the
    exec), which made app and floor read alike whenever the benchmark's own
    process was the larger. `VmHWM` is the peak of this program's memory alone.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _count_widgets(root) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for _ in root.walk(restrict=True))


def _save_frame(folder: Path, pixels: bytes, size: tuple[int, int]) -> None:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    ms = (time.time() - _PROBE_START) * 1000
    image = Image.frombytes("RGB", size, pixels).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image.save(folder / f"{ms:06.0f}.png")


def main() -> None:
    kind, db = sys.argv[1], sys.argv[2]
    switch = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--switch" else None
    if kind == "diary":
        from app.diary import Diary
        from app.ui.app import PainDiaryApp  # configures Kivy before importing it

        diary = Diary.open(db)
        app = PainDiaryApp(diary)
    else:
        from app.ui.boot import configure_kivy

        configure_kivy()
        from kivymd.app import MDApp
        from kivymd.uix.label import MDLabel

        class Minimal(MDApp):
            def build(self):  # type: ignore[no-untyped-def]
                return MDLabel(text="Hello", halign="center")

        app = Minimal()
    from kivy.clock import Clock
    from kivy.core.window import Window

    state = {
        "frames": 0,
        "switched_at": None,
        "form_seen": False,
        "last_hash": None,
        "last_change": None,
        "changes": 0,
        "ready": False,
        "last_check": None,
        "last_stall": None,
    }

    def report(**fields: object) -> None:
        # Wall-clock time too: the parent times later events from its spawn.
        print(json.dumps({**fields, "rss_mb": _rss_mb(), "wall": time.time()}), flush=True)

    def watch_pixels() -> None:
        # Before the swap the back buffer holds the frame just drawn.
        from kivy.graphics.opengl import GL_RGB, GL_UNSIGNED_BYTE, glReadPixels

        width, height = Window.size
        pixels = glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE)
        digest = zlib.crc32(pixels)
        if digest != state["last_hash"]:
            state["last_hash"] = digest
            state["last_change"] = time.time()
            state["changes"] += 1
            if os.environ.get(TRACE_ENV):
                _save_frame(Path(os.environ[TRACE_ENV]), pixels, (width, height))

    def check_ready(_dt: float) -> bool:
        if state["ready"]:
            return False
        now = time.time()
        # A tick this late means the app was busy, not showing a still screen:
        # the quiet second starts again when it is responsive.
        if state["last_check"] is not None and now - state["last_check"] > STALL_S:
            state["last_stall"] = now
        state["last_check"] = now
        # The diary app: a frame showing Today's form built and filled was drawn
        # (and hashed), not merely built in a tick that has not drawn yet.
        usable = kind != "diary" or state["form_seen"]
        last = max(state["last_change"] or 0.0, state["last_stall"] or 0.0)
        if usable and last and now - last >= STABLE_S:
            state["ready"] = True
            report(event="ready", ready_wall=last, changes=state["changes"])
            return False
        return True

    def on_flip(*_args: object) -> None:
        state["frames"] += 1
        if not switch and not state["ready"]:
            watch_pixels()
        if kind == "diary" and not state["form_seen"] and app.screen("today").form_ready:
            state["form_seen"] = True
            report(event="form_ready")  # the first frame with Today's form built and filled
        if state["frames"] == 1:
            report(event="first_frame")
            if switch:
                # Let the first screen settle, then time the tab switch to its first frame.
                Clock.schedule_once(lambda _dt: _switch(), 0.5)
            else:
                Clock.schedule_interval(check_ready, 0.05)
                Clock.schedule_once(lambda _dt: _settle(), 2.0)
        elif state["switched_at"] is not None:
            elapsed = (time.perf_counter() - state["switched_at"]) * 1000
            state["switched_at"] = None
            Clock.schedule_once(lambda _dt: _after_switch(elapsed), 1.0)

    def _switch() -> None:
        state["switched_at"] = time.perf_counter()
        app.switch_to(switch)

    def _after_switch(elapsed: float) -> None:
        report(event="switched", ms=elapsed, widgets=_count_widgets(app.root))
        app.stop()

    def _settle() -> None:
        # Memory: 2 s on, ready, and (the diary app) every card of Today's form built,
        # the ones below the fold too: they follow the form's first frame.
        complete = kind != "diary" or app.screen("today").form_complete
        if state["ready"] and not complete:
            # They join the form at the first input; the pointer moving in is one.
            Window.mouse_pos = (Window.width / 2, Window.height / 2)
        if not (state["ready"] and complete):
            Clock.schedule_once(lambda _dt: _settle(), 0.25)
            return
        report(event="settled", widgets=_count_widgets(app.root))
        app.stop()

    Window.bind(on_flip=on_flip)
    app.run()


if __name__ == "__main__":
    main()
