"""Days as columns: the shape the analysis works on, built from `DayEntry` objects.

The service reads these columns straight from SQL (`read_day_columns`,
`read_list_tallies`); the functions here build the same from objects, for
callers that hold days already (charts, the report, tests, simulations): the
analysis' `DayEntry` functions are these plus the column functions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.domain.columns import DayColumns, ListTallies, OwnFactorColumn
from app.domain.entry import DayEntry

__all__ = ["DayColumns", "ListTallies", "columns_from_entries", "tallies_from_entries"]


def _floats(values: list) -> np.ndarray:
    return np.array(values, dtype=float).reshape(len(values))


def _objects(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def columns_from_entries(days: Sequence[DayEntry], own_factors: Sequence = ()) -> DayColumns:
    """The columns of `days`, sorted by date (as `read_day_columns` gives them).

    `own_factors`: the diary's own factors (`app.domain.own_factors.OwnFactor`:
    name, kind, threshold, archived), one column each from the days' `factors`.
    """
    ordered = sorted(days, key=lambda d: d.date)

    def exercise_minutes(day: DayEntry) -> float | None:
        recorded = [ex.minutes for ex in day.exercises if ex.minutes is not None]
        return sum(recorded) if recorded else None

    return DayColumns(
        ordinal=np.array([d.date.toordinal() for d in ordered], dtype=np.int64),
        pain=_floats([d.pain for d in ordered]),
        worst_pain=_floats([d.worst_pain for d in ordered]),
        enjoyment_interference=_floats([d.enjoyment_interference for d in ordered]),
        activity_interference=_floats([d.activity_interference for d in ordered]),
        sitting_minutes=_floats([d.sitting_minutes for d in ordered]),
        active_minutes=_floats([d.active_minutes for d in ordered]),
        exercise_minutes=_floats([exercise_minutes(d) for d in ordered]),
        exertion=_objects([d.exertion for d in ordered]),
        posture=_objects([d.posture for d in ordered]),
        sleep_hours=_floats([d.sleep_hours for d in ordered]),
        sleep_quality=_floats([d.sleep_quality for d in ordered]),
        flare=np.array([d.flare for d in ordered], dtype=bool),
        red_flag=np.array([bool(d.red_flags) for d in ordered], dtype=bool),
        # getattr: days of a diary before stress existed (and tests' plain days) have none.
        stress=_floats([getattr(d, "stress", None) for d in ordered]),
        own=tuple(
            OwnFactorColumn(
                f.name,
                f.kind,
                f.threshold,
                _floats([_factor_value(d, f.name) for d in ordered]),
                f.archived,
            )
            for f in own_factors
        ),
    )


def _factor_value(day: DayEntry, name: str) -> float | None:
    value = getattr(day, "factors", {}).get(name)
    return None if value is None else float(value)


def tallies_from_entries(days: Sequence[DayEntry]) -> ListTallies:
    """The list tallies of `days` (as `read_list_tallies` gives them)."""
    location_sets: dict[tuple[tuple[str, str | None], ...], int] = {}
    symptoms: dict[str, int] = {}
    exercises: dict[str, tuple[int, int]] = {}
    treatments: dict[str, tuple[int, int, int]] = {}
    for day in days:
        pairs = tuple(sorted({(loc.region, loc.side or "") for loc in day.locations}))
        if pairs:
            key = tuple((region, side or None) for region, side in pairs)
            location_sets[key] = location_sets.get(key, 0) + 1
        for symptom in set(day.symptoms):
            symptoms[symptom] = symptoms.get(symptom, 0) + 1
        done: dict[str, int] = {}
        for exercise in day.exercises:
            done[exercise.name] = done.get(exercise.name, 0) + (exercise.minutes or 0)
        for name, minutes in done.items():
            n, total = exercises.get(name, (0, 0))
            exercises[name] = (n + 1, total + minutes)
        for treatment in {t.name: t for t in day.treatments}.values():
            n, rated, total = treatments.get(treatment.name, (0, 0, 0))
            relief = treatment.relief
            treatments[treatment.name] = (
                n + 1,
                rated + (relief is not None),
                total + (relief or 0),
            )
    return ListTallies(location_sets, symptoms, exercises, treatments)
