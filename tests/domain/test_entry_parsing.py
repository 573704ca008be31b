"""How typed values are read: durations, hours, numbers, codes and the refusal texts, by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

from app.domain.entry import (
    EARLIEST_DATE,
    EntryError,
    factor_value,
    hours_slept,
    make_entry,
    minutes_of_day,
    parse_duration_minutes,
    problems_of,
    whole_number,
)

DAY = "2026-01-15"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("90", 90), ("+5", 5), ("-5", -5), ("2h", 120), ("45m", 45), ("45min", 45),
        ("7h30m", 450), (" 1 H 5 M ", 65), ("0h0m", 0), ("h", "h"), ("", ""), ("abc", "abc"),
        ("1h30", 90), ("1" * 101, "1" * 101), ("7.5", "7.5"),
    ],
)  # fmt: skip
def test_parse_duration_minutes_by_hand(text: str, read) -> None:
    assert parse_duration_minutes(text) == read


@pytest.mark.parametrize(
    ("value", "minutes"),
    [(None, None), ("", None), ("  ", None), (0, 0), (1440.0, 1440), ("24h", 1440), ("1h", 60)],
)
def test_minutes_of_day_by_hand(value, minutes) -> None:
    assert minutes_of_day(value) == minutes


@pytest.mark.parametrize("value", [-1, 1441, 2.5, True, "25h", "x", [1]])
def test_minutes_of_day_refuses_by_hand(value) -> None:
    with pytest.raises(ValueError, match=r"must be whole minutes from 0 to 1440 \(24 hours\), got"):
        minutes_of_day(value)


@pytest.mark.parametrize(
    ("value", "hours"),
    [(None, None), ("", None), (0, 0.0), (24, 24.0), ("7.25", 7.25), ("7h20m", 7.33),
     ("30m", 0.5), (7.333333, 7.33), ("8H", 8.0)],
)  # fmt: skip
def test_hours_slept_by_hand(value, hours) -> None:
    assert hours_slept(value) == hours


@pytest.mark.parametrize(
    ("value", "message"),
    [(-0.5, "from 0 to 24, got -0.5"), (24.5, "from 0 to 24, got 24.5"), ("25h", "got '25h'"),
     ("lots", "like 7.5 or 7h30m, got 'lots'"), (float("nan"), "like 7.5"), (True, "like 7.5"),
     ("1hx", "like 7.5")],
)  # fmt: skip
def test_hours_slept_refuses_by_hand(value, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        hours_slept(value)


@pytest.mark.parametrize(
    ("value", "number"), [("0", 0), (" 10 ", 10), ("+3", 3), (7.0, 7), (None, None), ("", None)]
)
def test_whole_number_by_hand(value, number) -> None:
    assert whole_number(0, 10)(value) == number


@pytest.mark.parametrize("value", ["11", "-1", 7.5, True, "seven", "1" * 101, [3]])
def test_whole_number_refuses_by_hand(value) -> None:
    with pytest.raises(ValueError, match="must be a whole number from 0 to 10, got"):
        whole_number(0, 10)(value)


def test_dates_by_hand() -> None:
    assert make_entry(date=" 2026-01-15 ").date == dt.date(2026, 1, 15)
    assert make_entry(date=dt.datetime(2026, 1, 15, 23, 59)).date == dt.date(2026, 1, 15)
    assert make_entry(date=EARLIEST_DATE).date == EARLIEST_DATE
    for bad, text in [
        ("2026-02-30", "must be a real calendar date written YYYY-MM-DD, got '2026-02-30'"),
        (20260115, "must be a date written YYYY-MM-DD, got 20260115"),
        (EARLIEST_DATE - dt.timedelta(days=1), "1899-12-31 is too early; allowed from 1900-01-01"),
    ]:
        with pytest.raises(EntryError) as caught:
            make_entry(date=bad)
        assert str(caught.value) == f"date: {text}"


def test_code_lists_and_their_refusals_by_hand() -> None:
    entry = make_entry(date=DAY, symptoms=["Tingling (pins and needles)", "numbness", "numbness"])
    assert entry.symptoms == ["tingling", "numbness"]  # vocabulary order, once each
    assert make_entry(date=DAY, symptoms=None).symptoms == []
    with pytest.raises(EntryError, match="symptoms: must be a list of symptom codes"):
        make_entry(date=DAY, symptoms="numbness")
    with pytest.raises(EntryError, match="red_flags: unknown red flag 'x'; allowed: "):
        make_entry(date=DAY, red_flags=["x"])
    with pytest.raises(EntryError, match=r"locations\.0\.region: region is required; allowed: "):
        make_entry(date=DAY, locations=[{"region": " ", "side": "left"}])
    with pytest.raises(EntryError, match=r"locations\.0\.region: is required"):
        make_entry(date=DAY, locations=[{"side": "left"}])


def test_field_type_problems_read_plainly() -> None:
    with pytest.raises(EntryError) as caught:
        make_entry(date=DAY, bogus=1, locations="hip", flare="maybe", exercises=[3])
    text = str(caught.value)
    assert "bogus: is not a field of a diary day" in text
    assert "locations: must be a list" in text
    assert "flare: must be 1 (flare) or 0 (no flare), got 'maybe'" in text
    assert "exercises.0: must be an object" in text
    with pytest.raises(EntryError, match="date: is required"):
        make_entry({})


def test_items_read_back_as_written() -> None:
    entry = make_entry(
        date=DAY,
        locations=[{"region": "calf", "side": "left"}, {"region": "hip"}],
        exercises=[{"name": "walking", "minutes": 20}, {"name": "cat_cow"}],
        treatments=[{"name": "ice", "relief": 3}, {"name": "heat"}],
    )
    assert [str(x) for x in entry.locations] == ["hip", "calf:left"]
    assert [str(x) for x in entry.exercises] == ["walking:20", "cat_cow"]
    assert [str(x) for x in entry.treatments] == ["ice:3", "heat"]
    assert [x.is_custom for x in make_entry(date=DAY, exercises=[{"name": "mine"}]).exercises] == [
        True
    ]
    assert entry.exercises[0].is_custom is False
    assert entry.custom_exercise_names() == []
    assert make_entry(date=DAY, exercises=[{"name": "mine"}]).custom_exercise_names() == ["mine"]


@pytest.mark.parametrize(
    ("text", "read"),
    [("7,5h", 450), ("1,25 h", 75), ("0,5h", 30), ("7.51h", 450.6), ("0.01h", 0.6)],
)
def test_decimal_commas_and_fractions_of_minutes_in_durations(text: str, read) -> None:
    # A comma is read as the decimal point; hours that are not whole minutes stay
    # fractional here, so the minutes' own check can refuse them by name.
    assert parse_duration_minutes(text) == pytest.approx(read)
    assert isinstance(parse_duration_minutes(text), type(read))


def test_a_duration_of_exactly_100_characters_is_still_read() -> None:
    assert parse_duration_minutes("0" * 97 + "120") == 120
    assert parse_duration_minutes("0" * 98 + "120") == "0" * 98 + "120"  # 101: as is


def test_a_pydantic_error_without_a_plain_text_keeps_pydantics_message() -> None:
    class Small(BaseModel):
        n: int

    with pytest.raises(ValidationError) as caught:
        Small.model_validate({"n": "abc"})
    assert problems_of(caught.value) == [
        ("n", "Input should be a valid integer, unable to parse string as an integer")
    ]


@pytest.mark.parametrize(
    ("text", "read"),
    [("yes", True), ("No", False), (" TRUE ", True), ("false", False), ("False", False)],
)
def test_own_factor_yes_no_words_by_hand(text: str, read: bool) -> None:
    assert factor_value(text, "tea") is read


@pytest.mark.parametrize(("value", "read"), [("90", 90), ("1h30", 90), (0, 0), (1440.0, 1440)])
def test_own_factor_numbers_by_hand(value: object, read: int) -> None:
    assert factor_value(value, "walk") == read


@pytest.mark.parametrize("value", ["maybe", "1441", -1, 2.5])
def test_own_factor_values_refused_by_hand(value: object) -> None:
    with pytest.raises(ValueError, match=r"^walk: must be yes/no or a whole number from 0 to 1440"):
        factor_value(value, "walk")


def test_texts_keep_one_newline_convention() -> None:
    # A lone CR would split a CSV row in two: CRLF and CR become LF.
    entry = make_entry(date=DAY, note=" a\r\nb\rc\nd ", exertion_note="x\r\ny")
    assert (entry.note, entry.exertion_note) == ("a\nb\nc\nd", "x\ny")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (5, "note: must be text, got 5"),
        (["a"], "note: must be text, got a list of 1 items"),
        ("a\x00b", "note: must not contain NUL characters"),
        ("x" * 10_001, "note: must be at most 10,000 characters, got 10,001"),
    ],
)
def test_a_bad_note_is_refused_with_the_rule(value: object, message: str) -> None:
    with pytest.raises(EntryError) as caught:
        make_entry(date=DAY, note=value)
    assert str(caught.value) == message


REGION_CODES = (
    "lower_back, upper_back, neck, buttock, hip, groin, thigh_back, thigh_front, knee, calf,"
    " shin, ankle, foot"
)


def test_code_refusals_by_hand() -> None:
    with pytest.raises(EntryError) as caught:
        make_entry(date=DAY, locations=[{"region": ""}])
    assert str(caught.value) == f"locations.0.region: region is required; allowed: {REGION_CODES}"
    with pytest.raises(EntryError) as caught:
        make_entry(date=DAY, posture=5)  # not text: refused as unknown, not a crash
    assert str(caught.value).startswith("posture: unknown posture 5; allowed: ")
    with pytest.raises(EntryError) as caught:
        make_entry(date=DAY, note="a\ud800b")
    assert str(caught.value) == (
        "note: must be text without lone surrogate characters (\\ud800-\\udfff)"
    )


def test_whole_numbers_up_to_100_characters_are_read_and_refusals_quote_the_value() -> None:
    assert whole_number(0, 10)("0" * 99 + "7") == 7  # 100 characters: still a number
    with pytest.raises(ValueError) as caught:
        whole_number(0, 10)("11")
    assert str(caught.value) == "must be a whole number from 0 to 10, got '11'"
    with pytest.raises(ValueError) as caught:
        whole_number(0, 10)("0" * 100 + "7")
    assert str(caught.value).startswith("must be a whole number from 0 to 10, got '0000")


def test_blank_optional_codes_are_not_recorded() -> None:
    entry = make_entry(
        date=DAY, posture="", exertion=" ", locations=[{"region": "hip", "side": None}]
    )
    assert (entry.posture, entry.exertion, entry.locations[0].side) == (None, None, None)
    assert make_entry(date=DAY, symptoms=["numbness", "", " "]).symptoms == ["numbness"]


def test_a_days_own_factor_values_by_hand() -> None:
    entry = make_entry(
        date=DAY, factors={"  Screen   time ": "1h30", "Tea": "yes", "Walk": "", "Nap": None}
    )
    assert entry.factors == {"Screen time": 90, "Tea": True}  # blanks: not recorded
    assert make_entry(date=DAY, factors={"Walk": "", "Tea": "no"}).factors == {"Tea": False}
    assert make_entry(date=DAY, factors=None).factors == {}
    assert make_entry(date=DAY, factors="").factors == {}
    for factors, message in [
        ("tea", "factors: must be an object of factor name: value"),
        ({" ": 1}, "factors: a factor name must not be empty"),
        (
            {"Walk": "lots"},
            "factors: Walk: must be yes/no or a whole number from 0 to 1440, got 'lots'",
        ),
        (
            {"Walk": 1441},
            "factors: Walk: must be yes/no or a whole number from 0 to 1440, got 1441",
        ),
    ]:
        with pytest.raises(EntryError) as caught:
            make_entry(date=DAY, factors=factors)
        assert str(caught.value) == message


def test_own_exercise_and_treatment_names_by_hand() -> None:
    entry = make_entry(
        date=DAY, exercises=[{"name": "  Hill   walk "}], treatments=[{"name": "Ice"}]
    )
    assert (entry.exercises[0].name, entry.treatments[0].name) == ("Hill walk", "ice")
    for exercises, message in [
        ([{"name": "  "}], "exercises.0.name: exercise name must not be empty"),
        ([{"name": 5}], "exercises.0.name: exercise name must not be empty"),
        (
            [{"name": "a;b"}],
            "exercises.0.name: exercise name 'a;b' must be at most 60 characters"
            " without ';' or ':'",
        ),
    ]:
        with pytest.raises(EntryError) as caught:
            make_entry(date=DAY, exercises=exercises)
        assert str(caught.value) == message


def test_a_refused_number_of_minutes_quotes_the_value() -> None:
    with pytest.raises(ValueError) as caught:
        minutes_of_day("25h")
    assert str(caught.value) == "must be whole minutes from 0 to 1440 (24 hours), got '25h'"
