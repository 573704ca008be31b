"""Report drawing details the fourth mutation round found unpinned, read back from A4 PDFs.

Where the charts start after a long page 1, an optional chart that exactly fills its page,
the day table's key and heading colour, the header's facts, the footer's page number, and
charts' rasterized parts drawn as vectors. A4 is 210 x 297 mm with 15 mm margins; pages
break at 297 - 24 = 273 mm. Each test draws its own PDF (no module-scoped fixture): mutmut
credits a module-scoped fixture's calls to the first test that used it only.
"""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from app.exports.report_pdf.content import DayRow, KeyFigure
from app.exports.report_pdf.drawing import figure_svg
from tests.exports.pdf_read_back import (
    charts_placed,
    january_report,
    page_text,
    read_report,
    runs_of,
)
from tests.exports.test_report_header_and_day_table_layout import _fills, _width

HEADING_FILL = (0.9255, 0.9412, 0.9608)  # 236, 240, 245 of 255


def _pages_with(reader, text: str) -> list[int]:
    return [page for page in range(len(reader.pages)) if text in page_text(runs_of(reader, page))]


# -- charts ----------------------------------------------------------------------------------


def test_charts_after_a_long_page_one_start_on_the_page_of_their_first_chart() -> None:
    # 55 notes run page 1 over onto page 2; a 7.2 x 9 in chart is 225 mm tall, more than
    # page 2 has left, so the "Charts" heading goes over with it rather than stay alone.
    content = january_report(
        figures=[KeyFigure("Average pain", "3.0 / 10")],
        pain_notes=[f"Note {i}." for i in range(55)],
        charts=[Figure(figsize=(7.2, 9))],
    )
    reader = read_report(content)
    assert len(reader.pages) == 3
    assert "Note 54." in page_text(runs_of(reader, 1))
    assert _pages_with(reader, "Charts") == [2]
    ((top, height),) = charts_placed(reader, 2)
    # The heading 4 mm below the margin, 5.5 mm tall with 1.8 mm under its rule.
    assert (top, height) == (pytest.approx(26.3, abs=0.01), pytest.approx(225, abs=0.05))


def test_an_optional_chart_that_ends_exactly_at_the_page_break_is_still_drawn() -> None:
    # A4 is 595.28 pt = 210.0016 mm wide, so charts are 180.0016 mm wide. The first chart
    # (7.2 x 4 in) is 100.0009 mm tall and ends, with 3 mm after it, at 125.3009 mm; the
    # break is at 273.0001 mm (841.89 pt less 24 mm). An 8 in wide chart 6.475464889672423
    # in tall is 145.6992 mm: with its 2 mm it reaches the break to the last bit of a float.
    trend, optional = Figure(figsize=(7.2, 4)), Figure(figsize=(8.0, 6.475464889672423))
    reader = read_report(january_report(days_logged=0, charts=[trend], optional_charts=[optional]))
    assert len(reader.pages) == 2
    placed = charts_placed(reader, 1)
    assert len(placed) == 2
    (_, first), (top, height) = placed
    assert first == pytest.approx(100, abs=0.05)
    assert (top, height) == (pytest.approx(125.3, abs=0.01), pytest.approx(145.7, abs=0.05))


def test_a_rasterized_part_of_a_chart_is_drawn_as_vector_shapes_not_a_bitmap() -> None:
    figure = Figure(figsize=(4, 3))
    figure.add_subplot().pcolormesh([[1, 2], [3, 4]], rasterized=True)
    svg = figure_svg(figure)
    # An embedded bitmap is an <image>; fpdf2 would misplace it on the page.
    assert b"<image" not in svg


# -- the day table ---------------------------------------------------------------------------


def _table_with_stress():
    # One day, pain 3 and stress 4, in the day table's every column (Stress among them).
    cells = ["Fri 2 Jan", "3", "", "", "", "", "", "", "", "4", "", "", ""]
    return read_report(january_report(days_logged=1, day_rows=[DayRow(cells, red_flag=False)]))


def test_a_day_table_with_a_stress_column_explains_stress_in_its_key() -> None:
    text = page_text(runs_of(_table_with_stress(), 1))
    assert (
        "Sat, Active, Sleep: hours (1.5 = 1 h 30 min). Stress 0–10. L / R: left / right side."
    ) in text


def test_the_day_table_heading_row_is_filled_light_blue() -> None:
    # A fill per heading cell: 13 columns.
    assert len(_fills(_table_with_stress(), 1, HEADING_FILL)) == 13


# -- header and footer -----------------------------------------------------------------------


def test_each_fact_s_value_starts_1_5_mm_after_its_label_and_7_mm_after_the_value_before() -> None:
    runs = runs_of(read_report(january_report(name="Ann Example")), 0)[2:8]
    texts = [
        "Name",
        "Ann Example",
        "Period",
        "1 Jan – 31 Jan 2026",
        "Days logged",
        "20 of 31 (65%)",
    ]
    assert [run.text for run in runs] == texts
    # Labels are regular, values bold, each in a cell as wide as its text and its gap;
    # text is set 1 mm into its cell.
    cell_left = 15.0
    for i, (run, text) in enumerate(zip(runs, texts, strict=True)):
        assert run.x == pytest.approx(cell_left + 1, abs=0.03), text
        cell_left += _width(text, "B", 9) + 7 if i % 2 else _width(text, "", 9) + 1.5


def test_the_page_number_is_right_aligned_in_the_last_22_mm_of_the_footer() -> None:
    runs = runs_of(read_report(january_report(day_rows=[])), 1)
    number = next(run for run in runs if run.text.startswith("Page "))
    assert number.text == "Page 2 of 2"
    # fpdf2 aligns the text while the page total is still its placeholder "{nb}": the
    # placeholder's width, 6.5 pt, ends 1 mm inside the right margin (at 194 mm).
    assert number.x == pytest.approx(194 - _width("Page 2 of {nb}", "", 6.5), abs=0.02)
    assert number.x > 173 + 1  # more than 1 mm into its 22 mm cell at 195 - 22 = 173 mm
