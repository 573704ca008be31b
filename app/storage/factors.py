"""Own factors and suspects: plain SQL on the sqlite3 connection (reads and writes).

Writes run on the sqlite3 connection under the caller's write transaction
(`raw(connection)` inside `Diary._write`), as check-ins do.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from app.domain.own_factors import OwnFactor, Suspect, factor_key


def read_own_factors(
    *, connection: sqlite3.Connection, include_archived: bool = True
) -> list[OwnFactor]:
    """The diary's own factors in the order they were added, with how many days hold each."""
    where = "" if include_archived else " WHERE f.archived = 0"
    rows = connection.execute(
        "SELECT f.name, f.kind, f.threshold, f.archived, f.created_on,"
        " (SELECT COUNT(*) FROM day_factor v WHERE v.factor_id = f.id)"
        f" FROM own_factor f{where} ORDER BY f.id"
    ).fetchall()
    return [
        OwnFactor(name, kind, threshold, bool(archived), dt.date.fromisoformat(created), days)
        for name, kind, threshold, archived, created, days in rows
    ]


def factors_by_key(connection: sqlite3.Connection) -> dict[str, OwnFactor]:
    """Every own factor (archived too) by its comparison key."""
    return {f.key: f for f in read_own_factors(connection=connection)}


def factor_id(connection: sqlite3.Connection, name: str) -> int | None:
    """The row id of the own factor named `name` (any case), or None."""
    row = connection.execute(
        "SELECT id FROM own_factor WHERE name_key = ?", (factor_key(name),)
    ).fetchone()
    return row[0] if row else None


def add_own_factor(connection: sqlite3.Connection, factor: OwnFactor) -> None:
    """Insert a factor (the caller checked name, kind, threshold and the limit)."""
    connection.execute(
        "INSERT INTO own_factor (name, name_key, kind, threshold, archived, created_on)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            factor.name,
            factor.key,
            factor.kind,
            factor.threshold,
            int(factor.archived),
            (factor.created_on or dt.date.today()).isoformat(),
        ),
    )


def update_own_factor(
    connection: sqlite3.Connection,
    old_name: str,
    *,
    name: str | None = None,
    archived: bool | None = None,
) -> None:
    """Rename and/or (un)archive the factor `old_name`; its values stay (they hang off its id)."""
    if name is not None:
        connection.execute(
            "UPDATE own_factor SET name = ?, name_key = ? WHERE name_key = ?",
            (name, factor_key(name), factor_key(old_name)),
        )
        old_name = name
    if archived is not None:
        connection.execute(
            "UPDATE own_factor SET archived = ? WHERE name_key = ?",
            (int(archived), factor_key(old_name)),
        )


def read_suspects(*, connection: sqlite3.Connection) -> list[Suspect]:
    """The declared suspects, in the order they were declared."""
    rows = connection.execute(
        "SELECT coalesce(s.factor, f.name), s.own_factor_id IS NOT NULL, s.lag,"
        " s.declared_on, s.covers_from"
        " FROM suspect s LEFT JOIN own_factor f ON f.id = s.own_factor_id ORDER BY s.id"
    ).fetchall()
    return [
        Suspect(
            factor,
            lag,
            dt.date.fromisoformat(declared),
            dt.date.fromisoformat(covers) if covers else None,
            own=bool(own),
        )
        for factor, own, lag, declared, covers in rows
    ]


def add_suspect(connection: sqlite3.Connection, suspect: Suspect) -> None:
    """Insert a suspect (the caller checked the factor, lag and the limit)."""
    own_id = factor_id(connection, suspect.factor) if suspect.own else None
    connection.execute(
        "INSERT INTO suspect (factor, own_factor_id, lag, declared_on, covers_from)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            None if suspect.own else suspect.factor,
            own_id,
            suspect.lag,
            suspect.declared_on.isoformat(),
            suspect.covers_from.isoformat() if suspect.covers_from else None,
        ),
    )


def remove_suspects(connection: sqlite3.Connection, suspects: list[Suspect]) -> None:
    """Delete these suspects (as read by `read_suspects`)."""
    for suspect in suspects:
        if suspect.own:
            connection.execute(
                "DELETE FROM suspect WHERE lag = ? AND own_factor_id ="
                " (SELECT id FROM own_factor WHERE name_key = ?)",
                (suspect.lag, factor_key(suspect.factor)),
            )
        else:
            connection.execute(
                "DELETE FROM suspect WHERE factor = ? AND lag = ?", (suspect.factor, suspect.lag)
            )
