"""The check-in CSV: one row per check-in, header fixed (see docs/csv-format.md).

A sibling of the day CSV (`csv_format`), not a variant of it: same cell
escaping, same list joining (`;`, locations as `region:side`), same size limit
and the same refusal of a wrong header, but its own columns. `import` tells the
two apart by the header line alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.domain.checkin import CheckIn, make_checkin
from app.domain.entry import EntryError
from app.exports.csv_format import (
    CsvFileError,
    data_rows,
    escape_cell,
    header_and_rows,
    unescape_cell,
)

HEADER = ("date", "time", "pain", "locations", "symptoms", "doing", "notes")


def is_checkin_header(cells: Iterable[str]) -> bool:
    """Whether a CSV header line is the check-in one (spaces around names tolerated)."""
    return tuple(cell.strip() for cell in cells) == HEADER


def is_checkin_csv(text: str) -> bool:
    """Whether CSV text is meant as check-ins: its header starts `date,time` (the day CSV's
    starts `date,pain`). The check-in reader then refuses anything but its exact header."""
    try:
        first = next(csv.reader(io.StringIO(text, newline=""), strict=True), None)
    except csv.Error:
        return False  # the day CSV's reader names what is wrong with line 1
    return first is not None and [cell.strip() for cell in first[:2]] == ["date", "time"]


def checkin_to_row(checkin: CheckIn) -> list[str]:
    """One CSV row for a check-in, in HEADER order, every cell spreadsheet-safe."""
    cells = [
        checkin.date.isoformat(),
        checkin.clock,
        str(checkin.pain),
        ";".join(str(loc) for loc in checkin.locations),
        ";".join(checkin.symptoms),
        checkin.doing or "",
        checkin.note or "",
    ]
    return [escape_cell(cell) for cell in cells]


def write_checkin_csv(checkins: Iterable[CheckIn], handle: io.TextIOBase) -> int:
    """Write the header and one row per check-in; returns the number of check-ins."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(HEADER)
    count = 0
    for checkin in checkins:
        writer.writerow(checkin_to_row(checkin))
        count += 1
    return count


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def row_to_fields(row: dict[str, str]) -> dict[str, Any]:
    """The CheckIn fields a CSV row describes (not yet validated)."""
    cell = {key: unescape_cell(value or "") for key, value in row.items()}
    return {
        "date": cell["date"],
        "time": cell["time"],
        "pain": cell["pain"],
        # "calf:left" strings: make_checkin splits them as the CLI's --where does.
        "locations": _split(cell["locations"]),
        "symptoms": _split(cell["symptoms"]),
        "doing": cell["doing"],
        "note": cell["notes"],
    }


@dataclass
class ParsedCheckins:
    """Check-ins read from a CSV file, and every problem found (line, message)."""

    checkins: list[CheckIn] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def parse_checkin_csv_text(text: str, name: str = "CSV") -> ParsedCheckins:
    """Parse and validate check-in CSV text; row problems are collected, not raised."""
    reader, header = header_and_rows(text, name, HEADER)
    if not is_checkin_header(header):
        raise CsvFileError(f"{name}: line 1: the header must be exactly {','.join(HEADER)}")
    parsed = ParsedCheckins()
    seen: dict[tuple[str, str], int] = {}
    for start, row in data_rows(reader, len(HEADER), parsed.problems):
        try:
            checkin = make_checkin(row_to_fields(dict(zip(HEADER, row, strict=True))))
        except EntryError as error:
            parsed.problems.append((start, str(error)))
            continue
        key = (checkin.date.isoformat(), checkin.clock)
        if key in seen:
            parsed.problems.append(
                (start, f"the check-in at {key[0]} {key[1]} is already on line {seen[key]}")
            )
            continue
        seen[key] = start
        parsed.checkins.append(checkin)
    return parsed
