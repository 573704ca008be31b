"""A realistic demo diary in which long sitting and heavy exertion precede flares.

The numbers are invented but shaped like a real diary: weekday desk work,
day-to-day noise, pain that lingers, some missed days. The day after more than
six hours of sitting, flare odds are about four times higher (the size Suri et
al. 2018 reported); heavy lifting raises them about five-fold.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from app.domain.entry import DayEntry, make_entry

DEFAULT_DEMO_DAYS = 120
_BASE_FLARE_ODDS = 0.06
_SITTING_ODDS_RATIO = 4.0
_HEAVY_ODDS_RATIO = 5.0

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
    flare_left = 0
    long_sitting_yesterday = heavy_yesterday = False
    for offset in range(days):
        date = start + dt.timedelta(days=offset)
        weekday = date.weekday() < 5
        level += 0.15 * (3.0 - level) + rng.gauss(0, 0.35)

        odds = _BASE_FLARE_ODDS / (1 - _BASE_FLARE_ODDS)
        if long_sitting_yesterday:
            odds *= _SITTING_ODDS_RATIO
        if heavy_yesterday:
            odds *= _HEAVY_ODDS_RATIO
        if flare_left == 0 and rng.random() < odds / (1 + odds):
            flare_left = rng.choice((1, 2, 2, 3))
        in_flare = flare_left > 0
        flare_left = max(0, flare_left - 1)

        pain = round(min(10, max(0, level + (3.4 if in_flare else 0) + rng.gauss(0, 0.7))))
        worst = min(10, pain + rng.choice((0, 1, 1, 2)))
        sitting = _clamp(rng.gauss(400 if weekday else 220, 90) - (90 if in_flare else 0), 30, 720)
        active = _clamp(rng.gauss(35 if in_flare else 70, 25), 0, 240)
        standing = _clamp(rng.gauss(180, 60), 0, 1440 - sitting - active)
        heavy = rng.random() < (0.02 if in_flare else 0.09)
        exertion = "heavy" if heavy else rng.choice(("none", "light", "light", "moderate"))
        posture = (
            "poor" if sitting > 420 and rng.random() < 0.6 else rng.choice(("good", "fair", "fair"))
        )
        sleep = round(_clamp(rng.gauss(6.0 if in_flare else 7.2, 0.8), 3, 10) * 4) / 4
        sleep_quality = round(_clamp(rng.gauss(4 if in_flare else 7, 1.5), 0, 10))

        logged = rng.random() < 0.93
        long_sitting_yesterday = sitting > 360
        heavy_yesterday = heavy
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
