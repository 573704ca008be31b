"""Every chart builds for 0, 1 and 120 days, saves a non-blank PNG, and never uses pyplot."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import time

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.image import imread

from app.charts import CHART_KINDS, chart_figure
from app.charts.trend import trend_figure
from app.demo import demo_days
from app.domain.entry import DayEntry

END = dt.date(2025, 6, 30)
DEMO = demo_days(120, end=END)


def png_pixels(figure: Figure) -> np.ndarray:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    buffer.seek(0)
    return imread(buffer)


def assert_not_blank(figure: Figure) -> None:
    pixels = png_pixels(figure)[..., :3]
    # Some ink: even the "no days logged" figure carries a title and a message.
    assert (pixels < 0.95).any(axis=-1).mean() > 0.002


@pytest.mark.parametrize("kind", CHART_KINDS)
@pytest.mark.parametrize("count", [0, 1, 120])
def test_chart_builds_and_is_not_blank(kind, count):
    days = DEMO[-count:] if count else []
    start = END - dt.timedelta(days=max(count, 1) - 1)
    figure = chart_figure(kind, days, start=start, end=END)
    assert isinstance(figure, Figure)
    assert_not_blank(figure)


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_chart_sizes_follow_arguments(kind):
    figure = chart_figure(kind, DEMO, start=DEMO[0].date, end=END, width=4, height=3, dpi=50)
    assert png_pixels(figure).shape[:2] == (150, 200)


def test_svg_output():
    buffer = io.BytesIO()
    chart_figure("trend", DEMO, start=DEMO[0].date, end=END).savefig(buffer, format="svg")
    assert buffer.getvalue().lstrip().startswith(b"<?xml")


def test_unknown_kind_and_reversed_period():
    with pytest.raises(ValueError, match="unknown chart"):
        chart_figure("pie", DEMO, start=END, end=END)
    with pytest.raises(ValueError, match="before it starts"):
        trend_figure(DEMO, start=END, end=END - dt.timedelta(days=1))


def test_trend_of_fifty_years_is_quick():
    rng = np.random.default_rng(3)
    n = 365 * 50
    first = END - dt.timedelta(days=n - 1)
    pains = rng.integers(0, 11, n)
    sitting = rng.integers(0, 700, n)
    days = [
        DayEntry.model_construct(
            date=first + dt.timedelta(days=i),
            pain=int(pains[i]),
            sitting_minutes=int(sitting[i]),
            active_minutes=60,
            flare=False,
            exercises=[],
        )
        for i in range(n)
    ]
    began = time.perf_counter()
    figure = trend_figure(days, start=first, end=END)
    png_pixels(figure)
    # Generous bound for a shared CI machine; benchmarks/ compares against a bare plot.
    assert time.perf_counter() - began < 10


def test_no_pyplot_imported():
    code = (
        "import datetime as dt, sys\n"
        "from app.charts import CHART_KINDS, chart_figure\n"
        "from app.demo import demo_days\n"
        "d = demo_days(30, end=dt.date(2025, 6, 30))\n"
        "for kind in CHART_KINDS:\n"
        "    chart_figure(kind, d, start=d[0].date, end=d[-1].date).savefig('/dev/null',"
        " format='png')\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
        "assert not any(m.startswith('kivy') for m in sys.modules), 'kivy was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_dark_theme_recolours_the_trend_chart_and_no_offset_label_strays():
    """Charts in the app's theme: dark ink on white for light, light ink on transparent for dark."""
    import re

    from matplotlib.colors import to_hex, to_rgba
    from matplotlib.text import Text

    from app.charts import chart_figure
    from app.domain.entry import make_entry

    start = dt.date.today() - dt.timedelta(days=150)
    days = [
        make_entry({"date": start + dt.timedelta(days=i), "pain": 3 + i % 5, "sitting_minutes": 90})
        for i in range(120)
    ]
    end = days[-1].date
    light = chart_figure("trend", days, start=start, end=end, width=5, height=4, dpi=74)
    dark = chart_figure(
        "trend", days, start=start, end=end, width=5, height=4, dpi=74, theme="dark"
    )
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for figure in (light, dark):
        FigureCanvasAgg(figure).draw()
        texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
        # No "2026-Dec" offset beside the date axis: the title names the period.
        assert not any(re.match(r"\d{4}-[A-Z][a-z]{2}$", t.get_text()) for t in texts)
        ticks = [t for ax in figure.axes for t in ax.get_xticklabels() + ax.get_yticklabels()]
        assert min(t.get_fontsize() for t in ticks if t.get_text()) >= 9
    assert to_rgba(light.patch.get_facecolor()) == to_rgba("white")
    assert to_rgba(dark.patch.get_facecolor())[3] == 0
    dark_texts = {to_hex(t.get_color()) for t in dark.findobj(Text) if t.get_text().strip()}
    assert "#000000" not in dark_texts
    with pytest.raises(ValueError, match="unknown chart theme"):
        chart_figure("trend", days, start=start, end=end, theme="sepia")
