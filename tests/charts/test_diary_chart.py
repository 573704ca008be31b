"""Charts through the service: `Diary.chart` draws what `Diary.insights` counts."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from app.charts import CHART_KINDS
from app.demo import demo_days

END = dt.date(2025, 6, 30)


@pytest.fixture
def demo_diary(diary):
    diary.import_entries(demo_days(200, end=END))
    return diary


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_every_chart_kind_comes_from_the_service(demo_diary, kind):
    figure = demo_diary.chart(kind, END - dt.timedelta(days=29), END, width=4, height=3, dpi=50)
    assert isinstance(figure, Figure)
    assert figure.get_size_inches().tolist() == [4, 3]


def test_the_trend_chart_shades_the_flare_ups_insights_finds(demo_diary):
    start = END - dt.timedelta(days=89)
    found = demo_diary.insights(start, END)
    top = demo_diary.chart("trend", start, END).axes[0]
    shaded = [c for c in top.collections if isinstance(c, PolyCollection)]
    assert len(shaded) == 1 and len(shaded[0].get_paths()) == len(found.flares) > 0


def test_chart_period_defaults_and_a_reversed_period(demo_diary):
    # First to last logged day by default.
    first, last = demo_diary.day_span().first, demo_diary.day_span().last
    title = demo_diary.chart("trend").texts[0].get_text()
    assert title.endswith(f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}")
    with pytest.raises(ValueError, match="before it starts"):
        demo_diary.chart("trend", END, END - dt.timedelta(days=1))
    with pytest.raises(ValueError, match="unknown chart"):
        demo_diary.chart("pie")
