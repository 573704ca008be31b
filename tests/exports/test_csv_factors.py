"""The day CSV with stress and own-factor columns; older headers still import."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.diary import Diary
from app.domain.own_factors import OwnFactor
from tests.exports.test_csv import HEADER_LINE, LEGACY_HEADER_LINE
from tests.strategies import OWN_FACTORS, days, unique_dates

DAY = dt.date(2026, 1, 5)


def _factors(diary: Diary) -> None:
    diary.add_factor("gardening", "yesno")
    diary.add_factor("Mood", "rating")
    diary.add_factor("Screen time", "minutes", 90)


def test_stress_then_one_column_per_own_factor_archived_ones_too(
    diary: Diary, tmp_path: Path
) -> None:
    _factors(diary)
    diary.save_day({"date": DAY, "stress": 7, "factors": {"gardening": True, "Screen time": 95}})
    diary.save_day({"date": DAY + dt.timedelta(days=1), "factors": {"gardening": False}})
    diary.archive_factor("gardening")
    out = tmp_path / "x.csv"
    diary.export_csv(out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        HEADER_LINE + ",factor:gardening:yesno,factor:Mood:rating,factor:Screen time:minutes"
    )
    assert lines[1].endswith(",0,,7,1,,95")
    assert lines[2].endswith(",0,,,0,,")


def test_import_creates_the_factors_its_header_names(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        HEADER_LINE + ",factor:Gardening:yesno,factor:Mood:rating\n"
        "2026-01-02,3,,,,,,,,,,,,,,,,0,,4,1,7\n"
        "2026-01-03,,,,,,,,,,,,,,,,,0,,,0,\n",
        encoding="utf-8",
    )
    report = diary.import_csv(path)
    assert report.ok, report.problems
    assert [(f.name, f.kind) for f in diary.factors()] == [
        ("Gardening", "yesno"),
        ("Mood", "rating"),
    ]
    first, second = diary.days()
    assert (first.stress, first.factors) == (4, {"Gardening": True, "Mood": 7})
    assert (second.stress, second.factors) == (None, {"Gardening": False})


def test_the_old_19_column_header_imports_unchanged(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text(LEGACY_HEADER_LINE + "\n2026-01-02,3,,,,neck,,,,,,,,,,,,1,old\n")
    report = diary.import_csv(path)
    assert report.ok, report.problems
    day = diary.get_day(dt.date(2026, 1, 2))
    assert day is not None and (day.pain, day.flare, day.note, day.stress) == (3, True, "old", None)
    assert diary.factors(include_archived=True) == []


def test_a_header_whose_kind_conflicts_is_refused_naming_column_and_kinds(
    capsys, tmp_path: Path
) -> None:
    db = tmp_path / "d.sqlite3"
    with Diary.open(db) as diary:
        diary.add_factor("Gardening", "yesno")
        diary.save_day({"date": DAY, "pain": 2})
    path = tmp_path / "in.csv"
    path.write_text(HEADER_LINE + ",factor:gardening:rating\n2026-01-02,3,,,,,,,,,,,,,,,,0,,,5\n")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    status = main(["--db", str(db), "import", str(path)])
    err = capsys.readouterr().err
    assert status == 2 and "nothing was imported" in err
    assert "factor:gardening:rating" in err and "rating" in err and "is yesno" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        (",factor:Mood:hours", ",3", "KIND one of yesno, rating, minutes"),
        (",factor:Mood", ",3", "headed factor:NAME:KIND"),
        (",mood", ",3", "headed factor:NAME:KIND"),
        (",factor:sleep:yesno", ",1", "is a built-in factor"),
        (",factor:Mood:rating,factor:mood:rating", ",1,1", "has two columns"),
    ],
)
def test_bad_factor_headers_are_refused(
    diary: Diary, tmp_path: Path, header: str, row: str, expected: str
) -> None:
    from app.exports.csv_format import CsvFileError

    path = tmp_path / "in.csv"
    path.write_text(HEADER_LINE + header + "\n2026-01-02,3,,,,,,,,,,,,,,,,0,," + row + "\n")
    with pytest.raises(CsvFileError, match=expected):
        diary.import_csv(path)
    assert diary.count() == 0 and diary.factors(include_archived=True) == []


def test_a_value_outside_its_kind_is_a_row_problem_and_nothing_is_imported(
    diary: Diary, tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        HEADER_LINE + ",factor:Mood:rating\n"
        "2026-01-02,3,,,,,,,,,,,,,,,,0,,,5\n"
        "2026-01-03,3,,,,,,,,,,,,,,,,0,,,11\n"
    )
    report = diary.import_csv(path)
    assert [line for line, _ in report.problems] == [3]
    assert "factors.Mood: must be a whole number from 0 to 10" in report.problems[0][1]
    assert diary.count() == 0 and diary.factors(include_archived=True) == []


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(days(own=OWN_FACTORS), max_size=8).map(unique_dates))
def test_csv_round_trip_with_stress_and_own_factors(tmp_path_factory, entries) -> None:
    folder = tmp_path_factory.mktemp("csv")
    with Diary.open(folder / "a.sqlite3") as first:
        for factor in OWN_FACTORS:
            first.add_factor(factor.name, factor.kind, factor.threshold)
        first.archive_factor(OWN_FACTORS[0].name)  # archived: still exported and restored
        assert first.import_entries(entries).ok
        first.export_csv(folder / "days.csv")
        expected = first.days()
    with Diary.open(folder / "b.sqlite3") as second:
        report = second.import_csv(folder / "days.csv")
        assert report.ok, report.problems
        got = second.days()
        assert [(f.name, f.kind) for f in second.factors(include_archived=True)] == [
            (f.name, f.kind) for f in OWN_FACTORS
        ]
    assert [(d.date, d.stress, d.factors) for d in got] == [
        (d.date, d.stress, d.factors) for d in expected
    ]
    assert [(d.stress, d.factors) for d in expected] == [
        (d.stress, d.factors) for d in sorted(entries, key=lambda d: d.date)
    ]


def test_own_factor_definition_is_plain_data() -> None:
    assert OwnFactor("x", "yesno").as_json()["kind"] == "yesno"
