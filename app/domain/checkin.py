"""A check-in: pain noted at a time of day, with what you were doing.

A day holds any number of check-ins. The day stays the unit of the diary and
of the analysis: when its average or worst pain is not entered, it is derived
from its check-ins (`day_pain`); an entered value always wins.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, field_validator

from app.domain import vocab
from app.domain.day_pain import DayPain, day_pain
from app.domain.entry import (
    MAX_NOTE_CHARS,
    EntryError,
    Location,
    _checked_text,
    _code_list,
    code_in,
    entry_date,
    problems_of,
    whole_number,
)
from app.domain.messages import quote_input

_CLOCK = re.compile(r"(\d{1,2})[:.h](\d{2})")


def clock_time(value: Any) -> dt.time:
    """Validator for a local time of day, written HH:MM (24-hour clock); minutes only."""
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, str):
        match = _CLOCK.fullmatch(value.strip())
        if match:
            hour, minute = int(match[1]), int(match[2])
            if hour < 24 and minute < 60:
                return dt.time(hour, minute)
    raise ValueError(
        f"must be a time of day written HH:MM, 00:00 to 23:59, got {quote_input(value)}"
    )


def _note(value: Any) -> str | None:
    return _checked_text(value, limit=MAX_NOTE_CHARS)


class CheckIn(BaseModel):
    """Pain at one moment of a day; only the pain is required."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: Annotated[dt.date, BeforeValidator(entry_date)]
    time: Annotated[dt.time, BeforeValidator(clock_time)]
    pain: Annotated[int, BeforeValidator(whole_number(0, 10))]
    locations: list[Location] = []
    symptoms: list[str] = []
    doing: Annotated[str | None, BeforeValidator(code_in(vocab.DOING, "activity"))] = None
    note: Annotated[str | None, BeforeValidator(_note)] = None

    @field_validator("pain", mode="before")
    @classmethod
    def _pain_required(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValueError("is required: a whole number from 0 to 10")
        return value

    @field_validator("symptoms", mode="before")
    @classmethod
    def _symptoms(cls, value: Any) -> list[str]:
        return _code_list(value, vocab.SYMPTOMS, "symptom")

    @field_validator("locations", mode="after")
    @classmethod
    def _locations(cls, value: list[Location]) -> list[Location]:
        order, sides = list(vocab.REGIONS), [None, *vocab.SIDES]
        unique = {(loc.region, loc.side): loc for loc in value}
        return sorted(
            unique.values(), key=lambda loc: (order.index(loc.region), sides.index(loc.side))
        )

    @property
    def clock(self) -> str:
        """The time as HH:MM."""
        return self.time.strftime("%H:%M")

    def as_json(self) -> dict[str, Any]:
        """The shape `show --json` and the JSON backup give a check-in (without its date)."""
        return {
            "time": self.clock,
            "pain": self.pain,
            "locations": [str(loc) for loc in self.locations],
            "symptoms": list(self.symptoms),
            "doing": self.doing,
            "note": self.note,
        }


def make_checkin(data: dict[str, Any] | None = None, /, **fields: Any) -> CheckIn:
    """Build a validated CheckIn, raising EntryError naming each refused field."""
    values = {**(data or {}), **fields}
    locations = values.get("locations")
    if isinstance(locations, list):
        # "calf:left" strings, as the CLI and the JSON shape write them.
        values["locations"] = [_location(item) for item in locations]
    try:
        checkin = CheckIn.model_validate(values)
    except ValidationError as error:
        raise EntryError(problems_of(error)) from None
    _not_in_future(checkin)
    return checkin


def _location(item: Any) -> Any:
    if isinstance(item, str):
        region, sep, side = item.partition(":")
        return {"region": region, "side": side} if sep else {"region": region}
    return item


def _not_in_future(checkin: CheckIn) -> None:
    # A minute's grace: the clock of the form that filled in "now" may be a little behind.
    now = dt.datetime.now()
    when = dt.datetime.combine(checkin.date, checkin.time)
    if when > now + dt.timedelta(minutes=1):
        raise EntryError(
            [("time", f"{checkin.date} {checkin.clock} is in the future; allowed up to now")]
        )


__all__ = ["CheckIn", "DayPain", "EntryError", "clock_time", "day_pain", "make_checkin"]
