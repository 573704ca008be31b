"""Page 1 breaks onto page 2 without leaving a heading or a bullet's glyph behind.

Page 1's text grows with the diary (one bullet per finding), so each section can
start anywhere down the page. A sweep of lengths, in steps smaller than a line,
puts each heading at many heights near the foot of the page.
"""

from __future__ import annotations

import pytest

from app.exports.report_pdf.content import Count, KeyFigure
from tests.exports.pdf_read_back import runs_of
from tests.exports.test_report_page_one_layout import _content, _pdf

COUNTS = [Count("Lower back", 12), Count("Buttock (left)", 8)]
# (one-line bullets, a flare summary, footnote lines): a bullet moves what follows by
# 4.595 mm, the summary by 4.23 and each footnote line by 3.525. Together they reach
# every height within 1.1 mm: (0, 0.99, 1.385, 2.09, 2.455, 3.16, 3.525, 4.23) mm past
# a whole number of bullets.
OFFSETS = [(summary, lines) for summary in (False, True) for lines in range(4)]


def _page_one(bullets: int, summary: bool, lines: int):
    return _pdf(
        _content(
            figures=[KeyFigure("Average pain", "3.0 / 10")],
            pain_notes=[f"Note {i}." for i in range(bullets)],
            flare_summary="3 flare-ups." if summary else "",
            pain_footnote="\n".join(["Scores are the day's average pain."] * lines),
            locations=COUNTS,
            symptoms=COUNTS,
            treatments=COUNTS,
            exercises=COUNTS,
            location_notes=["Back pain on 12 days; leg pain on 8 days."],
        )
    )


def _pages_of(reader, *texts: str) -> list[int]:
    pages = [{run.text for run in runs_of(reader, page)} for page in range(len(reader.pages))]
    found = []
    for text in texts:
        having = [number for number, runs in enumerate(pages) if text in runs]
        assert len(having) == 1, text
        found.append(having[0])
    return found


@pytest.mark.parametrize("bullets", range(28, 36))
def test_a_section_heading_is_on_the_page_of_its_first_rows(bullets) -> None:
    for summary, lines in OFFSETS:
        reader = _page_one(bullets, summary, lines)
        where = _pages_of(reader, "Where it hurts and what kind of pain", "Where (days recorded)")
        treatments = _pages_of(
            reader, "Treatments and exercises", "Treatments (days used, mean relief 0–10)"
        )
        assert where[0] == where[1], (summary, lines)
        assert treatments[0] == treatments[1], (summary, lines)


@pytest.mark.parametrize(("summary", "lines"), OFFSETS)
def test_a_bullet_s_glyph_and_its_text_start_on_one_line_of_one_page(summary, lines) -> None:
    bullets = 49  # the last of them reach the foot of page 1
    reader = _page_one(bullets, summary, lines)
    glyphs = 0
    for page in range(len(reader.pages)):
        runs = runs_of(reader, page)
        for i, run in enumerate(runs):
            if run.text == "•":
                glyphs += 1
                assert i + 1 < len(runs), f"a glyph alone at the foot of page {page + 1}"
                assert runs[i + 1].y == pytest.approx(run.y, abs=0.02)
                assert runs[i + 1].text != "•"
    assert glyphs == bullets + 1  # the pain notes and the location note
