"""How page 1, the footer and the day table are drawn, read back from finished A4 PDFs.

Each PDF is drawn by `draw` from a `ReportContent` typed in below and read back with
pypdf: text runs with font, size and place (baselines, mm from the top left), and the
outlines of filled shapes from the page's content stream. A4 is 210 x 297 mm with
15 mm margins, so text is 180 mm wide, from x = 15 to x = 195. fpdf2 puts a cell's
baseline at its top + half its height + 0.3 x the font size; 1 pt = 0.3528 mm.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib
import pytest
from fpdf import FPDF
from pypdf import PdfReader
from pypdf.generic import ContentStream

from app.exports.report_pdf.content import Count, DayRow, KeyFigure
from tests.exports.pdf_read_back import A4_HEIGHT_PT, PT_PER_MM, first, page_text, runs_of
from tests.exports.pdf_read_back import january_report as _content
from tests.exports.pdf_read_back import read_report as _pdf

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
FLAG_FILL = (0.9922, 0.9255, 0.9176)  # 253, 236, 234: the red-flag box
CHANGE_FILL = (1.0, 0.9569, 0.8392)  # 255, 244, 214: a key figure with a meaningful change
SADDLE = "New numbness around the genitals, buttocks or inner thighs"


def _shapes(reader: PdfReader, page: int, colour: tuple[float, ...]) -> list[tuple]:
    """Each shape filled in `colour`: (its path operators, (left, top, right, bottom) in mm)."""
    ops = ContentStream(reader.pages[page].get_contents(), reader).operations
    shapes, path, points, fill = [], [], [], ()
    for args, op in ops:
        numbers = op in (b"rg", b"m", b"l", b"c", b"re")  # other operators may take names
        values = [float(a) for a in args] if numbers else []
        if op == b"rg":
            fill = tuple(values)
        elif op in (b"m", b"l", b"c"):
            path.append(op)
            points += list(zip(values[0::2], values[1::2], strict=True))
        elif op == b"re":
            path.append(op)
            x, y, w, h = values
            points += [(x, y), (x + w, y + h)]
        elif op in (b"f", b"B", b"b", b"F", b"f*", b"B*"):
            if fill == colour and points:
                xs, ys = [p[0] for p in points], [A4_HEIGHT_PT - p[1] for p in points]
                box = tuple(v / PT_PER_MM for v in (min(xs), min(ys), max(xs), max(ys)))
                shapes.append((set(path), box))
            path, points = [], []
        elif op in (b"S", b"n"):
            path, points = [], []
    return shapes


def _stroked_lines(reader: PdfReader, page: int) -> list[tuple[float, ...]]:
    """Each straight line drawn as "x1 y1 m x2 y2 l": (x1, y1, x2, y2) in mm from the top left."""
    ops = ContentStream(reader.pages[page].get_contents(), reader).operations
    lines, start = [], None
    for args, op in ops:
        if op == b"l" and start:
            lines.append((*start, *(float(a) for a in args)))
        start = [float(a) for a in args] if op == b"m" else None
    return [
        (
            x1 / PT_PER_MM,
            (A4_HEIGHT_PT - y1) / PT_PER_MM,
            x2 / PT_PER_MM,
            (A4_HEIGHT_PT - y2) / PT_PER_MM,
        )
        for x1, y1, x2, y2 in lines
    ]


# --- page 1 with a red flag, key figures, a link, empty lists ------------------------------

# The saddle-numbness red flag's own label, ticked on 1-10 Jan: set in bold, "label — 1, 2,
# ... 10 Jan 2026" is wider than the 169 mm beside the square marker and wraps onto a
# second line. Measured in regular weight with its two pairs of asterisks it would fit on
# one, and the box would be one line short.
NOTE = "+1.0 points (+100 %): meaningful worsening, more than 2 points and 30 % of the start"


@pytest.fixture(scope="module")
def page_one() -> PdfReader:
    return _pdf(
        _content(
            red_flags=[(SADDLE, [dt.date(2026, 1, day) for day in range(1, 11)])],
            figures=[
                KeyFigure("Pain, first → last 2 weeks", "1.0 → 2.0", NOTE, flagged=True),
                KeyFigure("Average pain", "1.8 / 10", "20 days with a score"),
            ],
            pain_notes=["Pain was higher on weekdays."],
            link_sentences=["On 5 of the 6 days after long sitting a flare-up began."],
            location_notes=["Back pain on 0 days; leg pain on 20 days."],
            treatments=[Count("Ibuprofen", 5, "5 d, relief 3.0")],
        )
    )


def test_the_red_flag_box_is_rounded_and_tall_enough_for_a_bold_label_that_wraps(
    page_one,
) -> None:
    runs = runs_of(page_one, 0)
    label = first(runs, SADDLE)
    assert label.font == "DejaVuSansBold"
    last = runs[runs.index(label) + 2]
    assert last.text == "2026"
    assert last.y == pytest.approx(label.y + 4.3, abs=0.05)  # wrapped: the second line
    ((path, (left, top, right, bottom)),) = _shapes(page_one, 0, FLAG_FILL)
    assert b"c" in path  # rounded corners are drawn with curves
    # Padding 3, heading 5.5, warning 4.8, two lines of 4.3 and 0.8 under them, padding 3,
    # less the 0.8 under the last line: 24.9 mm.
    assert bottom - top == pytest.approx(24.9, abs=0.05)
    assert (left, right) == (pytest.approx(15, abs=0.05), pytest.approx(195, abs=0.05))


def test_a_key_figure_with_a_meaningful_change_is_a_rounded_box(page_one) -> None:
    ((path, (left, _top, right, _bottom)),) = _shapes(page_one, 0, CHANGE_FILL)
    assert b"c" in path and b"re" not in path
    # Two boxes with 3 mm between them: each is 88.5 mm wide.
    assert (left, right) == (pytest.approx(15, abs=0.05), pytest.approx(103.5, abs=0.05))


def test_a_key_figure_note_of_two_lines_keeps_2_9_mm_between_them(page_one) -> None:
    runs = runs_of(page_one, 0)
    label = first(runs, "Pain, first → last")
    note = first(runs, "+1.0 points")
    second = runs[runs.index(note) + 1]
    assert second.size == 6.6 and second.x == pytest.approx(note.x, abs=0.05)
    assert second.y - note.y == pytest.approx(2.9, abs=0.02)
    # The label's 3.5 mm cell at 7.5 pt starts 1.8 mm into the box, the note's 2.9 mm line
    # at 6.6 pt 12.6 mm into it: (12.6 + 1.45 + 0.698) - (1.8 + 1.75 + 0.794) = 10.404 mm.
    assert note.y - label.y == pytest.approx(10.404, abs=0.02)


def test_the_first_pain_note_follows_the_key_figures_2_mm_below_their_boxes(page_one) -> None:
    runs = runs_of(page_one, 0)
    label = first(runs, "Pain, first → last")
    note = first(runs, "Pain was higher")
    # Boxes 20 mm tall and 2 mm under them: the note's 3.995 mm line at 8.5 pt starts 22 mm
    # below the boxes' top; (22 + 1.998 + 0.9) - (1.8 + 1.75 + 0.794) = 20.554 mm.
    assert note.y - label.y == pytest.approx(20.554, abs=0.02)


def test_a_link_sentence_is_a_bullet_at_8_5_pt(page_one) -> None:
    sentence = first(runs_of(page_one, 0), "On 5 of the 6 days")
    assert (sentence.font, sentence.size) == ("DejaVuSansBook", 8.5)


def test_empty_lists_are_headed_and_said_to_be_empty(page_one) -> None:
    runs = runs_of(page_one, 0)
    texts = [run.text for run in runs]
    assert "Where (days recorded)" in texts
    assert "No locations recorded." in texts
    assert "No exercises recorded." in texts


def test_what_follows_two_empty_lists_starts_one_3_8_mm_line_under_their_title(page_one) -> None:
    runs = runs_of(page_one, 0)
    title = first(runs, "Where (days recorded)")
    note = first(runs, "Back pain on 0 days")
    # Title cell 4.8 mm at 9 pt, then the empty text's 3.8 mm line; the bullet's 3.995 mm
    # line at 8.5 pt: (4.8 + 3.8 + 1.998 + 0.9) - (2.4 + 0.953) = 8.145 mm.
    assert note.y - title.y == pytest.approx(8.145, abs=0.02)


def test_the_footer_is_6_5_pt_with_its_rule_and_page_number_inside_the_margins(
    page_one,
) -> None:
    runs = runs_of(page_one, 0)
    assert first(runs, "Pain Diary records what you enter.").size == 6.5
    number = first(runs, "Page 1 of")
    assert number.size == 6.5
    # The page number is right-aligned in the last 22 mm of the text width (173-195 mm).
    assert 173 < number.x < 195
    # The footer's rule: 21 mm above the bottom of the 297 mm page, margin to margin.
    (rule,) = [line for line in _stroked_lines(page_one, 0) if line[1] > 270]
    assert rule == pytest.approx((15, 276, 195, 276), abs=0.05)


# --- a period without logged days ----------------------------------------------------------


@pytest.fixture(scope="module")
def empty_period() -> PdfReader:
    # An empty day table is drawn whenever the content has one; the analysis leaves it out
    # for a period without logged days, so it is typed in here.
    return _pdf(_content(days_logged=0, day_rows=[]))


def test_an_empty_period_says_so_on_page_1_at_10_pt(empty_period) -> None:
    said = first(runs_of(empty_period, 0), "No days were logged in this period.")
    assert (said.font, said.size) == ("DejaVuSansBook", 10.0)


def test_an_empty_day_table_says_no_days_were_logged(empty_period) -> None:
    assert "No days were logged in this period." in page_text(runs_of(empty_period, 1))


# --- the day table -------------------------------------------------------------------------

# One day's cells under each heading, in the table's order.
ROW = {
    "Date": "Mon 5 Jan",
    "Pain": "4",
    "Worst": "6",
    "PEG": "3.7",
    "Where": "L: buttock",
    "Kind of pain": "Aching",
    "Sat": "8.0",
    "Active": "",
    "Sleep": "5.0",
    "Stress": "3",
    "Your factors": "gardening",
    "Flare": "yes",
    "Red flag": "",
}


def test_where_gets_50_of_the_123_shares_of_the_width_the_narrow_columns_leave() -> None:
    reader = _pdf(_content(day_rows=[DayRow(list(ROW.values()), red_flag=False)]))
    runs = runs_of(reader, 1)
    # Measured apart from the report's code: a narrow column is as wide as its bold heading
    # or its cell at 7 pt, whichever is wider, plus 1.6 mm.
    measure = FPDF()
    fonts = Path(matplotlib.get_data_path(), "fonts/ttf")
    measure.add_font("dejavu", "", fonts / "DejaVuSans.ttf")
    measure.add_font("dejavu", "B", fonts / "DejaVuSans-Bold.ttf")

    def narrow(heading: str) -> float:
        measure.set_font("dejavu", "B", 7)
        bold = measure.get_string_width(heading)
        measure.set_font("dejavu", "", 7)
        return max(bold, measure.get_string_width(ROW[heading])) + 1.6

    text_columns = ("Where", "Kind of pain", "Your factors")  # shares 50, 33 and 40
    left = 180 - sum(narrow(name) for name in ROW if name not in text_columns)
    date, where, kind = (first(runs, name) for name in ("Date", "Where", "Kind of pain"))
    assert where.x - date.x == pytest.approx(
        sum(map(narrow, ("Date", "Pain", "Worst", "PEG"))), abs=0.05
    )
    # The text columns share what is left: Where 50 / (50 + 33 + 40) of it.
    assert kind.x - where.x == pytest.approx(left * 50 / 123, abs=0.05)
