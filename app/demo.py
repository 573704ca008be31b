"""A realistic demo diary in which long sitting and heavy exertion precede flares.

The numbers are invented but shaped like a real diary: weekday desk work,
day-to-day noise, flare-ups that last a few days, some missed days. Two things
are planted: the day after more than six hours of sitting, and the day after
moderate or heavy exertion, the odds of a flare day are several times higher.
Everything else the person records (activity, posture, sleep) is drawn
independently of their flare-ups, so `pain-diary insights` on a demo diary
should name long sitting and overexertion and nothing else; a test holds the
demo to that for every weekday the demo can end on.

The planted odds ratios are larger than the about 4-fold of Suri et al. 2018:
a demo is 120 days long, and at that length an honest test finds a 4-fold
effect only some of the time (see tests/analysis/test_simulation.py).
"""

from __future__ import annotations

import datetime as dt
import math
import random

from app.config import DEFAULT_DEMO_DAYS
from app.domain.entry import DayEntry, make_entry

#: Chance of a flare day after an ordinary non-flare day, and after a flare day.
_ONSET = 0.03
_PERSIST = 0.3
#: Odds ratios for a flare day after more than 6 hours sitting / after exertion.
_SITTING_ODDS_RATIO = 12.0
_EXERTION_ODDS_RATIO = 12.0

_NOTES_CALM = (
    "Walked to the shops, felt fine.",
    "Stiff in the morning, loosened up by lunch.",
    "Good day. Did the full stretch routine.",
    "Worked from the standing desk most of the afternoon.",
)
_NOTES_FLARE = (
    "Shooting pain down the left leg when getting out of the car.",
    "Could not sit through the meeting; had to stand.",
    "Woke at 4am with the leg burning.",
    "Bending to tie shoes was hard.",
)
_HEAVY_NOTES = (
    "moved boxes",
    "carried shopping upstairs",
    "gardening, lifting pots",
    "helped a friend move",
)


def demo_days(
    days: int = DEFAULT_DEMO_DAYS, *, end: dt.date | None = None, seed: int = 7
) -> list[DayEntry]:
    """`days` calendar days ending at `end` (today), about 93 % of them logged."""
    rng = random.Random(seed)
    end = end or dt.date.today()
    start = end - dt.timedelta(days=days - 1)
    entries: list[DayEntry] = []
    level = 3.0  # slowly drifting background pain
    in_flare = False
    long_sitting_yesterday = exertion_yesterday = False
    for offset in range(days):
        date = start + dt.timedelta(days=offset)
        weekday = date.weekday() < 5
        level += 0.15 * (3.0 - level) + rng.gauss(0, 0.35)

        # Flare days form a chain (a flare tends to last); only yesterday's
        # sitting and exertion change its odds.
        chance = _PERSIST if in_flare else _ONSET
        odds = chance / (1 - chance)
        if long_sitting_yesterday:
            odds *= _SITTING_ODDS_RATIO
        if exertion_yesterday:
            odds *= _EXERTION_ODDS_RATIO
        in_flare = rng.random() < odds / (1 + odds)

        pain = round(min(10, max(0, level + (3.4 if in_flare else 0) + rng.gauss(0, 0.7))))
        worst = min(10, pain + rng.choice((0, 1, 1, 2)))
        sitting = _clamp(rng.gauss(380 if weekday else 220, 90), 30, 720)
        active = _clamp(rng.gauss(55, 30), 0, 240)
        standing = _clamp(rng.gauss(180, 60), 0, 1440 - sitting - active)
        exertion = rng.choices(("none", "light", "moderate", "heavy"), (25, 40, 20, 15))[0]
        heavy = exertion == "heavy"
        posture = rng.choice(("good", "fair", "fair", "poor"))
        sleep = round(_clamp(rng.gauss(6.8, 1.0), 3, 10) * 4) / 4
        sleep_quality = round(_clamp(rng.gauss(6.5, 1.5), 0, 10))

        logged = rng.random() < 0.93
        long_sitting_yesterday = round(sitting / 15) * 15 > 360
        exertion_yesterday = exertion in ("moderate", "heavy")
        if not logged:
            continue

        locations: list[dict] = [{"region": "lower_back", "side": "centre"}]
        symptoms = ["aching", "stiffness"] if rng.random() < 0.6 else ["aching"]
        if in_flare:
            locations += [
                {"region": r, "side": "left"}
                for r in ("buttock", "thigh_back", "calf")[: rng.choice((2, 3, 3))]
            ]
            if rng.random() < 0.4:
                locations.append({"region": "foot", "side": "left"})
            symptoms += rng.sample(["shooting", "burning", "tingling", "sharp", "spasm"], 2)
        elif rng.random() < 0.2:
            locations.append({"region": "hip", "side": "right"})

        exercises = []
        if rng.random() < 0.75:
            exercises.append({"name": "walking", "minutes": round(_clamp(active * 0.6, 5, 90))})
        for name in rng.sample(
            ["cat_cow", "knee_to_chest", "piriformis_stretch", "bridge", "bird_dog"], 2
        ):
            if rng.random() < 0.55:
                exercises.append({"name": name, "minutes": rng.choice((5, 10, 10, 15))})
        if rng.random() < 0.1:
            exercises.append({"name": "nerve glides", "minutes": 5})

        treatments = []
        if in_flare:
            treatments.append({"name": "heat", "relief": rng.randint(3, 6)})
            if rng.random() < 0.7:
                treatments.append(
                    {"name": "ibuprofen", "dose": "400 mg", "relief": rng.randint(2, 6)}
                )
        elif rng.random() < 0.15:
            treatments.append({"name": "foam_roller", "relief": rng.randint(1, 4)})

        note = None
        if rng.random() < 0.25:
            note = rng.choice(_NOTES_FLARE if in_flare else _NOTES_CALM)
        enjoyment = round(_clamp(pain + rng.gauss(-0.5, 1.0), 0, 10))
        activity = round(_clamp(pain + rng.gauss(0, 1.0), 0, 10))
        entries.append(
            make_entry(
                date=date,
                pain=pain,
                worst_pain=worst,
                enjoyment_interference=enjoyment,
                activity_interference=activity,
                locations=locations,
                symptoms=symptoms,
                sitting_minutes=round(sitting / 15) * 15,
                standing_minutes=round(standing / 15) * 15,
                active_minutes=round(active / 5) * 5,
                exercises=exercises,
                exertion=exertion,
                exertion_note=rng.choice(_HEAVY_NOTES) if heavy else None,
                posture=posture,
                sleep_hours=sleep,
                sleep_quality=sleep_quality,
                treatments=treatments,
                flare=in_flare and rng.random() < 0.8,
                note=note,
            )
        )
    return entries


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value)) if math.isfinite(value) else low
