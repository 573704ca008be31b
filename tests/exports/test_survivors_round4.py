"""Export details the fourth mutation round found unpinned: FHIR values and files, the
words for special files, and the report's texts for archived suspects and unknown symptoms.

Each test computes its own result (no module-scoped fixture): mutmut runs, for a mutant,
only the tests it saw call the mutated function, and a module-scoped fixture's calls are
seen only in the first test that used it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from app.diary import Diary
from app.domain.entry import make_entry
from app.exports.fhir import build_bundle, write_bundle
from app.exports.files import _kind_of
from app.exports.report_pdf.content import build_content, day_row

# -- FHIR ------------------------------------------------------------------------------------


def _factor_values(bundle: dict) -> dict[str, dict]:
    """Own-factor Observations (coded by text) by name, without what every one has."""
    found = {}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Observation" and "coding" not in resource["code"]:
            found[resource["code"]["text"]] = {
                key: value for key, value in resource.items() if key.startswith("value")
            }
    return found


def test_a_factor_of_no_known_kind_is_a_boolean_when_yes_no_and_an_integer_otherwise() -> None:
    # No factor_kinds given: the kind is guessed from the value itself.
    entry = make_entry(
        {"date": dt.date(2026, 2, 1), "factors": {"Walked the dog": True, "Coffees": 3}}
    )
    bundle = build_bundle([entry], now=dt.datetime(2026, 2, 2, tzinfo=dt.UTC))
    assert _factor_values(bundle) == {
        "Walked the dog": {"valueBoolean": True},
        "Coffees": {"valueInteger": 3},
    }


def test_a_bundle_file_is_indented_json_with_one_field_per_line(tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    write_bundle({"resourceType": "Bundle", "type": "collection", "entry": []}, path)
    assert path.read_text(encoding="utf-8") == (
        '{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "entry": []\n}\n'
    )


# -- the words for what a path is --------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        (stat.S_IFDIR | 0o755, "a folder"),
        (stat.S_IFIFO | 0o644, "a pipe (FIFO)"),
        (stat.S_IFSOCK | 0o755, "a socket"),
        (stat.S_IFCHR | 0o666, "a device"),
        (stat.S_IFBLK | 0o660, "a device"),
        (stat.S_IFLNK | 0o777, "not a file"),
    ],
)
def test_a_path_that_is_not_a_regular_file_is_named_in_words(mode: int, words: str) -> None:
    # Asked directly: Linux refuses to open() a socket (ENXIO), so read_limited_text never
    # reaches these words for one; a socket still has a name if another system reports it.
    assert _kind_of(mode) == words


# -- report content --------------------------------------------------------------------------


def test_a_suspect_on_an_archived_own_factor_is_titled_own_factor_archived(
    diary: Diary,
) -> None:
    diary.add_factor("gardening", "yesno")
    diary.add_suspect("gardening", 0)
    diary.add_suspect("sitting", 1)
    for day in range(3):
        diary.save_day(
            {"date": dt.date(2026, 2, 1 + day), "pain": 3, "factors": {"gardening": True}}
        )
    diary.archive_factor("gardening")
    content = build_content(
        diary.insights(),
        diary.days(),
        charts=False,
        suspects=diary.suspects(),
        factors=diary.factors(include_archived=True),
    )
    assert [line.title for line in content.suspects] == [
        "gardening (own factor, archived, same day)",
        "Long sitting (next day)",
    ]


def test_a_symptom_the_app_does_not_know_is_shown_whole_in_the_day_table(
    diary_path: Path,
) -> None:
    """The file holds no list of allowed symptoms: another program (an older or newer
    version, a database tool) can store one the vocabulary lacks, and it is shown as stored."""
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": "2026-02-02", "pain": 3, "symptoms": ["aching", "tingling"]})
    with sqlite3.connect(diary_path) as other:
        other.execute(
            "UPDATE day_symptom SET symptom = 'pins and needles' WHERE symptom = 'tingling'"
        )
    other.close()
    with Diary.open(diary_path) as diary:
        (day,) = diary.days()
    # Columns: Date, Pain, Worst, PEG, Where, Kind of pain, ...
    assert day_row(day, frozenset()).cells[5] == "Aching, pins and needles"
