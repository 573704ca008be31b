"""Own-factor columns: which days count as exposed, and picking days, worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.columns import OwnFactorColumn

NAN = np.nan


def _exposed(kind: str, threshold: float | None, values: list[float]) -> list[float]:
    out = OwnFactorColumn("f", kind, threshold, np.array(values, dtype=float)).exposed()
    assert out.dtype == np.float64
    return out.tolist()


def _same(got: list[float], expected: list[float]) -> bool:
    # NaN != NaN, so compare NaN positions and the rest separately.
    return len(got) == len(expected) and all(
        (np.isnan(g) and np.isnan(e)) or g == e for g, e in zip(got, expected, strict=True)
    )


@pytest.mark.parametrize(
    ("kind", "threshold", "values", "expected"),
    [
        ("yesno", None, [1, 0, NAN], [1, 0, NAN]),
        # A rating is exposed from 7 up unless the user set another threshold.
        ("rating", None, [6, 7, 10, 0, NAN], [0, 1, 1, 0, NAN]),
        ("rating", 5.0, [4, 5, 6, NAN], [0, 1, 1, NAN]),
        # Minutes are exposed above 60 (not at 60) unless the user set another threshold.
        ("minutes", None, [60, 61, 0, 600, NAN], [0, 1, 0, 1, NAN]),
        ("minutes", 30.0, [30, 31, 45, NAN], [0, 1, 1, NAN]),
        ("minutes", 120.0, [61, 120, 121], [0, 0, 1]),
    ],
)
def test_exposed_days_by_hand(kind: str, threshold, values, expected) -> None:
    got = _exposed(kind, threshold, values)
    assert _same(got, expected), got


def test_take_keeps_the_factor_and_picks_the_days() -> None:
    column = OwnFactorColumn("Screen time", "minutes", 90.0, np.array([10.0, NAN, 95.0]), True)
    picked = column.take(np.array([True, False, True]))
    assert (picked.name, picked.kind, picked.threshold, picked.archived) == (
        "Screen time",
        "minutes",
        90.0,
        True,
    )
    assert picked.values.tolist() == [10.0, 95.0]
    assert column.take(slice(1, None)).values[1] == 95.0
    assert picked.exposed().tolist() == [0.0, 1.0]
