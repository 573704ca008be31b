"""Shared by the storage tests: one small diary made per module, copied by each test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.diary import Diary

#: The template's first day (pain 3); the next day has pain 5.
TEMPLATE_DAY = dt.date(2025, 1, 1)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed, current diary with two days; tests copy its bytes (opening one costs ~0.5 s)."""
    path = tmp_path_factory.mktemp("template") / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.save_day({"date": TEMPLATE_DAY, "pain": 3})
        diary.save_day({"date": TEMPLATE_DAY + dt.timedelta(days=1), "pain": 5})
    return path
