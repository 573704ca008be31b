"""The service API for check-ins, mixed into `Diary` (kept apart: Diary is long enough).

Check-ins are pain at a time of day. The day stays the unit: its average and
worst pain, when not entered, are derived from its check-ins
(`app.domain.checkin.day_pain`), and that is what lists, charts, insights and
the report use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from app.storage import checkins as store
from app.storage import repository as repo
from app.storage.connections import raw

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from app.domain.checkin import CheckIn
    from app.domain.day_pain import CheckInLine, DayPain
    from app.domain.entry import DayEntry


class CheckInMethods:
    """Check-ins of the diary; `Diary` provides `_read` and `_write`."""

    def _read(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _write(self) -> contextlib.AbstractContextManager[Connection]:
        raise NotImplementedError

    def checkins(self, date: dt.date) -> list[CheckIn]:
        """The check-ins of `date`, by time."""
        with self._read() as connection:
            return store.read_checkins(connection=connection, dates=[date]).get(date, [])

    def checkins_between(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> dict[dt.date, list[CheckIn]]:
        """The check-ins of the days in [start, end], by date, each day's by time."""
        with self._read() as connection:
            return store.read_checkins(connection=connection, start=start, end=end)

    def save_checkin(
        self,
        checkin: CheckIn | Mapping[str, Any],
        *,
        previous_time: dt.time | None = None,
        overwrite: bool = False,
    ) -> tuple[CheckIn, bool]:
        """Save a check-in in one transaction; returns (saved, replaced one at that minute).

        `previous_time`: the check-in being edited had this time (it moves). A
        check-in already at the new minute is replaced only with `overwrite`
        (the CLI's "log again at 14:30"); otherwise EntryError names the time.
        A day without a row gets one: it is logged, its pain derived from its check-ins.
        """
        from app.domain.checkin import CheckIn, make_checkin
        from app.domain.entry import EntryError

        data = checkin.model_dump() if isinstance(checkin, CheckIn) else dict(checkin)
        saved = make_checkin(data)
        with self._write() as connection:
            sqlite = raw(connection)
            moving = previous_time is not None and previous_time != saved.time
            taken = store.find_checkin(sqlite, saved.date, saved.time)
            if taken and not overwrite and (moving or previous_time is None):
                raise EntryError(
                    [
                        (
                            "time",
                            f"there is already a check-in at {saved.clock} on {saved.date}; "
                            "pick another time or edit that one",
                        )
                    ]
                )
            if moving:
                store.delete_checkin(saved.date, previous_time, connection=sqlite)
            store.write_checkin(saved, connection=sqlite)
        return saved, taken

    def import_checkins(self, checkins: Sequence[CheckIn | Mapping[str, Any]]) -> int:
        """Save many check-ins in one transaction (all or none); one at a taken minute replaces it.

        Each is validated first: an EntryError names the first refused one
        (`check-in N: field: ...`) and nothing is written. Returns how many were saved.
        """
        from app.domain.checkin import CheckIn, make_checkin
        from app.domain.entry import EntryError

        valid = []
        for number, item in enumerate(checkins, start=1):
            data = item.model_dump() if isinstance(item, CheckIn) else dict(item)
            try:
                valid.append(make_checkin(data))
            except EntryError as error:
                raise EntryError(
                    [(f"check-in {number}: {field}", message) for field, message in error.problems]
                ) from None
        if not valid:
            return 0
        with self._write() as connection:
            sqlite = raw(connection)
            for checkin in valid:
                store.write_checkin(checkin, connection=sqlite)
        return len(valid)

    def delete_checkin(self, date: dt.date, time: dt.time) -> CheckIn | None:
        """Delete one check-in; returns it (for Undo: `save_checkin(it)`), or None if none was.

        A day that held nothing but check-ins goes with its last one.
        """
        with self._write() as connection:
            sqlite = raw(connection)
            found = store.read_checkins(connection=sqlite, dates=[date]).get(date, [])
            match = [c for c in found if c.time == time.replace(second=0, microsecond=0)]
            if not match:
                return None
            store.delete_checkin(date, time, connection=sqlite)
            if len(found) == 1:
                _drop_if_empty(sqlite, date)
        return match[0]

    def day_pain(self, date: dt.date) -> DayPain:
        """The day's average and worst pain: entered, or derived from its check-ins."""
        from app.domain.day_pain import day_pain

        with self._read() as connection:
            fields = repo.read_day_fields(connection=connection, dates=[date])
            found = store.read_checkin_fields(connection=connection, dates=[date]).get(date, [])
        pain = fields[0]["pain"] if fields else None
        worst = fields[0]["worst_pain"] if fields else None
        return day_pain(pain, worst, [c["pain"] for c in found])

    def checkin_lines(self, date: dt.date) -> list[CheckInLine]:
        """The check-ins of `date` as plain records, by time (no model: for lists)."""
        from app.domain.day_pain import CheckInLine

        with self._read() as connection:
            found = store.read_checkin_fields(connection=connection, dates=[date]).get(date, [])
        return [
            CheckInLine(
                date=c["date"],
                time=c["time"],
                pain=c["pain"],
                doing=c["doing"],
                note=c["note"],
                locations=tuple(
                    f"{x['region']}:{x['side']}" if x["side"] else x["region"]
                    for x in c["locations"]
                ),
                symptoms=tuple(c["symptoms"]),
            )
            for c in found
        ]

    def checkin_at(self, date: dt.date, time: dt.time) -> CheckIn | None:
        """The check-in of `date` at `time` (to the minute), or None."""
        return next((c for c in self.checkins(date) if c.time == time), None)


def _drop_if_empty(connection: sqlite3.Connection, date: dt.date) -> None:
    from app.domain.entry import DayEntry

    fields = repo.read_day_fields(connection=connection, dates=[date])
    if not fields:
        return
    empty = DayEntry.model_construct(date=date).model_dump()
    if {k: v for k, v in fields[0].items()} == empty:
        connection.execute("DELETE FROM day WHERE date = ?", (date.isoformat(),))


def with_derived_pain(
    days: Sequence[DayEntry], checkins: Mapping[dt.date, Sequence[CheckIn]]
) -> list[DayEntry]:
    """The days as the analysis sees them: pain and worst pain derived from check-ins where
    not entered (floats then: a mean of 5.33 stays 5.33 for charts and the report)."""
    from app.domain.checkin import day_pain

    out = []
    for day in days:
        found = checkins.get(day.date)
        if not found or (day.pain is not None and day.worst_pain is not None):
            out.append(day)
            continue
        derived = day_pain(day.pain, day.worst_pain, [c.pain for c in found])
        out.append(day.model_copy(update={"pain": derived.pain, "worst_pain": derived.worst_pain}))
    return out


def derived_fields(
    days: Sequence[DayEntry], checkins: Mapping[dt.date, Sequence[CheckIn]]
) -> dict[dt.date, frozenset[str]]:
    """Per day (as stored), which of "pain" and "worst_pain" `with_derived_pain` derives
    from its check-ins: the report marks those values."""
    out = {}
    for day in days:
        if not checkins.get(day.date):
            continue
        fields = frozenset(f for f in ("pain", "worst_pain") if getattr(day, f) is None)
        if fields:
            out[day.date] = fields
    return out
