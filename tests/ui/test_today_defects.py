"""Issue 13's Today defects, each reproduced with real clicks and keys (they failed on 7280d5e)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary
from app.domain import vocab

pytestmark = pytest.mark.gui

TODAY = dt.date.today()
TAB, S = 9, 115


def _h():
    from tests.ui import harness

    return harness


def _key(key: int, codepoint: str | None = None, modifiers: list[str] | None = None) -> None:
    """One key press through the window, as SDL delivers it (the focused widget gets it)."""
    from kivy.core.window import Window

    Window.dispatch("on_key_down", key, 0, codepoint, modifiers or [])
    Window.dispatch("on_key_up", key, 0)
    _h().pump(0.1)


def _type(text: str) -> None:
    from kivy.core.window import Window

    for char in text:
        Window.dispatch("on_textinput", char)
    _h().pump(0.1)


def _focused(screen):
    return [w for w in screen.walk() if getattr(w, "focus", False)]


def _visible_in(scroll, widget) -> bool:
    """True when `widget` lies wholly inside the scroll view's window area."""
    _x, bottom = scroll.to_window(scroll.x, scroll.y)
    top = bottom + scroll.height
    _wx, wy = widget.to_window(widget.x, widget.y)
    return wy >= bottom - 1 and wy + widget.height <= top + 1


def _shown(scroll, widget) -> bool:
    """In the scroll view's visible part, or (outside the form, e.g. the save bar) on screen."""
    from kivy.core.window import Window

    scroll = getattr(scroll, "__self__", scroll)  # ids hold weak proxies: compare widgets
    parent = widget.parent
    while parent is not None and parent is not scroll and parent.parent is not parent:
        parent = parent.parent
    if parent is scroll:
        return _visible_in(scroll, widget)
    _wx, wy = widget.to_window(widget.x, widget.y)
    return wy >= 0 and wy + widget.height <= Window.height


def test_pain_0_is_one_click(run_app, diary_path):
    h = _h()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    slider = today.ids.pain_slider
    assert today.pain is None
    h.scroll_into_view(slider)
    h.tap(slider, pos=slider.to_window(slider.x + slider.padding, slider.center_y), wait=0.6)
    assert today.pain == 0, "one click on 0 records a pain-free day"
    h.tap(today.ids.save_button)
    assert app.diary.get_day(TODAY).pain == 0


def test_tab_scrolls_the_focused_field_into_view_and_reaches_other_controls(run_app, diary_path):
    h = _h()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    ids = today.ids
    h.scroll_into_view(ids.note)
    h.tap(ids.note)
    assert ids.note.focus
    _key(TAB, "\t")
    h.pump(0.3)
    focused = _focused(today)
    assert focused and focused[0] is not ids.note
    assert _shown(ids.scroll, focused[0]), "the field Tab moved to is shown"
    if hasattr(focused[0], "insert_text"):
        _type("x")
        assert "x" in focused[0].text

    # Tab from the top visits the slider, score rows, chips and buttons, not only text.
    ids.scroll.scroll_y = 1
    h.pump(frames=2)
    reached = []
    ids.pain_slider.focus = True
    h.pump(frames=2)
    for _ in range(40):
        _key(TAB, "\t")
        now = _focused(today)
        if now:
            reached.append(type(now[0]).__name__)
            assert _shown(ids.scroll, now[0]), f"{type(now[0]).__name__} not scrolled to"
    assert "ToggleChip" in reached and "ScoreRow" in reached, reached
    assert any("Button" in name or "Segment" in name for name in reached), reached

    # Space on a focused chip ticks it.
    chip = ids.symptoms.chips()[0]
    chip.focus = True
    h.pump(frames=2)
    _key(32, " ")
    assert chip.active


