"""The report's header, its lists with bars and its day table, read back from A4 PDFs.

Each PDF is drawn by `draw` from a `ReportContent` typed in below and read back with
pypdf: text runs with font, size, colour and place (baselines, mm from the top left), and
filled rectangles and stroked lines from the page's content stream. A4 is 210 x 297 mm
with 15 mm margins: text is 180 mm wide, from x = 15 to x = 195, and pages break at
297 - 24 = 273 mm. fpdf2 puts a cell's text 1 mm in from its left edge and its baseline
at its top + half its height + 0.3 x the font size; 1 pt = 0.35278 mm. Text widths are
measured apart from the report's code, with DejaVu Sans in a separate FPDF.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from pathlib import Path

import matplotlib
import pytest
from fpdf import FPDF
from pypdf import PdfReader
from pypdf.generic import ContentStream

from app.exports.report_pdf.content import Count, DayRow, ReportContent
from app.exports.report_pdf.drawing import draw
from tests.exports.pdf_read_back import A4_HEIGHT_PT, PT_PER_MM, first, page_text, runs_of

MM_PER_PT = 25.4 / 72
INK = (0.1294, 0.1294, 0.1294)  # 33, 33, 33
MUTED = (0.3922, 0.3922, 0.3922)  # 100, 100, 100
ACCENT = (0.0, 0.3373, 0.5882)  # 0, 86, 150
RULE = (0.7843, 0.7843, 0.7843)  # 200, 200, 200
HEADING_FILL = (0.9255, 0.9412, 0.9608)  # 236, 240, 245
WHITE = (1.0, 1.0, 1.0)
FLAG_ROW_FILL = (0.9922, 0.9255, 0.9176)  # 253, 236, 234
BAR_TRACK = (0.9098, 0.9333, 0.9569)  # 232, 238, 244
BAR = (0.0, 0.4471, 0.698)  # 0, 114, 178


def _baseline(top: float, height: float, size: float) -> float:
    return top + height / 2 + 0.3 * size * MM_PER_PT


@cache
def _measurer() -> FPDF:
    measure = FPDF()
    fonts = Path(matplotlib.get_data_path(), "fonts/ttf")
    measure.add_font("dejavu", "", fonts / "DejaVuSans.ttf")
    measure.add_font("dejavu", "B", fonts / "DejaVuSans-Bold.ttf")
    measure.add_font("dejavu", "I", fonts / "DejaVuSans-Oblique.ttf")
    return measure


def _width(text: str, style: str, size: float) -> float:
    measure = _measurer()
    measure.set_font("dejavu", style, size)
    return measure.get_string_width(text)


def _pdf(content: ReportContent) -> PdfReader:
    data, pages = draw(content, "A4")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == pages
    return reader


def _fills(reader: PdfReader, page: int, colour: tuple[float, ...]) -> list[tuple[float, ...]]:
    """Each rectangle filled in `colour`: (left, top, right, bottom) in mm."""
    ops = ContentStream(reader.pages[page].get_contents(), reader).operations
    boxes, fill, pending = [], (), []
    for args, op in ops:
        if op == b"rg":
            fill = tuple(float(a) for a in args)
        elif op == b"re":
            x, y, w, h = (float(a) for a in args)
            ys = (A4_HEIGHT_PT - y, A4_HEIGHT_PT - y - h)
            pending.append((x, min(ys), x + w, max(ys)))
        elif op == b"f":
            if fill == colour:
                boxes += [tuple(v / PT_PER_MM for v in box) for box in pending]
            pending = []
    return boxes


def _lines(reader: PdfReader, page: int) -> list[tuple]:
    """Each straight line stroked: ((x1, y1, x2, y2) in mm, stroke colour, width in mm)."""
    ops = ContentStream(reader.pages[page].get_contents(), reader).operations
    lines, start, stroke, width = [], None, (), 0.0
    for args, op in ops:
        if op == b"RG":
            stroke = tuple(float(a) for a in args)
        elif op == b"w":
            width = float(args[0]) / PT_PER_MM
        elif op == b"l" and start:
            x2, y2 = (float(a) for a in args)
            ends = (start[0], A4_HEIGHT_PT - start[1], x2, A4_HEIGHT_PT - y2)
            lines.append((tuple(v / PT_PER_MM for v in ends), stroke, width))
        start = [float(a) for a in args] if op == b"m" else None
    return lines


def _close(box: tuple[float, ...], expected: tuple[float, ...], tolerance: float = 0.03):
    return all(abs(a - b) <= tolerance for a, b in zip(box, expected, strict=True))


# --- the header ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def header_page() -> PdfReader:
    return _pdf(
        ReportContent(
            dt.date(2026, 1, 1),
            dt.date(2026, 1, 31),
            generated=dt.date(2026, 2, 1),
            days_logged=20,
            name="Ann Example",
        )
    )


def test_the_title_is_16_pt_bold_ink_in_an_8_mm_cell_at_the_top_margin(header_page) -> None:
    title = runs_of(header_page, 0)[0]
    assert (title.text, title.font, title.size, title.colour) == (
        "Pain diary summary",
        "DejaVuSansBold",
        16.0,
        INK,
    )
    assert title.x == pytest.approx(16, abs=0.02)
    assert title.y == pytest.approx(_baseline(15, 8, 16), abs=0.02)  # 20.693


def test_the_generated_date_is_small_muted_and_right_aligned_1_5_mm_below_the_top(
    header_page,
) -> None:
    generated = runs_of(header_page, 0)[1]
    assert (generated.text, generated.font, generated.size, generated.colour) == (
        "Generated 1 Feb 2026",
        "DejaVuSansBook",
        7.5,
        MUTED,
    )
    # A 4 mm cell 1.5 mm below the top margin, text ending 1 mm inside the right margin.
    assert generated.y == pytest.approx(_baseline(16.5, 4, 7.5), abs=0.02)  # 19.294
    right = generated.x + _width("Generated 1 Feb 2026", "", 7.5)
    assert right == pytest.approx(194, abs=0.02)


def test_the_facts_line_up_as_muted_labels_and_bold_values_9_mm_below_the_top(
    header_page,
) -> None:
    runs = runs_of(header_page, 0)[2:8]
    expected = [
        ("Name", "DejaVuSansBook", MUTED),
        ("Ann Example", "DejaVuSansBold", INK),
        ("Period", "DejaVuSansBook", MUTED),
        ("1 Jan – 31 Jan 2026", "DejaVuSansBold", INK),
        ("Days logged", "DejaVuSansBook", MUTED),
        ("20 of 31 (65%)", "DejaVuSansBold", INK),
    ]
    assert [(run.text, run.font, run.colour) for run in runs] == expected
    assert all(run.size == 9.0 for run in runs)
    assert all(run.y == pytest.approx(_baseline(24, 5, 9), abs=0.02) for run in runs)
    # A label's cell is its width + 1.5 mm, a value's its width + 7 mm; text 1 mm in.
    cell_left = 15.0
    for run, (text, font, _) in zip(runs, expected, strict=True):
        assert run.x == pytest.approx(cell_left + 1, abs=0.03), text
        bold = font == "DejaVuSansBold"
        cell_left += _width(text, "B" if bold else "", 9) + (7 if bold else 1.5)


def test_the_header_ends_in_a_0_4_mm_ink_rule_with_3_mm_below_it(header_page) -> None:
    rules = [line for line in _lines(header_page, 0) if line[1] == INK]
    ((ends, _colour, width),) = rules
    assert ends == pytest.approx((15, 30.5, 195, 30.5), abs=0.03)  # facts 24 + 6.5
    assert width == pytest.approx(0.4, abs=0.01)
    # What follows (here: no red flags) starts 3 mm under the rule, at 9 pt regular.
    none = runs_of(header_page, 0)[8]
    assert none.text.startswith("Red flags: none")
    assert (none.font, none.size, none.colour) == ("DejaVuSansBook", 9.0, MUTED)
    assert none.y == pytest.approx(_baseline(33.5, 5, 9), abs=0.02)


def test_a_period_that_ends_before_it_starts_is_0_of_0_days_at_0_percent() -> None:
    # Without a name the period is the first fact; an empty period has no share to give.
    reader = _pdf(
        ReportContent(
            dt.date(2026, 1, 2), dt.date(2026, 1, 1), generated=dt.date(2026, 2, 1), days_logged=0
        )
    )
    runs = runs_of(reader, 0)
    assert [run.text for run in runs[2:6]] == [
        "Period",
        "2 Jan – 1 Jan 2026",
        "Days logged",
        "0 of 0 (0%)",
    ]
    assert runs[2].x == pytest.approx(16, abs=0.02)


# --- lists with bars -----------------------------------------------------------------------

# Cut to fit, it would end in "will " and a space before the ellipsis.
LONG = "A very long location label that will Wander off the column"


@pytest.fixture(scope="module")
def lists_page() -> PdfReader:
    return _pdf(
        ReportContent(
            dt.date(2026, 1, 1),
            dt.date(2026, 1, 31),
            generated=dt.date(2026, 2, 1),
            days_logged=20,
            locations=[Count(LONG, 5), Count("Calf", 2)],
            exercises=[Count("Walking", 4, "4 d, 30 min")],
        )
    )


def test_each_column_title_is_9_pt_bold_ink_whatever_the_column_beside_it_drew(
    lists_page,
) -> None:
    runs = runs_of(lists_page, 0)
    # Columns are (180 - 8) / 2 = 86 mm wide with 8 mm between them: text at 16 and 110.
    titles = {
        "Where (days recorded)": 16,
        "Kind of pain (days recorded)": 110,  # after a column with bars, drawn at 8 pt
        "Treatments (days used, mean relief 0–10)": 16,
        "Exercises (days done)": 110,  # after an empty column, in 8 pt italic
    }
    for text, x in titles.items():
        title = first(runs, text)
        assert (title.font, title.size, title.colour) == ("DejaVuSansBold", 9.0, INK), text
        assert title.x == pytest.approx(x, abs=0.02), text
    assert first(runs, "Kind of pain (").y == pytest.approx(first(runs, "Where (").y, abs=0.02)


def test_an_empty_list_says_so_in_8_pt_muted_italic_under_its_title(lists_page) -> None:
    runs = runs_of(lists_page, 0)
    title = first(runs, "Kind of pain (days recorded)")
    empty = first(runs, "No kinds of pain recorded.")
    assert (empty.font, empty.size, empty.colour) == ("DejaVuSansOblique", 8.0, MUTED)
    assert empty.x == pytest.approx(110, abs=0.02)
    # Title cell 4.8 mm at 9 pt, then a 3.8 mm line at 8 pt.
    assert empty.y - title.y == pytest.approx(
        _baseline(4.8, 3.8, 8) - _baseline(0, 4.8, 9), abs=0.02
    )


def test_a_label_too_long_for_its_column_is_cut_with_an_ellipsis_before_a_12_mm_bar(
    lists_page,
) -> None:
    runs = runs_of(lists_page, 0)
    title = first(runs, "Where (days recorded)")
    label, count, calf, calf_count = runs[runs.index(title) + 1 : runs.index(title) + 5]
    # The counts "5 d (25%)" and "2 d (10%)" (of 20 days) take the wider's width + 3 mm;
    # a label wider than the rest leaves the bar 14 mm, of which the track is 12.
    count_w = max(_width("5 d (25%)", "", 8), _width("2 d (10%)", "", 8)) + 3
    label_w = 86 - count_w - 14
    assert label.text == "A very long location label that will…"
    assert _width("A very long location label that will …", "", 8) <= label_w - 1
    assert _width("A very long location label that will W…", "", 8) > label_w - 1
    row_top = title.y - _baseline(0, 4.8, 9) + 4.8
    for run, text, top in ((label, label.text, row_top), (calf, "Calf", row_top + 4.2)):
        assert (run.text, run.font, run.size, run.colour) == (text, "DejaVuSansBook", 8.0, INK)
        assert run.x == pytest.approx(16, abs=0.02)
        assert run.y == pytest.approx(_baseline(top, 4.2, 8), abs=0.02)
    # The counts, muted, right-aligned 1 mm inside the column's right edge (15 + 86).
    for run, text in ((count, "5 d (25%)"), (calf_count, "2 d (10%)")):
        assert (run.text, run.size, run.colour) == (text, 8.0, MUTED)
        assert run.x + _width(text, "", 8) == pytest.approx(100, abs=0.03)
    assert (count.y, calf_count.y) == (
        pytest.approx(label.y, abs=0.02),
        pytest.approx(calf.y, abs=0.02),
    )
    # Tracks 1.1 mm into each row, 2.2 mm tall; bars of 5 and 2 of at most 5 days.
    left = 15 + label_w
    tracks = sorted(_fills(lists_page, 0, BAR_TRACK))[:2]
    bars = sorted(_fills(lists_page, 0, BAR))[:2]
    assert _close(tracks[0], (left, row_top + 1.1, left + 12, row_top + 3.3))
    assert _close(tracks[1], (left, row_top + 5.3, left + 12, row_top + 7.5))
    assert _close(bars[0], (left, row_top + 1.1, left + 12, row_top + 3.3))
    assert _close(bars[1], (left, row_top + 5.3, left + 4.8, row_top + 7.5))


def test_a_short_label_leaves_two_fifths_of_the_column_and_a_count_shows_its_own_detail(
    lists_page,
) -> None:
    runs = runs_of(lists_page, 0)
    title = first(runs, "Exercises (days done)")
    label, count = runs[runs.index(title) + 1 : runs.index(title) + 3]
    row_top = title.y - _baseline(0, 4.8, 9) + 4.8
    assert (label.text, label.x) == ("Walking", pytest.approx(110, abs=0.02))
    assert label.y == pytest.approx(_baseline(row_top, 4.2, 8), abs=0.02)
    # The right column starts at 15 + 86 + 8 = 109 and ends at 195.
    assert (count.text, count.colour) == ("4 d, 30 min", MUTED)
    assert count.x + _width("4 d, 30 min", "", 8) == pytest.approx(194, abs=0.03)
    # Label 0.4 x 86 = 34.4 mm; the track takes the rest but the count and 2 mm.
    left, right = 109 + 34.4, 195 - (_width("4 d, 30 min", "", 8) + 3) - 2
    track = (left, row_top + 1.1, right, row_top + 3.3)
    assert [box for box in _fills(lists_page, 0, BAR_TRACK) if _close(box, track)]
    assert [box for box in _fills(lists_page, 0, BAR) if _close(box, track)]


# --- the day table -------------------------------------------------------------------------

COLUMNS = (
    "Date",
    "Pain",
    "Worst",
    "PEG",
    "Where",
    "Kind of pain",
    "Sat",
    "Active",
    "Sleep",
    "Stress",
    "Your factors",
    "Flare",
    "Red flag",
)
SHARES = {"Where": 50, "Kind of pain": 33, "Your factors": 40}
CELLS = ["4", "6", "3.7", "L: buttock", "Aching", "8.0", "", "5.0", "3", "gardening", "yes", ""]
DAYS = [dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(60)]
FLAGGED = 1  # Fri 2 Jan: in bold still narrower than the widest date in regular weight


def _date(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


@pytest.fixture(scope="module")
def table() -> PdfReader:
    rows = [DayRow([_date(day), *CELLS], red_flag=i == FLAGGED) for i, day in enumerate(DAYS)]
    return _pdf(
        ReportContent(
            dt.date(2026, 1, 1),
            dt.date(2026, 3, 31),
            generated=dt.date(2026, 4, 1),
            days_logged=60,
            day_rows=rows,
        )
    )


@cache
def _columns() -> list[tuple[float, float]]:
    """(left, width) of each column: narrow ones as wide as their bold heading or widest
    cell at 7 pt + 1.6 mm, the text columns sharing the rest 50 : 33 : 40."""
    widths = {}
    for i, name in enumerate(COLUMNS):
        cells = [_date(day) for day in DAYS] if i == 0 else [CELLS[i - 1]]
        widest = max([_width(name, "B", 7)] + [_width(cell, "", 7) for cell in cells])
        widths[name] = widest + 1.6
    left = 180 - sum(w for name, w in widths.items() if name not in SHARES)
    for name, share in SHARES.items():
        widths[name] = left * share / 123
    placed, x = [], 15.0
    for name in COLUMNS:
        placed.append((x, widths[name]))
        x += widths[name]
    return placed


def _text_x(column: int, text: str, style: str) -> float:
    """Where a cell's text starts: 0.6 mm padding in (left), or centred in the column."""
    left, width = _columns()[column]
    if COLUMNS[column] in SHARES or column == 0:
        return left + 0.6
    return left + (width - _width(text, style, 7)) / 2


