"""Pain by what you were doing and by time of day, from check-ins (pure functions).

Associations only: a check-in while sitting that scores higher says that the
two went together in this diary, not that sitting caused it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain import vocab

if TYPE_CHECKING:
    from app.domain.checkin import CheckIn

#: Hours in each time-of-day block: eight blocks a day keep counts readable.
BLOCK_HOURS = 3
#: Check-ins a period needs before the report gives its by-activity line.
REPORT_MIN_CHECKINS = 10

#: How an activity reads after "while" where its label does not fit there.
_WHILE = {"other": "doing something else"}


@dataclass(frozen=True)
class ActivityPain:
    """The check-ins made while doing one thing: how many, and their mean pain."""

    doing: str
    checkins: int
    mean_pain: float

    @property
    def label(self) -> str:
        """The activity's label ('Lying down')."""
        return vocab.label(vocab.DOING, self.doing)


@dataclass(frozen=True)
class BlockPain:
    """The check-ins made in one block of hours: [start_hour, start_hour + BLOCK_HOURS)."""

    start_hour: int
    checkins: int
    mean_pain: float | None  # None when the block has no check-ins

    @property
    def label(self) -> str:
        """'06–09' style label of the block."""
        return f"{self.start_hour:02d}–{self.start_hour + BLOCK_HOURS:02d}"


def by_activity(rows: Iterable[tuple[str | None, int, float]]) -> tuple[ActivityPain, ...]:
    """Mean pain per activity from (doing, check-ins, sum of pain) rows, in `vocab.DOING` order.

    Rows without an activity (doing None) and activities without check-ins are left out.
    """
    totals: dict[str, list[float]] = {}
    for doing, count, pain_sum in rows:
        if doing is None or not count:
            continue
        tally = totals.setdefault(doing, [0, 0.0])
        tally[0] += count
        tally[1] += pain_sum
    return tuple(
        ActivityPain(code, int(totals[code][0]), totals[code][1] / totals[code][0])
        for code in vocab.DOING
        if code in totals
    )


def activity_rows(checkins: Iterable[CheckIn]) -> list[tuple[str | None, int, int]]:
    """The (doing, check-ins, sum of pain) rows of check-in objects, as storage aggregates them."""
    tallies: dict[str | None, list[int]] = {}
    for checkin in checkins:
        tally = tallies.setdefault(checkin.doing, [0, 0])
        tally[0] += 1
        tally[1] += checkin.pain
    return [(doing, n, total) for doing, (n, total) in tallies.items()]


def by_time_of_day(checkins: Iterable[CheckIn]) -> tuple[BlockPain, ...]:
    """Mean pain per block of BLOCK_HOURS hours (00–03 first), every block listed."""
    sums = [0] * (24 // BLOCK_HOURS)
    counts = [0] * (24 // BLOCK_HOURS)
    for checkin in checkins:
        block = checkin.time.hour // BLOCK_HOURS
        sums[block] += checkin.pain
        counts[block] += 1
    return tuple(
        BlockPain(i * BLOCK_HOURS, n, sums[i] / n if n else None) for i, n in enumerate(counts)
    )


def highest_first(activities: Iterable[ActivityPain]) -> list[ActivityPain]:
    """Highest mean pain first; ties: more check-ins first, then the vocabulary's order."""
    order = list(vocab.DOING)
    return sorted(activities, key=lambda a: (-a.mean_pain, -a.checkins, order.index(a.doing)))


def activity_sentence(activities: Iterable[ActivityPain]) -> str:
    """'Your check-ins while sitting averaged 5.8 (42 check-ins), while walking 4.1 (30).'

    Highest mean first, counts beside every mean; '' when there are none.
    """
    ordered = highest_first(activities)
    if not ordered:
        return ""
    first, *rest = ordered
    plural = "s" if first.checkins != 1 else ""
    text = (
        f"Your check-ins while {_while(first.doing)} averaged {first.mean_pain:.1f} "
        f"({first.checkins} check-in{plural})"
    )
    for activity in rest:
        text += f", while {_while(activity.doing)} {activity.mean_pain:.1f} ({activity.checkins})"
    return text + "."


def _while(doing: str) -> str:
    return _WHILE.get(doing, vocab.label(vocab.DOING, doing).lower())
