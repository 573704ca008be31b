"""Child process for the GUI benchmarks: start an app, report times and memory as JSON.

`python -m benchmarks.gui_probe diary|minimal DB [--switch TAB]` prints one JSON
line when the first frame is drawn, one when the first frame with Today's form
built and filled is drawn (the diary app), and, with --switch, one when the
first frame after switching to TAB is drawn, then quits. The parent times from spawn to
the first line, so interpreter start-up counts for both app and floor alike.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _count_widgets(root) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for _ in root.walk(restrict=True))


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

    state = {"frames": 0, "switched_at": None, "form_seen": False}

    def report(**fields: object) -> None:
        # Wall-clock time too: the parent times later events from its spawn.
        print(json.dumps({**fields, "rss_mb": _rss_mb(), "wall": time.time()}), flush=True)

    def on_flip(*_args: object) -> None:
        state["frames"] += 1
        if kind == "diary" and not state["form_seen"] and app.screen("today").form_ready:
            state["form_seen"] = True
            report(event="form_ready")  # the first frame with Today's form built and filled
        if state["frames"] == 1:
            report(event="first_frame")
            if switch:
                # Let the first screen settle, then time the tab switch to its first frame.
                Clock.schedule_once(lambda _dt: _switch(), 0.5)
            else:
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
        report(event="settled", widgets=_count_widgets(app.root))
        app.stop()

    Window.bind(on_flip=on_flip)
    app.run()


if __name__ == "__main__":
    main()
