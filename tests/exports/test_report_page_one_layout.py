"""Page 1 of the report, every run and box of it, read back from finished A4 PDFs.

Each PDF is drawn by `draw` from a `ReportContent` typed in below and read back with
pypdf: text runs with font, size, colour and place (baselines, mm from the top left),
and the painted outlines from the page's content stream. A4 is 210 x 297 mm with 15 mm
margins: text is 180 mm wide, from x = 15 to x = 195, and a page breaks where a line
would end below 297 - 24 = 273 mm. fpdf2 sets text 1 mm (its cell margin) right of a
cell's left edge, puts its baseline at the cell's top + half its height + 0.3 x the font
size, and wraps a multi_cell's text at its width less 2 mm. A line of text at s pt is
0.47 s mm high. 1 pt = 0.3528 mm.

Page 1 always starts the same way: the header ends with its rule and 3 mm under it,
at 33.5 mm (15 mm margin, 9 mm title, 6.5 mm of facts, 3 mm).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import matplotlib
import pytest
from fpdf import FPDF
from pypdf import PdfReader
from pypdf.generic import ContentStream

from app.exports.report_pdf.content import Count, KeyFigure, SuspectLine
from app.exports.report_pdf.drawing import draw
from tests.exports.pdf_read_back import A4_HEIGHT_PT, PT_PER_MM, runs_of
from tests.exports.pdf_read_back import january_report as _content
from tests.exports.pdf_read_back import read_report as _pdf

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
MM_PER_PT = 25.4 / 72

# Colours as the PDF holds them: RGB / 255.
INK = (33 / 255,) * 3
MUTED = (100 / 255,) * 3
RULE = (200 / 255,) * 3
ACCENT = (0.0, 86 / 255, 150 / 255)
FLAG_RED = (179 / 255, 38 / 255, 30 / 255)
FLAG_FILL = (253 / 255, 236 / 255, 234 / 255)
CHANGE_FILL = (255 / 255, 244 / 255, 214 / 255)

BOOK, BOLD, OBLIQUE = "DejaVuSansBook", "DejaVuSansBold", "DejaVuSansOblique"
SADDLE = "New numbness around the genitals, buttocks or inner thighs"
WARNING = (
    "These symptoms need urgent medical attention. Contact a doctor or emergency services now."
)
NO_FLAGS = "Red flags: none of the nine warning symptoms was ticked in this period."
PAIN = "Pain (0 = none, 10 = worst imaginable; the day's average)"
FLARES = "Flare-ups and what went with them"
WHERE = "Where it hurts and what kind of pain"
TREATMENTS = "Treatments and exercises"

# Bullet texts at 8.5 pt, measured apart from the report (`_width`): 172.8 mm, which fits
# the 175 mm beside a bullet less fpdf2's 2 mm, and 173.2 mm, which does not.
FITS = (
    "Pain was a little higher on the days after gardening than on the other days of this "
    "period, by one point on average."
)
WRAPS = (
    "Pain was worse on the days after sitting at a desk all day than on the other days of "
    "this period, by about one point."
)
LONG_NOTE = (
    "Pain was higher on weekdays than at weekends in every one of the four weeks of this "
    "period, most of all on Mondays and Tuesdays after long drives."
)


def _baseline(top: float, height: float, size: float) -> float:
    """Where fpdf2 puts the baseline of `size` pt text in a line `height` mm tall at `top`."""
    return top + height / 2 + 0.3 * size * MM_PER_PT


def _width(text: str, style: str, size: float) -> float:
    """`text`'s width in mm in DejaVu Sans, measured with a bare FPDF (not the report's)."""
    measure = FPDF()
    fonts = Path(matplotlib.get_data_path(), "fonts/ttf")
    measure.add_font("dejavu", "", fonts / "DejaVuSans.ttf")
    measure.add_font("dejavu", "B", fonts / "DejaVuSans-Bold.ttf")
    measure.set_font("dejavu", style, size)
    return measure.get_string_width(text)


def _body(reader: PdfReader, page: int = 0) -> list[tuple]:
    """Page `page`'s runs below the header and above the footer, as
    (text, font, size, colour, x, y)."""
    runs = [
        (r.text, r.font, r.size, r.colour, r.x, r.y)
        for r in runs_of(reader, page)
        if r.size != 6.5  # the footer
    ]
    if page == 0:
        # The header's runs end with the days logged ("20 of 31 (65%)").
        runs = runs[next(i for i, r in enumerate(runs) if r[0].endswith("%)")) + 1 :]
    return runs


def _assert_runs(actual: list[tuple], expected: list[tuple]) -> None:
    """Each run as expected; None in `expected` leaves that field unchecked."""
    assert len(actual) == len(expected), [run[0] for run in actual]
    for got, want in zip(actual, expected, strict=True):
        text, font, size, colour, x, y = want
        if text is not None:
            assert got[0] == text
        assert got[1:3] == (font, size), got[0]
        assert got[3] == pytest.approx(colour, abs=0.001), got[0]
        if x is not None:
            assert got[4] == pytest.approx(x, abs=0.02), got[0]
        assert got[5] == pytest.approx(y, abs=0.02), got[0]


def _painted(reader: PdfReader, page: int) -> list[dict]:
    """Each rounded shape painted on `page` (a path with curves): its painting operator,
    fill and stroke colour, line width (mm), first point and (left, top, right, bottom), mm
    from the page's top left."""
    ops = ContentStream(reader.pages[page].get_contents(), reader).operations
    shapes, path, points = [], [], []
    state = {"rg": (), "RG": (), "w": 0.0}
    for args, op in ops:
        if op in (b"rg", b"RG"):
            state[op.decode()] = tuple(float(a) for a in args)
        elif op == b"w":
            state["w"] = float(args[0]) / PT_PER_MM
        elif op in (b"m", b"l", b"c"):
            values = [float(a) for a in args]
            path.append(op)
            points += list(zip(values[0::2], values[1::2], strict=True))
        elif op in (b"S", b"B", b"f", b"b", b"F", b"f*", b"B*", b"n", b"re"):
            if b"c" in path:
                mm = [(x / PT_PER_MM, (A4_HEIGHT_PT - y) / PT_PER_MM) for x, y in points]
                xs, ys = [p[0] for p in mm], [p[1] for p in mm]
                shapes.append(
                    {
                        "op": op,
                        "fill": state["rg"],
                        "stroke": state["RG"],
                        "width": state["w"],
                        "start": mm[0],
                        "box": (min(xs), min(ys), max(xs), max(ys)),
                    }
                )
            path, points = [], []
    return shapes


