"""Schema migrations: applied on open, no model change without its migration."""

from __future__ import annotations

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
