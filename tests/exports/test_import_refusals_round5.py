"""Import refusals and readings the mutation run's fifth round found unpinned.

Each refusal is checked word for word: the file's name (or the default one when
none is given), the place, the field and what is allowed. Accepted values are
checked as stored (a yes/no factor as True, not 1).
"""

from __future__ import annotations

import datetime as dt
import json
import locale
import sys
from pathlib import Path

import pytest

from app.exports.backup_json import BackupFileError, parse_backup, parse_backup_text
from app.exports.checkin_csv import parse_checkin_csv_text
from app.exports.csv_format import CsvFileError, parse_csv_text
from app.exports.fhir import build_bundle, write_bundle
from tests.exports.test_survivors_round2 import DAY_HEADER, TAIL

# What marks a file as a version 3 backup (written out, not taken from the code).
BACKUP = {"format": "pain-diary-backup", "version": 3}
NOTHING = "b.json: nothing was imported; fix these problems and try again:\n  "
CHECKIN_HEADER = "date,time,pain,locations,symptoms,doing,notes"


def _refusal(document, *name: str) -> str:
    with pytest.raises(BackupFileError) as caught:
        parse_backup(document, *name)
    return str(caught.value)


# -- a backup without a file name --------------------------------------------------------------


def test_a_backup_read_without_a_file_name_is_called_backup() -> None:
    assert _refusal([]) == "backup: is not a Pain Diary backup (expected a JSON object)"
    with pytest.raises(BackupFileError) as caught:
        parse_backup_text("[1,")
    assert str(caught.value).startswith("backup: is not valid JSON (line 1, column ")


# -- days of a backup --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        # Only the date part of a longer text names the day.
        (
            {"date": "2026-01-04T09:00", "pain": 3},
            "days[0] (2026-01-04): date: must be a real calendar date written YYYY-MM-DD, "
            "got '2026-01-04T09:00'",
        ),
        (
            {"date": "2026-01-044"},
            "days[0] (2026-01-04): date: must be a real calendar date written YYYY-MM-DD, "
            "got '2026-01-044'",
        ),
        # A bad date is said once: its check-ins are not checked against it.
        (
            {"date": "2026-01-32", "checkins": [{"time": "25:00", "pain": 3}]},
            "days[0] (2026-01-32): date: must be a real calendar date written YYYY-MM-DD, "
            "got '2026-01-32'",
        ),
        # With a good date, the day's and every check-in's problems are all listed.
        (
            {
                "date": "2026-01-04",
                "pain": 11,
                "checkins": [{"time": "25:00", "pain": 3}, {"time": "09:00", "pain": 12}],
            },
            "days[0] (2026-01-04): pain: must be a whole number from 0 to 10, got 11\n"
            "  days[0] (2026-01-04): checkins[0] (25:00): time: must be a time of day "
            "written HH:MM, 00:00 to 23:59, got '25:00'\n"
            "  days[0] (2026-01-04): checkins[1] (09:00): pain: must be a whole number "
            "from 0 to 10, got 12",
        ),
    ],
    ids=["date and time", "one digit too many", "bad date", "good date"],
)
def test_a_bad_day_of_a_backup_is_refused_naming_its_date(day, problem: str) -> None:
    assert _refusal({**BACKUP, "days": [day]}, "b.json") == NOTHING + problem


def test_a_backup_day_s_own_factor_takes_the_factor_s_spelling_and_kind() -> None:
    document = {
        **BACKUP,
        "own_factors": [
            {"name": "Gardening", "kind": "yesno"},
            {"name": "Neck", "kind": "rating"},
        ],
        "days": [{"date": "2026-01-04", "factors": {"gardening": 1, "NECK": 7}}],
    }
    (day,) = parse_backup(document, "b.json").days
    assert day.factors == {"Gardening": True, "Neck": 7}
    # Yes/no is stored as true, not as the number 1 the file gave.
    assert day.factors["Gardening"] is True


# -- own factors -------------------------------------------------------------------------------


def test_an_own_factor_s_threshold_archive_flag_and_date_are_read() -> None:
    document = {
        **BACKUP,
        "own_factors": [
            {
                "name": "Neck",
                "kind": "rating",
                "threshold": 7,
                "archived": True,
                "created_on": "2026-01-02",
            }
        ],
    }
    (factor,) = parse_backup(document, "b.json").factors
    assert (factor.name, factor.kind, factor.threshold, factor.archived, factor.created_on) == (
        "Neck",
        "rating",
        7,
        True,
        dt.date(2026, 1, 2),
    )


