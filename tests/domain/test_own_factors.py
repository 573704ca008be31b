"""The rules of the user's own factors that the mutation run found untested, by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.own_factors import FactorError, OwnFactor, check_lag


@pytest.mark.parametrize(
    ("value", "shown"), [(2, "got 2"), ("next", "got 'next'"), (True, "got True")]
)
def test_a_lag_other_than_0_or_1_is_refused_naming_the_field_and_the_value(
    value: object, shown: str
) -> None:
    with pytest.raises(FactorError) as caught:
        check_lag(value)
    assert caught.value.field == "lag"
    assert caught.value.problems == [("lag", f"must be 0 (same day) or 1 (next day), {shown}")]


def test_lags_0_and_1_are_accepted() -> None:
    assert (check_lag(0), check_lag(1)) == (0, 1)


def test_an_own_factor_as_json_by_hand() -> None:
    factor = OwnFactor("Gardening", "minutes", 45.0, True, dt.date(2026, 3, 1), days=12)
    assert factor.as_json() == {
        "name": "Gardening",
        "kind": "minutes",
        "threshold": 45.0,
        "archived": True,
        "created_on": "2026-03-01",
    }
    assert OwnFactor("Tea", "yesno").as_json() == {
        "name": "Tea",
        "kind": "yesno",
        "threshold": None,
        "archived": False,
        "created_on": None,
    }
