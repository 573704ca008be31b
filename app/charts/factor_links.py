"""Flare rate on days with and without each factor, with 95 % intervals, per lag."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from app.analysis.factors import factor_or_own
from app.analysis.links import LINKED, NOT_ENOUGH_DATA, Link
from app.charts import style

TITLE = "Flare-ups with and without each factor"
_VERDICT_WORDS = {LINKED: "linked", NOT_ENOUGH_DATA: "not enough data", "no-link": "no clear link"}
_LAG_WORDS = {0: "same day", 1: "day after"}


def factors_figure(
    links: Sequence[Link], *, width: float = 6.4, height: float = 4.8, dpi: int = 100
) -> Figure:
    """One row per factor and lag: flare rate with the factor (filled) and without (open)."""
    if not links:
        return style.empty_figure(
            "No days to compare yet.", width=width, height=height, dpi=dpi, title=TITLE
        )
    figure = style.new_figure(width, height, dpi)
    ax = figure.add_subplot()
    style.style_axes(ax)
    ax.grid(True, axis="x", color="#DDDDDD", linewidth=0.6)
    ax.grid(False, axis="y")

    rows = len(links)
    y = np.arange(rows)[::-1]  # first link at the top
    labels = []
    for row, link in zip(y, links, strict=True):
        labels.append(f"{factor_or_own(link.factor).label}\n{_LAG_WORDS.get(link.lag_days, '')}")
        if row % 2 == 0:
            ax.axhspan(row - 0.5, row + 0.5, color="#F4F4F4", zorder=0, linewidth=0)
        testable = link.verdict != NOT_ENOUGH_DATA
        for rate, ci, offset, marker, colour, fill in (
            (link.flare_rate_exposed, link.rate_ci_exposed, 0.15, "o", style.VERMILLION, True),
            (link.flare_rate_unexposed, link.rate_ci_unexposed, -0.15, "s", style.BLUE, False),
        ):
            if rate is None or ci is None:
                continue
            tone = colour if testable else style.GREY
            ax.errorbar(
                [rate * 100],
                [row + offset],
                xerr=[[(rate - ci[0]) * 100], [(ci[1] - rate) * 100]],
                fmt=marker,
                color=tone,
                markerfacecolor=tone if fill else "white",
                markeredgewidth=1.3,
                markersize=6,
                elinewidth=1.1,
                capsize=2.5,
                linestyle="-" if fill else "--",
            )
        verdict = _VERDICT_WORDS.get(link.verdict, link.verdict)
        detail = (
            f"{link.exposed_flares}/{link.exposed_days} vs "
            f"{link.unexposed_flares}/{link.unexposed_days}"
        )
        ax.text(
            1.02,
            row,
            f"{verdict}\n{detail}",
            transform=ax.get_yaxis_transform(),
            va="center",
            ha="left",
            fontsize=style.FONT_SIZE - 1.5,
            fontweight="bold" if link.verdict == LINKED else "normal",
            color=style.BLACK if testable else style.GREY,
        )

    ax.set_yticks(y, labels, fontsize=style.FONT_SIZE - 1.5)
    ax.set_ylim(-0.5, rows - 0.5)
    ax.set_xlim(-3, 103)  # room for markers at 0 % and 100 %
    ax.set_xlabel("Days with a flare (%), with 95 % interval", fontsize=style.FONT_SIZE)
    ax.xaxis.set_major_formatter("{x:.0f}%")
    figure.suptitle(TITLE, fontsize=style.TITLE_SIZE, x=0.01, ha="left")
    handles = [
        Line2D([], [], marker="o", color=style.VERMILLION, linestyle="-", label="With the factor"),
        Line2D(
            [],
            [],
            marker="s",
            color=style.BLUE,
            markerfacecolor="white",
            linestyle="--",
            label="Without",
        ),
    ]
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=2,
        frameon=False,
        fontsize=style.FONT_SIZE - 1,
        borderaxespad=0.2,
    )
    return figure
