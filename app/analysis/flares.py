"""Flare days and flare episodes.

A flare day is a day the user ticked as a flare, or a day whose pain is at
least `FLARE_RISE` points above their own baseline (the minimal important
change for back pain). Flare days on consecutive calendar days form one
episode; an unlogged day ends an episode, since we cannot know it was a flare.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.analysis.baseline import rolling_baseline
from app.domain.entry import DayEntry

#: Points above baseline that make a day a flare (2 points: the minimal
#: important change in pain for back pain).
FLARE_RISE = 2


@dataclass(frozen=True)
class FlareEpisode:
    """Consecutive flare days: first and last date and the highest pain in them."""

    start: dt.date
    end: dt.date
    peak: int | None

    @property
    def length(self) -> int:
        """Length in days."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class FlareDays:
    """Every logged day (oldest first) with its baseline and whether it was a flare."""

    dates: tuple[dt.date, ...]
    pain: tuple[int | None, ...]
    baseline: tuple[float | None, ...]
    ticked: tuple[bool, ...]
    flare: tuple[bool, ...]

    def by_date(self) -> dict[dt.date, bool]:
        """Flare status keyed by date."""
        return dict(zip(self.dates, self.flare, strict=True))


def flare_arrays(days: Sequence[DayEntry]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pain with NaN gaps, baseline with NaN, flare mask) for days sorted by date.

    The baseline of a day is taken over earlier days that have a pain score,
    so a half-filled day neither gets nor gives a baseline value.
    """
    pain = np.array([np.nan if d.pain is None else d.pain for d in days], dtype=float)
    ticked = np.array([d.flare for d in days], dtype=bool)
    baseline, flare = flare_mask(pain, ticked)
    return pain, baseline, flare


def flare_mask(pain: np.ndarray, ticked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(baseline with NaN, flare mask) from the pain (NaN gaps) and ticks of days by date."""
    has_pain = ~np.isnan(pain)
    baseline = np.full(len(pain), np.nan)
    baseline[has_pain] = rolling_baseline(pain[has_pain])
    with np.errstate(invalid="ignore"):
        risen = pain >= baseline + FLARE_RISE  # NaN compares False: no baseline, no rise
    return baseline, ticked | risen


def classify_days(days: Sequence[DayEntry]) -> FlareDays:
    """Baseline and flare status of each logged day."""
    ordered = sorted(days, key=lambda d: d.date)
    _, baseline, flare = flare_arrays(ordered)
    return FlareDays(
        dates=tuple(d.date for d in ordered),
        pain=tuple(d.pain for d in ordered),
        baseline=tuple(None if np.isnan(b) else float(b) for b in baseline),
        ticked=tuple(d.flare for d in ordered),
        flare=tuple(bool(f) for f in flare),
    )


def episodes_from_mask(
    ordinals: np.ndarray, flare: np.ndarray, pain: np.ndarray
) -> list[tuple[int, int, float]]:
    """(first ordinal, last ordinal, peak pain or NaN) of each run of flare days.

    `ordinals` are the days' `date.toordinal()` values, ascending; a run breaks
    where the calendar skips a day.
    """
    index = np.flatnonzero(flare)
    if index.size == 0:
        return []
    days = ordinals[index]
    breaks = np.flatnonzero(np.diff(days) != 1) + 1
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks - 1, [index.size - 1]))
    peaks_source = np.where(np.isnan(pain[index]), -1.0, pain[index])
    peaks = np.maximum.reduceat(peaks_source, starts)
    peaks = np.where(peaks < 0, np.nan, peaks)
    return [
        (int(days[s]), int(days[e]), float(p)) for s, e, p in zip(starts, ends, peaks, strict=True)
    ]


def find_episodes(days: Sequence[DayEntry]) -> list[FlareEpisode]:
    """Flare episodes, oldest first."""
    ordered = sorted(days, key=lambda d: d.date)
    pain, _, flare = flare_arrays(ordered)
    ordinals = np.array([d.date.toordinal() for d in ordered], dtype=np.int64)
    return [
        FlareEpisode(
            start=dt.date.fromordinal(first),
            end=dt.date.fromordinal(last),
            peak=None if np.isnan(peak) else int(peak),
        )
        for first, last, peak in episodes_from_mask(ordinals, flare, pain)
    ]
