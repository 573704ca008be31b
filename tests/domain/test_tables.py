"""The table models' own defaults (storage writes rows through Core and stamps them itself)."""

from __future__ import annotations

import datetime as dt

from app.domain.tables import CheckIn, Day


def test_a_row_made_without_a_time_stamp_is_stamped_now_in_utc() -> None:
    before = dt.datetime.now(dt.UTC)
    day = Day(date=dt.date(2026, 1, 15))
    checkin = CheckIn(day_id=1, time="08:00", pain=3)
    after = dt.datetime.now(dt.UTC)
    for stamp in (day.updated_at, checkin.updated_at):
        assert stamp.tzinfo is dt.UTC
        assert before <= stamp <= after
