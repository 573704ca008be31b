"""Start-up (issue 13, "ready sooner"): the form's first frame is whole, nothing repaints after it.

Each test names what used to change the screen after the form was there (see
docs/performance.md): the dimmed first frame, a row or the slider's points
drawn one frame late, the scroll bar flashing when the form grew under it, and
the garbage collector's passes over the form while it was being built.
"""

from __future__ import annotations

import gc

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui


def _one_frame_after(make) -> object:
    """Call `make()` inside a clock tick, as the form is built, then draw exactly one frame."""
    from kivy.base import EventLoop
    from kivy.clock import Clock

    made = []
    Clock.schedule_once(lambda _dt: made.append(make()), 0)
    EventLoop.idle()  # the tick that runs make(), then that tick's frame
    return made[0]


def test_rows_steppers_and_slider_points_are_in_the_frame_they_are_built_for(run_app, tmp_path):
    from kivy.core.window import Window
    from kivy.graphics import Ellipse
    from kivymd.uix.slider import MDSliderHandle

    from app.ui.widgets.score_row import ScoreRow
    from app.ui.widgets.segments import QuietSlider
    from app.ui.widgets.stepper import DurationStepper
    from tests.ui import harness as h

    run_app(Diary.open(tmp_path / "d.sqlite3"))

    def make():
        row, stepper = ScoreRow(), DurationStepper(label="Sitting", presets=[120, 240])
        slider = QuietSlider(min=0, max=10, step=1, size_hint=(None, None), size=(300, 48))
        slider.add_widget(MDSliderHandle())
        for widget in (row, stepper, slider):
            Window.add_widget(widget)
        return row, stepper, slider

    row, stepper, slider = _one_frame_after(make)
    try:
        # One widget drawing its eleven circles (and their numbers) in this very frame.
        assert not row.children
        assert sum(isinstance(i, Ellipse) for i in row.canvas.children) == 11
        assert stepper.preset(120) is not None and len(stepper.ids.buttons.children) == 4
        assert len(slider._active_points) + len(slider._inactive_points) == 2 * 11
    finally:
        for widget in (row, stepper, slider):
            Window.remove_widget(widget)
        h.pump(frames=1)


def test_backgrounds_take_their_colour_at_once(run_app, tmp_path):
    from kivymd.uix.boxlayout import MDBoxLayout

    app = run_app(Diary.open(tmp_path / "d.sqlite3"))
    box = MDBoxLayout(md_bg_color=app.theme_cls.surfaceContainerColor)
    # KivyMD's theme-switch animation faded it in from transparent (the dimmed first frame).
    assert list(box._md_bg_color) == list(app.theme_cls.surfaceContainerColor)


def test_the_scroll_bar_stays_faint_when_the_form_grows_and_lights_when_it_scrolls(
    run_app, tmp_path
):
    from tests.ui import harness as h

    app = run_app(Diary.open(tmp_path / "d.sqlite3"))
    scroll = app.screen("today").ids.scroll
    h.pump(1.2)  # any fade from the start is over
    assert list(scroll._bar_color) == list(scroll.bar_inactive_color)

    app.screen("today").ids.content.height += 400  # a card opened, a row added
    h.pump(frames=2)
    assert list(scroll._bar_color) == list(scroll.bar_inactive_color)

    scroll.scroll_y = 0.5
    h.pump(frames=2)
    assert list(scroll._bar_color) == list(scroll.bar_color)


def test_the_collector_is_back_after_the_form_is_drawn_and_lets_go_at_stop(tmp_path):
    from tests.ui.harness import start_app, stop_app

    diary = Diary.open(tmp_path / "d.sqlite3")
    assert gc.isenabled()
    app = start_app(diary)
    try:
        assert app.screen("today").form_ready
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # the form's objects, skipped by later passes
    finally:
        stop_app(app)
        diary.close()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


# -- the cards below the fold come after the form's first frame ---------------------------


def _mount_until_form_frame(diary, size=(420, 820)):
    """Start the app as `harness.start_app` does, but stop at the first frame showing the form."""
    from kivy.app import App
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from app.ui.app import PainDiaryApp

    app = PainDiaryApp(diary)
    EventLoop.ensure_window()
    Window.size = size
    App._running_app = app
    app.theme_cls.bind(
        theme_style=app.theme_cls.update_theme_colors,
        primary_palette=app.theme_cls.set_colors,
    )
    app.theme_cls.set_colors()
    app.root = app.build()
    Window.add_widget(app.root)
    app.dispatch("on_start")
    today = app.screen("today")
    for _ in range(50):
        EventLoop.idle()
        if today.form_ready:
            return app
    raise AssertionError("the form was not built in 50 frames")


def _a_full_day(tmp_path) -> Diary:
    import datetime as dt

    diary = Diary.open(tmp_path / "d.sqlite3")
    diary.save_day(
        {
            "date": dt.date.today(),
            "pain": 6,
            "sitting_minutes": 420,
            "note": "moved boxes",
            "red_flags": ["saddle_numbness"],
            "exercises": [{"name": "walking", "minutes": 20}],
            "symptoms": ["shooting"],
        }
    )
    return diary


