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
    assert row.title == "Long sitting: flare-ups the next day"
    tomorrow = TODAY + dt.timedelta(days=1)
    assert f"Declared {TODAY.day} {TODAY:%b %Y}" in row.rule
    assert f"tests days from {tomorrow.day} {tomorrow:%b %Y} on" in row.rule
    assert "a pattern you already saw can't confirm itself" in section.ids.count.text
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
    assert section.rows[0].title == "gardening: flare-ups the same day"
    assert "before anything was logged: tests every day" in section.rows[0].rule

    row = section.rows[0]
    h.scroll_into_view(row.ids.remove_button)
    h.tap(row.ids.remove_button)
    dialog = section.remove_dialog
    assert dialog is not None and dialog.parent is not None  # asks first
    assert _read_back(diary_path)[0][0] == "gardening"  # nothing removed yet
    remove = dialog.buttons["Remove"]
    h.tap(remove, wait=0.8)
    assert [(f, lag) for f, lag, *_ in _read_back(diary_path)] == [("stress", 1)]
    assert [r.title for r in section.rows] == ["High stress: flare-ups the next day"]


def test_a_fourth_suspect_or_a_repeated_one_is_refused_in_the_cards_words(run_app, diary_path):
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
    assert "at most 3 suspects" in refused.value.problems[0][1]
    # The card says it in its own words: factors by their labels, not the CLI's codes.
    assert section.add_problem == (
        "You have 3 suspects already: remove one above before adding another."
    )
    assert section.ids.add_problem.height > 0

    _add(section, "sitting", "1")  # already declared, next day
    assert (
        section.add_problem
        == "Long sitting: flare-ups the next day is already one of your suspects."
    )
    assert [f for f, *_ in _read_back(diary_path)] == ["sitting", "sleep", "stress"]


def _trends(app):
    from tests.ui.test_trends import _wait_for_trends

    return _wait_for_trends(app)


def _rows(screen):
    from app.ui.screens.trends.trends import FindingRow

    return [w for w in reversed(screen.ids.findings.children) if isinstance(w, FindingRow)]


def _trends_of_a_demo(run_app, path):
    """The app on a 120-day demo diary at `path`, on Trends with its findings shown."""
    app = run_app(Diary.create_demo(path, 120))
    return app, _trends(app)


def test_i_suspect_this_on_a_finding_declares_it_and_undo_takes_it_back(run_app, tmp_path):
    h = _harness()
    path = tmp_path / "demo.sqlite3"
    app, screen = _trends_of_a_demo(run_app, path)
    linked = [r for r in _rows(screen) if r.linked]
    assert linked, "the demo plants links"
    row = linked[0]
    factor, lag = row.factor, int(row.lag)
    assert row.suspect_button.parent is not None and row.suspect_label.parent is None
    h.scroll_into_view(row.suspect_button)
    h.tap(row.suspect_button)

    # Declared once days exist: only the days after today test it, and it says so.
    assert _read_back(path) == [(factor, lag, TODAY, TODAY)]
    assert "Only days after today will test it" in _snackbar_text(app.last_snackbar)
    screen = _trends(app)  # the findings are worked out again
    again = next(r for r in _rows(screen) if (r.factor, int(r.lag)) == (factor, lag))
    assert again.declared and again.suspect_button.parent is None
    # Linked over the whole period, but no day after the declaration has tested it yet.
    since = f"Your suspect since {TODAY.day} {TODAY:%b %Y}"
    assert again.suspect_text == since + " · not confirmed yet"
    others = [r for r in _rows(screen) if r.factor and r is not again]
    assert all(r.suspect_button.parent is not None for r in others)

    # Undo in the snackbar takes the declaration back.
    undo = next(w for w in app.last_snackbar.walk() if type(w).__name__ == "MDSnackbarActionButton")
    h.tap(undo, wait=0.8)
    assert _read_back(path) == []


def test_a_suspect_declared_before_the_days_it_links_says_they_confirm_it(run_app, tmp_path):
    from app.domain.own_factors import Suspect

    path = tmp_path / "demo.sqlite3"
    diary = Diary.create_demo(path, 120)
    start = TODAY - dt.timedelta(days=89)
    linked = [f for f in diary.insights(start, TODAY).findings if f.linked]
    assert linked, "the demo plants links"
    code, lag = linked[0].factor, linked[0].lag
    # Declared before the diary began (as a backup restores it): every day tests it.
    declared = TODAY - dt.timedelta(days=400)
    diary.import_suspects([Suspect(code, lag, declared, None)])
    app = run_app(diary)
    row = next(r for r in _rows(_trends(app)) if (r.factor, int(r.lag)) == (code, lag))
    assert row.linked and row.declared
    assert row.suspect_text == (
        f"Your suspect since {declared.day} {declared:%b %Y} · the days since confirm it"
    )


