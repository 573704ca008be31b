"""The column reader gives the analysis the same values as the DayEntry objects do."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.analysis.entry_columns import columns_from_entries, tallies_from_entries
from app.demo import demo_days
from app.diary import Diary
from app.domain.columns import DayColumns
from app.storage import repository as repo
from app.storage.column_reads import read_day_columns, read_list_tallies
from tests.strategies import days, unique_dates


def assert_same_columns(got: DayColumns, expected: DayColumns) -> None:
    assert [(c.name, c.kind, c.threshold, c.archived) for c in got.own] == [
        (c.name, c.kind, c.threshold, c.archived) for c in expected.own
    ]
    for mine, theirs in zip(got.own, expected.own, strict=True):
        np.testing.assert_array_equal(mine.values, theirs.values, err_msg=mine.name)
    for field in fields(expected):
        if field.name == "own":
            continue
        a, b = getattr(got, field.name), getattr(expected, field.name)
        if field.name == "own":  # the user's own factors: one column each
            assert [c.name for c in a] == [c.name for c in b]
            for mine, theirs in zip(a, b, strict=True):
                np.testing.assert_array_equal(mine.values, theirs.values, err_msg=mine.name)
            continue
        assert a.dtype == b.dtype, field.name
        if a.dtype == float:
            np.testing.assert_array_equal(a, b, err_msg=field.name)  # NaN equals NaN here
        else:
            assert a.tolist() == b.tolist(), field.name


def read(diary: Diary, start: dt.date | None = None, end: dt.date | None = None):
    with diary._read() as connection:
        return (
            repo.read_days(connection=connection, start=start, end=end),
            read_day_columns(connection=connection, start=start, end=end),
            read_list_tallies(connection=connection, start=start, end=end),
        )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(days(), min_size=0, max_size=12).map(unique_dates))
def test_columns_and_tallies_match_the_day_objects(tmp_path_factory, entries):
    path = tmp_path_factory.mktemp("columns") / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.import_entries(entries)
        stored, columns, tallies = read(diary)
    assert_same_columns(columns, columns_from_entries(stored))
    assert tallies == tallies_from_entries(stored)
    # And the objects read back are the days saved, so the columns are theirs too.
    assert_same_columns(columns, columns_from_entries(entries))


def test_columns_of_a_demo_diary_and_a_date_range(diary):
    diary.import_entries(demo_days(200, end=dt.date(2025, 6, 30)))
    for start, end in [
        (None, None),
        (dt.date(2025, 3, 1), None),
        (None, dt.date(2025, 2, 1)),
        (dt.date(2025, 4, 1), dt.date(2025, 4, 30)),
        (dt.date(2030, 1, 1), None),  # no days
    ]:
        stored, columns, tallies = read(diary, start, end)
        assert len(columns) == len(stored)
        assert_same_columns(columns, columns_from_entries(stored))
        assert tallies == tallies_from_entries(stored)


def test_a_treatment_given_twice_on_a_day_counts_once_with_its_last_relief(diary):
    diary.save_day(
        {
            "date": dt.date(2025, 1, 1),
            "treatments": [{"name": "ice", "relief": 2}, {"name": "ice", "relief": 6}],
            "exercises": [{"name": "walking", "minutes": 10}, {"name": "walking"}],
        }
    )
    _, columns, tallies = read(diary)
    assert tallies.treatments == {"ice": (1, 1, 6)}
    assert tallies.exercises == {"walking": (1, 10)}
    assert columns.exercise_minutes.tolist() == [10.0]
