"""Refusals of a CSV file as a whole: each names the file and says what is expected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.exports.checkin_csv import parse_checkin_csv_text
from app.exports.csv_format import CsvFileError, parse_csv_text, read_csv

# Written out from docs/csv-format.md, not taken from the code.
DAY_HEADER = (
    "date,pain,worst_pain,enjoyment_interference,activity_interference,locations,symptoms,"
    "sitting_minutes,standing_minutes,active_minutes,exercises,exertion,posture,sleep_hours,"
    "sleep_quality,treatments,red_flags,flare,notes,stress"
)
CHECKIN_HEADER = "date,time,pain,locations,symptoms,doing,notes"
EMPTY_ROW_TAIL = "," * 18  # after date and pain: the 18 other cells of a day left blank


def _refusal(call, *args) -> str:
    with pytest.raises(CsvFileError) as caught:
        call(*args)
    return str(caught.value)


def test_an_empty_day_file_names_itself_and_the_header_it_needs() -> None:
    assert _refusal(parse_csv_text, "", "days.csv") == (
        f"days.csv: is empty; expected the header line {DAY_HEADER}"
    )


def test_text_without_a_file_name_is_called_csv() -> None:
    assert _refusal(parse_csv_text, "") == f"CSV: is empty; expected the header line {DAY_HEADER}"


def test_an_empty_checkin_file_names_itself_and_the_header_it_needs() -> None:
    assert _refusal(parse_checkin_csv_text, "", "checkins.csv") == (
        f"checkins.csv: is empty; expected the header line {CHECKIN_HEADER}"
    )


def test_a_bad_own_factor_column_is_named_with_its_file_and_number() -> None:
    text = f"{DAY_HEADER},factor:Gardening:colour\n"
    assert _refusal(parse_csv_text, text, "days.csv") == (
        "days.csv: line 1: column 21 ('factor:Gardening:colour'): own factor columns are "
        "headed factor:NAME:KIND with KIND one of yesno, rating, minutes"
    )


def test_a_file_with_old_mac_line_endings_is_read() -> None:
    """Spreadsheets on old Macs end lines with a bare CR; csv reads those when given them."""
    text = f"{DAY_HEADER}\r2026-01-05,4{EMPTY_ROW_TAIL}\r2026-01-06,6{EMPTY_ROW_TAIL}\r"
    parsed = parse_csv_text(text, "mac.csv")
    assert parsed.problems == []
    assert [(e.date, e.pain) for e in parsed.entries] == [
        (dt.date(2026, 1, 5), 4),
        (dt.date(2026, 1, 6), 6),
    ]


def test_read_csv_refuses_a_folder_saying_what_it_reads(tmp_path: Path) -> None:
    assert _refusal(read_csv, tmp_path) == (
        f"{tmp_path}: is a folder, not a regular file; "
        "only ordinary diary CSV files can be imported"
    )


def test_read_csv_names_the_file_in_its_refusals(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert _refusal(read_csv, path) == f"{path}: is empty; expected the header line {DAY_HEADER}"


def test_read_csv_reads_a_day(tmp_path: Path) -> None:
    path = tmp_path / "days.csv"
    path.write_text(f"{DAY_HEADER}\n2026-01-05,4{EMPTY_ROW_TAIL}\n", encoding="utf-8")
    parsed = read_csv(path)
    assert parsed.problems == []
    assert [(e.date, e.pain) for e in parsed.entries] == [(dt.date(2026, 1, 5), 4)]
