"""The factors the diary tests against flare-ups, and when a day counts as exposed.

Each factor is defined in the direction suspected of doing harm (long sitting,
little activity, poor posture, overexertion, poor sleep). Thresholds are named
here so the sentences, charts and tests all use the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from app.domain.columns import DayColumns

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
#: Stress (0-10) at or above this is a stressful day (the own-factor rating
#: default too); Suri et al. 2018 found stress raised flare odds about 2.5-fold.
HIGH_STRESS = 7


# Each rule works on whole columns (the days of a diary at once): 1.0 exposed,
# 0.0 not, NaN not recorded. A single DayEntry goes through
# `app.analysis.entry_columns.columns_from_entries` first.


def _known(values: np.ndarray, exposed: np.ndarray) -> np.ndarray:
    """1.0/0.0 from `exposed`, NaN where `values` is NaN (not recorded)."""
    return np.where(np.isnan(values), np.nan, exposed.astype(float))


def long_sitting(days: DayColumns) -> np.ndarray:
    """More than 6 hours sitting."""
    sitting = days.sitting_minutes
    with np.errstate(invalid="ignore"):
        return _known(sitting, sitting > LONG_SITTING_MINUTES)


def movement_minutes(days: DayColumns) -> np.ndarray:
    """Active time of each day: the larger of active minutes and exercise minutes.

    Exercise time is often part of the active time the user gave, so the two
    are not added; either alone is enough to know the day was not idle.
    """
    active, exercise = days.active_minutes, days.exercise_minutes
    most = np.maximum(np.nan_to_num(active), np.nan_to_num(exercise))
    return np.where(np.isnan(active) & np.isnan(exercise), np.nan, most)


def inactive(days: DayColumns) -> np.ndarray:
    """Less than 30 minutes of active and exercise time."""
    minutes = movement_minutes(days)
    with np.errstate(invalid="ignore"):
        return _known(minutes, minutes < LOW_ACTIVITY_MINUTES)


def _coded(values: np.ndarray, exposing: frozenset[str]) -> np.ndarray:
    # Few distinct codes: test each once rather than each day.
    out = np.full(len(values), np.nan)
    for code in set(values.tolist()) - {None}:
        out[values == code] = float(code in exposing)
    return out


def poor_posture(days: DayColumns) -> np.ndarray:
    """Posture rated poor."""
    return _coded(days.posture, POOR_POSTURE)


def overexertion(days: DayColumns) -> np.ndarray:
    """Moderate or heavy exertion."""
    return _coded(days.exertion, OVEREXERTION_LEVELS)


def poor_sleep(days: DayColumns) -> np.ndarray:
    """Short sleep (under 6 hours) or poor sleep quality (3 or less of 10)."""
    hours, quality = days.sleep_hours, days.sleep_quality
    with np.errstate(invalid="ignore"):
        # NaN compares False: an unrecorded half counts as "not poor".
        poor = (hours < SHORT_SLEEP_HOURS) | (quality <= POOR_SLEEP_QUALITY)
    return np.where(np.isnan(hours) & np.isnan(quality), np.nan, poor.astype(float))


def high_stress(days: DayColumns) -> np.ndarray:
    """Stress rated 7 or more of 10."""
    stress = days.stress
    with np.errstate(invalid="ignore"):
        return _known(stress, stress >= HIGH_STRESS)


@dataclass(frozen=True)
class Factor:
    """A factor: its code, how sentences name exposure on the day and the day after."""

    code: str
    label: str
    same_day: str  # starts "On days ..." sentences
    next_day: str  # starts "The day after ..." sentences
    #: The rule over columns: 1.0 exposed, 0.0 not, NaN not recorded, per day.
    exposed: Callable[[DayColumns], np.ndarray]
    #: Which days, in everyday words, after "On 7 of the 12 ...": the same day
    #: and the day after ("days you sat more than 6 hours").
    days_same: str = ""
    days_after: str = ""

    def lead(self, lag: int) -> str:
        """Opening words of a sentence about this factor at this lag."""
        return self.same_day if lag == 0 else self.next_day

    def which_days(self, lag: int) -> str:
        """'days you sat more than 6 hours' / 'days after you sat more than 6 hours'."""
        return self.days_same if lag == 0 else self.days_after


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
        f"days you sat more than {_SITTING_HOURS}",
        f"days after you sat more than {_SITTING_HOURS}",
    ),
    Factor(
        "inactivity",
        "Inactivity",
        f"On days with {_LITTLE_MOVING}",
        f"The day after {_LITTLE_MOVING}",
        inactive,
        f"days with {_LITTLE_MOVING}",
        f"days after a day with {_LITTLE_MOVING}",
    ),
    Factor(
        "posture",
        "Poor posture",
        "On days you rated your posture poor",
        "The day after poor posture",
        poor_posture,
        "days you rated your posture poor",
        "days after you rated your posture poor",
    ),
    Factor(
        "overexertion",
        "Overexertion",
        "On days of moderate or heavy exertion",
        "The day after moderate or heavy exertion",
        overexertion,
        "days you exerted yourself moderately or heavily",
        "days after you exerted yourself moderately or heavily",
    ),
    Factor(
        "sleep",
        "Poor sleep",
        f"On days you logged {_POOR_SLEEP}",
        f"The day after {_POOR_SLEEP}",
        poor_sleep,
        f"days you logged {_POOR_SLEEP}",
        f"days after you logged {_POOR_SLEEP}",
    ),
    Factor(
        "stress",
        "High stress",
        f"On days you rated your stress {HIGH_STRESS} or more",
        f"The day after stress of {HIGH_STRESS} or more",
        high_stress,
        f"days you rated your stress {HIGH_STRESS} or more",
        f"days after you rated your stress {HIGH_STRESS} or more",
    ),
)

FACTOR_CODES = tuple(f.code for f in FACTORS)


def own_factor(name: str) -> Factor:
    """One of the user's own factors (by name) as a factor: exposed as its column says.

    The words are plain ("days you logged gardening"): the app does not know
    what the name means, only when the user counts a day as exposed.
    """

    def exposed(days: DayColumns) -> np.ndarray:
        for column in days.own:
            if column.name == name:
                return column.exposed()
        return np.full(len(days), np.nan)  # not in these columns: never recorded

    return Factor(
        name,
        name,
        f"On days you logged {name}",
        f"The day after {name}",
        exposed,
        f"days you logged {name}",
        f"days after you logged {name}",
    )


def factors_of(days: DayColumns) -> tuple[Factor, ...]:
    """The built-in factors, then the diary's own factors (archived ones too: their
    past days still count), in the order the columns give them.

    An own factor named like a built-in one is left out (the built-in one keeps
    the name); storage is expected to refuse such names.
    """
    own = [own_factor(c.name) for c in days.own if c.name not in FACTOR_CODES]
    return FACTORS + tuple(dict((f.code, f) for f in own).values())


def factor_or_own(code: str) -> Factor:
    """The built-in factor with this code, or an own factor of that name."""
    return factor(code) if code in FACTOR_CODES else own_factor(code)


def factor(code: str) -> Factor:
    """The factor with this code."""
    for item in FACTORS:
        if item.code == code:
            return item
    raise KeyError(f"unknown factor {code!r}; known: {', '.join(FACTOR_CODES)}")
