"""The doctor's summary: a PDF a clinician reads in a minute.

Three parts, each replaceable on its own:

- `content.py`: what the report says. A pure function from the analysis
  result and the days to a `ReportContent` (numbers, sentences, lists, the day
  table's cells, the chart Figures). Every number comes from the analysis
  (`app.analysis`), so the report and `pain-diary insights --json` agree.
- `drawing.py`: how it looks. fpdf2 lays the content out on pages.
- `fonts.py`: which fonts, and what they can print.

This module is the entry point and the one place paper sizes are checked. It
imports the parts (fpdf2 takes about half a second) only when a report is made,
so `PAPERS` is cheap to import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.domain.checkin import CheckIn
    from app.domain.entry import DayEntry
    from app.domain.own_factors import OwnFactor, Suspect

#: Paper sizes offered, by the name users type, with fpdf2's name for each.
PAPERS = {"a4": "A4", "letter": "Letter"}


@dataclass(frozen=True)
class RenderedReport:
    """The PDF bytes and how many pages they hold."""

    data: bytes
    pages: int


def paper_format(paper: str) -> str:
    """fpdf2's name for `paper` ('a4', 'letter'); ValueError naming the choices otherwise."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; use {' or '.join(PAPERS)}")
    return PAPERS[paper]


def report_pdf(
    result: Any,
    days: Sequence[DayEntry],
    *,
    name: str | None = None,
    paper: str = "a4",
    include_days: bool = False,
    generated: dt.date | None = None,
    checkins: Mapping[dt.date, Sequence[CheckIn]] | None = None,
    derived: Mapping[dt.date, frozenset[str]] | None = None,
    suspects: Sequence[Suspect] = (),
    factors: Sequence[OwnFactor] = (),
) -> RenderedReport:
    """The PDF for an analysis result and the days it was computed from.

    `checkins` (by date) are drawn on the trend chart; `derived` names, per
    date, the fields ("pain", "worst_pain") taken from check-ins, which the
    day table marks. `suspects` are the declared suspects the analysis tested
    first; `factors` the diary's own factors (archived ones included).
    """
    page_format = paper_format(paper)  # before any work: a bad size is refused at once
    from app.exports.report_pdf.content import build_content
    from app.exports.report_pdf.drawing import draw

    content = build_content(
        result,
        days,
        name=name,
        generated=generated,
        include_days=include_days,
        checkins=checkins,
        derived=derived,
        suspects=suspects,
        factors=factors,
    )
    data, pages = draw(content, page_format)
    return RenderedReport(data, pages)