# --- a full page 1 without red flags -------------------------------------------------------


@pytest.fixture(scope="module")
def full_page() -> PdfReader:
    return _pdf(
        _content(
            figures=[
                KeyFigure("Average pain", "3.0 / 10", "20 days with a score"),
                KeyFigure("Pain, first → last 2 weeks", "3.0 → 5.5", "+2.5 points", flagged=True),
            ],
            pain_notes=[LONG_NOTE, "Pain was higher on weekdays."],
            activity_line="Mean pain 4.0 after gardening (6 check-ins).",
            pain_footnote="Scores are the day's average pain.",
            flare_summary="3 flare-ups, 7 days in all.",
            flare_definition="A flare-up: pain 2 points above the usual for 2 days or more.",
            suspects=[
                SuspectLine(
                    "Long sitting (next day)",
                    "declared 3 Jan 2026",
                    "Linked so far.",
                    details="Odds ratio 3.0 (1.2 to 7.5), corrected p = 0.03",
                    linked=True,
                ),
                SuspectLine(
                    "Sleep under 6 hours (same day)",
                    "declared 10 Jan 2026",
                    "Not linked yet.",
                    wait="About 20 more logged days would tell.",
                ),
            ],
            suspects_note="Declared in the app; tested first.",
            link_sentences=[
                "On 5 of the 6 days after long sitting a flare-up began.",
                "Stress above 6 went with higher pain.",
            ],
            link_details=["Odds ratio 4.2 (1.1 to 16), corrected p = 0.04", ""],
            link_note="Exploratory: links found by testing many factors.",
            locations=[Count("Lower back", 10)],
            location_notes=["Back pain on 0 days; leg pain on 20 days."],
            treatments=[Count("Ibuprofen", 5, "5 d, relief 3.0")],
        )
    )


