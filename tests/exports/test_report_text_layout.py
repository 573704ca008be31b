"""Page 1 parts drawn one at a time on a blank page: what they say, and where it lands.

Each test draws one part into a copy of a document made once (loading the fonts
takes most of the time), recording every text and box as it is drawn; a few read
the finished page back with pypdf for where the text actually stands.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any

import pytest
from matplotlib.figure import Figure
from pypdf import PdfReader

from app.domain import vocab
from app.exports.report_pdf import drawing, fonts
from app.exports.report_pdf.content import Count, DayRow, KeyFigure, ReportContent, SuspectLine
from app.exports.report_pdf.drawing import _Document

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))


class _Recording(_Document):
    """The report's document, noting each text and rectangle with the font and place it got."""

    def __init__(self) -> None:
        super().__init__("A4", "Not a diagnosis. Footer line for the test.")
        self.drawn: list[dict[str, Any]] = []
        self.measuring = False

    def _note(self, kind: str, text: str, w: Any, h: Any, **more: Any) -> dict[str, Any]:
        item = {
            "kind": kind,
            "text": text,
            "x": self.get_x(),
            "y": self.get_y(),
            "w": w,
            "h": h,
            "style": self.font_style,
            "size": self.font_size_pt,
            **more,
        }
        self.drawn.append(item)
        return item

    def cell(self, w=None, h=None, text="", *args, **kwargs):  # type: ignore[override]
        if self.measuring:
            return super().cell(w, h, text, *args, **kwargs)
        item = self._note("cell", text, w, h)
        result = super().cell(w, h, text, *args, **kwargs)
        item["x_after"], item["y_after"] = self.get_x(), self.get_y()
        return result

    def multi_cell(self, w, h=None, text="", *args, **kwargs):  # type: ignore[override]
        if kwargs.get("dry_run") or self.measuring:
            # fpdf2 measures by drawing with output switched off: not drawn, not noted.
            self.measuring, was = True, self.measuring
            try:
                return super().multi_cell(w, h, text, *args, **kwargs)
            finally:
                self.measuring = was
        item = self._note("multi_cell", text, w, h)
        result = super().multi_cell(w, h, text, *args, **kwargs)
        item["y_after"] = self.get_y()
        return result

    def write(self, h=None, text="", *args, **kwargs):  # type: ignore[override]
        self._note("write", text, None, h)
        return super().write(h, text, *args, **kwargs)

    def rect(self, x, y, w, h, style=None, *args, **kwargs):  # type: ignore[override]
        self.drawn.append({"kind": "rect", "x": x, "y": y, "w": w, "h": h, "text": ""})
        return super().rect(x, y, w, h, style, *args, **kwargs)

    def texts(self) -> list[str]:
        return [d["text"] for d in self.drawn if d["text"]]

    def first(self, start: str) -> dict[str, Any]:
        return next(d for d in self.drawn if d["text"].startswith(start))


@pytest.fixture(scope="module")
def blank() -> _Recording:
    return _Recording()


@pytest.fixture
def pdf(blank: _Recording) -> _Recording:
    fresh = copy.deepcopy(blank)
    fresh.add_page()
    return fresh


@pytest.fixture
def own_pdf() -> _Recording:
    """A document of its own, for a test that writes the PDF out (that changes its fonts)."""
    fresh = _Recording()
    fresh.add_page()
    return fresh


def _placed(pdf: _Recording) -> list[tuple[str, float, float]]:
    """Each text run on page 1 as pypdf reads it back: (text, x, y), in points from bottom left."""
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    runs: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            runs.append((text.strip(), tm[4], tm[5]))

    reader.pages[0].extract_text(visitor_text=visit)
    return runs


def _content(**fields: Any) -> ReportContent:
    return ReportContent(*JAN, generated=dt.date(2026, 2, 1), days_logged=20, **fields)


