"""Reading days and settings: plain SQL on the sqlite3 connection.

No SQLAlchemy here: opening a diary and reading it must stay cheap (start-up
is measured against a bare KivyMD app). Rows become DayEntry objects without
re-validation (the file's CHECK constraints and the migration guard what is in
it): a 50-year diary must still load in a blink. Writes are in `writes.py`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.domain.fields import DAY_FIELDS

if TYPE_CHECKING:
    from app.domain.entry import DayEntry

#: The `day` columns that DayEntry holds as they are (besides the date).
SCALARS = (
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
    "stress",
)

#: The day's average and worst pain as the analysis and lists use them: entered,
#: else derived from the day's check-ins by `app.domain.checkin.day_pain`'s rule
#: (a test holds them together): the mean, and the highest but never below the average.
DERIVED_PAIN = "coalesce(d.pain, (SELECT AVG(c.pain) FROM checkin c WHERE c.day_id = d.id))"
DERIVED_WORST = (
    "coalesce(d.worst_pain, (SELECT max(MAX(c.pain), coalesce(d.pain, AVG(c.pain)))"
    " FROM checkin c WHERE c.day_id = d.id))"
)


def custom_exercises(*, connection: sqlite3.Connection) -> list[str]:
    """The user's own exercise names, alphabetically."""
    rows = connection.execute("SELECT name FROM custom_exercise ORDER BY name")
    return [name for (name,) in rows]


def read_day_fields(
    *,
    connection: sqlite3.Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    dates: Sequence[dt.date] | None = None,
) -> list[dict[str, Any]]:
    """Days in [start, end] (or exactly `dates`) as plain dicts, oldest first.

    The shape of `DayEntry.model_dump()`, built without pydantic: what a form
    shows, at start-up, before anything else needs the model.
    """
    # Plain SQL on the transaction's own sqlite3 connection: SQLAlchemy's
    # per-row result machinery was half the time of loading ten years.
    raw = connection
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
        f"SELECT id, date, {', '.join(SCALARS)} FROM day{clause} ORDER BY date", params
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
    factors = children(
        "day_factor",
        "(SELECT f.name FROM own_factor f WHERE f.id = c.factor_id), c.value,"
        " (SELECT f.kind = 'yesno' FROM own_factor f WHERE f.id = c.factor_id)",
    )

    names = ("date", *SCALARS)
    empty: tuple = ()
    days = []
    for row in rows:
        day_id = row[0]
        fields = dict(zip(names, row[1:], strict=True))
        fields["date"] = dt.date.fromisoformat(fields["date"])
        fields["flare"] = bool(fields["flare"])
        fields["locations"] = [
            {"region": r, "side": side} for r, side in locations.get(day_id, empty)
        ]
        fields["symptoms"] = [x for (x,) in symptoms.get(day_id, empty)]
        fields["exercises"] = [{"name": n, "minutes": m} for n, m in exercises.get(day_id, empty)]
        fields["treatments"] = [
            {"name": n, "dose": d, "relief": r} for n, d, r in treatments.get(day_id, empty)
        ]
        fields["red_flags"] = [x for (x,) in red_flags.get(day_id, empty)]
        # Yes/no factors as True/False, as a validated day holds them.
        fields["factors"] = {
            name: bool(value) if yesno else value
            for name, value, yesno in factors.get(day_id, empty)
        }
        # Field order as declared, so dumps and JSON read the same as a validated day.
        days.append({name: fields[name] for name in DAY_FIELDS})
    return days


def read_days(
    *,
    connection: sqlite3.Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    dates: Sequence[dt.date] | None = None,
) -> list[DayEntry]:
    """Days in [start, end] (or exactly `dates`), oldest first, with their lists."""
    from app.domain.entry import DayEntry, ExerciseDone, Location, TreatmentTaken

    location_of, exercise_of, treatment_of = (
        _trusted_builder(Location),
        _trusted_builder(ExerciseDone),
        _trusted_builder(TreatmentTaken),
    )
    day_of = _trusted_builder(DayEntry)
    days = read_day_fields(connection=connection, start=start, end=end, dates=dates)
    for fields in days:
        fields["locations"] = [location_of(x) for x in fields["locations"]]
        fields["exercises"] = [exercise_of(x) for x in fields["exercises"]]
        fields["treatments"] = [treatment_of(x) for x in fields["treatments"]]
    return [day_of(fields) for fields in days]


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


def logged_dates(*, connection: sqlite3.Connection) -> list[dt.date]:
    """Every logged date, oldest first."""
    rows = connection.execute("SELECT date FROM day ORDER BY date")
    return [dt.date.fromisoformat(date) for (date,) in rows]


