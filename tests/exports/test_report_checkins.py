"""Check-ins in the doctor's PDF, read back with pdftotext: the by-activity line from 10
check-ins on, and day scores derived from check-ins shown with a decimal and a mark."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.diary import Diary
from app.exports.report_pdf.content import DERIVED_FOOTNOTE
from tests.exports.test_report_pdf import _flat, _text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

START = dt.date(2025, 6, 2)
DOINGS = ["sitting", "walking", "sitting", "lying", "sitting"]


def _diary(path: Path, checkins: int) -> None:
    """Six days with pain and worst entered, and `checkins` check-ins spread over them."""
    with Diary.open(path) as diary:
        for i in range(6):
            diary.save_day({"date": START + dt.timedelta(days=i), "pain": 2 + i, "worst_pain": 9})
        diary.import_checkins(
            [
                {
                    "date": START + dt.timedelta(days=n % 6),
                    "time": f"{8 + n // 6:02d}:00",
                    "pain": 3 + n % 4,
                    "doing": DOINGS[n % 5],
                }
                for n in range(checkins)
            ]
        )


def _page_one(db: Path, out: Path, *args: str) -> str:
    assert main(["--db", str(db), "report", str(out), *args]) == 0
    return _flat(_text(out, 1))


def test_the_by_activity_line_from_ten_checkins_with_counts(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    _diary(db, 10)
    page = _page_one(db, tmp_path / "r.pdf")
    # By hand, n = 0..9: pain 3 + n % 4, doing DOINGS[n % 5].
    # sitting n = 0, 2, 4, 5, 7, 9 -> pain 3, 5, 3, 4, 6, 4 = 25 / 6 = 4.2
    # walking n = 1, 6 -> 4, 5 -> 4.5; lying n = 3, 8 -> 6, 3 -> 4.5
    assert "Pain at check-ins by activity (10 check-ins, 10 noting an activity;" in page
    assert "walking 4.5 (n=2), lying down 4.5 (n=2), sitting 4.2 (n=6)" in page
    assert "Associations in this diary, not causes." in page


def test_no_by_activity_line_below_ten_checkins(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    _diary(db, 9)
    page = _page_one(db, tmp_path / "r.pdf")
    assert "Pain at check-ins by activity" not in page
    assert "Average pain" in page  # the page is there, only the line is not


def test_a_day_scored_from_checkins_shows_a_decimal_and_the_mark(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    with Diary.open(db) as diary:
        diary.save_day({"date": START, "pain": 6, "worst_pain": 8})
        # No score entered on the next day: 4, 5 and 7 -> mean 5.33, worst 7.
        diary.import_checkins(
            [
                {"date": START + dt.timedelta(days=1), "time": t, "pain": p}
                for t, p in (("08:00", 4), ("12:00", 5), ("18:00", 7))
            ]
        )
    out = tmp_path / "r.pdf"
    page = _page_one(db, out, "--days")
    # Least / worst: the derived 5.33 is the least average, with its fraction and mark.
    assert "5.3* / 8" in page
    assert "2 days with a score (1 from check-ins*)" in page
    assert _flat(DERIVED_FOOTNOTE) in page
    table = _text(out, 3, layout=True)
    entered = next(line for line in table.splitlines() if re.match(r"\s*Mon 2 Jun", line))
    derived = next(line for line in table.splitlines() if re.match(r"\s*Tue 3 Jun", line))
    assert entered.split()[3:5] == ["6", "8"] and "*" not in entered
    assert derived.split()[3:5] == ["5.3*", "7.0*"]
    assert _flat(DERIVED_FOOTNOTE) in _flat(table)


def test_no_mark_and_no_footnote_without_derived_days(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    _diary(db, 10)  # every day has both scores entered: the check-ins only add points
    out = tmp_path / "r.pdf"
    page = _page_one(db, out, "--days")
    assert "from check-ins*" not in page and DERIVED_FOOTNOTE[:20] not in page
    assert "*" not in _text(out, 3)


def test_an_entered_average_with_a_worst_from_checkins_marks_only_the_worst(
    tmp_path: Path,
) -> None:
    db = tmp_path / "d.sqlite3"
    with Diary.open(db) as diary:
        diary.save_day({"date": START, "pain": 3})
        diary.save_checkin({"date": START, "time": "09:00", "pain": 6})
    out = tmp_path / "r.pdf"
    _page_one(db, out, "--days")
    row = next(line for line in _text(out, 3, layout=True).splitlines() if "Mon 2 Jun" in line)
    assert row.split()[3:5] == ["3", "6.0*"]