def test_the_header_names_the_patient_and_puts_the_date_made_at_the_right(own_pdf) -> None:
    pdf = own_pdf
    drawing._header(pdf, _content(name="Ada"))
    assert pdf.texts() == [
        "Pain diary summary",
        "Generated 1 Feb 2026",
        "Name",
        "Ada",
        "Period",
        "1 Jan – 31 Jan 2026",
        "Days logged",
        "20 of 31 (65%)",
    ]
    generated = pdf.first("Generated")
    assert generated["x_after"] == pytest.approx(pdf.w - pdf.r_margin)
    (x,) = [x for text, x, _ in _placed(pdf) if text.startswith("Generated")]
    assert x > pdf.w / 2 * 72 / 25.4  # right-aligned: it starts in the right half of the page


def test_the_page_number_stands_on_the_footer_texts_first_line(own_pdf) -> None:
    runs = _placed(own_pdf)  # output() draws the footer
    (page_y,) = [y for text, _, y in runs if text.startswith("Page 1")]
    (footer_y,) = [y for text, _, y in runs if text.startswith("Not a diagnosis")]
    assert page_y == pytest.approx(footer_y, abs=0.01)


def test_counts_show_the_share_of_logged_days_one_row_each(pdf) -> None:
    items = [Count("Calf", 5), Count("Lower back", 2)]
    bottom = drawing._counts_column(pdf, 15, 40, 80, "Where", items, 10, empty="None.")
    assert pdf.texts() == ["Where", "Calf", "5 d (50%)", "Lower back", "2 d (20%)"]
    calf, back = pdf.first("Calf"), pdf.first("Lower back")
    assert back["y"] > calf["y"]
    assert bottom > back["y"]
    # The most frequent item's bar fills its track; each bar lies on its track.
    track_calf, bar_calf, track_back, bar_back = [d for d in pdf.drawn if d["kind"] == "rect"]
    assert (bar_calf["x"], bar_calf["y"]) == (track_calf["x"], track_calf["y"])
    assert bar_calf["w"] == pytest.approx(track_calf["w"])
    assert (bar_back["y"], bar_back["w"]) == (
        track_back["y"],
        pytest.approx(track_back["w"] * 2 / 5),
    )


def test_two_columns_share_the_page_width(pdf) -> None:
    drawing._two_columns(
        pdf,
        ("Where (days recorded)", [Count("Calf", 3)], "No locations recorded."),
        ("Kind of pain (days recorded)", [Count("Aching", 3)], "No kinds of pain recorded."),
        10,
        1,
    )
    right_title = pdf.first("Kind of pain")
    assert right_title["x"] + right_title["w"] == pytest.approx(pdf.w - pdf.r_margin)
    left_count = pdf.first("3 d (30%)")
    assert left_count["x"] + left_count["w"] == pytest.approx(pdf.l_margin + right_title["w"])


def test_a_key_figure_too_wide_for_its_box_is_set_smaller_until_it_fits(pdf) -> None:
    figures = [KeyFigure("Pain", "5.2 → 4.1 → 3.0 → 2.2")] + [KeyFigure("Worst", "1.0", "n")] * 3
    drawing._key_figures(pdf, figures)
    value = pdf.first("5.2")
    assert value["size"] < 13
    pdf.set_font(fonts.FONT, "B", value["size"])
    assert pdf.get_string_width(value["text"]) <= value["w"]


def test_the_red_flag_box_has_the_same_padding_below_its_last_line_as_above(pdf) -> None:
    top = pdf.get_y()
    flags = [("Loss of bladder control", [dt.date(2026, 1, 3)]), ("Fever", [dt.date(2026, 1, 9)])]
    drawing._red_flags(pdf, _content(red_flags=flags))
    (box,) = [d for d in pdf.drawn if d["kind"] == "rect"]
    heading = pdf.first("RED FLAGS")
    last = pdf.drawn[-1]
    assert last["text"] == "**Fever** — 9 Jan 2026"
    assert heading["y"] - top == pytest.approx(3.0)
    assert box["y"] + box["h"] - last["y_after"] == pytest.approx(3.0)
    assert pdf.texts() == [
        "RED FLAGS reported in this period",
        vocab.RED_FLAG_WARNING,
        "■",
        "**Loss of bladder control** — 3 Jan 2026",
        "■",
        "**Fever** — 9 Jan 2026",
    ]


