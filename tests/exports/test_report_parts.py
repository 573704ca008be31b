"""The report's parts: content as plain data, drawing apart, paper sizes checked once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from app.diary import Diary
from app.exports.report_pdf import PAPERS, report_pdf
from app.exports.report_pdf.content import (
    CELL_NAME_CHARS,
    DAY_COLUMNS,
    OPTIONAL_COLUMNS,
    DayRow,
    ReportContent,
    build_content,
    own_factor_cell,
)

FLAG_CODE = "progressive_weakness"


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory):
    """The demo diary's days (one with a red flag) and their insights."""
    db = tmp_path_factory.mktemp("parts") / "demo.sqlite3"
    with Diary.create_demo(db, 60) as diary:
        day = diary.days()[-5]
        diary.save_day(day.model_copy(update={"red_flags": [FLAG_CODE]}))
        return diary.days(), diary.insights(), day.date


def test_content_is_plain_data_made_without_fpdf(analysed) -> None:
    days, found, flag_date = analysed
    content = build_content(
        found, days, name="Ada", generated=dt.date(2026, 3, 1), include_days=True, charts=False
    )
    assert isinstance(content, ReportContent)
    assert content.days_logged == found.days_logged == len(days)
    assert any(flag_date in dates for _, dates in content.red_flags)
    assert content.figures[0].value == f"{found.summary.pain_mean:.1f} / 10"
    assert content.day_rows is not None and len(content.day_rows) == len(days)
    assert content.day_columns == DAY_COLUMNS  # the demo logs stress and an own factor
    assert all(isinstance(r, DayRow) and len(r.cells) == len(DAY_COLUMNS) for r in content.day_rows)
    assert [r.red_flag for r in content.day_rows].count(True) == 1
    # Apart from the charts (Figures), everything is text, numbers and dates.
    plain = (str, int, float, bool, dt.date, type(None))

    def check(value: object) -> None:
        if dataclasses.is_dataclass(value):
            for item in dataclasses.fields(value):
                check(getattr(value, item.name))
        elif isinstance(value, (list, tuple, frozenset)):
            for item in value:
                check(item)
        else:
            assert isinstance(value, plain), type(value)

    check(dataclasses.replace(content, charts=[], optional_charts=[]))


def test_paper_names_and_content_import_no_fpdf() -> None:
    """The CLI and the UI can list paper sizes without paying for fpdf2 (~0.5 s)."""
    code = (
        "import sys\n"
        "from app.exports.report_pdf import PAPERS\n"
        "import app.exports.report_pdf.content\n"
        "print('fpdf' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


def test_an_unknown_paper_is_refused_before_any_work(tmp_path: Path) -> None:
    # No analysis result at all: the paper is checked before it is looked at.
    with pytest.raises(ValueError, match="'a5'; use a4 or letter"):
        report_pdf(None, [], paper="a5")
    target = tmp_path / "out.pdf"
    with Diary.open(tmp_path / "d.sqlite3") as diary, pytest.raises(ValueError, match="a5"):
        diary.export_report(target, paper="a5")
    assert not target.exists()


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_every_paper_makes_a_report(analysed, paper: str) -> None:
    days, found, _ = analysed
    report = report_pdf(found, days, paper=paper, generated=dt.date(2026, 3, 1))
    assert report.data.startswith(b"%PDF") and report.pages >= 2


def test_a_diary_without_stress_or_own_factors_keeps_the_day_table_it_had(tmp_path: Path) -> None:
    with Diary.open(tmp_path / "d.sqlite3") as diary:
        for i in range(3):
            diary.save_day({"date": dt.date(2026, 2, 1 + i), "pain": 3, "sitting_minutes": 300})
        days, found = diary.days(), diary.insights()
    content = build_content(found, days, include_days=True, charts=False)
    assert "Stress" not in content.day_columns and "Your factors" not in content.day_columns
    assert content.day_columns == tuple(c for c in DAY_COLUMNS if c not in OPTIONAL_COLUMNS)
    assert content.day_rows is not None
    assert all(len(r.cells) == len(content.day_columns) for r in content.day_rows)
    assert content.suspects == [] and content.suspects_note == ""


def test_own_factor_cells_name_yes_days_and_cut_long_names() -> None:
    kinds = {"gardening": "yesno", "neck tension": "rating", "dog walk": "minutes"}
    values = {"dog walk": 45, "gardening": True, "neck tension": 8, "Unknown one": False}
    assert own_factor_cell(values, kinds) == "gardening; neck tension 8; dog walk 45 min"
    assert own_factor_cell({"gardening": False}, kinds) == ""
    long = "x" * 60
    assert own_factor_cell({long: True}, {long: "yesno"}) == "x" * (CELL_NAME_CHARS - 1) + "…"
