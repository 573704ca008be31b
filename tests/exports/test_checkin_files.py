"""Check-ins in files: the JSON backup, the check-in CSV and FHIR.

Round trips compare what comes back with what went IN (drawn check-ins and
days), never one export with another. Failures are real: a bad row, a bad
header, and a write refused by the diary file itself part-way through.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import stat
import time
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.diary import Diary
from app.domain.checkin import CheckIn, make_checkin
from app.domain.entry import DayEntry, Location, make_entry
from app.exports.backup_json import FORMAT_NAME, FORMAT_VERSION, BackupFileError
from app.exports.checkin_csv import HEADER, checkin_to_row
from app.exports.csv_format import HEADER as DAY_HEADER
from app.exports.fhir import build_bundle
from tests.strategies import checkins, days, unique_dates, unique_times

SETTINGS = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CHECKIN_LISTS = st.lists(checkins(), min_size=1, max_size=8).map(unique_times)
HEADER_LINE = ",".join(HEADER)
D1, D2, D3 = dt.date(2025, 6, 1), dt.date(2025, 6, 2), dt.date(2025, 6, 3)


def _by_date(items: list[CheckIn]) -> dict[dt.date, list[dict]]:
    """Check-ins as plain values by date, each day's by time (the diary's order)."""
    out: dict[dt.date, list[dict]] = defaultdict(list)
    for c in sorted(items, key=lambda c: (c.date, c.time)):
        out[c.date].append({"date": c.date, **c.as_json()})
    return dict(out)


def _stored(diary: Diary) -> dict[dt.date, list[dict]]:
    return _by_date([c for items in diary.checkins_between().values() for c in items])


def _fresh(path: Path) -> Diary:
    return Diary.open(path)


def _content(path: Path) -> list[str]:
    """The diary's whole content as SQL (WAL included), to compare before and after."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


# --- JSON backup ----------------------------------------------------------------------


@SETTINGS
@given(
    drawn_days=st.lists(days(), max_size=5).map(unique_dates),
    drawn_checkins=CHECKIN_LISTS,
    shared=st.booleans(),
)
def test_json_backup_round_trip_gives_back_the_input_days_and_checkins(
    tmp_path_factory: pytest.TempPathFactory,
    drawn_days: list[DayEntry],
    drawn_checkins: list[CheckIn],
    shared: bool,
) -> None:
    if shared and drawn_days:
        # Some check-ins on days with entered values, not only on days of check-ins alone.
        first = drawn_days[0].date
        if first < dt.date.today():
            drawn_checkins = unique_times(
                [*drawn_checkins, drawn_checkins[0].model_copy(update={"date": first})]
            )
    folder = tmp_path_factory.mktemp("json")
    with _fresh(folder / "source.sqlite3") as source:
        source.import_entries(drawn_days)
        source.import_checkins(drawn_checkins)
        source.export_json(folder / "backup.json")
    with _fresh(folder / "target.sqlite3") as target:
        report = target.import_json(folder / "backup.json")
        assert report.ok and report.checkins_added == len(drawn_checkins)
        assert _stored(target) == _by_date(drawn_checkins)
        # Days: the drawn ones as drawn, plus an empty day for each date of check-ins alone.
        expected = {d.date: d for d in drawn_days}
        for c in drawn_checkins:
            expected.setdefault(c.date, make_entry(date=c.date))
        assert target.days() == [expected[d] for d in sorted(expected)]


def _doc(days: list[dict], version: int = FORMAT_VERSION) -> dict:
    return {"format": FORMAT_NAME, "version": version, "days": days}


def _write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_backup_from_before_checkins_still_imports(diary: Diary, tmp_path: Path) -> None:
    # Version 1 as Pain Diary wrote it before check-ins: days with no "checkins" key.
    path = _write(
        tmp_path / "old.json",
        {
            "format": FORMAT_NAME,
            "version": 1,
            "exported_at": "2025-01-01T10:00:00+00:00",
            "days": [{"date": "2025-06-01", "pain": 3}, {"date": "2025-06-02", "pain": 5}],
            "custom_exercises": [],
            "settings": {},
        },
    )
    report = diary.import_json(path)
    assert report.ok and report.added == [D1, D2]
    assert [d.pain for d in diary.days()] == [3, 5]
    assert diary.checkins_between() == {}


