"""Edges of the service API that the GUI and CLI rely on and no other fast test pinned down.

Each expectation is worked out by hand from a small diary written here.
"""

from __future__ import annotations

import datetime as dt
import locale
from pathlib import Path

import pytest

from app.diary import DayChangedError, Diary
from app.domain.own_factors import FactorError, OwnFactor, Suspect
from app.exports.csv_format import CsvFileError

D0 = dt.date(2025, 2, 1)


def _day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


def _flat_then_a_rise(diary: Diary) -> None:
    """Ten days of pain 2 and 5 h sitting, except day 8 at pain 4: 2 above the usual 2."""
    for i in range(10):
        diary.save_day({"date": _day(i), "pain": 4 if i == 8 else 2, "sitting_minutes": 300})


# -- days in a period ----------------------------------------------------------------


def test_summaries_of_a_late_start_mark_the_rise_judged_on_the_weeks_before(
    diary: Diary,
) -> None:
    """Day 8 was not ticked: it is a flare day only by the 2-points-above-the-usual rule,
    whose usual (median 2) comes from days before the period asked for."""
    _flat_then_a_rise(diary)
    rows = diary.summaries(start=_day(8))
    assert [(r.date, r.flare, r.flare_day) for r in rows] == [
        (_day(8), False, True),
        (_day(9), False, False),
    ]
    assert [r.flare_day for r in diary.summaries()] == [False] * 8 + [True, False]


def test_an_open_end_of_a_chart_period_is_the_last_logged_day(diary: Diary) -> None:
    _flat_then_a_rise(diary)
    assert diary.chart_period(_day(5)) == (_day(5), _day(9))
    assert diary.chart_period(end=_day(3)) == (_day(0), _day(3))


def test_export_csv_of_a_late_start_writes_only_the_days_from_it(
    diary: Diary, tmp_path: Path
) -> None:
    _flat_then_a_rise(diary)
    out = tmp_path / "late.csv"
    assert diary.export_csv(out, start=_day(8)) == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [line[:10] for line in lines[1:]] == ["2025-02-09", "2025-02-10"]


def test_the_day_csv_is_utf8_whatever_the_computers_locale(diary: Diary, tmp_path: Path) -> None:
    """On a computer whose locale is not UTF-8 (Windows' cp1252, a bare C locale) the file
    must still be UTF-8, or an accented note is mangled or the export fails."""
    diary.save_day({"date": D0, "pain": 3, "note": "café, naïve"})
    out = tmp_path / "days.csv"
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")  # plain ASCII for text files opened without encoding
    try:
        assert diary.export_csv(out) == 1
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
    assert "café, naïve" in out.read_bytes().decode("utf-8")


def test_trends_gives_the_periods_figures_and_every_factor_finding(diary: Diary) -> None:
    _flat_then_a_rise(diary)
    view = diary.trends(_day(0), _day(9))
    assert (view.start, view.end, view.days_in_period, view.days_logged) == (
        _day(0),
        _day(9),
        10,
        10,
    )
    assert view.pain_mean == pytest.approx(2.2)  # (9 x 2 + 4) / 10
    assert (view.flare_days, view.sitting_mean, view.answer_suspects) == (1, 300.0, 0)
    built_in = ["sitting", "inactivity", "posture", "overexertion", "sleep", "stress"]
    assert [(f.factor, f.lag) for f in view.findings] == [
        (code, lag) for code in built_in for lag in (0, 1)
    ]
    assert not any(f.linked for f in view.findings)  # 10 days: too few to test


