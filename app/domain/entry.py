"""What one diary day holds, and the rules a day must keep.

`DayEntry` is the one shape a day has outside the database: the CLI, CSV and
GUI build it, the service API saves and returns it, analysis reads it. Its
validators do their own coercion so every refusal names the field and the
allowed values in plain words.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from functools import partial
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    field_validator,
    model_validator,
)

from app.domain import vocab
from app.domain.durations import (
    MINUTES_PER_DAY,
    format_duration,
    parse_duration_minutes,
)
from app.domain.messages import MAX_NUMBER_DIGITS, EntryError, clip_input, quote_input

MAX_NOTE_CHARS = 10_000
MAX_NAME_CHARS = 60
EARLIEST_DATE = dt.date(1900, 1, 1)

# Names travel in CSV lists ("walking:30;my stretch:10"), so the separators
# and line breaks are not allowed in them.
_NAME_FORBIDDEN = re.compile(r"[;:\n\r\t\x00-\x1f\x7f]")


# --- coercing validators -----------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# The validators are module-level functions bound to their limits with partial
# rather than closures: the checks then run as themselves when a day is
# validated, which is what lets the mutation run (docs/testing.md) reach them.


def whole_number(lo: int, hi: int) -> Callable[[Any], int | None]:
    """Validator for an optional whole number in [lo, hi]."""
    return partial(_whole_number, lo=lo, hi=hi)


def _whole_number(value: Any, *, lo: int, hi: int) -> int | None:
    if _blank(value):
        return None
    number: Any = value
    if isinstance(value, str):
        text = value.strip()
        # A digit string too long for int() is out of range anyway; int() would
        # refuse it with Python's own message, naming no field.
        digits = len(text) <= MAX_NUMBER_DIGITS and re.fullmatch(r"[+-]?\d+", text)
        number = int(text) if digits else text
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    if isinstance(number, bool) or not isinstance(number, int) or not lo <= number <= hi:
        raise ValueError(f"must be a whole number from {lo} to {hi}, got {quote_input(value)}")
    return number


def minutes_of_day(value: Any) -> int | None:
    """Validator for a duration within one day, as minutes or '7h30m'."""
    if _blank(value):
        return None
    minutes = parse_duration_minutes(value) if isinstance(value, str) else value
    if isinstance(minutes, float) and minutes.is_integer():
        minutes = int(minutes)
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not 0 <= minutes <= MINUTES_PER_DAY
    ):
        raise ValueError(
            f"must be whole minutes from 0 to {MINUTES_PER_DAY} (24 hours), "
            f"got {quote_input(value)}"
        )
    return minutes


def hours_slept(value: Any) -> float | None:
    """Validator for hours slept: 0-24, decimals or '7h30m'."""
    if _blank(value):
        return None
    hours: Any = value
    if isinstance(value, str):
        text = value.strip().lower()
        if "h" in text or "m" in text:
            minutes = parse_duration_minutes(text)
            hours = minutes / 60 if isinstance(minutes, int) else text
        else:
            try:
                hours = float(text)
            except ValueError:
                hours = text
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not math.isfinite(hours):
        raise ValueError(f"must be hours from 0 to 24, like 7.5 or 7h30m, got {quote_input(value)}")
    if not 0 <= hours <= 24:
        raise ValueError(f"must be hours from 0 to 24, got {quote_input(value)}")
    # Two decimals keep 7h20m (7.33) and make CSV round trips exact.
    return round(float(hours), 2)


def code_in(vocabulary: Any, what: str, required: bool = False) -> Callable[[Any], str | None]:
    """Validator for a code from a vocabulary (labels accepted too)."""
    return partial(_code_in, vocabulary=vocabulary, what=what, required=required)


def _code_in(value: Any, *, vocabulary: Any, what: str, required: bool) -> str | None:
    if _blank(value):
        if required:
            raise ValueError(f"{what} is required; allowed: {', '.join(vocabulary)}")
        return None
    code = _lookup(vocabulary, value)
    if code is None:
        raise ValueError(f"unknown {what} {quote_input(value)}; allowed: {', '.join(vocabulary)}")
    return code


def _lookup(vocabulary: Any, value: Any) -> str | None:
    return vocab.code_for(vocabulary, value) if isinstance(value, str) else None


def free_name(value: Any, what: str, vocabulary: Any) -> str:
    """A catalogue code when the name matches one, else the trimmed custom name."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} name must not be empty")
    code = _lookup(vocabulary, value)
    if code is not None:
        return code
    name = " ".join(value.split())
    _refuse_surrogates(name)
    if len(name) > MAX_NAME_CHARS or _NAME_FORBIDDEN.search(name):
        raise ValueError(
            f"{what} name {quote_input(value)} must be at most {MAX_NAME_CHARS} characters "
            "without ';' or ':'"
        )
    return name


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _refuse_surrogates(text: str) -> None:
    # A JSON file can spell a lone surrogate ("\\ud800"): not text, and SQLite
    # cannot store it (UnicodeEncodeError, which names no field).
    if _SURROGATE.search(text):
        raise ValueError("must be text without lone surrogate characters (\\ud800-\\udfff)")


