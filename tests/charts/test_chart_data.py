"""The charts plot the data they are given: the artists' data read back and compared
with values worked out by hand (test_charts.py checks only that there is ink)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from matplotlib.collections import PolyCollection, QuadMesh
from matplotlib.dates import date2num

from app.charts import chart_figure
from app.domain.entry import make_entry

START = dt.date(2025, 6, 2)  # a Monday
END = START + dt.timedelta(days=9)


def _day(offset: int, **fields):
    return make_entry(date=START + dt.timedelta(days=offset), **fields)


# Ten days: pain 2 for seven days, a rise to 5 (a flare: baseline 2 + 3), a day not
# logged, then 2 again. Sitting 1-7 hours, active 30 minutes on even days.
DAYS = [
    _day(i, pain=2, sitting_minutes=60 * (i + 1), active_minutes=30 if i % 2 == 0 else None)
    for i in range(7)
] + [_day(7, pain=5, sitting_minutes=480, exercises=[{"name": "walking"}]), _day(9, pain=2)]
X = date2num([START + dt.timedelta(days=i) for i in range(10)])


def _line(ax, label: str):
    (line,) = [line for line in ax.get_lines() if line.get_label() == label]
    return np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)


def _flare_spans(ax) -> list[tuple[float, float]]:
    spans = []
    for collection in ax.collections:
        if isinstance(collection, PolyCollection) and not isinstance(collection, QuadMesh):
            for path in collection.get_paths():
                xs = path.vertices[:, 0]
                spans.append((float(xs.min()), float(xs.max())))
    return spans


def test_trend_plots_each_days_pain_its_mean_sitting_and_active_hours():
    figure = chart_figure("trend", DAYS, start=START, end=END)
    top, bottom = figure.axes[:2]
    x, pain = _line(top, "Daily pain")
    assert x.tolist() == X.tolist()
    np.testing.assert_array_equal(pain, [2, 2, 2, 2, 2, 2, 2, 5, np.nan, 2])
    _, mean = _line(top, "7-day mean")
    # Needs 4 logged days in the trailing 7: NaN for the first three; the
    # unlogged day 8 counts in no mean (days 2-8 and 3-9: six scores summing to 15).
    expected_mean = [np.nan] * 3 + [2, 2, 2, 2, 17 / 7, 15 / 6, 15 / 6]
    np.testing.assert_allclose(mean, expected_mean)
    _, sitting = _line(bottom, "Sitting")
    np.testing.assert_array_equal(sitting, [1, 2, 3, 4, 5, 6, 7, 8, np.nan, np.nan])
    _, active = _line(bottom, "Active")
    np.testing.assert_array_equal(active, [0.5, np.nan] * 3 + [0.5, np.nan, np.nan, np.nan])
    # The flare day (day 7) is shaded, from half a day before to half a day after.
    assert _flare_spans(top) == [(X[7] - 0.5, X[7] + 0.5)]
    assert _flare_spans(bottom) == [(X[7] - 0.5, X[7] + 0.5)]


def test_activity_plots_sitting_bars_active_line_and_exercise_counts():
    figure = chart_figure("activity", DAYS, start=START, end=END)
    top, bottom = figure.axes[:2]
    heights = [patch.get_height() for patch in top.patches]
    np.testing.assert_array_equal(heights, [1, 2, 3, 4, 5, 6, 7, 8, np.nan, np.nan])
    _, active = _line(top, "Active")
    np.testing.assert_array_equal(active, [0.5, np.nan] * 3 + [0.5, np.nan, np.nan, np.nan])
    bars = bottom.patches
    assert [bar.get_width() for bar in bars] == [1]
    assert [t.get_text() for t in bottom.get_yticklabels()] == ["Walking"]


def test_calendar_colours_each_logged_day_by_its_pain():
    figure = chart_figure("calendar", DAYS, start=START, end=END)
    (mesh,) = [c for c in figure.axes[0].collections if isinstance(c, QuadMesh)]
    grid = np.ma.filled(mesh.get_array().astype(float), np.nan).reshape(7, -1)
    # Rows are weekdays (Monday first), columns weeks; day 7 is the next Monday.
    assert grid.shape == (7, 2)
    np.testing.assert_array_equal(grid[:, 0], [2] * 7)
    np.testing.assert_array_equal(grid[:, 1], [5, np.nan, 2, np.nan, np.nan, np.nan, np.nan])


def test_factors_chart_marks_each_rate_in_percent():
    days = [
        make_entry(
            date=START + dt.timedelta(days=i),
            pain=3,
            sitting_minutes=480 if i % 2 == 0 else 60,
            flare=i % 4 == 0,
        )
        for i in range(40)
    ]
    figure = chart_figure("factors", days, start=START, end=START + dt.timedelta(days=39))
    ax = figure.axes[0]
    # Long sitting on the even days; flares on every 4th day, all of them even:
    # 10 of 20 exposed days, 0 of 20 others, the same day.
    marks = sorted(
        (round(float(line.get_xdata()[0]), 6), line.get_marker())
        for line in ax.get_lines()
        if line.get_marker() in ("o", "s") and len(line.get_xdata()) == 1
    )
    assert (50.0, "o") in marks and (0.0, "s") in marks
