"""The helpers that build the schema's range checks and the vocabularies, called at test time.

The app calls them once, at import; these tests call them again so that a change
to them shows up in a test run that imported the modules beforehand (mutmut's).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert
from sqlalchemy.exc import IntegrityError

from app.domain.tables import _minutes, _score
from app.domain.tables import metadata as app_metadata
from app.domain.vocab import _vocab


@pytest.mark.parametrize(
    ("check", "column", "highest", "name"),
    [
        # Names as migration 0001 spells them: Alembic alters constraints by name.
        (_minutes, "minutes", 1440, "ck_day_exercise_minutes_range"),
        (_score, "pain", 10, "ck_day_exercise_pain_range"),
    ],
)
def test_a_range_check_keeps_values_in_range_and_is_named_as_the_migrations(
    check, column: str, highest: int, name: str
) -> None:
    metadata = MetaData(naming_convention=dict(app_metadata.naming_convention))
    table = Table("day_exercise", metadata, Column(column, Integer), check(column))
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(table), [{column: 0}, {column: highest}])
    for outside in (-1, highest + 1):
        refused = pytest.raises(IntegrityError, match=f"CHECK constraint failed: {name}")
        with refused, engine.begin() as connection:
            connection.execute(insert(table).values({column: outside}))
    engine.dispose()


def test_a_vocabulary_keeps_its_order_and_cannot_be_changed() -> None:
    sides = _vocab(("left", "Left"), ("right", "Right"), ("both", "Both sides"))
    assert list(sides.items()) == [("left", "Left"), ("right", "Right"), ("both", "Both sides")]
    with pytest.raises(TypeError):
        sides["centre"] = "Centre"  # type: ignore[index]
