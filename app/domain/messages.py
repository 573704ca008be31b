"""Pieces of refusal messages: the user's input shown short, long lists cut off.

A message that echoes what was typed or read must stay readable: a 1 MB date
string or a 5,000-digit number is shown as its first characters and its size,
and a file with thousands of bad rows lists the first few and counts the rest.
"""

from __future__ import annotations

import errno
import math
from collections.abc import Sequence
from decimal import Decimal

#: At most this many characters of the user's input appear in one message.
ECHO_LIMIT = 80
#: Problems listed in one message; the rest are counted.
MAX_PROBLEMS_SHOWN = 20
#: Longer digit strings are never turned into int: Python refuses past 4,300
#: digits with a message about its own limits, and no diary value is this long.
MAX_NUMBER_DIGITS = 100
#: errno values that mean "no room left", whatever the file system calls it.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def is_disk_full(error: BaseException) -> bool:
    """True when an OSError says the disk (or the user's quota) has no room left."""
    return isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS


def clip_input(text: str, limit: int = ECHO_LIMIT) -> str:
    """`text` unquoted, cut to `limit` characters with its full length noted."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def quote_input(value: object, limit: int = ECHO_LIMIT) -> str:
    """The user's value for a message: quoted text or a number, never over `limit` of it."""
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        quoted = repr(value[:limit])
        return f"{quoted[:-1]}…{quoted[-1]} ({len(value):,} characters)"
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        # str() of a huge int raises; its size is known from the bits.
        if value.bit_length() > limit * math.log2(10):
            digits = math.floor(value.bit_length() * math.log10(2)) + 1
            return f"a number of about {digits:,} digits"
        return str(value)
    if isinstance(value, Decimal):
        digits = len(value.as_tuple().digits)
        return f"a number with {digits:,} digits" if digits > limit else str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return f"a list of {len(value):,} items"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def problem_lines(problems: Sequence[str], limit: int = MAX_PROBLEMS_SHOWN) -> list[str]:
    """The first `limit` problems, then one line counting the rest."""
    shown = list(problems[:limit])
    if len(problems) > limit:
        more = len(problems) - limit
        shown.append(f"... and {more:,} more problem{'s' if more != 1 else ''}")
    return shown


def parse_json_int(text: str) -> int | Decimal:
    """`json.loads` parse_int: an int, or a Decimal past MAX_NUMBER_DIGITS digits.

    The Decimal is refused later by the field's own check, which then names the field.
    """
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        return Decimal(text)
    return int(text)


class EntryError(ValueError):
    """A day (or own factor) was refused; `problems` lists (field, message) pairs.

    Lives here, not in `entry`, so the own-factor rules can raise it without
    loading pydantic (the service API is imported at start-up).
    """

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in problems))
