"""Service behaviour the mutation run's third round found unpinned, each worked out by hand.

Refusals carry the words and field the user reads; a period asked for is the
period analysed, drawn and exported (no day before its lookback, none after its
end); an open diary's files stay owner-only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
from pathlib import Path

import pytest
from matplotlib.collections import PolyCollection

from app.diary import DayChangedError, Diary
from app.domain.checkin import CheckIn
from app.domain.entry import EntryError
from app.domain.own_factors import FactorError, Suspect
from app.storage import backups
from app.storage.database import DiaryFileError

D0 = dt.date(2025, 3, 1)


def _day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


# -- a day's pain -------------------------------------------------------------------------


def test_an_entered_worst_pain_wins_over_the_check_ins_highest(diary: Diary) -> None:
    diary.save_day({"date": D0, "worst_pain": 8})
    diary.save_checkin(CheckIn(date=D0, time=dt.time(9, 0), pain=5))
    diary.save_checkin(CheckIn(date=D0, time=dt.time(15, 0), pain=6))
    pain = diary.day_pain(D0)
    # Average from the check-ins, (5 + 6) / 2; worst as entered, not their highest 6.
    assert (pain.pain, pain.worst_pain, pain.source, pain.checkins) == (5.5, 8.0, "checkins", 2)


# -- refusals: the field and the words ---------------------------------------------------


def test_a_suspect_declared_twice_is_refused_on_the_factor_field(diary: Diary) -> None:
    diary.add_suspect("sitting", 1)
    with pytest.raises(FactorError) as caught:
        diary.add_suspect("sitting", 1)
    assert caught.value.field == "factor"
    assert caught.value.problems == [("factor", "sitting (next day) is already a suspect")]
    assert str(caught.value) == "factor: sitting (next day) is already a suspect"


def test_a_day_changed_without_named_fields_is_called_the_day() -> None:
    error = DayChangedError(D0, (), {"date": D0, "pain": 3})
    assert str(error) == "2025-03-01 was changed by another program since it was opened (the day)"


@pytest.mark.parametrize("how", ["update_day", "save_form"])
def test_an_unknown_field_of_a_day_is_refused_by_name_and_nothing_is_saved(
    diary: Diary, how: str
) -> None:
    with pytest.raises(EntryError) as caught:
        if how == "update_day":
            diary.update_day(D0, {"pain": 4, "bogus": 1})
        else:
            diary.save_form(D0, None, {"pain": 4, "bogus": 1})
    assert caught.value.problems == [("bogus", "is not a field of a day")]
    assert str(caught.value) == "bogus: is not a field of a day"
    assert diary.days() == []


def test_restoring_a_missing_backup_file_names_it(diary_path: Path, tmp_path: Path) -> None:
    Diary.open(diary_path).close()
    missing = tmp_path / "gone-2025-03-01.sqlite3"
    with pytest.raises(DiaryFileError) as caught:
        Diary.restore(diary_path, missing)
    assert str(caught.value) == f"{missing}: no such backup file"


def test_an_emptied_diary_with_backups_is_refused_saying_its_days_are_missing(
    diary_path: Path,
) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": D0, "pain": 3})
    Diary.open(diary_path).close()  # a second opening takes today's backup
    (good,) = backups.list_backups(diary_path)
    diary_path.write_bytes(b"")
    with pytest.raises(DiaryFileError) as caught:
        Diary.open(diary_path)
    said = f"{diary_path} is empty (0 bytes), but it has backups: its days are missing."
    assert caught.value.reason == said
    assert str(caught.value) == (
        f"{said} The file has been left untouched. The newest good backup is {good.path} "
        f"({good.date.isoformat()}); restore it with: "
        f"pain-diary --db {diary_path} restore {good.path}"
    )
    assert diary_path.stat().st_size == 0


# -- suspects ----------------------------------------------------------------------------


def test_a_backup_s_suspect_on_an_archived_own_factor_is_imported(diary: Diary) -> None:
    diary.add_factor("Knitting", "yesno")
    diary.archive_factor("Knitting")
    knitting = Suspect("knitting", 1, dt.date(2024, 4, 1), dt.date(2024, 4, 1))
    assert diary.import_suspects([knitting]) == 1
    # Stored under the factor's own spelling, as an own factor.
    assert diary.suspects() == [
        Suspect("Knitting", 1, dt.date(2024, 4, 1), dt.date(2024, 4, 1), own=True)
    ]


def test_trends_count_one_declared_suspect_not_yet_linked_as_one(diary: Diary) -> None:
    diary.add_suspect("sitting", 1)  # no days yet: it covers every day logged later
    for i in range(10):
        diary.save_day({"date": _day(i), "pain": 3})
    view = diary.trends(_day(0), _day(9))
    assert view.answer_suspects == 1
    assert [(f.factor, f.lag) for f in view.findings if f.declared] == [("sitting", 1)]


# -- the period asked for is the period analysed -----------------------------------------


def test_insights_count_only_the_check_ins_up_to_the_period_s_end(diary: Diary) -> None:
    for i in range(6):
        diary.save_day({"date": _day(i), "pain": 3})
    diary.save_checkin(CheckIn(date=_day(1), time=dt.time(9, 0), pain=4, doing="sitting"))
    # A day after the period: its check-in must not count.
    diary.save_checkin(CheckIn(date=_day(5), time=dt.time(9, 0), pain=8, doing="sitting"))
    found = diary.insights(_day(0), _day(4))
    assert found.checkins == 1
    assert [(a.doing, a.checkins, a.mean_pain) for a in found.by_activity] == [("sitting", 1, 4.0)]


def test_insights_run_to_the_end_asked_for_past_the_last_logged_day(diary: Diary) -> None:
    for i in range(5):
        diary.save_day({"date": _day(i), "pain": 3})
    found = diary.insights(_day(0), _day(9))
    assert (found.start, found.end) == (_day(0), _day(9))
    assert found.summary is not None
    # Ten days in the period, five of them logged.
    assert (found.summary.days_in_period, found.days_logged) == (10, 5)


@pytest.mark.parametrize(
    ("low_days_before", "shaded"),
    [(90, 0), (30, 1)],
    ids=["low days out of the 60-day lookback", "low days within it"],
)
def test_the_trend_chart_s_flare_marks_use_only_the_60_days_before_the_period(
    diary: Diary, low_days_before: int, shaded: int
) -> None:
    """Seven days of pain 2 give a baseline of 2, so pain 5 on day 100 is a flare
    (5 >= 2 + 2) only when those days lie within the 60 days before the period,
    as insights and the report count it."""
    first_low = 100 - low_days_before
    for i in range(first_low, first_low + 7):
        diary.save_day({"date": _day(i), "pain": 2})
    diary.save_day({"date": _day(100), "pain": 5})
    top = diary.chart("trend", _day(100), _day(100)).axes[0]
    flare_paths = sum(len(c.get_paths()) for c in top.collections if isinstance(c, PolyCollection))
    assert flare_paths == shaded


def _svg_texts(svg: str) -> list[str]:
    # Matplotlib draws SVG text as glyph paths, each text preceded by a comment holding it.
    return re.findall(r"<!-- (.*?) -->", svg)


def test_an_exported_chart_shows_the_period_asked_for_not_the_diary_s_last_day(
    diary: Diary, tmp_path: Path
) -> None:
    for i in range(10):
        diary.save_day({"date": _day(i), "pain": 3})
    out = tmp_path / "pain.svg"
    assert diary.export_chart(out, "trend", _day(2), _day(4)) == (_day(2), _day(4))
    texts = _svg_texts(out.read_text(encoding="utf-8"))
    assert "Pain and activity, 3 Mar – 5 Mar 2025" in texts
    assert not any("10 Mar" in text for text in texts)


def test_a_fhir_export_of_a_period_leaves_out_the_days_after_its_end(
    diary: Diary, tmp_path: Path
) -> None:
    for i in range(3):
        diary.save_day({"date": _day(i), "pain": 3})
    out = tmp_path / "bundle.json"
    assert diary.export_fhir(out, None, _day(1)) == 2
    bundle = json.loads(out.read_text(encoding="utf-8"))
    dates = sorted(
        e["resource"]["effectiveDateTime"][:10]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
    )
    assert dates == ["2025-03-01", "2025-03-02"]


# -- files stay owner-only ---------------------------------------------------------------


def test_opening_a_diary_makes_its_write_ahead_log_owner_only(diary_path: Path) -> None:
    with Diary.open(diary_path) as first:
        # While one program has it open after a save, the log holds the change.
        first.save_day({"date": D0, "pain": 3})
        wal = Path(f"{diary_path}-wal")
        assert wal.stat().st_size > 0
        wal.chmod(0o644)
        with Diary.open(diary_path) as second:
            assert second.get_day(D0).pain == 3  # type: ignore[union-attr]
            assert stat.S_IMODE(wal.stat().st_mode) == 0o600