def test_every_run_of_a_full_page_one_is_in_its_font_colour_and_place(full_page) -> None:
    b = _baseline
    # Line tops, worked down the page from 33.5 mm: a section adds 4 mm (3 for the first),
    # its 5.5 mm heading and 1.8 mm under its rule; the key figures 20 + 2 mm; a bullet
    # 3.995 mm a line and 0.6 under it; a paragraph 0.47 x its size a line; 0.8 mm under
    # the flare text, each suspect, and the suspects' note.
    # Bullet glyphs sit 1.5 mm in, their text 5 mm in; the key figures' text 2.5 mm into
    # boxes 88.5 mm wide with 3 mm between them (15 and 106.5 mm).
    expected = [
        (NO_FLAGS, BOOK, 9.0, MUTED, 16, b(33.5, 5, 9)),
        (PAIN, BOLD, 10.5, ACCENT, 16, b(41.5, 5.5, 10.5)),
        ("Average pain", BOOK, 7.5, MUTED, 18.5, b(50.6, 3.5, 7.5)),
        ("3.0 / 10", BOLD, 13.0, INK, 18.5, b(54.6, 6, 13)),
        ("20 days with a score", BOOK, 6.6, MUTED, 18.5, b(61.4, 2.9, 6.6)),
        ("Pain, first → last 2 weeks", BOOK, 7.5, MUTED, 110, b(50.6, 3.5, 7.5)),
        ("3.0 → 5.5", BOLD, 13.0, INK, 110, b(54.6, 6, 13)),
        # A meaningful change: its note is bold and in ink, not muted.
        ("+2.5 points", BOLD, 6.6, INK, 110, b(61.4, 2.9, 6.6)),
        ("•", BOOK, 8.5, INK, 17.5, b(70.8, 3.995, 8.5)),
        (None, BOOK, 8.5, INK, 21, b(70.8, 3.995, 8.5)),
        # The wrapped line hangs under the first, not under the bullet.
        (None, BOOK, 8.5, INK, 21, b(74.795, 3.995, 8.5)),
        ("•", BOOK, 8.5, INK, 17.5, b(79.39, 3.995, 8.5)),
        ("Pain was higher on weekdays.", BOOK, 8.5, INK, 21, b(79.39, 3.995, 8.5)),
        ("•", BOOK, 8.5, INK, 17.5, b(83.985, 3.995, 8.5)),
        ("Mean pain 4.0 after gardening (6 check-ins).", BOOK, 8.5, INK, 21, b(83.985, 3.995, 8.5)),
        ("Scores are the day's average pain.", OBLIQUE, 7.5, INK, 16, b(88.58, 3.525, 7.5)),
        (FLARES, BOLD, 10.5, ACCENT, 16, b(96.105, 5.5, 10.5)),
        ("3 flare-ups, 7 days in all.", BOOK, 9.0, INK, 16, b(103.405, 4.23, 9)),
        (
            "A flare-up: pain 2 points above the usual for 2 days or more.",
            OBLIQUE,
            7.5,
            INK,
            16,
            b(107.635, 3.525, 7.5),
        ),
        ("Suspects (declared by the patient)", BOLD, 9.0, INK, 16, b(111.96, 5, 9)),
        ("Declared in the app; tested first.", OBLIQUE, 7.5, MUTED, 16, b(116.96, 3.525, 7.5)),
        ("•", BOOK, 8.5, INK, 17.5, b(121.285, 3.995, 8.5)),
        ("Long sitting (next day)", BOLD, 8.5, INK, 21, b(121.285, 3.995, 8.5)),
        ("— declared 3 Jan 2026", BOOK, 8.5, INK, None, b(121.285, 3.995, 8.5)),
        ("Linked so far.", BOOK, 8.5, INK, 21, b(125.28, 3.995, 8.5)),
        (
            "How sure: odds ratio 3.0 (1.2 to 7.5), corrected p = 0.03",
            OBLIQUE,
            7.5,
            MUTED,
            21,
            b(129.275, 3.525, 7.5),
        ),
        ("•", BOOK, 8.5, INK, 17.5, b(133.6, 3.995, 8.5)),
        ("Sleep under 6 hours (same day)", BOLD, 8.5, INK, 21, b(133.6, 3.995, 8.5)),
        ("— declared 10 Jan 2026", BOOK, 8.5, INK, None, b(133.6, 3.995, 8.5)),
        ("Not linked yet.", BOOK, 8.5, INK, 21, b(137.595, 3.995, 8.5)),
        (
            "About 20 more logged days would tell.",
            OBLIQUE,
            7.5,
            MUTED,
            21,
            b(141.59, 3.525, 7.5),
        ),
        ("Other factors (exploratory)", BOLD, 9.0, INK, 16, b(145.915, 5, 9)),
        ("•", BOOK, 8.5, INK, 17.5, b(150.915, 3.995, 8.5)),
        (
            "On 5 of the 6 days after long sitting a flare-up began.",
            BOOK,
            8.5,
            INK,
            21,
            b(150.915, 3.995, 8.5),
        ),
        # The statistics beneath a link, footnote-style: small, italic, muted, lower case.
        (
            "How sure: odds ratio 4.2 (1.1 to 16), corrected p = 0.04",
            OBLIQUE,
            7.5,
            MUTED,
            21,
            b(155.51, 3.525, 7.5),
        ),
        ("•", BOOK, 8.5, INK, 17.5, b(159.635, 3.995, 8.5)),
        ("Stress above 6 went with higher pain.", BOOK, 8.5, INK, 21, b(159.635, 3.995, 8.5)),
        (
            "Exploratory: links found by testing many factors.",
            OBLIQUE,
            7.5,
            INK,
            16,
            b(164.23, 3.525, 7.5),
        ),
        (WHERE, BOLD, 10.5, ACCENT, 16, b(171.755, 5.5, 10.5)),
        # Two columns 86 mm wide with 8 mm between them (15 and 109 mm); each title 4.8 mm.
        ("Where (days recorded)", BOLD, 9.0, INK, 16, b(179.055, 4.8, 9)),
        # A 4.2 mm row: the label, then its days and share of the 20 logged, right-aligned.
        ("Lower back", BOOK, 8.0, INK, 16, b(183.855, 4.2, 8)),
        ("10 d (50%)", BOOK, 8.0, MUTED, None, b(183.855, 4.2, 8)),
        ("Kind of pain (days recorded)", BOLD, 9.0, INK, 110, b(179.055, 4.8, 9)),
        ("No kinds of pain recorded.", OBLIQUE, 8.0, MUTED, 110, b(183.855, 3.8, 8)),
        # Under the taller column: 183.855 + 4.2 mm.
        ("•", BOOK, 8.5, INK, 17.5, b(188.055, 3.995, 8.5)),
        (
            "Back pain on 0 days; leg pain on 20 days.",
            BOOK,
            8.5,
            INK,
            21,
            b(188.055, 3.995, 8.5),
        ),
        (TREATMENTS, BOLD, 10.5, ACCENT, 16, b(196.65, 5.5, 10.5)),
        ("Treatments (days used, mean relief 0–10)", BOLD, 9.0, INK, 16, b(203.95, 4.8, 9)),
        ("Ibuprofen", BOOK, 8.0, INK, 16, b(208.75, 4.2, 8)),
        ("5 d, relief 3.0", BOOK, 8.0, MUTED, None, b(208.75, 4.2, 8)),
        ("Exercises (days done)", BOLD, 9.0, INK, 110, b(203.95, 4.8, 9)),
        ("No exercises recorded.", OBLIQUE, 8.0, MUTED, 110, b(208.75, 3.8, 8)),
    ]
    runs = _body(full_page)
    _assert_runs(runs, expected)
    assert f"{runs[9][0]} {runs[10][0]}" == LONG_NOTE


