"""A person's own baseline pain: the median of the days just before.

Flares are judged against this baseline rather than a fixed number, because
"7/10" is an ordinary day for one person and a terrible one for another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from app.analysis.entry_columns import columns_from_entries
from app.domain.entry import DayEntry

#: How many preceding days with a pain score make up the baseline (about four weeks).
BASELINE_WINDOW = 28
#: With fewer preceding pain scores than this there is no baseline yet, and only
#: days the user ticked count as flares. A week is the least that smooths out
#: one good or bad day.
MIN_BASELINE_DAYS = 7


@dataclass(frozen=True)
class Baseline:
    """The baseline as of a date: median pain of up to 28 logged days before it."""

    as_of: dt.date | None
    value: float | None
    days_used: int
    window: int = BASELINE_WINDOW
    min_days: int = MIN_BASELINE_DAYS

    @property
    def known(self) -> bool:
        """True when enough days were logged to have a baseline."""
        return self.value is not None


def rolling_baseline(pain: Sequence[float] | np.ndarray) -> np.ndarray:
    """Baseline before each score of a chronological series of pain scores.

    Element i is the median of the up to `BASELINE_WINDOW` scores before i (not
    i itself), or NaN when fewer than `MIN_BASELINE_DAYS` precede it.
    """
    values = np.asarray(pain, dtype=float)
    n = len(values)
    out = np.full(n, np.nan)
    # Short histories one by one (at most BASELINE_WINDOW of them) ...
    for i in range(MIN_BASELINE_DAYS, min(n, BASELINE_WINDOW + 1)):
        out[i] = np.median(values[:i])
    # ... then full windows vectorised, so fifty years of days stay fast.
    if n > BASELINE_WINDOW:
        windows = sliding_window_view(values[:-1], BASELINE_WINDOW)
        out[BASELINE_WINDOW:] = np.median(windows, axis=1)
    return out


def baseline_of_scores(scores: np.ndarray, as_of: dt.date | None) -> Baseline:
    """The baseline after the pain scores (oldest first, no gaps) of the days up to `as_of`."""
    recent = scores[-BASELINE_WINDOW:]
    if len(recent) < MIN_BASELINE_DAYS:
        return Baseline(as_of=as_of, value=None, days_used=len(recent))
    return Baseline(as_of=as_of, value=float(np.median(recent)), days_used=len(recent))


def baseline_as_of(days: Sequence[DayEntry], as_of: dt.date | None = None) -> Baseline:
    """`baseline_of_scores` for the day after `as_of` (default: after the last logged day)."""
    columns = columns_from_entries([d for d in days if as_of is None or d.date <= as_of])
    when = as_of
    if when is None and days:
        when = max(day.date for day in days)
    pain = columns.pain
    return baseline_of_scores(pain[~np.isnan(pain)], when)
