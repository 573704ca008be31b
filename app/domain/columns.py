"""The logged days as columns: what the analysis reads, filled by storage in SQL.

Plain data between the layers: `app.storage.column_reads` fills these from the
file, `app.analysis` computes on them, and `app.analysis.entry_columns` builds the
same from `DayEntry` objects (for charts and tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True)
class DayColumns:
    """Logged days as columns, oldest first: what the analysis reads of each day.

    Numbers are floats with NaN for "not recorded", so the analysis can work on
    whole columns at once instead of one `DayEntry` object per day (building
    those objects was a third of the time of the insights of a 10-year diary).
    """

    ordinal: np.ndarray  # int64, `date.toordinal()`
    pain: np.ndarray  # float, NaN when not recorded (likewise below)
    worst_pain: np.ndarray
    enjoyment_interference: np.ndarray
    activity_interference: np.ndarray
    sitting_minutes: np.ndarray
    active_minutes: np.ndarray
    #: Sum of the day's exercise minutes; NaN when no exercise has minutes.
    exercise_minutes: np.ndarray
    exertion: np.ndarray  # object: str or None
    posture: np.ndarray  # object: str or None
    sleep_hours: np.ndarray
    sleep_quality: np.ndarray
    flare: np.ndarray  # bool, ticked by the user
    red_flag: np.ndarray  # bool, any red flag ticked
    #: Stress 0-10, NaN when not recorded (a built-in daily item, issue 15).
    stress: np.ndarray | None = None
    #: The user's own factors, each a column over the same days.
    own: tuple[OwnFactorColumn, ...] = ()

    def __post_init__(self) -> None:
        if self.stress is None:  # a diary (or caller) without stress: not recorded
            object.__setattr__(self, "stress", np.full(len(self.ordinal), np.nan))

    def __len__(self) -> int:
        return len(self.ordinal)

    def take(self, index: np.ndarray | slice) -> DayColumns:
        """The same columns for the days picked by `index` (a mask, indices or slice)."""
        picked = {f.name: getattr(self, f.name)[index] for f in fields(self) if f.name != "own"}
        return DayColumns(**picked, own=tuple(column.take(index) for column in self.own))

    def dates(self) -> list[dt.date]:
        """The days' dates."""
        return [dt.date.fromordinal(int(o)) for o in self.ordinal]


#: Own factor kinds: a yes/no, a 0-10 rating, or minutes.
OWN_FACTOR_KINDS = ("yesno", "rating", "minutes")
#: Exposed when a rating is at least this, unless the user sets another threshold.
DEFAULT_RATING_THRESHOLD = 7
#: Exposed when minutes are above this, unless the user sets another threshold.
DEFAULT_MINUTES_THRESHOLD = 60


@dataclass(frozen=True)
class OwnFactorColumn:
    """One of the user's own factors over the days of a DayColumns (NaN: not recorded)."""

    name: str
    kind: str  # one of OWN_FACTOR_KINDS
    threshold: float | None
    values: np.ndarray  # float; yes/no as 1/0
    archived: bool = False

    def take(self, index: np.ndarray | slice) -> OwnFactorColumn:
        """The same factor for the days picked by `index`."""
        return OwnFactorColumn(
            self.name, self.kind, self.threshold, self.values[index], self.archived
        )

    def exposed(self) -> np.ndarray:
        """1.0 exposed, 0.0 not, NaN not recorded: yes; a rating >= threshold (default 7);
        minutes > threshold (default 60)."""
        values = self.values
        if self.kind == "yesno":
            out = (values >= 1).astype(float)
        elif self.kind == "rating":
            limit = DEFAULT_RATING_THRESHOLD if self.threshold is None else self.threshold
            out = (values >= limit).astype(float)
        else:
            limit = DEFAULT_MINUTES_THRESHOLD if self.threshold is None else self.threshold
            out = (values > limit).astype(float)
        out[np.isnan(values)] = np.nan
        return out


@dataclass(frozen=True)
class ListTallies:
    """How often each thing on the days' lists was recorded, over a range of days.

    Counts are of days, as the period summary reports them.
    """

    #: The set of (region, side) pairs of a day -> number of days with exactly that set
    #: (days without a location are left out). Few distinct sets occur, so the
    #: analysis derives back, leg and sciatic-pattern days from these alone.
    location_sets: dict[tuple[tuple[str, str | None], ...], int]
    symptoms: dict[str, int]  # symptom -> days
    exercises: dict[str, tuple[int, int]]  # name -> (days done, minutes recorded in all)
    #: name -> (days taken, days with relief rated, sum of those ratings); a name
    #: given twice on one day counts once, with the relief given last.
    treatments: dict[str, tuple[int, int, int]]
