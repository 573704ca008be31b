"""Stress and own-factor values in words, for Today, Settings and History (no Kivy)."""

from __future__ import annotations

from collections.abc import Mapping

from app.domain import vocab
from app.domain.durations import format_duration
from app.domain.own_factors import KIND_LABELS, OwnFactor

#: The thresholds the analysis uses when the user set none (`OwnFactorColumn.exposed`).
DEFAULT_THRESHOLDS = {"rating": 7, "minutes": 60}


def stress_words(stress: int | None) -> str:
    """The words beside the stress row: its anchors at 0 and 10, else the number."""
    if stress is None:
        return "Not recorded"
    return vocab.STRESS_ANCHORS.get(stress, f"{stress} of 10")


def value_words(kind: str, value: int | bool | None) -> str:
    """'yes', 'no', '6/10', '1 h 30 min' or 'not recorded': one factor's value."""
    if value is None:
        return "not recorded"
    if kind == "yesno":
        return "yes" if value else "no"
    if kind == "rating":
        return f"{int(value)}/10"
    return format_duration(int(value))


def threshold_words(factor: OwnFactor) -> str:
    """When a day counts as exposed: 'exposed on yes', 'at 7+ (default)', 'over 1 h 30 min'."""
    if factor.kind == "yesno":
        return "exposed on yes"
    own = factor.threshold is not None
    number = factor.threshold if own else DEFAULT_THRESHOLDS[factor.kind]
    if factor.kind == "rating":
        text = f"exposed at {number:g}+"
    else:
        text = f"exposed over {format_duration(int(number))}"
    return text if own else f"{text} (default)"


def factor_line(factor: OwnFactor) -> str:
    """'0-10 rating · exposed at 7+ (default) · on 12 days': a factor in Settings."""
    parts = [KIND_LABELS[factor.kind], threshold_words(factor)]
    days = factor.days
    parts.append(f"on {days} day{'s' if days != 1 else ''}" if days else "not noted yet")
    return " · ".join(parts)


def day_factor_words(
    stress: int | None,
    values: Mapping[str, int | bool],
    kinds: Mapping[str, str],
) -> str:
    """'Stress 7 · Gardening: yes · Screen time: 1 h 30 min' for one day ('' when none).

    `kinds` maps a factor's name to its kind; a name it lacks is shown as a number.
    """
    parts = [] if stress is None else [f"Stress {stress}"]
    for name, value in values.items():
        kind = kinds.get(name, "yesno" if isinstance(value, bool) else "rating")
        parts.append(f"{name}: {value_words(kind, value)}")
    return " · ".join(parts)
