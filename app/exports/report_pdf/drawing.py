"""How the report looks: the content laid out on pages with fpdf2.

Page 1 answers, in this order: who and which period; red flags (first, in a
red box, with dates); how much it hurts and whether that changed by a
clinically meaningful amount; flare-ups and the factors linked with them in
this diary; where it hurts and what kind of pain; treatments and exercises.
Page 2 holds the charts (they follow on when page 1 runs over); a day table
follows when the content has one.

Everything shown comes from a `ReportContent` (content.py); this module adds
only headings, colours and geometry. Charts are embedded as SVG, so they stay
vector: sharp when printed and zoomed.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from fpdf import FPDF, FontFace, XPos, YPos

from app.domain import vocab
from app.exports.report_pdf.content import (
    DAY_COLUMNS,
    Count,
    DayRow,
    KeyFigure,
    ReportContent,
    SuspectLine,
    date_list,
    long_date,
    period_text,
)
from app.exports.report_pdf.fonts import FONT, register_fonts

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MARGIN = 15.0  # mm

# Colours (RGB). Text is near-black on white; red flags in a red box; accents
# in a muted blue that prints well in greyscale.
INK = (33, 33, 33)
MUTED = (100, 100, 100)
RULE = (200, 200, 200)
ACCENT = (0, 86, 150)
BAR = (0, 114, 178)
BAR_TRACK = (232, 238, 244)
FLAG_RED = (179, 38, 30)
FLAG_FILL = (253, 236, 234)
CHANGE_FILL = (255, 244, 214)
ROW_FLAG_FILL = (253, 236, 234)

BODY = 9.0
SMALL = 7.5
SECTION_HEADING = 7.3  # mm: a section title's 5.5 mm line and 1.8 mm under its rule


# --- the document ---------------------------------------------------------------------------


class _Document(FPDF):
    """FPDF with the report's fonts, footer (disclaimer, page x of y) and helpers."""

    def __init__(self, page_format: str, footer_text: str):
        super().__init__(orientation="portrait", unit="mm", format=page_format)
        self.footer_text = footer_text
        register_fonts(self)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 9)
        self.set_text_color(*INK)
        self.set_font(FONT, "", BODY)

    @property
    def content_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def footer(self) -> None:
        self.set_y(-(MARGIN + 6))
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.2)
        self.set_font(FONT, "", 6.5)
        self.set_text_color(*MUTED)
        page = f"Page {self.page_no()} of {{nb}}"
        page_w = 22
        x = self.get_x()
        self.multi_cell(
            self.content_width - page_w - 4, 2.9, self.footer_text, align="L", new_y=YPos.TOP
        )
        self.set_xy(x + self.content_width - page_w, self.get_y())
        self.cell(page_w, 2.9, page, align="R")
        self.set_text_color(*INK)

    # -- building blocks --

    def section(self, title: str, *, space_before: float = 4.0, keep: float = 10.0) -> None:
        """A section heading with a thin rule under it, kept with `keep` mm of what follows."""
        self.ensure_space(space_before + SECTION_HEADING + keep)
        self.ln(space_before)
        self.set_font(FONT, "B", 10.5)
        self.set_text_color(*ACCENT)
        self.cell(0, 5.5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(SECTION_HEADING - 5.5)
        self.set_text_color(*INK)
        self.set_font(FONT, "", BODY)

    def paragraph(self, text: str, *, size: float = BODY, style: str = "", indent: float = 0):
        self.set_font(FONT, style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.content_width - indent,
            size * 0.47,
            text,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_font(FONT, "", BODY)

    def bullet(self, text: str, *, size: float = BODY) -> None:
        # The glyph alone must not trigger the page break: its text would then be
        # placed back at this page's height on the next page and break once more.
        self.ensure_space(size * 0.47)
        self.set_font(FONT, "", size)
        y = self.get_y()
        self.set_x(self.l_margin + 1.5)
        self.cell(3.5, size * 0.47, "•")
        self.set_xy(self.l_margin + 5, y)
        self.multi_cell(
            self.content_width - 5,
            size * 0.47,
            text,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(0.6)

    def ensure_space(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()


@contextmanager
def _quiet_svg() -> Iterator[None]:
    """fpdf2 logs a warning for SVG tags it skips (metadata); they are harmless here."""
    logger = logging.getLogger("fpdf.svg")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def figure_svg(figure: Figure) -> bytes:
    """The Figure as SVG that fpdf2 can draw.

    fpdf2 does not draw SVG <pattern> fills, which Matplotlib uses for
    hatching; hatches are removed so the shading underneath still shows. The
    Figure is changed in place: pass one made for the report.
    """
    for artist in figure.findobj(lambda a: hasattr(a, "get_hatch") and bool(a.get_hatch())):
        artist.set_hatch(None)  # type: ignore[attr-defined]
    # Rasterized parts (a colour bar's gradient) become embedded bitmaps that
    # fpdf2 misplaces; drawn as vectors they land where they belong.
    for artist in figure.findobj(lambda a: a.get_rasterized()):
        artist.set_rasterized(False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


# --- page 1 -----------------------------------------------------------------------------------


def _header(pdf: _Document, content: ReportContent) -> None:
    top = pdf.get_y()
    pdf.set_font(FONT, "B", 16)
    pdf.cell(0, 8, "Pain diary summary", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(pdf.l_margin, top + 1.5)
    pdf.set_font(FONT, "", SMALL)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 4, f"Generated {long_date(content.generated)}", align="R")
    pdf.set_xy(pdf.l_margin, top + 9)
    pdf.set_text_color(*INK)

    facts = []
    if content.name:
        facts.append(("Name", content.name))
    facts.append(("Period", period_text(content.start, content.end)))
    share = content.days_logged / content.days_in_period if content.days_in_period else 0
    facts.append(
        (
            "Days logged",
            f"{content.days_logged} of {content.days_in_period} ({share:.0%})",
        )
    )
    for label, value in facts:
        pdf.set_font(FONT, "", BODY)
        pdf.set_text_color(*MUTED)
        pdf.cell(pdf.get_string_width(label) + 1.5, 5, label)
        pdf.set_text_color(*INK)
        pdf.set_font(FONT, "B", BODY)
        pdf.cell(pdf.get_string_width(value) + 7, 5, value)
    pdf.ln(6.5)
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)
    pdf.set_font(FONT, "", BODY)


def _red_flags(pdf: _Document, content: ReportContent) -> None:
    if not content.red_flags:
        pdf.set_font(FONT, "", BODY)
        pdf.set_text_color(*MUTED)
        pdf.cell(
            0,
            5,
            "Red flags: none of the nine warning symptoms was ticked in this period.",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_text_color(*INK)
        return
    x, y, width = pdf.l_margin, pdf.get_y(), pdf.content_width
    pad = 3.0
    lines = [(label, date_list(dates)) for label, dates in content.red_flags]
    # Measure first so the box is drawn behind the text at the right height.
    pdf.set_font(FONT, "", BODY)
    text_w = width - 2 * pad
    body_h = 0.0
    for label, dates in lines:
        rows = pdf.multi_cell(
            text_w - 5, 4.3, f"**{label}** — {dates}", markdown=True, dry_run=True, output="LINES"
        )
        body_h += 4.3 * len(rows) + 0.8
    height = pad + 5.5 + 4.8 + body_h + pad - 0.8
    pdf.set_fill_color(*FLAG_FILL)
    pdf.set_draw_color(*FLAG_RED)
    pdf.set_line_width(0.6)
    pdf.rect(x, y, width, height, style="DF", round_corners=True, corner_radius=1.5)
    pdf.set_xy(x + pad, y + pad)
    pdf.set_text_color(*FLAG_RED)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(text_w, 5.5, "RED FLAGS reported in this period", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", BODY)
    pdf.cell(text_w, 4.8, vocab.RED_FLAG_WARNING, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", BODY)
    for label, dates in lines:
        row_y = pdf.get_y()
        pdf.set_x(x + pad)
        pdf.set_text_color(*FLAG_RED)
        pdf.cell(5, 4.3, "■")
        pdf.set_text_color(*INK)
        pdf.set_xy(x + pad + 5, row_y)
        pdf.multi_cell(
            text_w - 5,
            4.3,
            f"**{label}** — {dates}",
            markdown=True,
            align="L",
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
        )
        pdf.ln(0.8)
    pdf.set_y(y + height + 1)


def _key_figures(pdf: _Document, figures: list[KeyFigure]) -> None:
    if not figures:
        return
    gap = 3.0
    width = (pdf.content_width - gap * (len(figures) - 1)) / len(figures)
    inner = width - 5
    height = 20.0
    y = pdf.get_y()
    for index, figure in enumerate(figures):
        x = pdf.l_margin + index * (width + gap)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.25)
        if figure.flagged:
            pdf.set_fill_color(*CHANGE_FILL)
            pdf.rect(x, y, width, height, style="DF", round_corners=True, corner_radius=1.2)
        else:
            pdf.rect(x, y, width, height, style="D", round_corners=True, corner_radius=1.2)
        pdf.set_xy(x + 2.5, y + 1.8)
        pdf.set_font(FONT, "", SMALL)
        pdf.set_text_color(*MUTED)
        pdf.cell(inner, 3.5, _fit(pdf, figure.label, inner))
        pdf.set_xy(x + 2.5, y + 5.8)
        pdf.set_text_color(*INK)
        size = 13.0
        pdf.set_font(FONT, "B", size)
        while size > 9 and pdf.get_string_width(figure.value) > inner:
            size -= 0.5
            pdf.set_font(FONT, "B", size)
        pdf.cell(inner, 6, figure.value)
        if figure.note:
            pdf.set_xy(x + 2.5, y + 12.6)
            pdf.set_font(FONT, "B" if figure.flagged else "", 6.6)
            pdf.set_text_color(*(INK if figure.flagged else MUTED))
            pdf.multi_cell(inner, 2.9, figure.note, align="L", max_line_height=2.9)
    pdf.set_text_color(*INK)
    pdf.set_y(y + height + 2)


def _suspects(pdf: _Document, suspects: Sequence[SuspectLine], note: str) -> None:
    """The patient's suspects: title and dates, the result beneath, then how sure / how long."""
    pdf.ensure_space(22)
    pdf.set_font(FONT, "B", BODY)
    pdf.cell(0, 5, "Suspects (declared by the patient)", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if note:
        pdf.set_text_color(*MUTED)
        pdf.paragraph(note, size=SMALL, style="I")
        pdf.set_text_color(*INK)
        pdf.ln(0.8)
    size, indent = BODY - 0.5, 5.0
    for line in suspects:
        pdf.ensure_space(14)
        y = pdf.get_y()
        pdf.set_font(FONT, "", size)
        pdf.set_x(pdf.l_margin + 1.5)
        pdf.cell(3.5, size * 0.47, "•")
        # write() flows bold and regular text on one line and wraps at the margins; the
        # left margin moves in for the bullet's hanging indent. No markdown: names are
        # the user's text and may hold '**' or '__'.
        margin = pdf.l_margin
        pdf.set_left_margin(margin + indent)
        pdf.set_xy(margin + indent, y)
        pdf.set_font(FONT, "B", size)
        pdf.write(size * 0.47, line.title)
        pdf.set_font(FONT, "", size)
        pdf.write(size * 0.47, f" — {line.dates}")
        pdf.set_left_margin(margin)
        pdf.ln(size * 0.47)
        pdf.paragraph(line.result, size=size, indent=indent)
        pdf.set_text_color(*MUTED)
        if line.details:
            text = f"How sure: {line.details[:1].lower()}{line.details[1:]}"
            pdf.paragraph(text, size=SMALL, style="I", indent=indent)
        if line.wait:
            pdf.paragraph(line.wait, size=SMALL, style="I", indent=indent)
        pdf.set_text_color(*INK)
        pdf.ln(0.8)


def _counts_column(
    pdf: _Document,
    x: float,
    y: float,
    width: float,
    title: str,
    items: list[Count],
    total_days: int,
    *,
    empty: str,
) -> float:
    """A titled list with a bar per item; returns the y below it."""
    pdf.set_xy(x, y)
    pdf.set_font(FONT, "B", BODY)
    pdf.cell(width, 4.8, title, new_x=XPos.LEFT, new_y=YPos.NEXT)
    if not items:
        pdf.set_font(FONT, "I", SMALL + 0.5)
        pdf.set_text_color(*MUTED)
        pdf.set_x(x)
        pdf.multi_cell(width, 3.8, empty, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        return pdf.get_y()

    def detail(item: Count) -> str:
        share = f" ({item.days / total_days:.0%})" if total_days else ""
        return item.detail or f"{item.days} d{share}"

    pdf.set_font(FONT, "", SMALL + 0.5)
    # The counts take the room they need; the bars get what is left.
    count_w = max(pdf.get_string_width(detail(item)) for item in items) + 3
    widest = max(pdf.get_string_width(item.label) for item in items) + 2
    label_w = max(width * 0.4, min(widest, width - count_w - 14))
    bar_w = width - label_w - count_w
    most = max(item.days for item in items) or 1
    for item in items:
        row_y = pdf.get_y()
        pdf.set_xy(x, row_y)
        pdf.set_font(FONT, "", SMALL + 0.5)
        pdf.cell(label_w, 4.2, _fit(pdf, item.label, label_w - 1))
        pdf.set_fill_color(*BAR_TRACK)
        pdf.rect(x + label_w, row_y + 1.1, bar_w - 2, 2.2, style="F")
        pdf.set_fill_color(*BAR)
        pdf.rect(x + label_w, row_y + 1.1, (bar_w - 2) * item.days / most, 2.2, style="F")
        pdf.set_xy(x + width - count_w, row_y)
        pdf.set_text_color(*MUTED)
        pdf.cell(count_w, 4.2, detail(item), align="R", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
    return pdf.get_y()


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """`text`, shortened with an ellipsis to fit `width` mm in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _two_columns_height(rows: int) -> float:
    """The height two count columns of `rows` rows need to start on a page."""
    return 8 + 4.2 * rows


def _two_columns(
    pdf: _Document,
    left: tuple[str, list[Count], str],
    right: tuple[str, list[Count], str],
    total_days: int,
    rows_hint: int,
) -> None:
    pdf.ensure_space(_two_columns_height(rows_hint))
    gap = 8.0
    width = (pdf.content_width - gap) / 2
    y = pdf.get_y()
    bottom_left = _counts_column(
        pdf, pdf.l_margin, y, width, left[0], left[1], total_days, empty=left[2]
    )
    bottom_right = _counts_column(
        pdf, pdf.l_margin + width + gap, y, width, right[0], right[1], total_days, empty=right[2]
    )
    pdf.set_xy(pdf.l_margin, max(bottom_left, bottom_right))


def _page_one(pdf: _Document, content: ReportContent) -> None:
    _header(pdf, content)
    _red_flags(pdf, content)
    if content.days_logged == 0:
        pdf.ln(4)
        pdf.paragraph(
            "No days were logged in this period. Choose a period with logged days, "
            "or log some days first.",
            size=BODY + 1,
        )
        return

    pdf.section("Pain (0 = none, 10 = worst imaginable; the day's average)", space_before=3)
    _key_figures(pdf, content.figures)
    for note in content.pain_notes:
        pdf.bullet(note, size=BODY - 0.5)
    if content.activity_line:
        pdf.bullet(content.activity_line, size=BODY - 0.5)
    if content.pain_footnote:
        pdf.paragraph(content.pain_footnote, size=SMALL, style="I")

    pdf.section("Flare-ups and what went with them")
    if content.flare_summary:
        pdf.paragraph(content.flare_summary)
    if content.flare_definition:
        pdf.paragraph(content.flare_definition, size=SMALL, style="I")
    pdf.ln(0.8)
    if content.suspects:
        _suspects(pdf, content.suspects, content.suspects_note)
        pdf.set_font(FONT, "B", BODY)
        pdf.cell(0, 5, "Other factors (exploratory)", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    details = content.link_details or [""] * len(content.link_sentences)
    for sentence, detail in zip(content.link_sentences, details, strict=True):
        pdf.bullet(sentence, size=BODY - 0.5)
        if detail:
            # Footnote-style: the plain sentence first, the statistics small beneath it.
            pdf.set_text_color(*MUTED)
            pdf.paragraph(
                f"How sure: {detail[:1].lower()}{detail[1:]}", size=SMALL, style="I", indent=5
            )
            pdf.set_text_color(*INK)
            pdf.ln(0.6)
    if content.link_note:
        pdf.paragraph(content.link_note, size=SMALL, style="I")

    rows = max(len(content.locations), len(content.symptoms), 1)
    pdf.section("Where it hurts and what kind of pain", keep=_two_columns_height(rows))
    _two_columns(
        pdf,
        ("Where (days recorded)", content.locations, "No locations recorded."),
        ("Kind of pain (days recorded)", content.symptoms, "No kinds of pain recorded."),
        content.days_logged,
        rows,
    )
    for note in content.location_notes:
        pdf.bullet(note, size=BODY - 0.5)

    rows = max(len(content.treatments), len(content.exercises), 1)
    pdf.section("Treatments and exercises", keep=_two_columns_height(rows))
    _two_columns(
        pdf,
        ("Treatments (days used, mean relief 0–10)", content.treatments, "No treatments recorded."),
        ("Exercises (days done)", content.exercises, "No exercises recorded."),
        content.days_logged,
        rows,
    )


# --- page 2 and the appendix --------------------------------------------------------------------


def _charts(pdf: _Document, charts: Sequence[Figure], optional: Sequence[Figure]) -> None:
    if not charts:
        return
    if pdf.page_no() == 1:
        pdf.add_page()
        pdf.section("Charts", space_before=0)
    else:
        # Page 1 ran over (suspects, long lists): the charts follow on rather than
        # leave most of a page blank, so the report keeps its length.
        pdf.section("Charts", keep=_chart_height(pdf, charts[0]))
    with _quiet_svg():
        for figure in charts:
            _chart(pdf, figure)
        for figure in optional:
            if _chart_height(pdf, figure) + 2 <= pdf.page_break_trigger - pdf.get_y():
                _chart(pdf, figure)


def _chart_height(pdf: _Document, figure: Figure) -> float:
    width_in, height_in = figure.get_size_inches()
    return pdf.content_width * height_in / width_in


def _chart(pdf: _Document, figure: Figure) -> None:
    height = _chart_height(pdf, figure)
    pdf.ensure_space(height + 2)
    # SVG shapes without an explicit colour take the PDF's current one.
    pdf.set_fill_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_text_color(0, 0, 0)
    pdf.image(io.BytesIO(figure_svg(figure)), x=pdf.l_margin, y=pdf.get_y(), w=pdf.content_width)
    pdf.set_y(pdf.get_y() + height + 3)
    pdf.set_text_color(*INK)


#: Each day table column's alignment and its share of the width left over by the narrow
#: columns (0: narrow, as wide as its heading or widest cell).
_COLUMN_LAYOUT = {
    "Date": ("LEFT", 0),
    "Pain": ("CENTER", 0),
    "Worst": ("CENTER", 0),
    "PEG": ("CENTER", 0),
    "Where": ("LEFT", 50),
    "Kind of pain": ("LEFT", 33),
    "Sat": ("CENTER", 0),
    "Active": ("CENTER", 0),
    "Sleep": ("CENTER", 0),
    "Stress": ("CENTER", 0),
    "Your factors": ("LEFT", 40),
    "Flare": ("CENTER", 0),
    "Red flag": ("CENTER", 0),
}
TABLE_SIZE = 7.0
TABLE_PADDING = 0.6


def _column_widths(pdf: _Document, columns: Sequence[str], rows: Sequence[DayRow]) -> list[float]:
    """Narrow columns as wide as their heading or widest cell (headings never break
    mid-word, whichever columns the diary fills); the text columns share the rest."""
    slack = 2 * TABLE_PADDING + 0.4
    widths = []
    for i, name in enumerate(columns):
        pdf.set_font(FONT, "B", TABLE_SIZE)
        widest = pdf.get_string_width(name)
        for row in rows:
            # Measured in the weight it is drawn in: a red-flag row is bold, and a
            # bold date measured regular would wrap onto a second line.
            pdf.set_font(FONT, "B" if row.red_flag else "", TABLE_SIZE)
            widest = max(widest, pdf.get_string_width(row.cells[i]))
        widths.append(0.0 if _COLUMN_LAYOUT[name][1] else widest + slack)
    left = pdf.content_width - sum(widths)
    shares = sum(_COLUMN_LAYOUT[name][1] for name in columns) or 1
    return [
        w or left * _COLUMN_LAYOUT[name][1] / shares
        for w, name in zip(widths, columns, strict=True)
    ]


def _days_table(
    pdf: _Document,
    rows: Sequence[DayRow],
    start: dt.date,
    end: dt.date,
    note: str = "",
    columns: Sequence[str] = DAY_COLUMNS,
) -> None:
    pdf.add_page()
    pdf.section(f"Daily entries, {period_text(start, end)}", space_before=0)
    if not rows:
        pdf.paragraph("No days were logged in this period.")
        return
    pdf.paragraph(
        "Pain and worst pain 0–10; PEG: mean of pain, enjoyment and activity interference. "
        "Sat, Active, Sleep: hours (1.5 = 1 h 30 min). "
        + ("Stress 0–10. " if "Stress" in columns else "")
        + "L / R: left / right side. "
        "Flare: a flare day as defined on page 1. "
        "Red flag: a warning symptom was ticked (listed on page 1)." + (f" {note}" if note else ""),
        # The key to the derived scores before the table, where it is read first.
        size=SMALL,
        style="I",
    )
    pdf.ln(1)
    widths = _column_widths(pdf, columns, rows)
    pdf.set_font(FONT, "", TABLE_SIZE)
    heading = FontFace(emphasis="BOLD", fill_color=(236, 240, 245))
    plain_row = FontFace(fill_color=(255, 255, 255))
    flag_row = FontFace(fill_color=ROW_FLAG_FILL, emphasis="BOLD")
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.15)
    with pdf.table(
        col_widths=tuple(widths),
        text_align=tuple(_COLUMN_LAYOUT[name][0] for name in columns),
        headings_style=heading,
        line_height=3.4,
        borders_layout="HORIZONTAL_LINES",
        padding=TABLE_PADDING,
        first_row_as_headings=True,
        repeat_headings=1,
    ) as table:
        table.row(list(columns))
        for row in rows:
            table.row(row.cells, style=flag_row if row.red_flag else plain_row)


# --- the whole report ------------------------------------------------------------------------


def draw(content: ReportContent, page_format: str) -> tuple[bytes, int]:
    """The report as PDF bytes on `page_format` paper ('A4', 'Letter'), and its page count."""
    footer = f"{vocab.DISCLAIMER} All scores are self-reported."
    pdf = _Document(page_format, footer)
    pdf.set_title("Pain diary summary")
    pdf.set_subject(f"Pain diary, {period_text(content.start, content.end)}")
    pdf.set_creator("Pain Diary")
    pdf.set_lang("en")
    pdf.set_creation_date(dt.datetime.combine(content.generated, dt.time(), tzinfo=dt.UTC))
    pdf.add_page()
    _page_one(pdf, content)
    _charts(pdf, content.charts, content.optional_charts)
    if content.day_rows is not None:
        _days_table(
            pdf,
            content.day_rows,
            content.start,
            content.end,
            content.day_table_note,
            content.day_columns,
        )
    return bytes(pdf.output()), pdf.pages_count
