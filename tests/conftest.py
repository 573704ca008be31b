"""Test setup. Kivy reads its environment at import, so this runs before any test module."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_KIVY_HOME = tempfile.mkdtemp(prefix="pain-diary-kivy-")
os.environ.update(
    {
        "KIVY_NO_ARGS": "1",
        "KIVY_NO_CONSOLELOG": "1",
        "KIVY_NO_FILELOG": "1",
        "KIVY_HOME": _KIVY_HOME,
        "MPLBACKEND": "Agg",
    }
)
# Never let a test touch the real diary in the user's data folder.
os.environ["PAIN_DIARY_DB"] = str(Path(_KIVY_HOME) / "default-diary.sqlite3")

import pytest  # noqa: E402

from app.diary import Diary  # noqa: E402


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    return tmp_path / "diary.sqlite3"


@pytest.fixture
def diary(diary_path: Path):
    with Diary.open(diary_path) as opened:
        yield opened
