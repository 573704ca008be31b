"""The click paths of docs/click-path.md, with real clicks, keys and wheel notches, counted.

A typical sciatica day in at most 15 clicks and 10 wheel notches at 420x820; pain,
one region and Save in at most 5 clicks with no scrolling; typed times and presets.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui

TODAY = dt.date.today()
ENTER = 13


def _h():
    from tests.ui import harness

    return harness


class Path:
    """Clicks and wheel notches as a person at 420x820 would make them, counted."""

    def __init__(self, app):
        self.app = app
        self.today = app.screen("today")
        self.scroll = self.today.ids.scroll.__self__  # the widget, not its weak proxy
        self.clicks = 0
        self.notches = 0
        self.log: list[str] = []

    def visible(self, widget, pos=None) -> bool:
        """Whether the click target (the widget, or 24 dp around `pos`) is in view."""
        from kivy.metrics import dp

        parent = widget.parent
        while parent is not None and parent is not self.scroll and parent.parent is not parent:
            parent = parent.parent
        if parent is not self.scroll:
            return True  # header, save bar: always on screen
        _x, bottom = self.scroll.to_window(self.scroll.x, self.scroll.y)
        top = bottom + self.scroll.height
        if pos is not None:
            y = pos()[1]
            return bottom + dp(24) <= y <= top - dp(24)
        _wx, wy = widget.to_window(widget.x, widget.y)
        return wy >= bottom - 1 and wy + widget.height <= top + 1

    def wheel_to(self, widget, pos=None) -> None:
        """Wheel notches down the form until the click target is in view."""
        from kivy.tests.common import UnitTestTouch

        for _ in range(40):
            if self.visible(widget, pos):
                _h().pump(0.4)  # as a hand would: the form settles before the click
                return
            _sx, bottom = self.scroll.to_window(self.scroll.x, self.scroll.y)
            y = pos()[1] if pos is not None else widget.to_window(*widget.center)[1]
            down = y < bottom + self.scroll.height / 2
            if (down and self.scroll.scroll_y <= 0) or (not down and self.scroll.scroll_y >= 1):
                return
            # Over the form's left margin: the wheel goes to the scroll view.
            x, y = self.scroll.to_window(self.scroll.x + 6, self.scroll.center_y)
            touch = UnitTestTouch(x, y)
            touch.profile.append("button")
            # Kivy's names: "scrollup" moves down the form (the wheel turned towards you).
            touch.button = "scrollup" if down else "scrolldown"
            touch.touch_down()
            touch.touch_up()
            self.notches += 1
            _h().pump(0.05, frames=2)

    def click(self, widget, name: str, pos=None, wait: float = 0.4) -> None:
        self.wheel_to(widget, pos)
        if pos is not None:
            pos = pos()
        _h().tap(widget, pos=pos, wait=wait)
        self.clicks += 1
        self.log.append(name)

    def keys(self, text: str, enter: bool = True) -> None:
        """Type `text` into the focused field (keys are not clicks), then Enter."""
        from kivy.core.window import Window

        for char in text:
            Window.dispatch("on_textinput", char)
        if enter:
            Window.dispatch("on_key_down", ENTER, 40, None, [])
            Window.dispatch("on_key_up", ENTER, 40)
        _h().pump(0.3)


def _slider_point(slider, value: int):
    fraction = (value - slider.min) / (slider.max - slider.min)
    x = slider.x + slider.padding + (slider.width - 2 * slider.padding) * fraction
    return lambda: slider.to_window(x, slider.center_y)


def _returning_user(diary_path):
    """A diary with an earlier day: the welcome card is gone, as on any day but the first."""
    diary = Diary.open(diary_path)
    diary.save_day({"date": TODAY - dt.timedelta(days=3), "pain": 3})
    return diary


def test_a_typical_day_in_15_clicks_and_10_notches(run_app, diary_path):
    app = run_app(_returning_user(diary_path))
    path = Path(app)
    ids = path.today.ids
    body = ids.body_map
    chips = {c.code: c for c in ids.symptoms.chips()}

    path.click(ids.pain_slider, "pain 6", pos=_slider_point(ids.pain_slider, 6), wait=0.6)
    path.click(ids.worst_pain, "worst 8", pos=lambda: ids.worst_pain.number_pos(8))
    for region, side in (("lower_back", "centre"), ("buttock", "left"), ("calf", "left")):
        path.click(body, f"{region} {side}", pos=lambda r=region, s=side: body.point_of(r, s))
    path.click(chips["shooting"], "shooting")
    path.click(chips["tingling"], "tingling")
    path.click(ids.enjoyment, "enjoyment 6", pos=lambda: ids.enjoyment.number_pos(6))
    path.click(ids.activity, "activity 5", pos=lambda: ids.activity.number_pos(5))
    path.click(ids.sitting.ids.value_label, "sitting: type")
    path.keys("7")
    path.click(ids.own_exercise, "exercise: type")
    path.keys("walk 20")
    path.click(ids.exertion.item("light"), "light exertion", wait=0.5)
    path.click(ids.posture.item("poor"), "poor posture", wait=0.5)
    path.click(ids.sleep.preset(360), "slept 6 h")
    path.click(ids.save_button, "save")

    saved = app.diary.get_day(TODAY)
    assert saved is not None, (path.today.problems_text, path.log)
    assert (saved.pain, saved.worst_pain) == (6, 8)
    assert (saved.enjoyment_interference, saved.activity_interference) == (6, 5)
    assert [(loc.region, loc.side) for loc in saved.locations] == [
        ("lower_back", "centre"),
        ("buttock", "left"),
        ("calf", "left"),
    ]
    assert saved.symptoms == ["shooting", "tingling"]
    assert saved.sitting_minutes == 420
    assert [(e.name, e.minutes) for e in saved.exercises] == [("walking", 20)]
    assert (saved.exertion, saved.posture, saved.sleep_hours) == ("light", "poor", 6.0)
    print(f"\ntypical day: {path.clicks} clicks, {path.notches} wheel notches: {path.log}")
    assert path.clicks <= 15 and path.notches <= 10, (path.clicks, path.notches, path.log)


def test_a_bad_day_pain_where_save_without_scrolling(run_app, diary_path):
    app = run_app(_returning_user(diary_path))
    path = Path(app)
    ids = path.today.ids
    body = ids.body_map
    path.click(ids.pain_slider, "pain 8", pos=_slider_point(ids.pain_slider, 8), wait=0.6)
    path.click(body, "lower back", pos=lambda: body.point_of("lower_back", "centre"))
    path.click(ids.save_button, "save")
    saved = app.diary.get_day(TODAY)
    assert saved.pain == 8
    assert [(loc.region, loc.side) for loc in saved.locations] == [("lower_back", "centre")]
    assert path.clicks <= 5 and path.notches == 0, (path.clicks, path.notches)


def test_times_are_typed_or_picked_and_sections_remember(run_app, diary_path):
    from app.config import config_dir

    h = _h()
    app = run_app(Diary.open(diary_path))
    path = Path(app)
    ids = path.today.ids
    for typed, minutes in (("7h30", 450), ("7.5", 450), ("450", 450), ("2", 120)):
        path.click(ids.sitting.ids.value_label, "type")
        path.keys(typed)
        assert ids.sitting.value == minutes, typed
    # Something that is not a time: refused in words, the value kept.
    path.click(ids.sitting.ids.value_label, "type")
    path.keys("lots")
    assert ids.sitting.typing and "7h30" in ids.sitting.error
    assert ids.sitting.value == 120
    path.click(ids.exertion_note, "another field")  # leaving keeps the old value
    assert not ids.sitting.typing and ids.sitting.value == 120
    path.click(ids.sitting.preset(480), "8 h")
    assert ids.sitting.value == 480

    # Closing a section is remembered in the config folder, not in the diary.
    card = ids.note.parent
    while not hasattr(card, "toggle"):
        card = card.parent
    h.scroll_into_view(card)
    path.click(card.ids.header, "close Note")
    assert not card.expanded and card.ids.body.parent is None
    stored = json.loads((config_dir() / "sections.json").read_text())
    assert stored["today.note"] is False
    path.click(card.ids.header, "open Note")
    assert card.expanded
    assert json.loads((config_dir() / "sections.json").read_text())["today.note"] is True
