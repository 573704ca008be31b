"""Export and import details the mutation run's second round found unpinned.

Each refusal is checked word for word (a file's name, its field, every problem
of a file, not only the first); FHIR texts and identifiers as a clinician's
system reads them.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest

from app.domain.entry import make_entry
from app.exports.backup_json import FORMAT_NAME, BackupFileError, parse_backup
from app.exports.checkin_csv import is_checkin_csv
from app.exports.csv_format import CsvFileError, parse_csv_text
from app.exports.fhir import build_bundle, write_bundle
from app.exports.files import read_limited_text

# Written out from docs/csv-format.md, not taken from the code.
DAY_HEADER = (
    "date,pain,worst_pain,enjoyment_interference,activity_interference,locations,symptoms,"
    "sitting_minutes,standing_minutes,active_minutes,exercises,exertion,posture,sleep_hours,"
    "sleep_quality,treatments,red_flags,flare,notes,stress"
)
TAIL = "," * 18  # after date and pain: the 18 other cells of a day left blank
CHECKIN_HEADER = "date,time,pain,locations,symptoms,doing,notes"
NOTHING = "nothing was imported; fix these problems and try again:"


def _refusal(path: Path, max_bytes: int) -> str:
    with pytest.raises(CsvFileError) as caught:
        read_limited_text(path, max_bytes, CsvFileError, "diary CSV files")
    return str(caught.value)


# -- reading an input file -----------------------------------------------------------------


def test_a_pipe_is_refused_as_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "days.csv"
    os.mkfifo(pipe)
    assert _refusal(pipe, 1000) == (
        f"{pipe}: is a pipe (FIFO), not a regular file; only ordinary diary CSV files "
        "can be imported"
    )


def test_a_file_over_the_limit_is_refused_with_its_size_in_megabytes(tmp_path: Path) -> None:
    big = tmp_path / "days.csv"
    with big.open("wb") as handle:
        handle.truncate(3_000_000)  # sparse: 3 MB on paper, nothing on disk
    assert _refusal(big, 1000) == (
        f"{big}: is 3 MB; diary CSV files of up to 1,000 bytes can be imported"
    )


def test_a_file_whose_size_says_zero_is_still_cut_off_at_the_limit() -> None:
    """/proc files are regular files of size 0 that hold text: the limit is kept by reading."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0 and len(status.read_bytes()) > 10
    assert _refusal(status, 10) == (
        "/proc/self/status: is larger than 10 bytes; diary CSV files of up to 10 bytes "
        "can be imported"
    )


def test_a_file_of_exactly_the_limit_is_read_whole(tmp_path: Path) -> None:
    file = tmp_path / "days.csv"
    file.write_bytes(b"0123456789")
    assert read_limited_text(file, 10, CsvFileError, "diary CSV files") == "0123456789"


# -- FHIR ----------------------------------------------------------------------------------