def _table_top() -> float:
    # Section: a 5.5 mm title cell and 1.8 mm under its rule; a key of two 3.525 mm lines
    # at 7.5 pt; 1 mm: 15 + 5.5 + 1.8 + 2 x 3.525 + 1.
    return 30.35


def test_the_day_table_page_opens_with_its_section_title_at_the_top_margin(table) -> None:
    title = runs_of(table, 1)[0]
    assert (title.text, title.font, title.size, title.colour) == (
        "Daily entries, 1 Jan – 31 Mar 2026",
        "DejaVuSansBold",
        10.5,
        ACCENT,
    )
    assert (title.x, title.y) == (
        pytest.approx(16, abs=0.02),
        pytest.approx(_baseline(15, 5.5, 10.5), abs=0.02),
    )
    rule = [line for line in _lines(table, 1) if line[1] == ACCENT]
    assert rule[0][0] == pytest.approx((15, 20.5, 195, 20.5), abs=0.03)


def test_the_key_is_two_lines_of_7_5_pt_italic_and_explains_stress(table) -> None:
    first_line, second_line = runs_of(table, 1)[1:3]
    assert first_line.text == (
        "Pain and worst pain 0–10; PEG: mean of pain, enjoyment and activity interference. "
        "Sat, Active, Sleep: hours (1.5 = 1 h 30 min)."
    )
    assert second_line.text == (
        "Stress 0–10. L / R: left / right side. Flare: a flare day as defined on page 1. "
        "Red flag: a warning symptom was ticked (listed on page 1)."
    )
    for line, top in ((first_line, 22.3), (second_line, 25.825)):
        assert (line.font, line.size, line.colour) == ("DejaVuSansOblique", 7.5, INK)
        assert line.x == pytest.approx(16, abs=0.02)
        assert line.y == pytest.approx(_baseline(top, 3.525, 7.5), abs=0.02)


