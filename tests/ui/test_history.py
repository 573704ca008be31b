"""History on a diary longer than one page: paging, the calendar's own month query, late build."""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary
from app.domain.entry import make_entry
from tests.analysis.reference import flare_days as reference_flare_days

pytestmark = pytest.mark.gui

TODAY = dt.date.today()
#: Days logged: every day up to yesterday. Over two pages, so paging shows.
LOGGED = 200


def _harness():
    from tests.ui import harness

    return harness


def _pain(date: dt.date) -> int:
    return date.toordinal() % 11


def _flare(date: dt.date) -> bool:
    return date.toordinal() % 7 == 0


def _entries() -> list:
    dates = [TODAY - dt.timedelta(days=back) for back in range(LOGGED, 0, -1)]
    return [make_entry({"date": d, "pain": _pain(d), "flare": _flare(d)}) for d in dates]


def _long_diary(path) -> Diary:
    diary = Diary.open(path)
    assert diary.import_entries(_entries()).ok
    return diary


def _open_history(app):
    h = _harness()
    app.switch_to("history")
    h.pump(0.5, frames=4)
    assert app.root.ids.screens.current == "history"
    return app.screen("history")


def _views(history) -> list:
    """The list's views on screen (RecycleView only builds those)."""
    return list(history.ids.list.children[0].children)


def _on_screen(history, view) -> bool:
    """Whether `view` is wholly inside the list's viewport (to within a pixel of rounding)."""
    rv = history.ids.list
    # Scrolled to the top, the first row can sit 1 px over the edge (scroll_y 0.999...).
    bottom, top = rv.to_window(rv.x, rv.y)[1] - 1, rv.to_window(rv.x, rv.top)[1] + 1
    return bottom <= view.to_window(view.x, view.y)[1] and view.to_window(0, view.top)[1] <= top


def test_the_newest_page_first_and_show_older_days_appends_the_next(run_app, diary_path):
    from app.ui.screens.history.history import PAGE_DAYS, HistoryMore, HistoryRow

    h = _harness()
    app = run_app(_long_diary(diary_path))
    history = _open_history(app)
    first = TODAY - dt.timedelta(days=LOGGED)
    assert history.count_text == f"{LOGGED} days logged since {first.day} {first:%b %Y}"

    data = history.ids.list.data
    assert history.shown == PAGE_DAYS
    assert [d["date"] for d in data[:PAGE_DAYS]] == [
        TODAY - dt.timedelta(days=back) for back in range(1, PAGE_DAYS + 1)
    ], "newest first, one page"
    assert data[-1]["viewclass"] == "HistoryMore"
    top = max((v for v in _views(history) if isinstance(v, HistoryRow)), key=lambda v: v.y)
    assert top.date == TODAY - dt.timedelta(days=1) and top.pain == _pain(top.date)

    # Scroll to the end of the page: the control is there, saying what is shown.
    history.ids.list.scroll_y = 0
    h.pump(0.3, frames=4)
    more = next(v for v in _views(history) if isinstance(v, HistoryMore))
    assert (more.shown, more.total) == (PAGE_DAYS, LOGGED)
    assert _on_screen(history, more)

    h.tap(more.ids.button)
    assert history.shown == 2 * PAGE_DAYS
    dates = [d["date"] for d in history.ids.list.data if "viewclass" not in d]
    assert dates == [TODAY - dt.timedelta(days=back) for back in range(1, 2 * PAGE_DAYS + 1)]
    # The view stays put: the first of the added days shows where the button was.
    added = TODAY - dt.timedelta(days=PAGE_DAYS + 1)
    row = next((v for v in _views(history) if getattr(v, "date", None) == added), None)
    assert row is not None and _on_screen(history, row)

    # The last page is short, and then the control goes away.
    history.ids.list.scroll_y = 0
    h.pump(0.3, frames=4)
    more = next(v for v in _views(history) if isinstance(v, HistoryMore))
    h.tap(more.ids.button)
    assert history.shown == LOGGED
    assert all("viewclass" not in d for d in history.ids.list.data)
    assert history.ids.list.data[-1]["date"] == first


