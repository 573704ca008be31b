"""Durations as people read them: one format for every screen ("6 h 45 min")."""

from __future__ import annotations


def format_duration(minutes: float | None) -> str:
    """'6 h 45 min', '6 h', '45 min', '0 min', or '—' when not recorded."""
    if minutes is None:
        return "—"
    hours, rest = divmod(round(minutes), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def format_hours(hours: float | None) -> str:
    """Hours (sleep is stored in hours) in the same format: 6.75 -> '6 h 45 min'."""
    return format_duration(None if hours is None else hours * 60)
