"""The doctor's summary: a PDF a clinician reads in a minute.

Page 1 answers, in this order: who and which period; red flags (first, in a
red box, with dates); how much it hurts and whether that changed by a
clinically meaningful amount; flare-ups and the factors linked with them in
this diary; where it hurts and what kind of pain; treatments and exercises.
Page 2 holds the charts; `include_days` adds a table of every day.

Every number comes from the analysis (`app.analysis`), so the report and
`pain-diary insights --json` always agree. This module only lays them out.

Text is set in DejaVu Sans, which ships with Matplotlib, so any name or
label prints (not only Latin-1) and stays selectable. Charts are embedded as
SVG, so they stay vector: sharp when printed and zoomed.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fpdf import FPDF, FontFace, XPos, YPos

from app.domain import vocab
from app.domain.entry import DayEntry

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PAPERS = {"a4": "A4", "letter": "Letter"}
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

FONT = "DejaVu"
BODY = 9.0
SMALL = 7.5


@dataclass(frozen=True)
class KeyFigure:
    """One boxed number at the top of the pain section."""

    label: str
    value: str
    note: str = ""
    flagged: bool = False  # a meaningful change: shown highlighted


@dataclass(frozen=True)
class Count:
    """A label with how many days it was recorded and an optional detail."""

    label: str
    days: int
    detail: str = ""


@dataclass
class ReportContent:
    """Everything the report shows, already worked out by the analysis."""

    start: dt.date
    end: dt.date
    generated: dt.date
    days_logged: int
    name: str | None = None
    red_flags: list[tuple[str, list[dt.date]]] = field(default_factory=list)
    figures: list[KeyFigure] = field(default_factory=list)
    pain_notes: list[str] = field(default_factory=list)
    pain_footnote: str = ""
    flare_summary: str = ""
    link_sentences: list[str] = field(default_factory=list)
    link_note: str = ""
    locations: list[Count] = field(default_factory=list)
    location_notes: list[str] = field(default_factory=list)
    symptoms: list[Count] = field(default_factory=list)
    treatments: list[Count] = field(default_factory=list)
    exercises: list[Count] = field(default_factory=list)
    flare_definition: str = ""
    charts: list[Figure] = field(default_factory=list)
    #: Drawn only if they still fit on the charts page (keeps the report short).
    optional_charts: list[Figure] = field(default_factory=list)
    days: list[DayEntry] | None = None
    #: Days the analysis counts as flare days (ticked, or pain >= baseline + 2).
    flare_dates: frozenset[dt.date] = frozenset()

    @property
    def days_in_period(self) -> int:
        """Calendar days from start to end, both included."""
        return (self.end - self.start).days + 1


# --- formatting helpers -------------------------------------------------------------------


def long_date(date: dt.date) -> str:
    """'3 Mar 2026' (no leading zero, unambiguous across countries)."""
    return f"{date.day} {date:%b %Y}"


def short_date(date: dt.date) -> str:
    """'3 Mar'."""
    return f"{date.day} {date:%b}"


def period_text(start: dt.date, end: dt.date) -> str:
    """'1 Jan – 31 Mar 2026'."""
    if start.year == end.year:
        return f"{short_date(start)} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def date_list(dates: Sequence[dt.date]) -> str:
    """Dates as '3, 5 and 9 Mar 2026' style text, grouped by month."""
    groups: list[tuple[tuple[int, int], list[int]]] = []
    for date in sorted(dates):
        key = (date.year, date.month)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(date.day)
        else:
            groups.append((key, [date.day]))
    parts = []
    for (year, month), days in groups:
        month_name = dt.date(year, month, 1).strftime("%b %Y")
        parts.append(", ".join(str(d) for d in days) + f" {month_name}")
    return "; ".join(parts)


def duration(minutes: int) -> str:
    """'45 min' up to 10 hours, then whole hours ('32 h')."""
    return f"{minutes} min" if minutes < 600 else f"{minutes / 60:.0f} h"


def _fonts_folder() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


#: System fonts tried, in order, for characters DejaVu Sans lacks (CJK names).
FALLBACK_FAMILIES = (
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Noto Sans",
    "Droid Sans Fallback",
    "WenQuanYi Zen Hei",
    "Arial Unicode MS",
)
#: Shown for a character no available font can draw (instead of nothing at all).
MISSING_GLYPH = "□"


@functools.cache
def fallback_font() -> Path | None:
    """A system TrueType/OpenType font for what DejaVu cannot draw, if one is installed."""
    from matplotlib import font_manager

    for family in FALLBACK_FAMILIES:
        try:
            found = font_manager.findfont(
                font_manager.FontProperties(family=family), fallback_to_default=False
            )
        except ValueError:
            continue
        if Path(found).suffix.lower() in (".ttf", ".otf"):
            return Path(found)
    return None


@functools.cache
def _drawable() -> frozenset[int]:
    """Code points the report's fonts can draw in both regular and bold."""
    from fontTools.ttLib import TTFont

    def cmap(path: Path) -> set[int]:
        return set(TTFont(path, lazy=True)["cmap"].getBestCmap())

    folder = _fonts_folder()
    covered = cmap(folder / "DejaVuSans.ttf") & cmap(folder / "DejaVuSans-Bold.ttf")
    extra = fallback_font()
    return frozenset(covered | (cmap(extra) if extra else set()))


