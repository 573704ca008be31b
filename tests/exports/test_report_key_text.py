"""The doctor's PDF read back as text: its title, the key figures' labels, the flare
rule with the baseline worked out by hand, and the treatment lines.

One small diary typed in below; every expected figure is counted from it by hand.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.diary import Diary

START = dt.date(2026, 3, 1)  # 28 baseline days, then a 14-day period
PERIOD = (START + dt.timedelta(days=28), START + dt.timedelta(days=41))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("report")
    with Diary.open(folder / "d.sqlite3") as diary:
        for i in range(28):
            # Baseline: pain 3 on 20 days and 5 on 8: the median of the 28 is 3.
            diary.save_day({"date": START + dt.timedelta(days=i), "pain": 3 if i % 7 else 5})
        for i in range(14):
            day: dict[str, object] = {
                "date": PERIOD[0] + dt.timedelta(days=i),
                "pain": 2 if i < 12 else 6,
                "worst_pain": 7 if i == 5 else (6 if i >= 12 else 4),
            }
            if i < 3:
                day["treatments"] = [{"name": "heat", "relief": 3 + i}]  # relief 3, 4, 5
            elif i < 5:
                day["treatments"] = [{"name": "ibuprofen"}]  # not rated
            diary.save_day(day)
        pdf = folder / "report.pdf"
        diary.export_report(pdf, *PERIOD)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pdf, " ".join(text.split())


def test_the_pdf_is_titled_for_what_it_is(report: tuple[Path, str]) -> None:
    pdf, _ = report
    assert PdfReader(pdf).metadata.title == "Pain diary summary"


def test_the_key_figures_are_labelled(report: tuple[Path, str]) -> None:
    _, text = report
    # Least 2 (a day's average), worst 7 (the highest worst pain, day 5).
    assert "Least / worst" in text
    assert "2/7" in text
    assert "Pain, first → last 2 weeks" in text
    assert "PEG, first → last 2 weeks" in text


def test_the_flare_rule_names_the_baseline_window_and_its_value(
    report: tuple[Path, str],
) -> None:
    _, text = report
    # The 28 logged days before the period's last day: the last 15 baseline days
    # (pain 3, but 5 on two) and 13 period days (pain 2 on 12, 6 on one). Sorted,
    # the 14th and 15th of the 28 are both 3 (so also with the last day itself in).
    assert (
        "A flare day is a day marked as a flare, or pain at least 2 points above the "
        "personal baseline (median of the preceding 28 logged days; 3/10 at the end of "
        "the period)."
    ) in text


def test_each_treatment_has_its_days_and_mean_relief_or_not_rated(
    report: tuple[Path, str],
) -> None:
    _, text = report
    assert "Heat 3 d · relief 4.0" in text  # (3 + 4 + 5) / 3
    assert "Ibuprofen (NSAID) 2 d · not rated" in text
