"""Where the report's parts land, drawn from hand-made content and read back from the PDF.

Each test gives `draw` a `ReportContent` typed in below (no diary, no analysis) and
reads the finished A4 PDF back with pypdf: text runs with their font and colour,
filled shapes with their extent, charts with their place. A4 is 210 x 297 mm with
15 mm margins: text 180 mm wide, and the automatic page break 24 mm above the bottom.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib
import pytest
from fpdf import FPDF
from matplotlib.figure import Figure
from pypdf import PdfReader
from pypdf.generic import ContentStream

from app.exports.report_pdf.content import Count
from app.exports.report_pdf.drawing import draw
from tests.exports.pdf_read_back import (
    A4_HEIGHT_PT,
    PT_PER_MM,
    charts_placed,
    first,
    runs_of,
)
from tests.exports.pdf_read_back import january_report as _content
from tests.exports.pdf_read_back import read_report as _pdf

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
FLAG_RED = (0.702, 0.149, 0.1176)  # 179, 38, 30 of 255
FLAG_FILL = (0.9922, 0.9255, 0.9176)  # 253, 236, 234
BAR_TRACK = (0.9098, 0.9333, 0.9569)  # 232, 238, 244


def _filled(reader: PdfReader, page: int, colour: tuple[float, ...]) -> list[tuple[float, ...]]:
    """(left, top, right, bottom) in mm from the top left of each shape filled in `colour`."""
    ops = ContentStream(reader.pages[page].get_contents(), reader).operations
    shapes, points, fill = [], [], ()
    for args, op in ops:
        numbers = op in (b"rg", b"m", b"l", b"c", b"re")  # other operators may take names
        values = [float(a) for a in args] if numbers else []
        if op == b"rg":
            fill = tuple(values)
        elif op in (b"m", b"l", b"c"):
            points += list(zip(values[0::2], values[1::2], strict=True))
        elif op == b"re":
            x, y, w, h = values
            points += [(x, y), (x + w, y + h)]
        elif op in (b"f", b"B", b"b", b"F", b"f*", b"B*"):
            if fill == colour and points:
                xs, ys = [p[0] for p in points], [A4_HEIGHT_PT - p[1] for p in points]
                shapes.append(tuple(v / PT_PER_MM for v in (min(xs), min(ys), max(xs), max(ys))))
            points = []
        elif op in (b"S", b"n"):
            points = []
    return shapes


def test_the_red_flag_box_holds_a_heading_a_warning_and_a_wrapped_line_inside_it() -> None:
    # 15 dates: the line is wider than the 169 mm its text has beside the square marker
    # but narrower than 179 mm, so it wraps onto a second line.
    dates = [dt.date(2026, 1, day) for day in range(1, 30, 2)]
    reader = _pdf(_content(red_flags=[("Weakness in a leg that is getting worse", dates)]))
    runs = runs_of(reader, 0)
    heading = first(runs, "RED FLAGS reported in this period")
    assert (heading.font, heading.size, heading.colour) == ("DejaVuSansBold", 11.0, FLAG_RED)
    warning = first(runs, "These symptoms need urgent medical attention.")
    assert (warning.font, warning.size, warning.colour) == ("DejaVuSansBold", 9.0, FLAG_RED)
    label = first(runs, "Weakness in a leg")
    assert (label.font, label.size) == ("DejaVuSansBold", 9.0)
    dates_run, last = runs[runs.index(label) + 1 : runs.index(label) + 3]
    assert dates_run.text == "— 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29 Jan"
    assert last.text == "2026"
    assert last.y == pytest.approx(label.y + 4.3, abs=0.05)  # the next line
    (box,) = _filled(reader, 0, FLAG_FILL)
    left, top, right, bottom = box
    assert (left, right) == (pytest.approx(15, abs=0.1), pytest.approx(195, abs=0.1))
    assert top < heading.y - 3
    # The 3 mm padding under the last line's cell: its baseline stands over 3 mm above the edge.
    assert bottom - last.y > 3


def test_an_optional_chart_that_fits_with_room_to_spare_stays_on_the_charts_page() -> None:
    # The charts start 22.3 mm down (margin, heading, rule); 180 mm wide, a 7.2 x 4 in
    # chart is 100 mm tall, and 3 mm follow it: the next starts at 125.3 mm. A 7.2 x 5.808 in
    # chart is 145.2 mm tall, and with 2 mm under it ends at 272.5 mm, before the break at 273.
    trend, factors = Figure(figsize=(7.2, 4)), Figure(figsize=(7.2, 5.808))
    reader = _pdf(_content(days_logged=0, charts=[trend], optional_charts=[factors]))
    assert len(reader.pages) == 2
    (top_1, height_1), (top_2, height_2) = charts_placed(reader, 1)
    assert (top_1, height_1) == (pytest.approx(22.3, abs=0.01), pytest.approx(100, abs=0.05))
    assert (top_2, height_2) == (pytest.approx(125.3, abs=0.01), pytest.approx(145.2, abs=0.05))


def test_count_bars_start_just_after_the_longest_label_or_at_two_fifths_of_the_column() -> None:
    long = "Back of thigh and calf, right side"
    content = _content(
        locations=[Count(long, 10), Count("Calf", 5)],
        symptoms=[Count("Aching", 10), Count("Sharp", 4)],
    )
    reader = _pdf(content)
    runs = runs_of(reader, 0)
    tracks = sorted(_filled(reader, 0, BAR_TRACK), key=lambda box: (box[1], box[0]))
    assert len(tracks) == 4
    (left_1, right_1), (left_2, right_2) = [
        sorted(box[0] for box in tracks[i : i + 2]) for i in (0, 2)
    ]
    # Measured apart from the report's code: the label's width in DejaVu Sans 8 pt.
    measure = FPDF()
    measure.add_font("dejavu", "", Path(matplotlib.get_data_path(), "fonts/ttf/DejaVuSans.ttf"))
    measure.set_font("dejavu", "", 8)
    label = first(runs, long)
    assert label.x == pytest.approx(16, abs=0.05)  # 1 mm into its cell
    # The bars leave 1 mm after the longest label's text.
    assert left_1 == left_2 == pytest.approx(label.x + measure.get_string_width(long) + 1, abs=0.05)
    # Short labels: the bars start two fifths into the 86 mm right column (15 + 86 + 8 = 109).
    assert right_1 == right_2 == pytest.approx(109 + 0.4 * 86, abs=0.05)


def test_link_details_that_do_not_pair_with_the_sentences_are_refused_not_dropped() -> None:
    content = _content(
        link_sentences=["The day after long sitting ...", "The day after poor sleep ..."],
        link_details=["Odds ratio 4.1."],
    )
    with pytest.raises(ValueError):
        draw(content, "A4")
