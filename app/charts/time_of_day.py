"""Pain by time of day and by what you were doing, from the period's check-ins.

Top: mean pain per block of three hours, each bar with its number of
check-ins above it. Bottom: mean pain per activity, highest first, each with
its count. A dotted line marks the mean of all the period's check-ins. Means
of few check-ins move a lot: the counts are on the chart so they can be judged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from app.analysis.by_activity import (
    BLOCK_HOURS,
    ActivityPain,
    BlockPain,
    activity_rows,
    by_activity,
    by_time_of_day,
    highest_first,
)
from app.charts import style

if TYPE_CHECKING:
    from app.domain.checkin import CheckIn

TITLE = "Pain by time of day and activity"
#: Height (in pain points) of the strip of counts above the time-of-day bars.
COUNT_ROW = 10.4
#: The gid of the count texts, so tests and readers can find them.
COUNT_GID = "checkin-count"
EMPTY_MESSAGE = (
    'No check-ins in this period — add one with Check in on Today or "pain-diary checkin".'
)


def time_of_day_figure(
    checkins: Mapping[dt.date, Sequence[CheckIn]],
    *,
    start: dt.date,
    end: dt.date,
    width: float = 6.4,
    height: float = 4.8,
    dpi: int = 100,
) -> Figure:
    """Mean check-in pain per 3-hour block and per activity in [start, end], with counts."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    found = [c for date, items in checkins.items() if start <= date <= end for c in items]
    if not found:
        return style.empty_figure(EMPTY_MESSAGE, width=width, height=height, dpi=dpi, title=TITLE)
    overall = sum(c.pain for c in found) / len(found)
    blocks = by_time_of_day(found)
    # Highest mean first; the bottom panel is read from the top down.
    activities = highest_first(by_activity(activity_rows(found)))

    figure = style.new_figure(width, height, dpi)
    hours, doing = figure.subplots(2, 1, height_ratios=(1, 1))
    _by_hour(hours, blocks, overall, len(found))
    _by_activity(doing, activities, len(found), overall)
    figure.suptitle(
        f"{TITLE}, {style.period_label(start, end)}",
        fontsize=style.TITLE_SIZE,
        x=0.01,
        ha="left",
    )
    return figure


def _by_hour(ax: Axes, blocks: Sequence[BlockPain], overall: float, total: int) -> None:
    style.style_axes(ax, labelsize=style.SMALL_SIZE)
    filled = [b for b in blocks if b.checkins]
    ax.bar(
        [b.start_hour + BLOCK_HOURS / 2 for b in filled],
        [b.mean_pain for b in filled],
        width=BLOCK_HOURS * 0.8,
        color=style.BLUE,
    )
    # A strip of counts above the bars: a mean of 2 check-ins is not one of 40.
    for block in blocks:
        ax.text(
            block.start_hour + BLOCK_HOURS / 2,
            COUNT_ROW,
            str(block.checkins),
            ha="center",
            va="bottom",
            fontsize=style.SMALL_SIZE - 1,
            color=style.GREY,
            gid=COUNT_GID,
        )
    ax.text(
        -0.2,
        COUNT_ROW,
        "n",
        ha="right",
        va="bottom",
        fontsize=style.SMALL_SIZE - 1,
        color=style.GREY,
    )
    ax.axhline(overall, color=style.BLACK, linewidth=1, linestyle=":")
    ax.set_xlim(0, 24)
    ax.set_xticks(range(0, 25, BLOCK_HOURS))
    ax.set_xticklabels([f"{h:02d}" for h in range(0, 25, BLOCK_HOURS)])
    ax.set_ylim(0, COUNT_ROW + 1.3)
    ax.set_yticks(range(0, 11, 2))
    ax.set_xlabel("Hour of day (n = check-ins in each 3 hours)", fontsize=style.FONT_SIZE)
    ax.set_ylabel("Mean pain", fontsize=style.FONT_SIZE)
    ax.legend(
        handles=[
            Line2D(
                [],
                [],
                color=style.BLACK,
                linewidth=1,
                linestyle=":",
                label=f"All {total} check-ins: {overall:.1f}",
            ),
        ],
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        frameon=False,
        fontsize=style.SMALL_SIZE,
        borderaxespad=0.2,
    )


def _by_activity(ax: Axes, activities: Sequence[ActivityPain], total: int, overall: float) -> None:
    style.style_axes(ax, labelsize=style.SMALL_SIZE)
    ax.grid(False, axis="y")
    ax.grid(True, axis="x", color="#DDDDDD", linewidth=0.6)
    if not activities:
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            "No check-in noted what you were doing.",
            ha="center",
            va="center",
            color=style.GREY,
            fontsize=style.FONT_SIZE,
            transform=ax.transAxes,
        )
        return
    shown = activities[::-1]  # barh draws the first at the bottom
    ax.barh(range(len(shown)), [a.mean_pain for a in shown], height=0.65, color=style.BLUE)
    ax.set_yticks(range(len(shown)), [a.label for a in shown])
    # Means and counts in a column right of the scale, clear of the bars and the mean line.
    for row, activity in enumerate(shown):
        ax.text(
            10.4,
            row,
            f"{activity.mean_pain:.1f}  n={activity.checkins}",
            ha="left",
            va="center",
            fontsize=style.SMALL_SIZE - 1,
            gid=COUNT_GID,
        )
    ax.axvline(overall, color=style.BLACK, linewidth=1, linestyle=":")
    ax.set_xlim(0, 13)
    ax.set_xticks(range(0, 11, 2))
    ax.set_ylim(-0.6, len(shown) - 0.4)
    without = total - sum(a.checkins for a in activities)
    note = f"; {without} without an activity" if without else ""
    ax.set_xlabel(f"Mean pain while doing it (n = check-ins{note})", fontsize=style.FONT_SIZE)
