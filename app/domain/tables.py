"""SQLModel tables: one `day` row per calendar day, lists in child tables.

Ranges are also CHECK constraints, so a diary edited by another tool cannot
hold a pain of 50 that the analysis would then trust.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

# Alembic's batch mode on SQLite needs named constraints to alter them later.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def _score(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 0 AND 10", name=f"{column}_range")


def _minutes(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 0 AND 1440", name=f"{column}_range")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Day(SQLModel, table=True):
    """A diary day; every column but the date may be NULL (not recorded)."""

    __tablename__ = "day"
    __table_args__ = (
        _score("pain"),
        _score("worst_pain"),
        _score("enjoyment_interference"),
        _score("activity_interference"),
        _score("sleep_quality"),
        _score("stress"),
        _minutes("sitting_minutes"),
        _minutes("standing_minutes"),
        _minutes("active_minutes"),
        CheckConstraint("sleep_hours BETWEEN 0 AND 24", name="sleep_hours_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    date: dt.date = Field(unique=True)
    pain: int | None = None
    worst_pain: int | None = None
    enjoyment_interference: int | None = None
    activity_interference: int | None = None
    sitting_minutes: int | None = None
    standing_minutes: int | None = None
    active_minutes: int | None = None
    exertion: str | None = Field(default=None, max_length=16)
    exertion_note: str | None = None
    posture: str | None = Field(default=None, max_length=16)
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    flare: bool = False
    note: str | None = None
    updated_at: dt.datetime = Field(default_factory=_utcnow)
    stress: int | None = None


class DayLocation(SQLModel, table=True):
    __tablename__ = "day_location"

    id: int | None = Field(default=None, primary_key=True)
    day_id: int = Field(foreign_key="day.id", ondelete="CASCADE", index=True)
    region: str = Field(max_length=32)
    side: str | None = Field(default=None, max_length=16)


class DaySymptom(SQLModel, table=True):
    __tablename__ = "day_symptom"

    id: int | None = Field(default=None, primary_key=True)
    day_id: int = Field(foreign_key="day.id", ondelete="CASCADE", index=True)
    symptom: str = Field(max_length=32)


class DayExercise(SQLModel, table=True):
    __tablename__ = "day_exercise"
    __table_args__ = (_minutes("minutes"),)

    id: int | None = Field(default=None, primary_key=True)
    day_id: int = Field(foreign_key="day.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=60)
    minutes: int | None = None


class DayTreatment(SQLModel, table=True):
    __tablename__ = "day_treatment"
    __table_args__ = (_score("relief"),)

    id: int | None = Field(default=None, primary_key=True)
    day_id: int = Field(foreign_key="day.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=60)
    dose: str | None = Field(default=None, max_length=60)
    relief: int | None = None


class DayRedFlag(SQLModel, table=True):
    __tablename__ = "day_red_flag"

    id: int | None = Field(default=None, primary_key=True)
    day_id: int = Field(foreign_key="day.id", ondelete="CASCADE", index=True)
    code: str = Field(max_length=32)


class CheckIn(SQLModel, table=True):
    """Pain at a time of day; a day holds any number, one per minute."""

    __tablename__ = "checkin"
    __table_args__ = (
        _score("pain"),
        # HH:MM text: sorts as time does, and reads the same in every export.
        CheckConstraint(
            "length(time) = 5 AND substr(time, 3, 1) = ':'"
            " AND substr(time, 1, 2) BETWEEN '00' AND '23'"
            " AND substr(time, 4, 2) BETWEEN '00' AND '59'",
            name="time_format",
        ),
        UniqueConstraint("day_id", "time", name="uq_checkin_day_id_time"),
    )

    id: int | None = Field(default=None, primary_key=True)
    day_id: int = Field(foreign_key="day.id", ondelete="CASCADE", index=True)
    time: str = Field(max_length=5)
    pain: int
    doing: str | None = Field(default=None, max_length=16)
    note: str | None = None
    updated_at: dt.datetime = Field(default_factory=_utcnow)


class CheckInLocation(SQLModel, table=True):
    __tablename__ = "checkin_location"

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="checkin.id", ondelete="CASCADE", index=True)
    region: str = Field(max_length=32)
    side: str | None = Field(default=None, max_length=16)


class CheckInSymptom(SQLModel, table=True):
    __tablename__ = "checkin_symptom"

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="checkin.id", ondelete="CASCADE", index=True)
    symptom: str = Field(max_length=32)


#: The built-in factors a suspect may name (an own factor is named by its row).
BUILT_IN_SUSPECTS = ("sitting", "inactivity", "posture", "overexertion", "sleep", "stress")


class OwnFactor(SQLModel, table=True):
    """A factor the user tracks besides the built-in ones (up to 20)."""

    __tablename__ = "own_factor"
    __table_args__ = (CheckConstraint("kind IN ('yesno', 'rating', 'minutes')", name="kind_known"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=60)
    # Names are one factor whatever their case ("Gardening" = "gardening"); the
    # lower-case key carries the uniqueness so the name keeps the user's spelling.
    name_key: str = Field(max_length=60, unique=True)
    kind: str = Field(max_length=16)
    threshold: float | None = None
    archived: bool = False
    created_on: dt.date


class DayFactor(SQLModel, table=True):
    """One own factor's value on one day (yes/no as 1/0)."""

    __tablename__ = "day_factor"
    __table_args__ = (
        # The kind's own range (0-10, yes/no) is the domain's rule; this bounds them all.
        CheckConstraint("value BETWEEN 0 AND 1440", name="value_range"),
        UniqueConstraint("day_id", "factor_id", name="uq_day_factor_day_id_factor_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    day_id: int = Field(foreign_key="day.id", ondelete="CASCADE", index=True)
    factor_id: int = Field(foreign_key="own_factor.id", index=True)
    value: int


class Suspect(SQLModel, table=True):
    """A factor the user declared they suspect, tested first (up to 3)."""

    __tablename__ = "suspect"
    __table_args__ = (
        CheckConstraint("(factor IS NULL) <> (own_factor_id IS NULL)", name="one_factor"),
        CheckConstraint(
            "factor IS NULL OR factor IN ("
            + ", ".join(f"'{code}'" for code in BUILT_IN_SUSPECTS)
            + ")",
            name="factor_known",
        ),
        CheckConstraint("lag IN (0, 1)", name="lag_range"),
        UniqueConstraint("factor", "own_factor_id", "lag", name="uq_suspect_factor_lag"),
    )

    id: int | None = Field(default=None, primary_key=True)
    factor: str | None = Field(default=None, max_length=16)
    own_factor_id: int | None = Field(default=None, foreign_key="own_factor.id", index=True)
    lag: int = 1
    declared_on: dt.date
    # None: declared while the diary had no days, so it covers every day; else the
    # declaration date, and it covers only days after it.
    covers_from: dt.date | None = None


class CustomExercise(SQLModel, table=True):
    """Exercise names the user added, remembered for the picker."""

    __tablename__ = "custom_exercise"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=60, unique=True)


class Setting(SQLModel, table=True):
    """Small key/value preferences that belong to the diary (e.g. the user's name)."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str