def test_body_map_labels_stay_and_the_spine_is_a_wide_target(run_app, diary_path):
    h = _h()
    app = run_app(Diary.open(diary_path))
    body = app.screen("today").ids.body_map
    h.scroll_into_view(body)

    def labels_drawn() -> set[str]:
        drawn = set(body.canvas.children)
        return {w.text for w in body.children if getattr(w, "canvas", None) in drawn}

    assert {"Front", "Back"} <= labels_drawn()
    h.tap(body, pos=body.point_of("calf", "left"))
    h.tap(body, pos=body.point_of("knee", "right"))
    assert {"Front", "Back", "L", "R"} <= labels_drawn(), "labels stay after a tap"

    # Zoomed, the lower-back centre takes a tap 20 dp beside the spine.
    from kivy.metrics import dp

    h.tap(app.screen("today").ids.body_zoom)
    h.scroll_into_view(body)
    x, y = body.point_of("lower_back", "centre")
    h.tap(body, pos=(x + dp(20), y))
    assert ("lower_back", "centre") in [tuple(s) for s in body.selected]
    assert body.target_width("lower_back", "centre") >= dp(48)
    assert {"Back", "L", "R"} <= labels_drawn()


def test_today_action_and_tapping_the_today_tab_return_to_today(run_app, diary_path):
    h = _h()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    ids = today.ids
    h.tap(ids.prev_day)
    h.tap(ids.prev_day)
    assert today.current_date == TODAY - dt.timedelta(days=2)
    assert ids.today_button.opacity == 1 and not ids.today_button.disabled
    h.tap(ids.today_button)
    assert today.current_date == TODAY
    assert ids.today_button.opacity == 0

    h.tap(ids.prev_day)
    item = next(i for i in app.root.ids.navbar.children if getattr(i, "screen", "") == "today")
    h.tap(item)
    assert today.current_date == TODAY, "tapping the Today tab again shows today"

    # Ctrl+S on a past day saves that day (it does not jump to today first).
    h.tap(ids.prev_day)
    ids.flare.active = True
    _key(S, "s", ["ctrl"])
    h.pump(0.3)
    assert today.current_date == TODAY - dt.timedelta(days=1)
    assert app.diary.get_day(TODAY - dt.timedelta(days=1)).flare


def test_refusal_banner_speaks_hours_and_clears_on_save(run_app, diary_path):
    h = _h()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    ids = today.ids
    today.form.update({"sitting_minutes": 23 * 60, "standing_minutes": 60})
    h.pump(0.2)
    h.scroll_into_view(ids.sitting)
    h.tap(ids.sitting.button(60))
    _key(S, "s", ["ctrl"])
    h.pump(0.3)
    assert app.diary.get_day(TODAY) is None
    text = today.problems_text
    assert "25 h" in text and "24 h" in text, text
    assert "1500" not in text

    h.scroll_into_view(ids.sitting)
    h.tap(ids.sitting.button(-60))
    h.tap(ids.sitting.button(-60))
    _key(S, "s", ["ctrl"])
    h.pump(0.3)
    assert app.diary.get_day(TODAY).sitting_minutes == 22 * 60
    assert today.status_text.startswith("Saved")
    assert today.problems_text == ""
    assert ids.problems_card.height == 0 and ids.problems_card.opacity == 0
    shown = " ".join(getattr(w, "text", "") for w in ids.problems_card.walk())
    assert "Not saved" not in shown


def test_one_red_flag_message_and_a_banner_when_reopened(run_app, diary_path):
    h = _h()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    ids = today.ids
    words = " ".join(getattr(w, "text", "") for w in today.walk())
    assert "doctor soon" not in words
    row = next(r for r in ids.red_flags.children if getattr(r, "code", "") == "bladder")
    h.scroll_into_view(row)
    h.tap(row.ids.box)
    dialog = today.red_flag_dialog
    dialog_words = " ".join(getattr(w, "text", "") for w in dialog.walk())
    assert vocab.RED_FLAG_WARNING in dialog_words
    dialog.dismiss()
    h.pump(0.5)
    card_words = " ".join(getattr(w, "text", "") for w in ids.red_flags_card.walk())
    assert vocab.RED_FLAG_WARNING in card_words
    h.tap(ids.save_button)

    h.tap(ids.prev_day)
    assert ids.red_flag_banner.opacity == 0
    h.tap(ids.next_day)
    banner = ids.red_flag_banner
    assert banner.opacity == 1 and banner.height > 0
    banner_words = " ".join(getattr(w, "text", "") for w in banner.walk())
    assert vocab.RED_FLAG_WARNING in banner_words
    assert "urine" in banner_words
    assert ids.scroll.scroll_y == 1 and _visible_in(ids.scroll, banner), "shown at the top"