def test_delete_and_undo_keep_the_pages_already_shown(run_app, diary_path):
    from kivymd.uix.snackbar import MDSnackbarActionButton

    from app.ui.screens.history.history import PAGE_DAYS, HistoryMore, HistoryRow

    h = _harness()
    app = run_app(_long_diary(diary_path))
    history = _open_history(app)
    history.ids.list.scroll_y = 0
    h.pump(0.3, frames=4)
    h.tap(next(v for v in _views(history) if isinstance(v, HistoryMore)).ids.button)
    assert history.shown == 2 * PAGE_DAYS

    row = next(v for v in _views(history) if isinstance(v, HistoryRow) and _on_screen(history, v))
    target = row.date
    h.tap(row.children[0])  # its delete button
    assert app.diary.get_day(target) is None
    assert history.count == LOGGED - 1
    assert history.shown == 2 * PAGE_DAYS, "still two pages: one older day moved up"
    assert target not in {d.get("date") for d in history.ids.list.data}

    bar = app.last_snackbar
    h.pump(0.8)  # the snackbar slides in before it can be clicked
    h.tap(next(w for w in bar.walk() if isinstance(w, MDSnackbarActionButton)))
    assert app.diary.get_day(target) is not None
    assert history.count == LOGGED
    assert target in {d.get("date") for d in history.ids.list.data}


def test_the_calendar_loads_a_month_outside_the_first_page(run_app, diary_path):
    from app.ui.colors import pain_color
    from app.ui.screens.history.history import PAGE_DAYS

    h = _harness()
    app = run_app(_long_diary(diary_path))
    history = _open_history(app)
    calendar = history.ids.calendar
    assert set(calendar.days) <= {
        d for d in calendar.days if (d.year, d.month) == (TODAY.year, TODAY.month)
    }, "only the shown month is loaded"

    # Back with the chevron to a month wholly older than the list's first page.
    oldest_listed = TODAY - dt.timedelta(days=PAGE_DAYS)
    back_button = next(w for w in calendar.walk() if getattr(w, "icon", "") == "chevron-left")
    months = 0
    while calendar.month >= oldest_listed.replace(day=1):
        h.tap(back_button, wait=0.2)
        months += 1
        assert months < 12
    h.pump(0.2, frames=3)
    month = calendar.month
    shown = {d for d in calendar.days}
    flare_rule = reference_flare_days(_entries())
    logged = {
        TODAY - dt.timedelta(days=back)
        for back in range(1, LOGGED + 1)
        if (TODAY - dt.timedelta(days=back)).replace(day=1) == month
    }
    assert shown == logged and logged, "the month's own days, queried on the month change"
    assert calendar.title == f"{month:%B %Y}"
    for date in sorted(logged):
        cell = calendar.cell_for(date)
        assert cell is not None and cell.logged
        assert tuple(cell.fill) == pytest.approx(tuple(pain_color(_pain(date))))
        assert cell.flare == flare_rule[date]
    pains = [_pain(d) for d in logged]
    # Counted as Trends, insights and the report count them: ticked, or 2 above the usual.
    flares = sum(flare_rule[d] for d in logged)
    assert flares > sum(_flare(d) for d in logged), "the rule adds days the user did not tick"
    assert history.month_summary.startswith(
        f"{month:%B}: average pain {sum(pains) / len(pains):.1f}, {flares} flare day"
    )

    # A day of that month opens on Today.
    date = max(logged)
    h.tap(calendar.cell_for(date))
    assert app.root.ids.screens.current == "today"
    assert app.screen("today").current_date == date and app.screen("today").pain == _pain(date)


