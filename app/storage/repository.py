"""Reading and writing days. Functions take the open Connection keyword-only.

Reads go through SQLAlchemy Core and build DayEntry objects without
re-validating them (the file's CHECK constraints and the migration guard what
is in it): a 50-year diary must still load in a blink.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

import numpy as np
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


# -- columns for the analysis ---------------------------------------------------------


@dataclass(frozen=True)
class DayColumns:
    """Logged days as columns, oldest first: what the analysis reads of each day.

    Numbers are floats with NaN for "not recorded", so the analysis can work on
    whole columns at once instead of one `DayEntry` object per day (building
    those objects was a third of the time of the insights of a 10-year diary).
    """

    ordinal: np.ndarray  # int64, `date.toordinal()`
    pain: np.ndarray  # float, NaN when not recorded (likewise below)
    worst_pain: np.ndarray
    enjoyment_interference: np.ndarray
    activity_interference: np.ndarray
    sitting_minutes: np.ndarray
    active_minutes: np.ndarray
    #: Sum of the day's exercise minutes; NaN when no exercise has minutes.
    exercise_minutes: np.ndarray
    exertion: np.ndarray  # object: str or None
    posture: np.ndarray  # object: str or None
    sleep_hours: np.ndarray
    sleep_quality: np.ndarray
    flare: np.ndarray  # bool, ticked by the user
    red_flag: np.ndarray  # bool, any red flag ticked

    def __len__(self) -> int:
        return len(self.ordinal)

    def take(self, index: np.ndarray | slice) -> DayColumns:
        """The same columns for the days picked by `index` (a mask, indices or slice)."""
        return DayColumns(*(getattr(self, f.name)[index] for f in fields(self)))

    def dates(self) -> list[dt.date]:
        """The days' dates."""
        return [dt.date.fromordinal(int(o)) for o in self.ordinal]


#: The float columns of DayColumns that are plain `day` columns, in query order.
_FLOAT_COLUMNS = (
    "pain",
    "worst_pain",
    "enjoyment_interference",
    "activity_interference",
    "sitting_minutes",
    "active_minutes",
    "sleep_hours",
    "sleep_quality",
)
#: date.toordinal() of 1970-01-01, to turn numpy's day numbers into ordinals.
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _date_clause(start: dt.date | None, end: dt.date | None, column: str) -> tuple[str, list]:
    where, params = [], []
    if start is not None:
        where.append(f"{column} >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append(f"{column} <= ?")
        params.append(end.isoformat())
    return (f" WHERE {' AND '.join(where)}" if where else ""), params


def read_day_columns(
    *, connection: Connection, start: dt.date | None = None, end: dt.date | None = None
) -> DayColumns:
    """Days in [start, end] as columns, oldest first, in one query.

    Holds the same values as `read_days` for the fields the analysis uses;
    the lists are reduced in SQL to what it needs of them per day.
    """
    raw = connection.connection.driver_connection
    clause, params = _date_clause(start, end, "d.date")
    rows = raw.execute(
        f"SELECT d.date, {', '.join('d.' + c for c in _FLOAT_COLUMNS)},"
        " (SELECT SUM(e.minutes) FROM day_exercise e WHERE e.day_id = d.id),"
        " d.exertion, d.posture, d.flare,"
        " EXISTS (SELECT 1 FROM day_red_flag r WHERE r.day_id = d.id)"
        f" FROM day d{clause} ORDER BY d.date",
        params,
    ).fetchall()
    n = len(rows)
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(_FLOAT_COLUMNS) + 6)
    # ISO dates parse as datetime64 in C; its day count is shifted to ordinals.
    ordinal = np.array(columns[0], dtype="datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL
    # None becomes NaN when numpy builds a float array.
    floats = {
        name: np.array(columns[1 + i], dtype=float).reshape(n)
        for i, name in enumerate(_FLOAT_COLUMNS)
    }
    k = 1 + len(_FLOAT_COLUMNS)
    return DayColumns(
        ordinal=ordinal.reshape(n),
        exercise_minutes=np.array(columns[k], dtype=float).reshape(n),
        exertion=_objects(columns[k + 1]),
        posture=_objects(columns[k + 2]),
        flare=np.array(columns[k + 3], dtype=bool).reshape(n),
        red_flag=np.array(columns[k + 4], dtype=bool).reshape(n),
        **floats,
    )


def _objects(values: Sequence) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


@dataclass(frozen=True)
class ListTallies:
    """How often each thing on the days' lists was recorded, over a range of days.

    Counts are of days, as the period summary reports them.
    """

    #: The set of (region, side) pairs of a day -> number of days with exactly that set
    #: (days without a location are left out). Few distinct sets occur, so the
    #: analysis derives back, leg and sciatic-pattern days from these alone.
    location_sets: dict[tuple[tuple[str, str | None], ...], int]
    symptoms: dict[str, int]  # symptom -> days
    exercises: dict[str, tuple[int, int]]  # name -> (days done, minutes recorded in all)
    #: name -> (days taken, days with relief rated, sum of those ratings); a name
    #: given twice on one day counts once, with the relief given last.
    treatments: dict[str, tuple[int, int, int]]


def read_list_tallies(
    *, connection: Connection, start: dt.date | None = None, end: dt.date | None = None
) -> ListTallies:
    """Tallies of the lists of the days in [start, end], aggregated in SQL."""
    raw = connection.connection.driver_connection
    clause, params = _date_clause(start, end, "d.date")
    join = "JOIN day d ON d.id = c.day_id"
    # \x1f and \x1e cannot occur in codes: they separate side from region and pairs.
    sets = raw.execute(
        "SELECT pairs, COUNT(*) FROM (SELECT group_concat(pair, char(30)) AS pairs FROM"
        " (SELECT DISTINCT c.day_id, c.region || char(31) || coalesce(c.side, '') AS pair"
        f"  FROM day_location c {join}{clause}) GROUP BY day_id) GROUP BY pairs",
        params,
    ).fetchall()
    location_sets: dict[tuple[tuple[str, str | None], ...], int] = {}
    for joined, days in sets:
        # group_concat promises no order: sort, so one set has one key.
        pairs = sorted(tuple(p.split("\x1f")) for p in joined.split("\x1e"))
        key = tuple((region, side or None) for region, side in pairs)
        location_sets[key] = location_sets.get(key, 0) + days
    symptoms = raw.execute(
        f"SELECT c.symptom, COUNT(DISTINCT c.day_id) FROM day_symptom c {join}{clause}"
        " GROUP BY c.symptom",
        params,
    ).fetchall()
    exercises = raw.execute(
        "SELECT c.name, COUNT(DISTINCT c.day_id), SUM(coalesce(c.minutes, 0))"
        f" FROM day_exercise c {join}{clause} GROUP BY c.name",
        params,
    ).fetchall()
    # SQLite takes a bare column of a MAX() aggregate from the row holding the
    # maximum: the relief of the last row with this name on the day.
    treatments = raw.execute(
        "SELECT name, COUNT(*), COUNT(relief), coalesce(SUM(relief), 0) FROM"
        " (SELECT c.name AS name, c.relief AS relief, MAX(c.id)"
        f"  FROM day_treatment c {join}{clause} GROUP BY c.day_id, c.name) GROUP BY name",
        params,
    ).fetchall()
    return ListTallies(
        location_sets=location_sets,
        symptoms=dict(symptoms),
        exercises={name: (days, minutes) for name, days, minutes in exercises},
        treatments={name: (days, rated, total) for name, days, rated, total in treatments},
    )