def test_a_table_without_the_stress_column_leaves_stress_out_of_its_key_and_ends_with_a_note():
    columns = tuple(name for name in COLUMNS if name != "Stress")
    cells = ["Fri 2 Jan", *CELLS[:8], *CELLS[9:]]
    reader = _pdf(
        ReportContent(
            dt.date(2026, 1, 1),
            dt.date(2026, 1, 31),
            generated=dt.date(2026, 2, 1),
            days_logged=1,
            day_rows=[DayRow(cells, red_flag=False)],
            day_columns=columns,
            day_table_note="* Worked out from check-ins.",
        )
    )
    text = page_text(runs_of(reader, 1))
    assert "Stress" not in text
    assert "Sat, Active, Sleep: hours (1.5 = 1 h 30 min). L / R: left / right side." in text
    assert "ticked (listed on page 1). * Worked out from check-ins." in text


def _row_runs(reader: PdfReader, page: int, top: float):
    """The runs whose baseline lies on a one-line 4.6 mm row starting at `top`."""
    baseline = _baseline(top + 0.6, 3.4, 7)
    return [run for run in runs_of(reader, page) if abs(run.y - baseline) < 0.02]


@pytest.mark.parametrize(("page", "top"), [(1, 30.35), (2, 15.0)], ids=["first", "repeated"])
def test_the_heading_row_is_7_pt_bold_on_light_blue_4_6_mm_tall(table, page, top) -> None:
    runs = _row_runs(table, page, top)
    assert [run.text for run in runs] == list(COLUMNS)
    for column, run in enumerate(runs):
        assert (run.font, run.size, run.colour) == ("DejaVuSansBold", 7.0, INK)
        assert run.x == pytest.approx(_text_x(column, run.text, "B"), abs=0.03), run.text
    # A fill per cell, edge to edge across the 180 mm, 3.4 mm line + 2 x 0.6 mm padding.
    cells = sorted(_fills(table, page, HEADING_FILL))
    expected = [(left, top, left + width, top + 4.6) for left, width in _columns()]
    assert len(cells) == len(expected)
    assert all(_close(c, e) for c, e in zip(cells, expected, strict=True))


