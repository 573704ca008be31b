"""A History row shows the day's stress and how many own-factor values it holds,
read in the same one query as the rest of the summary."""

from __future__ import annotations

import datetime as dt

from app.diary import Diary
from app.storage import repository as repo


def test_summaries_carry_stress_and_the_number_of_factor_values(diary: Diary) -> None:
    diary.add_factor("Coffee", "yesno")
    diary.add_factor("Screen time", "minutes")
    diary.add_factor("Mood", "rating")  # defined but not recorded: not counted
    busy, quiet = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
    diary.save_day({"date": busy, "stress": 7, "factors": {"Coffee": True, "Screen time": 240}})
    diary.save_day({"date": quiet, "pain": 2})
    with diary._read() as connection:
        first, second = repo.day_summaries(connection=connection, start=busy, end=quiet)
    assert (first.date, first.stress, first.factors) == (busy, 7, 2)
    assert (second.date, second.stress, second.factors) == (quiet, None, 0)