def test_a_suspect_s_dates_follow_its_bold_title_on_the_same_line(full_page) -> None:
    runs = _body(full_page)
    for title in ("Long sitting (next day)", "Sleep under 6 hours (same day)"):
        (i,) = [i for i, run in enumerate(runs) if run[0] == title]
        # The dates' run starts at the space after the title: 21 mm + the bold title's width.
        assert runs[i + 1][4] == pytest.approx(21 + _width(title, "B", 8.5), abs=0.05)


def test_the_key_figures_are_rounded_boxes_the_changed_one_filled(full_page) -> None:
    boxes = _painted(full_page, 0)
    assert len(boxes) == 2
    plain, changed = boxes
    # Both outlined in the rule grey 0.25 mm wide, 20 mm tall from 48.8 mm, corners of
    # radius 1.2 mm: the outline starts 1.2 mm right of the top left corner.
    for box, left in ((plain, 15), (changed, 106.5)):
        assert box["stroke"] == pytest.approx(RULE, abs=0.001)
        assert box["width"] == pytest.approx(0.25, abs=0.005)
        assert box["box"] == pytest.approx((left, 48.8, left + 88.5, 68.8), abs=0.02)
        assert box["start"] == pytest.approx((left + 1.2, 48.8), abs=0.02)
    assert plain["op"] == b"S"  # outlined only
    assert changed["op"] == b"B"  # outlined and filled
    assert changed["fill"] == pytest.approx(CHANGE_FILL, abs=0.001)


