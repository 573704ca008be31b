"""Own-factor and stress columns read in SQL equal those built from the day objects."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.analysis.entry_columns import columns_from_entries
from app.diary import Diary
from app.storage.column_reads import read_day_columns
from tests.strategies import OWN_FACTORS, days, unique_dates


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    entries=st.lists(days(own=OWN_FACTORS), max_size=10).map(unique_dates),
    start=st.none() | st.dates(dt.date(1990, 1, 1), dt.date.today()),
)
def test_own_factor_columns_align_with_the_days(tmp_path_factory, entries, start) -> None:
    path = tmp_path_factory.mktemp("own") / "diary.sqlite3"
    with Diary.open(path) as diary:
        for factor in OWN_FACTORS:
            diary.add_factor(factor.name, factor.kind, factor.threshold)
        diary.archive_factor(OWN_FACTORS[1].name)
        assert diary.import_entries(entries).ok
        definitions = diary.factors(include_archived=True)
        with diary._read() as connection:
            got = read_day_columns(connection=connection, start=start)
        stored = diary.days(start)
    expected = columns_from_entries(stored, definitions)
    np.testing.assert_array_equal(got.stress, expected.stress)
    assert [(c.name, c.kind, c.threshold, c.archived) for c in got.own] == [
        (c.name, c.kind, c.threshold, c.archived) for c in expected.own
    ]
    assert [c.archived for c in got.own] == [False, True, False]
    for mine, theirs in zip(got.own, expected.own, strict=True):
        np.testing.assert_array_equal(mine.values, theirs.values, err_msg=mine.name)
        np.testing.assert_array_equal(mine.exposed(), theirs.exposed(), err_msg=mine.name)
