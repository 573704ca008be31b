"""Day columns from a diary without stress, worked out by hand."""

from __future__ import annotations

import numpy as np

from app.domain.columns import DayColumns


def test_columns_without_stress_read_as_stress_not_recorded_on_every_day() -> None:
    """A diary (or caller) from before stress was a daily item gives no stress column:
    each day then has stress "not recorded" (NaN), one per day, so picking days works."""
    n = 3
    nan = np.full(n, np.nan)
    none = np.array([None] * n, dtype=object)
    columns = DayColumns(
        ordinal=np.array([739000, 739001, 739003], dtype=np.int64),
        pain=np.array([2.0, 5.0, np.nan]),
        worst_pain=nan.copy(),
        enjoyment_interference=nan.copy(),
        activity_interference=nan.copy(),
        sitting_minutes=nan.copy(),
        active_minutes=nan.copy(),
        exercise_minutes=nan.copy(),
        exertion=none.copy(),
        posture=none.copy(),
        sleep_hours=nan.copy(),
        sleep_quality=nan.copy(),
        flare=np.zeros(n, dtype=bool),
        red_flag=np.zeros(n, dtype=bool),
    )
    assert columns.stress is not None
    assert columns.stress.shape == (3,)
    assert np.isnan(columns.stress).all()
    picked = columns.take(np.array([False, True, True]))
    assert picked.stress is not None and picked.stress.shape == (2,)