def printable(text: str) -> str:
    """`text` with characters no font here can draw shown as a box, not silently dropped."""
    drawable = _drawable()
    return "".join(c if ord(c) in drawable or c.isspace() else MISSING_GLYPH for c in text)


# --- the document ---------------------------------------------------------------------------


class _Document(FPDF):
    """FPDF with the report's fonts, footer (disclaimer, page x of y) and helpers."""

    def __init__(self, paper: str, footer_text: str):
        super().__init__(orientation="portrait", unit="mm", format=PAPERS[paper])
        self.footer_text = footer_text
        folder = _fonts_folder()
        self.add_font(FONT, "", folder / "DejaVuSans.ttf")
        self.add_font(FONT, "B", folder / "DejaVuSans-Bold.ttf")
        self.add_font(FONT, "I", folder / "DejaVuSans-Oblique.ttf")
        extra = fallback_font()
        if extra is not None:
            for style in ("", "B", "I"):
                self.add_font("Fallback", style, extra)
            self.set_fallback_fonts(["Fallback"], exact_match=False)
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
        self.ensure_space(space_before + 9 + keep)
        self.ln(space_before)
        self.set_font(FONT, "B", 10.5)
        self.set_text_color(*ACCENT)
        self.cell(0, 5.5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.8)
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


def _two_columns(
    pdf: _Document,
    left: tuple[str, list[Count], str],
    right: tuple[str, list[Count], str],
    total_days: int,
    rows_hint: int,
) -> None:
    pdf.ensure_space(8 + 4.2 * rows_hint)
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
    if content.pain_footnote:
        pdf.paragraph(content.pain_footnote, size=SMALL, style="I")

    pdf.section("Flare-ups and what went with them")
    if content.flare_summary:
        pdf.paragraph(content.flare_summary)
    if content.flare_definition:
        pdf.paragraph(content.flare_definition, size=SMALL, style="I")
    pdf.ln(0.8)
    for sentence in content.link_sentences:
        pdf.bullet(sentence, size=BODY - 0.5)
    if content.link_note:
        pdf.paragraph(content.link_note, size=SMALL, style="I")

    rows = max(len(content.locations), len(content.symptoms), 1)
    pdf.section("Where it hurts and what kind of pain", keep=5 + 4.2 * rows)
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
    pdf.section("Treatments and exercises", keep=5 + 4.2 * rows)
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
    pdf.add_page()
    pdf.section("Charts", space_before=0)
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


_DAY_COLUMNS = (
    ("Date", 17.0, "LEFT"),
    ("Pain", 9.0, "CENTER"),
    ("Worst", 10.0, "CENTER"),
    ("PEG", 9.0, "CENTER"),
    ("Where", 50.0, "LEFT"),
    ("Kind of pain", 33.0, "LEFT"),
    ("Sat", 9.0, "CENTER"),
    ("Active", 10.0, "CENTER"),
    ("Sleep", 10.0, "CENTER"),
    ("Flare", 9.0, "CENTER"),
    ("Red flag", 13.0, "CENTER"),
)
_SIDE_PREFIX = {"left": "L", "right": "R", "both": "both"}


def _hours(minutes: int | None) -> str:
    return "" if minutes is None else f"{minutes / 60:.1f}"


