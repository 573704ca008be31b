"""The service API for own factors and suspects, mixed into `Diary`.

Own factors are the user's own daily items (yes/no, a 0-10 rating, minutes);
their values live on the days (`DayEntry.factors`). Suspects are up to three
factors (built-in or own, same day or next day) the user declared they
suspect: the analysis tests them first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from app.domain.own_factors import (
    BUILT_IN_FACTORS,
    MAX_OWN_FACTORS,
    MAX_SUSPECTS,
    FactorError,
    OwnFactor,
    Suspect,
    check_day_factors,
    check_factor_name,
    check_kind,
    check_lag,
    check_threshold,
    factor_key,
)
from app.storage import factors as store
from app.storage import repository as repo
from app.storage.connections import raw

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from app.domain.entry import DayEntry


class FactorMethods:
    """Own factors and suspects of the diary; `Diary` provides `_read` and `_write`."""

    def _read(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _write(self) -> contextlib.AbstractContextManager[Connection]:
        raise NotImplementedError

    # -- own factors ----------------------------------------------------------------

    def factors(self, include_archived: bool = False) -> list[OwnFactor]:
        """The user's own factors in the order added (with `days` recorded)."""
        with self._read() as connection:
            return store.read_own_factors(connection=connection, include_archived=include_archived)

    def add_factor(self, name: str, kind: str, threshold: float | None = None) -> OwnFactor:
        """Add an own factor; FactorError names the field (name taken, limit, kind...)."""
        name = check_factor_name(name)
        kind = check_kind(kind)
        threshold = check_threshold(kind, threshold)
        factor = OwnFactor(name, kind, threshold, False, dt.date.today())
        with self._write() as connection:
            sqlite = raw(connection)
            _add_checked(sqlite, factor)
        return factor

    def rename_factor(self, old: str, new: str) -> OwnFactor:
        """Rename an own factor; its values on every day stay. A name in use is refused."""
        new = check_factor_name(new)
        with self._write() as connection:
            sqlite = raw(connection)
            known = store.factors_by_key(sqlite)
            factor = _known(known, old)
            clash = known.get(factor_key(new))
            if clash is not None and clash.key != factor.key:
                raise FactorError("name", f"you already have a factor named {clash.name!r}")
            store.update_own_factor(sqlite, factor.name, name=new)
        return OwnFactor(new, factor.kind, factor.threshold, factor.archived, factor.created_on)

    def archive_factor(self, name: str) -> OwnFactor:
        """Archive an own factor: kept in old days and exports, no longer offered or accepted."""
        with self._write() as connection:
            sqlite = raw(connection)
            factor = _known(store.factors_by_key(sqlite), name)
            store.update_own_factor(sqlite, factor.name, archived=True)
        return OwnFactor(factor.name, factor.kind, factor.threshold, True, factor.created_on)

    def ensure_factors(self, definitions: Iterable[OwnFactor]) -> list[OwnFactor]:
        """Add the factors not yet in the diary (an import's); returns those added.

        A definition whose kind differs from the diary's factor of that name is
        refused (FactorError) and nothing is added.
        """
        with self._write() as connection:
            return _ensure(raw(connection), definitions)

    # -- suspects -------------------------------------------------------------------

    def suspect_choices(self) -> list[tuple[str, str]]:
        """(factor, label) a suspect may name: the built-in factors, then active own ones."""
        return [(code, factor_label(code)) for code in BUILT_IN_FACTORS] + [
            (f.name, f.name) for f in self.factors()
        ]

    def suspects(self) -> list[Suspect]:
        """The declared suspects (at most 3), in the order declared."""
        with self._read() as connection:
            return store.read_suspects(connection=connection)

    def add_suspect(self, factor: str, lag: int = 1) -> Suspect:
        """Declare a suspect (built-in factor code or own factor name) dated today.

        Declared while the diary has no days, it covers every day later logged
        or imported; otherwise only days dated after today.
        """
        lag = check_lag(lag)
        today = dt.date.today()
        with self._write() as connection:
            sqlite = raw(connection)
            name, own = _suspect_factor(sqlite, factor)
            found = store.read_suspects(connection=sqlite)
            if any(s.factor == name and s.lag == lag for s in found):
                raise FactorError("factor", f"{name} ({_lag_words(lag)}) is already a suspect")
            if len(found) >= MAX_SUSPECTS:
                raise FactorError(
                    "factor",
                    f"You can have at most {MAX_SUSPECTS} suspects; remove one first: "
                    + ", ".join(f"{s.factor} ({_lag_words(s.lag)})" for s in found),
                )
            empty = repo.day_count(connection=sqlite) == 0
            suspect = Suspect(name, lag, today, None if empty else today, own=own)
            store.add_suspect(sqlite, suspect)
        return suspect

    def remove_suspect(self, factor: str, lag: int | None = None) -> list[Suspect]:
        """Remove the suspect `factor` (at `lag`, or at both); returns those removed."""
        if lag is not None:
            lag = check_lag(lag)
        with self._write() as connection:
            sqlite = raw(connection)
            found = store.read_suspects(connection=sqlite)
            gone = [
                s
                for s in found
                if factor_key(s.factor) == factor_key(factor) and (lag is None or s.lag == lag)
            ]
            if not gone:
                listed = ", ".join(f"{s.factor} ({_lag_words(s.lag)})" for s in found)
                raise FactorError(
                    "factor", f"{factor!r} is not a suspect; yours: {listed or 'none'}"
                )
            store.remove_suspects(sqlite, gone)
        return gone

    def import_suspects(self, suspects: Iterable[Suspect]) -> int:
        """Add a backup's suspects with their dates (those not already declared)."""
        with self._write() as connection:
            return _import_suspects(raw(connection), suspects)


