"""A realistic demo diary in which long sitting and heavy exertion precede flares.

The numbers are invented but shaped like a real diary: weekday desk work,
day-to-day noise, flare-ups that last a few days, some missed days. Two things
are planted: the day after more than six hours of sitting, and the day after
moderate or heavy exertion, the odds of a flare day are several times higher.
Everything else the person records (activity, posture, sleep) is drawn
independently of their flare-ups, so `pain-diary insights` on a demo diary
should name long sitting and overexertion and nothing else; a test holds the
demo to that for every weekday the demo can end on.

Stress (on about 85 % of the days) and one own factor, "gardening" (yes/no,
about one day a week, with `own_factors=True`), come from a separate random
stream drawn independently of the flare-ups, so the days and insights are
otherwise those of a demo without them. The demo declares no suspects.

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


#: The demo's own factor (name, kind); `Diary.create_demo` adds it before the days.
DEMO_FACTOR = ("gardening", "yesno")


def demo_days(
    days: int = DEFAULT_DEMO_DAYS,
    *,
    end: dt.date | None = None,
    seed: int = 7,
    own_factors: bool = False,
) -> list[DayEntry]:
    """`days` calendar days ending at `end` (today), about 93 % of them logged.

    `own_factors`: the days carry values of DEMO_FACTOR (the diary must have it).
    """
    rng = random.Random(seed)
    # Stress and gardening: their own stream, so the other values are unchanged.
    extra = random.Random(seed * 104729 + 11)
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
        stress = round(_clamp(extra.gauss(4.0, 2.0), 0, 10)) if extra.random() < 0.85 else None
        gardening = extra.random() < 1 / 7 if extra.random() < 0.9 else None

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
                stress=stress,
                factors=(
                    {DEMO_FACTOR[0]: gardening} if own_factors and gardening is not None else {}
                ),
            )
        )
    return entries


#: (earliest, latest) minute of the day, what one is likely doing, and pain's shift then.
_MOMENTS = (
    ((6 * 60 + 30, 9 * 60 + 30), ("lying", "standing", "walking"), 1.0),  # stiff mornings
    ((11 * 60, 16 * 60), ("sitting", "sitting", "standing", "walking", "driving"), 0.0),
    ((17 * 60, 22 * 60), ("sitting", "lying", "walking", "exercising", "lifting"), 0.5),
)
_DOING_SHIFT = {"sitting": 0.7, "driving": 0.7, "lifting": 1.0, "walking": -0.7, "lying": -0.3}


def demo_checkins(
    entries: list[DayEntry], *, seed: int = 7, now: dt.datetime | None = None
) -> list[dict]:
    """Two to four check-ins on about 85 % of the `entries` days, around each day's pain.

    A separate random stream: the demo's days (and so its insights) are the same
    with or without check-ins. None is later than `now`.
    """
    rng = random.Random(seed * 7919 + 1)
    now = now or dt.datetime.now()
    out: list[dict] = []
    for day in entries:
        if rng.random() >= 0.85 or day.pain is None:
            continue
        moments = sorted(rng.sample(range(len(_MOMENTS)), rng.choice((2, 2, 3))))
        if len(moments) == 3 and rng.random() < 0.3:
            moments.append(1)  # a second check-in in the afternoon
        used: set[int] = set()
        for index in sorted(moments):
            (low, high), doings, shift = _MOMENTS[index]
            minute = rng.randrange(low, high) // 5 * 5
            when = dt.datetime.combine(day.date, dt.time(minute // 60, minute % 60))
            if minute in used or when > now:
                continue
            used.add(minute)
            doing = rng.choice(doings)
            pain = day.pain + shift + _DOING_SHIFT.get(doing, 0.0) + rng.gauss(0, 0.8)
            checkin: dict = {
                "date": day.date,
                "time": when.time(),
                "pain": round(_clamp(pain, 0, 10)),
                "doing": doing,
            }
            if rng.random() < 0.3:
                checkin["locations"] = [
                    {"region": loc.region, "side": loc.side} for loc in day.locations[:2]
                ]
            out.append(checkin)
    return out


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value)) if math.isfinite(value) else low