def test_exercise_menu_stays_inside_the_window(run_app, diary_path):
    from kivy.core.window import Window

    h = _h()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    ids = today.ids
    button = ids.add_exercise
    # Put the Add button at the bottom edge of the visible form, where the menu has
    # least room below it.
    scroll = ids.scroll
    h.scroll_into_view(button)
    _bx, by = button.to_window(button.x, button.y)
    _sx, sy = scroll.to_window(scroll.x, scroll.y)
    overflow = scroll.children[0].height - scroll.height
    scroll.scroll_y = min(1, max(0, scroll.scroll_y + (by - sy - 8) / overflow))
    h.pump(frames=3)
    h.tap(button, wait=0.8)
    menu = today._menu
    assert menu is not None and menu.parent is not None
    assert menu.y >= 0 and menu.top <= Window.height, (menu.y, menu.top, Window.height)
    menu.dismiss()


def test_the_body_map_is_reached_with_tab_and_marked_with_arrows_and_space(run_app, diary_path):
    """Defect 2, the map too: a keyboard-only user can record where it hurts."""
    h = _h()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    body = today.ids.body_map
    assert not _focused(app.root), "nothing has the keyboard at the start"
    for _ in range(12):
        if body.focus:
            break
        _key(TAB, "\t")
    assert body.focus, "Tab reaches the body map"
    assert _shown(today.ids.scroll, body)
    # The ring starts on the lower back; Space marks it and the line under the map says so.
    assert body.cursor[1:] == ("lower_back", "centre")
    _key(32, " ")
    assert ("lower_back", "centre") in [tuple(s) for s in body.selected]
    words = today.ids.body_cursor.text
    assert words.startswith(vocab.location_label("lower_back", "centre") + ": marked "), words
    # Down moves the ring to a region lower on the figure; Space marks it, again unmarks it.
    before = body.point_of("lower_back", "centre")[1]
    _key(274)
    view, region, side = body.cursor
    assert region != "lower_back" and body.point_of(region, side)[1] < before
    _key(32, " ")
    assert (region, side) in [tuple(s) for s in body.selected]
    _key(275)  # right: to the neighbouring region
    assert body.cursor != (view, region, side)
    _key(276)  # and back
    assert body.cursor == (view, region, side)
    _key(32, " ")
    assert (region, side) not in [tuple(s) for s in body.selected]
    h.tap(today.ids.save_button)
    saved = app.diary.get_day(TODAY)
    assert [(loc.region, loc.side) for loc in saved.locations] == [("lower_back", "centre")]
    # Tab leaves the map for the next control.
    _key(TAB, "\t")
    assert not body.focus


def test_the_first_tab_in_a_fresh_window_reaches_the_form(run_app, diary_path):
    """Kivy moves focus only from a focused widget: a first Tab did nothing at all."""
    h = _h()
    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    assert not _focused(app.root)
    reached = []
    for _ in range(3):
        _key(TAB, "\t")
        now = _focused(app.root)
        assert len(now) == 1 and _shown(today.ids.scroll, now[0]), now
        reached.append(now[0])
    assert today.ids.pain_slider.__self__ in reached, [type(w).__name__ for w in reached]
    # Shift+Tab with nothing focused starts from the other end (the form's last control).
    reached[-1].focus = False
    h.pump(frames=2)
    _key(TAB, "\t", ["shift"])
    now = _focused(app.root)
    assert len(now) == 1 and now[0] not in reached, now