def _num(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return ""
    return f"{value:.{digits}f}" if digits else str(value)


def compact_locations(day: DayEntry) -> str:
    """'Lower back; L: buttock, calf' - short enough for a table cell."""
    groups: dict[str, list[str]] = {}
    for loc in day.locations:
        name = vocab.label(vocab.REGIONS, loc.region)
        key = _SIDE_PREFIX.get(loc.side or "", "")
        groups.setdefault(key, []).append(name if not key else name.lower())
    parts = [", ".join(groups.pop("", []))] if "" in groups else []
    parts += [f"{side}: {', '.join(names)}" for side, names in groups.items()]
    return "; ".join(parts)


def _day_row(day: DayEntry, flare_dates: frozenset[dt.date]) -> list[str]:
    where = compact_locations(day)
    # "Tingling (pins and needles)" -> "Tingling": the key is on page 1.
    kind = ", ".join(vocab.label(vocab.SYMPTOMS, s).split(" (")[0] for s in day.symptoms)
    return [
        f"{day.date:%a} {short_date(day.date)}",
        _num(day.pain),
        _num(day.worst_pain),
        _num(day.peg, 1),
        where,
        kind,
        _hours(day.sitting_minutes),
        _hours(day.active_minutes),
        _num(day.sleep_hours, 1) if day.sleep_hours is not None else "",
        "yes" if day.date in flare_dates else "",
        "YES" if day.red_flags else "",
    ]


def _days_table(
    pdf: _Document,
    days: Sequence[DayEntry],
    start: dt.date,
    end: dt.date,
    flare_dates: frozenset[dt.date],
) -> None:
    pdf.add_page()
    pdf.section(f"Daily entries, {period_text(start, end)}", space_before=0)
    if not days:
        pdf.paragraph("No days were logged in this period.")
        return
    pdf.paragraph(
        "Pain and worst pain 0–10; PEG: mean of pain, enjoyment and activity interference. "
        "Sat, Active, Sleep: hours (1.5 = 1 h 30 min). L / R: left / right side. "
        "Flare: a flare day as defined on page 1. "
        "Red flag: a warning symptom was ticked (listed on page 1).",
        size=SMALL,
        style="I",
    )
    pdf.ln(1)
    scale = pdf.content_width / sum(w for _, w, _ in _DAY_COLUMNS)
    pdf.set_font(FONT, "", 7)
    heading = FontFace(emphasis="BOLD", fill_color=(236, 240, 245))
    plain_row = FontFace(fill_color=(255, 255, 255))
    flag_row = FontFace(fill_color=ROW_FLAG_FILL, emphasis="BOLD")
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.15)
    with pdf.table(
        col_widths=tuple(w * scale for _, w, _ in _DAY_COLUMNS),
        text_align=tuple(align for *_, align in _DAY_COLUMNS),
        headings_style=heading,
        line_height=3.4,
        borders_layout="HORIZONTAL_LINES",
        padding=0.6,
        first_row_as_headings=True,
        repeat_headings=1,
    ) as table:
        table.row([name for name, _, _ in _DAY_COLUMNS])
        for day in days:
            table.row(_day_row(day, flare_dates), style=flag_row if day.red_flags else plain_row)


# --- from the analysis -----------------------------------------------------------------------

#: Longest lists shown on page 1 (the rest are counted in a note).
MAX_LOCATIONS = 8
MAX_SYMPTOMS = 8
MAX_TREATMENTS = 6
MAX_EXERCISES = 6
CHART_WIDTH_IN = 7.1


def _signed(value: float, digits: int = 1) -> str:
    """'+1.2' / '−1.2' with a true minus sign; '0.0' without one."""
    text = f"{abs(value):.{digits}f}"
    if float(text) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def _change_figure(change: Any, label: str, *, percent: bool) -> KeyFigure:
    if change is None:
        return KeyFigure(label, "—", "too few days at start or end")
    value = f"{change.first:.1f} → {change.last:.1f}"
    moved = f"{_signed(change.change)} points"
    if percent and change.first > 0:
        moved += f" ({_signed(100 * change.change / change.first, 0)} %)"
    verdict = {
        "better": "meaningful improvement",
        "worse": "meaningful worsening",
        "unchanged": "less than a meaningful change",
    }[change.direction]
    return KeyFigure(label, value, f"{moved}: {verdict}", flagged=change.meaningful)


