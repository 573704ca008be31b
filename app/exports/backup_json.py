"""Full backup as JSON: every day, the user's own exercise names and the settings.

The file is meant to come back into Pain Diary unchanged (`pain-diary import
FILE.json`), so it holds the diary's own codes, not labels. Layout:

    {"format": "pain-diary-backup", "version": 3, "exported_at": "...",
     "days": [{...DayEntry..., "stress": 6, "factors": {"Gardening": true},
               "checkins": [{"time": "16:45", "pain": 4, ...}]}, ...],
     "own_factors": [{"name": "Gardening", "kind": "yesno", "threshold": null,
                      "archived": false, "created_on": "2026-01-02"}, ...],
     "suspects": [{"factor": "sitting", "own": false, "lag": 1,
                   "declared_on": "2026-01-02", "covers_from": null}, ...],
     "custom_exercises": ["nerve glides", ...],
     "settings": {"user_name": "...", ...}}

Version 3 added stress and own-factor values to the days, and the own factors'
definitions and the suspects (with their dates) at the top. Version 2 gave each
day its check-ins (`CheckIn.as_json()`, by time; `[]` when none). Versions 1
and 2 are still read: a version 1 file says nothing about check-ins, so
importing one leaves the diary's check-ins as they are.

Reading validates the whole file before anything is written; every problem
names its place ("days[12] (2026-01-04): pain: ...",
"days[12] (2026-01-04): checkins[1] (16:45): doing: ...").
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.config import MAX_BACKUP_BYTES
from app.domain import vocab
from app.domain.checkin import CheckIn, make_checkin
from app.domain.entry import DayEntry, EntryError, free_name, make_entry
from app.domain.messages import parse_json_int, problem_lines, quote_input
from app.domain.own_factors import (
    BUILT_IN_FACTORS,
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

FORMAT_NAME = "pain-diary-backup"
FORMAT_VERSION = 3
#: Versions this Pain Diary reads; 1 is the layout before check-ins, 2 before own factors.
READABLE_VERSIONS = (1, 2, 3)
MAX_SETTING_KEY = 64
MAX_SETTING_VALUE = 10_000


class BackupFileError(ValueError):
    """The backup file cannot be imported; the message says why and where."""


@dataclass
class Backup:
    """The validated content of a backup file."""

    days: list[DayEntry] = field(default_factory=list)
    custom_exercises: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    #: Each day's check-ins by date (days without any absent), or None for a
    #: version 1 file, which cannot hold check-ins: then the diary's are left alone.
    checkins: dict[dt.date, list[CheckIn]] | None = None
    #: Own factor definitions and suspects (empty before version 3).
    factors: list[OwnFactor] = field(default_factory=list)
    suspects: list[Suspect] = field(default_factory=list)


def backup_document(
    days: list[DayEntry],
    custom_exercises: list[str],
    settings: dict[str, str],
    *,
    checkins: dict[dt.date, list[CheckIn]] | None = None,
    factors: list[OwnFactor] | None = None,
    suspects: list[Suspect] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The JSON-ready backup document; each day carries its check-ins."""
    now = now or dt.datetime.now(dt.UTC)
    checkins = checkins or {}
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": now.isoformat(timespec="seconds"),
        "days": [
            {
                **day.model_dump(mode="json"),
                "checkins": [c.as_json() for c in checkins.get(day.date, [])],
            }
            for day in days
        ],
        "own_factors": [f.as_json() for f in factors or []],
        "suspects": [s.as_json() for s in suspects or []],
        "custom_exercises": sorted(custom_exercises),
        "settings": dict(sorted(settings.items())),
    }


def write_backup(document: dict[str, Any], path: Path) -> None:
    """Write the backup as UTF-8 JSON, atomically and owner-only."""
    from app.exports.files import atomic_write

    with atomic_write(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1, ensure_ascii=False)
        handle.write("\n")


def read_backup(path: Path) -> Backup:
    """Read and validate a backup file; raises BackupFileError naming every problem."""
    from app.exports.files import read_limited_text

    text = read_limited_text(path, MAX_BACKUP_BYTES, BackupFileError, "backups")
    return parse_backup_text(text, str(path))


