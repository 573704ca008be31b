"""The service API: every operation the GUI and the CLI offer, in one place.

Importing this module loads no Kivy and opens no window (a test proves it).
Reads are plain SQL on sqlite3; SQLAlchemy (writes), Alembic (a diary whose
schema is behind), Matplotlib and report code are imported inside the
functions that need them, so opening and reading a diary stays fast.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.charts import CHART_KINDS
from app.config import default_diary_path
from app.diary.checkin_files import CheckInFileMethods
from app.diary.checkins import CheckInMethods, derived_fields, with_derived_pain
from app.diary.factors import FactorMethods, checked_entry
from app.domain.fields import DAY_FIELDS
from app.domain.vocab import EXERCISES
from app.exports.report_pdf import PAPERS
from app.storage import backups, migrate
from app.storage import factors as factor_store
from app.storage import repository as repo
from app.storage.cipher import Conversion, Passphrase
from app.storage.connections import DiaryConnections, raw, translate_errors
from app.storage.database import (
    SQLITE_HEADER,
    DiaryBusyError,
    DiaryDiskFullError,
    DiaryFileError,
    DiaryReadOnlyError,
    PassphraseNeededError,
    WrongPassphraseError,
    check_diary_file,
    ensure_private_dir,
    inspect_existing,
    is_encrypted,
    is_read_only,
    make_private,
)
from app.storage.diary_files import OwnFileError, refuse_own_files, side_files
from app.storage.migrate import DIARY_TABLES, stored_revision
from app.storage.repository import DaySpan, DaySummary

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from sqlalchemy import Connection

    from app.analysis.insights import Finding, Insights
    from app.domain.checkin import CheckIn
    from app.domain.entry import DayEntry, EntryError, make_entry
    from app.domain.own_factors import OwnFactor, Suspect

__all__ = [
    "CHART_KINDS",
    "PAPERS",
    "Conversion",
    "DayChangedError",
    "DayEntry",
    "DaySpan",
    "DaySummary",
    "Diary",
    "DiaryBusyError",
    "DiaryDiskFullError",
    "DiaryFileError",
    "DiaryReadOnlyError",
    "EntryError",
    "ImportReport",
    "OwnFileError",
    "Passphrase",
    "PassphraseNeededError",
    "TrendsView",
    "WrongPassphraseError",
    "make_entry",
]

#: Re-exported from app.domain.entry on first use: pydantic takes a tenth of a
#: second to import, and the app's first frame does not need it.
_FROM_ENTRY = frozenset({"DayEntry", "EntryError", "make_entry"})


def __getattr__(name: str) -> Any:
    if name in _FROM_ENTRY:
        from app.domain import entry

        return getattr(entry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SETTING_USER_NAME = "user_name"
SETTING_THEME = "theme"


def _kind_clash(factor: OwnFactor, kind: str) -> str:
    """A CSV column whose kind is not the diary's factor's, in words naming both."""
    return (
        f"column factor:{factor.name}:{factor.kind} says {factor.name} is {factor.kind}, "
        f"but your factor {factor.name} is {kind}; rename the column or the factor"
    )


class DayChangedError(Exception):
    """The day changed on disk since a form loaded it, in a way a merge cannot settle.

    `fields` names the clashing fields; `on_disk` is the day as it is now on
    disk (the `get_day_fields` shape), or None if it was deleted.
    """

    def __init__(
        self, date: dt.date, fields: tuple[str, ...], on_disk: dict[str, Any] | None
    ) -> None:
        self.date = date
        self.fields = fields
        self.on_disk = on_disk
        if on_disk is None:
            message = f"{date.isoformat()} was deleted by another program since it was opened"
        else:
            names = ", ".join(fields) or "the day"
            message = (
                f"{date.isoformat()} was changed by another program since it was opened ({names})"
            )
        super().__init__(message)


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    added: list[dt.date] = field(default_factory=list)
    replaced: list[dt.date] = field(default_factory=list)
    unchanged: list[dt.date] = field(default_factory=list)
    conflicts: list[dt.date] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    #: Settings the diary already had with another value, kept (no `replace`).
    settings_kept: list[str] = field(default_factory=list)
    #: "days" (day CSV, JSON backup) or "checkins" (the check-in CSV).
    kind: str = "days"
    #: Check-ins written: new ones (check-in CSV), or those of the days written (backup).
    checkins_added: int = 0
    checkins_replaced: int = 0
    checkins_unchanged: int = 0
    #: (date, time) of check-ins the diary holds with other values (no `replace`).
    checkin_conflicts: list[tuple[dt.date, dt.time]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the import was carried out."""
        return not self.problems and not self.conflicts and not self.checkin_conflicts


@dataclass(frozen=True)
class TrendsView:
    """What the Trends screen shows of a period: all of it from `Diary.insights`."""

    start: dt.date
    end: dt.date
    days_in_period: int
    days_logged: int
    pain_mean: float | None
    #: Ticked, or pain 2 points above the person's baseline: as the chart, the
    #: report and `insights` count them.
    flare_days: int
    sitting_mean: float | None  # minutes a day, over the days sitting was recorded
    findings: tuple[Finding, ...]  # every factor x lag, linked or not
    #: "About 7 more weeks of logging would show ...": `Insights.answer_times`.
    answer_times: tuple[str, ...] = ()
    #: How many of `answer_times`, from the first, are about the person's suspects.
    answer_suspects: int = 0


