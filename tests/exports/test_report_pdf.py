"""The doctor's PDF: read back, every number checked against `pain-diary insights --json`."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.diary import SETTING_USER_NAME, Diary
from app.domain import vocab
from app.exports.report_pdf.content import date_list, duration, long_date

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

FLAG_CODE = "progressive_weakness"


def _text(pdf: Path, page: int, *, layout: bool = False, top_mm: float | None = None) -> str:
    """Text of one page as pdftotext reads it (optionally only the top `top_mm` mm)."""
    args = ["pdftotext", "-f", str(page), "-l", str(page)]
    if layout:
        args.append("-layout")
    if top_mm is not None:
        # -r 72 makes one pixel one point: crop to the top of the page.
        args += ["-r", "72", "-x", "0", "-y", "0", "-W", "1000", "-H", str(int(top_mm / 0.3528))]
    result = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def _insights(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    capsys.readouterr()
    assert main(["--db", str(db), "insights", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def _one_decimal(value: float) -> set[str]:
    """How a JSON value rounded to 2 decimals may print with 1 decimal."""
    return {f"{value + delta:.1f}" for delta in (-0.005, 0.0, 0.005)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 90-day demo diary with a red flag ticked on one day."""
    db = tmp_path_factory.mktemp("report") / "demo.sqlite3"
    with Diary.create_demo(db, 90) as diary:
        day = diary.days()[-10]
        diary.save_day(day.model_copy(update={"red_flags": [FLAG_CODE]}))
    return db


