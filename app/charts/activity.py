"""What the person did: sitting and active hours with exertion marked, and exercises.

Top: sitting and active hours per day (means per week or longer bin for long
periods), days of moderate or heavy exertion marked, flare-ups shaded.
Bottom: how many days each exercise was done.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from app.analysis.factors import LONG_SITTING_MINUTES, OVEREXERTION_LEVELS
from app.analysis.flares import episodes_from_mask, flare_arrays
from app.charts import style
from app.charts.trend import (
    _bin_centres,
    _bin_mean,
    _bin_size,
    _flare_handle,
    _shade_flares,
    set_date_axis,
)
from app.domain import vocab
from app.domain.entry import DayEntry

TITLE = "Sitting, activity and exercise"
#: Exercises shown in the bar chart (the most frequent).
TOP_EXERCISES = 8


def activity_figure(
    days: Sequence[DayEntry],
    *,
    start: dt.date,
    end: dt.date,
    width: float = 6.4,
    height: float = 4.8,
    dpi: int = 100,
) -> Figure:
    """Sitting / active hours over time with exertion and flare-ups; exercise frequency."""
    ordered = style.days_up_to(days, start, end)
    ordinals = np.array([d.date.toordinal() for d in ordered], dtype=np.int64)
    first, last = start.toordinal(), end.toordinal()
    in_period = ordinals >= first
    if not in_period.any():
        return style.empty_figure(
            f"No days logged from {start:%d %b %Y} to {end:%d %b %Y}.",
            width=width,
            height=height,
            dpi=dpi,
            title=TITLE,
        )
    pain, _, flare = flare_arrays(ordered)
    episodes = [
        (max(a, first), b) for a, b, _ in episodes_from_mask(ordinals, flare, pain) if b >= first
    ]
    kept = [d for d, k in zip(ordered, in_period, strict=True) if k]
    n = last - first + 1
    slots = ordinals[in_period] - first
    sitting, active = np.full(n, np.nan), np.full(n, np.nan)
    sitting[slots] = [np.nan if d.sitting_minutes is None else d.sitting_minutes / 60 for d in kept]
    active[slots] = [np.nan if d.active_minutes is None else d.active_minutes / 60 for d in kept]
    x = style.date_numbers(np.arange(first, last + 1))

    exercise_days: Counter[str] = Counter()
    for day in kept:
        exercise_days.update({ex.name for ex in day.exercises})

    figure = style.new_figure(width, height, dpi)
    top, bottom = figure.subplots(2, 1, height_ratios=(3, 2))
    style.style_axes(top)
    _shade_flares(top, episodes, hatch=True)
    bin_days, bin_name = _bin_size(n)
    if bin_days == 1:
        top.bar(x, sitting, width=0.8, color=style.VERMILLION, alpha=0.85, label="Sitting")
        top.plot(
            x,
            active,
            color=style.BLUISH_GREEN,
            linestyle="--",
            linewidth=1.1,
            marker="^" if n <= 180 else None,
            markersize=3.5,
            label="Active",
        )
        note = ""
    else:
        centres = _bin_centres(x, bin_days)
        top.plot(centres, _bin_mean(sitting, bin_days), color=style.VERMILLION, label="Sitting")
        top.plot(
            centres,
            _bin_mean(active, bin_days),
            color=style.BLUISH_GREEN,
            linestyle="--",
            label="Active",
        )
        note = f" (means per {bin_name})"
    peak = float(np.nanmax(np.concatenate((sitting, active, [0.0]))))
    ceiling = max(8.0, float(np.ceil(peak)) + 1.5)
    top.set_ylim(0, ceiling)
    top.axhline(LONG_SITTING_MINUTES / 60, color=style.GREY, linewidth=0.9, linestyle=":")
    exertion = [
        (slot, day.exertion)
        for slot, day in zip(slots, kept, strict=True)
        if day.exertion in OVEREXERTION_LEVELS
    ]
    handles, _ = top.get_legend_handles_labels()
    for level, marker in (("moderate", "v"), ("heavy", "^")):
        where = [x[slot] for slot, what in exertion if what == level]
        if where:
            top.scatter(
                where,
                [ceiling - 0.6] * len(where),
                marker=marker,
                s=18,
                color=style.BLACK if level == "heavy" else "white",
                edgecolors=style.BLACK,
                linewidths=0.8,
                zorder=3,
            )
            handles.append(
                Line2D(
                    [],
                    [],
                    marker=marker,
                    linestyle="",
                    color=style.BLACK,
                    markerfacecolor=style.BLACK if level == "heavy" else "white",
                    label=f"{vocab.EXERTION[level]} exertion",
                )
            )
    handles.append(_flare_handle())
    top.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=3,
        frameon=False,
        fontsize=style.FONT_SIZE - 1,
        borderaxespad=0.2,
    )
    top.set_ylabel("Hours per day", fontsize=style.FONT_SIZE)
    top.set_xlim(x[0] - 0.5, x[-1] + 0.5)
    set_date_axis(top, n)

    style.style_axes(bottom)
    bottom.grid(False, axis="y")
    bottom.grid(True, axis="x", color="#DDDDDD", linewidth=0.6)
    common = exercise_days.most_common(TOP_EXERCISES)
    if common:
        names = [_capital(vocab.label(vocab.EXERCISES, name)) for name, _ in common][::-1]
        counts = [count for _, count in common][::-1]
        bars = bottom.barh(names, counts, color=style.BLUE, height=0.65)
        bottom.bar_label(bars, padding=2, fontsize=style.FONT_SIZE - 2)
        bottom.tick_params(axis="y", labelsize=style.FONT_SIZE - 1.5)
        bottom.set_xlabel(f"Days done (of {len(kept)} logged)", fontsize=style.FONT_SIZE)
        bottom.set_xlim(0, max(counts) * 1.12)
    else:
        bottom.set_axis_off()
        bottom.text(
            0.5,
            0.5,
            "No exercises logged in this period.",
            ha="center",
            va="center",
            color=style.GREY,
            transform=bottom.transAxes,
        )
    figure.suptitle(
        f"{TITLE}, {style.period_label(start, end)}{note}",
        fontsize=style.TITLE_SIZE,
        x=0.01,
        ha="left",
    )
    return figure


def _capital(text: str) -> str:
    # The user's own exercise names are stored as typed ("nerve glides").
    return text[:1].upper() + text[1:]
