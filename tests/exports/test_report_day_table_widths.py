"""The day table's narrow columns fit their cells as drawn, read back from a real PDF."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from app.exports.report_pdf.content import DayRow, ReportContent
from app.exports.report_pdf.drawing import draw
from tests.exports.pdf_read_back import runs_of

CELLS = ["4", "6", "3.7", "L: buttock", "Aching", "8.0", "", "5.0", "3", "", "yes"]


def test_a_red_flag_rows_bold_date_stays_on_one_line_when_it_is_the_widest() -> None:
    """A red-flag row is drawn bold; its date, the widest of the column, measured in
    regular weight would leave the column too narrow and wrap it as 'Wed 28' / 'Jan'."""
    rows = [
        DayRow(["Fri 2 Jan", *CELLS, ""], red_flag=False),
        DayRow(["Wed 28 Jan", *CELLS, "yes"], red_flag=True),
    ]
    content = ReportContent(
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 31),
        generated=dt.date(2026, 2, 1),
        days_logged=2,
        day_rows=rows,
    )
    data, pages = draw(content, "A4")
    runs = runs_of(PdfReader(io.BytesIO(data)), pages - 1)

    dates = [run for run in runs if run.text.startswith(("Fri", "Wed", "Jan"))]
    assert [(run.text, run.font.endswith("Bold")) for run in dates] == [
        ("Fri 2 Jan", False),
        ("Wed 28 Jan", True),
    ]
