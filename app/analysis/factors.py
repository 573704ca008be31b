"""The factors the diary tests against flare-ups, and when a day counts as exposed.

Each factor is defined in the direction suspected of doing harm (long sitting,
little activity, poor posture, overexertion, poor sleep). Thresholds are named
here so the sentences, charts and tests all use the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.domain.entry import DayEntry

#: Sitting above this many minutes is "long sitting": 6 hours, the cut-off of the
#: diary study that found about 4-fold flare odds the next day (Suri et al. 2018).
LONG_SITTING_MINUTES = 360
#: A day with less active and exercise time than this is an inactive day
#: (30 minutes a day is the usual public-health target for moving about).
LOW_ACTIVITY_MINUTES = 30
#: Posture ratings that count as exposure.
POOR_POSTURE = frozenset({"poor"})
#: Exertion levels that count as overexertion (heavy lifting, doing too much).
OVEREXERTION_LEVELS = frozenset({"moderate", "heavy"})
#: Sleep shorter than this many hours is short sleep.
SHORT_SLEEP_HOURS = 6.0
#: Sleep quality (0 worst - 10 best) at or below this is poor sleep.
POOR_SLEEP_QUALITY = 3


def long_sitting(day: DayEntry) -> bool | None:
    """More than 6 hours sitting; None when sitting was not recorded."""
    if day.sitting_minutes is None:
        return None
    return day.sitting_minutes > LONG_SITTING_MINUTES


def movement_minutes(day: DayEntry) -> int | None:
    """Active time of the day: the larger of active minutes and exercise minutes.

    Exercise time is often part of the active time the user gave, so the two
    are not added; either alone is enough to know the day was not idle.
    """
    exercise = [ex.minutes for ex in day.exercises if ex.minutes is not None]
    if day.active_minutes is None and not exercise:
        return None
    return max(day.active_minutes or 0, sum(exercise))


def inactive(day: DayEntry) -> bool | None:
    """Less than 30 minutes of active and exercise time."""
    minutes = movement_minutes(day)
    return None if minutes is None else minutes < LOW_ACTIVITY_MINUTES


def poor_posture(day: DayEntry) -> bool | None:
    """Posture rated poor."""
    return None if day.posture is None else day.posture in POOR_POSTURE


def overexertion(day: DayEntry) -> bool | None:
    """Moderate or heavy exertion."""
    return None if day.exertion is None else day.exertion in OVEREXERTION_LEVELS


def poor_sleep(day: DayEntry) -> bool | None:
    """Short sleep (under 6 hours) or poor sleep quality (3 or less of 10)."""
    short = None if day.sleep_hours is None else day.sleep_hours < SHORT_SLEEP_HOURS
    bad = None if day.sleep_quality is None else day.sleep_quality <= POOR_SLEEP_QUALITY
    if short is None and bad is None:
        return None
    return bool(short) or bool(bad)


@dataclass(frozen=True)
class Factor:
    """A factor: its code, how sentences name exposure on the day and the day after."""

    code: str
    label: str
    same_day: str  # starts "On days ..." sentences
    next_day: str  # starts "The day after ..." sentences
    exposed: Callable[[DayEntry], bool | None]

    def lead(self, lag: int) -> str:
        """Opening words of a sentence about this factor at this lag."""
        return self.same_day if lag == 0 else self.next_day


_SITTING_HOURS = f"{LONG_SITTING_MINUTES // 60} hours"
_LITTLE_MOVING = f"less than {LOW_ACTIVITY_MINUTES} minutes of activity or exercise"
_POOR_SLEEP = (
    f"short or poor sleep (under {SHORT_SLEEP_HOURS:g} hours, or quality "
    f"{POOR_SLEEP_QUALITY}/10 or less)"
)

FACTORS: tuple[Factor, ...] = (
    Factor(
        "sitting",
        "Long sitting",
        f"On days you sat more than {_SITTING_HOURS}",
        f"The day after sitting more than {_SITTING_HOURS}",
        long_sitting,
    ),
    Factor(
        "inactivity",
        "Inactivity",
        f"On days with {_LITTLE_MOVING}",
        f"The day after {_LITTLE_MOVING}",
        inactive,
    ),
    Factor(
        "posture",
        "Poor posture",
        "On days you rated your posture poor",
        "The day after poor posture",
        poor_posture,
    ),
    Factor(
        "overexertion",
        "Overexertion",
        "On days of moderate or heavy exertion",
        "The day after moderate or heavy exertion",
        overexertion,
    ),
    Factor(
        "sleep",
        "Poor sleep",
        f"On days you logged {_POOR_SLEEP}",
        f"The day after {_POOR_SLEEP}",
        poor_sleep,
    ),
)

FACTOR_CODES = tuple(f.code for f in FACTORS)


def factor(code: str) -> Factor:
    """The factor with this code."""
    for item in FACTORS:
        if item.code == code:
            return item
    raise KeyError(f"unknown factor {code!r}; known: {', '.join(FACTOR_CODES)}")
