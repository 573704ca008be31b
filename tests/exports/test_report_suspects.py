"""Suspects, stress and own factors in the doctor's PDF, read back with pdftotext / pypdf.

A suspect prints with its declaration date and the days its test counts, its
result with counts and how long until it is known; a report without suspects
has no suspects block; stress and own factors (archived ones labelled) are in
the day table; a long or non-Latin factor name neither crashes nor runs off the page.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.analysis.power import duration_words
from app.cli import main
from app.diary import Diary
from app.exports.report_pdf.content import long_date
from tests.exports.test_report_pdf import _flat, _text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

HEADING = "Suspects (declared by the patient)"


def _insights(db: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["--db", str(db), "insights", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _report(db: Path, out: Path, *args: str) -> Path:
    assert main(["--db", str(db), "report", str(out), *args]) == 0
    return out


@pytest.fixture(scope="module")
def suspected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 90-day demo with two suspects declared today: long sitting and its own 'gardening'."""
    db = tmp_path_factory.mktemp("suspects") / "demo.sqlite3"
    with Diary.create_demo(db, 90) as diary:
        diary.add_suspect("sitting", 1)
        diary.add_suspect("gardening", 1)
    return db


def test_suspects_print_with_declaration_date_covered_days_result_and_time_to_answer(
    suspected: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _flat(_text(_report(suspected, tmp_path / "r.pdf"), 1))
    data = _insights(suspected, capsys)
    with Diary.open(suspected) as diary:
        suspects = diary.suspects()
    assert HEADING in page
    assert "tested first" in page and "multiple comparisons" in page
    block = page[page.index(HEADING) :]
    for suspect in suspects:
        assert suspect.covers_from is not None  # declared after the demo's days
        first = suspect.covers_from + dt.timedelta(days=1)
        label = "Long sitting (" if suspect.factor == "sitting" else "gardening (own factor, "
        line = f"{label}next day) — declared {long_date(suspect.declared_on)}; "
        assert line + f"tested on days from {long_date(first)}." in block, line
    declared = [link for link in data["links"] if link["declared"]]
    assert len(declared) == 2
    for link in declared:
        counts = f"On {link['exposed_flares']} of the {link['exposed_days']} days after"
        assert counts in block
        assert f"against {link['unexposed_flares']} of {link['unexposed_days']} other days" in block
        # Declared today: its own test has no day yet, so a link is the exploratory one.
        assert (link["own_test_days"], link["own_test_linked"]) == (0, False)
        if link["verdict"] == "linked":
            assert (
                "Not confirmed yet by its own test (0 days with a record since it was "
                "declared). Among all factors, over the whole period: linked." in block
            )
            assert "confirmed by its own test." not in block
        elif link["days_to_answer"] is None:
            assert "not enough exposed days yet" in block
        else:
            assert f"about {duration_words(link['days_to_answer'])} of logging" in block
    # The demo's planted sitting link is a finding of the suspect block, not printed twice.
    sitting = next(link for link in declared if link["factor"] == "sitting")
    assert page.count(_flat(sitting["sentence"])[:60]) == 1


def test_a_suspect_declared_before_any_day_covers_every_day(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    with Diary.open(db) as diary:
        diary.add_suspect("stress", 0)
        for i in range(30):
            date = dt.date(2026, 5, 1) + dt.timedelta(days=i)
            diary.save_day({"date": date, "pain": 3 + (i % 4 == 0) * 4, "stress": 2 + i % 9})
        declared = diary.suspects()[0].declared_on
    page = _flat(_text(_report(db, tmp_path / "r.pdf"), 1))
    assert (
        f"High stress (same day) — declared {long_date(declared)}, before any day was logged; "
        "tested on every logged day." in page
    )


def test_no_suspects_no_block(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    Diary.create_demo(db, 60).close()
    page = _flat(_text(_report(db, tmp_path / "r.pdf"), 1))
    assert "Flare-ups and what went with them" in page
    assert "Suspect" not in page and "tested first" not in page


def test_ninety_demo_days_with_three_suspects_still_fit_in_three_pages(
    suspected: Path, tmp_path: Path
) -> None:
    db = tmp_path / "three.sqlite3"
    shutil.copy(suspected, db)
    with Diary.open(db) as diary:
        diary.add_suspect("overexertion", 1)
    out = _report(db, tmp_path / "r.pdf")
    assert 2 <= len(PdfReader(out).pages) <= 3
    assert "Charts" in _flat(_text(out, 2))  # a page 1 that runs over does not add a page


def test_stress_and_own_factors_in_findings_and_the_day_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.sqlite3"
    with Diary.create_demo(db, 60) as diary:
        diary.add_factor("neck tension", "rating")
        days = diary.days()
        for day in days[-10:]:
            diary.save_day(day.model_copy(update={"factors": {**day.factors, "neck tension": 8}}))
        diary.archive_factor("gardening")
        days = diary.days()
    out = _report(db, tmp_path / "r.pdf", "--days")
    page_one = _flat(_text(out, 1))
    data = _insights(db, capsys)
    # Findings name stress and own factors as the user spelled them.
    tested = {link["factor"] for link in data["links"]}
    assert {"stress", "gardening", "neck tension"} <= tested
    assert "high stress" in page_one and "gardening" in page_one
    reader = PdfReader(out)
    table = _flat(" ".join(_text(out, n) for n in range(3, len(reader.pages) + 1)))
    assert "Stress" in table and "Your factors" in table
    assert "gardening (yes/no, archived)" in table
    assert "neck tension (0-10 rating)" in table
    stressed = next(d for d in days if d.stress is not None and d.factors.get("gardening"))
    row = f"{stressed.date:%a} {stressed.date.day} {stressed.date:%b}"
    assert re.search(rf"{re.escape(row)} .*?\b{stressed.stress}\b.*?gardening", table)
    assert "neck tension 8" in table


LONG_NAME = "Treppensteigen-mit-schweren-Einkaufstaschen-bis-zum-fünften-Stock"[:60]
NAMES = (LONG_NAME, "Ходьба по лестнице", "园艺 gardening")


def test_long_and_non_latin_factor_names_neither_crash_nor_overflow(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "d.sqlite3"
    with Diary.open(db) as diary:
        for name in NAMES:
            diary.add_factor(name, "yesno")
        diary.add_suspect(LONG_NAME, 1)
        diary.add_suspect(NAMES[1], 0)
        for i in range(40):
            values = {name: (i + n) % 3 == 0 for n, name in enumerate(NAMES)}
            diary.save_day(
                {
                    "date": dt.date(2026, 3, 1) + dt.timedelta(days=i),
                    "pain": 2 + 5 * (i % 6 == 0),
                    "factors": values,
                }
            )
    out = _report(db, tmp_path / "r.pdf", "--days")
    reader = PdfReader(out)
    text = _flat(" ".join(_text(out, n) for n in range(1, len(reader.pages) + 1)))
    assert "Ходьба по лестнице" in text
    assert "园艺 gardening" in text or "□□ gardening" in text
    assert "Treppensteigen" in text
    # A character no font here has is a box, never silently dropped (italic notes too).
    assert "missing the following glyphs" not in caplog.text
    # Every word lies inside the page's side margins (15 mm = 42.5 pt).
    width = float(reader.pages[0].mediabox.width)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    right = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    left = [float(x) for x in re.findall(r'xMin="([\d.]+)"', boxes)]
    assert right and max(right) <= width - 42.5 + 1
    assert min(left) >= 42.5 - 1


def test_a_suspect_declared_before_the_days_is_confirmed_by_its_own_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Declared on an empty diary, long sitting's own test counts every day and finds the link."""
    with Diary.create_demo(tmp_path / "demo.sqlite3", 90) as demo:
        days, own = demo.days(), demo.factors()
    db = tmp_path / "declared-first.sqlite3"
    with Diary.open(db) as diary:
        diary.add_suspect("sitting", 1)
        diary.ensure_factors(own)
        assert diary.import_entries(days).ok
    (link,) = [link for link in _insights(db, capsys)["links"] if link["declared"]]
    assert link["verdict"] == "linked" and link["own_test_linked"]
    assert link["own_test_days"] == link["exposed_days"] + link["unexposed_days"]
    block = _flat(_text(_report(db, tmp_path / "r.pdf"), 1))
    block = block[block.index(HEADING) :]
    assert "Linked so far, confirmed by its own test. On " in block
    assert "Not confirmed yet" not in block
