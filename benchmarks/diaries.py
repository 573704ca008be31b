"""Benchmark diaries: N years of days with every field filled, and three check-ins a day."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from app.diary import Diary
from app.domain import vocab
from app.domain.entry import DayEntry, make_entry

END = dt.date(2026, 10, 31)


def full_day(date: dt.date, rng: random.Random) -> DayEntry:
    """A day with every field recorded, values in realistic ranges."""
    pain = rng.randint(1, 8)
    return make_entry(
        date=date,
        pain=pain,
        worst_pain=min(10, pain + rng.randint(0, 2)),
        enjoyment_interference=rng.randint(0, 10),
        activity_interference=rng.randint(0, 10),
        locations=[
            {"region": "lower_back", "side": "centre"},
            {"region": rng.choice(["buttock", "thigh_back", "calf"]), "side": "left"},
        ],
        symptoms=rng.sample(list(vocab.SYMPTOMS), 2),
        sitting_minutes=rng.randrange(60, 720, 15),
        standing_minutes=rng.randrange(30, 300, 15),
        active_minutes=rng.randrange(0, 180, 5),
        exercises=[
            {"name": "walking", "minutes": rng.randint(5, 60)},
            {"name": rng.choice(list(vocab.EXERCISES)), "minutes": 10},
        ],
        exertion=rng.choice(list(vocab.EXERTION)),
        exertion_note="moved boxes",
        posture=rng.choice(list(vocab.POSTURE)),
        sleep_hours=rng.choice([5.5, 6, 6.5, 7, 7.5, 8]),
        sleep_quality=rng.randint(2, 9),
        treatments=[{"name": "heat", "relief": rng.randint(0, 6)}],
        red_flags=[],
        flare=rng.random() < 0.08,
        note="Stiff after the drive; better after a walk.",
    )


def checkins_of(day: DayEntry, rng: random.Random) -> list[dict]:
    """Three check-ins of a day (morning, afternoon, evening), as a keen user makes them."""
    return [
        {
            "date": day.date,
            "time": dt.time(hour, rng.randrange(0, 60, 5)),
            "pain": rng.randint(0, 10),
            "doing": rng.choice(list(vocab.DOING)),
            "locations": [{"region": "calf", "side": "left"}] if rng.random() < 0.3 else [],
        }
        for hour in (8, 14, 20)
    ]


def build(path: Path, years: int, seed: int = 1) -> Path:
    """Create (once) a diary of `years` years of full days, three check-ins each, at `path`."""
    if path.exists():
        return path
    rng = random.Random(seed)
    days = years * 365
    entries = [full_day(END - dt.timedelta(days=days - 1 - i), rng) for i in range(days)]
    with Diary.open(path) as diary:
        diary.import_entries(entries)
        diary.import_checkins([c for day in entries for c in checkins_of(day, rng)])
    return path
