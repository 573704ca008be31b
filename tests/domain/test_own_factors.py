"""The rules of the user's own factors that the mutation run found untested, by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.own_factors import (
    FactorError,
    OwnFactor,
    check_day_factors,
    check_factor_name,
    check_lag,
    check_threshold,
    factor_key,
    value_for_kind,
)


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


def test_factor_key_ignores_case_and_spacing() -> None:
    assert factor_key("  Screen   TIME ") == "screen time"
    assert factor_key("Straße") == "strasse"


def test_factor_names_are_trimmed_and_limited_to_60_characters() -> None:
    assert check_factor_name("  Screen   time ") == "Screen time"
    assert check_factor_name("x" * 60) == "x" * 60
    with pytest.raises(FactorError) as caught:
        check_factor_name("x" * 61)
    assert caught.value.problems == [
        ("name", f"'{'x' * 61}' must be at most 60 characters without ';', ':' or line breaks")
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        (None, "must not be empty"),
        (
            "tea;coffee",
            "'tea;coffee' must be at most 60 characters without ';', ':' or line breaks",
        ),
        ("a:b", "'a:b' must be at most 60 characters without ';', ':' or line breaks"),
        (
            " Sleep ",
            "' Sleep ' is a built-in factor; built-in: "
            "sitting, inactivity, posture, overexertion, sleep, stress",
        ),
    ],
)
def test_a_bad_factor_name_is_refused_with_the_rule(value: object, message: str) -> None:
    with pytest.raises(FactorError) as caught:
        check_factor_name(value)
    assert caught.value.field == "name"
    assert caught.value.problems == [("name", message)]


@pytest.mark.parametrize(
    ("kind", "value", "read"),
    [
        ("rating", None, None),
        ("rating", 0, 0.0),
        ("rating", 10, 10.0),
        ("rating", 6.5, 6.5),
        ("rating", " 7 ", 7.0),
        ("minutes", 0, 0.0),
        ("minutes", 1440, 1440.0),
        ("minutes", "90", 90.0),
    ],
)
def test_thresholds_at_the_ends_of_the_kinds_range_are_accepted(kind, value, read) -> None:
    assert check_threshold(kind, value) == read


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("rating", 11, "must be a number from 0 to 10 for a 0-10 rating factor, got 11"),
        ("rating", -1, "must be a number from 0 to 10 for a 0-10 rating factor, got -1"),
        ("minutes", "1441", "must be a number from 0 to 1440 for a minutes factor, got '1441'"),
        ("minutes", "lots", "must be a number from 0 to 1440 for a minutes factor, got 'lots'"),
        ("rating", True, "must be a number from 0 to 10 for a 0-10 rating factor, got True"),
        ("yesno", 1, "a yes/no factor has no threshold (yes is exposed)"),
    ],
)
def test_a_bad_threshold_is_refused_with_the_range(kind, value, message: str) -> None:
    with pytest.raises(FactorError) as caught:
        check_threshold(kind, value)
    assert caught.value.problems == [("threshold", message)]


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [
        ("yesno", True, True),
        ("yesno", 0, False),
        ("yesno", 1, True),
        ("rating", 0, 0),
        ("rating", 10, 10),
        ("minutes", 1440, 1440),
    ],
)
def test_values_at_the_ends_of_each_kind_are_stored(kind: str, value, stored) -> None:
    got = value_for_kind(OwnFactor("Gardening", kind), value)
    assert got == stored and type(got) is type(stored)


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("yesno", 2, "must be yes or no, got 2"),
        ("rating", 11, "must be a whole number from 0 to 10 (0-10 rating), got 11"),
        ("rating", True, "must be a whole number from 0 to 10 (0-10 rating), got True"),
        ("minutes", -1, "must be a whole number from 0 to 1440 (minutes), got -1"),
        ("minutes", 1441, "must be a whole number from 0 to 1440 (minutes), got 1441"),
    ],
)
def test_a_value_outside_its_kind_is_refused_naming_the_factor(kind, value, message) -> None:
    with pytest.raises(FactorError) as caught:
        value_for_kind(OwnFactor("Gardening", kind), value)
    assert caught.value.problems == [("factors.Gardening", message)]


KNOWN = {
    "gardening": OwnFactor("Gardening", "minutes"),
    "tea": OwnFactor("Tea", "yesno"),
    "old habit": OwnFactor("Old habit", "rating", archived=True),
}


def test_a_days_factors_take_the_factors_own_spelling_and_kind() -> None:
    got = check_day_factors({"GARDENING": 45, " tea ": 1}, KNOWN)
    assert got == {"Gardening": 45, "Tea": True}
    assert type(got["Tea"]) is bool
    assert check_day_factors({}, KNOWN) == {}


def test_an_unknown_factor_is_refused_listing_the_active_ones() -> None:
    with pytest.raises(FactorError) as caught:
        check_day_factors({"Coffee": 1}, KNOWN)
    assert caught.value.problems == [
        (
            "factors.Coffee",
            "is not one of your factors; yours: Gardening, Tea"
            " (add one with `pain-diary factor add`)",
        )
    ]
    with pytest.raises(FactorError) as caught:
        check_day_factors({"Coffee": 1}, {})
    assert caught.value.problems == [
        (
            "factors.Coffee",
            "is not one of your factors; yours: none yet (add one with `pain-diary factor add`)",
        )
    ]


def test_an_archived_factor_takes_no_new_value_but_keeps_its_old_one() -> None:
    with pytest.raises(FactorError) as caught:
        check_day_factors({"Old habit": 5}, KNOWN)
    assert caught.value.problems == [
        ("factors.Old habit", "is archived and takes no new values; yours: Gardening, Tea")
    ]
    with pytest.raises(FactorError) as caught:  # a changed value is a new one
        check_day_factors({"Old habit": 5}, KNOWN, before={"old  HABIT": 4})
    assert caught.value.field == "factors.Old habit"
    archived_only = {"old habit": KNOWN["old habit"]}
    with pytest.raises(FactorError, match=r"takes no new values; yours: none$"):
        check_day_factors({"Old habit": 5}, archived_only)
    assert check_day_factors({"old habit": 5}, KNOWN, before={"OLD HABIT": 5}) == {"Old habit": 5}
    assert check_day_factors({"Old habit": 6}, KNOWN, allow_archived=True) == {"Old habit": 6}


def test_a_days_factor_value_outside_its_kind_is_refused() -> None:
    with pytest.raises(FactorError) as caught:
        check_day_factors({"gardening": 1441}, KNOWN)
    assert caught.value.problems == [
        ("factors.Gardening", "must be a whole number from 0 to 1440 (minutes), got 1441")
    ]
