"""A day's pain from its check-ins, and check-ins as plain records: no pydantic.

Today's first frame lists the day's check-ins and the pain derived from them;
the CheckIn model (app.domain.checkin) would load pydantic for that, some
0.2 s and 6 MB of a start. Editing one loads the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CheckInLine:
    """A stored check-in as read, for lists: the model's fields, places as 'region:side'."""

    date: dt.date
    time: dt.time
    pain: int
    doing: str | None = None
    note: str | None = None
    locations: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()

    @property
    def clock(self) -> str:
        """'14:05'."""
        return self.time.strftime("%H:%M")


@dataclass(frozen=True)
class DayPain:
    """The day's average and worst pain as the analysis uses them, and where they came from."""

    pain: float | None
    worst_pain: float | None
    #: "entered" when the average was entered, "checkins" when derived, None when neither.
    source: str | None
    checkins: int = 0

    def shown(self) -> str:
        """'5.3 (from 3 check-ins)' / '6' / '' for displays."""
        if self.pain is None:
            return ""
        if self.source == "checkins":
            plural = "s" if self.checkins != 1 else ""
            return f"{self.pain:.1f} (from {self.checkins} check-in{plural})"
        return f"{self.pain:g}"


def day_pain(pain: int | None, worst_pain: int | None, checkin_pains: Sequence[int]) -> DayPain:
    """The one rule: an entered value wins; else the check-ins' mean (average) and highest (worst).

    The storage layer's SQL (`column_reads`, `day_summaries`) follows the same rule;
    a test holds the two together.
    """
    n = len(checkin_pains)
    mean = sum(checkin_pains) / n if n else None
    highest = max(checkin_pains) if n else None
    average = float(pain) if pain is not None else mean
    worst: float | None = float(worst_pain) if worst_pain is not None else highest
    if worst_pain is None and highest is not None and average is not None:
        # The worst of a day cannot be below its average (an entered 7 with check-ins of 5).
        worst = max(highest, average)
    source = "entered" if pain is not None else ("checkins" if n else None)
    return DayPain(average, None if worst is None else float(worst), source, n)


__all__ = ["CheckInLine", "DayPain", "day_pain"]
