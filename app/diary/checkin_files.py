"""Check-ins in exported and imported files, mixed into `Diary` (kept apart: Diary is long).

- The check-in CSV (`export FILE.csv --format checkins`; `import` knows it by its header)
  adds check-ins: one at a minute the diary already holds with other values is a
  conflict unless `replace`; the day's other check-ins stay.
- The JSON backup carries each day's check-ins: `import_entries(checkins=...)`
  treats a day and its check-ins as one unit (see `same_day_checkins`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.storage import checkins as store
from app.storage.connections import raw

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from app.diary import ImportReport
    from app.domain.checkin import CheckIn


class CheckInFileMethods:
    """Check-in CSV export and import; `Diary` provides `_write`, `check_destination`
    and `checkins_between`."""

    def _write(self) -> contextlib.AbstractContextManager[Connection]:
        raise NotImplementedError

    def check_destination(self, path: Path | str) -> Path:
        raise NotImplementedError

    def checkins_between(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> dict[dt.date, list[CheckIn]]:
        raise NotImplementedError

    def export_checkins_csv(
        self, path: Path | str, start: dt.date | None = None, end: dt.date | None = None
    ) -> int:
        """Write the check-ins of [start, end] to a CSV file (atomic, 0600); returns the count."""
        from app.exports.checkin_csv import write_checkin_csv
        from app.exports.files import atomic_write

        path = self.check_destination(path)
        found = self.checkins_between(start, end)
        ordered = [c for date in sorted(found) for c in found[date]]
        with atomic_write(path, "w", encoding="utf-8", newline="") as handle:
            return write_checkin_csv(ordered, handle)

    def import_checkins_text(self, text: str, name: str, *, replace: bool = False) -> ImportReport:
        """Import check-in CSV text all-or-nothing; nothing is written unless `report.ok`."""
        from app.diary import ImportReport
        from app.exports.checkin_csv import parse_checkin_csv_text

        parsed = parse_checkin_csv_text(text, name)
        report = ImportReport(kind="checkins", problems=parsed.problems)
        if report.problems:
            return report
        with self._write() as connection:
            sqlite = raw(connection)
            dates = sorted({c.date for c in parsed.checkins})
            existing = {
                (date, c.time): c
                for date, items in store.read_checkins(connection=sqlite, dates=dates).items()
                for c in items
            }
            writes = []
            for checkin in parsed.checkins:
                old = existing.get((checkin.date, checkin.time))
                if old is None:
                    report.checkins_added += 1
                elif same_checkin(old, checkin):
                    report.checkins_unchanged += 1
                    continue
                elif replace:
                    report.checkins_replaced += 1
                else:
                    report.checkin_conflicts.append((checkin.date, checkin.time))
                    continue
                writes.append(checkin)
            if report.checkin_conflicts:
                return report
            for checkin in writes:
                store.write_checkin(checkin, connection=sqlite)
        return report


def same_checkin(a: CheckIn, b: CheckIn) -> bool:
    """Equal as the diary stores them (a read one is built without validation)."""
    return a.date == b.date and a.as_json() == b.as_json()


def same_day_checkins(old: Sequence[CheckIn], new: Sequence[CheckIn]) -> bool:
    """Whether two days' check-ins are the same (both by time, as stored and as parsed)."""
    return len(old) == len(new) and all(same_checkin(a, b) for a, b in zip(old, new, strict=True))


def write_day_checkins(
    connection: sqlite3.Connection, date: dt.date, checkins: Sequence[CheckIn]
) -> int:
    """Make the day's check-ins exactly `checkins` (the caller owns the transaction)."""
    store.delete_day_checkins(date, connection=connection)
    for checkin in checkins:
        store.write_checkin(checkin, connection=connection)
    return len(checkins)


def existing_checkins(
    connection: sqlite3.Connection, dates: Sequence[dt.date]
) -> Mapping[dt.date, list[CheckIn]]:
    """The diary's check-ins of these dates, by date."""
    return store.read_checkins(connection=connection, dates=list(dates))