@pytest.mark.parametrize(
    ("factor", "problem"),
    [
        (
            {"name": "Yoga", "kind": "yesno", "threshold": 7},
            "own_factors[0]: threshold: a yes/no factor has no threshold (yes is exposed)",
        ),
        (
            {"name": "Walk", "kind": "minutes", "threshold": 2000},
            "own_factors[0]: threshold: must be a number from 0 to 1440 for a minutes factor, "
            "got 2000",
        ),
        (
            {"name": "A", "kind": "yesno", "archived": "no"},
            "own_factors[0]: archived: must be true or false",
        ),
    ],
    ids=["threshold of yes/no", "threshold too high", "archived as text"],
)
def test_a_bad_own_factor_is_refused_naming_its_field(factor, problem: str) -> None:
    assert _refusal({**BACKUP, "own_factors": [factor]}, "b.json") == NOTHING + problem


# -- suspects ----------------------------------------------------------------------------------


def _suspect(factor: str = "sitting", **fields) -> dict:
    return {"factor": factor, "own": False, "lag": 1, "declared_on": "2026-03-01", **fields}


@pytest.mark.parametrize(
    ("suspect", "problem"),
    [
        (
            _suspect(covers_from="2026-02-30"),
            "suspects[0]: covers_from: must be a date written YYYY-MM-DD, got '2026-02-30'",
        ),
        (
            _suspect(declared_on="1 March"),
            "suspects[0]: declared_on: must be a date written YYYY-MM-DD, got '1 March'",
        ),
        (
            _suspect(declared_on=None),
            "suspects[0]: declared_on: is required (YYYY-MM-DD)",
        ),
        (
            _suspect(lag=2),
            "suspects[0]: lag: must be 0 (same day) or 1 (next day), got 2",
        ),
        (
            _suspect(own=True),
            "suspects[0]: factor: 'sitting' is neither a built-in factor (sitting, inactivity, "
            "posture, overexertion, sleep, stress) with own false nor one of own_factors with "
            "own true",
        ),
    ],
    ids=["covers_from", "declared_on", "no declared_on", "lag", "own built-in"],
)
def test_a_bad_suspect_is_refused_naming_its_field(suspect, problem: str) -> None:
    assert _refusal({**BACKUP, "suspects": [suspect]}, "b.json") == NOTHING + problem


def test_a_suspect_s_covers_from_date_is_read() -> None:
    (suspect,) = parse_backup({**BACKUP, "suspects": [_suspect(covers_from="2026-03-04")]}).suspects
    assert (suspect.declared_on, suspect.covers_from) == (dt.date(2026, 3, 1), dt.date(2026, 3, 4))


def test_three_suspects_are_allowed_and_a_fourth_is_refused() -> None:
    three = [_suspect(f) for f in ("sitting", "sleep", "stress")]
    backup = parse_backup({**BACKUP, "suspects": three}, "b.json")
    assert [s.factor for s in backup.suspects] == ["sitting", "sleep", "stress"]
    four = [*three, _suspect("posture")]
    assert _refusal({**BACKUP, "suspects": four}, "b.json") == (
        NOTHING + "suspects: at most 3, the file has 4"
    )


# -- the check-in CSV --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n", f"CSV: line 1: the header must be exactly {CHECKIN_HEADER}"),
        ("", f"CSV: is empty; expected the header line {CHECKIN_HEADER}"),
        ("date\x00,time\n", "CSV: contains NUL bytes; it is not a CSV text file"),
    ],
    ids=["wrong header", "empty", "NUL"],
)
def test_check_in_text_read_without_a_file_name_is_called_csv(text: str, message: str) -> None:
    with pytest.raises(CsvFileError) as caught:
        parse_checkin_csv_text(text)
    assert str(caught.value) == message