def test_the_backup_format_is_version_2_with_checkins_on_each_day(
    diary: Diary, tmp_path: Path
) -> None:
    diary.save_day({"date": D1, "pain": 4})
    diary.save_checkin({"date": D1, "time": "16:45", "pain": 6, "doing": "sitting"})
    diary.save_day({"date": D2, "pain": 2})
    diary.export_json(tmp_path / "b.json")
    document = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert document["version"] >= 2  # 3 added own factors and suspects
    assert document["days"][0]["checkins"] == [
        {
            "time": "16:45",
            "pain": 6,
            "locations": [],
            "symptoms": [],
            "doing": "sitting",
            "note": None,
        }
    ]
    assert document["days"][1]["checkins"] == []


def test_a_bad_checkin_refuses_the_whole_backup_naming_day_checkin_and_field(
    diary: Diary, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path / "b.json",
        _doc(
            [
                {"date": "2025-06-01", "pain": 3, "checkins": [{"time": "08:00", "pain": 2}]},
                {
                    "date": "2025-06-02",
                    "checkins": [
                        {"time": "09:00", "pain": 4},
                        {"time": "13:15", "pain": 11},
                        {"time": "18:00", "pain": 1, "doing": "flying"},
                    ],
                },
            ]
        ),
    )
    with pytest.raises(BackupFileError) as caught:
        diary.import_json(path)
    message = str(caught.value)
    assert "nothing was imported" in message
    assert (
        "days[1] (2025-06-02): checkins[1] (13:15): pain: must be a whole number from 0 to 10"
        in message
    )
    assert "days[1] (2025-06-02): checkins[2] (18:00): doing: unknown activity 'flying'" in message
    # The good day before it is not written either.
    assert diary.count() == 0 and diary.checkins_between() == {}
    before = _content(diary.path)
    assert main(["--db", str(diary.path), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "checkins[1] (13:15): pain" in err and "Traceback" not in err
    assert _content(diary.path) == before


def test_two_checkins_at_one_minute_of_a_day_are_refused(diary: Diary, tmp_path: Path) -> None:
    day = {
        "date": "2025-06-01",
        "checkins": [{"time": "08:00", "pain": 2}, {"time": "8:00", "pain": 3}],
    }
    with pytest.raises(BackupFileError, match=r"checkins\[1\] \(8:00\): the time is already"):
        diary.import_json(_write(tmp_path / "b.json", _doc([day])))
    assert diary.count() == 0


def _with_trigger_refusing(path: Path, note: str) -> None:
    """Make the diary file itself refuse one check-in: a failure part-way through a write."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "CREATE TRIGGER refuse_one BEFORE INSERT ON checkin"
            f" WHEN NEW.note = '{note}' BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
        )
    connection.close()


def test_a_write_failing_at_the_last_checkin_leaves_the_diary_unchanged(
    diary_path: Path, tmp_path: Path
) -> None:
    with _fresh(diary_path) as diary:
        diary.save_day({"date": D1, "pain": 4})
        diary.save_checkin({"date": D1, "time": "07:00", "pain": 3})
    path = _write(
        tmp_path / "b.json",
        _doc(
            [
                {"date": "2025-06-01", "pain": 5, "checkins": [{"time": "08:00", "pain": 2}]},
                {"date": "2025-06-02", "pain": 2, "checkins": [{"time": "09:00", "pain": 4}]},
                {
                    "date": "2025-06-03",
                    "checkins": [
                        {"time": "10:00", "pain": 4},
                        {"time": "11:00", "pain": 5, "note": "boom"},
                    ],
                },
            ]
        ),
    )
    _with_trigger_refusing(diary_path, "boom")
    before = _content(diary_path)
    with _fresh(diary_path) as diary, pytest.raises(Exception, match="refused by test"):
        diary.import_json(path, replace=True)
    assert _content(diary_path) == before
    with _fresh(diary_path) as diary:
        assert [d.date for d in diary.days()] == [D1]
        assert [c.clock for c in diary.checkins(D1)] == ["07:00"]


def test_replace_makes_a_days_checkins_the_files(diary: Diary, tmp_path: Path) -> None:
    diary.save_day({"date": D1, "pain": 4})
    diary.save_checkin({"date": D1, "time": "08:00", "pain": 3})
    diary.save_checkin({"date": D1, "time": "12:00", "pain": 5})
    diary.save_checkin({"date": D2, "time": "12:00", "pain": 6})  # a day not in the file
    # Same day values; only the check-ins differ: still a different day.
    path = _write(
        tmp_path / "b.json",
        _doc([{"date": "2025-06-01", "pain": 4, "checkins": [{"time": "09:00", "pain": 7}]}]),
    )
    report = diary.import_json(path)
    assert not report.ok and report.conflicts == [D1]
    assert [c.clock for c in diary.checkins(D1)] == ["08:00", "12:00"]
    report = diary.import_json(path, replace=True)
    assert report.ok and report.replaced == [D1] and report.checkins_added == 1
    assert [(c.clock, c.pain) for c in diary.checkins(D1)] == [("09:00", 7)]
    assert [c.clock for c in diary.checkins(D2)] == ["12:00"]  # untouched
    # The same file again is identical: nothing to replace.
    again = diary.import_json(path)
    assert again.ok and again.unchanged == [D1]


def test_a_day_with_no_checkins_in_the_file_loses_them_on_replace(
    diary: Diary, tmp_path: Path
) -> None:
    diary.save_day({"date": D1, "pain": 4})
    diary.save_checkin({"date": D1, "time": "08:00", "pain": 3})
    path = _write(tmp_path / "b.json", _doc([{"date": "2025-06-01", "pain": 5, "checkins": []}]))
    assert diary.import_json(path, replace=True).ok
    assert diary.checkins(D1) == [] and diary.get_day(D1).pain == 5


def test_replace_from_a_backup_before_checkins_keeps_the_days_checkins(
    diary: Diary, tmp_path: Path
) -> None:
    # A version 1 file cannot hold check-ins: it says nothing about them, so they stay.
    diary.save_day({"date": D1, "pain": 4})
    diary.save_checkin({"date": D1, "time": "08:00", "pain": 3})
    path = _write(tmp_path / "old.json", _doc([{"date": "2025-06-01", "pain": 6}], version=1))
    report = diary.import_json(path, replace=True)
    assert report.ok and report.replaced == [D1]
    assert diary.get_day(D1).pain == 6
    assert [c.clock for c in diary.checkins(D1)] == ["08:00"]


def test_a_version_1_file_with_checkins_is_refused(diary: Diary, tmp_path: Path) -> None:
    day = {"date": "2025-06-01", "pain": 6, "checkins": []}
    with pytest.raises(BackupFileError, match="checkins"):
        diary.import_json(_write(tmp_path / "old.json", _doc([day], version=1)))


# --- check-in CSV -----------------------------------------------------------------------


@SETTINGS
@given(drawn=CHECKIN_LISTS)
def test_checkin_csv_round_trip_gives_back_the_input(
    tmp_path_factory: pytest.TempPathFactory, drawn: list[CheckIn]
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    with _fresh(folder / "source.sqlite3") as source:
        source.import_checkins(drawn)
        assert source.export_checkins_csv(folder / "c.csv") == len(drawn)
    with _fresh(folder / "target.sqlite3") as target:
        report = target.import_csv(folder / "c.csv")
        assert report.ok and report.kind == "checkins"
        assert report.checkins_added == len(drawn)
        assert _stored(target) == _by_date(drawn)


def _checkin_csv(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER_LINE, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_export_header_is_exactly_the_documented_one(diary: Diary, tmp_path: Path) -> None:
    diary.save_checkin(
        {
            "date": D1,
            "time": "16:45",
            "pain": 4,
            "locations": ["calf:left", "lower_back"],
            "symptoms": ["numbness", "aching"],
            "doing": "sitting",
            "note": "long drive, then a walk",
        }
    )
    assert diary.export_checkins_csv(tmp_path / "c.csv") == 1
    lines = (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "date,time,pain,locations,symptoms,doing,notes",
        '2025-06-01,16:45,4,lower_back;calf:left,aching;numbness,sitting,"long drive, then a walk"',
    ]


def test_every_text_cell_of_a_checkin_row_is_spreadsheet_safe() -> None:
    # Codes cannot start with "=" today; the row escapes every text cell anyway, so a
    # code list growing one (or a hand-edited diary) cannot reach a spreadsheet as a formula.
    hostile = CheckIn.model_construct(
        date=D1,
        time=dt.time(9, 0),
        pain=3,
        locations=[Location.model_construct(region="=cmd|' /C calc'!A0", side=None)],
        symptoms=["+SUM(1)"],
        doing="@IMPORT",
        note="-2+3",
    )
    row = dict(zip(HEADER, checkin_to_row(hostile), strict=True))
    for column in ("locations", "symptoms", "doing", "notes"):
        assert row[column].startswith("'"), column


def test_a_formula_like_note_is_escaped_in_the_file_and_comes_back_as_typed(
    diary_path: Path, tmp_path: Path
) -> None:
    with _fresh(diary_path) as diary:
        diary.save_checkin({"date": D1, "time": "09:00", "pain": 3, "note": "=HYPERLINK(1)"})
    out = tmp_path / "c.csv"
    assert main(["--db", str(diary_path), "export", str(out), "--format", "checkins"]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].endswith(",'=HYPERLINK(1)")
    target = tmp_path / "t.sqlite3"
    assert main(["--db", str(target), "import", str(out)]) == 0
    with _fresh(target) as diary:
        assert diary.checkins(D1)[0].note == "=HYPERLINK(1)"


def test_cli_export_honours_the_period_and_writes_owner_only(
    diary_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _fresh(diary_path) as diary:
        for date in (D1, D2, D3):
            diary.save_checkin({"date": date, "time": "09:00", "pain": 3})
            diary.save_checkin({"date": date, "time": "21:00", "pain": 5})
    out = tmp_path / "c.csv"
    status = main(
        [
            "--db",
            str(diary_path),
            "export",
            str(out),
            "--format",
            "checkins",
            "--from",
            "2025-06-02",
            "--to",
            "2025-06-02",
        ]
    )
    assert status == 0 and "Exported 2 check-ins" in capsys.readouterr().out
    assert [line[:16] for line in out.read_text(encoding="utf-8").splitlines()[1:]] == [
        "2025-06-02,09:00",
        "2025-06-02,21:00",
    ]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # The day CSV of the same name is still the default for FILE.csv.
    assert main(["--db", str(diary_path), "export", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(DAY_HEADER)


def test_a_bad_row_exits_2_with_line_and_field_and_changes_nothing(
    diary_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _fresh(diary_path) as diary:
        diary.save_checkin({"date": D1, "time": "07:00", "pain": 3})
    path = _checkin_csv(
        tmp_path / "c.csv",
        "2025-06-01,08:00,2,,,,",
        "2025-06-02,09:00,4,calf:left,,walking,",
        "2025-06-03,10:00,11,,,,",  # line 4, the last row
    )
    before = hashlib.sha256(diary_path.read_bytes()).hexdigest()
    status = main(["--db", str(diary_path), "import", str(path)])
    err = capsys.readouterr().err
    assert status == 2
    assert "nothing was imported" in err
    assert "line 4: pain: must be a whole number from 0 to 10" in err
    assert hashlib.sha256(diary_path.read_bytes()).hexdigest() == before
    with _fresh(diary_path) as diary:
        assert [c.clock for items in diary.checkins_between().values() for c in items] == ["07:00"]


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("2025-06-01,25:00,3,,,,", "time"),
        ("2025-06-01,08:00,,,,,", "pain"),
        ("2025-06-01,08:00,3,elbow,,,", "locations"),
        ("2025-06-01,08:00,3,,itchy,,", "symptom"),
        ("2025-06-01,08:00,3,,,flying,", "doing"),
        ("2099-06-01,08:00,3,,,,", "date"),
        ("2025-06-01,08:00,3,,,", "each row needs 7"),
    ],
)
def test_each_bad_field_is_named_with_its_line(
    diary: Diary, tmp_path: Path, row: str, field: str
) -> None:
    report = diary.import_csv(_checkin_csv(tmp_path / "c.csv", "2025-06-01,07:00,1,,,,", row))
    assert not report.ok
    assert [line for line, _ in report.problems] == [3]
    assert field in report.problems[0][1]
    assert diary.count() == 0


def test_the_same_minute_twice_in_a_file_is_refused(diary: Diary, tmp_path: Path) -> None:
    path = _checkin_csv(tmp_path / "c.csv", "2025-06-01,08:00,2,,,,", "2025-06-01,8:00,3,,,,")
    report = diary.import_csv(path)
    assert report.problems == [(3, "the check-in at 2025-06-01 08:00 is already on line 2")]


@pytest.mark.parametrize(
    "header",
    [
        "date,time,pain,locations,symptoms,doing,note",  # "note", not "notes"
        "date,time,pain",
        "date,time,pain,locations,symptoms,doing,notes,extra",
    ],
)
def test_a_wrong_checkin_header_is_refused_like_the_day_csvs(
    diary_path: Path, tmp_path: Path, header: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.csv"
    path.write_text(f"{header}\n2025-06-01,08:00,2,,,,\n", encoding="utf-8")
    status = main(["--db", str(diary_path), "import", str(path)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"line 1: the header must be exactly {HEADER_LINE}" in err
    if diary_path.exists():
        with _fresh(diary_path) as diary:
            assert diary.count() == 0


def test_an_unknown_header_names_both_formats(diary: Diary, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("when,how much\n2025-06-01,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header must be exactly") as caught:
        diary.import_csv(path)
    assert ",".join(DAY_HEADER) in str(caught.value) and HEADER_LINE in str(caught.value)


def test_checkin_csv_has_the_day_csvs_size_limit(
    diary: Diary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.config

    monkeypatch.setattr(app.config, "MAX_CSV_BYTES", 1000)
    path = _checkin_csv(tmp_path / "c.csv", *["2025-06-01,08:00,2,,,,"] * 60)
    with pytest.raises(ValueError, match="diary CSV files of up to 1,000 bytes"):
        diary.import_csv(path)
    assert diary.count() == 0


def test_a_different_checkin_at_a_taken_minute_needs_replace(
    diary_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _fresh(diary_path) as diary:
        diary.save_checkin({"date": D1, "time": "08:00", "pain": 3})
        diary.save_checkin({"date": D1, "time": "12:00", "pain": 4})
    path = _checkin_csv(tmp_path / "c.csv", "2025-06-01,08:00,6,,,,", "2025-06-01,20:00,2,,,,")
    assert main(["--db", str(diary_path), "import", str(path)]) == 2
    assert "2025-06-01 08:00" in capsys.readouterr().err
    with _fresh(diary_path) as diary:
        assert [(c.clock, c.pain) for c in diary.checkins(D1)] == [("08:00", 3), ("12:00", 4)]
    assert main(["--db", str(diary_path), "import", str(path), "--replace"]) == 0
    assert "Imported 1 new check-ins, replaced 1" in capsys.readouterr().out
    with _fresh(diary_path) as diary:
        # The check-in file adds and replaces check-ins; the day's others stay.
        assert [(c.clock, c.pain) for c in diary.checkins(D1)] == [
            ("08:00", 6),
            ("12:00", 4),
            ("20:00", 2),
        ]


def test_a_checkin_csv_write_failing_part_way_leaves_the_diary_unchanged(
    diary_path: Path, tmp_path: Path
) -> None:
    with _fresh(diary_path) as diary:
        diary.save_checkin({"date": D1, "time": "07:00", "pain": 3})
    _with_trigger_refusing(diary_path, "boom")
    before = _content(diary_path)
    path = _checkin_csv(tmp_path / "c.csv", "2025-06-02,08:00,2,,,,", "2025-06-03,09:00,4,,,,boom")
    with _fresh(diary_path) as diary, pytest.raises(Exception, match="refused by test"):
        diary.import_csv(path)
    assert _content(diary_path) == before


# --- FHIR ----------------------------------------------------------------------------------


def _validated(bundle: dict) -> None:
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        model = {"Patient": Patient, "Observation": Observation}[entry["resource"]["resourceType"]]
        model.model_validate(entry["resource"])


def _observations(bundle: dict) -> list[dict]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch):
    """This process's local time zone is Europe/Berlin for the test (restored after)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_fhir_one_observation_per_checkin_at_local_time_with_its_dst_offset(
    diary_path: Path, tmp_path: Path, berlin: None
) -> None:
    summer, winter, spring_forward = dt.date(2025, 6, 1), dt.date(2025, 1, 15), dt.date(2025, 3, 30)
    with _fresh(diary_path) as diary:
        diary.save_day({"date": summer, "pain": 5})  # entered: its day Observation stays
        diary.save_checkin(
            {"date": summer, "time": "16:45", "pain": 6, "doing": "sitting",
             "locations": ["calf:left"], "symptoms": ["numbness"], "note": "private words"}
        )  # fmt: skip
        diary.save_checkin({"date": winter, "time": "08:10", "pain": 3})
        # Berlin's clocks went from 02:00 to 03:00 that night: the offset changes within the day.
        diary.save_checkin({"date": spring_forward, "time": "01:30", "pain": 2})
        diary.save_checkin({"date": spring_forward, "time": "03:30", "pain": 4})
        out = tmp_path / "d.fhir.json"
        assert diary.export_fhir(out) == 5
    bundle = json.loads(out.read_text(encoding="utf-8"))
    _validated(bundle)
    pains = [o for o in _observations(bundle) if o["code"]["coding"][0]["code"] == "72514-3"]
    timed = {o["effectiveDateTime"]: o for o in pains if "T" in o["effectiveDateTime"]}
    assert sorted(timed) == [
        "2025-01-15T08:10:00+01:00",
        "2025-03-30T01:30:00+01:00",
        "2025-03-30T03:30:00+02:00",
        "2025-06-01T16:45:00+02:00",
    ]
    assert [timed[k]["valueInteger"] for k in sorted(timed)] == [3, 2, 4, 6]
    # Read back as an aware moment: 16:45 Berlin summer time is 14:45 UTC.
    moment = dt.datetime.fromisoformat("2025-06-01T16:45:00+02:00")
    assert moment.astimezone(dt.UTC).time() == dt.time(14, 45)
    sitting = timed["2025-06-01T16:45:00+02:00"]
    assert sitting["bodySite"]["coding"][0]["code"] == "53840002:272741003=7771000"
    assert [n["text"] for n in sitting["note"]] == [
        "Doing at the time: Sitting",
        "Kind of pain: Numbness",
    ]
    assert "private words" not in out.read_text(encoding="utf-8")
    # Days: only the entered one; days of check-ins alone have no day Observation.
    assert [o["effectiveDateTime"] for o in pains if "T" not in o["effectiveDateTime"]] == [
        "2025-06-01"
    ]


def test_fhir_derived_day_pain_is_not_exported_as_a_measurement(diary: Diary) -> None:
    diary.save_checkin({"date": D1, "time": "09:00", "pain": 3})
    diary.save_checkin({"date": D1, "time": "18:00", "pain": 6})
    assert diary.day_pain(D1).source == "checkins"
    bundle = build_bundle(diary.days(), checkins=diary.checkins_between(), tz=dt.UTC)
    _validated(bundle)
    values = [(o["effectiveDateTime"], o["valueInteger"]) for o in _observations(bundle)]
    assert values == [("2025-06-01T09:00:00+00:00", 3), ("2025-06-01T18:00:00+00:00", 6)]


def test_fhir_time_zone_can_be_given_and_follows_that_zones_dst() -> None:
    new_york = ZoneInfo("America/New_York")
    items = {
        dt.date(2025, 7, 4): [make_checkin(date="2025-07-04", time="12:00", pain=1)],
        dt.date(2025, 12, 4): [make_checkin(date="2025-12-04", time="12:00", pain=2)],
    }
    bundle = build_bundle([], checkins=items, tz=new_york)
    _validated(bundle)
    assert [o["effectiveDateTime"] for o in _observations(bundle)] == [
        "2025-07-04T12:00:00-04:00",
        "2025-12-04T12:00:00-05:00",
    ]
    assert len({e["fullUrl"] for e in bundle["entry"]}) == len(bundle["entry"])