def test_page_one_sections_and_list_titles(pdf) -> None:
    content = _content(
        pain_notes=["First and last two weeks not compared."],
        activity_line="Pain at check-ins by activity: lifting 5.4 (n=10).",
    )
    drawing._page_one(pdf, content)
    texts = pdf.texts()
    for title in (
        "Flare-ups and what went with them",
        "Where it hurts and what kind of pain",
        "Treatments and exercises",
        "Treatments (days used, mean relief 0–10)",
        "Exercises (days done)",
        "No treatments recorded.",
    ):
        assert title in texts
    # The by-activity line is one of the pain bullets and looks like them.
    note, activity = pdf.first("First and last"), pdf.first("Pain at check-ins")
    assert activity["size"] == note["size"]


def test_a_suspects_notes_are_italic_and_hang_under_its_title(own_pdf) -> None:
    pdf = own_pdf
    lines = [
        SuspectLine(
            "Long sitting (next day)",
            "declared 2 Jan 2026.",
            "Linked.",
            details="Odds ratio 4.1 (95 % CI 1.2 to 14).",
        ),
        SuspectLine(
            "Gardening (own factor, same day)",
            "declared 2 Jan 2026.",
            "No clear link.",
            wait="How long: about 3 months of logging would show it.",
        ),
    ]
    drawing._suspects(pdf, lines, "Named by the patient in advance.")
    bullet, title = pdf.first("•"), pdf.first("Long sitting")
    result, sure = pdf.first("Linked."), pdf.first("How sure: odds ratio 4.1")
    wait = pdf.first("How long")
    assert bullet["size"] == title["size"]
    assert (sure["style"], wait["style"]) == ("I", "I")
    assert sure["x"] == wait["x"] == result["x"] == title["x"]
    runs = _placed(pdf)
    (bullet_y, title_y) = [y for text, _, y in runs if text in ("•", "Long sitting (next day)")][:2]
    assert bullet_y == pytest.approx(title_y, abs=0.01)


def test_a_red_flag_row_of_the_day_table_is_bold(pdf) -> None:
    cells = ["Mon 5 Jan", "6", "", "", "", "", "", "", "", "", "", "", "YES"]
    plain = ["Tue 6 Jan", "4", "", "", "", "", "", "", "", "", "", "", ""]
    rows = [DayRow(cells, True), DayRow(plain, False)]
    drawing._days_table(pdf, rows, *JAN)
    key = next(t for t in pdf.texts() if t.startswith("Pain and worst pain"))
    assert "L / R: left / right side. " in key
    assert pdf.first("Mon 5 Jan")["style"] == "B"
    assert pdf.first("Tue 6 Jan")["style"] == ""


def test_hatching_is_taken_out_of_a_chart_before_embedding() -> None:
    """fpdf2 cannot draw SVG patterns; a hatched bar would print as nothing."""
    figure = Figure(figsize=(2, 1))
    figure.add_subplot().bar([0, 1], [1, 2], hatch="//")
    svg = drawing.figure_svg(figure)
    assert b"<path" in svg
    assert b"<pattern" not in svg


def test_a_system_fallback_font_is_registered_in_all_three_styles(monkeypatch) -> None:
    """Names in scripts DejaVu lacks print in regular, bold and italic text alike."""
    folder = fonts._fonts_folder()
    monkeypatch.setattr(fonts, "fallback_font", lambda: folder / "DejaVuSansMono.ttf")
    document = _Document("A4", "")
    assert {"fallback", "fallbackB", "fallbackI"} <= set(document.fonts)