def _short_text(limit: int) -> Callable[[Any], str | None]:
    return partial(_checked_text, limit=limit)


def _checked_text(value: Any, *, limit: int) -> str | None:
    if _blank(value):
        return None
    if not isinstance(value, str):
        raise ValueError(f"must be text, got {quote_input(value)}")
    # One newline convention: a lone CR would split a CSV row in two.
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > limit:
        raise ValueError(f"must be at most {limit:,} characters, got {len(text):,}")
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    _refuse_surrogates(text)
    return text


def entry_date(value: Any) -> dt.date:
    """Validator for the day's date: ISO 8601, real, not in the future."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"must be a real calendar date written YYYY-MM-DD, got {quote_input(value)}"
            ) from None
    if not isinstance(value, dt.date):
        raise ValueError(f"must be a date written YYYY-MM-DD, got {quote_input(value)}")
    today = dt.date.today()
    if value > today:
        raise ValueError(f"{value.isoformat()} is in the future; allowed up to {today}")
    if value < EARLIEST_DATE:
        raise ValueError(f"{value.isoformat()} is too early; allowed from {EARLIEST_DATE}")
    return value


def factor_values(value: Any) -> dict[str, int | bool]:
    """Validator for own-factor values by name: yes/no, whole numbers 0-1440 or durations."""
    if _blank(value):
        return {}
    if not isinstance(value, dict):
        raise ValueError("must be an object of factor name: value")
    out: dict[str, int | bool] = {}
    for name, item in value.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a factor name must not be empty")
        key = " ".join(name.split())
        if _blank(item):
            continue  # not recorded
        out[key] = factor_value(item, key)
    return out


def factor_value(value: Any, name: str) -> int | bool:
    """One own factor's value: True/False (yes/no), else whole minutes or points 0-1440."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("yes", "no", "true", "false"):
            return text in ("yes", "true")
        value = parse_duration_minutes(text)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not 0 <= value <= MINUTES_PER_DAY:
        raise ValueError(
            f"{name}: must be yes/no or a whole number from 0 to {MINUTES_PER_DAY}, "
            f"got {quote_input(value)}"
        )
    return value


Score = Annotated[int | None, BeforeValidator(whole_number(0, 10))]
Minutes = Annotated[int | None, BeforeValidator(minutes_of_day)]


# --- list items ----------------------------------------------------------------


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Location(_Item):
    """Where it hurts: a region and, optionally, a side."""

    region: Annotated[str, BeforeValidator(code_in(vocab.REGIONS, "region", required=True))]
    side: Annotated[str | None, BeforeValidator(code_in(vocab.SIDES, "side"))] = None

    def __str__(self) -> str:
        return f"{self.region}:{self.side}" if self.side else self.region


class ExerciseDone(_Item):
    """An exercise from the catalogue (code) or the user's own name, with minutes."""

    name: str
    minutes: Annotated[int | None, BeforeValidator(whole_number(0, MINUTES_PER_DAY))] = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> str:
        return free_name(value, "exercise", vocab.EXERCISES)

    @property
    def is_custom(self) -> bool:
        return self.name not in vocab.EXERCISES

    def __str__(self) -> str:
        return self.name if self.minutes is None else f"{self.name}:{self.minutes}"


class TreatmentTaken(_Item):
    """A treatment from the list (code) or the user's own, with dose and relief 0-10."""

    name: str
    dose: Annotated[str | None, BeforeValidator(_short_text(MAX_NAME_CHARS))] = None
    relief: Score = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> str:
        return free_name(value, "treatment", vocab.TREATMENTS)

    def __str__(self) -> str:
        return self.name if self.relief is None else f"{self.name}:{self.relief}"


# --- the day -------------------------------------------------------------------