def parse_backup_text(text: str, name: str = "backup") -> Backup:
    """Parse and validate backup JSON text."""
    try:
        # A huge number becomes a Decimal that the field's own check refuses by
        # name; int() would stop the whole file with Python's digit-limit text.
        document = json.loads(text, parse_int=parse_json_int)
    except json.JSONDecodeError as error:
        raise BackupFileError(
            f"{name}: is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise BackupFileError(f"{name}: is nested too deeply to be a backup") from None
    return parse_backup(document, name)


def parse_backup(document: Any, name: str = "backup") -> Backup:
    """Validate a decoded backup document; all problems are collected first."""
    if not isinstance(document, dict):
        raise BackupFileError(f"{name}: is not a Pain Diary backup (expected a JSON object)")
    if document.get("resourceType") == "Bundle":
        raise BackupFileError(
            f"{name}: is a FHIR bundle, which is an export for clinicians; "
            "import takes a Pain Diary backup (made with --format json) or a CSV file"
        )
    if document.get("format") != FORMAT_NAME:
        raise BackupFileError(
            f'{name}: is not a Pain Diary backup (its "format" should be {FORMAT_NAME!r})'
        )
    version = document.get("version")
    # bool is an int in Python: `true` must not pass for version 1.
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise BackupFileError(
            f"{name}: is backup format version {quote_input(version)}; "
            f"this Pain Diary reads versions "
            f"{', '.join(map(str, READABLE_VERSIONS))}. Update Pain Diary to import it."
        )
    known = {"format", "version", "exported_at", "days", "custom_exercises", "settings"}
    if version >= 3:
        known |= {"own_factors", "suspects"}
    unknown = sorted(set(document) - known)
    problems: list[str] = [f"unknown field {quote_input(key)}" for key in unknown]
    backup = Backup()
    with_checkins = version >= 2
    backup.factors = _factors(document.get("own_factors", []), problems)
    backup.suspects = _suspects(document.get("suspects", []), backup.factors, problems)
    backup.days, checkins = _days(
        document.get("days", []), problems, with_checkins=with_checkins, factors=backup.factors
    )
    backup.checkins = checkins if with_checkins else None
    backup.custom_exercises = _exercise_names(document.get("custom_exercises", []), problems)
    backup.settings = _settings(document.get("settings", {}), problems)
    if problems:
        raise BackupFileError(
            f"{name}: nothing was imported; fix these problems and try again:\n  "
            + "\n  ".join(problem_lines(problems))
        )
    return backup


def _days(
    items: Any, problems: list[str], *, with_checkins: bool, factors: list[OwnFactor]
) -> tuple[list[DayEntry], dict[dt.date, list[CheckIn]]]:
    by_key = {f.key: f for f in factors}
    if not isinstance(items, list):
        problems.append('"days" must be a list of days')
        return [], {}
    days: list[DayEntry] = []
    checkins: dict[dt.date, list[CheckIn]] = {}
    seen: dict[dt.date, int] = {}
    for index, item in enumerate(items):
        where = f"days[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object with a date")
            continue
        if isinstance(item.get("date"), str):
            where += f" ({item['date'][:10]})"
        item = dict(item)
        raw_checkins = item.pop("checkins", []) if with_checkins else []
        try:
            day = make_entry(item)
        except EntryError as error:
            problems.extend(f"{where}: {field}: {message}" for field, message in error.problems)
            # The check-ins are still checked (all problems at once), unless the
            # date itself is bad: each would only repeat the day's date problem.
            if not any(field == "date" for field, _ in error.problems):
                _checkins(raw_checkins, item.get("date"), where, problems)
            continue
        found = _checkins(raw_checkins, day.date, where, problems)
        try:
            # The file's own factors are the names its days may use (archived ones too).
            values = check_day_factors(day.factors, by_key, allow_archived=True)
        except EntryError as error:
            problems.extend(f"{where}: {field}: {message}" for field, message in error.problems)
            continue
        day = day.model_copy(update={"factors": values}) if day.factors else day
        if day.date in seen:
            problems.append(f"{where}: the date is already used by days[{seen[day.date]}]")
            continue
        seen[day.date] = index
        days.append(day)
        if with_checkins and found:
            checkins[day.date] = found
    return days, checkins


def _checkins(items: Any, date: Any, where: str, problems: list[str]) -> list[CheckIn]:
    """A day's check-ins; each problem names the day, the check-in (index and time) and field."""
    if not isinstance(items, list):
        problems.append(f'{where}: "checkins" must be a list of check-ins')
        return []
    out: list[CheckIn] = []
    seen: dict[dt.time, int] = {}
    for index, item in enumerate(items):
        place = f"{where}: checkins[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{place}: must be an object with a time and a pain")
            continue
        if isinstance(item.get("time"), str):
            place += f" ({item['time'][:5]})"
        if "date" in item:
            # The day gives the date; a second one could only disagree with it.
            problems.append(f"{place}: date: a check-in takes its day's date; remove this field")
            continue
        try:
            checkin = make_checkin(item, date=date)
        except EntryError as error:
            problems.extend(f"{place}: {field}: {message}" for field, message in error.problems)
            continue
        if checkin.time in seen:
            problems.append(f"{place}: the time is already used by checkins[{seen[checkin.time]}]")
            continue
        seen[checkin.time] = index
        out.append(checkin)
    return sorted(out, key=lambda c: c.time)