# --- red flags ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def flagged_page() -> PdfReader:
    return _pdf(
        _content(
            red_flags=[
                ("Loss of bladder control", [dt.date(2026, 1, 5)]),
                (SADDLE, [dt.date(2026, 1, day) for day in range(1, 11)]),
            ]
        )
    )


def test_every_run_in_the_red_flag_box_is_in_its_font_colour_and_place(flagged_page) -> None:
    b = _baseline
    # Inside a box from 15 mm with 3 mm padding: a 5.5 mm heading at 11 pt, a 4.8 mm
    # warning, then a 4.3 mm line per row and 0.8 mm under each; the rows' text 5 mm right
    # of the square marker. Within a row only the first run's start is checked: the
    # bold label and the dates are one line of mixed fonts.
    expected = [
        ("RED FLAGS reported in this period", BOLD, 11.0, FLAG_RED, 19, b(36.5, 5.5, 11)),
        (WARNING, BOLD, 9.0, FLAG_RED, 19, b(42, 4.8, 9)),
        ("■", BOOK, 9.0, FLAG_RED, 19, b(46.8, 4.3, 9)),
        ("Loss of bladder control", BOLD, 9.0, INK, 24, b(46.8, 4.3, 9)),
        ("— 5 Jan 2026", BOOK, 9.0, INK, None, b(46.8, 4.3, 9)),
        ("■", BOOK, 9.0, FLAG_RED, 19, b(51.9, 4.3, 9)),
        (SADDLE, BOLD, 9.0, INK, 24, b(51.9, 4.3, 9)),
        ("— 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 Jan", BOOK, 9.0, INK, None, b(51.9, 4.3, 9)),
        ("2026", BOOK, 9.0, INK, 24, b(56.2, 4.3, 9)),
        # Box: 3 + 5.5 + 4.8 + (4.3 + 0.8) + (8.6 + 0.8) + 3 - 0.8 = 30 mm, from 33.5 mm;
        # 1 mm under it, then the section's 3 mm.
        (PAIN, BOLD, 10.5, ACCENT, 16, b(67.5, 5.5, 10.5)),
    ]
    runs = _body(flagged_page)
    _assert_runs(runs[: len(expected)], expected)


def test_the_red_flag_box_is_red_edged_rounded_and_spans_the_text_width(flagged_page) -> None:
    (box,) = _painted(flagged_page, 0)
    assert box["op"] == b"B"  # outlined and filled
    assert box["fill"] == pytest.approx(FLAG_FILL, abs=0.001)
    assert box["stroke"] == pytest.approx(FLAG_RED, abs=0.001)
    assert box["width"] == pytest.approx(0.6, abs=0.005)
    assert box["box"] == pytest.approx((15, 33.5, 195, 63.5), abs=0.02)
    # Corners of radius 1.5 mm: the outline starts 1.5 mm right of the top left corner.
    assert box["start"] == pytest.approx((16.5, 33.5), abs=0.02)


