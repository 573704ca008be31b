"""Deleting a check-in in the file: nothing to delete changes nothing.

`checkins.delete_checkin` runs inside a write transaction; on a date with no
day it must answer False and leave the diary without that date (it must not
make the empty day row that saving a check-in makes).
"""

from __future__ import annotations

import datetime as dt

from app.diary import Diary
from app.storage import checkins as store
from app.storage.connections import raw


def test_deleting_on_a_date_without_a_day_creates_no_day(diary: Diary) -> None:
    logged, empty = dt.date(2026, 3, 2), dt.date(2026, 3, 5)
    diary.save_day({"date": logged, "pain": 4})
    with diary._write() as connection:
        assert store.delete_checkin(empty, dt.time(9, 30), connection=raw(connection)) is False
    assert diary.dates() == [logged]
    assert diary.count() == 1
