"""Writing days and settings: SQLAlchemy Core on the SQLModel tables.

Imported on the first write only: a diary that is just being read (the app's
start, History, Trends) never loads SQLAlchemy. The caller owns the
transaction (`Diary._write`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, delete, insert, select

from app.domain.entry import DayEntry
from app.domain.own_factors import factor_key
from app.domain.tables import (
    CustomExercise,
    Day,
    DayExercise,
    DayFactor,
    DayLocation,
    DayRedFlag,
    DaySymptom,
    DayTreatment,
    Setting,
)
from app.storage.repository import SCALARS, custom_exercises

DAY = Day.__table__
LOCATION = DayLocation.__table__
SYMPTOM = DaySymptom.__table__
EXERCISE = DayExercise.__table__
TREATMENT = DayTreatment.__table__
RED_FLAG = DayRedFlag.__table__
FACTOR = DayFactor.__table__
CUSTOM_EXERCISE = CustomExercise.__table__
SETTING = Setting.__table__


#: Statements built once: SQLAlchemy then reuses their compiled form, where a
#: statement built per save spent most of a save's time on cache keys.
_DAY_ID = select(DAY.c.id).where(DAY.c.date == bindparam("p_date"))
_INSERT_DAY = insert(DAY).returning(DAY.c.id)
_UPDATE_DAY = DAY.update().where(DAY.c.id == bindparam("p_id"))
_LISTS = (LOCATION, SYMPTOM, EXERCISE, TREATMENT, RED_FLAG, FACTOR)
_DELETE_LISTS = [delete(t).where(t.c.day_id == bindparam("p_id")) for t in _LISTS]
_INSERTS = {t: insert(t) for t in (*_LISTS, CUSTOM_EXERCISE)}


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def write_day(entry: DayEntry, *, connection: Connection) -> None:
    """Create or replace the day's row and its lists (caller owns the transaction)."""
    values = {name: getattr(entry, name) for name in SCALARS}
    values["updated_at"] = _utcnow()
    day_id = connection.execute(_DAY_ID, {"p_date": entry.date}).scalar()
    if day_id is None:
        day_id = connection.execute(_INSERT_DAY, {"date": entry.date, **values}).scalar_one()
    else:
        connection.execute(_UPDATE_DAY, {"p_id": day_id, **values})
        for statement in _DELETE_LISTS:
            connection.execute(statement, {"p_id": day_id})
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
    if entry.factors:
        # Names were checked against the diary's factors by the service (Diary).
        ids = dict(
            connection.connection.driver_connection.execute(
                "SELECT name_key, id FROM own_factor"
            ).fetchall()
        )
        rows = []
        for name, value in entry.factors.items():
            factor_id = ids.get(factor_key(name))
            if factor_id is None:
                raise ValueError(f"factors.{name}: is not one of your factors")
            rows.append({"day_id": day_id, "factor_id": factor_id, "value": int(value)})
        _insert_many(connection, FACTOR, rows)
    remember_exercises(entry.custom_exercise_names(), connection=connection)


def _insert_many(connection: Connection, table, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    if rows:
        connection.execute(_INSERTS[table], rows)


def remember_exercises(names: Iterable[str], *, connection: Connection) -> None:
    """Add the user's own exercise names to the picker's list (once each)."""
    names = set(names)
    if not names:
        return
    known = set(custom_exercises(connection=connection.connection.driver_connection))
    _insert_many(connection, CUSTOM_EXERCISE, [{"name": name} for name in sorted(names - known)])


def delete_day(date: dt.date, *, connection: Connection) -> bool:
    """Delete a day (its lists go with it through ON DELETE CASCADE)."""
    return connection.execute(delete(DAY).where(DAY.c.date == date)).rowcount > 0


def set_setting(key: str, value: str | None, *, connection: Connection) -> None:
    connection.execute(delete(SETTING).where(SETTING.c.key == key))
    if value is not None:
        connection.execute(insert(SETTING).values(key=key, value=value))