def _factors(items: Any, problems: list[str]) -> list[OwnFactor]:
    """The own factor definitions; each problem names the factor's place and field."""
    if not isinstance(items, list):
        problems.append('"own_factors" must be a list of factors')
        return []
    out: list[OwnFactor] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"own_factors[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object with a name and a kind")
            continue
        extra = sorted(set(item) - {"name", "kind", "threshold", "archived", "created_on"})
        if extra:
            problems.append(f"{where}: unknown field {quote_input(extra[0])}")
            continue
        try:
            name = check_factor_name(item.get("name"))
            kind = check_kind(item.get("kind"))
            threshold = check_threshold(kind, item.get("threshold"))
            archived = item.get("archived", False)
            if not isinstance(archived, bool):
                raise FactorError("archived", "must be true or false")
            created = _date_or_none(item.get("created_on"), "created_on")
        except EntryError as error:
            problems.extend(f"{where}: {field}: {message}" for field, message in error.problems)
            continue
        if factor_key(name) in seen:
            problems.append(f"{where}: the factor {name!r} is defined twice")
            continue
        seen.add(factor_key(name))
        out.append(OwnFactor(name, kind, threshold, archived, created))
    return out


def _suspects(items: Any, factors: list[OwnFactor], problems: list[str]) -> list[Suspect]:
    """The suspects with their dates; an own one must name a factor of the file."""
    if not isinstance(items, list):
        problems.append('"suspects" must be a list of suspects')
        return []
    names = {f.key: f.name for f in factors}
    out: list[Suspect] = []
    for index, item in enumerate(items):
        where = f"suspects[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object with a factor and a lag")
            continue
        try:
            extra = sorted(set(item) - {"factor", "own", "lag", "declared_on", "covers_from"})
            if extra:
                raise FactorError(quote_input(extra[0]), "is not a field of a suspect")
            own = item.get("own", False)
            factor = item.get("factor")
            if own is True and isinstance(factor, str) and factor_key(factor) in names:
                factor = names[factor_key(factor)]
            elif own is False and factor in BUILT_IN_FACTORS:
                pass
            else:
                raise FactorError(
                    "factor",
                    f"{quote_input(factor)} is neither a built-in factor "
                    f"({', '.join(BUILT_IN_FACTORS)}) with own false nor one of own_factors "
                    "with own true",
                )
            lag = check_lag(item.get("lag"))
            declared = _date_or_none(item.get("declared_on"), "declared_on")
            if declared is None:
                raise FactorError("declared_on", "is required (YYYY-MM-DD)")
            covers = _date_or_none(item.get("covers_from"), "covers_from")
        except EntryError as error:
            problems.extend(f"{where}: {field}: {message}" for field, message in error.problems)
            continue
        out.append(Suspect(factor, lag, declared, covers, own=own))
    if len(out) > MAX_SUSPECTS:
        problems.append(f"suspects: at most {MAX_SUSPECTS}, the file has {len(out)}")
    return out


def _date_or_none(value: Any, field_name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else _bad_date()
    except ValueError:
        raise FactorError(
            field_name, f"must be a date written YYYY-MM-DD, got {quote_input(value)}"
        ) from None


def _bad_date() -> dt.date:
    raise ValueError


def _exercise_names(items: Any, problems: list[str]) -> list[str]:
    if not isinstance(items, list):
        problems.append('"custom_exercises" must be a list of names')
        return []
    names: set[str] = set()
    for index, item in enumerate(items):
        try:
            name = free_name(item, "exercise", vocab.EXERCISES)
        except ValueError as error:
            problems.append(f"custom_exercises[{index}]: {error}")
            continue
        if name not in vocab.EXERCISES:  # a catalogue name needs no remembering
            names.add(name)
    return sorted(names)


def _settings(items: Any, problems: list[str]) -> dict[str, str]:
    if not isinstance(items, dict):
        problems.append('"settings" must be an object of names and text values')
        return {}
    settings: dict[str, str] = {}
    for key, value in items.items():
        where = f"settings[{quote_input(key, 40)}]"
        if not key or len(key) > MAX_SETTING_KEY:
            problems.append(f"{where}: a setting name has 1 to {MAX_SETTING_KEY} characters")
        elif not isinstance(value, str):
            problems.append(f"{where}: must be text, got {quote_input(value)}")
        elif len(value) > MAX_SETTING_VALUE or "\x00" in value:
            problems.append(f"{where}: must be at most {MAX_SETTING_VALUE:,} characters of text")
        else:
            settings[key] = value
    return settings