class Diary(CheckInMethods, CheckInFileMethods, FactorMethods):
    """An open diary file. Use `Diary.open()` and close it (or use `with`)."""

    def __init__(self, path: Path, *, read_only: bool = False, key: str | None = None):
        self.path = path
        self.read_only = read_only
        #: True for an encrypted (SQLCipher) diary; its exports are still plain files.
        self.encrypted = key is not None
        self._files = DiaryConnections(path, read_only=read_only, key=key)

    # -- opening and closing --------------------------------------------------

    #: What went wrong on opening without stopping it ("could not make today's backup: ...").
    warnings: list[str] | tuple[()] = ()

    @classmethod
    def open(
        cls, path: Path | str | None = None, passphrase: Passphrase | str | None = None
    ) -> Diary:
        """Open (creating if needed) and migrate the diary at `path` or the default.

        Every check that can refuse the file reads only, before anything is
        written. Problems that must not stop the diary (today's backup failed)
        are in `warnings`, for the caller to show once. An encrypted diary needs
        its `passphrase` (PassphraseNeededError without, WrongPassphraseError
        when it does not open it; the file is untouched either way); a plain
        diary ignores it.
        """
        path = Path(path).expanduser() if path else default_diary_path()
        path = path.absolute()
        ensure_private_dir(path.parent)
        warnings: list[str] = []
        read_only = False
        key: str | None = None
        if path.exists():
            try:
                check_diary_file(path, encrypted_ok=True)
                read_only = is_read_only(path)
                if is_encrypted(path):
                    key = cls._key(path, passphrase)
                if path.stat().st_size:
                    inspect_existing(path, DIARY_TABLES, migrate.check_schema, key=key)
                elif backups.list_backups(path):
                    # An emptied diary, not a new one: logging into it would start a
                    # fresh diary whose backups would push the good ones out.
                    raise DiaryFileError(
                        f"{path} is empty (0 bytes), but it has backups: its days are missing"
                    )
            except (DiaryBusyError, DiaryReadOnlyError, PassphraseNeededError):
                raise
            except WrongPassphraseError:
                raise
            except DiaryFileError as error:
                if key is None and passphrase is not None:
                    key = _backups_key(path, passphrase)  # a damaged encrypted diary's backups
                good = backups.newest_good_backup(path, DIARY_TABLES, key)
                raise DiaryFileError(
                    f"{error}.{_backup_hint(path, good)}", reason=f"{error}.", backup=good
                ) from None
            if path.stat().st_size and not read_only:
                from app.storage.cipher import remove_stale_conversions

                remove_stale_conversions(path)
                if key is not None:
                    warnings += _finish_encrypting_backups(path, key)
                warnings += backups.backup_today(path, key)
        diary = cls(path, read_only=read_only, key=key)
        diary.warnings = warnings
        try:
            with translate_errors(path):
                # A current diary is recognised with one plain query; SQLAlchemy
                # and Alembic are loaded only when there is something to migrate.
                if stored_revision(diary._files.reader()) != migrate.SCHEMA_HEAD:
                    if read_only:
                        raise DiaryReadOnlyError(
                            f"{path} is read-only, and opening it means writing to it (to set "
                            "it up, or upgrade it from an older version of Pain Diary): make "
                            f"it writable (chmod 600 {path}) and try again"
                        )
                    migrate.upgrade_engine(diary._files.engine)
        except DiaryFileError as error:
            diary.close()
            message = str(error)
            raise type(error)(
                message if message.startswith(str(path)) else f"{path} {message}"
            ) from None
        except Exception:
            diary.close()
            raise
        if not read_only:  # a read-only diary's mode is never changed
            for suffix in ("", "-wal", "-shm"):
                make_private(Path(f"{path}{suffix}"))
        return diary

    @staticmethod
    def _key(path: Path, passphrase: Passphrase | str | None) -> str:
        """The key of the encrypted diary at `path`, checked against the file (reads only)."""
        from app.storage.cipher import check_key

        if passphrase is None:
            raise PassphraseNeededError(
                f"{path} is encrypted: its passphrase is needed to open it",
                reason="a passphrase is needed",
            )
        key = _passphrase(passphrase).key_for(path)
        check_key(path, key)
        return key

    def close(self) -> None:
        """Release the file, checkpointing the WAL back into it (see DiaryConnections.close).

        An encrypted diary's key is dropped too: locking the app closes the diary.
        """
        self._files.close()

    # -- encryption ---------------------------------------------------------------------

    @staticmethod
    def is_encrypted(path: Path | str | None = None) -> bool:
        """True if the diary at `path` (or the default) is an encrypted one (no SQLite header)."""
        path = Path(path).expanduser() if path else default_diary_path()
        return is_encrypted(path)

    @staticmethod
    def needs_passphrase(path: Path | str | None = None, backup: Path | str | None = None) -> bool:
        """True if opening the diary at `path` (or restoring `backup` into it) needs a passphrase.

        An encrypted diary does; so does a missing or damaged one that is not
        plain SQLite, with encrypted backups (or an encrypted `backup` to restore).
        """
        path = (Path(path).expanduser() if path else default_diary_path()).absolute()
        if is_encrypted(path):
            return True
        if _plain_sqlite(path):
            return False
        if backup is not None and is_encrypted(Path(backup).expanduser()):
            return True
        return any(is_encrypted(backup.path) for backup in backups.list_backups(path))

    @staticmethod
    def encrypt(path: Path | str | None, passphrase: Passphrase | str) -> Conversion:
        """Encrypt the (closed) plain diary at `path` in place, and its backups.

        The plain file is overwritten and removed only after the encrypted copy
        was verified against it; its plain backups are re-encrypted, or removed
        if they cannot be (both listed in the result).
        """
        from app.storage import cipher

        path = Diary._existing(path)
        if is_encrypted(path):
            raise DiaryFileError(f"{path} is encrypted already; nothing was changed")
        Diary.open(path).close()  # checks, migrates and backs it up as any open does
        with translate_errors(path):
            return cipher.convert(path, None, _passphrase(passphrase))

    @staticmethod
    def decrypt(path: Path | str | None, passphrase: Passphrase | str) -> Conversion:
        """Turn the (closed) encrypted diary at `path` back into a plain one, and its backups."""
        from app.storage import cipher

        path = Diary._existing(path)
        if not is_encrypted(path):
            raise DiaryFileError(f"{path} is not encrypted; nothing was changed")
        passphrase = _passphrase(passphrase)
        Diary.open(path, passphrase).close()
        with translate_errors(path):
            return cipher.convert(path, passphrase, None)

    @staticmethod
    def change_passphrase(
        path: Path | str | None, old: Passphrase | str, new: Passphrase | str
    ) -> Conversion:
        """Give the (closed) encrypted diary at `path`, and its backups, a new passphrase."""
        from app.storage import cipher

        path = Diary._existing(path)
        if not is_encrypted(path):
            raise DiaryFileError(f"{path} is not encrypted; encrypt it first")
        old = _passphrase(old)
        Diary.open(path, old).close()
        with translate_errors(path):
            return cipher.rekey(path, old, _passphrase(new))

    @staticmethod
    def _existing(path: Path | str | None) -> Path:
        path = (Path(path).expanduser() if path else default_diary_path()).absolute()
        if not path.is_file() or not path.stat().st_size:
            raise DiaryFileError(f"{path}: no such diary (nothing to convert)")
        return path

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def prepare_to_write(self) -> None:
        """Load the write path now (SQLAlchemy, the tables), so the first save is instant.

        Safe to call from a worker thread; the GUI does when a form is first edited.
        """
        self._files.prepare_to_write()

    def _read(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One read transaction: everything read in it is one state of the diary."""
        return self._files.read()

    def _write(self) -> contextlib.AbstractContextManager[Connection]:
        """One write transaction (BEGIN IMMEDIATE) through SQLAlchemy."""
        return self._files.write()

    # -- days -------------------------------------------------------------------

    def save_day(self, entry: DayEntry | dict[str, Any]) -> DayEntry:
        """Create or replace one day, in one transaction; returns what was saved."""
        from app.domain.entry import DayEntry, make_entry

        if not isinstance(entry, DayEntry):
            entry = make_entry(entry)
        else:
            # Re-validate: a DayEntry built with model_construct skipped the rules.
            entry = make_entry(entry.model_dump())
        from app.storage import writes

        with self._write() as connection:
            found = repo.read_day_fields(connection=raw(connection), dates=[entry.date])
            before = found[0]["factors"] if found else None
            entry = checked_entry(raw(connection), entry, before)
            writes.write_day(entry, connection=connection)
        return entry

    def update_day(self, date: dt.date, fields: Mapping[str, Any]) -> tuple[DayEntry, bool]:
        """Change only `fields` of the day on `date` (creating it); returns (saved, created).

        The day is read, merged, validated and written in one write transaction
        (BEGIN IMMEDIATE): two programs updating different fields of one day at
        once both keep their change. Nothing is written if the result is refused.
        """
        from app.domain.entry import EntryError, make_entry
        from app.storage import writes

        unknown = sorted(set(fields) - set(DAY_FIELDS[1:]))
        if unknown:
            raise EntryError([(name, "is not a field of a day") for name in unknown])
        with self._write() as connection:
            found = repo.read_day_fields(connection=raw(connection), dates=[date])
            base = found[0] if found else {}
            changes = dict(fields)
            if "factors" in changes and changes["factors"] is not None:
                # Per factor: the ones named change (an empty value clears one), others stay.
                merged = {**base.get("factors", {}), **changes["factors"]}
                changes["factors"] = {k: v for k, v in merged.items() if v not in (None, "")}
            entry = make_entry({**base, **changes, "date": date})
            entry = checked_entry(raw(connection), entry, base.get("factors"))
            writes.write_day(entry, connection=connection)
        return entry, not found

    def save_form(
        self, date: dt.date, loaded: Mapping[str, Any] | None, edited: Mapping[str, Any]
    ) -> DayEntry:
        """Save a form's day without overwriting what changed on disk since it was loaded.

        `loaded` is the day as the form loaded it (`get_day_fields(date)`: None
        when there was no day); `edited` is the form's fields now (all of them,
        or only some: a field left out counts as untouched). Inside one write
        transaction each field is merged three ways:

        - untouched by the user (edited == loaded): the value on disk is kept;
        - changed by the user, unchanged on disk (disk == loaded): the user's value;
        - changed by both to the same value: that value;
        - changed by both to different values: `DayChangedError` naming the
          fields and carrying the day on disk (`error.on_disk`); nothing is written.

        A day deleted on disk since it was loaded also raises DayChangedError
        (`on_disk` None), and so does a merge that breaks a rule of a day (e.g.
        worst pain below the average another program saved). To keep the
        user's version after asking, call again with `loaded=error.on_disk`
        (every field the user sees differently then wins); to take the disk's,
        show `error.on_disk`. Invalid input raises EntryError before anything
        is read. Returns the day as saved: show it, it may hold fields another
        program changed.
        """
        from app.domain.day_merge import merge_day
        from app.domain.entry import EntryError, make_entry
        from app.storage import writes

        unknown = sorted(set(edited) - set(DAY_FIELDS))
        if unknown:
            raise EntryError([(name, "is not a field of a day") for name in unknown])
        empty = make_entry({"date": date}).model_dump()
        before = make_entry({**loaded, "date": date}).model_dump() if loaded else empty
        mine = make_entry({**before, **edited, "date": date}).model_dump()
        with self._write() as connection:
            found = repo.read_day_fields(connection=raw(connection), dates=[date])
            disk = make_entry(found[0]).model_dump() if found else empty
            result = merge_day(before, mine, disk)
            if loaded and not found:
                raise DayChangedError(date, tuple(sorted(result.touched)), None)
            if result.clashes:
                raise DayChangedError(date, tuple(sorted(result.clashes)), found[0])
            try:
                entry = make_entry(result.fields)
            except EntryError:
                changed = {n for n in DAY_FIELDS[1:] if disk[n] != before[n]}
                raise DayChangedError(
                    date, tuple(sorted(changed | set(result.touched))), found[0]
                ) from None
            entry = checked_entry(raw(connection), entry, disk["factors"])
            writes.write_day(entry, connection=connection)
        return entry

    def get_day(self, date: dt.date) -> DayEntry | None:
        """The day logged on `date`, or None."""
        with self._read() as connection:
            found = repo.read_days(connection=connection, dates=[date])
        return found[0] if found else None

    def get_day_fields(self, date: dt.date) -> dict[str, Any] | None:
        """The day logged on `date` as plain fields (`DayEntry.model_dump()` shape), or None.

        For showing a day in a form: it needs no pydantic model, so the app's
        start does not wait for pydantic to load.
        """
        with self._read() as connection:
            found = repo.read_day_fields(connection=connection, dates=[date])
        return found[0] if found else None

    def days(self, start: dt.date | None = None, end: dt.date | None = None) -> list[DayEntry]:
        """Logged days in [start, end], oldest first."""
        with self._read() as connection:
            return repo.read_days(connection=connection, start=start, end=end)

    def summaries(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        newest: int | None = None,
    ) -> list[DaySummary]:
        """One-line summaries of the logged days in [start, end], oldest first.

        `newest=n` keeps only the latest n days of the range: page backwards
        through a long diary with `end` = the day before the oldest one shown.
        """
        with self._read() as connection:
            rows = repo.day_summaries(connection=connection, start=start, end=end, newest=newest)
            if not rows:
                return rows
            flares = self._flare_dates(connection, rows[0].date, rows[-1].date)
        return [dataclasses.replace(row, flare_day=row.date in flares) for row in rows]

    def _flare_dates(
        self, connection: sqlite3.Connection, start: dt.date, end: dt.date
    ) -> set[dt.date]:
        """The flare days in [start, end] by the one rule, read as `insights` reads them."""
        from app.analysis.flares import flare_mask
        from app.analysis.insights import LOOKBACK_DAYS
        from app.storage.column_reads import read_day_columns

        since = start - dt.timedelta(days=LOOKBACK_DAYS)
        columns = read_day_columns(connection=connection, start=since, end=end)
        _, flare = flare_mask(columns.pain, columns.flare)
        first = start.toordinal()
        return {dt.date.fromordinal(int(day)) for day in columns.ordinal[flare] if day >= first}

    def day_span(self) -> DaySpan:
        """How many days are logged, and the first and last logged date."""
        with self._read() as connection:
            return repo.day_span(connection=connection)

    def dates(self) -> list[dt.date]:
        """Every logged date, oldest first."""
        with self._read() as connection:
            return repo.logged_dates(connection=connection)

    def count(self, start: dt.date | None = None, end: dt.date | None = None) -> int:
        """Number of logged days in [start, end] (all of them by default)."""
        with self._read() as connection:
            return repo.day_count(connection=connection, start=start, end=end)

    def delete_day(self, date: dt.date) -> DayEntry | None:
        """Delete a day; returns what was deleted so the caller can offer undo."""
        from app.storage import writes

        with self._write() as connection:
            found = repo.read_days(connection=raw(connection), dates=[date])
            if found:
                writes.delete_day(date, connection=connection)
        return found[0] if found else None

    def previous_day(self, before: dt.date) -> DayEntry | None:
        """The latest logged day before `before`."""
        with self._read() as connection:
            date = repo.previous_date(before, connection=connection)
            found = repo.read_days(connection=connection, dates=[date]) if date else []
        return found[0] if found else None

    def same_as_previous(self, date: dt.date) -> DayEntry | None:
        """A copy of the previous logged day dated `date`, for quick logging.

        The note and red flags are not copied: they describe that day only. Nor
        are archived own factors' values: an archived factor takes no new ones.
        """
        previous = self.previous_day(date)
        if previous is None:
            return None
        factors = previous.factors
        if factors:
            archived = {f.name for f in self.factors(include_archived=True) if f.archived}
            factors = {name: value for name, value in factors.items() if name not in archived}
        return previous.model_copy(
            update={"date": date, "note": None, "red_flags": [], "factors": factors}
        )

    # -- insights -----------------------------------------------------------------------

    def insights(self, start: dt.date | None = None, end: dt.date | None = None) -> Insights:
        """Baseline, flare-ups, factor links, PEG and summary for [start, end].

        The weeks before `start` are fetched too: they inform the baseline at the
        start of the period only.
        """
        with self._read() as connection:
            return self._insights(connection, start, end)

    def _insights(
        self, connection: sqlite3.Connection, start: dt.date | None, end: dt.date | None
    ) -> Insights:
        """Insights from the columns the analysis needs, read in SQL (no day objects)."""
        from app.analysis.insights import LOOKBACK_DAYS, insights_from_columns

        since = start - dt.timedelta(days=LOOKBACK_DAYS) if start else None
        from app.storage.column_reads import (
            read_checkin_pain_by_doing,
            read_day_columns,
            read_list_tallies,
        )

        columns = read_day_columns(connection=connection, start=since, end=end)
        # The lists are tallied over the period itself, not the weeks before it;
        # so are the check-ins (an open start: every check-in up to `end`).
        tallies = read_list_tallies(connection=connection, start=start, end=end)
        rows = read_checkin_pain_by_doing(connection=connection, start=start, end=end)
        from app.analysis.test_plan import Suspect
        from app.storage.factors import read_suspects

        # What the person suspects is tested first, at most of the 5 % (the test plan).
        suspects = [
            Suspect(s.factor, s.lag, s.declared_on, s.covers_from)
            for s in read_suspects(connection=connection)
        ]
        return insights_from_columns(
            columns, tallies, start, end, checkin_rows=rows, suspects=suspects
        )

    def trends(self, start: dt.date, end: dt.date) -> TrendsView:
        """The key figures and findings of [start, end], as the Trends screen shows them."""
        found = self.insights(start, end)
        summary = found.summary
        return TrendsView(
            start=found.start or start,
            end=found.end or end,
            days_in_period=summary.days_in_period if summary else 0,
            days_logged=found.days_logged,
            pain_mean=summary.pain_mean if summary else None,
            flare_days=summary.flare_days if summary else 0,
            sitting_mean=summary.sitting_mean if summary else None,
            findings=found.findings,
            answer_times=found.answer_times,
            # answer_times lists the suspects first: the same count, not linked yet.
            answer_suspects=sum(1 for f in found.findings if f.declared and not f.linked),
        )

    def chart(
        self,
        kind: str,
        start: dt.date | None = None,
        end: dt.date | None = None,
        *,
        width: float = 6.4,
        height: float = 4.8,
        dpi: int = 100,
        theme: str = "light",
    ) -> Figure:
        """The chart `kind` (`app.charts.CHART_KINDS`) of [start, end] as a Matplotlib Figure.

        `theme` is "light" (white, as printed) or "dark" (for the app's dark theme).

        The period defaults to the first and last logged day (today when none
        is). The weeks before `start` are read as for `insights`, so the chart's
        flare-ups are the ones `insights` and the report count.
        """
        from app.analysis.insights import LOOKBACK_DAYS
        from app.charts import chart_figure

        with self._read() as connection:
            start, end = self._period(connection, start, end)
            since = start - dt.timedelta(days=LOOKBACK_DAYS)
            # The check-ins that derive the days' pain are the ones drawn (trend,
            # timeofday): one read, one transaction, the same diary.
            days, checkins = self._days_analysed(connection, since, end)
        return chart_figure(
            kind,
            days,
            start=start,
            end=end,
            width=width,
            height=height,
            dpi=dpi,
            theme=theme,
            checkins=checkins,
        )

    def chart_period(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> tuple[dt.date, dt.date]:
        """The period a chart of [start, end] shows: open ends become the first/last logged day."""
        with self._read() as connection:
            return self._period(connection, start, end)

    @staticmethod
    def _period(
        connection: sqlite3.Connection, start: dt.date | None, end: dt.date | None
    ) -> tuple[dt.date, dt.date]:
        span = repo.day_span(connection=connection)
        today = dt.date.today()
        start = start or span.first or today
        end = end or span.last or today
        if end < start:
            raise ValueError(f"the period ends ({end}) before it starts ({start})")
        return start, end

    def export_chart(
        self,
        path: Path | str,
        kind: str,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> tuple[dt.date, dt.date]:
        """Draw the chart `kind` of [start, end] into a .png or .svg file; returns the period."""
        from app.exports.files import atomic_write

        path = self.check_destination(path)
        start, end = self.chart_period(start, end)
        figure = self.chart(kind, start, end)
        with atomic_write(path, "wb") as handle:  # whole file or none, owner-only
            figure.savefig(handle, format=path.suffix.lower().lstrip("."))
        return start, end

    def _analysed(
        self, start: dt.date | None, end: dt.date | None
    ) -> tuple[list[DayEntry], Insights, dict[dt.date, list[CheckIn]], dict[dt.date, frozenset]]:
        """The days analysed for [start, end] (with the weeks before it), their insights,
        their check-ins and which days' pain / worst pain were derived from them."""
        from app.analysis.insights import LOOKBACK_DAYS
        from app.storage.checkins import read_checkins

        since = start - dt.timedelta(days=LOOKBACK_DAYS) if start else None
        # One transaction: the days and the insights describe the same diary.
        with self._read() as connection:
            stored = repo.read_days(connection=connection, start=since, end=end)
            checkins = read_checkins(connection=connection, start=since, end=end)
            days = with_derived_pain(stored, checkins)
            derived = derived_fields(stored, checkins)
            return days, self._insights(connection, start, end), checkins, derived

    @staticmethod
    def _days_analysed(
        connection: sqlite3.Connection, start: dt.date | None, end: dt.date | None
    ) -> tuple[list[DayEntry], dict[dt.date, list[CheckIn]]]:
        """The days of [start, end] with pain derived from check-ins where not entered,
        and those check-ins."""
        from app.storage.checkins import read_checkins

        days = repo.read_days(connection=connection, start=start, end=end)
        checkins = read_checkins(connection=connection, start=start, end=end)
        return with_derived_pain(days, checkins), checkins

    # -- exercises and settings ------------------------------------------------------

    def custom_exercises(self) -> list[str]:
        """The user's own exercise names, remembered from earlier days."""
        with self._read() as connection:
            return repo.custom_exercises(connection=connection)

    def exercise_choices(self) -> list[str]:
        """Catalogue codes then the user's own names, for pickers."""
        return [*EXERCISES, *self.custom_exercises()]

    def setting(self, key: str, default: str | None = None) -> str | None:
        """One stored preference."""
        with self._read() as connection:
            value = repo.get_setting(key, connection=connection)
        return default if value is None else value

    def set_setting(self, key: str, value: str | None) -> None:
        """Store (or with None, forget) one preference."""
        from app.storage import writes

        with self._write() as connection:
            writes.set_setting(key, value, connection=connection)

    # -- files written from the diary ---------------------------------------------

    def check_destination(self, path: Path | str) -> Path:
        """Refuse to write an export, report, chart or copy over the diary; returns `path`.

        Refused: the diary file, its -wal and -shm, and anything in its backups
        folder, however they are named (a symlink, a hard link, `x/../D`):
        existing files are compared by inode, the rest by resolved path.
        Raises OwnFileError (a ValueError) naming the file; nothing is written.
        """
        return refuse_own_files(self.path, path)

    # -- CSV ----------------------------------------------------------------------

    def export_csv(
        self, path: Path | str, start: dt.date | None = None, end: dt.date | None = None
    ) -> int:
        """Write days in [start, end] to a CSV file (atomically); returns the count."""
        from app.exports.csv_format import write_csv
        from app.exports.files import atomic_write

        path = self.check_destination(path)
        with self._read() as connection:  # days and factor columns of one moment
            entries = repo.read_days(connection=connection, start=start, end=end)
            factors = factor_store.read_own_factors(connection=connection)
        with atomic_write(path, "w", encoding="utf-8", newline="") as handle:
            return write_csv(entries, handle, factors)

    def import_csv(self, path: Path | str, *, replace: bool = False) -> ImportReport:
        """Import a day or check-in CSV file (told apart by its header) all-or-nothing.

        Nothing is written unless `report.ok`.
        """
        from app.config import MAX_CSV_BYTES
        from app.exports.checkin_csv import is_checkin_csv
        from app.exports.csv_format import CsvFileError, parse_csv_text
        from app.exports.files import read_limited_text

        path = Path(path)
        text = read_limited_text(path, MAX_CSV_BYTES, CsvFileError, "diary CSV files")
        if is_checkin_csv(text):
            return self.import_checkins_text(text, str(path), replace=replace)
        parsed = parse_csv_text(text, str(path))
        report = ImportReport(problems=parsed.problems)
        known = {f.key: f for f in self.factors(include_archived=True)}
        for factor in parsed.factors:  # said with the row problems; checked again on writing
            have = known.get(factor.key)
            if have is not None and have.kind != factor.kind:
                report.problems.insert(0, (1, _kind_clash(factor, have.kind)))
        if report.problems:
            return report
        return self.import_entries(
            parsed.entries, replace=replace, report=report, factors=parsed.factors
        )

    def import_entries(
        self,
        entries: list[DayEntry],
        *,
        replace: bool = False,
        report: ImportReport | None = None,
        custom_exercises: Iterable[str] = (),
        settings: Mapping[str, str] | None = None,
        checkins: Mapping[dt.date, Sequence[CheckIn]] | None = None,
        factors: Sequence[OwnFactor] = (),
        suspects: Sequence[Suspect] = (),
    ) -> ImportReport:
        """Add days in one transaction; existing different days need `replace`.

        `custom_exercises` and `settings` (from a backup) go in the same
        transaction; a setting the diary already holds is only overwritten
        with `replace`. `checkins` (from a backup, by date): a day and its
        check-ins are one unit, compared and written together, so a replaced
        day's check-ins become the file's (its other check-ins go). None (a day
        CSV, a backup from before check-ins) leaves the diary's check-ins alone.
        `factors`: own factors the file defines, added when missing (a kind that
        differs from the diary's is refused, FactorError, nothing written); the
        days' factor values are then checked against the diary's factors
        (archived ones accepted: a restore). `suspects` (a backup's) are added
        with their dates when not declared and there is room.
        """
        from app.diary.checkin_files import (
            existing_checkins,
            same_day_checkins,
            write_day_checkins,
        )
        from app.diary.factors import _ensure, _import_suspects
        from app.storage import writes

        report = report or ImportReport()
        with self._write() as connection:
            reader = raw(connection)
            _ensure(reader, factors)
            entries = [checked_entry(reader, e, allow_archived=True) for e in entries]
            dates = [e.date for e in entries]
            existing = {day.date: day for day in repo.read_days(connection=reader, dates=dates)}
            old_checkins = existing_checkins(reader, dates) if checkins is not None else {}
            for entry in entries:
                old = existing.get(entry.date)
                if old is None:
                    report.added.append(entry.date)
                elif old == entry and (
                    checkins is None
                    or same_day_checkins(
                        old_checkins.get(entry.date, []), checkins.get(entry.date, [])
                    )
                ):
                    report.unchanged.append(entry.date)
                elif replace:
                    report.replaced.append(entry.date)
                else:
                    report.conflicts.append(entry.date)
            if report.conflicts:
                return report
            unchanged = set(report.unchanged)
            for entry in entries:
                if entry.date not in unchanged:
                    writes.write_day(entry, connection=connection)
                    if checkins is not None:
                        report.checkins_added += write_day_checkins(
                            reader, entry.date, checkins.get(entry.date, [])
                        )
            writes.remember_exercises(custom_exercises, connection=connection)
            _import_suspects(reader, suspects)
            for key, value in (settings or {}).items():
                current = repo.get_setting(key, connection=reader)
                if current is None or replace:
                    writes.set_setting(key, value, connection=connection)
                elif current != value:
                    report.settings_kept.append(key)
        return report

    # -- JSON backup and FHIR ---------------------------------------------------------

    def export_json(self, path: Path | str) -> int:
        """Write a full backup (days with their check-ins, own exercise names, settings).

        Returns the day count.
        """
        from app.exports.backup_json import backup_document, write_backup
        from app.storage import checkins as checkin_store

        path = self.check_destination(path)
        # One read transaction: the days and their check-ins are of the same moment.
        with self._read() as connection:
            days = repo.read_days(connection=connection)
            checkins = checkin_store.read_checkins(connection=connection)
            names = repo.custom_exercises(connection=connection)
            settings = repo.all_settings(connection=connection)
            factors = factor_store.read_own_factors(connection=connection)
            suspects = factor_store.read_suspects(connection=connection)
        document = backup_document(
            days, names, settings, checkins=checkins, factors=factors, suspects=suspects
        )
        write_backup(document, path)
        return len(days)

    def import_json(self, path: Path | str, *, replace: bool = False) -> ImportReport:
        """Restore a JSON backup all-or-nothing; raises BackupFileError if it is invalid.

        Days and their check-ins are written in one transaction (see `import_entries`).
        """
        from app.exports.backup_json import read_backup

        backup = read_backup(Path(path))
        return self.import_entries(
            backup.days,
            replace=replace,
            custom_exercises=backup.custom_exercises,
            settings=backup.settings,
            checkins=backup.checkins,
            factors=backup.factors,
            suspects=backup.suspects,
        )

    def export_fhir(
        self, path: Path | str, start: dt.date | None = None, end: dt.date | None = None
    ) -> int:
        """Write days and check-ins in [start, end] as a FHIR R4 Bundle.

        Returns the Observation count.
        """
        from app.exports.fhir import build_bundle, count_observations, write_bundle
        from app.storage import checkins as checkin_store

        path = self.check_destination(path)
        with self._read() as connection:
            days = repo.read_days(connection=connection, start=start, end=end)
            checkins = checkin_store.read_checkins(connection=connection, start=start, end=end)
            kinds = {f.name: f.kind for f in factor_store.read_own_factors(connection=connection)}
        bundle = build_bundle(
            days,
            user_name=self.setting(SETTING_USER_NAME),
            checkins=checkins,
            factor_kinds=kinds,
        )
        write_bundle(bundle, path)
        return count_observations(bundle)

    def export_report(
        self,
        path: Path | str,
        start: dt.date | None = None,
        end: dt.date | None = None,
        paper: str = "a4",
        include_days: bool = False,
    ) -> int:
        """Write the doctor's PDF summary of [start, end]; returns the page count.

        The numbers are those of `insights(start, end)`, computed from the same days.
        """
        from app.exports.files import atomic_write
        from app.exports.report_pdf import report_pdf

        path = self.check_destination(path)
        days, found, checkins, derived = self._analysed(start, end)
        report = report_pdf(
            found,
            days,
            checkins=checkins,
            derived=derived,
            name=self.setting(SETTING_USER_NAME),
            paper=paper,
            include_days=include_days,
            # The suspects' dates and the own factors' kinds are printed beside their results.
            suspects=self.suspects(),
            factors=self.factors(include_archived=True),
        )
        with atomic_write(path, "wb") as handle:
            handle.write(report.data)
        return report.pages

    # -- this computer's side of exports (not stored in the diary) ----------------------

    @staticmethod
    def export_folder() -> Path:
        """The folder exports were last saved in on this computer, else Documents/home."""
        from app import desktop

        return desktop.export_folder()

    @staticmethod
    def remember_export_folder(folder: Path | str) -> None:
        """Remember `folder` for the next export (in the config folder, not the diary)."""
        from app import desktop

        desktop.remember_export_folder(folder)

    @staticmethod
    def open_file(path: Path | str) -> None:
        """Open a saved export in the desktop's default viewer (NoViewerError: none)."""
        from app import desktop

        desktop.open_file(path)

    @staticmethod
    def show_in_folder(path: Path | str) -> None:
        """Show a saved export's folder in the file manager (NoViewerError: none)."""
        from app import desktop

        desktop.show_in_folder(path)

    def integrity_check(self) -> str:
        """SQLite's full integrity check of the file ('ok' when healthy)."""
        with self._read() as connection:
            return connection.execute("PRAGMA integrity_check").fetchone()[0]

    # -- backups ----------------------------------------------------------------------

    def list_backups(self) -> list[backups.Backup]:
        """This diary's dated backups, newest first."""
        return backups.list_backups(self.path)

    def backup(self, destination: Path | str | None = None) -> Path:
        """A consistent copy now: to `destination`, or as today's backup."""
        if destination is None:
            folder = backups.backup_dir(self.path)
            ensure_private_dir(folder)
            target = folder / f"{self.path.stem}-{dt.date.today().isoformat()}.sqlite3"
        else:
            target = self.check_destination(destination).absolute()
            if not target.parent.is_dir():
                raise DiaryFileError(f"{target}: the folder {target.parent} does not exist")
        with translate_errors(self.path):
            backups.copy_database(self.path, target, self._files.key)
        if destination is None:
            backups.prune(self.path, self._files.key)
        return target

    @staticmethod
    def restore(
        path: Path | str | None, backup: Path | str, passphrase: Passphrase | str | None = None
    ) -> Path | None:
        """Put `backup` into the diary at `path`; returns the copy kept of the old one.

        Safe while the diary is open, here or in another program: the backup is
        written into the live file through SQLite in one write transaction, and
        the open program's later saves land in the restored diary. A copy of
        the diary as it was is kept first (None: there was no diary to keep).
        A backup that is not a good diary is refused and nothing changes.
        An encrypted diary takes only its own encrypted backups, with `passphrase`.
        """
        diary_path = (Path(path).expanduser() if path else default_diary_path()).absolute()
        source = Path(backup).expanduser().absolute()
        if not source.is_file():
            raise DiaryFileError(f"{source}: no such backup file")
        for own in (diary_path, *side_files(diary_path)):
            if own.exists() and os.path.samefile(source, own):
                raise DiaryFileError(
                    f"{source} is the diary itself ({own.name}); choose a backup to restore"
                )
        # An encrypted backup goes into an encrypted diary, or in place of one that
        # is missing or damaged; a plain diary takes plain backups only (a file
        # without SQLite's header is then refused as not a diary).
        encrypted = is_encrypted(diary_path) or (
            is_encrypted(source) and not _plain_sqlite(diary_path)
        )
        check_diary_file(source, encrypted_ok=encrypted)
        key = None
        if encrypted:
            key = Diary._key(diary_path if is_encrypted(diary_path) else source, passphrase)
        with translate_errors(diary_path):
            return backups.restore(diary_path, source, DIARY_TABLES, key)

    # -- demo ---------------------------------------------------------------------------

    @classmethod
    def create_demo(cls, path: Path | str, days: int) -> Diary:
        """A new diary at `path` filled with `days` days of demo data."""
        from app.demo import DEMO_FACTOR, demo_checkins, demo_days

        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            with cls.open(path) as existing:
                if existing.count():
                    raise DiaryFileError(
                        f"{path} already holds a diary; the demo never overwrites one. "
                        "Choose another file with --db."
                    )
        diary = cls.open(path)
        entries = demo_days(days, own_factors=True)
        diary.add_factor(*DEMO_FACTOR)
        diary.import_entries(entries)
        diary.import_checkins(demo_checkins(entries))
        diary.set_setting(SETTING_USER_NAME, "Demo User")
        return diary


def _passphrase(passphrase: Passphrase | str) -> Passphrase:
    """A Passphrase for `passphrase` (a string is wrapped; its keys then derive once)."""
    return passphrase if isinstance(passphrase, Passphrase) else Passphrase(passphrase)


def _finish_encrypting_backups(path: Path, key: str) -> list[str]:
    """Encrypt plain backups an interrupted `encrypt` left; what was done, as warnings."""
    from app.storage.cipher import finish_backups

    done = finish_backups(path, key)
    said = []
    if done.converted:
        said.append(f"encrypted {len(done.converted)} backups left plain by an interrupted encrypt")
    if done.removed:
        said.append(f"removed {len(done.removed)} plain backups that could not be encrypted")
    return said


def _plain_sqlite(path: Path) -> bool:
    """True if `path` starts with SQLite's header (a plain diary, sound or not)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _backups_key(path: Path, passphrase: Passphrase | str) -> str | None:
    """The key of the diary's encrypted backups (they share its salt), if it opens one."""
    from app.storage.cipher import check_key

    for backup in backups.list_backups(path):
        if is_encrypted(backup.path):
            try:
                key = _passphrase(passphrase).key_for(backup.path)
                check_key(backup.path, key)
            except DiaryFileError:
                continue
            return key
    return None


def _backup_hint(path: Path, good: backups.Backup | None) -> str:
    """Where to turn when `path` cannot be opened: the newest good backup."""
    if good is None:
        return " No backup of it was found; the file has been left untouched."
    return (
        f" The file has been left untouched. The newest good backup is {good.path} "
        f"({good.date.isoformat()}); restore it with: pain-diary --db {path} restore {good.path}"
    )
