"""The user's own factors and suspects: their rules, without storage.

An own factor has a name (unique whatever its case), a kind (yes/no, a 0-10
rating, or minutes) and optionally a threshold for "exposed" (see
`app.domain.columns.OwnFactorColumn.exposed`). A suspect is a factor (built-in
or own) with a lag the user declared they suspect; it is tested first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.messages import EntryError, quote_input

#: As `app.domain.columns.OWN_FACTOR_KINDS` (a test holds them equal; that module loads numpy).
OWN_FACTOR_KINDS = ("yesno", "rating", "minutes")
MAX_OWN_FACTORS = 20
MAX_SUSPECTS = 3
MAX_FACTOR_NAME_CHARS = 60
#: The built-in factors a suspect may name (the analysis' factor codes).
BUILT_IN_FACTORS = ("sitting", "inactivity", "posture", "overexertion", "sleep", "stress")
#: How each kind is said to the user.
KIND_LABELS = {"yesno": "yes/no", "rating": "0-10 rating", "minutes": "minutes"}
#: The range of a value of each kind (yes/no stored as 0/1).
KIND_RANGES = {"yesno": (0, 1), "rating": (0, 10), "minutes": (0, 1440)}

# As custom exercise names: they travel in CSV headers ("factor:NAME:KIND").
_NAME_FORBIDDEN = re.compile(r"[;:\n\r\t\x00-\x1f\x7f\ud800-\udfff]")


class FactorError(EntryError):
    """An own factor or suspect was refused; `field` names what was wrong."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__([(field, message)])


@dataclass(frozen=True)
class OwnFactor:
    """One of the user's own factors as stored."""

    name: str
    kind: str
    threshold: float | None = None
    archived: bool = False
    created_on: dt.date | None = None
    #: How many days hold a value of it (filled by the reads that count them).
    days: int = 0

    @property
    def key(self) -> str:
        """The name as compared: case and inner spaces do not make another factor."""
        return factor_key(self.name)

    def as_json(self) -> dict[str, Any]:
        """The definition as the backup and `factor list --json` write it."""
        return {
            "name": self.name,
            "kind": self.kind,
            "threshold": self.threshold,
            "archived": self.archived,
            "created_on": self.created_on.isoformat() if self.created_on else None,
        }


@dataclass(frozen=True)
class Suspect:
    """A factor the user suspects, with its lag (0 same day, 1 next day)."""

    factor: str  # a built-in code or an own factor's name
    lag: int
    declared_on: dt.date
    #: None: covers every day (declared while the diary had no days); else only
    #: days dated after this (a pattern already seen cannot confirm itself).
    covers_from: dt.date | None
    own: bool = False

    def covers(self, date: dt.date) -> bool:
        """Whether `date` counts towards testing this suspect."""
        return self.covers_from is None or date > self.covers_from

    def covers_text(self) -> str:
        """What days it covers, in words."""
        if self.covers_from is None:
            return "every day"
        return f"days after {self.covers_from.isoformat()}"

    def as_json(self) -> dict[str, Any]:
        """As the backup and `suspect list --json` write it."""
        return {
            "factor": self.factor,
            "own": self.own,
            "lag": self.lag,
            "declared_on": self.declared_on.isoformat(),
            "covers_from": self.covers_from.isoformat() if self.covers_from else None,
        }


def factor_key(name: str) -> str:
    """The comparison key of a factor name."""
    return " ".join(name.split()).casefold()


def check_factor_name(value: Any) -> str:
    """A valid own-factor name (trimmed), or FactorError naming the rule."""
    if not isinstance(value, str) or not value.strip():
        raise FactorError("name", "must not be empty")
    name = " ".join(value.split())
    if len(name) > MAX_FACTOR_NAME_CHARS or _NAME_FORBIDDEN.search(name):
        raise FactorError(
            "name",
            f"{quote_input(value)} must be at most {MAX_FACTOR_NAME_CHARS} characters "
            "without ';', ':' or line breaks",
        )
    if factor_key(name) in BUILT_IN_FACTORS:
        raise FactorError(
            "name",
            f"{quote_input(value)} is a built-in factor; built-in: {', '.join(BUILT_IN_FACTORS)}",
        )
    return name


def check_kind(value: Any) -> str:
    """A known kind, or FactorError listing them."""
    if value not in OWN_FACTOR_KINDS:
        raise FactorError(
            "kind", f"unknown kind {quote_input(value)}; allowed: {', '.join(OWN_FACTOR_KINDS)}"
        )
    return value


def check_threshold(kind: str, value: Any) -> float | None:
    """A threshold within the kind's range (none for yes/no), or FactorError."""
    if value is None:
        return None
    if kind == "yesno":
        raise FactorError("threshold", "a yes/no factor has no threshold (yes is exposed)")
    low, high = KIND_RANGES[kind]
    number = value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = value
    if (
        isinstance(number, bool)
        or not isinstance(number, int | float)
        or not math.isfinite(number)
        or not low <= number <= high
    ):
        raise FactorError(
            "threshold",
            f"must be a number from {low} to {high} for a {KIND_LABELS[kind]} factor,"
            f" got {quote_input(value)}",
        )
    return float(number)


def check_lag(value: Any) -> int:
    """0 (same day) or 1 (next day), or FactorError."""
    if isinstance(value, bool) or value not in (0, 1):
        raise FactorError("lag", f"must be 0 (same day) or 1 (next day), got {quote_input(value)}")
    return int(value)


def value_for_kind(factor: OwnFactor, value: int | bool) -> int | bool:
    """`value` as stored for `factor`'s kind (yes/no as bool), or FactorError naming it."""
    if factor.kind == "yesno":
        if isinstance(value, bool):
            return value
        if value in (0, 1):
            return bool(value)
        raise FactorError(f"factors.{factor.name}", f"must be yes or no, got {quote_input(value)}")
    low, high = KIND_RANGES[factor.kind]
    if isinstance(value, bool) or not low <= value <= high:
        raise FactorError(
            f"factors.{factor.name}",
            f"must be a whole number from {low} to {high} ({KIND_LABELS[factor.kind]}), "
            f"got {quote_input(value)}",
        )
    return value


def check_day_factors(
    values: Mapping[str, int | bool],
    known: Mapping[str, OwnFactor],
    before: Mapping[str, int | bool] | None = None,
    *,
    allow_archived: bool = False,
) -> dict[str, int | bool]:
    """A day's own-factor values checked against the diary's factors (`known` by key).

    Names are matched whatever their case and returned as the factor's own
    spelling; an archived factor takes no new value (one the day held before,
    `before`, may stay) unless `allow_archived` (restoring a backup).
    """
    out: dict[str, int | bool] = {}
    old = {factor_key(name): value for name, value in (before or {}).items()}
    for name, value in values.items():
        factor = known.get(factor_key(name))
        offered = sorted(f.name for f in known.values() if not f.archived)
        if factor is None:
            raise FactorError(
                f"factors.{name}",
                "is not one of your factors; yours: "
                + (", ".join(offered) or "none yet")
                + " (add one with `pain-diary factor add`)",
            )
        checked = value_for_kind(factor, value)
        if factor.archived and not allow_archived and old.get(factor.key) != checked:
            raise FactorError(
                f"factors.{name}",
                "is archived and takes no new values; yours: " + (", ".join(offered) or "none"),
            )
        out[factor.name] = checked
    return out
