"""Reading and writing days. Functions take the open Connection keyword-only.

Reads go through SQLAlchemy Core and build DayEntry objects without
re-validating them (the file's CHECK constraints and the migration guard what
is in it): a 50-year diary must still load in a blink.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, func, insert, select

from app.domain.entry import DayEntry, ExerciseDone, Location, TreatmentTaken
from app.domain.tables import (
    CustomExercise,
    Day,
    DayExercise,
    DayLocation,
    DayRedFlag,
    DaySymptom,
    DayTreatment,
    Setting,
)

DAY = Day.__table__
LOCATION = DayLocation.__table__
SYMPTOM = DaySymptom.__table__
EXERCISE = DayExercise.__table__
TREATMENT = DayTreatment.__table__
RED_FLAG = DayRedFlag.__table__
CUSTOM_EXERCISE = CustomExercise.__table__
SETTING = Setting.__table__

_SCALARS = (
    "pain",
    "worst_pain",
    "enjoyment_interference",
    "activity_interference",
    "sitting_minutes",
    "standing_minutes",
    "active_minutes",
    "exertion",
    "exertion_note",
    "posture",
    "sleep_hours",
    "sleep_quality",
    "flare",
    "note",
)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def write_day(entry: DayEntry, *, connection: Connection) -> None:
    """Create or replace the day's row and its lists (caller owns the transaction)."""
    values = {name: getattr(entry, name) for name in _SCALARS}
    values["updated_at"] = _utcnow()
    day_id = connection.execute(select(DAY.c.id).where(DAY.c.date == entry.date)).scalar()
    if day_id is None:
        day_id = connection.execute(
            insert(DAY).values(date=entry.date, **values).returning(DAY.c.id)
        ).scalar_one()
    else:
        connection.execute(DAY.update().where(DAY.c.id == day_id).values(**values))
        for table in (LOCATION, SYMPTOM, EXERCISE, TREATMENT, RED_FLAG):
            connection.execute(delete(table).where(table.c.day_id == day_id))
    _insert_many(
        connection,
        LOCATION,
        [{"day_id": day_id, "region": loc.region, "side": loc.side} for loc in entry.locations],
    )
    _insert_many(connection, SYMPTOM, [{"day_id": day_id, "symptom": s} for s in entry.symptoms])
    _insert_many(
        connection,
        EXERCISE,
        [{"day_id": day_id, "name": ex.name, "minutes": ex.minutes} for ex in entry.exercises],
    )
    _insert_many(
        connection,
        TREATMENT,
        [
            {"day_id": day_id, "name": t.name, "dose": t.dose, "relief": t.relief}
            for t in entry.treatments
        ],
    )
    _insert_many(connection, RED_FLAG, [{"day_id": day_id, "code": c} for c in entry.red_flags])
    remember_exercises(entry.custom_exercise_names(), connection=connection)