@pytest.fixture(scope="module")
def report(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "summary.pdf"
    assert main(["--db", str(demo), "report", str(out)]) == 0
    return out


def test_ninety_demo_days_fit_in_three_pages_with_vector_charts(report: Path) -> None:
    reader = PdfReader(report)
    assert 2 <= len(reader.pages) <= 3
    assert report.stat().st_mode & 0o777 == 0o600
    for number, page in enumerate(reader.pages, start=1):
        assert not page.images, f"page {number} holds a bitmap; charts must be vectors"
        assert f"Page {number} of {len(reader.pages)}" in page.extract_text()
        assert "gives no diagnosis" in _flat(page.extract_text())  # the disclaimer
    page_two = _flat(_text(report, 2))
    assert "Charts" in page_two
    # Chart text is drawn as outlines, so check the charts are there by their drawing.
    assert len(reader.pages[1].get_contents().get_data()) > 20_000


def test_a_red_flag_heads_page_one_with_its_date(demo: Path, report: Path) -> None:
    with Diary.open(demo) as diary:
        flagged = [d.date for d in diary.days() if d.red_flags]
    assert len(flagged) == 1
    top = _flat(_text(report, 1, top_mm=75))  # header and the red-flag box only
    assert "RED FLAGS reported in this period" in top
    assert f"{vocab.RED_FLAGS[FLAG_CODE]} — {long_date(flagged[0])}" in top
    assert vocab.RED_FLAG_WARNING in top
    page = _flat(_text(report, 1))
    assert page.index("RED FLAGS") < page.index("Pain (0 = none")


def test_every_number_on_page_one_matches_insights_json(
    demo: Path, report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _insights(demo, capsys)
    summary = data["summary"]
    page = _flat(_text(report, 1))
    lines = _text(report, 1, layout=True).splitlines()

    start, end = dt.date.fromisoformat(data["start"]), dt.date.fromisoformat(data["end"])
    assert f"{start.day} {start:%b}" in page and long_date(end) in page
    assert "Demo User" in page
    assert f"Days logged {data['days_logged']} of {data['days_in_period']}" in page

    assert any(f"{v} / 10" in page for v in _one_decimal(summary["pain_mean"]))
    # pdftotext may drop the spaces around a narrow "/".
    assert re.search(rf"\b{summary['pain_least']} ?/ ?{summary['pain_worst']}\b", page)
    for key in ("pain_change", "change"):
        change = data["peg"][key]
        assert change is not None
        assert any(
            f"{a} → {b}" in page
            for a in _one_decimal(change["first_two_weeks"])
            for b in _one_decimal(change["last_two_weeks"])
        )
        verdict = {"better": "improvement", "worse": "worsening", "unchanged": "less than"}
        assert verdict[change["direction"]] in page

    episodes = len(data["flares"])
    assert episodes == summary["flare_episodes"]
    assert f"{episodes} flare-ups in this period ({summary['flare_days']} days in all)" in page
    assert f"{data['baseline']:g}/10 at the end of the period" in page

    linked = [link for link in data["links"] if link["verdict"] == "linked"]
    assert linked, "the demo plants links with sitting and exertion"
    for link in linked:
        assert _flat(link["sentence"]) in page
        # The statistics stand under the plain sentence, footnote-style.
        details = link["details"]
        assert _flat(f"How sure: {details[:1].lower()}{details[1:]}") in page
        assert "odds" not in link["sentence"].lower()
    assert "not causes" in page

    for item in summary["locations"][:8]:
        region, _, side = item["location"].partition(":")
        label = vocab.location_label(region, side or None)
        assert any(re.search(rf"{re.escape(label)}\s+{item['days']} d \(", ln) for ln in lines)
    assert (
        f"Back pain on {summary['back_days']} days; leg pain on {summary['leg_days']} days "
        f"(left leg {summary['left_leg_days']}, right leg {summary['right_leg_days']})"
    ) in page
    for side, days in summary["sciatic_days"].items():
        assert f"{side} leg on {days} days" in page
    for item in summary["symptoms"][:8]:
        label = vocab.label(vocab.SYMPTOMS, item["symptom"])
        assert any(re.search(rf"{re.escape(label)}\s+{item['days']} d \(", ln) for ln in lines)
    for item in summary["treatments"][:6]:
        label = vocab.label(vocab.TREATMENTS, item["treatment"])
        relief = _one_decimal(item["mean_relief"])
        assert any(
            re.search(rf"{re.escape(label)}\s+{item['days']} d · relief ({'|'.join(relief)})", ln)
            for ln in lines
        )
    for item in summary["exercises"][:6]:
        label = vocab.label(vocab.EXERCISES, item["exercise"])
        pattern = rf"{re.escape(label)}\s+{item['days']} d · {re.escape(duration(item['minutes']))}"
        assert any(re.search(pattern, ln) for ln in lines), pattern
    for date in summary["red_flag_days"]:
        assert date_list([dt.date.fromisoformat(date)]) in page


def test_a_period_report_matches_insights_for_that_period(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Diary.open(demo) as diary:
        last = diary.days()[-1].date
    start = last - dt.timedelta(days=29)
    out = tmp_path / "month.pdf"
    args = ["--from", start.isoformat(), "--to", last.isoformat()]
    assert main(["--db", str(demo), "report", str(out), *args, "--paper", "letter"]) == 0
    data = _insights(demo, capsys, *args)
    page = _flat(_text(out, 1))
    assert f"Days logged {data['days_logged']} of 30" in page
    assert any(f"{v} / 10" in page for v in _one_decimal(data["summary"]["pain_mean"]))
    assert f"{len(data['flares'])} flare-up" in page
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US Letter


def test_days_appendix_lists_every_day(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "with-days.pdf"
    assert main(["--db", str(demo), "report", str(out), "--days"]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) > 3
    text = _flat(" ".join(_text(out, n) for n in range(3, len(reader.pages) + 1)))
    assert "Daily entries" in text
    with Diary.open(demo) as diary:
        days = diary.days()
    for day in days:
        assert f"{day.date:%a} {day.date.day} {day.date:%b}" in text
    assert "YES" in text  # the red-flag day is marked in the table


def test_an_empty_diary_and_any_name_still_make_a_report(tmp_path: Path) -> None:
    db, out = tmp_path / "empty.sqlite3", tmp_path / "empty.pdf"
    with Diary.open(db) as diary:
        diary.set_setting(SETTING_USER_NAME, "Zoë Łukasiewicz-Ñúñez")
    assert main(["--db", str(db), "report", str(out)]) == 0
    page = _flat(_text(out, 1))
    assert "Zoë Łukasiewicz-Ñúñez" in page
    assert "No days were logged in this period." in page
    assert len(PdfReader(out).pages) == 1


def test_a_name_no_font_here_can_draw_shows_boxes_not_nothing(tmp_path: Path) -> None:
    db, out = tmp_path / "d.sqlite3", tmp_path / "r.pdf"
    with Diary.open(db) as diary:
        diary.set_setting(SETTING_USER_NAME, "李小龍 Zoë")
        diary.save_day({"date": "2026-01-05", "pain": 3})
    assert main(["--db", str(db), "report", str(out)]) == 0
    page = _flat(_text(out, 1))
    # Drawn by a CJK fallback font where one is installed, else one box per character.
    assert "李小龍 Zoë" in page or "□□□ Zoë" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["out.txt"], "name the file FILE.pdf"),
        (["out.pdf", "--from", "2026-03-02", "--to", "2026-03-01"], "is before --from"),
        (["missing-folder/out.pdf"], "does not exist"),
    ],
)
def test_bad_report_requests_are_exit_2_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    db = tmp_path / "d.sqlite3"
    target = [str(tmp_path / args[0]), *args[1:]]
    assert main(["--db", str(db), "report", *target]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("d.sqlite3")) == []


def test_unknown_paper_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(tmp_path / "d.sqlite3"), "report", "x.pdf", "--paper", "a5"])
    assert caught.value.code == 2
