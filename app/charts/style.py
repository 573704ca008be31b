"""Shared look of the charts: a colour-blind-safe palette and small helpers.

Colours come from the Okabe-Ito palette, and every series also differs by
line style, marker or hatching, so the charts read in greyscale too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from app.domain.entry import DayEntry

# Okabe & Ito (2008), "Color Universal Design".
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#767676"  # darkest grey that still passes 4.5:1 on white

FONT_SIZE = 9
TITLE_SIZE = 10
#: The smallest text on a chart the app shows (ticks, legends): 9 pt at phone width.
SMALL_SIZE = 9

#: Chart themes: "light" (white paper, as printed) and "dark" (the app's dark theme:
#: transparent background over the card, light text and lines).
THEMES = ("light", "dark")
_DARK_TEXT = "#E2E3E1"
_DARK_MUTED = "#AEB4B1"
_DARK_GRID = "#3D4442"

#: Hatching laid over flare-up shading so it shows without colour.
FLARE_HATCH = "///"
FLARE_COLOUR = ORANGE

#: date.toordinal() of 1970-01-01, Matplotlib's day 0.
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_EPOCH_ORDINAL = EPOCH_ORDINAL


def new_figure(width: float, height: float, dpi: int, layout: str | None = "constrained") -> Figure:
    """A white Figure with the charts' font sizes and (unless told otherwise) constrained layout."""
    figure = Figure(figsize=(width, height), dpi=dpi, layout=layout)
    figure.patch.set_facecolor("white")
    return figure


def fixed_margins(
    figure: Figure, *, left: float, right: float, top: float, bottom: float, between: float = 0
) -> None:
    """Place the subplots by margins in inches (on a figure made with layout=None).

    For charts whose furniture (title, legends above the axes, one line of
    tick labels) has a known size: constrained layout measures every tick
    label twice per draw, the larger part of drawing a ten-year chart.
    """
    width, height = figure.get_size_inches()
    rows = figure.axes[0].get_subplotspec().get_gridspec().nrows if figure.axes else 1
    plot_height = max(height - top - bottom - between * (rows - 1), 0.5)
    figure.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        top=1 - top / height,
        bottom=bottom / height,
        hspace=between * rows / plot_height,
    )


def style_axes(ax: Axes, labelsize: float = FONT_SIZE - 1) -> None:
    """Light grid, no top/right spines, readable tick labels."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(True, axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=labelsize)


def apply_theme(figure: Figure, theme: str) -> Figure:
    """Recolour a finished figure for `theme` ("light" leaves it as drawn).

    Dark: transparent background (the screen's card shows through), light text,
    spines, ticks and grid, and the dark series colours lightened. Done on the
    finished figure so chart code stays the same for screen and paper.
    """
    if theme not in THEMES:
        raise ValueError(f"unknown chart theme {theme!r}; choose one of {', '.join(THEMES)}")
    if theme == "light":
        return figure
    from matplotlib.colors import to_hex
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    darks = {to_hex(BLACK), "#333333", "#222222", "#212121"}
    mapping = {to_hex(BLUE): SKY_BLUE, to_hex(GREY): _DARK_MUTED, "#dddddd": _DARK_GRID}
    figure.patch.set_facecolor("none")
    for ax in figure.axes:
        ax.set_facecolor("none")
        for spine in ax.spines.values():
            spine.set_edgecolor(_DARK_MUTED)
        ax.tick_params(colors=_DARK_MUTED, labelcolor=_DARK_TEXT, which="both")
    for text in figure.findobj(Text):
        colour = to_hex(text.get_color())
        text.set_color(_DARK_TEXT if colour in darks else mapping.get(colour, colour))
    for line in figure.findobj(Line2D):
        colour = to_hex(line.get_color())
        line.set_color(_DARK_TEXT if colour in darks else mapping.get(colour, colour))
    for patch in figure.findobj(Patch):
        if patch is figure.patch or patch in [ax.patch for ax in figure.axes]:
            continue
        face = to_hex(patch.get_facecolor(), keep_alpha=False)
        if face in mapping:
            patch.set_facecolor(mapping[face])
    return figure


def empty_figure(message: str, *, width: float, height: float, dpi: int, title: str) -> Figure:
    """A clean figure that says why there is nothing to draw."""
    figure = new_figure(width, height, dpi)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left")
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        fontsize=FONT_SIZE + 1,
        color=GREY,
        wrap=True,
        transform=ax.transAxes,
    )
    return figure


def date_numbers(ordinals: np.ndarray) -> np.ndarray:
    """Matplotlib date numbers (days since 1970-01-01) for date ordinals."""
    return ordinals.astype(float) - _EPOCH_ORDINAL


def period_label(start: dt.date, end: dt.date) -> str:
    """'3 Jan – 2 May 2026' style label for a period."""
    if start == end:
        return f"{start.day} {start:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def days_up_to(days: Sequence[DayEntry], start: dt.date, end: dt.date) -> list[DayEntry]:
    """Days up to `end`, oldest first; earlier days stay (they inform baselines).

    Refuses a reversed period, the one check every chart of a period needs.
    """
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    return sorted((d for d in days if d.date <= end), key=lambda d: d.date)