def _insert_many(connection: Connection, table, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    if rows:
        connection.execute(insert(table), rows)


def remember_exercises(names: Iterable[str], *, connection: Connection) -> None:
    """Add the user's own exercise names to the picker's list (once each)."""
    known = set(custom_exercises(connection=connection))
    new = sorted({name for name in names} - known)
    _insert_many(connection, CUSTOM_EXERCISE, [{"name": name} for name in new])


def custom_exercises(*, connection: Connection) -> list[str]:
    """The user's own exercise names, alphabetically."""
    rows = connection.execute(select(CUSTOM_EXERCISE.c.name).order_by(CUSTOM_EXERCISE.c.name))
    return [name for (name,) in rows]


def delete_day(date: dt.date, *, connection: Connection) -> bool:
    """Delete a day (its lists go with it through ON DELETE CASCADE)."""
    return connection.execute(delete(DAY).where(DAY.c.date == date)).rowcount > 0


def read_days(
    *,
    connection: Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    dates: Sequence[dt.date] | None = None,
) -> list[DayEntry]:
    """Days in [start, end] (or exactly `dates`), oldest first, with their lists."""
    query = select(DAY.c.id, DAY.c.date, *(DAY.c[name] for name in _SCALARS)).order_by(DAY.c.date)
    if start is not None:
        query = query.where(DAY.c.date >= start)
    if end is not None:
        query = query.where(DAY.c.date <= end)
    if dates is not None:
        query = query.where(DAY.c.date.in_(list(dates)))
    rows = connection.execute(query).all()
    if not rows:
        return []
    first, last = rows[0].date, rows[-1].date

    def children(table, *columns):  # type: ignore[no-untyped-def]
        # One query per list table over the same date span, grouped in Python:
        # far cheaper than a query per day.
        grouped: dict[int, list] = defaultdict(list)
        child = (
            select(table.c.day_id, *(table.c[c] for c in columns))
            .join(DAY, DAY.c.id == table.c.day_id)
            .where(DAY.c.date.between(first, last))
            .order_by(table.c.id)
        )
        for row in connection.execute(child):
            grouped[row[0]].append(row[1:])
        return grouped

    locations = children(LOCATION, "region", "side")
    symptoms = children(SYMPTOM, "symptom")
    exercises = children(EXERCISE, "name", "minutes")
    treatments = children(TREATMENT, "name", "dose", "relief")
    red_flags = children(RED_FLAG, "code")

    location_of, exercise_of, treatment_of = (
        _trusted_builder(Location),
        _trusted_builder(ExerciseDone),
        _trusted_builder(TreatmentTaken),
    )
    day_of = _trusted_builder(DayEntry)
    days = []
    for row in rows:
        fields = dict(zip(("date", *_SCALARS), row[1:], strict=True))
        fields["flare"] = bool(fields["flare"])
        day_id = row.id
        fields["locations"] = [
            location_of({"region": r, "side": s}) for r, s in locations.get(day_id, ())
        ]
        fields["symptoms"] = [s for (s,) in symptoms.get(day_id, ())]
        fields["exercises"] = [
            exercise_of({"name": n, "minutes": m}) for n, m in exercises.get(day_id, ())
        ]
        fields["treatments"] = [
            treatment_of({"name": n, "dose": d, "relief": r})
            for n, d, r in treatments.get(day_id, ())
        ]
        fields["red_flags"] = [c for (c,) in red_flags.get(day_id, ())]
        days.append(day_of(fields))
    return days


def _trusted_builder(cls):  # type: ignore[no-untyped-def]
    """A constructor for rows the database already vouches for.

    Every field is present and was validated on the way in (and is held to it by
    CHECK constraints), so this skips even `model_construct`, which is most of
    the time of loading a 10-year diary.
    """
    new, set_attr = cls.__new__, object.__setattr__

    def build(fields: dict):  # type: ignore[no-untyped-def]
        obj = new(cls)
        set_attr(obj, "__dict__", fields)
        set_attr(obj, "__pydantic_fields_set__", set(fields))
        set_attr(obj, "__pydantic_extra__", None)
        set_attr(obj, "__pydantic_private__", None)
        return obj

    return build


def logged_dates(*, connection: Connection) -> list[dt.date]:
    """Every logged date, oldest first."""
    return list(connection.execute(select(DAY.c.date).order_by(DAY.c.date)).scalars())


def day_count(*, connection: Connection) -> int:
    """How many days the diary holds."""
    return connection.execute(select(func.count()).select_from(DAY)).scalar_one()


def previous_date(before: dt.date, *, connection: Connection) -> dt.date | None:
    """The latest logged date strictly before `before`."""
    query = select(DAY.c.date).where(DAY.c.date < before).order_by(DAY.c.date.desc()).limit(1)
    return connection.execute(query).scalar()


def get_setting(key: str, *, connection: Connection) -> str | None:
    return connection.execute(select(SETTING.c.value).where(SETTING.c.key == key)).scalar()


def all_settings(*, connection: Connection) -> dict[str, str]:
    return dict(connection.execute(select(SETTING.c.key, SETTING.c.value)).all())


def set_setting(key: str, value: str | None, *, connection: Connection) -> None:
    connection.execute(delete(SETTING).where(SETTING.c.key == key))
    if value is not None:
        connection.execute(insert(SETTING).values(key=key, value=value))
