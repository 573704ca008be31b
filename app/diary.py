"""The service API: every operation the GUI and the CLI offer, in one place.

Importing this module loads no Kivy and opens no window (a test proves it).
Reads are plain SQL on sqlite3; SQLAlchemy (writes), Alembic (a diary whose
schema is behind), Matplotlib and report code are imported inside the
functions that need them, so opening and reading a diary stays fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.vocab import EXERCISES
from app.storage import backups, migrate
from app.storage import repository as repo
from app.storage.database import (
    DiaryBusyError,
    DiaryFileError,
    check_diary_file,
    connect,
    default_diary_path,
    ensure_private_dir,
    inspect_existing,
    make_private,
)
from app.storage.migrate import DIARY_TABLES, stored_revision
from app.storage.repository import DaySpan, DaySummary

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from app.domain.entry import DayEntry, EntryError, make_entry

__all__ = [
    "DayEntry",
    "DaySpan",
    "DaySummary",
    "Diary",
    "DiaryBusyError",
    "DiaryFileError",
    "EntryError",
    "ImportReport",
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

    @property
    def ok(self) -> bool:
        """True when the import was carried out."""
        return not self.problems and not self.conflicts


class Diary:
    """An open diary file. Use `Diary.open()` and close it (or use `with`)."""

    def __init__(self, path: Path):
        self.path = path
        self._engine_: Engine | None = None
        # One read connection per thread (Trends computes insights on a worker
        # thread): sqlite3 transactions must not interleave on one connection.
        self._local = threading.local()
        self._connections: dict[threading.Thread, sqlite3.Connection] = {}
        self._lock = threading.Lock()

    # -- opening and closing --------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None) -> Diary:
        """Open (creating if needed) and migrate the diary at `path` or the default."""
        path = Path(path).expanduser() if path else default_diary_path()
        path = path.absolute()
        ensure_private_dir(path.parent)
        if path.exists():
            try:
                check_diary_file(path)
                if path.stat().st_size:
                    inspect_existing(path, DIARY_TABLES)
            except DiaryBusyError:
                raise
            except DiaryFileError as error:
                good = backups.newest_good_backup(path, DIARY_TABLES)
                raise DiaryFileError(
                    f"{error}.{_backup_hint(path, good)}", reason=f"{error}.", backup=good
                ) from None
            if path.stat().st_size:
                # Before any migration: the copy holds the file as this app found it.
                backups.daily_backup(path)
        diary = cls(path)
        try:
            with _translate_errors(path):
                # A current diary is recognised with one plain query; SQLAlchemy
                # and Alembic are loaded only when there is something to migrate.
                if stored_revision(diary._connection()) != migrate.SCHEMA_HEAD:
                    migrate.upgrade_engine(diary._engine)
        except DiaryFileError as error:
            diary.close()
            message = str(error)
            raise type(error)(
                message if message.startswith(str(path)) else f"{path} {message}"
            ) from None
        except Exception:
            diary.close()
            raise
        for suffix in ("", "-wal", "-shm"):
            make_private(Path(f"{path}{suffix}"))
        return diary

    def close(self) -> None:
        """Release the file (checkpointing the WAL back into it)."""
        with self._lock:
            connections, self._connections = self._connections, {}
        for connection in connections.values():
            connection.close()
        self._local = threading.local()
        if self._engine_ is not None:
            self._engine_.dispose()
            self._engine_ = None

    def __enter__(self) -> Diary:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def _engine(self) -> Engine:
        """The SQLAlchemy engine for writes and migrations, made when first needed."""
        with self._lock:
            if self._engine_ is None:
                from app.storage.database import make_engine

                self._engine_ = make_engine(self.path)
            return self._engine_

    def prepare_to_write(self) -> None:
        """Load the write path now (SQLAlchemy, the tables), so the first save is instant.

        Safe to call from a worker thread; the GUI does when a form is first edited.
        """
        from app.storage import writes  # noqa: F401  (the import is the preparation)

        _ = self._engine

    def _connection(self) -> sqlite3.Connection:
        """This thread's read connection."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = connect(self.path)
            self._local.connection = connection
            with self._lock:
                # Worker threads come and go (one per analysis): close what they left.
                for thread in [t for t in self._connections if not t.is_alive()]:
                    self._connections.pop(thread).close()
                self._connections[threading.current_thread()] = connection
        return connection

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE) through SQLAlchemy."""
        with _translate_errors(self.path), self._engine.connect() as connection:
            connection.execution_options(write=True)
            with connection.begin():
                yield connection

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: everything read in it is one state of the diary."""
        with _translate_errors(self.path):
            connection = self._connection()
            connection.execute("BEGIN")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

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
            return repo.day_summaries(connection=connection, start=start, end=end, newest=newest)

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
            found = repo.read_days(connection=_raw(connection), dates=[date])
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

        The note and red flags are not copied: they describe that day only.
        """
        previous = self.previous_day(date)
        if previous is None:
            return None
        return previous.model_copy(update={"date": date, "note": None, "red_flags": []})

    # -- insights -----------------------------------------------------------------------

    def insights(self, start: dt.date | None = None, end: dt.date | None = None) -> Any:
        """Baseline, flare-ups, factor links, PEG and summary for [start, end].

        Returns `app.analysis.insights.Insights`. The weeks before `start` are
        fetched too: they inform the baseline at the start of the period only.
        """
        with self._read() as connection:
            return self._insights(connection, start, end)

    def _insights(
        self, connection: sqlite3.Connection, start: dt.date | None, end: dt.date | None
    ) -> Any:
        """Insights from the columns the analysis needs, read in SQL (no day objects)."""
        from app.analysis.insights import LOOKBACK_DAYS, insights_from_columns

        since = start - dt.timedelta(days=LOOKBACK_DAYS) if start else None
        from app.storage.columns import read_day_columns, read_list_tallies

        columns = read_day_columns(connection=connection, start=since, end=end)
        # The lists are tallied over the period itself, not the weeks before it.
        tallies = read_list_tallies(connection=connection, start=start, end=end)
        return insights_from_columns(columns, tallies, start, end)

    def _analysed(self, start: dt.date | None, end: dt.date | None) -> tuple[list[DayEntry], Any]:
        """The days analysed for [start, end] (with the weeks before it) and their insights."""
        from app.analysis.insights import LOOKBACK_DAYS

        since = start - dt.timedelta(days=LOOKBACK_DAYS) if start else None
        # One transaction: the days and the insights describe the same diary.
        with self._read() as connection:
            days = repo.read_days(connection=connection, start=since, end=end)
            return days, self._insights(connection, start, end)

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

    # -- CSV ----------------------------------------------------------------------

    def export_csv(
        self, path: Path | str, start: dt.date | None = None, end: dt.date | None = None
    ) -> int:
        """Write days in [start, end] to a CSV file (atomically); returns the count."""
        from app.exports.csv_format import write_csv
        from app.exports.files import atomic_write

        entries = self.days(start, end)
        with atomic_write(Path(path), "w", encoding="utf-8", newline="") as handle:
            return write_csv(entries, handle)

    def import_csv(self, path: Path | str, *, replace: bool = False) -> ImportReport:
        """Import a CSV file all-or-nothing; nothing is written unless `report.ok`."""
        from app.exports.csv_format import read_csv

        parsed = read_csv(Path(path))
        report = ImportReport(problems=parsed.problems)
        if report.problems:
            return report
        return self.import_entries(parsed.entries, replace=replace, report=report)

    def import_entries(
        self,
        entries: list[DayEntry],
        *,
        replace: bool = False,
        report: ImportReport | None = None,
        custom_exercises: Iterable[str] = (),
        settings: Mapping[str, str] | None = None,
    ) -> ImportReport:
        """Add days in one transaction; existing different days need `replace`.

        `custom_exercises` and `settings` (from a backup) go in the same
        transaction; a setting the diary already holds is only overwritten
        with `replace`.
        """
        from app.storage import writes

        report = report or ImportReport()
        with self._write() as connection:
            raw = _raw(connection)
            existing = {
                day.date: day
                for day in repo.read_days(connection=raw, dates=[e.date for e in entries])
            }
            for entry in entries:
                old = existing.get(entry.date)
                if old is None:
                    report.added.append(entry.date)
                elif old == entry:
                    report.unchanged.append(entry.date)
                elif replace:
                    report.replaced.append(entry.date)
                else:
                    report.conflicts.append(entry.date)
            if report.conflicts:
                return report
            for entry in entries:
                if entry.date not in report.unchanged:
                    writes.write_day(entry, connection=connection)
            writes.remember_exercises(custom_exercises, connection=connection)
            for key, value in (settings or {}).items():
                current = repo.get_setting(key, connection=raw)
                if current is None or replace:
                    writes.set_setting(key, value, connection=connection)
                elif current != value:
                    report.settings_kept.append(key)
        return report

    # -- JSON backup and FHIR ---------------------------------------------------------

    def export_json(self, path: Path | str) -> int:
        """Write a full backup (days, own exercise names, settings); returns the day count."""
        from app.exports.backup_json import backup_document, write_backup

        with self._read() as connection:
            days = repo.read_days(connection=connection)
            names = repo.custom_exercises(connection=connection)
            settings = repo.all_settings(connection=connection)
        write_backup(backup_document(days, names, settings), Path(path))
        return len(days)

    def import_json(self, path: Path | str, *, replace: bool = False) -> ImportReport:
        """Restore a JSON backup all-or-nothing; raises BackupFileError if it is invalid."""
        from app.exports.backup_json import read_backup

        backup = read_backup(Path(path))
        return self.import_entries(
            backup.days,
            replace=replace,
            custom_exercises=backup.custom_exercises,
            settings=backup.settings,
        )

    def export_fhir(
        self, path: Path | str, start: dt.date | None = None, end: dt.date | None = None
    ) -> int:
        """Write days in [start, end] as a FHIR R4 Bundle; returns the Observation count."""
        from app.exports.fhir import build_bundle, count_observations, write_bundle

        bundle = build_bundle(self.days(start, end), user_name=self.setting(SETTING_USER_NAME))
        write_bundle(bundle, Path(path))
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

        days, found = self._analysed(start, end)
        report = report_pdf(
            found,
            days,
            name=self.setting(SETTING_USER_NAME),
            paper=paper,
            include_days=include_days,
        )
        with atomic_write(Path(path), "wb") as handle:
            handle.write(report.data)
        return report.pages

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
            target = Path(destination).expanduser().absolute()
            if target == self.path:
                raise DiaryFileError(f"{target} is the diary itself; choose another file")
            if not target.parent.is_dir():
                raise DiaryFileError(f"{target}: the folder {target.parent} does not exist")
        with _translate_errors(self.path):
            backups.copy_database(self.path, target)
        if destination is None:
            backups.prune(self.path)
        return target

    @staticmethod
    def restore(path: Path | str | None, backup: Path | str) -> Path:
        """Replace the diary at `path` with `backup`; returns the copy kept of the old one.

        The diary must not be open. A backup that is not a good diary is refused
        and nothing changes.
        """
        diary_path = (Path(path).expanduser() if path else default_diary_path()).absolute()
        source = Path(backup).expanduser().absolute()
        if not source.is_file():
            raise DiaryFileError(f"{source}: no such backup file")
        check_diary_file(source)
        return backups.restore(diary_path, source, DIARY_TABLES)

    # -- demo ---------------------------------------------------------------------------

    @classmethod
    def create_demo(cls, path: Path | str, days: int) -> Diary:
        """A new diary at `path` filled with `days` days of demo data."""
        from app.demo import demo_days

        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            with cls.open(path) as existing:
                if existing.count():
                    raise DiaryFileError(
                        f"{path} already holds a diary; the demo never overwrites one. "
                        "Choose another file with --db."
                    )
        diary = cls.open(path)
        diary.import_entries(demo_days(days))
        diary.set_setting(SETTING_USER_NAME, "Demo User")
        return diary


def _backup_hint(path: Path, good: backups.Backup | None) -> str:
    """Where to turn when `path` cannot be opened: the newest good backup."""
    if good is None:
        return " No backup of it was found; the file has been left untouched."
    return (
        f" The file has been left untouched. The newest good backup is {good.path} "
        f"({good.date.isoformat()}); restore it with: pain-diary --db {path} restore {good.path}"
    )


def _raw(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one (reads inside a write transaction)."""
    return connection.connection.driver_connection


@contextlib.contextmanager
def _translate_errors(path: Path) -> Iterator[None]:
    """SQLite's low-level errors become messages that name the diary file.

    Errors come straight from sqlite3 (reads) or wrapped by SQLAlchemy (writes,
    with the sqlite3 error as `.orig`); integrity errors pass through as they are.
    """
    try:
        yield
    except Exception as error:
        orig = error if isinstance(error, sqlite3.Error) else getattr(error, "orig", None)
        if not isinstance(orig, sqlite3.DatabaseError) or isinstance(orig, sqlite3.IntegrityError):
            raise
        if isinstance(orig, sqlite3.OperationalError):
            if "locked" in str(orig) or "busy" in str(orig):
                raise DiaryBusyError(
                    f"{path} is busy: another Pain Diary window or command is writing it. "
                    "Try again in a moment."
                ) from None
            raise DiaryFileError(f"{path} cannot be used: {orig}") from None
        raise DiaryFileError(f"{path} is damaged or not a diary ({orig})") from None
