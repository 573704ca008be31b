"""The report's fonts: DejaVu Sans from Matplotlib, a system fallback for CJK, what can print.

DejaVu Sans ships with Matplotlib, so any name or label prints (not only
Latin-1) and stays selectable. For characters it lacks (Chinese, Japanese
names) a system font is used when one is installed; anything no font here
can draw is printed as a box, never silently dropped.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

#: The family name the layout sets text in.
FONT = "DejaVu"
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


def _fonts_folder() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


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
    """Code points the report's fonts can draw in regular, bold and oblique alike."""
    from fontTools.ttLib import TTFont

    def cmap(path: Path) -> set[int]:
        return set(TTFont(path, lazy=True)["cmap"].getBestCmap())

    folder = _fonts_folder()
    # User text (factor names) also prints in the italic notes, so all three count.
    covered = (
        cmap(folder / "DejaVuSans.ttf")
        & cmap(folder / "DejaVuSans-Bold.ttf")
        & cmap(folder / "DejaVuSans-Oblique.ttf")
    )
    extra = fallback_font()
    return frozenset(covered | (cmap(extra) if extra else set()))


def printable(text: str) -> str:
    """`text` with characters no font here can draw shown as a box, not silently dropped."""
    drawable = _drawable()
    return "".join(c if ord(c) in drawable or c.isspace() else MISSING_GLYPH for c in text)


def register_fonts(pdf: FPDF) -> None:
    """Add DejaVu Sans (regular, bold, oblique) to `pdf`, and the fallback font if any."""
    folder = _fonts_folder()
    pdf.add_font(FONT, "", folder / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", folder / "DejaVuSans-Bold.ttf")
    pdf.add_font(FONT, "I", folder / "DejaVuSans-Oblique.ttf")
    extra = fallback_font()
    if extra is not None:
        for style in ("", "B", "I"):
            pdf.add_font("Fallback", style, extra)
        pdf.set_fallback_fonts(["Fallback"], exact_match=False)
