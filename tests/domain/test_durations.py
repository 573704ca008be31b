"""One duration format everywhere: hours and minutes, never decimals of hours."""

from __future__ import annotations

import pytest

from app.domain.durations import format_duration, format_hours


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(None, "—"), (0, "0 min"), (45, "45 min"), (60, "1 h"), (390, "6 h 30 min")],
)
def test_minutes(minutes, text):
    assert format_duration(minutes) == text


@pytest.mark.parametrize(
    ("hours", "text"),
    [(None, "—"), (6.75, "6 h 45 min"), (7.0, "7 h"), (7.5, "7 h 30 min"), (0.25, "15 min")],
)
def test_hours_read_as_hours_and_minutes(hours, text):
    assert format_hours(hours) == text
