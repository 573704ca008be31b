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

# The repository's summary SQL, minus the per-day sub-selects (they are keyed by day_id).
_PAGE = "SELECT d.date FROM day d WHERE d.date <= ? ORDER BY d.date DESC LIMIT ?"
_MONTH = "SELECT d.date FROM day d WHERE d.date >= ? AND d.date <= ? ORDER BY d.date"


def _plan(diary: Diary, sql: str, params: tuple) -> str:
    with diary._read() as connection:
        rows = connection.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return " | ".join(row[-1] for row in rows)


@pytest.mark.parametrize(
    ("sql", "params"),
    [(_PAGE, ("2026-01-01", 90)), (_MONTH, ("2026-01-01", "2026-01-31"))],
    ids=["newest page", "one month"],
)
def test_history_queries_use_the_date_index(diary: Diary, sql: str, params: tuple) -> None:
    diary.save_day({"date": dt.date(2026, 1, 2), "pain": 3})
    plan = _plan(diary, sql, params)
    assert "USING" in plan and "INDEX" in plan, plan
    assert "TEMP B-TREE" not in plan, f"sorts every row: {plan}"


def test_the_repository_query_matches_the_indexed_shape(diary: Diary) -> None:
    """The real query (with its sub-selects) also seeks by date and sorts nothing."""
    diary.save_day({"date": dt.date(2026, 1, 2), "pain": 3, "locations": [{"region": "hip"}]})
    seen: list[str] = []
    with diary._read() as connection:
        connection.set_trace_callback(seen.append)
        try:
            repo.day_summaries(connection=connection, end=dt.date(2026, 2, 1), newest=90)
        finally:
            connection.set_trace_callback(None)
        query = next(s for s in seen if "FROM day d" in s)
        plan = connection.execute("EXPLAIN QUERY PLAN " + query).fetchall()
    text = " | ".join(row[-1] for row in plan)
    assert "TEMP B-TREE" not in text, text
    assert "SEARCH d USING INDEX" in text, text


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
