"""Pain over time with flare-ups shaded, and sitting / activity beneath it.

Long periods are drawn as means per week, four weeks or quarter, never as
more points than the figure has pixels for: that keeps fifty years of days as
quick to draw as a few months, and no less honest (the bin is named).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from app.analysis.factors import LONG_SITTING_MINUTES
from app.analysis.flares import episodes_from_mask, flare_arrays
from app.charts import style
from app.domain.entry import DayEntry

if TYPE_CHECKING:
    from app.domain.checkin import CheckIn

#: Days in the trailing window of the pain mean.
MEAN_WINDOW_DAYS = 7
#: Logged days the window needs before a mean is drawn (more than half of it).
MEAN_MIN_DAYS = 4
#: The most points drawn across the figure; longer periods are binned.
MAX_POINTS = 400
#: Bin sizes tried in turn for long periods: (days, name used in the legend).
BINS = ((7, "week"), (28, "4 weeks"), (91, "quarter"), (365, "year"))
#: Periods up to this many days show a marker on every logged day.
MARKER_DAYS = 180
#: Periods shorter than this are ticked by day.
SHORT_PERIOD_DAYS = 21

TITLE = "Pain and activity"
CHECKINS_LABEL = "Check-ins"
#: Figures narrower than this (inches; the phone-width card) get a two-row legend.
NARROW_INCHES = 6.0


def trend_figure(
    days: Sequence[DayEntry],
    *,
    start: dt.date,
    end: dt.date,
    width: float = 6.4,
    height: float = 4.8,
    dpi: int = 100,
    checkins: Mapping[dt.date, Sequence[CheckIn]] | None = None,
) -> Figure:
    """Pain (0-10) with its 7-day mean and flare episodes; sitting and active hours below.

    Days before `start` may be passed: they only inform the baseline that
    decides which days were flares. `checkins` (by date) are drawn as small
    muted points at their time of day around the daily line, for periods
    short enough to draw every day.
    """
    ordered = style.days_up_to(days, start, end)
    ordinals = np.fromiter(
        (d.date.toordinal() for d in ordered), dtype=np.int64, count=len(ordered)
    )
    first, last = start.toordinal(), end.toordinal()
    in_period = ordinals >= first
    if not in_period.any():
        return style.empty_figure(
            f"No days logged from {start:%d %b %Y} to {end:%d %b %Y}.\n"
            "Log a day and your pain will be drawn here.",
            width=width,
            height=height,
            dpi=dpi,
            title=TITLE,
        )

    pain, _, flare = flare_arrays(ordered)
    episodes = [
        (max(a, first), b) for a, b, _ in episodes_from_mask(ordinals, flare, pain) if b >= first
    ]

    # Calendar-aligned series for the period: NaN where a day was not logged,
    # so lines break at gaps instead of joining across them.
    n = last - first + 1
    slots = ordinals[in_period] - first
    kept = [d for d, keep in zip(ordered, in_period, strict=True) if keep]
    pain_cal = np.full(n, np.nan)
    pain_cal[slots] = pain[in_period]
    sitting = np.full(n, np.nan)
    sitting[slots] = [np.nan if d.sitting_minutes is None else d.sitting_minutes / 60 for d in kept]
    active = np.full(n, np.nan)
    active[slots] = [np.nan if d.active_minutes is None else d.active_minutes / 60 for d in kept]

    bin_days, bin_name = _bin_size(n)
    x_days = style.date_numbers(np.arange(first, last + 1))

    figure = style.new_figure(width, height, dpi, layout=None)
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    for ax in (top, bottom):
        style.style_axes(ax, labelsize=style.SMALL_SIZE)
        _shade_flares(ax, episodes, hatch=ax is top)

    if bin_days == 1:
        mean = _trailing_mean(pain_cal)
        marker = "o" if n <= MARKER_DAYS else None
        top.plot(
            x_days,
            pain_cal,
            color=style.BLUE,
            linewidth=0.8,
            marker=marker,
            markersize=3,
            alpha=0.85,
            label="Daily pain",
        )
        top.plot(
            x_days, mean, color=style.BLACK, linewidth=2.2, label=f"{MEAN_WINDOW_DAYS}-day mean"
        )
        _plot_checkins(top, checkins or {}, start, end)
        x_act, sit_plot, act_plot = x_days, sitting, active
        act_marker, sit_marker = ("^", "o") if n <= MARKER_DAYS else (None, None)
        note = ""
    else:
        x_act = _bin_centres(x_days, bin_days)
        top.plot(
            x_act,
            _bin_mean(pain_cal, bin_days),
            color=style.BLACK,
            linewidth=1.6,
            label=f"Mean pain per {bin_name}",
        )
        sit_plot, act_plot = _bin_mean(sitting, bin_days), _bin_mean(active, bin_days)
        act_marker = sit_marker = None
        note = f" (means per {bin_name})"

    top.set_ylim(0, 10.4)
    top.set_yticks(range(0, 11, 2))
    top.set_ylabel("Average pain (0–10)", fontsize=style.FONT_SIZE)
    figure.suptitle(
        f"{TITLE}, {style.period_label(start, end)}{note}",
        fontsize=style.TITLE_SIZE,
        x=0.01,
        ha="left",
    )
    handles, _ = top.get_legend_handles_labels()
    handles.append(_flare_handle())
    # Four entries do not fit one row at phone width: two rows, and room for them.
    top_rows = 2 if len(handles) > 3 and width < NARROW_INCHES else 1
    _legend_above(top, handles, ncols=-(-len(handles) // top_rows))

    bottom.plot(
        x_act,
        sit_plot,
        color=style.VERMILLION,
        linewidth=1.2,
        marker=sit_marker,
        markersize=3,
        label="Sitting",
    )
    bottom.plot(
        x_act,
        act_plot,
        color=style.BLUISH_GREEN,
        linewidth=1.2,
        linestyle="--",
        marker=act_marker,
        markersize=3.5,
        label="Active",
    )
    bottom.axhline(LONG_SITTING_MINUTES / 60, color=style.GREY, linewidth=0.9, linestyle=":")
    peak = np.nanmax(np.concatenate((sit_plot, act_plot, [0.0])))
    bottom.set_ylim(0, max(8.0, float(np.ceil(peak)) + 1))
    bottom.set_ylabel("Hours per day", fontsize=style.FONT_SIZE)
    handles, _ = bottom.get_legend_handles_labels()
    handles.append(
        Line2D(
            [],
            [],
            color=style.GREY,
            linewidth=0.9,
            linestyle=":",
            label=f"{LONG_SITTING_MINUTES // 60} h sitting",
        )
    )
    _legend_above(bottom, handles)

    bottom.set_xlim(x_days[0] - 0.5, x_days[-1] + 0.5)
    # Short periods get one tick per day; the automatic locator would tick hours.
    set_date_axis(bottom, n)
    # Known furniture: the title and a legend row on top, a legend row between
    # the panels, a line of dates (and the year beside it) below.
    top_margin = 0.56 + 0.2 * (top_rows - 1)
    style.fixed_margins(figure, left=0.6, right=0.15, top=top_margin, bottom=0.42, between=0.36)
    return figure


def checkin_points(
    checkins: Mapping[dt.date, Sequence[CheckIn]], start: dt.date, end: dt.date
) -> tuple[np.ndarray, np.ndarray]:
    """(x, pain) of the check-ins in [start, end], oldest first.

    x is the day's date number - 0.5 plus the time of day as a fraction of the
    day: the chart gives each day the slot [x - 0.5, x + 0.5) around its daily
    point, so a day's check-ins spread across its own slot (00:00 at its left
    edge, 12:00 on the daily point) and never stray into the next day's.
    """
    x, pain = [], []
    for date, found in checkins.items():
        if not start <= date <= end:
            continue
        day = date.toordinal() - style.EPOCH_ORDINAL
        for checkin in found:
            x.append(day - 0.5 + (checkin.time.hour * 60 + checkin.time.minute) / 1440)
            pain.append(checkin.pain)
    order = np.argsort(x, kind="stable")
    return np.asarray(x, dtype=float)[order], np.asarray(pain, dtype=float)[order]


def _plot_checkins(
    ax: Axes, checkins: Mapping[dt.date, Sequence[CheckIn]], start: dt.date, end: dt.date
) -> None:
    x, pain = checkin_points(checkins, start, end)
    if not x.size:
        return  # no legend entry for what is not drawn
    # Muted grey dots under the lines: the day stays the unit, the check-ins its texture.
    ax.plot(
        x,
        pain,
        linestyle="none",
        marker="o",
        markersize=2.6,
        markeredgewidth=0,
        color=style.GREY,
        alpha=0.7,
        zorder=1.5,
        label=CHECKINS_LABEL,
    )


def set_date_axis(ax: Axes, n_days: int) -> None:
    """Date ticks: one per day (or few days) for short periods, automatic otherwise."""
    if n_days < SHORT_PERIOD_DAYS:
        # The automatic locator would tick hours inside a single day.
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, n_days // 7)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
        return
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    # No offset label ("2026-Dec" at the axis end): the title names the period.
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def _legend_above(ax: Axes, handles: list, ncols: int | None = None) -> None:
    # Above the axes, not on them: no position inside is free of data on every diary.
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=ncols or len(handles),
        frameon=False,
        fontsize=style.SMALL_SIZE,
        borderaxespad=0.2,
        handlelength=2.2,
    )


def _bin_size(n_days: int) -> tuple[int, str]:
    if n_days <= MAX_POINTS:
        return 1, "day"
    for size, name in BINS:
        if n_days / size <= MAX_POINTS:
            return size, name
    return BINS[-1]


def _trailing_mean(values: np.ndarray) -> np.ndarray:
    """Mean of the logged values in each trailing window; NaN with too few of them."""
    known = ~np.isnan(values)
    sums = np.concatenate(([0.0], np.cumsum(np.where(known, values, 0.0))))
    counts = np.concatenate(([0], np.cumsum(known)))
    lo = np.maximum(np.arange(len(values)) + 1 - MEAN_WINDOW_DAYS, 0)
    hi = np.arange(1, len(values) + 1)
    count = counts[hi] - counts[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (sums[hi] - sums[lo]) / count
    mean[count < MEAN_MIN_DAYS] = np.nan
    return mean


def _bin_mean(values: np.ndarray, size: int) -> np.ndarray:
    padded = np.full(-(-len(values) // size) * size, np.nan)
    padded[: len(values)] = values
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-empty bin is NaN, as meant
        return np.nanmean(padded.reshape(-1, size), axis=1)


def _bin_centres(x: np.ndarray, size: int) -> np.ndarray:
    starts = x[::size]
    return starts + (size - 1) / 2


def _shade_flares(ax: Axes, episodes: list[tuple[int, int]], *, hatch: bool) -> None:
    if not episodes:
        return
    # One collection of plain rectangles in axis-height coordinates: broken_barh
    # converted every span's units one by one (a third of the chart's build time).
    bounds = np.array(episodes, dtype=float)
    left = style.date_numbers(bounds[:, 0].astype(np.int64)) - 0.5
    right = left + bounds[:, 1] - bounds[:, 0] + 1
    verts = np.empty((len(bounds), 4, 2))
    verts[:, :, 0] = np.column_stack((left, left, right, right))
    verts[:, :, 1] = (0, 1, 1, 0)
    ax.add_collection(
        PolyCollection(
            verts,
            transform=ax.get_xaxis_transform(),
            facecolor=style.FLARE_COLOUR,
            alpha=0.28 if hatch else 0.18,
            edgecolor=style.FLARE_COLOUR if hatch else "none",
            linewidth=0,
            hatch=style.FLARE_HATCH if hatch and len(episodes) <= 200 else None,
            zorder=0,
        ),
        autolim=False,
    )


def _flare_handle() -> Patch:
    return Patch(
        facecolor=style.FLARE_COLOUR,
        alpha=0.28,
        edgecolor=style.FLARE_COLOUR,
        hatch=style.FLARE_HATCH,
        linewidth=0,
        label="Flare-up",
    )