# -- helpers shared with Diary's save paths ------------------------------------------


def checked_entry(
    sqlite: sqlite3.Connection,
    entry: DayEntry,
    before: Mapping[str, Any] | None = None,
    *,
    allow_archived: bool = False,
) -> DayEntry:
    """`entry` with its own-factor values checked against the diary and in canonical form.

    `before`: the day's factors as stored (an archived factor's unchanged value may stay).
    """
    if not entry.factors:
        return entry
    known = store.factors_by_key(sqlite)
    checked = check_day_factors(entry.factors, known, before, allow_archived=allow_archived)
    return entry.model_copy(update={"factors": checked})


def factor_label(factor: str) -> str:
    """How screens name a factor: "Long sitting" for `sitting`; an own factor by its name."""
    from app.analysis import factors as known

    return known.factor(factor).label if factor in known.FACTOR_CODES else factor


def suspect_label(factor: str, lag: int) -> str:
    """'Long sitting: flare-ups the next day', as screens name a suspect."""
    return f"{factor_label(factor)}: flare-ups {'the same day' if lag == 0 else 'the next day'}"


def suspect_refusal(
    error: FactorError, taken: Iterable[Suspect], factor: str, lag: int, remove_where: str
) -> str:
    """A refused suspect as screens say it: factors by their labels, not the CLI's codes.

    `taken` is the diary's suspects read after the refusal; `remove_where` says where
    one can be removed ('above', 'in Settings').
    """
    taken = list(taken)
    if any(s.factor == factor and s.lag == lag for s in taken):
        return f"{suspect_label(factor, lag)} is already one of your suspects."
    if len(taken) >= MAX_SUSPECTS:
        return (
            f"You have {MAX_SUSPECTS} suspects already: remove one {remove_where} "
            "before adding another."
        )
    return refusal_words(error)


def refusal_words(error: FactorError) -> str:
    """The service's message without its field name (a screen says what the field is)."""
    return error.problems[0][1] if error.problems else str(error)


def _known(known: Mapping[str, OwnFactor], name: str) -> OwnFactor:
    factor = known.get(factor_key(name)) if isinstance(name, str) else None
    if factor is None:
        names = ", ".join(f.name for f in known.values()) or "none yet"
        raise FactorError("name", f"{name!r} is not one of your factors; yours: {names}")
    return factor


def _add_checked(sqlite: sqlite3.Connection, factor: OwnFactor) -> None:
    known = store.factors_by_key(sqlite)
    if factor.key in known:
        raise FactorError("name", f"you already have a factor named {known[factor.key].name!r}")
    if sum(not f.archived for f in known.values()) >= MAX_OWN_FACTORS:
        raise FactorError(
            "name",
            f"you can have at most {MAX_OWN_FACTORS} own factors; archive one first",
        )
    store.add_own_factor(sqlite, factor)


def _ensure(sqlite: sqlite3.Connection, definitions: Iterable[OwnFactor]) -> list[OwnFactor]:
    added = []
    for factor in definitions:
        known = store.factors_by_key(sqlite)
        have = known.get(factor.key)
        if have is None:
            store.add_own_factor(sqlite, factor)
            added.append(factor)
        elif have.kind != factor.kind:
            raise FactorError(
                f"factor:{factor.name}:{factor.kind}",
                f"the diary's factor {have.name!r} is {have.kind}, this says {factor.kind}",
            )
    return added


def _import_suspects(sqlite: sqlite3.Connection, suspects: Iterable[Suspect]) -> int:
    added = 0
    for suspect in suspects:
        found = store.read_suspects(connection=sqlite)
        if any(
            factor_key(s.factor) == factor_key(suspect.factor) and s.lag == suspect.lag
            for s in found
        ):
            continue
        if len(found) >= MAX_SUSPECTS:
            break
        name, own = _suspect_factor(sqlite, suspect.factor, allow_archived=True)
        store.add_suspect(
            sqlite, Suspect(name, suspect.lag, suspect.declared_on, suspect.covers_from, own)
        )
        added += 1
    return added


def _suspect_factor(
    sqlite: sqlite3.Connection, factor: Any, *, allow_archived: bool = False
) -> tuple[str, bool]:
    """(name, own) of the factor a suspect names, or FactorError listing the choices."""
    text = " ".join(factor.split()) if isinstance(factor, str) else ""
    if text.lower() in BUILT_IN_FACTORS:
        return text.lower(), False
    known = store.factors_by_key(sqlite)
    own = known.get(factor_key(text))
    if own is not None and (allow_archived or not own.archived):
        return own.name, True
    choices = [*BUILT_IN_FACTORS, *(f.name for f in known.values() if not f.archived)]
    raise FactorError("factor", f"unknown factor {factor!r}; allowed: {', '.join(choices)}")


def _lag_words(lag: int) -> str:
    return "same day" if lag == 0 else "next day"
