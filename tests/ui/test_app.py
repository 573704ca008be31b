"""The real app, headless: log, edit, delete and undo, red flags, every screen renders."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.diary import Diary
from app.domain import vocab

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def _harness():
    from tests.ui import harness

    return harness


def _tab(app, name: str) -> None:
    """Click the navigation bar item of a tab."""
    h = _harness()
    item = next(i for i in app.root.ids.navbar.children if getattr(i, "screen", "") == name)
    h.tap(item)
    assert app.root.ids.screens.current == name


def _slide_to(slider, value: int) -> None:
    h = _harness()
    h.scroll_into_view(slider)
    h.pump(0.2)
    fraction = (value - slider.min) / (slider.max - slider.min)
    x = slider.x + slider.padding + (slider.width - 2 * slider.padding) * fraction
    h.tap(slider, pos=slider.to_window(x, slider.center_y), wait=0.5)
    # MDSlider animates its value towards the click: give it real time (a busy machine
    # renders few frames per second).
    for _ in range(40):
        if round(slider.value) == value:
            break
        h.pump(0.1)


def _not_blank(path: Path) -> None:
    from PIL import Image, ImageStat

    image = Image.open(path).convert("RGB")
    assert image.size[0] >= 400 and image.size[1] >= 800
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 50, f"{path.name} has only {len(colours)} colours"
    assert max(ImageStat.Stat(image).stddev) > 20, f"{path.name} is nearly uniform"


def test_log_a_day_with_the_mouse(run_app, diary_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    ids = today.ids
    assert ids.welcome.shown, "an empty diary greets the user"

    _slide_to(ids.pain_slider, 7)
    assert today.pain == 7

    body = ids.body_map
    h.scroll_into_view(body)
    h.tap(body, pos=body.point_of("calf", "left"))
    h.tap(body, pos=body.point_of("thigh_front", "right"))
    assert "Calf (left)" in ids.body_words.text
    assert "Front of thigh (right)" in ids.body_words.text

    chip = next(c for c in ids.symptoms.chips() if c.code == "burning")
    h.scroll_into_view(chip)
    h.tap(chip)
    assert chip.active

    h.scroll_into_view(ids.sitting)
    h.tap(ids.sitting.button(60))
    h.tap(ids.sitting.button(60))
    h.tap(ids.sitting.button(15))
    assert ids.sitting.value == 135

    h.scroll_into_view(ids.exertion)
    h.tap(ids.exertion.item("moderate"), wait=0.5)
    h.tap(ids.exertion.item("heavy"), wait=0.5)
    assert ids.exertion.value == "heavy"
    h.scroll_into_view(ids.posture)
    h.tap(ids.posture.item("poor"), wait=0.5)
    h.tap(ids.posture.item("poor"), wait=0.5)  # a second click clears the choice
    assert ids.posture.value is None

    h.tap(ids.save_button)
    saved = app.diary.get_day(TODAY)
    assert saved is not None, (today.problems_text, today.status_text)
    assert saved.pain == 7
    assert [(loc.region, loc.side) for loc in saved.locations] == [
        ("thigh_front", "right"),
        ("calf", "left"),
    ]
    assert saved.symptoms == ["burning"]
    assert saved.sitting_minutes == 135
    assert saved.exertion == "heavy" and saved.posture is None
    assert saved.worst_pain is None and saved.exercises == [] and saved.red_flags == []
    assert not ids.welcome.shown
    assert today.status_text.startswith("Saved at")


def test_refusal_names_the_field(run_app, diary_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    ids = app.screen("today").ids
    _slide_to(ids.pain_slider, 6)
    h.scroll_into_view(ids.worst_pain)
    h.tap(ids.worst_pain, pos=ids.worst_pain.number_pos(3))
    h.tap(ids.save_button)
    assert app.diary.get_day(TODAY) is None
    text = app.screen("today").problems_text
    assert "Worst pain (3) must be at least the average pain (6)" in text


def test_edit_from_history_then_delete_and_undo(run_app, diary_path):
    h = _harness()
    diary = Diary.open(diary_path)
    for back, pain in ((1, 4), (2, 5), (3, 3)):
        diary.save_day({"date": TODAY - dt.timedelta(days=back), "pain": pain, "flare": pain > 4})
    app = run_app(diary)
    _tab(app, "history")
    history = app.screen("history")
    h.pump(0.3)
    target = TODAY - dt.timedelta(days=2)
    rows = history.ids.list.children[0].children
    row = next(r for r in rows if r.date == target)
    assert row.pain == 5

    h.tap(row)
    today = app.screen("today")
    assert app.root.ids.screens.current == "today"
    assert today.current_date == target and today.pain == 5
    h.scroll_into_view(today.ids.worst_pain)
    h.tap(today.ids.worst_pain, pos=today.ids.worst_pain.number_pos(8))
    h.tap(today.ids.save_button)
    assert app.diary.get_day(target).worst_pain == 8

    _tab(app, "history")
    rows = history.ids.list.children[0].children
    row = next(r for r in rows if r.date == target)
    delete_button = row.children[0]
    h.tap(delete_button)
    assert app.diary.get_day(target) is None
    assert all(r.date != target for r in history.ids.list.children[0].children if r.headline)

    bar = app.last_snackbar
    h.pump(0.8)  # the snackbar slides in before it can be clicked
    from kivymd.uix.snackbar import MDSnackbarActionButton

    undo = next(w for w in bar.walk() if isinstance(w, MDSnackbarActionButton))
    h.tap(undo)
    restored = app.diary.get_day(target)
    assert restored is not None and restored.pain == 5 and restored.worst_pain == 8
    assert any(r.date == target for r in history.ids.list.children[0].children)


def test_red_flag_opens_the_warning_and_is_kept(run_app, diary_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    row = next(r for r in today.ids.red_flags.children if r.code == "bladder")
    h.scroll_into_view(row)
    h.tap(row.ids.box)
    dialog = today.red_flag_dialog
    assert dialog is not None and dialog.parent is not None, "the warning opens at once"
    texts = " ".join(getattr(w, "text", "") for w in dialog.walk())
    assert vocab.RED_FLAG_WARNING in texts
    from kivymd.uix.button import MDButton

    ok = next(w for w in dialog.walk() if isinstance(w, MDButton))
    h.tap(ok, wait=0.6)
    assert h.wait_until(lambda: dialog.parent is None), "OK closes the warning"
    assert row.active

    h.tap(today.ids.save_button)
    assert app.diary.get_day(TODAY).red_flags == ["bladder"]


def test_same_as_yesterday_and_tabs_keep_the_form(run_app, diary_path):
    from kivy.core.window import Window

    h = _harness()
    diary = Diary.open(diary_path)
    diary.save_day(
        {
            "date": TODAY - dt.timedelta(days=1),
            "pain": 6,
            "locations": [{"region": "lower_back", "side": "centre"}],
            "symptoms": ["aching", "stiffness"],
            "sitting_minutes": 420,
            "exercises": [{"name": "walking", "minutes": 20}],
            "note": "yesterday's note",
        }
    )
    app = run_app(diary)
    today = app.screen("today")
    ids = today.ids
    h.type_into(ids.note, "typed today")

    h.tap(ids.same_button)
    form = today.collect()
    assert form["pain"] == 6
    assert form["locations"] == [{"region": "lower_back", "side": "centre"}]
    assert form["symptoms"] == ["aching", "stiffness"]
    assert form["sitting_minutes"] == 420
    assert form["exercises"] == [{"name": "walking", "minutes": 20}]
    assert form["note"] == "typed today", "what was typed today is not replaced"

    for name in ("history", "trends", "report", "settings", "today"):
        _tab(app, name)
    assert today.collect() == form

    # Looking at another day keeps this day's unsaved form as a draft.
    h.tap(ids.prev_day)
    assert today.current_date == TODAY - dt.timedelta(days=1)
    assert ids.note.text == "yesterday's note"
    h.tap(ids.next_day)
    assert today.current_date == TODAY and today.collect() == form
    assert today.status_text == "Unsaved changes"

    # Ctrl+2 switches tab, Ctrl+1 comes back, Ctrl+S saves.
    Window.dispatch("on_key_down", 50, 0, "2", ["ctrl"])
    h.pump(0.2)
    assert app.root.ids.screens.current == "history"
    Window.dispatch("on_key_down", 49, 0, "1", ["ctrl"])
    h.pump(0.2)
    assert today.collect() == form
    Window.dispatch("on_key_down", 115, 0, "s", ["ctrl"])
    h.pump(0.3)
    saved = app.diary.get_day(TODAY)
    assert saved is not None and saved.pain == 6 and saved.note == "typed today"


def test_every_screen_renders_a_120_day_diary(run_app, tmp_path):
    h = _harness()
    app = run_app(Diary.create_demo(tmp_path / "demo.sqlite3", 120))
    h.pump(2.0)
    for name in ("today", "history", "trends", "report", "settings"):
        _tab(app, name)
        h.pump(2.0)
        if name == "trends":
            chart = app.screen("trends").ids.chart
            for _ in range(60):  # the chart renders off the main thread
                if chart.has_picture and not chart.busy:
                    break
                h.pump(0.25)
            assert chart.has_picture, chart.error
        shot = h.screenshot(tmp_path / f"{name}.png")
        _not_blank(shot)
    calendar = app.screen("history").ids.calendar
    assert calendar.days, "the calendar is coloured from the diary"

    findings = app.screen("trends").ids.findings
    texts = [getattr(w, "text", "") for w in findings.children]
    assert any("you had a flare-up" in t for t in texts), texts

    # CSV export through the Report screen's button.
    _tab(app, "report")
    report = app.screen("report")
    h.type_into(report.ids.folder, str(tmp_path))
    h.scroll_into_view(report.ids.csv_button)
    h.tap(report.ids.csv_button)
    _wait_until_exported(report)
    written = Path(report.result_path)
    assert written.parent == tmp_path and written.suffix == ".csv"
    # Every day of the report's period (90 days), as the CSV format carries it, read back.
    from tests.exports.test_round_trips import _without_csv_gaps

    assert (report.start, report.end) == (TODAY - dt.timedelta(days=89), TODAY)
    in_period = app.diary.days(report.start, report.end)
    assert len(in_period) > 60 and len(in_period) < len(app.diary.days())
    with Diary.open(tmp_path / "read-back.sqlite3") as back:
        assert back.import_csv(written).ok
        assert back.days() == [_without_csv_gaps(day) for day in in_period]

    # And the doctor's PDF through its button, read back.
    from pypdf import PdfReader

    h.scroll_into_view(report.ids.pdf_button)  # the Saved card was brought into view
    h.tap(report.ids.pdf_button)
    _wait_until_exported(report)
    pdf = Path(report.result_path)
    assert pdf.suffix == ".pdf" and "pages" in report.result_text
    assert "Pain diary summary" in PdfReader(pdf).pages[0].extract_text()


def _wait_until_exported(report, seconds: float = 60) -> None:
    """Exports run on a worker thread: pump frames until the screen is no longer busy."""
    import time

    h = _harness()
    end = time.monotonic() + seconds
    while report.busy and time.monotonic() < end:
        h.pump(0.1)
    assert not report.busy


def test_wheel_scrolls_the_form_and_tab_moves_between_fields(run_app, diary_path):
    from kivy.tests.common import UnitTestTouch

    h = _harness()
    app = run_app(Diary.open(diary_path))
    ids = app.screen("today").ids
    slider = ids.pain_slider
    before = ids.scroll.scroll_y
    for _ in range(3):
        touch = UnitTestTouch(*slider.to_window(*slider.center))
        touch.profile.append("button")
        touch.button = "scrollup"  # Kivy names the wheel the other way round
        touch.touch_down()
        touch.touch_up()
        h.pump(0.1)
    assert app.screen("today").pain is None, "the wheel left the pain score alone"
    assert ids.scroll.scroll_y != before, "the wheel scrolled the form"

    # Tab moves from a text field to the next control instead of typing a tab.
    ids.own_exercise.focus = True
    h.pump(frames=2)
    ids.own_exercise.keyboard_on_key_down(None, (9, "tab"), "\t", [])
    h.pump(frames=2)
    assert not ids.own_exercise.focus and "\t" not in ids.own_exercise.text
    assert ids.exertion.focus


def test_app_start_up_does_not_load_matplotlib():
    code = "import sys, app.ui.app; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_importing_the_service_api_loads_no_kivy():
    code = textwrap.dedent(
        """
        import sys
        import app.diary, app.domain.body_map_shapes, app.resources, app.ui.boot
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("kivy", "kivymd"))
        print(loaded)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_settings_theme_name_and_another_diary(run_app, diary_path, tmp_path):
    from app.diary import SETTING_THEME, SETTING_USER_NAME

    h = _harness()
    app = run_app(Diary.open(diary_path))
    _tab(app, "settings")
    settings = app.screen("settings")
    h.tap(settings.ids.theme.item("dark"), wait=0.6)
    assert app.theme_cls.theme_style == "Dark"
    assert app.diary.setting(SETTING_THEME) == "dark"

    h.type_into(settings.ids.user_name, "Ada Lovelace", enter=True)
    assert app.diary.setting(SETTING_USER_NAME) == "Ada Lovelace"

    other = tmp_path / "other.sqlite3"
    h.type_into(settings.ids.other_path, str(other))
    h.tap(settings.ids.open_button)
    assert app.diary.path == other.absolute()
    assert settings.diary_path == str(other.absolute())
    assert app.theme_cls.theme_style == "Light", "the new diary has its own theme"
    assert app.screen("today").ids.welcome.shown, "a new, empty diary greets the user"


def test_first_run_opens_the_demo_diary(run_app, diary_path, tmp_path, monkeypatch):
    h = _harness()
    monkeypatch.setenv("PAIN_DIARY_DB", str(tmp_path / "mine" / "diary.sqlite3"))
    app = run_app(Diary.open(diary_path))
    welcome = app.screen("today").ids.welcome
    assert welcome.shown
    h.tap(welcome.ids.demo_button, wait=1.0)
    assert app.is_demo
    assert app.diary.path == (tmp_path / "mine" / "demo-diary.sqlite3").absolute()
    assert app.diary.count() > 100
    assert app.root.ids.screens.current == "trends"
    assert not app.screen("today").ids.welcome.shown
