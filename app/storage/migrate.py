"""Bring a diary file's schema to the newest revision, every time it is opened.

Alembic is imported only when the file is behind: a current diary opens
without paying for it (start-up time is measured).
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from app.storage.database import DiaryFileError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

#: The newest migration; a test proves it equals Alembic's head.
SCHEMA_HEAD = "0003"
#: Tables every diary has; a SQLite file with other tables is someone else's.
DIARY_TABLES = frozenset({"day", "setting"})
#: The tables and columns of a diary at SCHEMA_HEAD; a test proves they equal the
#: models'. A file at our revision without them is someone else's look-alike.
HEAD_COLUMNS: dict[str, frozenset[str]] = {
    "day": frozenset(
        {
            "id",
            "date",
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
            "updated_at",
            "stress",
        }
    ),
    "day_location": frozenset({"id", "day_id", "region", "side"}),
    "day_symptom": frozenset({"id", "day_id", "symptom"}),
    "day_exercise": frozenset({"id", "day_id", "name", "minutes"}),
    "day_treatment": frozenset({"id", "day_id", "name", "dose", "relief"}),
    "day_red_flag": frozenset({"id", "day_id", "code"}),
    "checkin": frozenset({"id", "day_id", "time", "pain", "doing", "note", "updated_at"}),
    "checkin_location": frozenset({"id", "checkin_id", "region", "side"}),
    "checkin_symptom": frozenset({"id", "checkin_id", "symptom"}),
    "own_factor": frozenset(
        {"id", "name", "name_key", "kind", "threshold", "archived", "created_on"}
    ),
    "day_factor": frozenset({"id", "day_id", "factor_id", "value"}),
    "suspect": frozenset({"id", "factor", "own_factor_id", "lag", "declared_on", "covers_from"}),
    "custom_exercise": frozenset({"id", "name"}),
    "setting": frozenset({"key", "value"}),
}


#: Tables each revision after 0001 added: a diary at an older revision has not got them
#: yet, but must have every other table of HEAD_COLUMNS (a later revision that changes
#: an older table's columns says so here too).
ADDED_IN: dict[str, frozenset[str]] = {
    "0002": frozenset({"checkin", "checkin_location", "checkin_symptom"}),
    "0003": frozenset({"own_factor", "day_factor", "suspect"}),
}
#: Columns each revision added to a table an older revision already had.
ADDED_COLUMNS: dict[str, dict[str, frozenset[str]]] = {
    "0003": {"day": frozenset({"stress"})},
}


def expected_columns(revision: str) -> dict[str, frozenset[str]]:
    """The tables and columns a diary at `revision` (ours, zero-padded) must have."""
    later = set().union(*(tables for rev, tables in ADDED_IN.items() if rev > revision))
    out = {table: cols for table, cols in HEAD_COLUMNS.items() if table not in later}
    for rev, tables in ADDED_COLUMNS.items():
        if rev > revision:
            for table, columns in tables.items():
                out[table] = out[table] - columns
    return out


def migrations_dir() -> Path:
    """The Alembic scripts: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parents[1]
    for candidate in (here / "migrations", here.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("the diary's migration scripts are missing from this installation")


def stored_revision(connection: sqlite3.Connection) -> str | None:
    """The revision in the file, read with plain SQL; None if it has no version table.

    Opening a current diary asks only this, so it never imports SQLAlchemy or Alembic.
    """
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not found:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def known_revisions() -> set[str]:
    """Every revision our migration scripts know (imports Alembic: only when needed)."""
    from alembic.script import ScriptDirectory

    return {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }


def check_schema(connection: sqlite3.Connection) -> None:
    """Refuse, reading only, a file whose schema we cannot open or upgrade.

    Runs before anything is written, so a refused file stays byte-identical.
    Messages leave the file name out: the caller puts it in front.
    """
    rows = connection.execute("SELECT version_num FROM alembic_version LIMIT 2").fetchall()
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        raise DiaryFileError(
            "has no valid schema version (its alembic_version table should hold one "
            "revision): it is damaged or not a Pain Diary"
        )
    revision = rows[0][0]
    if revision != SCHEMA_HEAD and revision not in known_revisions():
        raise DiaryFileError(
            f"was written by a newer version of Pain Diary (schema {revision[:40]}); "
            "update the app to open it"
        )
    # A look-alike at one of our revisions must not be upgraded (written to).
    for table, columns in expected_columns(revision).items():
        found = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if not columns <= found:
            raise DiaryFileError(
                f"is a SQLite database, but not a Pain Diary (its {table} table "
                "does not have the diary's columns)"
            )


def current_revision(connection: Connection) -> str | None:
    """The schema revision stored in the file, or None for a fresh file."""
    from sqlalchemy import inspect, text

    tables = set(inspect(connection).get_table_names())
    if not tables:
        return None
    if "alembic_version" not in tables or not tables >= DIARY_TABLES:
        raise DiaryFileError("is a SQLite database, but not a Pain Diary")
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is None:
        # Alembic writes the row with the tables; without it the schema is unknown,
        # and migrating "from nothing" would fail on the tables already there.
        raise DiaryFileError(
            "has an empty schema version table (alembic_version), so the version of its "
            "schema is unknown; it was left as it was"
        )
    return revision


def alembic_config(connection: Connection | None = None):  # type: ignore[no-untyped-def]
    """Alembic Config on the bundled scripts, optionally bound to `connection`."""
    from alembic.config import Config

    # Alembic binds sys.stdout at import time; the app has nothing to print anyway.
    config = Config(stdout=io.StringIO())
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection) -> bool:
    """Migrate to head inside the caller's transaction; True if anything ran."""
    revision = current_revision(connection)
    if revision == SCHEMA_HEAD:
        return False
    from alembic import command

    config = alembic_config(connection)
    if revision is not None and revision not in known_revisions():
        raise DiaryFileError(
            f"was written by a newer version of Pain Diary (schema {revision}); "
            "update the app to open it"
        )
    try:
        command.upgrade(config, "head")
    except Exception as error:
        # SQLAlchemy's text carries the whole SQL statement and a web address;
        # the driver's own first line is what says what went wrong.
        lines = str(getattr(error, "orig", None) or error).splitlines()
        reason = (lines[0] if lines else type(error).__name__)[:200]
        raise DiaryFileError(
            f"could not be upgraded to schema {SCHEMA_HEAD} ({reason}); it was left as it was"
        ) from error
    return True


def upgrade_engine(engine: Engine) -> bool:
    """Migrate the engine's file in one transaction with foreign keys off.

    Batch migrations rebuild a table by copying and dropping it; with foreign
    keys on, dropping `day` would cascade and delete every child row. SQLite
    only changes this pragma outside a transaction, hence the raw call first.
    """
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            connection.execution_options(write=True)
            with connection.begin():
                changed = upgrade(connection)
                if changed and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise DiaryFileError(
                        "could not be upgraded: the new schema breaks links between days "
                        "and their details; it was left as it was"
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
    return changed
