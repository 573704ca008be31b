"""Simulated diaries for the honesty tests: realistic noise, autocorrelation, gaps.

Every factor has day-to-day persistence (weekday desk work, slowly drifting
habits), pain drifts and flare-ups last several days, and about 7 % of days go
unlogged. In a null diary nothing the person does changes their flare-ups; a
planted diary raises the odds of a flare-up beginning the day after sitting
more than 6 hours by `sitting_odds_ratio` (Suri et al. 2018 found about 4).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from app.domain.entry import DayEntry

#: Chance that a flare-up begins on an ordinary day (about two a month).
BASE_ONSET = 0.12
#: Chance that a flare day is followed by another (episodes last ~2 days on average).
PERSIST = 0.55
#: Chance that a day is logged.
LOGGED = 0.93
END = dt.date(2025, 12, 31)


def simulate_diary(
    rng: np.random.Generator,
    *,
    logged_days: int = 90,
    sitting_odds_ratio: float = 1.0,
    lag: int = 1,
    end: dt.date = END,
    base_onset: float | None = None,
    persist: float | None = None,
) -> list[DayEntry]:
    """A diary with `logged_days` logged days ending on or before `end`."""
    rows: list[dict] = []
    level = 3.5 + rng.normal(0, 0.5)
    sit_drift = act_drift = sleep_drift = 0.0
    in_flare = False
    sat_long: list[bool] = []  # the truth for every calendar day, logged or not
    calendar = 0
    while sum(r["logged"] for r in rows) < logged_days:
        weekday = calendar % 7 < 5
        level = 3.5 + 0.85 * (level - 3.5) + rng.normal(0, 0.35)
        sit_drift = 0.7 * sit_drift + rng.normal(0, 40)
        act_drift = 0.7 * act_drift + rng.normal(0, 12)
        sleep_drift = 0.6 * sleep_drift + rng.normal(0, 0.35)

        sitting = int(np.clip((400 if weekday else 220) + sit_drift + rng.normal(0, 80), 0, 900))
        active = int(np.clip(50 + act_drift + rng.normal(0, 25), 0, 300))
        posture = (
            "poor"
            if rng.random() < (0.35 if sitting > 420 else 0.15)
            else ("fair" if rng.random() < 0.5 else "good")
        )
        exertion = rng.choice(["none", "light", "moderate", "heavy"], p=[0.3, 0.45, 0.18, 0.07])
        sleep = float(np.clip(7.0 + sleep_drift + rng.normal(0, 0.8), 3, 11))
        quality = int(np.clip(round(6.5 + 1.5 * sleep_drift + rng.normal(0, 1.5)), 0, 10))

        # A first-order Markov chain of flare days; the planted factor multiplies
        # the odds of a flare day whether or not yesterday was one.
        chance = (persist or PERSIST) if in_flare else (base_onset or BASE_ONSET)
        odds = chance / (1 - chance)
        exposed_before = len(sat_long) >= lag and (sat_long[-lag] if lag else sitting > 360)
        if exposed_before:
            odds *= sitting_odds_ratio
        in_flare = bool(rng.random() < odds / (1 + odds))
        pain = int(
            np.clip(
                round(level + (3.5 + rng.normal(0, 0.8) if in_flare else 0) + rng.normal(0, 0.7)),
                0,
                10,
            )
        )
        sat_long.append(sitting > 360)
        rows.append(
            {
                "logged": rng.random() < LOGGED,
                "pain": pain,
                "sitting_minutes": sitting,
                "active_minutes": min(active, 1440 - sitting),
                "posture": posture,
                "exertion": str(exertion),
                "sleep_hours": round(sleep, 2),
                "sleep_quality": quality,
                "flare": bool(in_flare and rng.random() < 0.7),
            }
        )
        calendar += 1
    first = end - dt.timedelta(days=len(rows) - 1)
    return [
        DayEntry.model_construct(
            date=first + dt.timedelta(days=i),
            worst_pain=None,
            enjoyment_interference=None,
            activity_interference=None,
            locations=[],
            symptoms=[],
            standing_minutes=None,
            exercises=[],
            exertion_note=None,
            treatments=[],
            red_flags=[],
            note=None,
            **{k: v for k, v in row.items() if k != "logged"},
        )
        for i, row in enumerate(rows)
        if row["logged"]
    ]
