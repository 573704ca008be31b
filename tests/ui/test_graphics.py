"""KivyMD framebuffers on demand: ripples on first touch, shadows only when raised."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.gui

#: Run in a fresh process (this one's KivyMD is patched by the app tests): what
#: `mode` leaves patched, what lighten_kivymd_layers() returned, and graphics.py's log lines.
_PROBE = textwrap.dedent(
    """
    import json, logging, sys
    from app.ui.boot import configure_kivy

    configure_kivy()
    from kivy.factory import Factory
    from kivy.logger import Logger
    import kivymd
    from kivymd.uix.behaviors.backgroundcolor_behavior import BackgroundColorBehavior
    from kivymd.uix.behaviors.elevation import CommonElevationBehavior
    from kivymd.uix.behaviors.ripple_behavior import M3CommonRipple

    sys.stderr = sys.__stderr__  # Kivy sends stderr to its (silenced) log: keep tracebacks
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.pathname.endswith("graphics.py"):
                lines.append(record.getMessage())

    Logger.addHandler(Collect())

    def patched():
        parts = {
            "init_fbos": M3CommonRipple.init_fbos,
            "ripple": M3CommonRipple._call_ripple_animation_methods,
            "elevation": CommonElevationBehavior.__dict__.get("on_kv_post"),
            "background": BackgroundColorBehavior.__dict__.get("on_kv_post"),
            "BoxShadow": Factory.get("BoxShadow"),
        }
        ours = "app.ui.graphics"
        return sorted(k for k, v in parts.items() if getattr(v, "__module__", "") == ours)

    mode = sys.argv[1]
    import app.ui.graphics as graphics

    returned = None
    if mode == "other":
        kivymd.__version__ = "2.1.0"
    if mode != "import":
        returned = graphics.lighten_kivymd_layers()
        graphics.lighten_kivymd_layers()  # a second call changes nothing more
    print(json.dumps({"patched": patched(), "returned": returned, "lines": lines}))
    """
)
PATCHED = ["BoxShadow", "background", "elevation", "init_fbos", "ripple"]


def _probe(mode: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_graphics_patches_nothing():
    seen = _probe("import")
    assert seen["patched"] == [] and seen["lines"] == []


def test_lightening_kivymd_2_0_0_patches_ripples_shadows_and_layers():
    seen = _probe("2.0.0")
    assert seen["returned"] is True
    assert seen["patched"] == PATCHED
    assert seen["lines"] == []


def test_another_kivymd_version_is_left_untouched_with_one_log_line():
    seen = _probe("other")
    assert seen["returned"] is False
    assert seen["patched"] == []
    assert len(seen["lines"]) == 2  # one per call: the app calls it once
    assert "2.1.0" in seen["lines"][0] and "2.0.0" in seen["lines"][0]


def _count(group, kind) -> int:
    """Instructions of `kind` that `group` would draw (nested groups included)."""
    if group is None:
        return 0
    return sum(_count(i, kind) if hasattr(i, "children") else 0 for i in group.children) + sum(
        isinstance(i, kind) for i in group.children
    )


def test_a_ripple_gets_its_framebuffer_on_the_first_touch(run_app, diary_path):
    from app.diary import Diary
    from tests.ui.harness import pump, tap

    app = run_app(Diary.open(diary_path))
    button = app.screen("today").ids.same_button
    assert button.fbo is None, "no framebuffer before anyone touched the button"
    tap(button)
    pump(0.3)
    assert button.fbo is not None
    assert button.fbo.size[0] >= 1 and button.fbo.size[1] >= 1


def test_a_shadow_is_drawn_only_while_the_widget_is_raised(run_app, diary_path):
    from kivy.graphics.boxshadow import BoxShadow
    from kivymd.uix.button import MDButton, MDButtonText

    from app.diary import Diary

    run_app(Diary.open(diary_path))

    from app.ui.graphics import LazyShadow

    def has_shadow(widget) -> bool:
        return any(
            isinstance(i, LazyShadow) and isinstance(i.shadow, BoxShadow)
            for i in widget.canvas.before.children
        )

    flat = MDButton(MDButtonText(text="Flat"), style="filled")
    raised = MDButton(MDButtonText(text="Raised"), style="elevated")
    assert flat.elevation_level == 0 and not has_shadow(flat)
    assert _count(flat.canvas.before, BoxShadow) == 0, "no framebuffer for a shadow never shown"
    assert raised.elevation_level == 1 and has_shadow(raised)
    flat.elevation_level = 2
    assert has_shadow(flat), "raising a flat widget brings its shadow back"
    flat.elevation_level = 0
    assert not has_shadow(flat)


def test_invisible_backgrounds_and_state_layers_are_not_drawn(run_app, diary_path):
    from kivy.graphics import RoundedRectangle, SmoothLine
    from kivymd.uix.boxlayout import MDBoxLayout
    from kivymd.uix.label import MDLabel

    from app.diary import Diary
    from tests.ui.harness import pump

    run_app(Diary.open(diary_path))

    drawn = _count

    box = MDBoxLayout()
    assert drawn(box.canvas, RoundedRectangle) == 0 and drawn(box.canvas, SmoothLine) == 0
    box.md_bg_color = (1, 0, 0, 1)
    pump(0.5)  # KivyMD fades background colours in
    assert drawn(box.canvas, RoundedRectangle) == 1, "a coloured background is drawn"
    box.md_bg_color = (1, 0, 0, 0)
    pump(0.5)
    assert drawn(box.canvas, RoundedRectangle) == 0
    box.line_color = (0, 0, 1, 1)
    assert drawn(box.canvas, SmoothLine) == 1, "an outline is drawn when it has a colour"

    label = MDLabel(text="x")
    assert drawn(label.canvas.after, RoundedRectangle) == 0
    label.state_layer_color = (0, 0, 0, 0.08)  # hovered
    assert drawn(label.canvas.after, RoundedRectangle) == 1
    label.state_layer_color = (0, 0, 0, 0)
    assert drawn(label.canvas.after, RoundedRectangle) == 0


def test_the_first_frame_shows_today_with_its_form(diary_path):
    """Spawn the app: the first frame has Today's header and its form, built and filled.

    (It was a skeleton, "Opening your diary…", with the form a frame later: a
    whole extra layout and draw of the window before the form could appear.)
    """
    import json
    import os
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        f"""
        import json
        from kivy.clock import Clock
        from app.diary import Diary
        from app.ui.app import PainDiaryApp
        from kivy.core.window import Window

        app = PainDiaryApp(Diary.open({str(diary_path)!r}))
        seen = []

        def flip(*_):
            today = app.screen("today")
            seen.append([today.form_ready, today.date_title])
            if len(seen) == 1:
                Clock.schedule_once(lambda _dt: app.stop(), 1.5)

        Window.bind(on_flip=flip)
        app.run()
        print(json.dumps(seen))
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    first_ready, first_title = seen[0]
    assert first_ready and first_title.startswith("Today"), seen[0]