def test_a_plain_row_is_7_pt_regular_on_white_under_a_0_15_mm_grey_rule(table) -> None:
    top = _table_top() + 4.6
    runs = _row_runs(table, 1, top)
    filled = [(i, cell) for i, cell in enumerate(["Thu 1 Jan", *CELLS]) if cell]
    assert [run.text for run in runs] == [cell for _, cell in filled]
    for (column, cell), run in zip(filled, runs, strict=True):
        assert (run.font, run.size, run.colour) == ("DejaVuSansBook", 7.0, INK)
        assert run.x == pytest.approx(_text_x(column, cell, ""), abs=0.03), cell
    white = [box for box in _fills(table, 1, WHITE) if abs(box[1] - top) < 0.03]
    assert sorted(white) == [
        pytest.approx((left, top, left + width, top + 4.6), abs=0.03) for left, width in _columns()
    ]
    # Horizontal lines only: one under the heading row, across the whole width.
    under_heading = [
        (ends, width)
        for ends, colour, width in _lines(table, 1)
        if colour == RULE and abs(ends[1] - top) < 0.03 and abs(ends[3] - top) < 0.03
    ]
    assert min(ends[0] for ends, _ in under_heading) == pytest.approx(15, abs=0.03)
    assert max(ends[2] for ends, _ in under_heading) == pytest.approx(195, abs=0.03)
    assert all(width == pytest.approx(0.15, abs=0.01) for _, width in under_heading)
    grey = [ends for ends, colour, _ in _lines(table, 1) if colour == RULE]
    assert grey and all(ends[1] == pytest.approx(ends[3], abs=0.01) for ends in grey)