def test_every_bad_check_in_row_is_listed_and_the_rows_after_it_still_read() -> None:
    text = (
        f"{CHECKIN_HEADER}\n"
        "2026-01-04,25:00,3,,,,\n"
        "2026-01-04,09:00,11,,,,\n"
        "2026-01-04,09:00,3,calf:up,,,\n"
        "2026-01-04,10:00,3,,fizz,,\n"
        "2026-01-04,10:00,3,,,dancing,\n"
        "2026-01-05,09:00,4,calf:left,tingling,sitting,hi\n"
        "2026-01-05,09:00,5,,,,\n"
        "2026-01-05,18:30,2,,,,\n"
    )
    parsed = parse_checkin_csv_text(text, "c.csv")
    assert parsed.problems == [
        (2, "time: must be a time of day written HH:MM, 00:00 to 23:59, got '25:00'"),
        (3, "pain: must be a whole number from 0 to 10, got '11'"),
        (4, "locations.0.side: unknown side 'up'; allowed: left, right, both, centre"),
        (
            5,
            "symptoms: unknown symptom 'fizz'; allowed: aching, sharp, shooting, burning, "
            "tingling, numbness, weakness, stiffness, cramping, spasm",
        ),
        (
            6,
            "doing: unknown activity 'dancing'; allowed: sitting, standing, walking, lying, "
            "driving, lifting, exercising, other",
        ),
        (8, "the check-in at 2026-01-05 09:00 is already on line 7"),
    ]
    first, second = parsed.checkins
    assert (first.date, first.clock, first.pain, first.doing, first.note) == (
        dt.date(2026, 1, 5),
        "09:00",
        4,
        "sitting",
        "hi",
    )
    assert [str(loc) for loc in first.locations] == ["calf:left"]
    assert first.symptoms == ["tingling"]
    assert (second.clock, second.pain) == ("18:30", 2)


# -- the day CSV -------------------------------------------------------------------------------


def test_a_day_csv_with_nul_bytes_is_refused_by_name() -> None:
    with pytest.raises(CsvFileError) as caught:
        parse_csv_text("date\x00,pain\n", "d.csv")
    assert str(caught.value) == "d.csv: contains NUL bytes; it is not a CSV text file"


FACTOR_HEADER = f"{DAY_HEADER},factor:Gardening:yesno,factor:Neck:rating,factor:Yoga:minutes"


def test_own_factor_cells_of_a_day_csv_are_stored_by_their_column_s_kind() -> None:
    text = (
        f"{FACTOR_HEADER}\n"
        f"2026-01-05,4{TAIL},1,7,45\n"
        f"2026-01-06,4{TAIL},0,0,0\n"
        f"2026-01-07,4{TAIL},,,\n"
        f"2026-01-08,4{TAIL},yes,,1h30\n"
    )
    parsed = parse_csv_text(text, "d.csv")
    assert parsed.problems == []
    assert [(f.name, f.kind) for f in parsed.factors] == [
        ("Gardening", "yesno"),
        ("Neck", "rating"),
        ("Yoga", "minutes"),
    ]
    assert [e.factors for e in parsed.entries] == [
        {"Gardening": True, "Neck": 7, "Yoga": 45},
        {"Gardening": False, "Neck": 0, "Yoga": 0},
        {},
        {"Gardening": True, "Yoga": 90},
    ]
    # A yes/no cell of 1 or 0 is stored as true or false, not as a number.
    assert parsed.entries[0].factors["Gardening"] is True
    assert parsed.entries[1].factors["Gardening"] is False


def test_a_bad_own_factor_cell_of_a_day_csv_is_refused_naming_the_factor() -> None:
    text = (
        f"{FACTOR_HEADER}\n"
        f"2026-01-05,4{TAIL},2,,\n"
        f"2026-01-06,4{TAIL},,11,\n"
        f"2026-01-07,4{TAIL},,,1441\n"
        f"2026-01-08,4{TAIL},maybe,,\n"
    )
    parsed = parse_csv_text(text, "d.csv")
    assert parsed.entries == []
    assert parsed.problems == [
        (2, "factors.Gardening: must be yes or no, got 2"),
        (3, "factors.Neck: must be a whole number from 0 to 10 (0-10 rating), got 11"),
        (4, "factors: Yoga: must be yes/no or a whole number from 0 to 1440, got 1441"),
        (5, "factors: Gardening: must be yes/no or a whole number from 0 to 1440, got 'maybe'"),
    ]


# -- FHIR --------------------------------------------------------------------------------------


@pytest.fixture
def ascii_locale():
    """The system's text encoding set to ASCII, as on a machine without a UTF-8 locale."""
    if sys.flags.utf8_mode:
        pytest.skip("Python's UTF-8 mode ignores the locale's encoding")
    saved = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


def test_a_bundle_file_is_utf_8_whatever_the_system_s_encoding(
    tmp_path: Path, ascii_locale
) -> None:
    assert locale.getpreferredencoding(False).lower() in ("ascii", "ansi_x3.4-1968")
    out = tmp_path / "bundle.json"
    write_bundle(build_bundle([], user_name="Zoë Brontë"), out)
    text = out.read_bytes().decode("utf-8")
    assert '"text": "Zoë Brontë"' in text
    assert json.loads(text)["entry"][0]["resource"]["name"] == [{"text": "Zoë Brontë"}]
