"""A period at a glance: logging, pain, flare-ups, where it hurt, what was tried."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from app.analysis.flares import FlareEpisode
from app.domain import vocab
from app.domain.entry import DayEntry

if TYPE_CHECKING:
    from app.domain.columns import DayColumns, ListTallies

#: Leg sides a location counts for ("both" counts for each leg).
_SIDE_LEGS = {"left": ("left",), "right": ("right",), "both": ("left", "right")}
#: Upper end of the sciatic path (where it starts) and lower end (below the knee).
SCIATIC_UPPER = frozenset(vocab.SCIATIC_PATH[:2])  # buttock, back of thigh
SCIATIC_LOWER = frozenset(vocab.SCIATIC_PATH[2:])  # calf, foot


@dataclass(frozen=True)
class Count:
    """How many logged days something was recorded on."""

    code: str
    label: str
    days: int


@dataclass(frozen=True)
class TreatmentUse:
    """A treatment: days used and the mean relief rated (0-10) when rated."""

    name: str
    label: str
    days: int
    rated: int
    mean_relief: float | None


@dataclass(frozen=True)
class ExerciseUse:
    """An exercise: days done and total minutes recorded."""

    name: str
    label: str
    days: int
    minutes: int


@dataclass(frozen=True)
class PeriodSummary:
    """The facts of a period a clinician reads first."""

    start: dt.date
    end: dt.date
    days_in_period: int
    days_logged: int
    pain_days: int  # logged days with an average pain score
    pain_mean: float | None
    # Whole numbers when entered; a day scored from its check-ins can give a mean like 4.67.
    pain_least: float | int | None  # lowest daily average
    pain_worst: float | int | None  # highest worst-pain score (or daily average if none)
    sitting_mean: float | None  # mean minutes sitting, over the days it was recorded
    flare_days: int
    episodes: tuple[FlareEpisode, ...]
    locations: tuple[Count, ...]  # most frequent first
    back_days: int
    leg_days: int
    left_leg_days: int
    right_leg_days: int
    sciatic_days: dict[str, int]  # side -> days with the sciatic pattern on that side
    symptoms: tuple[Count, ...]
    treatments: tuple[TreatmentUse, ...]
    exercises: tuple[ExerciseUse, ...]
    red_flag_days: tuple[dt.date, ...]

    @property
    def episode_lengths(self) -> tuple[int, ...]:
        """Length in days of each flare episode."""
        return tuple(e.length for e in self.episodes)

    @property
    def mean_episode_length(self) -> float | None:
        """Mean flare episode length in days."""
        return float(np.mean(self.episode_lengths)) if self.episodes else None


def sciatic_sides(day: DayEntry) -> list[str]:
    """Leg sides on which the day's pain runs from buttock or thigh down past the knee.

    That is the sciatic pattern: buttock or back of thigh, and calf or foot,
    on the same side.
    """
    return _sciatic_sides([(loc.region, loc.side) for loc in day.locations])


def _sciatic_sides(pairs: Iterable[tuple[str, str | None]]) -> list[str]:
    """`sciatic_sides` of a day's (region, side) pairs."""
    regions: dict[str, set[str]] = {"left": set(), "right": set()}
    for region, side in pairs:
        for leg in _SIDE_LEGS.get(side or "", ()):
            regions[leg].add(region)
    return [
        side for side, found in regions.items() if found & SCIATIC_UPPER and found & SCIATIC_LOWER
    ]


def summarise_columns(
    days: DayColumns,
    tallies: ListTallies,
    start: dt.date,
    end: dt.date,
    *,
    flare_days: int,
    episodes: Sequence[FlareEpisode],
) -> PeriodSummary:
    """Summary of the logged days in [start, end]; flares come from the flares module.

    `days` must hold exactly the days of the period (as columns, oldest first),
    and `tallies` their lists.
    """
    pain = days.pain[~np.isnan(days.pain)]
    worst = np.where(np.isnan(days.worst_pain), days.pain, days.worst_pain)
    worst = worst[~np.isnan(worst)]
    sitting = days.sitting_minutes[~np.isnan(days.sitting_minutes)]

    location_days: Counter[tuple[str, str | None]] = Counter()
    back = leg = left = right = 0
    sciatic: Counter[str] = Counter()
    # Each distinct set of locations once, weighted by the days that had it.
    for pairs, n in tallies.location_sets.items():
        location_days.update(dict.fromkeys(pairs, n))
        regions = {region for region, _ in pairs}
        back += n * bool(regions & vocab.BACK_REGIONS)
        leg_sides = [side for region, side in pairs if region in vocab.LEG_REGIONS]
        leg += n * bool(leg_sides)
        legs = {each for side in leg_sides for each in _SIDE_LEGS.get(side or "", ())}
        left += n * ("left" in legs)
        right += n * ("right" in legs)
        sciatic.update(dict.fromkeys(_sciatic_sides(pairs), n))

    red = days.red_flag.nonzero()[0]
    return PeriodSummary(
        start=start,
        end=end,
        days_in_period=(end - start).days + 1,
        days_logged=len(days),
        pain_days=len(pain),
        pain_mean=float(np.mean(pain)) if len(pain) else None,
        pain_least=score(pain.min()) if len(pain) else None,
        pain_worst=score(worst.max()) if len(worst) else None,
        sitting_mean=float(np.mean(sitting)) if len(sitting) else None,
        flare_days=flare_days,
        episodes=tuple(episodes),
        locations=tuple(
            Count(f"{region}:{side}" if side else region, vocab.location_label(region, side), n)
            for (region, side), n in _most_common(location_days)
        ),
        back_days=back,
        leg_days=leg,
        left_leg_days=left,
        right_leg_days=right,
        sciatic_days={side: sciatic[side] for side in ("left", "right") if sciatic[side]},
        symptoms=tuple(
            Count(code, vocab.label(vocab.SYMPTOMS, code), n)
            for code, n in _most_common(Counter(tallies.symptoms))
        ),
        treatments=tuple(
            sorted(
                (
                    TreatmentUse(
                        name,
                        vocab.label(vocab.TREATMENTS, name),
                        n,
                        rated,
                        total / rated if rated else None,  # exact sum: as np.mean
                    )
                    for name, (n, rated, total) in tallies.treatments.items()
                ),
                key=lambda t: (-t.days, t.label),
            )
        ),
        exercises=tuple(
            sorted(
                (
                    ExerciseUse(name, vocab.label(vocab.EXERCISES, name), n, minutes)
                    for name, (n, minutes) in tallies.exercises.items()
                ),
                key=lambda e: (-e.days, e.label),
            )
        ),
        red_flag_days=tuple(dt.date.fromordinal(int(o)) for o in days.ordinal[red]),
    )


def _most_common(counter: Counter) -> list:
    # Ties in a stable, readable order rather than insertion order.
    return sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))


def score(value: float) -> float | int:
    """A pain score as an int when whole (entered), else the float (a check-in mean).

    int() would cut a derived 4.67 to 4.
    """
    value = float(value)
    return int(value) if value.is_integer() else value
