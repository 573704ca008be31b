"""The CSV interchange format: exact header, safe cells, all-or-nothing import."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.diary import Diary
from app.domain.entry import DayEntry
from app.exports.csv_format import HEADER, escape_cell, unescape_cell
from tests.strategies import days, unique_dates

HEADER_LINE = (
    "date,pain,worst_pain,enjoyment_interference,activity_interference,locations,symptoms,"
    "sitting_minutes,standing_minutes,active_minutes,exercises,exertion,posture,sleep_hours,"
    "sleep_quality,treatments,red_flags,flare,notes,stress"
)


def test_the_header_is_exactly_the_documented_one(diary: Diary, tmp_path: Path) -> None:
    assert ",".join(HEADER) == HEADER_LINE
    out = tmp_path / "x.csv"
    diary.export_csv(out)
    assert out.read_text(encoding="utf-8") == HEADER_LINE + "\n"


def test_a_day_is_written_as_documented(diary: Diary, tmp_path: Path) -> None:
    diary.save_day(
        {
            "date": "2026-01-05",
            "pain": 6,
            "locations": [{"region": "calf", "side": "left"}, {"region": "lower_back"}],
            "exercises": [{"name": "walking", "minutes": 30}, {"name": "cat_cow"}],
            "treatments": [{"name": "ice", "relief": 4}, {"name": "heat"}],
            "sleep_hours": 7.5,
            "flare": True,
        }
    )
    out = tmp_path / "x.csv"
    diary.export_csv(out)
    row = out.read_text(encoding="utf-8").splitlines()[1]
    assert (
        row == "2026-01-05,6,,,,lower_back;calf:left,,,,,walking:30;cat_cow,,,7.5,,ice:4;heat,,1,,"
    )


@pytest.mark.parametrize("note", ["=SUM(A1:A9)", "+1 day", "-2 better", "@home", "'quoted"])
def test_formula_like_cells_are_escaped_and_come_back_exact(
    diary: Diary, tmp_path: Path, note: str
) -> None:
    diary.save_day({"date": "2026-01-05", "note": note})
    out = tmp_path / "x.csv"
    diary.export_csv(out)
    cell = out.read_text(encoding="utf-8").splitlines()[1].split(",")[18].strip('"')
    assert cell.startswith("'")  # a spreadsheet shows it as text instead of running it
    with Diary.open(tmp_path / "other.sqlite3") as other:
        assert other.import_csv(out).ok
        assert other.get_day(dt.date(2026, 1, 5)).note == note.strip()  # type: ignore[union-attr]


def test_escape_and_unescape_are_inverse_on_tricky_text() -> None:
    for text in ["", "'", "''", "'=", "=", "plain", "'plain", "-", "@@"]:
        assert unescape_cell(escape_cell(text)) == text


#: The header before stress (19 columns): files written then still import as they are.
LEGACY_HEADER_LINE = HEADER_LINE.removesuffix(",stress")


def _csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "in.csv"
    path.write_text("\n".join([LEGACY_HEADER_LINE, *rows]) + "\n", encoding="utf-8")
    return path


GOOD_ROW = "2026-01-02,3,,,,lower_back,,,,,,,,,,,,0,fine"
BAD_ROWS = [
    ("2026-01-03,11,,,,,,,,,,,,,,,,0,", "pain", "0 to 10"),
    ("2026-01-03,,,,,,,-5,,,,,,,,,,0,", "sitting_minutes", "0 to 1440"),
    ("2026-01-03,,,,,,,1500,,,,,,,,,,0,", "sitting_minutes", "0 to 1440"),
    ("2026-01-03,,,,,,,600,600,300,,,,,,,,0,", "sitting + standing", "1440"),
    ("2026-01-03,,,,,elbow,,,,,,,,,,,,0,", "region", "lower_back"),
    ("2026-01-03,,,,,,itchy,,,,,,,,,,,0,", "symptom", "tingling"),
    ("2026-02-30,,,,,,,,,,,,,,,,,0,", "date", "YYYY-MM-DD"),
    ("2999-01-01,,,,,,,,,,,,,,,,,0,", "date", "future"),
    ("2026-01-03,,,,,,,,,,,,,,,,,maybe,", "flare", "1 (flare) or 0"),
    ("2026-01-03,3,,", "cells", "19"),
    (GOOD_ROW, "2026-01-02", "already on line 2"),
]


@pytest.mark.parametrize(("row", "field", "allowed"), BAD_ROWS)
def test_a_bad_row_imports_nothing_and_names_line_field_and_range(
    capsys, tmp_path: Path, row: str, field: str, allowed: str
) -> None:
    db = tmp_path / "d.sqlite3"
    with Diary.open(db) as diary:
        diary.save_day({"date": "2025-12-31", "pain": 2})
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    status = main(["--db", str(db), "import", str(_csv(tmp_path, GOOD_ROW, row))])
    err = capsys.readouterr().err
    assert status == 2
    assert "nothing was imported" in err and "line 3" in err
    assert field in err and allowed in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_every_bad_row_is_listed(diary: Diary, tmp_path: Path) -> None:
    report = diary.import_csv(_csv(tmp_path, BAD_ROWS[0][0], GOOD_ROW, BAD_ROWS[4][0]))
    assert [line for line, _ in report.problems] == [2, 4]
    assert diary.count() == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"date,pain\n2026-01-01,3\n", "header must be exactly"),
        (b"\xff\xfe\x00d\x00a", "not UTF-8"),
        (HEADER_LINE.encode() + b'\n2026-01-01,"unclosed\n', "not valid CSV"),
    ],
)
def test_files_that_are_not_diary_csv_are_refused(
    capsys, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    status = main(["--db", str(tmp_path / "d.sqlite3"), "import", str(path)])
    assert status == 2 and expected in capsys.readouterr().err


def test_a_byte_order_mark_and_blank_lines_are_tolerated(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + LEGACY_HEADER_LINE.encode() + b"\n\n" + GOOD_ROW.encode() + b"\n"
    )
    assert diary.import_csv(path).added == [dt.date(2026, 1, 2)]


# --- property: export -> import -> export is byte-identical ----------------------------


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=st.lists(days(), max_size=8).map(unique_dates))
def test_export_import_export_is_byte_identical(tmp_path_factory, entries: list[DayEntry]) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    with Diary.open(folder / "a.sqlite3") as first:
        first.import_entries(entries)
        first.export_csv(folder / "one.csv")
    with Diary.open(folder / "b.sqlite3") as second:
        report = second.import_csv(folder / "one.csv")
        assert report.ok, report.problems
        second.export_csv(folder / "two.csv")
    assert (folder / "one.csv").read_bytes() == (folder / "two.csv").read_bytes()


def test_a_note_with_a_bare_carriage_return_stays_one_row(diary: Diary, tmp_path: Path) -> None:
    saved = diary.save_day({"date": "2026-01-05", "note": "line one\rline two\r\nthree"})
    assert saved.note == "line one\nline two\nthree"
    out = tmp_path / "x.csv"
    diary.export_csv(out)
    with Diary.open(tmp_path / "other.sqlite3") as other:
        assert other.import_csv(out).ok
        assert other.days() == [saved]
