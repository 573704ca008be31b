"""Export and report details the mutation run's third round found unpinned.

Special files refused by name instead of crashing, a backup with a suspect
imported, CSV lines ending in a bare newline, the report's words for archived
factors, linked suspects, long exercise totals and the day table's Active column.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from app.demo import DEMO_FACTOR, demo_days
from app.diary import Diary
from app.domain.entry import make_entry
from app.exports.backup_json import BackupFileError, parse_backup
from app.exports.csv_format import CsvFileError, parse_csv_text, write_csv
from app.exports.files import read_limited_text
from app.exports.report_pdf.content import (
    _factor_label,
    _wait_text,
    build_content,
    day_row,
    duration,
)

NOTHING = "b.json: nothing was imported; fix these problems and try again:\n  "
# What marks a file as a version 3 backup (written out, not taken from the code).
BACKUP = {"format": "pain-diary-backup", "version": 3}


def _refusal(path: Path) -> str:
    with pytest.raises(CsvFileError) as caught:
        read_limited_text(path, 1000, CsvFileError, "diary CSV files")
    return str(caught.value)


# -- special files are refused by what they are --------------------------------------------


def test_a_device_is_refused_as_a_device() -> None:
    assert _refusal(Path("/dev/null")) == (
        "/dev/null: is a device, not a regular file; only ordinary diary CSV files can be imported"
    )


# -- backups -------------------------------------------------------------------------------


def test_a_backup_with_a_declared_suspect_is_read_with_its_dates() -> None:
    document = {
        **BACKUP,
        "suspects": [
            {"factor": "sitting", "own": False, "lag": 1, "declared_on": "2026-03-01"},
        ],
    }
    (suspect,) = parse_backup(document, "b.json").suspects
    assert (suspect.factor, suspect.lag) == ("sitting", 1)
    assert suspect.declared_on == dt.date(2026, 3, 1)
    assert suspect.covers_from is None


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {**BACKUP, "custom_exercises": "yoga"},
            NOTHING + '"custom_exercises" must be a list of names',
        ),
        (
            {**BACKUP, "custom_exercises": [""]},
            NOTHING + "custom_exercises[0]: exercise name must not be empty",
        ),
        (
            {"resourceType": "Bundle"},
            "b.json: is a FHIR bundle, which is an export for clinicians; import takes a "
            "Pain Diary backup (made with --format json) or a CSV file",
        ),
    ],
)
def test_a_bad_backup_is_refused_with_the_exact_message(document, message: str) -> None:
    with pytest.raises(BackupFileError) as caught:
        parse_backup(document, "b.json")
    assert str(caught.value) == message


# -- CSV -----------------------------------------------------------------------------------


def test_a_csv_whose_header_is_not_csv_is_refused_naming_file_and_line() -> None:
    with pytest.raises(CsvFileError) as caught:
        parse_csv_text('"a"b,c\n', "days.csv")
    assert str(caught.value) == "days.csv: line 1: ',' expected after '\"'"


def test_exported_csv_lines_end_in_a_bare_newline() -> None:
    handle = io.StringIO(newline="")
    entry = make_entry({"date": dt.date(2026, 2, 1), "pain": 3})
    assert write_csv([entry], handle) == 1
    text = handle.getvalue()
    assert "\r" not in text
    assert text.count("\n") == 2 and text.endswith("\n")
    assert text.splitlines()[1].startswith("2026-02-01,3,")


# -- report content --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "text"), [(45, "45 min"), (599, "599 min"), (600, "10 h"), (720, "12 h")]
)
def test_exercise_totals_switch_to_whole_hours_at_ten_hours(minutes: int, text: str) -> None:
    assert duration(minutes) == text


def test_the_day_tables_active_column_shows_hours() -> None:
    day = make_entry({"date": dt.date(2026, 2, 1), "pain": 3, "active_minutes": 90})
    row = day_row(day, frozenset())
    # Columns: Date, Pain, Worst, PEG, Where, Kind, Sat, Active, ...
    assert row.cells[:8] == ["Sun 1 Feb", "3", "", "", "", "", "", "1.5"]


def test_own_factor_labels_say_archived_only_when_archived() -> None:
    assert _factor_label("gardening") == "gardening"
    assert _factor_label("gardening", {"gardening"}) == "gardening (archived)"


def test_the_wait_for_a_tested_suspect_names_the_strength_looked_for() -> None:
    assert _wait_text(0) == (
        "How long: enough days are logged to show a link of odds ratio 4 with 80 % "
        "probability; none showed."
    )


def test_a_short_diary_has_the_footnote_and_the_flare_definition_without_baseline(
    tmp_path: Path,
) -> None:
    with Diary.open(tmp_path / "d.sqlite3") as diary:
        for i in range(3):
            diary.save_day({"date": dt.date(2026, 2, 1 + i), "pain": 3})
        days, found = diary.days(), diary.insights()
        empty = diary.insights(dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    content = build_content(found, days, charts=False)
    assert content.flare_definition == (
        "A flare day is a day marked as a flare (too few days yet for a personal baseline)."
    )
    assert content.pain_footnote == (
        "Meaningful change: at least 2 points or 30 % for pain, about 1 point for PEG "
        "(mean of pain, interference with enjoyment of life and with general activity, "
        "each 0–10)."
    )
    nothing = build_content(empty, days, charts=False)
    assert nothing.days_logged == 0
    assert nothing.flare_summary == "No days were logged in this period."


@pytest.fixture(scope="module")
def suspected(tmp_path_factory: pytest.TempPathFactory):
    """The 90-day demo, its own 'gardening' archived, both its linked factors declared.

    The demo ends on a fixed day: its weekdays sit longer, so which factors are
    linked shifts with the weekday it ends on (ending on a Sunday, overexertion
    is not).
    """
    db = tmp_path_factory.mktemp("round3") / "demo.sqlite3"
    entries = demo_days(90, end=dt.date(2026, 12, 3), own_factors=True)
    with Diary.open(db) as diary:
        diary.add_factor(*DEMO_FACTOR)
        diary.import_entries(entries)
        diary.archive_factor("gardening")
        diary.add_suspect("sitting", 1)
        diary.add_suspect("overexertion", 1)
        return build_content(
            diary.insights(),
            diary.days(),
            charts=False,
            factors=diary.factors(include_archived=True),
            suspects=diary.suspects(),
        )


def test_with_every_link_a_suspect_the_note_says_no_other_factor(suspected) -> None:
    assert suspected.link_sentences == []
    assert [line.linked for line in suspected.suspects] == [True, True]
    assert suspected.link_note.startswith(
        "No other factor went with flare-ups clearly enough to call it a link. "
    )


def test_an_archived_own_factor_is_labelled_archived_in_the_link_note(suspected) -> None:
    assert suspected.link_note.endswith(", gardening (archived).")


def test_a_pain_change_below_two_points_and_30_percent_is_called_less_than_meaningful(
    tmp_path: Path,
) -> None:
    # 28 days: pain 5 for two weeks, then 4: 5.0 -> 4.0 is -1 point, -20 %.
    with Diary.open(tmp_path / "d.sqlite3") as diary:
        for i in range(28):
            diary.save_day(
                {"date": dt.date(2026, 2, 1) + dt.timedelta(days=i), "pain": 5 - i // 14}
            )
        days, found = diary.days(), diary.insights()
    pain = build_content(found, days, charts=False).figures[2]
    assert (pain.value, pain.flagged) == ("5.0 → 4.0", False)
    assert pain.note == "\u22121.0 points (\u221220 %): less than a meaningful change"