def _location_notes(summary: Any) -> list[str]:
    notes = []
    if summary.back_days or summary.leg_days:
        sides = []
        if summary.left_leg_days or summary.right_leg_days:
            sides.append(f"left leg {summary.left_leg_days}, right leg {summary.right_leg_days}")
        side_text = f" ({sides[0]})" if sides else ""
        notes.append(
            f"Back pain on {summary.back_days} days; leg pain on "
            f"{summary.leg_days} days{side_text}."
        )
    pattern = "buttock or back of thigh down to calf or foot, same side"
    if summary.sciatic_days:
        parts = [f"{side} leg on {n} days" for side, n in summary.sciatic_days.items()]
        notes.append(f"Sciatic pattern ({pattern}): {', '.join(parts)}.")
    elif summary.days_logged:
        notes.append(f"No day showed the sciatic pattern ({pattern}).")
    return notes


def _more(items: Sequence[Any], limit: int) -> tuple[list[Any], int]:
    return list(items[:limit]), max(0, len(items) - limit)


def build_content(
    result: Any,
    days: Sequence[DayEntry],
    *,
    name: str | None = None,
    generated: dt.date | None = None,
    include_days: bool = False,
    charts: bool = True,
) -> ReportContent:
    """Lay the analysis result (`app.analysis.insights.Insights`) out as report content.

    `days` are the days the analysis was given (the period and the weeks
    before it); only the period's days are listed. Every number shown comes
    from `result`; `days` give only the red flags' names and the day table.
    """
    from app.analysis import sentences
    from app.analysis.flares import classify_days
    from app.analysis.links import LINKED, NOT_ENOUGH_DATA

    today = generated or dt.date.today()
    start, end = result.start or today, result.end or today
    in_period = [d for d in sorted(days, key=lambda d: d.date) if start <= d.date <= end]
    summary = result.summary
    content = ReportContent(
        start=start,
        end=end,
        generated=today,
        days_logged=result.days_logged,
        name=printable(name) if name else None,
    )

    # Red flags: which, and on which dates.
    for code, text in vocab.RED_FLAGS.items():
        dates = [d.date for d in in_period if code in d.red_flags]
        if dates:
            content.red_flags.append((text, dates))

    if summary is None or summary.days_logged == 0:
        content.flare_summary = "No days were logged in this period."
        return content

    # Pain.
    mean = "—" if summary.pain_mean is None else f"{summary.pain_mean:.1f} / 10"
    least = "—" if summary.pain_least is None else str(summary.pain_least)
    worst = "—" if summary.pain_worst is None else str(summary.pain_worst)
    content.figures = [
        KeyFigure("Average pain", mean, f"{summary.pain_days} days with a score"),
        KeyFigure("Least / worst", f"{least} / {worst}", "lowest average / highest worst"),
        _change_figure(result.peg.pain_change, "Pain, first → last 2 weeks", percent=True),
        _change_figure(result.peg.peg_change, "PEG, first → last 2 weeks", percent=False),
    ]
    # The boxes carry the change sentences' numbers and verdicts; the sentences
    # themselves would repeat them.
    if result.peg.pain_change is None:
        content.pain_notes.append(
            "First and last two weeks not compared: the period needs at least 28 days, with "
            "pain scored on at least 3 days at each end."
        )
    content.pain_footnote = (
        "Meaningful change: at least 2 points or 30 % for pain, about 1 point for PEG "
        "(mean of pain, interference with enjoyment of life and with general activity, each 0–10)."
    )

    # Flare-ups and links.
    content.flare_summary = sentences.flares_sentence(result.flares, summary.flare_days)
    if result.baseline.value is not None:
        content.flare_definition = (
            "A flare day is a day marked as a flare, or pain at least 2 points above the "
            f"personal baseline (median of the preceding {result.baseline.window} logged days; "
            f"{result.baseline.value:g}/10 at the end of the period)."
        )
    else:
        content.flare_definition = (
            "A flare day is a day marked as a flare (too few days yet for a personal baseline)."
        )
    content.link_sentences = [link.sentence for link in result.links if link.verdict == LINKED]
    linked = set(result.linked_factors)
    by_factor: dict[str, set[str]] = {}
    for link in result.links:
        by_factor.setdefault(link.factor, set()).add(link.verdict)
    labels = {code: _factor_label(code) for code in by_factor}
    no_link = [
        labels[c] for c, v in by_factor.items() if c not in linked and v != {NOT_ENOUGH_DATA}
    ]
    unknown = [labels[c] for c, v in by_factor.items() if v == {NOT_ENOUGH_DATA}]
    note = ["Associations in this diary, not causes; counts are days on which a flare-up began."]
    if not content.link_sentences:
        note.insert(0, "No factor went with flare-ups clearly enough to call it a link.")
    if no_link:
        note.append(f"No clear link: {', '.join(no_link)}.")
    if unknown:
        note.append(f"Not enough data: {', '.join(unknown)}.")
    content.link_note = " ".join(note)

    # Where, what kind, what helped.
    shown, more = _more(summary.locations, MAX_LOCATIONS)
    content.locations = [Count(c.label, c.days) for c in shown]
    content.location_notes = _location_notes(summary)
    if more:
        content.location_notes.append(f"{more} further locations on fewer days are not listed.")
    shown, _ = _more(summary.symptoms, MAX_SYMPTOMS)
    content.symptoms = [Count(c.label, c.days) for c in shown]
    shown, _ = _more(summary.treatments, MAX_TREATMENTS)
    content.treatments = [
        Count(
            printable(t.label),
            t.days,
            f"{t.days} d · "
            + ("not rated" if t.mean_relief is None else f"relief {t.mean_relief:.1f}"),
        )
        for t in shown
    ]
    shown, _ = _more(summary.exercises, MAX_EXERCISES)
    content.exercises = [
        Count(printable(e.label), e.days, f"{e.days} d · {duration(e.minutes)}") for e in shown
    ]

    if charts:
        content.charts, content.optional_charts = _figures(result, days, start, end)
    if include_days:
        content.days = in_period
        content.flare_dates = frozenset(
            date for date, flare in classify_days(days).by_date().items() if flare
        )
    return content