class DayEntry(BaseModel):
    """One calendar day of the diary. Every field but the date may be empty."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    date: Annotated[dt.date, BeforeValidator(entry_date)]
    pain: Score = None
    worst_pain: Score = None
    enjoyment_interference: Score = None
    activity_interference: Score = None
    locations: list[Location] = []
    symptoms: list[str] = []
    sitting_minutes: Minutes = None
    standing_minutes: Minutes = None
    active_minutes: Minutes = None
    exercises: list[ExerciseDone] = []
    exertion: Annotated[str | None, BeforeValidator(code_in(vocab.EXERTION, "exertion level"))] = (
        None
    )
    exertion_note: Annotated[str | None, BeforeValidator(_short_text(200))] = None
    posture: Annotated[str | None, BeforeValidator(code_in(vocab.POSTURE, "posture"))] = None
    sleep_hours: Annotated[float | None, BeforeValidator(hours_slept)] = None
    sleep_quality: Score = None
    treatments: list[TreatmentTaken] = []
    red_flags: list[str] = []
    flare: bool = False
    note: Annotated[str | None, BeforeValidator(_short_text(MAX_NOTE_CHARS))] = None
    stress: Score = None
    #: The user's own factors by name: yes/no as True/False, ratings and minutes as
    #: whole numbers. Which names and ranges are allowed is the diary's (the
    #: service checks them against its factors when saving).
    factors: dict[str, int | bool] = {}

    @field_validator("factors", mode="before")
    @classmethod
    def _factors(cls, value: Any) -> dict[str, int | bool]:
        return factor_values(value)

    @field_validator("symptoms", mode="before")
    @classmethod
    def _symptoms(cls, value: Any) -> list[str]:
        return _code_list(value, vocab.SYMPTOMS, "symptom")

    @field_validator("red_flags", mode="before")
    @classmethod
    def _red_flags(cls, value: Any) -> list[str]:
        return _code_list(value, vocab.RED_FLAGS, "red flag")

    @field_validator("locations", mode="after")
    @classmethod
    def _locations(cls, value: list[Location]) -> list[Location]:
        order = list(vocab.REGIONS)
        sides = [None, *vocab.SIDES]
        unique = {(loc.region, loc.side): loc for loc in value}
        return sorted(
            unique.values(), key=lambda loc: (order.index(loc.region), sides.index(loc.side))
        )

    @field_validator("flare", mode="before")
    @classmethod
    def _flare(cls, value: Any) -> bool:
        if _blank(value):
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in (
            "1",
            "0",
            "yes",
            "no",
            "true",
            "false",
        ):
            return value.strip().lower() in ("1", "yes", "true")
        raise ValueError(f"must be 1 (flare) or 0 (no flare), got {quote_input(value)}")

    @model_validator(mode="after")
    def _consistent(self) -> DayEntry:
        parts = [self.sitting_minutes, self.standing_minutes, self.active_minutes]
        total = sum(p for p in parts if p is not None)
        if total > MINUTES_PER_DAY:
            # Said in hours: nobody counts a day in minutes (the minutes stay, for the CLI).
            raise ValueError(
                f"sitting + standing + active add up to {format_duration(total)}; "
                f"a day holds 24 h (at most {MINUTES_PER_DAY} minutes)"
            )
        if self.pain is not None and self.worst_pain is not None and self.worst_pain < self.pain:
            raise ValueError(
                f"worst pain ({self.worst_pain}) must be at least the average pain ({self.pain})"
            )
        return self

    # -- helpers for the faces --

    @property
    def peg(self) -> float | None:
        """PEG score: mean of pain, enjoyment and activity items, when all three exist."""
        items = (self.pain, self.enjoyment_interference, self.activity_interference)
        if any(item is None for item in items):
            return None
        return sum(items) / 3  # type: ignore[arg-type]

    @property
    def is_empty(self) -> bool:
        """True when nothing but the date is recorded."""
        return self.model_dump(exclude={"date"}) == DayEntry.model_construct(
            date=self.date
        ).model_dump(exclude={"date"})

    def custom_exercise_names(self) -> list[str]:
        return [ex.name for ex in self.exercises if ex.is_custom]


def _code_list(value: Any, vocabulary: Any, what: str) -> list[str]:
    if _blank(value):
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(f"must be a list of {what} codes")
    codes = {code_in(vocabulary, what)(item) for item in value} - {None}
    return [code for code in vocabulary if code in codes]


_FIELD_OF_TYPE_ERROR = {
    "missing": "is required",
    "extra_forbidden": "is not a field of a diary day",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "string_type": "must be text",
    "bool_type": "must be true or false",
}


def problems_of(error: ValidationError) -> list[tuple[str, str]]:
    """Turn pydantic's errors into (field, plain message) pairs."""
    problems = []
    for item in error.errors():
        # A field name can be the user's own (an unknown key in a backup).
        field = clip_input(".".join(str(part) for part in item["loc"])) or "day"
        if item["type"] == "value_error":
            message = str(item["ctx"]["error"])
        else:
            message = _FIELD_OF_TYPE_ERROR.get(item["type"], item["msg"])
        problems.append((field, message))
    return problems


def make_entry(data: dict[str, Any] | None = None, /, **fields: Any) -> DayEntry:
    """Build a validated DayEntry, raising EntryError with readable problems."""
    try:
        return DayEntry.model_validate({**(data or {}), **fields})
    except ValidationError as error:
        raise EntryError(problems_of(error)) from None
