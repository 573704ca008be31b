"""KivyMD framebuffers on demand: ripples on first touch, shadows only when raised."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


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

    def has_shadow(widget) -> bool:
        return any(isinstance(i, BoxShadow) for i in widget.canvas.before.children)

    flat = MDButton(MDButtonText(text="Flat"), style="filled")
    raised = MDButton(MDButtonText(text="Raised"), style="elevated")
    assert flat.elevation_level == 0 and not has_shadow(flat)
    assert raised.elevation_level == 1 and has_shadow(raised)
    flat.elevation_level = 2
    assert has_shadow(flat), "raising a flat widget brings its shadow back"
    flat.elevation_level = 0
    assert not has_shadow(flat)


def test_the_first_frame_shows_today_before_the_form_is_built(diary_path):
    """Spawn the app: the first frame has Today's header; the form follows by itself."""
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
    assert not first_ready and first_title.startswith("Today"), seen[0]
    assert seen[-1][0], "the form was built after the first frame without any input"
