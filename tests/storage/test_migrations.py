"""Schema migrations: applied on open, no model change without its migration."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from app.diary import Diary, DiaryFileError
from app.storage.migrate import SCHEMA_HEAD, alembic_config


def test_schema_head_constant_matches_alembic_head() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [SCHEMA_HEAD]


def test_models_and_migrations_agree(diary: Diary) -> None:
    """`alembic check`: autogenerate finds nothing the migrations have not done."""
    engine = create_engine(f"sqlite:///{diary.path}")
    with engine.connect() as connection:
        command.check(alembic_config(connection))
    engine.dispose()


def test_opening_a_new_file_creates_the_schema_at_head(diary_path: Path) -> None:
    Diary.open(diary_path).close()
    with sqlite3.connect(diary_path) as raw:
        (version,) = raw.execute("SELECT version_num FROM alembic_version").fetchone()
        tables = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
    assert version == SCHEMA_HEAD
    assert {"day", "day_location", "day_exercise", "setting", "custom_exercise"} <= tables


def test_an_empty_file_is_a_new_diary(diary_path: Path) -> None:
    diary_path.touch()
    with Diary.open(diary_path) as diary:
        assert diary.count() == 0


def test_a_diary_from_a_newer_app_is_refused_untouched(diary_path: Path) -> None:
    Diary.open(diary_path).close()
    with sqlite3.connect(diary_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'ffff'")
    raw.close()
    before = diary_path.read_bytes()
    with pytest.raises(DiaryFileError, match="newer version"):
        Diary.open(diary_path)
    assert diary_path.read_bytes() == before


def test_a_sqlite_file_that_is_not_a_diary_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "contacts.sqlite3"
    with sqlite3.connect(other) as raw:
        raw.execute("CREATE TABLE contact (name TEXT)")
        raw.execute("INSERT INTO contact VALUES ('Ann')")
    raw.close()
    before = other.read_bytes()
    with pytest.raises(DiaryFileError, match="not a Pain Diary") as caught:
        Diary.open(other)
    assert str(other) in str(caught.value)
    assert other.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "notes.sqlite3"
    other.write_text("my shopping list\n" * 100)
    with pytest.raises(DiaryFileError, match="not an SQLite database"):
        Diary.open(other)
    assert other.read_text() == "my shopping list\n" * 100


def _checks_in_file(path: Path) -> dict[str, str]:
    """Every named CHECK constraint in the file's schema: name -> its expression."""
    found: dict[str, str] = {}
    with sqlite3.connect(path) as raw:
        schema = [sql for (sql,) in raw.execute("SELECT sql FROM sqlite_master") if sql]
    raw.close()
    for sql in schema:
        for match in re.finditer(r"CONSTRAINT (\w+) CHECK \(", sql):
            depth, at = 1, match.end()
            while depth:  # to the parenthesis that closes this CHECK
                depth += {"(": 1, ")": -1}.get(sql[at], 0)
                at += 1
            found[match[1]] = " ".join(sql[match.end() : at - 1].split())
    return found


def test_the_models_check_constraints_are_the_ones_the_migrations_made(diary: Diary) -> None:
    """`alembic check` does not compare CHECK text: a model's range and the file's must agree."""
    from sqlalchemy import CheckConstraint
    from sqlmodel import SQLModel

    import app.domain.tables  # noqa: F401  (the models join the metadata)

    in_models = {
        str(constraint.name): " ".join(str(constraint.sqltext).split())
        for table in SQLModel.metadata.tables.values()
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint)
    }
    in_file = _checks_in_file(diary.path)
    assert in_models == in_file
    # Spelled out for the ranges the rest of the app relies on:
    assert in_file["ck_day_pain_range"] == "pain BETWEEN 0 AND 10"
    assert in_file["ck_day_sitting_minutes_range"] == "sitting_minutes BETWEEN 0 AND 1440"
