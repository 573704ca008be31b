"""PEG scores (pain, enjoyment, general activity) per day and week, and change over a period.

Changes are judged against the minimal important change, never against 0:
about 1 point for PEG, and 2 points or 30 % for pain in back pain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from app.analysis.entry_columns import columns_from_entries
from app.domain.entry import DayEntry

if TYPE_CHECKING:
    from app.domain.columns import DayColumns

#: Minimal important change in the PEG score (points).
PEG_MEANINGFUL_CHANGE = 1.0
#: Minimal important change in pain for back pain: 2 points ...
PAIN_MEANINGFUL_POINTS = 2.0
#: ... or 30 % of where it started.
PAIN_MEANINGFUL_FRACTION = 0.30
#: Days at each end of the period that are compared ("first and last two weeks").
COMPARE_DAYS = 14
#: Fewest scored days in each of those windows for a comparison.
MIN_COMPARE_DAYS = 3


@dataclass(frozen=True)
class PegDay:
    """The PEG score of one day (mean of its three items)."""

    date: dt.date
    score: float


@dataclass(frozen=True)
class PegWeek:
    """Mean PEG score of the scored days in a week starting on Monday."""

    week_start: dt.date
    score: float
    days: int


@dataclass(frozen=True)
class Change:
    """A measure at the start and end of a period, and whether the change matters."""

    measure: str  # "pain" or "peg"
    first: float  # mean over the first COMPARE_DAYS days
    last: float  # mean over the last COMPARE_DAYS days
    first_days: int
    last_days: int
    meaningful: bool
    threshold: str  # the minimal important change it was judged against, in words

    @property
    def change(self) -> float:
        """Last minus first: negative means less pain or interference."""
        return self.last - self.first

    @property
    def direction(self) -> str:
        """'better', 'worse' or 'unchanged' (higher scores are worse)."""
        if not self.meaningful:
            return "unchanged"
        return "better" if self.change < 0 else "worse"


@dataclass(frozen=True)
class PegSummary:
    """PEG per day and per week, and first-vs-last-two-weeks changes of PEG and pain."""

    days: tuple[PegDay, ...]
    weeks: tuple[PegWeek, ...]
    peg_change: Change | None
    pain_change: Change | None


def pain_change_meaningful(first: float, last: float) -> bool:
    """True when pain moved by 2 points or by 30 % of where it started."""
    moved = abs(last - first)
    return moved >= PAIN_MEANINGFUL_POINTS or (
        first > 0 and moved / first >= PAIN_MEANINGFUL_FRACTION
    )


def compare_ends(
    values: dict[dt.date, float], start: dt.date, end: dt.date, measure: str
) -> Change | None:
    """`compare_ends_columns` for values keyed by date."""
    dates = sorted(values)
    ordinal = np.array([d.toordinal() for d in dates], dtype=np.int64)
    return compare_ends_columns(
        ordinal, np.array([values[d] for d in dates], dtype=float), start, end, measure
    )


def _change(measure: str, early: Sequence[float], late: Sequence[float]) -> Change:
    """The change between the values of the first and last windows."""
    first, last = float(np.mean(early)), float(np.mean(late))
    if measure == "peg":
        meaningful = abs(last - first) >= PEG_MEANINGFUL_CHANGE
        threshold = f"about {PEG_MEANINGFUL_CHANGE:g} point"
    else:
        meaningful = pain_change_meaningful(first, last)
        threshold = f"{PAIN_MEANINGFUL_POINTS:g} points or {PAIN_MEANINGFUL_FRACTION:.0%}"
    return Change(measure, first, last, len(early), len(late), meaningful, threshold)


def peg_summary(days: Sequence[DayEntry], start: dt.date, end: dt.date) -> PegSummary:
    """`peg_summary_columns` for `DayEntry` objects (those outside [start, end] are left out)."""
    in_period = [d for d in days if start <= d.date <= end]
    return peg_summary_columns(columns_from_entries(in_period), start, end)


def peg_summary_columns(days: DayColumns, start: dt.date, end: dt.date) -> PegSummary:
    """PEG per day and week in [start, end], and the changes across it.

    `days` are the logged days of the period, as columns (oldest first).
    """
    ordinal = days.ordinal
    # Whole-number items: the sum is exact and /3 rounds once, as DayEntry.peg does.
    score = (days.pain + days.enjoyment_interference + days.activity_interference) / 3
    scored = ~np.isnan(score)
    peg_ordinal, peg_score = ordinal[scored], score[scored]
    peg_days = tuple(
        PegDay(dt.date.fromordinal(o), s)
        for o, s in zip(peg_ordinal.tolist(), peg_score.tolist(), strict=True)
    )
    # Weeks start on Monday; ordinal 1 (1 Jan of year 1) was a Monday.
    mondays = peg_ordinal - (peg_ordinal - 1) % 7
    cuts = np.flatnonzero(np.diff(mondays)) + 1
    firsts = np.concatenate(([0], cuts)) if len(mondays) else cuts
    weeks = tuple(
        # The mean of each week's scores, in date order.
        PegWeek(dt.date.fromordinal(int(mondays[i])), float(np.mean(chunk)), len(chunk))
        for i, chunk in zip(firsts, np.split(peg_score, cuts) if len(mondays) else [], strict=True)
    )
    has_pain = ~np.isnan(days.pain)
    return PegSummary(
        days=peg_days,
        weeks=weeks,
        peg_change=compare_ends_columns(peg_ordinal, peg_score, start, end, "peg"),
        pain_change=compare_ends_columns(
            ordinal[has_pain], days.pain[has_pain], start, end, "pain"
        ),
    )


def compare_ends_columns(
    ordinal: np.ndarray, values: np.ndarray, start: dt.date, end: dt.date, measure: str
) -> Change | None:
    """Mean of the first and last COMPARE_DAYS days of [start, end], or None.

    `values` are on the days `ordinal` (ascending `date.toordinal()`). None when
    the period is shorter than two non-overlapping windows or either window has
    fewer than MIN_COMPARE_DAYS values.
    """
    if (end - start).days + 1 < 2 * COMPARE_DAYS:
        return None
    first_day, last_day = start.toordinal(), end.toordinal()
    early = values[(ordinal >= first_day) & (ordinal <= first_day + COMPARE_DAYS - 1)]
    late = values[(ordinal >= last_day - COMPARE_DAYS + 1) & (ordinal <= last_day)]
    if min(len(early), len(late)) < MIN_COMPARE_DAYS:
        return None
    return _change(measure, early, late)  # type: ignore[arg-type]