def test_i_suspect_this_with_three_suspects_already_says_so_and_adds_nothing(run_app, tmp_path):
    h = _harness()
    path = tmp_path / "demo.sqlite3"
    app, screen = _trends_of_a_demo(run_app, path)
    row = next(r for r in _rows(screen) if r.factor and r.suspect_button.parent is not None)
    before = _read_back(path)
    others = ("sitting", "inactivity", "posture", "overexertion", "sleep", "stress")
    with Diary.open(path) as elsewhere:  # meanwhile, the command line fills the three places
        for code in others:
            if len(elsewhere.suspects()) == 3:
                break
            if code != row.factor and all(s.factor != code for s in elsewhere.suspects()):
                elsewhere.add_suspect(code, int(row.lag))
    filled = _read_back(path)
    assert len(filled) == 3 and filled != before
    h.scroll_into_view(row.suspect_button)
    h.tap(row.suspect_button)
    assert _snackbar_text(app.last_snackbar) == (
        "You have 3 suspects already: remove one in Settings before adding another."
    )
    assert _read_back(path) == filled


def _snackbar_text(bar) -> str:
    return " ".join(w.text for w in bar.walk() if type(w).__name__ == "MDSnackbarSupportingText")


def test_how_long_until_we_know_shows_the_services_answer_times(run_app, tmp_path):
    from app.ui.screens.trends.trends import ANSWERS_SHOWN, AnswerRow

    h = _harness()
    path = tmp_path / "demo.sqlite3"
    diary = Diary.create_demo(path, 120)
    diary.add_suspect("posture", 0)  # a suspect not linked: its answer comes first
    app = run_app(diary)
    screen = _trends(app)
    with Diary.open(path) as fresh:
        expected = fresh.insights(TODAY - dt.timedelta(days=89), TODAY).answer_times
    assert len(expected) > ANSWERS_SHOWN

    def rows() -> list:
        return [w for w in reversed(screen.ids.answers.children) if isinstance(w, AnswerRow)]

    # The first few (suspects first), then every one behind "Show all".
    assert [r.text for r in rows()] == list(expected[:ANSWERS_SHOWN])
    assert screen.answers_more == f"Show all {len(expected)}"
    h.scroll_into_view(screen.ids.answers_more)
    h.tap(screen.ids.answers_more)
    rows = rows()
    assert [r.text for r in rows] == list(expected)
    assert rows[0].suspect and "poor posture" in rows[0].text
    assert not any(r.suspect for r in rows[1:])
    assert all(r.ids.answer_label.height > 0 for r in rows)


def _welcome(app):
    welcome = app.screen("today").ids.welcome
    assert welcome.shown and welcome.asking
    return welcome


def test_first_run_choice_makes_suspects_that_cover_every_day(run_app, diary_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    welcome = _welcome(app)
    # Closed at first, so the pain slider stays in view on a phone-sized window.
    slider = app.screen("today").ids.pain_slider
    assert slider.to_window(*slider.center)[1] > app.screen("today").ids.save_button.top
    assert welcome.ids.choices.height == 0
    h.tap(welcome.ids.choose_button)
    assert welcome.choosing and welcome.ids.choices.height > 0
    assert welcome.ids.lag.value == "1"  # a sensible default: the next day
    chips = {c.code: c for c in welcome.ids.suspect_chips.chips()}
    assert set(chips) >= {"sitting", "sleep", "stress", "overexertion"}
    for code in ("sitting", "sleep", "stress", "posture"):
        h.scroll_into_view(chips[code])
        h.tap(chips[code], wait=0.2)
    # A fourth is not taken, and it says why.
    assert not chips["posture"].active and "Up to 3" in welcome.hint_text
    h.scroll_into_view(welcome.ids.suspects_button)
    h.tap(welcome.ids.suspects_button)

    assert _read_back(diary_path) == [
        ("sitting", 1, TODAY, None),
        ("sleep", 1, TODAY, None),
        ("stress", 1, TODAY, None),
    ]
    assert not welcome.asking and welcome.ids.question.height == 0
    assert welcome.ids.answer_label.text.startswith(
        "Testing first: Long sitting, Poor sleep and High stress, the next day."
    )
    # Logging the first day afterwards is untouched; the suspects still cover it.
    _log_a_day(app)
    with Diary.open(diary_path) as fresh:
        assert fresh.count() == 1
        assert all(s.covers(TODAY) for s in fresh.suspects())


def _log_a_day(app) -> None:
    """Pain on the slider, then Save, as a person would."""
    h = _harness()
    today = app.screen("today")
    h.scroll_into_view(today.ids.pain_slider)
    h.tap(today.ids.pain_slider, wait=0.6)
    h.tap(today.ids.save_button, wait=1.0)


def test_first_run_question_can_be_skipped_and_does_not_stop_the_first_save(run_app, diary_path):
    h = _harness()
    app = run_app(Diary.open(diary_path))
    welcome = _welcome(app)
    h.tap(welcome.ids.choose_button)
    h.scroll_into_view(welcome.ids.skip_button)
    h.tap(welcome.ids.skip_button)
    assert not welcome.asking and "later in Settings" in welcome.ids.answer_label.text
    # Out of the card, not only 0 px high: hidden parts must not swallow clicks above them.
    assert welcome.ids.question.parent is None
    assert _read_back(diary_path) == []
    _log_a_day(app)
    with Diary.open(diary_path) as fresh:
        assert fresh.count() == 1 and fresh.suspects() == []
    assert not welcome.shown
