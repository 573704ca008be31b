"""Reading and writing check-ins (pain at a time of day) in plain SQL.

A check-in hangs off its day's row (created empty when the day has none), so
deleting a day deletes its check-ins, and a day's `write_day` leaves them be.
Plain sqlite3 on the transaction's own connection, like the day reads: the
check-ins of ten years load with the days in a blink.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.domain.checkin import CheckIn


def _where(
    start: dt.date | None, end: dt.date | None, dates: Sequence[dt.date] | None
) -> tuple[str, list[str]]:
    where, params = [], []
    if start is not None:
        where.append("d.date >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("d.date <= ?")
        params.append(end.isoformat())
    if dates is not None:
        where.append(f"d.date IN ({','.join('?' * len(dates))})")
        params += [d.isoformat() for d in dates]
    return (f" WHERE {' AND '.join(where)}" if where else ""), params


def read_checkin_fields(
    *,
    connection: sqlite3.Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    dates: Sequence[dt.date] | None = None,
) -> dict[dt.date, list[dict[str, Any]]]:
    """Check-ins of the days in [start, end] (or `dates`) as plain dicts, by date, by time."""
    clause, params = _where(start, end, dates)
    rows = connection.execute(
        "SELECT c.id, d.date, c.time, c.pain, c.doing, c.note FROM checkin c"
        f" JOIN day d ON d.id = c.day_id{clause} ORDER BY d.date, c.time",
        params,
    ).fetchall()
    if not rows:
        return {}
    ids = [row[0] for row in rows]
    locations: dict[int, list[dict[str, Any]]] = defaultdict(list)
    symptoms: dict[int, list[str]] = defaultdict(list)
    # Chunks stay under SQLite's limit on bound parameters.
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        marks = ",".join("?" * len(chunk))
        for checkin_id, region, side in connection.execute(
            f"SELECT checkin_id, region, side FROM checkin_location WHERE checkin_id IN ({marks})"
            " ORDER BY id",
            chunk,
        ):
            locations[checkin_id].append({"region": region, "side": side})
        for checkin_id, symptom in connection.execute(
            f"SELECT checkin_id, symptom FROM checkin_symptom WHERE checkin_id IN ({marks})"
            " ORDER BY id",
            chunk,
        ):
            symptoms[checkin_id].append(symptom)
    out: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for checkin_id, date, time, pain, doing, note in rows:
        day = dt.date.fromisoformat(date)
        out[day].append(
            {
                "date": day,
                "time": dt.time.fromisoformat(time),
                "pain": pain,
                "locations": locations.get(checkin_id, []),
                "symptoms": symptoms.get(checkin_id, []),
                "doing": doing,
                "note": note,
            }
        )
    return dict(out)


def read_checkins(
    *,
    connection: sqlite3.Connection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    dates: Sequence[dt.date] | None = None,
) -> dict[dt.date, list[CheckIn]]:
    """Check-ins of the days in [start, end] (or `dates`), by date, each day's by time."""
    found = read_checkin_fields(connection=connection, start=start, end=end, dates=dates)
    if not found:
        return {}  # Today asks on every start: no model (pydantic, 0.2 s) for no check-ins
    from app.domain.checkin import CheckIn
    from app.domain.entry import Location

    # The file's CHECK constraints vouch for the values; model_construct skips re-validation.
    return {
        date: [
            CheckIn.model_construct(
                **{**c, "locations": [Location.model_construct(**x) for x in c["locations"]]}
            )
            for c in items
        ]
        for date, items in found.items()
    }


def checkin_count(*, connection: sqlite3.Connection) -> int:
    """How many check-ins the diary holds."""
    return connection.execute("SELECT COUNT(*) FROM checkin").fetchone()[0]


# --- writes (the caller owns the write transaction) ------------------------------


def _day_id(connection: sqlite3.Connection, date: dt.date, *, create: bool) -> int | None:
    row = connection.execute("SELECT id FROM day WHERE date = ?", (date.isoformat(),)).fetchone()
    if row or not create:
        return row[0] if row else None
    # An empty day row: the day now exists, its pain derived from the check-ins.
    cursor = connection.execute(
        "INSERT INTO day (date, flare, updated_at) VALUES (?, 0, ?)",
        (date.isoformat(), _now()),
    )
    return cursor.lastrowid


def _now() -> str:
    # The format SQLAlchemy's DateTime writes, so `updated_at` reads the same either way.
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def find_checkin(connection: sqlite3.Connection, date: dt.date, time: dt.time) -> bool:
    """Whether the day has a check-in at this minute."""
    row = connection.execute(
        "SELECT 1 FROM checkin c JOIN day d ON d.id = c.day_id WHERE d.date = ? AND c.time = ?",
        (date.isoformat(), time.strftime("%H:%M")),
    ).fetchone()
    return row is not None


def write_checkin(checkin: CheckIn, *, connection: sqlite3.Connection) -> None:
    """Create the check-in, or replace the one at the same date and minute."""
    day_id = _day_id(connection, checkin.date, create=True)
    clock = checkin.time.strftime("%H:%M")
    connection.execute("DELETE FROM checkin WHERE day_id = ? AND time = ?", (day_id, clock))
    cursor = connection.execute(
        "INSERT INTO checkin (day_id, time, pain, doing, note, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (day_id, clock, checkin.pain, checkin.doing, checkin.note, _now()),
    )
    checkin_id = cursor.lastrowid
    connection.executemany(
        "INSERT INTO checkin_location (checkin_id, region, side) VALUES (?, ?, ?)",
        [(checkin_id, loc.region, loc.side) for loc in checkin.locations],
    )
    connection.executemany(
        "INSERT INTO checkin_symptom (checkin_id, symptom) VALUES (?, ?)",
        [(checkin_id, symptom) for symptom in checkin.symptoms],
    )


def delete_checkin(date: dt.date, time: dt.time, *, connection: sqlite3.Connection) -> bool:
    """Delete the check-in at this date and minute (its lists go with it); True if one was."""
    day_id = _day_id(connection, date, create=False)
    if day_id is None:
        return False
    cursor = connection.execute(
        "DELETE FROM checkin WHERE day_id = ? AND time = ?", (day_id, time.strftime("%H:%M"))
    )
    return cursor.rowcount > 0


def delete_day_checkins(date: dt.date, *, connection: sqlite3.Connection) -> int:
    """Delete every check-in of the day, keeping the day's row; returns how many went."""
    cursor = connection.execute(
        "DELETE FROM checkin WHERE day_id = (SELECT id FROM day WHERE date = ?)",
        (date.isoformat(),),
    )
    return cursor.rowcount