def test_without_red_flags_a_muted_line_says_so_and_no_box_is_drawn(full_page) -> None:
    assert _body(full_page)[0][:2] == (NO_FLAGS, BOOK)
    assert [box for box in _painted(full_page, 0) if box["stroke"] == FLAG_RED] == []


def test_an_empty_period_says_so_under_the_no_red_flags_line() -> None:
    b = _baseline
    runs = _body(_pdf(_content(days_logged=0)))
    # The line ends 5 mm down at 38.5 mm; 4 mm more, then a 4.7 mm line at 10 pt.
    message = (
        "No days were logged in this period. Choose a period with logged days, "
        "or log some days first."
    )
    _assert_runs(
        runs,
        [
            (NO_FLAGS, BOOK, 9.0, MUTED, 16, b(33.5, 5, 9)),
            (message, BOOK, 10.0, INK, 16, b(42.5, 4.7, 10)),
        ],
    )


# --- bullets -------------------------------------------------------------------------------


def test_a_bullet_wraps_only_text_wider_than_the_175_mm_beside_it() -> None:
    assert 172 < _width(FITS, "", 8.5) < 173 < _width(WRAPS, "", 8.5) < 174
    runs = _body(_pdf(_content(pain_notes=[FITS, WRAPS])))
    b = _baseline
    # From the pain heading's rule (48.8 mm; no key figures): one line of 3.995 mm, then
    # two, each bullet with 0.6 mm under it; the next section 4 mm under that.
    _assert_runs(
        runs[2:8],
        [
            ("•", BOOK, 8.5, INK, 17.5, b(48.8, 3.995, 8.5)),
            (FITS, BOOK, 8.5, INK, 21, b(48.8, 3.995, 8.5)),
            ("•", BOOK, 8.5, INK, 17.5, b(53.395, 3.995, 8.5)),
            (WRAPS.removesuffix(" point."), BOOK, 8.5, INK, 21, b(53.395, 3.995, 8.5)),
            ("point.", BOOK, 8.5, INK, 21, b(57.39, 3.995, 8.5)),
            (FLARES, BOLD, 10.5, ACCENT, 16, b(65.985, 5.5, 10.5)),
        ],
    )


# --- the document: page size, margins, page breaks, metadata -------------------------------


@pytest.mark.parametrize(
    ("flare_summary", "last_on_page_1"),
    [
        # From 60.9 mm (the flare heading's rule, and 0.8 mm), lines of 3.525 mm: line 60
        # ends at 60.9 + 60 x 3.525 = 272.4 mm, above 273; line 61 would end at 275.9.
        ("", 60),
        # A 4.23 mm summary first: line 58 ends at 65.13 + 58 x 3.525 = 269.58 mm, line 59
        # would end at 273.105 mm, just below 273.
        ("3 flare-ups.", 58),
    ],
)
def test_text_that_would_end_below_273_mm_continues_at_the_top_of_page_2(
    flare_summary, last_on_page_1
) -> None:
    note = "\n".join(f"Note line {i}" for i in range(1, 71))
    reader = _pdf(_content(flare_summary=flare_summary, link_note=note))
    on_page_1 = [run for run in _body(reader, 0) if run[0].startswith("Note line")]
    assert on_page_1[-1][0] == f"Note line {last_on_page_1}"
    top = 272.4 - 3.525 if not flare_summary else 269.58 - 3.525
    assert on_page_1[-1][5] == pytest.approx(_baseline(top, 3.525, 7.5), abs=0.02)
    # Page 2 starts at its 15 mm top margin.
    next_line = _body(reader, 1)[0]
    assert next_line[0] == f"Note line {last_on_page_1 + 1}"
    assert next_line[4:] == pytest.approx((16, _baseline(15, 3.525, 7.5)), abs=0.02)


