"""The pieces of refusal messages, value by value (tests/test_messages.py has whole messages)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.messages import (
    EntryError,
    clip_input,
    parse_json_int,
    problem_lines,
    quote_input,
)


def test_clip_input_by_hand() -> None:
    assert clip_input("abc", limit=3) == "abc"
    assert clip_input("abcd", limit=3) == "abc… (4 characters)"
    assert clip_input("x" * 1234, limit=2) == "xx… (1,234 characters)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("abc", "'abc'"),
        ("abcd", "'abc…' (4 characters)"),
        (None, "None"),
        (True, "True"),
        (123, "123"),
        (10**5, "a number of about 6 digits"),
        (-(10**5), "a number of about 6 digits"),
        (99, "99"),
        (Decimal("1234"), "a number with 4 digits"),
        (Decimal("123"), "123"),
        (1.5, "1.5"),
        ([1, 2], "a list of 2 items"),
        ((1,), "a list of 1 items"),
        ({"a": 1}, "an object"),
        (b"x", "a bytes"),
    ],
)
def test_quote_input_by_hand(value: object, shown: str) -> None:
    assert quote_input(value, limit=3) == shown


def test_quote_input_default_limit_is_80() -> None:
    assert quote_input("y" * 80) == repr("y" * 80)
    assert quote_input("y" * 81) == f"'{'y' * 80}…' (81 characters)"
    assert quote_input(10**79) == str(10**79)
    assert quote_input(10**90) == "a number of about 91 digits"


def test_problem_lines_count_what_is_not_shown() -> None:
    assert problem_lines(["a", "b"], limit=2) == ["a", "b"]
    assert problem_lines(["a", "b", "c"], limit=2) == ["a", "b", "... and 1 more problem"]
    assert problem_lines(list("abcdef"), limit=2) == ["a", "b", "... and 4 more problems"]
    assert len(problem_lines([str(i) for i in range(1500)])) == 21
    assert problem_lines([str(i) for i in range(1500)])[-1] == "... and 1,480 more problems"


def test_parse_json_int_by_hand() -> None:
    assert parse_json_int("42") == 42 and isinstance(parse_json_int("42"), int)
    assert parse_json_int("-" + "9" * 100) == -int("9" * 100)
    long = "9" * 101
    assert parse_json_int(long) == Decimal(long) and isinstance(parse_json_int(long), Decimal)
    assert isinstance(parse_json_int("-" + long), Decimal)


def test_quote_input_shortens_a_number_from_the_first_one_longer_than_the_limit() -> None:
    # 10**80 has 81 digits, one more than the default limit of 80; 10**3 has 4 (limit 3).
    assert quote_input(10**80) == "a number of about 81 digits"
    assert quote_input(10**3, limit=3) == "a number of about 4 digits"
    assert quote_input(10**2, limit=3) == "100"


def test_parse_json_int_keeps_exactly_100_digits_an_int() -> None:
    hundred = "9" * 100
    assert type(parse_json_int(hundred)) is int
    assert type(parse_json_int("-" + hundred)) is int
    assert type(parse_json_int("1" + hundred)) is Decimal


def test_an_entry_error_lists_its_problems_joined_by_semicolons() -> None:
    error = EntryError([("pain", "must be 0 to 10"), ("date", "is required")])
    assert str(error) == "pain: must be 0 to 10; date: is required"
    assert error.problems == [("pain", "must be 0 to 10"), ("date", "is required")]
