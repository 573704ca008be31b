"""The CSV interchange format: one row per day, header fixed (see docs/csv-format.md).

Cells that a spreadsheet would run as a formula are written with a leading
apostrophe, and the apostrophe is taken off again on import, so a note that
starts with "=" comes back exactly as it was typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.config import MAX_CSV_BYTES
from app.domain.entry import DayEntry, EntryError, make_entry

HEADER = (
    "date",
    "pain",
    "worst_pain",
    "enjoyment_interference",
    "activity_interference",
    "locations",
    "symptoms",
    "sitting_minutes",
    "standing_minutes",
    "active_minutes",
    "exercises",
    "exertion",
    "posture",
    "sleep_hours",
    "sleep_quality",
    "treatments",
    "red_flags",
    "flare",
    "notes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_cell(text: str) -> str:
    """Prefix an apostrophe where a spreadsheet would otherwise run the cell."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def unescape_cell(text: str) -> str:
    """Undo escape_cell."""
    if len(text) >= 2 and text[0] == "'" and text[1] in "".join(_FORMULA_START):
        return text[1:]
    return text


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def entry_to_row(entry: DayEntry) -> list[str]:
    """One CSV row for a day, in HEADER order."""
    cells = [
        entry.date.isoformat(),
        _number(entry.pain),
        _number(entry.worst_pain),
        _number(entry.enjoyment_interference),
        _number(entry.activity_interference),
        ";".join(str(loc) for loc in entry.locations),
        ";".join(entry.symptoms),
        _number(entry.sitting_minutes),
        _number(entry.standing_minutes),
        _number(entry.active_minutes),
        ";".join(str(ex) for ex in entry.exercises),
        entry.exertion or "",
        entry.posture or "",
        _number(entry.sleep_hours),
        _number(entry.sleep_quality),
        ";".join(str(t) for t in entry.treatments),
        ";".join(entry.red_flags),
        "1" if entry.flare else "0",
        entry.note or "",
    ]
    return [escape_cell(cell) for cell in cells]


def write_csv(entries: Iterable[DayEntry], handle: io.TextIOBase) -> int:
    """Write the header and one row per day; returns the number of days."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(HEADER)
    count = 0
    for entry in entries:
        writer.writerow(entry_to_row(entry))
        count += 1
    return count


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _pair(part: str, first: str, second: str) -> dict[str, Any]:
    name, sep, rest = part.partition(":")
    return {first: name, second: rest} if sep else {first: name}


def row_to_fields(row: dict[str, str]) -> dict[str, Any]:
    """The DayEntry fields a CSV row describes (not yet validated)."""
    cell = {key: unescape_cell(value or "") for key, value in row.items()}
    return {
        "date": cell["date"],
        "pain": cell["pain"],
        "worst_pain": cell["worst_pain"],
        "enjoyment_interference": cell["enjoyment_interference"],
        "activity_interference": cell["activity_interference"],
        "locations": [_pair(p, "region", "side") for p in _split(cell["locations"])],
        "symptoms": _split(cell["symptoms"]),
        "sitting_minutes": cell["sitting_minutes"],
        "standing_minutes": cell["standing_minutes"],
        "active_minutes": cell["active_minutes"],
        "exercises": [_pair(p, "name", "minutes") for p in _split(cell["exercises"])],
        "exertion": cell["exertion"],
        "posture": cell["posture"],
        "sleep_hours": cell["sleep_hours"],
        "sleep_quality": cell["sleep_quality"],
        "treatments": [_pair(p, "name", "relief") for p in _split(cell["treatments"])],
        "red_flags": _split(cell["red_flags"]),
        "flare": cell["flare"],
        "note": cell["notes"],
    }


@dataclass
class ParsedCsv:
    """Days read from a CSV file, and every problem found (line, message)."""

    entries: list[DayEntry] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


class CsvFileError(ValueError):
    """The file as a whole cannot be read as a diary CSV."""


def read_csv(path: Path) -> ParsedCsv:
    """Parse and validate every row; problems are collected, not raised."""
    from app.exports.files import read_limited_text

    text = read_limited_text(path, MAX_CSV_BYTES, CsvFileError, "diary CSV files")
    return parse_csv_text(text, str(path))


def parse_csv_text(text: str, name: str = "CSV") -> ParsedCsv:
    """Parse CSV text in the interchange format."""
    if "\x00" in text:
        raise CsvFileError(f"{name}: contains NUL bytes; it is not a CSV text file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise CsvFileError(f"{name}: line 1: {error}") from None
    if header is None:
        raise CsvFileError(f"{name}: is empty; expected the header line {','.join(HEADER)}")
    if tuple(h.strip() for h in header) != HEADER:
        from app.exports.checkin_csv import HEADER as CHECKIN_HEADER

        raise CsvFileError(
            f"{name}: line 1: the header must be exactly {','.join(HEADER)} "
            f"(a file of days) or {','.join(CHECKIN_HEADER)} (a file of check-ins)"
        )
    parsed = ParsedCsv()
    seen: dict[str, int] = {}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            parsed.problems.append((line, f"not valid CSV ({error})"))
            break
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            parsed.problems.append((start, f"has {len(row)} cells; each row needs {len(HEADER)}"))
            continue
        try:
            entry = make_entry(row_to_fields(dict(zip(HEADER, row, strict=True))))
        except EntryError as error:
            parsed.problems.append((start, str(error)))
            continue
        key = entry.date.isoformat()
        if key in seen:
            parsed.problems.append((start, f"date {key} is already on line {seen[key]}"))
            continue
        seen[key] = start
        parsed.entries.append(entry)
    return parsed
