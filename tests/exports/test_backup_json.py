"""Full JSON backup: everything round-trips; a bad file is refused whole, with its place named."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.demo import demo_days
from app.diary import SETTING_USER_NAME, Diary
from app.domain import vocab
from app.domain.entry import DayEntry, free_name
from app.exports.backup_json import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_BACKUP_BYTES,
    BackupFileError,
    backup_document,
    parse_backup_text,
)
from tests.strategies import days, names, unique_dates

D1 = dt.date(2026, 1, 5)


@settings(max_examples=150, deadline=None)
@given(
    entries=st.lists(days(), max_size=8).map(unique_dates),
    names=st.lists(names, max_size=5),
    prefs=st.dictionaries(st.text(min_size=1, max_size=64), st.text(max_size=50), max_size=4),
)
def test_backup_document_round_trips_through_json_text(
    entries: list[DayEntry], names: list[str], prefs: dict[str, str]
) -> None:
    # As the diary stores them: catalogue names (any case) become codes, not own names.
    names = [free_name(n, "exercise", vocab.EXERCISES) for n in names]
    names = [n for n in names if n not in vocab.EXERCISES]
    prefs = {k: v for k, v in prefs.items() if "\x00" not in v}
    text = json.dumps(backup_document(entries, names, prefs))
    back = parse_backup_text(text)
    assert back.days == entries
    assert back.custom_exercises == sorted(set(names))
    assert back.settings == prefs


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entries=st.lists(days(), min_size=1, max_size=6).map(unique_dates))
def test_diary_round_trips_through_a_backup_file(
    tmp_path_factory: pytest.TempPathFactory, entries: list[DayEntry]
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    with Diary.open(folder / "a.sqlite3") as source:
        source.import_entries(entries)
        source.set_setting(SETTING_USER_NAME, "Ann Ö'Brien")
        source.export_json(folder / "backup.json")
        expected_days, expectednames = source.days(), source.custom_exercises()
    with Diary.open(folder / "b.sqlite3") as target:
        assert target.import_json(folder / "backup.json").ok
        assert target.days() == expected_days
        assert target.custom_exercises() == expectednames
        assert target.setting(SETTING_USER_NAME) == "Ann Ö'Brien"


def test_demo_diary_with_unused_exercise_name_round_trips_via_cli(tmp_path: Path) -> None:
    source_db, target_db, out = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3", tmp_path / "b.json"
    with Diary.open(source_db) as source:
        source.import_entries(demo_days(90, end=dt.date(2026, 3, 31)))
        source.save_day({"date": D1, "exercises": [{"name": "Wall angels", "minutes": 5}]})
        source.delete_day(D1)  # the name stays remembered for the picker
        source.set_setting(SETTING_USER_NAME, "Demo User")
        source.set_setting("theme", "dark")
        expected = (source.days(), source.custom_exercises())
    assert "Wall angels" in expected[1]
    assert main(["--db", str(source_db), "export", str(out), "--format", "json"]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert main(["--db", str(target_db), "import", str(out)]) == 0
    with Diary.open(target_db) as target:
        assert (target.days(), target.custom_exercises()) == expected
        assert target.setting(SETTING_USER_NAME) == "Demo User"
        assert target.setting("theme") == "dark"
    # Importing the same backup again changes nothing and is not an error.
    assert main(["--db", str(target_db), "import", str(out)]) == 0


def _write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _doc(days: list[dict], **extra: object) -> dict:
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "days": days, **extra}


def test_a_bad_day_refuses_the_whole_file_andnames_its_index(
    diary: Diary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        _doc(
            [
                {"date": "2026-01-01", "pain": 3},
                {"date": "2026-01-02", "pain": 11},
                {"date": "2026-01-03", "locations": [{"region": "elbow"}]},
            ],
            custom_exercises=["ok name", "bad;name"],
        ),
    )
    with pytest.raises(BackupFileError) as caught:
        diary.import_json(path)
    message = str(caught.value)
    assert "nothing was imported" in message
    assert "days[1] (2026-01-02): pain: must be a whole number from 0 to 10" in message
    assert "days[2] (2026-01-03): locations.0.region: unknown region 'elbow'" in message
    assert "custom_exercises[1]:" in message
    assert diary.count() == 0 and diary.custom_exercises() == []
    status = main(["--db", str(diary.path), "import", str(path)])
    assert status == 2
    err = capsys.readouterr().err
    assert "days[1]" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "is not valid JSON (line 1"),
        ("[1, 2]", "is not a Pain Diary backup"),
        ('{"format": "other"}', "is not a Pain Diary backup"),
        ('{"resourceType": "Bundle", "type": "collection"}', "is a FHIR bundle"),
        (f'{{"format": "{FORMAT_NAME}", "version": 99}}', "version 99"),
        (f'{{"format": "{FORMAT_NAME}", "version": 1, "days": {{}}}}', '"days" must be a list'),
        (f'{{"format": "{FORMAT_NAME}", "version": 1, "settings": {{"a": 1}}}}', "must be text"),
        (f'{{"format": "{FORMAT_NAME}", "version": 1, "surprise": 1}}', "unknown field"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_broken_files_get_a_clear_message_and_exit_2(
    diary: Diary,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    expected: str,
) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    assert main(["--db", str(diary.path), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    assert diary.count() == 0


def test_duplicate_dates_are_refused(diary: Diary, tmp_path: Path) -> None:
    path = _write(tmp_path, _doc([{"date": "2026-01-01"}, {"date": "2026-01-01", "pain": 2}]))
    with pytest.raises(BackupFileError, match=r"days\[1\] \(2026-01-01\): the date is already"):
        diary.import_json(path)


def test_an_oversized_file_is_refused_before_reading(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_BACKUP_BYTES + 1)  # sparse: no real disk use
    with pytest.raises(BackupFileError, match="MB can be imported"):
        diary.import_json(path)


def test_conflicting_days_need_replace_and_settings_are_kept_without_it(
    diary: Diary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    diary.save_day({"date": "2026-01-01", "pain": 5})
    diary.set_setting(SETTING_USER_NAME, "Mine")
    path = _write(
        tmp_path,
        _doc(
            [{"date": "2026-01-01", "pain": 7}, {"date": "2026-01-02", "pain": 1}],
            settings={SETTING_USER_NAME: "Theirs"},
            custom_exercises=["Wall angels"],
        ),
    )
    report = diary.import_json(path)
    assert not report.ok and report.conflicts == [dt.date(2026, 1, 1)]
    assert diary.count() == 1 and diary.custom_exercises() == []  # nothing half-imported

    diary.delete_day(dt.date(2026, 1, 1))
    diary.save_day({"date": "2026-01-01", "pain": 7})
    assert main(["--db", str(diary.path), "import", str(path)]) == 0
    assert "Kept this diary's own settings (user_name)" in capsys.readouterr().out
    assert diary.setting(SETTING_USER_NAME) == "Mine"
    assert diary.custom_exercises() == ["Wall angels"]

    assert diary.import_json(path, replace=True).ok
    assert diary.setting(SETTING_USER_NAME) == "Theirs"
