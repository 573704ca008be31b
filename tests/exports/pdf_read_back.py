"""Reading a rendered PDF back: text runs with place, font, size and colour; charts' places."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ContentStream

from app.exports.report_pdf.content import ReportContent
from app.exports.report_pdf.drawing import draw

PT_PER_MM = 72 / 25.4
A4_HEIGHT_PT = 841.89


@dataclass(frozen=True)
class Run:
    """One run of text as drawn: its place in mm from the page's top left, font, size, colour."""

    text: str
    x: float
    y: float
    font: str
    size: float
    colour: tuple[float, ...]


def runs_of(reader: PdfReader, page: int) -> list[Run]:
    found: list[Run] = []
    colour: list[tuple[float, ...]] = [()]

    def operator(op: bytes, args: list, cm: list, tm: list) -> None:
        if op == b"rg":  # the fill colour, which is the colour text is painted in
            colour[0] = tuple(float(a) for a in args)

    def text(chunk: str, cm: list, tm: list, font: dict | None, size: float) -> None:
        if chunk.strip():
            name = str(font["/BaseFont"]).split("+")[-1] if font else ""
            x, y = tm[4] / PT_PER_MM, (A4_HEIGHT_PT - tm[5]) / PT_PER_MM
            found.append(Run(chunk.strip(), x, y, name, float(size), colour[0]))

    reader.pages[page].extract_text(visitor_operand_before=operator, visitor_text=text)
    return found


def first(runs: list[Run], start: str) -> Run:
    return next(run for run in runs if run.text.startswith(start))


def page_text(runs: list[Run]) -> str:
    return " ".join(run.text for run in runs)


def charts_placed(reader: PdfReader, page: int) -> list[tuple[float, float]]:
    """(top, height) in mm of each chart drawn on `page`.

    fpdf2 draws an SVG under a transform from millimetres (y down) followed by one that
    scales the SVG's points and moves them to the chart's top left; the Figure's
    background rectangle, its first path, spans the SVG's full height.
    """
    ops = ContentStream(reader.pages[page].get_contents(), reader).operations
    placed = []
    previous: list[float] = []
    for i, (args, op) in enumerate(ops):
        if op != b"cm":
            continue
        values = [float(a) for a in args]
        if previous[:1] == [2.8346] and previous[3] == -2.8346:
            scale, top = values[0], values[5]
            height_pt = next(float(a[1]) for a, o in ops[i:] if o == b"m")
            placed.append((top, height_pt * scale))
        previous = values
    return placed


def january_report(**fields) -> ReportContent:
    """Report content for January 2026 (20 days logged unless given), generated 1 Feb."""
    fields.setdefault("days_logged", 20)
    return ReportContent(
        dt.date(2026, 1, 1), dt.date(2026, 1, 31), generated=dt.date(2026, 2, 1), **fields
    )


def read_report(content: ReportContent) -> PdfReader:
    """`content` drawn on A4 and read back, its page count checked."""
    data, pages = draw(content, "A4")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == pages
    return reader
