"""Check-ins on the charts: the trend's points and the timeofday chart, read back from the
artists and compared with a small set worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.dates import date2num
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from app.charts import CHART_KINDS, chart_figure, style
from app.charts.time_of_day import COUNT_GID, EMPTY_MESSAGE
from app.charts.trend import CHECKINS_LABEL
from app.domain.checkin import make_checkin
from app.domain.entry import make_entry
from tests.test_cli import run

START = dt.date(2025, 6, 2)
END = START + dt.timedelta(days=2)
DAYS = [make_entry(date=START + dt.timedelta(days=i), pain=3) for i in range(3)]


def _c(day: int, clock: str, pain: int, doing: str | None = None):
    return make_checkin(date=START + dt.timedelta(days=day), time=clock, pain=pain, doing=doing)


# By hand: 06-09 block: 06:00 (4), 08:30 (8) -> n 2, mean 6.0; 12-15: 12:00 (5) -> n 1, 5.0;
# 18-21: 18:00 (2), 20:15 (3), 19:00 (7) -> n 3, mean 4.0. Others empty.
# Sitting: 4, 5, 7 -> 3, 5.333; walking: 2, 3 -> 2, 2.5; none: 8 (08:30).
CHECKINS = {
    START: [_c(0, "06:00", 4, "sitting"), _c(0, "08:30", 8), _c(0, "18:00", 2, "walking")],
    START + dt.timedelta(days=1): [_c(1, "12:00", 5, "sitting"), _c(1, "20:15", 3, "walking")],
    START + dt.timedelta(days=2): [_c(2, "19:00", 7, "sitting")],
    # Outside the period: never drawn.
    END + dt.timedelta(days=1): [_c(3, "10:00", 10, "lifting")],
}


def _checkin_line(ax):
    return [line for line in ax.get_lines() if line.get_label() == CHECKINS_LABEL]


def test_trend_draws_each_checkin_at_its_day_and_time_of_day():
    figure = chart_figure("trend", DAYS, start=START, end=END, checkins=CHECKINS)
    (line,) = _checkin_line(figure.axes[0])
    day0 = date2num(START)
    # The day's slot is [day - 0.5, day + 0.5): 06:00 a quarter into it, 12:00 on the day.
    expected_x = [
        day0 - 0.5 + 0.25,
        day0 - 0.5 + 8.5 / 24,
        day0 - 0.5 + 0.75,
        day0 + 1,
        day0 + 1 - 0.5 + (20 * 60 + 15) / 1440,
        day0 + 2 - 0.5 + 19 / 24,
    ]
    np.testing.assert_allclose(line.get_xdata(), expected_x)
    np.testing.assert_array_equal(line.get_ydata(), [4, 8, 2, 5, 3, 7])
    labels = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert CHECKINS_LABEL in labels
    # Muted: the grey of the palette, under the daily line.
    assert to_hex(line.get_color()) == to_hex(style.GREY) and line.get_zorder() < 2


def test_trend_without_checkins_has_no_points_and_no_legend_entry():
    figure = chart_figure("trend", DAYS, start=START, end=END)
    assert not _checkin_line(figure.axes[0])
    labels = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert CHECKINS_LABEL not in labels


def test_trend_checkins_take_the_dark_themes_muted_colour():
    figure = chart_figure("trend", DAYS, start=START, end=END, checkins=CHECKINS, theme="dark")
    (line,) = _checkin_line(figure.axes[0])
    assert to_hex(line.get_color()) == to_hex(style._DARK_MUTED)


def _bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _counts(ax) -> list[str]:
    return [t.get_text() for t in ax.findobj(Text) if t.get_gid() == COUNT_GID]


def test_timeofday_bars_and_counts_by_hand():
    figure = chart_figure("timeofday", DAYS, start=START, end=END, checkins=CHECKINS)
    hours, doing = figure.axes[:2]
    bars = _bars(hours)
    centres = [b.get_x() + b.get_width() / 2 for b in bars]
    assert centres == pytest.approx([7.5, 13.5, 19.5])
    assert [b.get_height() for b in bars] == pytest.approx([6.0, 5.0, 4.0])
    # A count for every block, empty ones included.
    assert _counts(hours) == ["0", "0", "2", "0", "1", "0", "3", "0"]
    # Activities highest mean first (barh draws the first at the bottom: read top down).
    rows = sorted(_bars(doing), key=lambda b: -b.get_y())
    assert [b.get_width() for b in rows] == pytest.approx([16 / 3, 2.5])
    labels = [t.get_text() for t in doing.get_yticklabels()][::-1]
    assert labels == ["Sitting", "Walking"]
    assert _counts(doing)[::-1] == ["5.3  n=3", "2.5  n=2"]
    assert "1 without an activity" in doing.get_xlabel()
    # The mean of all six check-ins of the period (29 / 6) is the dotted line.
    (mean_line,) = [line for line in hours.get_lines() if line.get_linestyle() == ":"]
    assert mean_line.get_ydata()[0] == pytest.approx(29 / 6)


def test_timeofday_without_checkins_says_how_to_add_one():
    figure = chart_figure("timeofday", DAYS, start=START, end=END, checkins={})
    texts = [t.get_text() for t in figure.findobj(Text)]
    assert EMPTY_MESSAGE in texts and "pain-diary checkin" in EMPTY_MESSAGE
    assert not any(_bars(ax) for ax in figure.axes)


def test_timeofday_dark_theme_recolours_bars_and_text():
    figure = chart_figure("timeofday", DAYS, start=START, end=END, checkins=CHECKINS, theme="dark")
    hours = figure.axes[0]
    assert {to_hex(b.get_facecolor(), keep_alpha=False) for b in _bars(hours)} == {
        to_hex(style.SKY_BLUE)
    }
    assert to_hex(figure.patch.get_facecolor(), keep_alpha=True) == "#00000000"


def test_timeofday_is_a_chart_kind_of_the_cli(capsys, diary_path: Path, tmp_path: Path):
    assert "timeofday" in CHART_KINDS
    run(capsys, diary_path, "checkin", "2025-06-02", "--at", "08:00", "--pain", "4")
    out_file = tmp_path / "tod.png"
    status, _, err = run(capsys, diary_path, "chart", "timeofday", str(out_file))
    assert status == 0, err
    assert out_file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The CLI's choices follow CHART_KINDS: a wrong kind is told about timeofday.
    status, _, err = run(capsys, diary_path, "chart", "nope", str(tmp_path / "x.png"))
    assert status == 2 and "timeofday" in err