def day_count(
    *, connection: sqlite3.Connection, start: dt.date | None = None, end: dt.date | None = None
) -> int:
    """How many days the diary holds in [start, end] (the date index answers it)."""
    low = start.isoformat() if start else "0000-01-01"
    high = end.isoformat() if end else "9999-12-31"
    query = "SELECT COUNT(*) FROM day WHERE date BETWEEN ? AND ?"
    return connection.execute(query, (low, high)).fetchone()[0]


def previous_date(before: dt.date, *, connection: sqlite3.Connection) -> dt.date | None:
    """The latest logged date strictly before `before`."""
    row = connection.execute(
        "SELECT date FROM day WHERE date < ? ORDER BY date DESC LIMIT 1", (before.isoformat(),)
    ).fetchone()
    return dt.date.fromisoformat(row[0]) if row else None


def get_setting(key: str, *, connection: sqlite3.Connection) -> str | None:
    row = connection.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def all_settings(*, connection: sqlite3.Connection) -> dict[str, str]:
    return dict(connection.execute("SELECT key, value FROM setting").fetchall())


@dataclass(frozen=True)
class DaySummary:
    """What a list of days shows per day, without loading the whole day."""

    date: dt.date
    #: Entered, or the mean of the day's check-ins (see `pain_source`).
    pain: float | None
    flare: bool
    sitting_minutes: int | None
    sleep_hours: float | None
    regions: tuple[str, ...]
    has_red_flag: bool
    #: (region, side or None) in the order entered: what a list row names.
    locations: tuple[tuple[str, str | None], ...] = ()
    #: A flare day by the diary's rule (ticked, or 2 above the usual), as
    #: insights, charts and the report count it; filled in by `Diary.summaries`.
    flare_day: bool = False
    #: "entered", "checkins" (pain derived from them) or None (no pain recorded).
    pain_source: str | None = None
    #: How many check-ins the day holds.
    checkins: int = 0
    #: Stress 0-10 (None: not recorded) and how many own-factor values the day holds.
    stress: int | None = None
    factors: int = 0


def day_summaries(
    *,
    connection: sqlite3.Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    newest: int | None = None,
) -> list[DaySummary]:
    """Summaries of the days in [start, end], oldest first, in one query.

    With `newest`, only the latest `newest` days of that range: the History list
    pages backwards with `end` = the day before the oldest one it shows, so each
    page costs the same however long the diary is (the date column is indexed).
    """
    where, params = [], []
    if start is not None:
        where.append("d.date >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("d.date <= ?")
        params.append(end.isoformat())
    sql = (
        f"SELECT d.date, {DERIVED_PAIN}, d.flare, d.sitting_minutes, d.sleep_hours,"
        " (SELECT group_concat(l.region || ':' || coalesce(l.side, ''), ',') FROM"
        "   (SELECT region, side FROM day_location WHERE day_id = d.id ORDER BY id) AS l),"
        " EXISTS (SELECT 1 FROM day_red_flag r WHERE r.day_id = d.id),"
        " d.pain IS NOT NULL, (SELECT COUNT(*) FROM checkin c WHERE c.day_id = d.id),"
        " d.stress, (SELECT COUNT(*) FROM day_factor f WHERE f.day_id = d.id)"
        " FROM day d"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    if newest is not None:
        # Newest first so LIMIT keeps the latest days; turned back round below.
        sql += " ORDER BY d.date DESC LIMIT ?"
        params.append(max(newest, 0))
    else:
        sql += " ORDER BY d.date"
    rows = connection.execute(sql, params).fetchall()
    if newest is not None:
        rows.reverse()
    out = []
    for date, pain, flare, sitting, sleep, places, red, entered, checkins, stress, factors in rows:
        locations = tuple(
            (region, side or None)
            for region, _, side in (p.partition(":") for p in (places or "").split(",") if p)
        )
        out.append(
            DaySummary(
                dt.date.fromisoformat(date),
                pain,
                bool(flare),
                sitting,
                sleep,
                tuple(dict.fromkeys(region for region, _ in locations)),
                bool(red),
                locations,
                pain_source="entered" if entered else ("checkins" if checkins else None),
                checkins=checkins,
                stress=stress,
                factors=factors,
            )
        )
    return out


@dataclass(frozen=True)
class DaySpan:
    """How many days are logged and the first and last of them (None when empty)."""

    count: int
    first: dt.date | None
    last: dt.date | None


def day_span(*, connection: sqlite3.Connection) -> DaySpan:
    """Count, first and last logged date in one round trip.

    Separate sub-selects, because SQLite answers a lone MIN or MAX from the date
    index in one step but scans the table when they share a SELECT with COUNT.
    """
    count, first, last = connection.execute(
        "SELECT (SELECT count(*) FROM day), (SELECT min(date) FROM day),"
        " (SELECT max(date) FROM day)"
    ).fetchone()
    return DaySpan(
        count,
        dt.date.fromisoformat(first) if first else None,
        dt.date.fromisoformat(last) if last else None,
    )