def test_the_cards_below_the_fold_follow_the_first_frame_filled_in(tmp_path):
    from tests.ui.harness import move_pointer, pump, stop_app, wait_until

    diary = _a_full_day(tmp_path)
    app = _mount_until_form_frame(diary)
    today = app.screen("today")
    try:
        # Drawn: the two cards at the top, filled; the rest not built yet, nor the
        # symptom chips under the body map (below the fold too).
        assert today.ids.pain_slider.value == 6
        assert not today.form_complete and "note" not in today.ids
        assert today.ids.symptoms.chips() == []
        # Built on the ticks after, off the window; no frame is drawn for them...
        assert wait_until(lambda: not today._later_cards, 10.0)
        pump(frames=3)
        assert not today.form_complete and today.ids.note.get_root_window() is None
        # ...until the first input: the pointer moving over the window puts them in.
        move_pointer()
        assert today.form_complete and today.ids.note.get_root_window() is not None
        # Filled in from the form when they arrive.
        assert today.ids.symptoms.selected() == ["shooting"]
        assert len(today.ids.symptoms.chips()) == 10
        assert today.ids.sitting.value == 420
        assert today.ids.note.text == "moved boxes"
        assert [r.code for r in today._flag_rows() if r.active] == ["saddle_numbness"]
        assert [r.name for r in today.ids.exercise_list.children] == ["walking"]
        assert not today.form.dirty  # showing the day is not an edit
        today.ids.sitting.value = 480  # and wired to the form
        assert today.form["sitting_minutes"] == 480
        today.ids.symptoms.chips()[0].active = True
        assert today.form["symptoms"] == ["aching", "shooting"]
        pump(frames=2)
    finally:
        stop_app(app)
        diary.close()


def test_a_key_or_a_wheel_before_the_rest_is_built_finds_every_card(tmp_path):
    from kivy.core.window import Window
    from kivy.metrics import dp

    from tests.ui.harness import pump, stop_app

    diary = _a_full_day(tmp_path)
    app = _mount_until_form_frame(diary)
    today = app.screen("today")
    try:
        assert not today.form_complete
        Window.dispatch("on_key_down", 9, 43, None, [])  # Tab
        assert today.form_complete and today.ids.note.text == "moved boxes"
        assert today.ids.symptoms.selected() == ["shooting"]
        pump(frames=3)
    finally:
        stop_app(app)
        diary.close()

    diary = _a_full_day(tmp_path / "again")
    app = _mount_until_form_frame(diary)
    today = app.screen("today")
    try:
        assert not today.form_complete
        scroll = today.ids.scroll
        from kivy.tests.common import UnitTestTouch

        x, y = scroll.to_window(*scroll.center)
        wheel = UnitTestTouch(x, y)
        wheel.profile.append("button")
        wheel.button = "scrollup"  # Kivy names the wheel the other way round
        wheel.touch_down()
        wheel.touch_up()
        pump(frames=4)
        assert today.form_complete
        # One notch scrolled one notch (100 dp) of the whole form, not of the half built.
        content = today.ids.content
        offset = (1 - scroll.scroll_y) * (content.height - scroll.height)
        assert abs(offset - dp(100)) < 2, offset
    finally:
        stop_app(app)
        diary.close()


def test_a_wide_window_builds_every_card_for_the_first_frame(tmp_path):
    from tests.ui.harness import pump, stop_app

    diary = _a_full_day(tmp_path)
    app = _mount_until_form_frame(diary, size=(1280, 800))
    try:
        today = app.screen("today")
        assert today.form_complete  # the right column is on screen
        assert today.ids.note.text == "moved boxes"
        assert today.ids.symptoms.selected() == ["shooting"]
        pump(frames=3)
    finally:
        stop_app(app)
        diary.close()


# -- what the start loads -------------------------------------------------------------------

_START_AND_LIST_MODULES = """
import sys
from app.diary import Diary
from app.ui.app import PainDiaryApp
from kivy.clock import Clock
from kivy.core.window import Window

app = PainDiaryApp(Diary.open(sys.argv[1]))
HEAVY = ("pydantic", "sqlalchemy", "sqlmodel", "alembic", "matplotlib", "fpdf", "scipy")


def look(_dt):
    today = app.screen("today")
    if not today.form_complete:
        if today.form_ready:  # the pointer moves in: the cards below the fold join
            Window.mouse_pos = (Window.mouse_pos[0] + 1, 10)
        return True
    print(len(today.ids.checkin_list.rows()), today.derived_figure)
    print(sorted(m for m in HEAVY if m in sys.modules))
    app.stop()
    return False


Clock.schedule_interval(look, 0.1)
app.run()
"""


@pytest.mark.parametrize("checkins_today", [False, True], ids=["today-unlogged", "checkins-today"])
def test_start_up_until_the_form_is_complete_loads_no_model_or_chart_library(
    tmp_path, checkins_today
):
    """Pydantic alone cost 0.2-0.35 s and 6-12 MB when the check-in list imported the model.

    Also with check-ins today, listed on the first frame with the pain derived from them.
    """
    import datetime as dt
    import os
    import subprocess
    import sys

    diary = Diary.open(tmp_path / "d.sqlite3")
    # A past day with a check-in, today not logged (as the benchmark's diary).
    yesterday = dt.date.today() - dt.timedelta(days=1)
    diary.save_day({"date": yesterday, "pain": 4, "sitting_minutes": 300})
    diary.save_checkin({"date": yesterday, "time": "09:30", "pain": 5})
    if checkins_today:
        diary.save_checkin({"date": dt.date.today(), "time": "00:00", "pain": 6})
        diary.save_checkin(
            {"date": dt.date.today(), "time": "00:01", "pain": 3, "locations": ["calf:left"]}
        )
    diary.close()
    env = {**os.environ, "PAIN_DIARY_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-c", _START_AND_LIST_MODULES, str(tmp_path / "d.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    *_, shown, loaded = result.stdout.strip().splitlines()
    # Today's list and derived pain are on the first frame: (6 + 3) / 2.
    assert shown == ("2 4.5" if checkins_today else "0 –")
    assert loaded == "[]"