def test_the_report_is_a4_in_portrait_with_its_metadata(full_page) -> None:
    box = full_page.pages[0].mediabox
    # 210 x 297 mm in points.
    assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=0.01)
    meta = full_page.metadata
    assert meta.title == "Pain diary summary"
    assert meta.subject == "Pain diary, 1 Jan – 31 Jan 2026"
    assert meta.creator == "Pain Diary"
    assert full_page.trailer["/Root"]["/Lang"] == "en"


def test_a_letter_report_is_on_letter_paper_and_its_title_in_ink() -> None:
    data, _pages = draw(_content(), "Letter")
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    # 8.5 x 11 inches in points.
    assert (float(box.width), float(box.height)) == pytest.approx((612, 792), abs=0.01)
    title = runs_of(reader, 0)[0]
    assert (title.text, title.font, title.size) == ("Pain diary summary", BOLD, 16.0)
    assert title.colour == pytest.approx(INK, abs=0.001)


# --- key figures that do not fit their boxes ---------------------------------------------

# Four boxes: (180 - 3 x 3) / 4 = 42.75 mm wide, 45.75 mm apart, text 37.75 mm wide.
TRUNCATED = "Worst pain on days after…"


def test_key_figures_shrink_a_wide_value_and_shorten_a_long_label() -> None:
    # The premises, measured apart from the report: the first value is wider than 37.75
    # mm even at 9 pt (the smallest); the second fits at 9.5 pt, not at 10; the label
    # fits only cut after "after".
    assert _width("120 of 310 days (39 %)", "B", 9) > 37.75
    assert (
        _width("3.0 → 5.5 (+2.5 pts)", "B", 9.5) <= 37.75 < _width("3.0 → 5.5 (+2.5 pts)", "B", 10)
    )
    assert _width(TRUNCATED, "", 7.5) <= 37.75 < _width("Worst pain on days after g…", "", 7.5)
    reader = _pdf(
        _content(
            figures=[
                KeyFigure("Days with pain", "120 of 310 days (39 %)"),
                KeyFigure("Pain, first → last", "3.0 → 5.5 (+2.5 pts)", "worse", flagged=True),
                KeyFigure("Worst pain on days after gardening", "7 / 10"),
                KeyFigure("Average pain", "3.0 / 10", "20 days"),
            ],
            pain_notes=["Pain was higher on weekdays."],
        )
    )
    b = _baseline
    label, value, note = b(50.6, 3.5, 7.5), b(54.6, 6, 13), b(61.4, 2.9, 6.6)
    expected = [
        ("Days with pain", BOOK, 7.5, MUTED, 18.5, label),
        ("120 of 310 days (39 %)", BOLD, 9.0, INK, 18.5, b(54.6, 6, 9)),
        ("Pain, first → last", BOOK, 7.5, MUTED, 64.25, label),
        ("3.0 → 5.5 (+2.5 pts)", BOLD, 9.5, INK, 64.25, b(54.6, 6, 9.5)),
        ("worse", BOLD, 6.6, INK, 64.25, note),
        (TRUNCATED, BOOK, 7.5, MUTED, 110, label),
        ("7 / 10", BOLD, 13.0, INK, 110, value),
        ("Average pain", BOOK, 7.5, MUTED, 155.75, label),
        ("3.0 / 10", BOLD, 13.0, INK, 155.75, value),
        ("20 days", BOOK, 6.6, MUTED, 155.75, note),
        # After a muted note the text is in ink again.
        ("•", BOOK, 8.5, INK, 17.5, b(70.8, 3.995, 8.5)),
        ("Pain was higher on weekdays.", BOOK, 8.5, INK, 21, b(70.8, 3.995, 8.5)),
    ]
    _assert_runs(_body(reader)[2:14], expected)
    boxes = _painted(reader, 0)
    assert [box["box"] for box in boxes] == [
        pytest.approx((left, 48.8, left + 42.75, 68.8), abs=0.02)
        for left in (15, 60.75, 106.5, 152.25)
    ]
    assert [box["op"] for box in boxes] == [b"S", b"B", b"S", b"S"]


# --- where the suspects block breaks to page 2 -----------------------------------------------


def _find(reader: PdfReader, text: str) -> tuple[int, float]:
    """The page and baseline of the run `text`."""
    for page in range(len(reader.pages)):
        for run in runs_of(reader, page):
            if run.text == text:
                return page, run.y
    raise AssertionError(text)