def test_an_empty_diary_says_so(run_app, diary_path):
    app = run_app(Diary.open(diary_path))
    history = _open_history(app)
    assert history.count == 0 and history.count_text == "Nothing logged yet"
    assert history.ids.list.data == [] and dict(history.ids.calendar.days) == {}
    assert history.month_summary == f"Nothing logged in {TODAY:%B}."


def test_a_history_screen_built_after_start_loads_on_its_first_visit(run_app, diary_path):
    """Screens may be built lazily on first visit: History must not need the start-up."""
    from app.ui.screens.history.history import HistoryScreen

    h = _harness()
    diary = Diary.open(diary_path)
    diary.save_day({"date": TODAY - dt.timedelta(days=1), "pain": 4})
    app = run_app(diary)
    late = HistoryScreen(name="late-history")
    screens = app.root.ids.screens
    screens.add_widget(late)
    h.pump(frames=3)
    assert late.ids.list.data == [], "nothing read before it is shown"
    screens.current = "late-history"
    h.pump(0.5, frames=4)
    assert [d["date"] for d in late.ids.list.data] == [TODAY - dt.timedelta(days=1)]
    assert late.count == 1

    # And it follows the diary while shown.
    app.diary.save_day({"date": TODAY, "pain": 6})
    app.diary_changed()
    h.pump(frames=3)
    assert [d["date"] for d in late.ids.list.data][:1] == [TODAY]
    assert late.ids.calendar.days[TODAY] == (6, False)
    screens.remove_widget(late)


