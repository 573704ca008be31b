"""Calendar heat map of daily pain: weeks across, weekdays down; flare days marked.

Periods longer than a year become a years x months grid of monthly mean pain,
so the chart stays readable and quick however long the diary is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from app.analysis.flares import flare_arrays
from app.charts import style
from app.domain.entry import DayEntry

TITLE = "Daily pain"
#: Periods of more weeks than this are drawn as months instead of days.
MAX_WEEKS = 60
#: Light for little pain, dark for a lot: magma's luminance rises steadily, so
#: the map reads the same in greyscale and for colour-blind readers.
CMAP = colormaps["magma_r"].resampled(11)
_NORM = BoundaryNorm(np.arange(-0.5, 11.5, 1.0), CMAP.N)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def calendar_figure(
    days: Sequence[DayEntry],
    *,
    start: dt.date,
    end: dt.date,
    width: float = 6.4,
    height: float = 4.8,
    dpi: int = 100,
) -> Figure:
    """Heat map of average pain per day (or per month for long periods)."""
    ordered = style.days_up_to(days, start, end)
    pain, _, flare = flare_arrays(ordered)
    keep = np.array([d.date >= start for d in ordered], dtype=bool)
    if not keep.any():
        return style.empty_figure(
            f"No days logged from {start:%d %b %Y} to {end:%d %b %Y}.",
            width=width,
            height=height,
            dpi=dpi,
            title=TITLE,
        )
    dates = [d.date for d, k in zip(ordered, keep, strict=True) if k]
    pain, flare = pain[keep], flare[keep]
    figure = style.new_figure(width, height, dpi)
    ax = figure.add_subplot()
    monday = start - dt.timedelta(days=start.weekday())
    weeks = (end - monday).days // 7 + 1
    if weeks <= MAX_WEEKS:
        mesh = _by_day(ax, dates, pain, flare, start, end, monday, weeks)
        note = ""
    else:
        mesh = _by_month(ax, dates, pain, start, end)
        note = " (monthly means)"
    figure.suptitle(
        f"{TITLE}, {style.period_label(start, end)}{note}",
        fontsize=style.TITLE_SIZE,
        x=0.01,
        ha="left",
    )
    bar = figure.colorbar(mesh, ax=ax, ticks=range(0, 11, 2), shrink=0.6, pad=0.02)
    bar.set_label("Average pain (0–10)", fontsize=style.FONT_SIZE)
    bar.ax.tick_params(labelsize=style.FONT_SIZE - 1)
    return figure


def _by_day(ax, dates, pain, flare, start, end, monday, weeks):
    grid = np.full((7, weeks), np.nan)
    rows = np.array([d.weekday() for d in dates])
    cols = np.array([(d - monday).days // 7 for d in dates])
    grid[rows, cols] = pain
    # Days outside the period are blank; logged days without a score are hatched.
    in_period = np.zeros((7, weeks), dtype=bool)
    all_days = np.arange((end - monday).days + 1)
    period = all_days[all_days >= (start - monday).days]
    in_period[period % 7, period // 7] = True
    ax.set_facecolor("white")
    mesh = ax.pcolormesh(
        np.ma.masked_invalid(grid),
        cmap=CMAP,
        norm=_NORM,
        edgecolors="white",
        linewidth=1.5 if weeks <= 26 else 0.6,
    )
    # Unlogged days inside the period: outlined, so gaps show as gaps.
    gap_rows, gap_cols = np.nonzero(in_period & np.isnan(grid))
    ax.scatter(
        gap_cols + 0.5,
        gap_rows + 0.5,
        marker="s",
        s=_cell_area(ax, weeks) * 0.5,
        facecolors="none",
        edgecolors="#CCCCCC",
        linewidths=0.6,
    )
    handles = [
        Line2D(
            [],
            [],
            marker="s",
            color="#CCCCCC",
            markerfacecolor="none",
            linestyle="",
            label="Not logged / no score",
        ),
    ]
    if flare.any():
        flare_rows, flare_cols = rows[flare], cols[flare]
        # White on dark cells, black on light ones, so the mark always shows.
        dark = np.nan_to_num(pain[flare], nan=0.0) >= 6
        ax.scatter(
            flare_cols + 0.5,
            flare_rows + 0.5,
            marker="x",
            s=_cell_area(ax, weeks) * 0.22,
            c=np.where(dark, "white", style.BLACK),
            linewidths=1.6,
            zorder=3,
        )
        handles.insert(
            0, Line2D([], [], marker="x", color=style.BLACK, linestyle="", label="Flare-up day")
        )
    ax.set_ylim(7, 0)
    ax.set_xlim(0, weeks)
    ax.set_yticks(np.arange(7) + 0.5, _WEEKDAYS, fontsize=style.FONT_SIZE - 1)
    # Month names above each week holding a 1st; the first week names the start month.
    ticks, labels = [], []
    for col in range(weeks):
        week = [monday + dt.timedelta(weeks=col, days=i) for i in range(7)]
        firsts = [d for d in week if d.day == 1 and start <= d <= end]
        if firsts:
            ticks.append(col + 0.5)
            labels.append(f"{firsts[0]:%b}")
    if not ticks or ticks[0] > 0.5:
        ticks.insert(0, 0.5)
        labels.insert(0, f"{start:%b}")
    ax.set_xticks(ticks, labels, fontsize=style.FONT_SIZE - 1)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_aspect("equal" if weeks <= 26 else "auto")
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0, -0.02),
        ncols=2,
        frameon=False,
        fontsize=style.FONT_SIZE - 1,
    )
    return mesh


def _cell_area(ax, weeks: int) -> float:
    """Marker area (points^2) of about one grid cell."""
    fig = ax.figure
    width_pt = fig.get_figwidth() * 72 * 0.8
    side = min(width_pt / max(weeks, 1), fig.get_figheight() * 72 * 0.75 / 7)
    return side**2


def _by_month(ax, dates, pain, start, end):
    years = list(range(start.year, end.year + 1))
    sums = np.zeros((len(years), 12))
    counts = np.zeros((len(years), 12))
    for date, value in zip(dates, pain, strict=True):
        if not np.isnan(value):
            sums[date.year - start.year, date.month - 1] += value
            counts[date.year - start.year, date.month - 1] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        grid = sums / counts
    mesh = ax.pcolormesh(
        np.ma.masked_invalid(grid), cmap=CMAP, norm=_NORM, edgecolors="white", linewidth=0.4
    )
    ax.set_ylim(len(years), 0)
    ax.set_xticks(
        np.arange(12) + 0.5,
        [dt.date(2000, m, 1).strftime("%b")[0] for m in range(1, 13)],
        fontsize=style.FONT_SIZE - 1,
    )
    step = max(1, len(years) // 12)
    ax.set_yticks(
        np.arange(0, len(years), step) + 0.5,
        [str(y) for y in years[::step]],
        fontsize=style.FONT_SIZE - 1,
    )
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return mesh
