"""Service behaviour the other fast tests left open, each worked out by hand.

A period's lists count only its own days; the PDF gets the weeks before the
period and the check-ins; a read-only diary stays read-only; a backup's
suspects are all imported, not only those before one already declared.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
from pathlib import Path

import pytest

from app.analysis.summary import Count
from app.diary import Diary
from app.domain.checkin import CheckIn
from app.domain.own_factors import Suspect
from app.storage.database import DiaryReadOnlyError

D0 = dt.date(2025, 3, 1)


def _day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


# -- what a period counts ------------------------------------------------------------


def test_the_period_summary_counts_only_the_lists_of_the_period_s_own_days(
    diary: Diary,
) -> None:
    """Day 0 (sharp pain, lower back) is 10 days before the period: it may inform the
    baseline, but the summary of day 10 alone must not list its symptom or location."""
    diary.save_day(
        {"date": _day(0), "pain": 5, "symptoms": ["sharp"], "locations": [{"region": "lower_back"}]}
    )
    diary.save_day({"date": _day(10), "pain": 3, "symptoms": ["aching"]})
    summary = diary.insights(_day(10), _day(10)).summary
    assert summary is not None
    assert summary.symptoms == (Count("aching", "Aching", 1),)
    assert summary.locations == ()
    assert summary.back_days == 0


# -- the doctor's PDF ------------------------------------------------------------------


def _report_pages(tmp_path: Path, name: str, *, with_checkin: bool) -> tuple[str, list[bytes]]:
    """The report of a one-day period, as its text and its pages drawn to PNG."""
    with Diary.open(tmp_path / f"{name}.sqlite3") as diary:
        # Entered scores, so a check-in changes no number in the text.
        diary.save_day({"date": _day(30), "pain": 4, "worst_pain": 6})
        if with_checkin:
            diary.save_checkin(CheckIn(date=_day(30), time=dt.time(9, 30), pain=6))
        pdf = tmp_path / f"{name}.pdf"
        diary.export_report(pdf, _day(30), _day(30))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / name)], check=True)
    return text, [png.read_bytes() for png in sorted(tmp_path.glob(f"{name}-*.png"))]


def test_the_report_draws_the_period_s_check_ins_on_its_chart(tmp_path: Path) -> None:
    """Two diaries alike but for one check-in: the same text, a different chart page."""
    text_without, pages_without = _report_pages(tmp_path, "without", with_checkin=False)
    text_with, pages_with = _report_pages(tmp_path, "with", with_checkin=True)
    assert "4.0 / 10" in text_with and "4/6" in text_with
    assert text_with == text_without
    assert len(pages_with) == len(pages_without) == 2
    assert pages_with[0] == pages_without[0]  # the first page is text and tables only
    assert pages_with[1] != pages_without[1]  # the trend chart shows the check-in


# -- a read-only diary ---------------------------------------------------------------------


def test_a_read_only_diary_opens_read_only_and_keeps_its_mode(diary_path: Path) -> None:
    with Diary.open(diary_path) as writable:
        writable.save_day({"date": D0, "pain": 3})
    os.chmod(diary_path, 0o400)
    with Diary.open(diary_path) as opened:
        assert opened.read_only is True
        assert [d.date for d in opened.days()] == [D0]
    assert stat.S_IMODE(diary_path.stat().st_mode) == 0o400


def test_a_read_only_empty_file_is_refused_naming_the_file_once(diary_path: Path) -> None:
    """Setting up an empty file means writing it: the message says so, with the path once."""
    diary_path.touch()
    os.chmod(diary_path, 0o400)
    with pytest.raises(DiaryReadOnlyError) as caught:
        Diary.open(diary_path)
    assert str(caught.value) == (
        f"{diary_path} is read-only, and opening it means writing to it (to set it up, or "
        "upgrade it from an older version of Pain Diary): make it writable "
        f"(chmod 600 {diary_path}) and try again"
    )


# -- suspects from a backup ----------------------------------------------------------------


def test_importing_suspects_skips_one_already_declared_and_adds_the_rest(diary: Diary) -> None:
    diary.add_suspect("sitting", 1)
    sleep = Suspect("sleep", 0, dt.date(2024, 5, 1), dt.date(2024, 5, 1))
    again = Suspect("sitting", 1, dt.date(2024, 4, 1), None)
    assert diary.import_suspects([again, sleep]) == 1
    assert sleep in diary.suspects()
    assert len(diary.suspects()) == 2
