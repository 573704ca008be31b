"""Suspects in the app (issue 15): Settings, "I suspect this" on Trends, the first-run question,
and "How long until we know". Real clicks; what was declared is read back through a fresh Diary."""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def _harness():
    from tests.ui import harness

    return harness


def _settings(app):
    from tests.ui.test_history import _click_tab

    _click_tab(app, "settings")
    section = app.screen("settings").ids.suspects
    _harness().pump(0.5)
    return section


def _chip(section, code: str):
    return next(c for c in section.ids.factor_chips.chips() if c.code == code)


def _add(section, code: str, lag: str | None = None) -> None:
    """Tick the factor's chip, pick the lag (if given), click Add, as a person would."""
    h = _harness()
    chip = _chip(section, code)
    h.scroll_into_view(chip)
    h.tap(chip, wait=0.2)
    if lag is not None:
        item = section.ids.lag.item(lag)
        h.scroll_into_view(item)
        h.tap(item, wait=0.4)
    h.scroll_into_view(section.ids.add_button)
    h.tap(section.ids.add_button)


def _read_back(path) -> list[tuple[str, int, dt.date, dt.date | None]]:
    with Diary.open(path) as fresh:
        return [(s.factor, s.lag, s.declared_on, s.covers_from) for s in fresh.suspects()]


def test_settings_adds_a_suspect_that_covers_only_days_after_today(run_app, diary_path):
    diary = Diary.open(diary_path)
    diary.save_day({"date": TODAY - dt.timedelta(days=1), "pain": 4})
    app = run_app(diary)
    section = _settings(app)
    assert section.count_text.startswith("None yet")
    # Next day is the default: the published sitting effect shows the day after.
    assert section.ids.lag.value == "1"
    _add(section, "sitting")

    assert _read_back(diary_path) == [("sitting", 1, TODAY, TODAY)]
    assert len(section.rows) == 1
    row = section.rows[0]
    assert row.title == "Long sitting → the next day"
    tomorrow = TODAY + dt.timedelta(days=1)
    assert f"Declared {TODAY.day} {TODAY:%b %Y}" in row.rule
    assert f"tests days from {tomorrow.day} {tomorrow:%b %Y} on" in row.rule
    assert "a pattern you already saw can't confirm itself" in row.rule
    assert not _chip(section, "sitting").active  # ready for the next one


def test_settings_same_day_own_factor_and_removal_after_confirming(run_app, diary_path):
    h = _harness()
    diary = Diary.open(diary_path)
    diary.add_factor("gardening", "yesno")
    diary.add_factor("old job", "yesno")
    diary.archive_factor("old job")
    app = run_app(diary)
    section = _settings(app)
    codes = [c.code for c in section.ids.factor_chips.chips()]
    # Built-in factors (stress too) and the active own factors; not an archived one.
    built_in = ["sitting", "inactivity", "posture", "overexertion", "sleep", "stress"]
    assert codes == [*built_in, "gardening"]
    _add(section, "gardening", lag="0")
    _add(section, "stress")
    assert [(f, lag) for f, lag, *_ in _read_back(diary_path)] == [
        ("gardening", 0),
        ("stress", 1),
    ]
    # Declared on an empty diary: every day tests it, and the row says so.
    assert section.rows[0].title == "gardening → the same day"
    assert "every day you log tests it" in section.rows[0].rule

    row = section.rows[0]
    h.scroll_into_view(row.ids.remove_button)
    h.tap(row.ids.remove_button)
    dialog = section.remove_dialog
    assert dialog is not None and dialog.parent is not None  # asks first
    assert _read_back(diary_path)[0][0] == "gardening"  # nothing removed yet
    remove = next(
        w for w in dialog.walk() if type(w).__name__ == "MDButton" and _button_text(w) == "Remove"
    )
    h.tap(remove, wait=0.8)
    assert [(f, lag) for f, lag, *_ in _read_back(diary_path)] == [("stress", 1)]
    assert [r.title for r in section.rows] == ["High stress → the next day"]


def _button_text(button) -> str:
    return next((w.text for w in button.walk() if type(w).__name__ == "MDButtonText"), "")


def test_a_fourth_suspect_is_refused_with_the_services_message(run_app, diary_path):
    diary = Diary.open(diary_path)
    for factor in ("sitting", "sleep", "stress"):
        diary.add_suspect(factor, 1)
    app = run_app(diary)
    section = _settings(app)
    assert section.count_text == "3 of 3."
    _add(section, "posture")

    assert [f for f, *_ in _read_back(diary_path)] == ["sitting", "sleep", "stress"]
    with pytest.raises(ValueError) as refused:
        app.diary.add_suspect("posture", 1)
    service_says = refused.value.problems[0][1]
    assert section.add_problem == service_says
    assert section.ids.add_problem.height > 0 and "at most 3 suspects" in service_says
