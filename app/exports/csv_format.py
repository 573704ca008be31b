"""The CSV interchange format: one row per day, header fixed (see docs/csv-format.md).

Cells that a spreadsheet would run as a formula are written with a leading
apostrophe, and the apostrophe is taken off again on import, so a note that
starts with "=" comes back exactly as it was typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.config import MAX_CSV_BYTES
from app.domain.entry import DayEntry, EntryError, make_entry
from app.domain.own_factors import (
    KIND_LABELS,
    FactorError,
    OwnFactor,
    check_factor_name,
    factor_key,
    value_for_kind,
)

#: The header before stress and own factors: files of that time still import.
LEGACY_HEADER = (
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
#: The fixed columns; own factors follow, one column each (`factor_column`).
HEADER = (*LEGACY_HEADER, "stress")
FACTOR_PREFIX = "factor:"
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


def factor_column(factor: OwnFactor) -> str:
    """The header of an own factor's column: `factor:NAME:KIND`."""
    return f"{FACTOR_PREFIX}{factor.name}:{factor.kind}"


def _factor_cell(value: int | bool | None) -> str:
    if value is None:
        return ""
    return str(int(value))  # yes/no as 1/0


def entry_to_row(entry: DayEntry, factors: Sequence[OwnFactor] = ()) -> list[str]:
    """One CSV row for a day: HEADER order, then one cell per factor of `factors`."""
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
        _number(entry.stress),
        *(_factor_cell(entry.factors.get(f.name)) for f in factors),
    ]
    return [escape_cell(cell) for cell in cells]


def write_csv(
    entries: Iterable[DayEntry], handle: io.TextIOBase, factors: Sequence[OwnFactor] = ()
) -> int:
    """Write the header and one row per day; returns the number of days.

    `factors`: the diary's own factors (archived ones too), a column each.
    """
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow([*HEADER, *(escape_cell(factor_column(f)) for f in factors)])
    count = 0
    for entry in entries:
        writer.writerow(entry_to_row(entry, factors))
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
        "stress": cell.get("stress", ""),
    }


@dataclass
class ParsedCsv:
    """Days read from a CSV file, and every problem found (line, message)."""

    entries: list[DayEntry] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    #: The own factors its header names (to be created where missing).
    factors: list[OwnFactor] = field(default_factory=list)


class CsvFileError(ValueError):
    """The file as a whole cannot be read as a diary CSV."""


def read_csv(path: Path) -> ParsedCsv:
    """Parse and validate every row; problems are collected, not raised."""
    from app.exports.files import read_limited_text

    text = read_limited_text(path, MAX_CSV_BYTES, CsvFileError, "diary CSV files")
    return parse_csv_text(text, str(path))


def parse_csv_text(text: str, name: str = "CSV") -> ParsedCsv:
    """Parse CSV text in the interchange format."""
    reader, header = header_and_rows(text, name, HEADER)
    header = [unescape_cell(h.strip()) for h in header]
    fixed = len(HEADER) if tuple(header[: len(HEADER)]) == HEADER else len(LEGACY_HEADER)
    if tuple(header[:fixed]) not in (HEADER, LEGACY_HEADER) or (
        fixed == len(LEGACY_HEADER) and len(header) > fixed
    ):
        from app.exports.checkin_csv import HEADER as CHECKIN_HEADER

        raise CsvFileError(
            f"{name}: line 1: the header must be exactly {','.join(HEADER)} and then "
            f"{FACTOR_PREFIX}NAME:KIND per own factor (a file of days; files from before "
            f"stress end at notes), or {','.join(CHECKIN_HEADER)} (a file of check-ins)"
        )
    factors = _header_factors(header[fixed:], name)
    columns = (*header[:fixed], *(factor_column(f) for f in factors))
    parsed = ParsedCsv(factors=factors)
    seen: dict[str, int] = {}
    for start, row in data_rows(reader, len(columns), parsed.problems):
        try:
            cells = dict(zip(columns, row, strict=True))
            fields = row_to_fields(cells)
            fields["factors"] = {f.name: unescape_cell(cells[factor_column(f)]) for f in factors}
            entry = make_entry(fields)
            if entry.factors:
                by_name = {f.name: f for f in factors}
                entry = entry.model_copy(
                    update={
                        "factors": {
                            n: value_for_kind(by_name[n], v) for n, v in entry.factors.items()
                        }
                    }
                )
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


def header_and_rows(text: str, name: str, expected: Sequence[str]) -> tuple[Any, list[str]]:
    """A strict CSV reader over `text` and its first line; CsvFileError for text that is
    not CSV, holds NUL bytes or is empty (naming the `expected` header)."""
    if "\x00" in text:
        raise CsvFileError(f"{name}: contains NUL bytes; it is not a CSV text file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise CsvFileError(f"{name}: line 1: {error}") from None
    if header is None:
        raise CsvFileError(f"{name}: is empty; expected the header line {','.join(expected)}")
    return reader, header


def data_rows(
    reader: Any, width: int, problems: list[tuple[int, str]]
) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows after the header with the line each starts on.

    A row with the wrong number of cells is recorded in `problems` and skipped;
    text that is not CSV is recorded and ends the file (the reader cannot resync).
    """
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append((line, f"not valid CSV ({error})"))
            return
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            problems.append((start, f"has {len(row)} cells; each row needs {width}"))
            continue
        yield start, row


def _header_factors(columns: Sequence[str], name: str) -> list[OwnFactor]:
    """The own factors named by `factor:NAME:KIND` columns, or CsvFileError naming the column."""
    out: list[OwnFactor] = []
    seen: set[str] = set()
    for number, column in enumerate(columns, start=len(HEADER) + 1):
        prefix, _, rest = column.partition(":")
        factor_name, _, kind = rest.rpartition(":")
        where = f"{name}: line 1: column {number} ({column[:80]!r})"
        if f"{prefix}:" != FACTOR_PREFIX or kind not in KIND_LABELS:
            raise CsvFileError(
                f"{where}: own factor columns are headed {FACTOR_PREFIX}NAME:KIND with KIND "
                f"one of {', '.join(KIND_LABELS)}"
            )
        try:
            factor_name = check_factor_name(factor_name)
        except FactorError as error:
            raise CsvFileError(f"{where}: the factor name {error.problems[0][1]}") from None
        if factor_key(factor_name) in seen:
            raise CsvFileError(f"{where}: the factor {factor_name!r} has two columns")
        seen.add(factor_key(factor_name))
        out.append(OwnFactor(factor_name, kind))
    return out