SITTING = SuspectLine("Long sitting (next day)", "declared 3 Jan 2026", "Not linked yet.")
SLEEP = SuspectLine("Sleep under 6 hours (same day)", "declared 10 Jan 2026", "Not linked yet.")


@pytest.mark.parametrize(
    ("before", "suspects", "heading", "last_title"),
    [
        # The heading wants 22 mm. From 60.9 mm (the flare heading's rule and 0.8 mm):
        # key figures 22, 34 one-line bullets of 4.595, a 4.23 mm summary and two 3.525 mm
        # notes put it at 250.41 mm, and 250.41 + 22 <= 273: it stays, its line under it.
        (
            (1, 34, True, True, True),
            [SITTING],
            (0, _baseline(250.41, 5, 9)),
            (0, _baseline(255.41, 3.995, 8.5)),
        ),
        # One more bullet, no footnote: 251.48 mm, and 251.48 + 22 > 273: page 2.
        (
            (1, 35, True, False, True),
            [SITTING],
            (1, _baseline(15, 5, 9)),
            (1, _baseline(20, 3.995, 8.5)),
        ),
        # Each suspect wants 14 mm. 40 bullets: the heading at 244.7 mm, the first suspect
        # 5 mm lower, the second 3.995 + 3.995 + 0.8 mm lower still at 258.49 mm;
        # 258.49 + 14 <= 273: it stays.
        (
            (0, 40, False, False, False),
            [SITTING, SLEEP],
            (0, _baseline(244.7, 5, 9)),
            (0, _baseline(258.49, 3.995, 8.5)),
        ),
        # Key figures, 33 bullets, the summary and both notes: the heading at 245.815 mm,
        # the second suspect at 259.605 mm, and 259.605 + 14 > 273: page 2.
        (
            (1, 33, True, True, True),
            [SITTING, SLEEP],
            (0, _baseline(245.815, 5, 9)),
            (1, _baseline(15, 3.995, 8.5)),
        ),
    ],
)
def test_the_suspects_block_moves_to_page_2_only_when_it_would_not_fit(
    before, suspects, heading, last_title
) -> None:
    figures, bullets, summary, footnote, definition = before
    reader = _pdf(
        _content(
            figures=[KeyFigure("Average pain", "3.0 / 10")] * figures,
            pain_notes=[f"Note {i}." for i in range(bullets)],
            pain_footnote="Scores are the day's average pain." if footnote else "",
            flare_summary="3 flare-ups." if summary else "",
            flare_definition="A flare-up: 2 points above the usual." if definition else "",
            suspects=suspects,
        )
    )
    page, y = _find(reader, "Suspects (declared by the patient)")
    assert (page, y) == (heading[0], pytest.approx(heading[1], abs=0.02))
    page, y = _find(reader, suspects[-1].title)
    assert (page, y) == (last_title[0], pytest.approx(last_title[1], abs=0.02))


def test_the_where_section_stays_on_page_1_when_its_heading_and_a_row_fit() -> None:
    reader = _pdf(
        _content(
            figures=[KeyFigure("Average pain", "3.0 / 10")],
            pain_notes=[f"Note {i}." for i in range(36)],
        )
    )
    b = _baseline
    # From 48.8 mm: key figures 22 and 36 bullets of 4.595 mm, the flare heading 11.3 and
    # 0.8 mm: 248.32 mm. The heading wants 4 + 9 + 5 + 4.2 mm (to 270.52), its columns
    # 8 + 4.2 after the heading's 11.3 (to 271.82): both fit above 273.
    assert _find(reader, WHERE) == (0, pytest.approx(b(252.32, 5.5, 10.5), abs=0.02))
    assert _find(reader, "Where (days recorded)") == (
        0,
        pytest.approx(b(259.62, 4.8, 9), abs=0.02),
    )
    # The treatments follow at the top of page 2: its 15 mm margin and 4 mm.
    assert _find(reader, TREATMENTS) == (1, pytest.approx(b(19, 5.5, 10.5), abs=0.02))