def test_an_svg_chart_export_is_svg_and_a_png_one_png(diary: Diary, tmp_path: Path) -> None:
    _flat_then_a_rise(diary)
    assert diary.export_chart(tmp_path / "pain.SVG", "trend") == (_day(0), _day(9))
    assert b"<svg" in (tmp_path / "pain.SVG").read_bytes()[:400]
    diary.export_chart(tmp_path / "pain.png", "trend", _day(2), _day(6))
    assert (tmp_path / "pain.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# -- save_form's conflicts -------------------------------------------------------------


def test_a_deleted_day_names_the_fields_the_user_changed(diary: Diary) -> None:
    diary.save_day({"date": D0, "pain": 3, "note": "a"})
    loaded = diary.get_day_fields(D0)
    diary.delete_day(D0)
    with pytest.raises(DayChangedError) as caught:
        diary.save_form(D0, loaded, {**loaded, "pain": 4, "note": "b"})  # type: ignore[dict-item]
    assert caught.value.fields == ("note", "pain")
    assert str(caught.value) == "2025-02-01 was deleted by another program since it was opened"


def test_a_merge_breaking_a_rule_carries_the_day_as_it_is_on_disk(diary: Diary) -> None:
    diary.save_day({"date": D0, "pain": 3, "worst_pain": 5})
    loaded = diary.get_day_fields(D0)
    diary.update_day(D0, {"worst_pain": 4})  # another program lowers the worst
    with pytest.raises(DayChangedError) as caught:
        diary.save_form(D0, loaded, {**loaded, "pain": 5})  # type: ignore[dict-item]
    on_disk = caught.value.on_disk
    assert on_disk is not None and (on_disk["pain"], on_disk["worst_pain"]) == (3, 4)
    assert str(caught.value) == (
        "2025-02-01 was changed by another program since it was opened (pain, worst_pain)"
    )


def test_a_form_save_keeps_an_archived_factors_unchanged_value(diary: Diary) -> None:
    diary.add_factor("Gardening", "yesno")
    diary.save_day({"date": D0, "pain": 2, "factors": {"Gardening": True}})
    diary.archive_factor("Gardening")
    loaded = diary.get_day_fields(D0)
    saved = diary.save_form(D0, loaded, {**loaded, "pain": 5})  # type: ignore[dict-item]
    assert (saved.pain, saved.factors) == (5, {"Gardening": True})
    assert diary.get_day(D0) == saved


# -- own factors and suspects ------------------------------------------------------------


def test_a_new_factor_is_dated_today_and_archiving_returns_it_archived(diary: Diary) -> None:
    today = dt.date.today()
    added = diary.add_factor("Mood", "rating", threshold=6)
    assert added == OwnFactor("Mood", "rating", 6, False, today)
    assert diary.archive_factor("mood") == OwnFactor("Mood", "rating", 6, True, today)
    assert diary.factors(include_archived=True)[0].created_on == today


def test_factor_refusals_name_the_name_field(diary: Diary) -> None:
    diary.add_factor("Walk", "minutes")
    with pytest.raises(FactorError) as taken:
        diary.add_factor("WALK", "rating")
    assert taken.value.field == "name"
    assert str(taken.value) == "name: you already have a factor named 'Walk'"
    for number in range(19):
        diary.add_factor(f"factor {number}", "yesno")
    with pytest.raises(FactorError) as full:
        diary.add_factor("one more", "yesno")
    assert full.value.problems == [
        ("name", "you can have at most 20 own factors; archive one first")
    ]


def test_a_fourth_suspect_is_refused_on_the_factor_field(diary: Diary) -> None:
    for factor, lag in (("sitting", 1), ("sleep", 0), ("stress", 1)):
        diary.add_suspect(factor, lag)
    with pytest.raises(FactorError) as caught:
        diary.add_suspect("posture")
    assert caught.value.field == "factor"
    assert str(caught.value).startswith("factor: You can have at most 3 suspects;")


def test_import_suspects_adds_a_backups_suspects_with_their_dates(diary: Diary) -> None:
    declared = Suspect("sitting", 1, dt.date(2024, 5, 1), dt.date(2024, 5, 1))
    assert diary.import_suspects([declared]) == 1
    assert diary.suspects() == [declared]
    assert diary.import_suspects([declared]) == 0  # already declared


# -- check-ins ------------------------------------------------------------------------------


def test_day_pain_of_a_day_never_logged_is_nothing(diary: Diary) -> None:
    pain = diary.day_pain(D0)
    assert (pain.pain, pain.worst_pain, pain.source, pain.checkins) == (None, None, None, 0)


def test_reimporting_a_checkin_csv_counts_each_checkin_unchanged_once(
    diary: Diary, tmp_path: Path
) -> None:
    diary.save_checkin({"date": D0, "time": "08:00", "pain": 3})
    diary.save_checkin({"date": D0, "time": "20:00", "pain": 6})
    diary.save_checkin({"date": _day(1), "time": "09:30", "pain": 4})
    out = tmp_path / "checkins.csv"
    assert diary.export_checkins_csv(out) == 3
    report = diary.import_csv(out)
    assert report.ok and report.kind == "checkins"
    assert (report.checkins_added, report.checkins_unchanged, report.checkins_replaced) == (
        0,
        3,
        0,
    )


def test_a_backup_whose_checkin_changed_meanwhile_is_a_conflict(
    diary: Diary, tmp_path: Path
) -> None:
    """Same day, same number of check-ins, one with another pain: not the same day."""
    diary.save_day({"date": D0, "pain": 3})
    diary.save_checkin({"date": D0, "time": "08:00", "pain": 4})
    backup = tmp_path / "backup.json"
    diary.export_json(backup)
    diary.save_checkin({"date": D0, "time": "08:00", "pain": 7}, overwrite=True)
    report = diary.import_json(backup)
    assert report.conflicts == [D0] and not report.ok
    assert [c.pain for c in diary.checkins(D0)] == [7]
    replaced = diary.import_json(backup, replace=True)
    assert replaced.replaced == [D0] and [c.pain for c in diary.checkins(D0)] == [4]


def test_import_checkins_takes_checkin_models_as_well_as_mappings(diary: Diary) -> None:
    from app.domain.checkin import make_checkin

    model = make_checkin({"date": D0, "time": "07:15", "pain": 5, "locations": ["calf:left"]})
    assert diary.import_checkins([model, {"date": D0, "time": "12:00", "pain": 2}]) == 2
    assert [(c.clock, c.pain, [str(x) for x in c.locations]) for c in diary.checkins(D0)] == [
        ("07:15", 5, ["calf:left"]),
        ("12:00", 2, []),
    ]


# -- files and the desktop ------------------------------------------------------------------


def test_a_bad_day_csv_header_is_refused_naming_the_file(diary: Diary, tmp_path: Path) -> None:
    bad = tmp_path / "mine.csv"
    bad.write_text("day,how bad\n2025-02-01,3\n", encoding="utf-8")
    with pytest.raises(CsvFileError) as caught:
        diary.import_csv(bad)
    assert str(caught.value).startswith(f"{bad}: line 1: the header must be exactly date,")


def test_show_in_folder_passes_the_export_to_the_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    from app import desktop

    shown = []
    monkeypatch.setattr(desktop, "show_in_folder", shown.append)
    Diary.show_in_folder("/tmp/exports/report.pdf")
    assert shown == ["/tmp/exports/report.pdf"]


def test_the_demo_diary_is_kept_by_demo_user(tmp_path: Path) -> None:
    with Diary.create_demo(tmp_path / "demo.sqlite3", 3) as demo:
        assert demo.setting("user_name") == "Demo User"
