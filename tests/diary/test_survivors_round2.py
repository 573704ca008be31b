"""Service behaviour the mutation run's second round found unpinned, each worked out by hand.

Reads of one day must not see another day; numbering and field names in refusals
are the ones the user reads; defaults of `Diary.open`, `Diary(...)` and
`import_csv` are the safe ones; a damaged diary's error carries its backup.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from app.diary import Diary
from app.diary.factors import suspect_refusal
from app.domain.checkin import CheckIn
from app.domain.entry import EntryError
from app.domain.own_factors import FactorError, OwnFactor, Suspect
from app.exports.csv_format import CsvFileError
from app.storage import backups
from app.storage.database import DiaryFileError

D0 = dt.date(2025, 3, 1)
BUILT_IN = "sitting, inactivity, posture, overexertion, sleep, stress"


def _day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


# -- check-ins: one day's reads and deletes leave the other days alone -------------------


def test_deleting_the_last_check_in_of_a_check_in_only_day_drops_that_day_only(
    diary: Diary,
) -> None:
    """Day 0 has entered pain; day 1 exists only through its check-in. Deleting that
    check-in empties day 1, which goes; day 0 (older, listed first) stays."""
    diary.save_day({"date": _day(0), "pain": 5})
    diary.save_checkin(CheckIn(date=_day(1), time=dt.time(9, 0), pain=4))
    assert [d.date for d in diary.days()] == [_day(0), _day(1)]
    removed = diary.delete_checkin(_day(1), dt.time(9, 0))
    assert removed is not None and removed.pain == 4
    assert [d.date for d in diary.days()] == [_day(0)]
    assert diary.get_day(_day(0)).pain == 5  # type: ignore[union-attr]


def test_deleting_a_check_in_on_a_day_without_any_returns_none_and_keeps_the_others(
    diary: Diary,
) -> None:
    diary.save_checkin(CheckIn(date=_day(0), time=dt.time(9, 0), pain=4))
    assert diary.delete_checkin(_day(1), dt.time(9, 0)) is None
    assert [(c.date, c.time, c.pain) for c in diary.checkins(_day(0))] == [
        (_day(0), dt.time(9, 0), 4)
    ]


def test_a_refused_check_in_in_an_import_is_numbered_from_one_and_nothing_is_saved(
    diary: Diary,
) -> None:
    good = {"date": _day(0), "time": dt.time(9, 0), "pain": 4}
    bad = {"date": _day(0), "time": dt.time(10, 0), "pain": 11}
    with pytest.raises(EntryError) as caught:
        diary.import_checkins([good, bad])
    assert str(caught.value) == "check-in 2: pain: must be a whole number from 0 to 10, got 11"
    assert caught.value.problems == [
        ("check-in 2: pain", "must be a whole number from 0 to 10, got 11")
    ]
    assert diary.checkins(_day(0)) == []


def test_importing_no_check_ins_saves_none_and_says_zero(diary: Diary) -> None:
    assert diary.import_checkins([]) == 0
    assert diary.checkins_between() == {}


# -- own factors and suspects: the words the user reads ----------------------------------


def test_a_factor_definition_of_another_kind_is_refused_naming_both_kinds(diary: Diary) -> None:
    diary.add_factor("Knitting", "yesno")
    with pytest.raises(FactorError) as caught:
        diary.ensure_factors([OwnFactor("knitting", "rating")])
    assert str(caught.value) == (
        "factor:knitting:rating: the diary's factor 'Knitting' is yesno, this says rating"
    )
    assert [(f.name, f.kind) for f in diary.factors()] == [("Knitting", "yesno")]


def test_renaming_a_factor_in_a_diary_without_factors_says_there_are_none_yet(
    diary: Diary,
) -> None:
    with pytest.raises(FactorError) as caught:
        diary.rename_factor("Knitting", "Sewing")
    assert str(caught.value) == "name: 'Knitting' is not one of your factors; yours: none yet"


def test_renaming_a_factor_returns_it_under_its_new_name(diary: Diary) -> None:
    diary.add_factor("Knitting", "yesno")
    renamed = diary.rename_factor("knitting", "Sewing")
    assert (renamed.name, renamed.kind, renamed.archived) == ("Sewing", "yesno", False)
    assert [f.name for f in diary.factors()] == ["Sewing"]


@pytest.mark.parametrize(
    ("factor", "said"),
    [("nonsense", "'nonsense'"), (5, "5")],
    ids=["unknown name", "not text"],
)
def test_an_unknown_suspect_factor_is_refused_on_the_factor_field_listing_the_choices(
    diary: Diary, factor, said: str
) -> None:
    with pytest.raises(FactorError) as caught:
        diary.add_suspect(factor)
    assert caught.value.problems == [
        ("factor", f"unknown factor {said}; allowed: {BUILT_IN}"),
    ]
    assert diary.suspects() == []


def test_a_same_day_suspect_declared_twice_is_refused_in_words_saying_the_same_day(
    diary: Diary,
) -> None:
    diary.add_suspect("sitting", 0)
    with pytest.raises(FactorError) as caught:
        diary.add_suspect("sitting", 0)
    words = suspect_refusal(caught.value, diary.suspects(), "sitting", 0, "above")
    assert words == "Long sitting: flare-ups the same day is already one of your suspects."


def test_importing_two_new_suspects_counts_two(diary: Diary) -> None:
    sitting = Suspect("sitting", 1, dt.date(2024, 4, 1), None)
    sleep = Suspect("sleep", 0, dt.date(2024, 5, 1), dt.date(2024, 5, 1))
    assert diary.import_suspects([sitting, sleep]) == 2
    assert diary.suspects() == [sitting, sleep]


# -- opening: defaults, damage, backups --------------------------------------------------


def test_a_new_diary_opens_writable(diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        assert diary.read_only is False


def test_a_diary_made_directly_from_its_path_is_writable_by_default(diary_path: Path) -> None:
    Diary.open(diary_path).close()  # create and set up the file
    with Diary(diary_path) as direct:
        assert direct.read_only is False
        direct.save_day({"date": D0, "pain": 3})
    with Diary.open(diary_path) as again:
        assert [(d.date, d.pain) for d in again.days()] == [(D0, 3)]


def test_whether_the_default_diary_needs_a_passphrase_is_answered_without_a_path() -> None:
    """conftest points the default diary at a fresh temporary path: plain or absent."""
    assert Diary.needs_passphrase() is False


def test_a_damaged_diary_s_error_carries_its_newest_good_backup(diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": D0, "pain": 3})
    Diary.open(diary_path).close()  # a second opening takes today's backup
    (good,) = backups.list_backups(diary_path)
    diary_path.write_bytes(b"\x00" * 100 + b"not a database" * 100)
    with pytest.raises(DiaryFileError) as caught:
        Diary.open(diary_path)
    assert caught.value.backup == good
    assert str(good.path) in str(caught.value)


def test_opening_an_encrypted_diary_takes_today_s_backup_encrypted(diary_path: Path) -> None:
    passphrase = "correct horse battery staple"
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": D0, "pain": 3})
    Diary.encrypt(diary_path, passphrase)
    # As on the next day: no backup of today yet.
    shutil.rmtree(backups.backup_dir(diary_path))
    with Diary.open(diary_path, passphrase) as diary:
        assert diary.warnings == []
    (made,) = backups.list_backups(diary_path)
    assert made.date == dt.date.today()
    assert Diary.is_encrypted(made.path)


# -- what the screens and exports are given ----------------------------------------------


@pytest.mark.parametrize(
    ("low_days_before", "flare"),
    [(90, False), (30, True)],
    ids=["low days out of the 60-day lookback", "low days within it"],
)
def test_a_summary_row_is_a_flare_by_the_baseline_of_the_60_days_before_the_period(
    diary: Diary, low_days_before: int, flare: bool
) -> None:
    """Seven days of pain 2 give a baseline of 2, so pain 5 on day 100 is a flare
    (5 >= 2 + 2) only when those days lie within the 60 days insights looks back."""
    first_low = 100 - low_days_before
    for i in range(first_low, first_low + 7):
        diary.save_day({"date": _day(i), "pain": 2})
    diary.save_day({"date": _day(100), "pain": 5})
    (row,) = diary.summaries(_day(100), _day(100))
    assert row.flare_day is flare
    assert diary.insights(_day(100), _day(100)).summary.flare_days == int(flare)  # type: ignore[union-attr]


def test_trends_carry_the_answer_times_of_insights(diary: Diary) -> None:
    for i in range(10):
        diary.save_day({"date": _day(i), "pain": 3 + i % 3})
    view = diary.trends(_day(0), _day(9))
    assert len(view.answer_times) == 12  # six built-in factors, same day and next day
    assert view.answer_times[0] == (
        "Not enough days with long sitting yet to say how long until we know (the same day)."
    )
    assert view.answer_times[-1] == (
        "Not enough days with high stress yet to say how long until we know (the next day)."
    )


def test_a_chart_is_drawn_at_the_dpi_asked_for(diary: Diary) -> None:
    diary.save_day({"date": D0, "pain": 3})
    figure = diary.chart("trend", D0, D0, width=4.0, height=3.0, dpi=50)
    assert figure.dpi == 50
    assert tuple(figure.get_size_inches() * figure.dpi) == (200.0, 150.0)


def test_a_csv_export_of_a_period_leaves_out_the_days_after_its_end(
    diary: Diary, tmp_path: Path
) -> None:
    for i in range(3):
        diary.save_day({"date": _day(i), "pain": 3 + i})
    out = tmp_path / "days.csv"
    assert diary.export_csv(out, _day(0), _day(1)) == 2
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["date"], r["pain"]) for r in rows] == [("2025-03-01", "3"), ("2025-03-02", "4")]


@pytest.mark.parametrize(
    ("first", "last", "dates"),
    [
        # Days 1 and 2: two pain observations, and the one check-in of day 2.
        (1, 2, ["2025-03-02", "2025-03-03", "2025-03-03"]),
        # Days 0 and 1: two pain observations, and the one check-in of day 0.
        (0, 1, ["2025-03-01", "2025-03-01", "2025-03-02"]),
    ],
    ids=["check-ins-before-its-start", "check-ins-after-its-end"],
)
def test_a_fhir_export_of_a_period_leaves_out_check_ins_outside_it(
    diary: Diary, tmp_path: Path, first: int, last: int, dates: list[str]
) -> None:
    for i in range(3):
        diary.save_day({"date": _day(i), "pain": 3})
    diary.save_checkin(CheckIn(date=_day(0), time=dt.time(9, 0), pain=7))
    diary.save_checkin(CheckIn(date=_day(2), time=dt.time(9, 0), pain=6))
    out = tmp_path / "bundle.json"
    assert diary.export_fhir(out, _day(first), _day(last)) == 3
    bundle = json.loads(out.read_text(encoding="utf-8"))
    observed = sorted(
        e["resource"]["effectiveDateTime"][:10]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
    )
    assert observed == dates


# -- importing CSV files -----------------------------------------------------------------


def test_a_csv_import_keeps_a_different_existing_day_unless_asked_to_replace(
    diary: Diary, tmp_path: Path
) -> None:
    file = tmp_path / "days.csv"
    with Diary.open(tmp_path / "other.sqlite3") as other:
        other.save_day({"date": D0, "pain": 7})
        other.export_csv(file)
    diary.save_day({"date": D0, "pain": 3})
    report = diary.import_csv(file)
    assert report.conflicts == [D0]
    assert report.replaced == []
    assert diary.get_day(D0).pain == 3  # type: ignore[union-attr]


def test_a_check_in_csv_with_a_short_header_is_refused_naming_the_file(
    diary: Diary, tmp_path: Path
) -> None:
    file = tmp_path / "checkins.csv"
    file.write_text("date,time,pain\n2025-03-01,09:00,4\n", encoding="utf-8")
    with pytest.raises(CsvFileError) as caught:
        diary.import_csv(file)
    assert str(caught.value) == (
        f"{file}: line 1: the header must be exactly date,time,pain,locations,symptoms,doing,notes"
    )
    assert diary.checkins_between() == {}
