"""Matplotlib Figures built with the object API (no pyplot, no Kivy).

Each chart module has one `*_figure` function returning a `Figure`;
`chart_figure(kind, ...)` picks one by name for the CLI and the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from app.domain.checkin import CheckIn
    from app.domain.entry import DayEntry

CHART_KINDS = ("trend", "activity", "factors", "body", "calendar", "timeofday")


def chart_figure(
    kind: str,
    days: Sequence[DayEntry],
    *,
    start: dt.date,
    end: dt.date,
    width: float = 6.4,
    height: float = 4.8,
    dpi: int = 100,
    theme: str = "light",
    checkins: Mapping[dt.date, Sequence[CheckIn]] | None = None,
) -> Figure:
    """The chart called `kind` for the days in [start, end] (earlier days inform baselines).

    `theme` is "light" (as printed) or "dark" (the app's dark theme). `checkins`
    (by date) are drawn by "trend" (points) and "timeofday" (by hour and activity).
    """
    from app.charts.style import apply_theme

    figure = _chart(kind, days, start, end, width, height, dpi, checkins or {})
    return apply_theme(figure, theme)


def _chart(
    kind: str,
    days: Sequence[DayEntry],
    start: dt.date,
    end: dt.date,
    width: float,
    height: float,
    dpi: int,
    checkins: Mapping[dt.date, Sequence[CheckIn]],
) -> Figure:
    size = {"width": width, "height": height, "dpi": dpi}
    if kind == "trend":
        from app.charts.trend import trend_figure

        return trend_figure(days, start=start, end=end, checkins=checkins, **size)
    if kind == "timeofday":
        from app.charts.time_of_day import time_of_day_figure

        return time_of_day_figure(checkins, start=start, end=end, **size)
    if kind == "activity":
        from app.charts.activity import activity_figure

        return activity_figure(days, start=start, end=end, **size)
    if kind == "factors":
        from app.analysis.links import find_links
        from app.charts.factor_links import factors_figure

        return factors_figure(find_links(days, start, end), **size)
    if kind == "body":
        from app.charts.body import body_figure

        return body_figure(days, start=start, end=end, **size)
    if kind == "calendar":
        from app.charts.pain_calendar import calendar_figure

        return calendar_figure(days, start=start, end=end, **size)
    raise ValueError(f"unknown chart {kind!r}; choose one of {', '.join(CHART_KINDS)}")
