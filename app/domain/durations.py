"""Durations as people read them: one format for every screen ("6 h 45 min")."""

from __future__ import annotations

import re

from app.domain.messages import MAX_NUMBER_DIGITS

MINUTES_PER_DAY = 1440


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


def parse_duration_minutes(text: str) -> int | float | str:
    """'90', '7h30m', '7h30', '7.5h', '2h', '45m' -> minutes; anything else is returned as is."""
    text = text.strip().lower().replace(" ", "").replace(",", ".")
    if len(text) > MAX_NUMBER_DIGITS:  # no day is this long; int() would refuse the digits
        return text
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    # Minutes after hours need no unit ("7h30"); hours may have a decimal ("7.5h").
    match = re.fullmatch(r"(\d+(?:\.\d+)?)h(?:(\d+)(?:m|min)?)?|(\d+)m(?:in)?", text)
    if match:
        hours, minutes, only_minutes = match.groups()
        if only_minutes is not None:
            return int(only_minutes)
        total = float(hours) * 60 + int(minutes or 0)
        return int(total) if total.is_integer() else total
    return text
