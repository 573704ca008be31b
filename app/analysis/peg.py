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


def weekly(days: Sequence[PegDay]) -> list[PegWeek]:
    """Mean PEG per ISO week (Monday start), oldest first."""
    groups: dict[dt.date, list[float]] = {}
    for day in days:
        monday = day.date - dt.timedelta(days=day.date.weekday())
        groups.setdefault(monday, []).append(day.score)
    return [
        PegWeek(week_start=monday, score=float(np.mean(scores)), days=len(scores))
        for monday, scores in sorted(groups.items())
    ]


def pain_change_meaningful(first: float, last: float) -> bool:
    """True when pain moved by 2 points or by 30 % of where it started."""
    moved = abs(last - first)
    return moved >= PAIN_MEANINGFUL_POINTS or (
        first > 0 and moved / first >= PAIN_MEANINGFUL_FRACTION
    )


def compare_ends(
    values: dict[dt.date, float], start: dt.date, end: dt.date, measure: str
) -> Change | None:
    """Mean of the first and last COMPARE_DAYS days of [start, end], or None.

    None when the period is shorter than two non-overlapping windows or either
    window has fewer than MIN_COMPARE_DAYS scored days.
    """
    if (end - start).days + 1 < 2 * COMPARE_DAYS:
        return None
    early_end = start + dt.timedelta(days=COMPARE_DAYS - 1)
    late_start = end - dt.timedelta(days=COMPARE_DAYS - 1)
    early = [v for d, v in values.items() if start <= d <= early_end]
    late = [v for d, v in values.items() if late_start <= d <= end]
    if min(len(early), len(late)) < MIN_COMPARE_DAYS:
        return None
    return _change(measure, early, late)


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
    """PEG per day and week in [start, end], and the changes across it."""
    in_period = sorted((d for d in days if start <= d.date <= end), key=lambda d: d.date)
    scored = [PegDay(d.date, d.peg) for d in in_period if d.peg is not None]
    pain = {d.date: float(d.pain) for d in in_period if d.pain is not None}
    return PegSummary(
        days=tuple(scored),
        weeks=tuple(weekly(scored)),
        peg_change=compare_ends({p.date: p.score for p in scored}, start, end, "peg"),
        pain_change=compare_ends(pain, start, end, "pain"),
    )


def peg_summary_columns(days: DayColumns, start: dt.date, end: dt.date) -> PegSummary:
    """`peg_summary` for the logged days in [start, end] given as columns."""
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
        # np.mean per week, on the scores in date order: the same sums as `weekly`.
        PegWeek(dt.date.fromordinal(int(mondays[i])), float(np.mean(chunk)), len(chunk))
        for i, chunk in zip(firsts, np.split(peg_score, cuts) if len(mondays) else [], strict=True)
    )
    has_pain = ~np.isnan(days.pain)
    return PegSummary(
        days=peg_days,
        weeks=weeks,
        peg_change=_compare_ends_columns(peg_ordinal, peg_score, start, end, "peg"),
        pain_change=_compare_ends_columns(
            ordinal[has_pain], days.pain[has_pain], start, end, "pain"
        ),
    )


def _compare_ends_columns(
    ordinal: np.ndarray, values: np.ndarray, start: dt.date, end: dt.date, measure: str
) -> Change | None:
    """`compare_ends` of values on ordinals (ascending)."""
    if (end - start).days + 1 < 2 * COMPARE_DAYS:
        return None
    first_day, last_day = start.toordinal(), end.toordinal()
    early = values[(ordinal >= first_day) & (ordinal <= first_day + COMPARE_DAYS - 1)]
    late = values[(ordinal >= last_day - COMPARE_DAYS + 1) & (ordinal <= last_day)]
    if min(len(early), len(late)) < MIN_COMPARE_DAYS:
        return None
    return _change(measure, early, late)  # type: ignore[arg-type]