def test_a_red_flag_row_is_bold_on_light_red(table) -> None:
    top = _table_top() + 2 * 4.6
    runs = _row_runs(table, 1, top)
    filled = [(i, cell) for i, cell in enumerate(["Fri 2 Jan", *CELLS]) if cell]
    assert [run.text for run in runs] == [cell for _, cell in filled]
    for (column, cell), run in zip(filled, runs, strict=True):
        assert (run.font, run.size, run.colour) == ("DejaVuSansBold", 7.0, INK)
        assert run.x == pytest.approx(_text_x(column, cell, "B"), abs=0.03), cell
    assert sorted(_fills(table, 1, FLAG_ROW_FILL)) == [
        pytest.approx((left, top, left + width, top + 4.6), abs=0.03) for left, width in _columns()
    ]


def test_rows_run_on_to_the_next_page_in_order_under_the_repeated_heading(table) -> None:
    # Body rows start at 34.95 mm, 4.6 mm apart; a row must end by 273 mm, so 51 rows
    # (the last ending at 34.95 + 51 x 4.6 = 269.55) fit on the first table page.
    first_page = [run.text for run in runs_of(table, 1) if run.text.endswith(("Jan", "Feb"))]
    assert first_page == [_date(day) for day in DAYS[:51]]
    last = first(runs_of(table, 1), _date(DAYS[50]))
    assert last.y == pytest.approx(_baseline(34.95 + 50 * 4.6 + 0.6, 3.4, 7), abs=0.03)
    # On the next page the heading row (15 - 19.6 mm) comes first, then the 52nd day.
    following = runs_of(table, 2)
    assert following[0].text == "Date"
    after = first(following, _date(DAYS[51]))
    assert after.y == pytest.approx(_baseline(19.6 + 0.6, 3.4, 7), abs=0.03)
    assert [run.text for run in following if run.text.endswith(("Jan", "Feb", "Mar"))] == [
        _date(day) for day in DAYS[51:]
    ]
