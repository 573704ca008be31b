"""The History screen's queries cost the same for 50 years as for one.

They must be answered from the date index: no full scan of `day`, no sort of
every row. Checked through SQLite's query plan rather than timings (which a
busy CI machine makes noisy).
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary
from app.storage import repository as repo


@pytest.mark.parametrize(
    "period",
    [
        {"end": dt.date(2026, 2, 1), "newest": 90},
        {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 1, 31)},
    ],
    ids=["newest page", "one month"],
)
def test_history_queries_seek_by_date_and_sort_nothing(diary: Diary, period: dict) -> None:
    """The query the repository really sends (caught as SQLite runs it), planned by SQLite."""
    diary.save_day({"date": dt.date(2026, 1, 2), "pain": 3, "locations": [{"region": "hip"}]})
    seen: list[str] = []
    with diary._read() as connection:
        connection.set_trace_callback(seen.append)
        try:
            summaries = repo.day_summaries(connection=connection, **period)
        finally:
            connection.set_trace_callback(None)
        (query,) = [s for s in seen if "FROM day d" in s]
        plan = connection.execute("EXPLAIN QUERY PLAN " + query).fetchall()
    assert [s.date for s in summaries] == [dt.date(2026, 1, 2)]
    text = " | ".join(row[-1] for row in plan)
    assert "TEMP B-TREE" not in text, f"sorts every row: {text}"
    assert "SEARCH d USING INDEX" in text, text
    assert "SCAN d" not in text, text


def test_day_span_of_an_empty_and_a_filled_diary(diary: Diary) -> None:
    with diary._read() as connection:
        assert repo.day_span(connection=connection) == repo.DaySpan(0, None, None)
    diary.save_day({"date": dt.date(2025, 12, 31)})
    diary.save_day({"date": dt.date(2026, 1, 2)})
    with diary._read() as connection:
        span = repo.day_span(connection=connection)
    assert span == repo.DaySpan(2, dt.date(2025, 12, 31), dt.date(2026, 1, 2))


def test_summaries_carry_each_location_with_its_side(diary: Diary) -> None:
    """History names the side ("left calf"), so the summary keeps it."""
    date = dt.date(2026, 1, 2)
    diary.save_day(
        {
            "date": date,
            "locations": [
                {"region": "lower_back", "side": "centre"},
                {"region": "calf", "side": "left"},
                {"region": "calf", "side": "right"},
                {"region": "neck"},
            ],
        }
    )
    (summary,) = diary.summaries(start=date, end=date)
    assert set(summary.locations) == {
        ("lower_back", "centre"),
        ("calf", "left"),
        ("calf", "right"),
        ("neck", None),
    }
    assert summary.regions == tuple(dict.fromkeys(region for region, _ in summary.locations))
