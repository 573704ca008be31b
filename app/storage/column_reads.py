"""Reading the days as columns for the analysis, aggregated in SQL.

Ten years of days load as a few numpy arrays in one query, instead of 3,650
`DayEntry` objects (building those was a third of the time of the insights).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

import numpy as np

from app.domain.columns import DayColumns, ListTallies, OwnFactorColumn
from app.storage.repository import DERIVED_PAIN, DERIVED_WORST

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
    "stress",
)
_SQL_OF = {"pain": DERIVED_PAIN, "worst_pain": DERIVED_WORST}
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
    *, connection: sqlite3.Connection, start: dt.date | None = None, end: dt.date | None = None
) -> DayColumns:
    """Days in [start, end] as columns, oldest first, in one query.

    Holds the same values as `read_days` for the fields the analysis uses (with
    pain and worst pain derived from check-ins where not entered); the lists
    are reduced in SQL to what it needs of them per day.
    """
    raw = connection
    clause, params = _date_clause(start, end, "d.date")
    rows = raw.execute(
        f"SELECT d.date, {', '.join(_SQL_OF.get(c, 'd.' + c) for c in _FLOAT_COLUMNS)},"
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
    own = _own_factor_columns(raw, ordinal.reshape(n), clause, params)
    return DayColumns(
        ordinal=ordinal.reshape(n),
        exercise_minutes=np.array(columns[k], dtype=float).reshape(n),
        exertion=_objects(columns[k + 1]),
        posture=_objects(columns[k + 2]),
        flare=np.array(columns[k + 3], dtype=bool).reshape(n),
        red_flag=np.array(columns[k + 4], dtype=bool).reshape(n),
        own=own,
        **floats,
    )


def _own_factor_columns(
    raw: sqlite3.Connection, ordinal: np.ndarray, clause: str, params: list
) -> tuple[OwnFactorColumn, ...]:
    """Every own factor (archived ones flagged) as a column over the days of `ordinal`."""
    factors = raw.execute(
        "SELECT id, name, kind, threshold, archived FROM own_factor ORDER BY id"
    ).fetchall()
    if not factors:
        return ()
    values = {factor_id: np.full(len(ordinal), np.nan) for factor_id, *_ in factors}
    # One query for all factors; the days' dates place each value in its column.
    rows = raw.execute(
        f"SELECT d.date, v.factor_id, v.value FROM day_factor v JOIN day d ON d.id = v.day_id"
        f"{clause}",
        params,
    ).fetchall()
    if rows:
        dates, ids, found = zip(*rows, strict=True)
        where = np.searchsorted(
            ordinal, np.array(dates, dtype="datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL
        )
        for position, factor_id, value in zip(where.tolist(), ids, found, strict=True):
            values[factor_id][position] = value
    return tuple(
        OwnFactorColumn(name, kind, threshold, values[factor_id], bool(archived))
        for factor_id, name, kind, threshold, archived in factors
    )


def _objects(values: Sequence) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def read_list_tallies(
    *, connection: sqlite3.Connection, start: dt.date | None = None, end: dt.date | None = None
) -> ListTallies:
    """Tallies of the lists of the days in [start, end], aggregated in SQL."""
    raw = connection
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


def read_checkin_pain_by_doing(
    *, connection: sqlite3.Connection, start: dt.date | None = None, end: dt.date | None = None
) -> list[tuple[str | None, int, int]]:
    """(doing, check-ins, sum of their pain) per activity of the check-ins in [start, end].

    Check-ins without an activity come as one row with doing None (they count
    towards the period's check-ins, not towards any activity).
    """
    clause, params = _date_clause(start, end, "d.date")
    return connection.execute(
        "SELECT c.doing, COUNT(*), SUM(c.pain) FROM checkin c JOIN day d ON d.id = c.day_id"
        f"{clause} GROUP BY c.doing",
        params,
    ).fetchall()