def test_unlogged_days_follow_the_theme(run_app, diary_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    history = _open_history(app)
    cell = history.ids.calendar.cell_for(TODAY.replace(day=1))
    assert cell is not None and not cell.logged
    app.set_theme("dark")
    h.pump(0.5, frames=4)
    assert tuple(cell.text_color) == pytest.approx(tuple(app.theme_cls.onSurfaceColor))
    app.set_theme("light")
    h.pump(0.5, frames=4)
    assert tuple(cell.text_color) == pytest.approx(tuple(app.theme_cls.onSurfaceColor))


def test_the_first_frame_after_the_switch_shows_the_month_coloured(run_app, diary_path):
    """History is built and loaded before its first frame: no flash of a blank calendar."""
    from kivy.clock import Clock
    from kivy.core.window import Window

    h = _harness()
    app = run_app(_long_diary(diary_path))
    screens = app.root.ids.screens
    expected = len(
        [b for b in range(1, LOGGED + 1) if (TODAY - dt.timedelta(days=b)).month == TODAY.month]
    )
    seen: list[int] = []

    def flipped(*_args) -> None:
        if screens.current == "history":
            calendar = screens.get_screen("history").ids.calendar
            seen.append(sum(cell.logged for cell in calendar._cells))

    Window.bind(on_flip=flipped)
    try:
        # As a click does: the switch happens inside the frame's event processing.
        Clock.schedule_once(lambda _dt: app.switch_to("history"))
        h.pump(frames=4)
    finally:
        Window.unbind(on_flip=flipped)
    assert seen and seen[0] == expected, seen


def _click_tab(app, name: str) -> None:
    """Click the navigation bar's item for `name`, as a person would."""
    from app.ui.app import NavItem

    h = _harness()
    bar = app.root.ids.navbar
    item = next(i for i in bar.children if isinstance(i, NavItem) and i.screen == name)
    h.tap(item, wait=0.6)
    assert app.root.ids.screens.current == name


def _rendered(label) -> str:
    """The text a label actually drew, line by line joined (what shortening or max_lines left)."""
    label.texture_update()
    return " ".join("".join(w.text for w in line.words) for line in label._label._cached_lines)


def test_rows_name_the_side_and_give_durations_in_hours_and_minutes(run_app, diary_path):
    """Defect 11: 'slept 6.75 h' beside 'sat 6 h 30 min', and 'Calf' for 'Calf (left)'."""
    from app.ui.screens.history.history import HistoryRow

    h = _harness()
    diary = Diary.open(diary_path)
    date = TODAY - dt.timedelta(days=1)
    diary.save_day(
        {
            "date": date,
            "pain": 6,
            "flare": True,
            "sitting_minutes": 390,
            "sleep_hours": 6.75,
            "locations": [
                {"region": "lower_back", "side": "centre"},
                {"region": "buttock", "side": "left"},
                {"region": "thigh_back", "side": "left"},
                {"region": "calf", "side": "left"},
            ],
        }
    )
    app = run_app(diary)
    _click_tab(app, "history")
    history = app.screen("history")
    h.pump(0.3)
    row = next(v for v in _views(history) if isinstance(v, HistoryRow) and v.date == date)
    assert "left buttock, back of thigh, calf" in row.summary
    assert "sat 6 h 30 min" in row.summary and "slept 6 h 45 min" in row.summary
    assert "6.75" not in row.summary
    # Nothing is cut off: every word of it is drawn.
    assert _rendered(row.ids.summary_label) == row.summary


def _fully_visible_rows(history) -> int:
    from app.ui.screens.history.history import HistoryRow

    return sum(1 for v in _views(history) if isinstance(v, HistoryRow) and _on_screen(history, v))


def _wheel(widget, button: str) -> None:
    from kivy.tests.common import UnitTestTouch

    x, y = widget.to_window(*widget.center)
    touch = UnitTestTouch(x, y)
    touch.profile.append("button")
    touch.button = button
    touch.touch_down()
    touch.touch_up()
    _harness().pump(frames=1)


def test_more_rows_fit_and_the_end_of_90_days_is_a_few_notches_away(run_app, diary_path):
    """Defect 12: 3-4 rows beside the calendar; ~380 wheel notches to the end of 90 days."""
    from app.ui.screens.history.history import PAGE_DAYS, HistoryMore

    h = _harness()
    app = run_app(_long_diary(diary_path))
    _click_tab(app, "history")
    history = app.screen("history")
    h.pump(0.5)
    # The mouse wheel: the end of the first 90 days within 40 notches.
    rv = history.ids.list
    notches = 0
    while not any(isinstance(v, HistoryMore) and _on_screen(history, v) for v in _views(history)):
        _wheel(rv, "scrollup")
        notches += 1
        assert notches <= 40, f"still not at the end of {PAGE_DAYS} days after 40 notches"
    assert rv.scroll_y == pytest.approx(0, abs=0.02)

    # And back to the top the same way.
    for _ in range(40):
        if rv.scroll_y >= 1:
            break
        _wheel(rv, "scrolldown")
    h.pump(0.5)
    assert rv.scroll_y == pytest.approx(1, abs=0.001)
    assert history.calendar_open and history.ids.calendar.cell_for(TODAY) is not None
    # The list lays its rows out over a few frames after the scroll (longer under load).
    assert h.wait_until(lambda: _fully_visible_rows(history) >= 4, 5.0), (
        f"with the month grid shown: {_fully_visible_rows(history)} rows fully visible"
    )

    # Folding the calendar (a click) gives the list the room; another click brings it back.
    h.tap(history.ids.calendar_toggle)
    h.pump(0.3)
    assert not history.calendar_open
    assert _fully_visible_rows(history) >= 7
    h.tap(history.ids.calendar_toggle)
    h.pump(0.3)
    assert history.calendar_open

    # A month in the calendar is one click away in the list too, loading older days.
    back = next(w for w in history.ids.calendar.walk() if getattr(w, "icon", "") == "chevron-left")
    for _ in range(5):
        h.tap(back, wait=0.2)
    month = history.ids.calendar.month
    h.pump(0.3)
    dates = [d["date"] for d in rv.data if "date" in d]
    assert min(dates) < month, "the older days were loaded"
    newest_of_month = max(d for d in dates if d.replace(day=1) == month)
    top = max((v for v in _views(history) if _on_screen(history, v)), key=lambda v: v.y)
    assert top.date == newest_of_month