def _factor_label(code: str) -> str:
    from app.analysis.factors import factor

    return factor(code).label.lower()


def _figures(
    result: Any, days: Sequence[DayEntry], start: dt.date, end: dt.date
) -> tuple[list[Figure], list[Figure]]:
    """The charts page: trend (with sitting and activity) and body map; factors if room."""
    from app.charts.factor_links import factors_figure
    from app.charts.trend import trend_figure

    charts = [trend_figure(days, start=start, end=end, width=CHART_WIDTH_IN, height=4.1)]
    try:
        from app.charts.body import body_figure
    except ModuleNotFoundError as error:  # the body map chart is not built yet
        if error.name != "app.charts.body":
            raise
    else:
        charts.append(body_figure(days, start=start, end=end, width=CHART_WIDTH_IN, height=3.6))
    optional = [factors_figure(result.links, width=CHART_WIDTH_IN, height=3.6)]
    return charts, optional


# --- entry points -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedReport:
    """The PDF bytes and how many pages they hold."""

    data: bytes
    pages: int


def render(content: ReportContent, *, paper: str = "a4") -> RenderedReport:
    """The report as PDF bytes."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; use {' or '.join(PAPERS)}")
    footer = f"{vocab.DISCLAIMER} All scores are self-reported."
    pdf = _Document(paper, footer)
    pdf.set_title("Pain diary summary")
    pdf.set_subject(f"Pain diary, {period_text(content.start, content.end)}")
    pdf.set_creator("Pain Diary")
    pdf.set_lang("en")
    pdf.set_creation_date(dt.datetime.combine(content.generated, dt.time(), tzinfo=dt.UTC))
    pdf.add_page()
    _page_one(pdf, content)
    _charts(pdf, content.charts, content.optional_charts)
    if content.days is not None:
        _days_table(pdf, content.days, content.start, content.end, content.flare_dates)
    data = bytes(pdf.output())
    return RenderedReport(data, pdf.pages_count)


def report_pdf(
    result: Any,
    days: Sequence[DayEntry],
    *,
    name: str | None = None,
    paper: str = "a4",
    include_days: bool = False,
    generated: dt.date | None = None,
) -> RenderedReport:
    """The PDF for an analysis result and the days it was computed from."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; use {' or '.join(PAPERS)}")
    content = build_content(result, days, name=name, generated=generated, include_days=include_days)
    return render(content, paper=paper)