def _observations(bundle: dict) -> list[dict]:
    return [e for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"]


def test_the_pain_observation_says_which_pain_it_is_in_words() -> None:
    bundle = build_bundle([make_entry({"date": "2025-03-01", "pain": 4})])
    (pain,) = _observations(bundle)
    assert pain["resource"]["code"]["text"] == "Average pain today (0-10)"
    assert pain["resource"]["code"]["coding"][0]["code"] == "72514-3"


def test_a_stress_observation_s_id_is_derived_from_the_patient_and_stress_on_its_date() -> None:
    """Ids are uuid5(patient id, "KIND:DATE"): stable within one export, so a re-sent
    day keeps its id for the patient's export."""
    bundle = build_bundle([make_entry({"date": "2025-03-01", "stress": 6})])
    patient_id = uuid.UUID(bundle["entry"][0]["fullUrl"].removeprefix("urn:uuid:"))
    (stress,) = _observations(bundle)
    assert stress["resource"]["code"]["text"] == "Stress (0-10)"
    assert stress["fullUrl"] == f"urn:uuid:{uuid.uuid5(patient_id, 'stress:2025-03-01')}"


def test_a_bundle_file_keeps_a_name_s_accents_as_utf_8(tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    write_bundle(build_bundle([], user_name="Zoë Brontë"), out)
    text = out.read_text(encoding="utf-8")
    assert '"text": "Zoë Brontë"' in text
    assert "\\u00eb" not in text
    assert json.loads(text)["entry"][0]["resource"]["name"] == [{"text": "Zoë Brontë"}]


# -- the JSON backup -----------------------------------------------------------------------


def _problems(**extra) -> str:
    document = {"format": FORMAT_NAME, "version": 3, "days": [], **extra}
    with pytest.raises(BackupFileError) as caught:
        parse_backup(document, "b.json")
    return str(caught.value)


@pytest.mark.parametrize(
    ("created_on", "said"),
    [(20240101, "20240101"), ("2024-13-01", "'2024-13-01'")],
    ids=["a number", "no such month"],
)
def test_a_factor_s_bad_creation_date_is_named_with_its_field(created_on, said: str) -> None:
    factors = [{"name": "Knitting", "kind": "yesno", "created_on": created_on}]
    assert _problems(own_factors=factors) == (
        f"b.json: {NOTHING}\n"
        f"  own_factors[0]: created_on: must be a date written YYYY-MM-DD, got {said}"
    )


def test_every_bad_factor_of_a_backup_is_listed_not_only_the_first() -> None:
    factors = [
        5,
        {"name": "A", "kind": "yesno", "colour": "red"},
        {"name": "B", "kind": "hue"},
        {"name": "C", "kind": "yesno"},
        {"name": "c", "kind": "yesno"},
        {"name": "D", "kind": "x"},
    ]
    assert _problems(own_factors=factors) == (
        f"b.json: {NOTHING}\n"
        "  own_factors[0]: must be an object with a name and a kind\n"
        "  own_factors[1]: unknown field 'colour'\n"
        "  own_factors[2]: kind: unknown kind 'hue'; allowed: yesno, rating, minutes\n"
        "  own_factors[4]: the factor 'c' is defined twice\n"
        "  own_factors[5]: kind: unknown kind 'x'; allowed: yesno, rating, minutes"
    )


def test_every_bad_suspect_of_a_backup_is_listed_not_only_the_first() -> None:
    suspects = [
        5,
        {"factor": "sitting", "own": False, "lag": 1, "declared_on": "2026-01-01", "x": 1},
        {"factor": "nope", "own": False, "lag": 1, "declared_on": "2026-01-01"},
        7,
    ]
    assert _problems(suspects=suspects) == (
        f"b.json: {NOTHING}\n"
        "  suspects[0]: must be an object with a factor and a lag\n"
        "  suspects[1]: 'x': is not a field of a suspect\n"
        "  suspects[2]: factor: 'nope' is neither a built-in factor (sitting, inactivity, "
        "posture, overexertion, sleep, stress) with own false nor one of own_factors with "
        "own true\n"
        "  suspects[3]: must be an object with a factor and a lag"
    )


# -- CSV files -----------------------------------------------------------------------------


def test_every_bad_or_repeated_row_of_a_day_csv_is_listed_and_the_good_rows_read() -> None:
    text = (
        f"{DAY_HEADER}\n"
        f"2026-01-05,4{TAIL}\n"
        f"2026-01-06,11{TAIL}\n"  # line 3: pain out of range
        f"2026-01-05,5{TAIL}\n"  # line 4: a date already read
        f"2026-01-07,12{TAIL}\n"  # line 5: pain out of range
        f"2026-01-06,6{TAIL}\n"
        f"2026-01-05,7{TAIL}\n"  # line 7: a date already read
        f"2026-01-08,3{TAIL}\n"
    )
    parsed = parse_csv_text(text, "d.csv")
    assert parsed.problems == [
        (3, "pain: must be a whole number from 0 to 10, got '11'"),
        (4, "date 2026-01-05 is already on line 2"),
        (5, "pain: must be a whole number from 0 to 10, got '12'"),
        (7, "date 2026-01-05 is already on line 2"),
    ]
    assert [(e.date.isoformat(), e.pain) for e in parsed.entries] == [
        ("2026-01-05", 4),
        ("2026-01-06", 6),
        ("2026-01-08", 3),
    ]


def test_a_first_line_that_is_not_strict_csv_is_not_taken_for_check_ins() -> None:
    """Text after a closing quote is an error in strict CSV; the day CSV's reader names it."""
    assert is_checkin_csv(f"{CHECKIN_HEADER}\n") is True
    assert is_checkin_csv('"date" ,time,pain,locations,symptoms,doing,notes\n') is False
