"""Reading and writing days. Functions take the open Connection keyword-only.

Reads go through SQLAlchemy Core and build DayEntry objects without
re-validating them (the file's CHECK constraints and the migration guard what
is in it): a 50-year diary must still load in a blink.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
    # Plain SQL on the transaction's own sqlite3 connection: SQLAlchemy's
    # per-row result machinery was half the time of loading ten years.
    raw = connection.connection.driver_connection
    where, params = [], []
    if start is not None:
        where.append("date >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("date <= ?")
        params.append(end.isoformat())
    if dates is not None:
        wanted = [d.isoformat() for d in dates]
        where.append(f"date IN ({','.join('?' * len(wanted))})")
        params += wanted
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = raw.execute(
        f"SELECT id, date, {', '.join(_SCALARS)} FROM day{clause} ORDER BY date", params
    ).fetchall()
    if not rows:
        return []
    span = (rows[0][1], rows[-1][1])

    def children(table: str, columns: str) -> dict[int, list[tuple]]:
        # One query per list table over the same date span, grouped in Python:
        # far cheaper than a query per day.
        grouped: dict[int, list[tuple]] = defaultdict(list)
        if where:
            query = (
                f"SELECT c.day_id, {columns} FROM {table} c JOIN day d ON d.id = c.day_id"
                " WHERE d.date BETWEEN ? AND ? ORDER BY c.id"
            )
            found = raw.execute(query, span)
        else:  # the whole diary: no join needed
            found = raw.execute(f"SELECT c.day_id, {columns} FROM {table} c ORDER BY c.id")
        for row in found:
            grouped[row[0]].append(row[1:])
        return grouped

    locations = children("day_location", "c.region, c.side")
    symptoms = children("day_symptom", "c.symptom")
    exercises = children("day_exercise", "c.name, c.minutes")
    treatments = children("day_treatment", "c.name, c.dose, c.relief")
    red_flags = children("day_red_flag", "c.code")

    location_of, exercise_of, treatment_of = (
        _trusted_builder(Location),
        _trusted_builder(ExerciseDone),
        _trusted_builder(TreatmentTaken),
    )
    day_of = _trusted_builder(DayEntry)
    names = ("date", *_SCALARS)
    order = tuple(DayEntry.model_fields)
    empty: tuple = ()
    days = []
    for row in rows:
        day_id = row[0]
        fields = dict(zip(names, row[1:], strict=True))
        fields["date"] = dt.date.fromisoformat(fields["date"])
        fields["flare"] = bool(fields["flare"])
        fields["locations"] = [
            location_of({"region": r, "side": side}) for r, side in locations.get(day_id, empty)
        ]
        fields["symptoms"] = [x for (x,) in symptoms.get(day_id, empty)]
        fields["exercises"] = [
            exercise_of({"name": n, "minutes": m}) for n, m in exercises.get(day_id, empty)
        ]
        fields["treatments"] = [
            treatment_of({"name": n, "dose": d, "relief": r})
            for n, d, r in treatments.get(day_id, empty)
        ]
        fields["red_flags"] = [x for (x,) in red_flags.get(day_id, empty)]
        # Field order as declared, so dumps and JSON read the same as a validated day.
        days.append(day_of({name: fields[name] for name in order}))
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


@dataclass(frozen=True)
class DaySummary:
    """What a list of days shows per day, without loading the whole day."""

    date: dt.date
    pain: int | None
    flare: bool
    sitting_minutes: int | None
    sleep_hours: float | None
    regions: tuple[str, ...]
    has_red_flag: bool


def day_summaries(*, connection: Connection) -> list[DaySummary]:
    """Every logged day's summary, oldest first, in one query."""
    raw = connection.connection.driver_connection
    rows = raw.execute(
        "SELECT d.date, d.pain, d.flare, d.sitting_minutes, d.sleep_hours,"
        " (SELECT group_concat(l.region, ',') FROM"
        "   (SELECT region FROM day_location WHERE day_id = d.id ORDER BY id) AS l),"
        " EXISTS (SELECT 1 FROM day_red_flag r WHERE r.day_id = d.id)"
        " FROM day d ORDER BY d.date"
    ).fetchall()
    return [
        DaySummary(
            dt.date.fromisoformat(date),
            pain,
            bool(flare),
            sitting,
            sleep,
            tuple(dict.fromkeys(regions.split(","))) if regions else (),
            bool(red),
        )
        for date, pain, flare, sitting, sleep, regions, red in rows
    ]
