"""Random and hostile input: a clear message or success, never a traceback, data kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.diary import Diary
from app.domain.entry import DayEntry
from app.exports.backup_json import read_backup
from app.exports.csv_format import HEADER, parse_csv_text

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.save_day({"date": "2026-01-01", "pain": 4, "note": "keep me"})
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own refusals
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, err


def _days(path: Path) -> dict[dt.date, DayEntry]:
    with Diary.open(path) as diary:
        return {day.date: day for day in diary.days()}


def _in_file(file: Path) -> list[DayEntry]:
    """The days the file describes, read by the format's own parser."""
    if file.suffix == ".csv":
        return parse_csv_text(file.read_text(encoding="utf-8")).entries
    return read_backup(file).days


def _import_refused_or_clean(capsys, seeded: Path, file: Path) -> None:
    before, days_before = _digest(seeded), _days(seeded)
    status, err = _run(capsys, ["--db", str(seeded), "import", str(file)])
    assert status in (0, 2)
    if status == 2:
        assert err.startswith(("pain-diary:", str(file))) and err.strip()
        assert _digest(seeded) == before
    else:
        # Accepted: every day kept as it was, every day of the file there as the file has it.
        after = _days(seeded)
        assert {date: after.get(date) for date in days_before} == days_before
        for entry in _in_file(file):
            assert after[entry.date] == entry


_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "11", "-5", "1500", "2026-02-30", "2999-01-01", "=1+1", "calf:up",
                     "walking:x", "1", "0", "nan", "inf", "1e9", "7h30m", '"', ";;", ":"]),
)  # fmt: skip


@SETTINGS
@given(rows=st.lists(st.lists(_cell, min_size=0, max_size=22), max_size=5))
def test_random_csv_rows(capsys, seeded: Path, tmp_path_factory, rows: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    file = tmp_path_factory.mktemp("csv") / "in.csv"
    file.write_text(buffer.getvalue(), encoding="utf-8")
    _import_refused_or_clean(capsys, seeded, file)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_as_csv_and_json(capsys, seeded: Path, tmp_path_factory, data: bytes):
    folder = tmp_path_factory.mktemp("bytes")
    for name in ("in.csv", "in.json"):
        (folder / name).write_bytes(data)
        _import_refused_or_clean(capsys, seeded, folder / name)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


@SETTINGS
@given(days=st.lists(st.dictionaries(st.sampled_from(
    ["date", "pain", "locations", "symptoms", "exercises", "flare", "note", "sleep_hours"]),
    _json, max_size=5), max_size=3), version=st.sampled_from([1, 2, "1", None]))  # fmt: skip
def test_hostile_json_backups(capsys, seeded: Path, tmp_path_factory, days, version) -> None:
    file = tmp_path_factory.mktemp("json") / "in.json"
    file.write_text(json.dumps({"format": "pain-diary-backup", "version": version, "days": days}))
    _import_refused_or_clean(capsys, seeded, file)


_flag = st.sampled_from(
    ["--pain", "--worst", "--enjoyment", "--activity", "--where", "--symptom", "--sitting",
     "--standing", "--active", "--exercise", "--exertion", "--posture", "--sleep",
     "--sleep-quality", "--treatment", "--red-flag", "--flare", "--note", "--bogus"]
)  # fmt: skip
_value = st.one_of(_cell, st.integers(-(10**6), 10**6).map(str))


@SETTINGS
@given(
    date=st.sampled_from(["today", "yesterday", "2026-01-01", "2026-13-01", "tomorrow", "0"]),
    args=st.lists(st.tuples(_flag, _value), max_size=5),
)
def test_hostile_log_arguments(capsys, seeded: Path, date: str, args) -> None:
    argv = ["--db", str(seeded), "log", date]
    for flag, value in args:
        argv += [flag] if flag == "--flare" else [flag, value]
    before, days_before = _digest(seeded), _days(seeded)
    status, err = _run(capsys, argv)
    assert status in (0, 2)
    if status == 2:
        assert err.strip()
        assert _digest(seeded) == before
    else:
        # Logged: that one day is there; no other day changed.
        today = dt.date.today()
        day = {"today": today, "yesterday": today - dt.timedelta(days=1)}.get(date)
        day = day or dt.date.fromisoformat(date)
        after = _days(seeded)
        assert day in after
        assert {d: e for d, e in after.items() if d != day} == {
            d: e for d, e in days_before.items() if d != day
        }


def test_a_50_mb_csv_is_refused_without_reading_it(capsys, seeded: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper
    before = _digest(seeded)
    tracemalloc.start()
    status, err = _run(capsys, ["--db", str(seeded), "import", str(big)])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert status == 2 and "MB" in err
    assert peak < 10 * 1024 * 1024
    assert _digest(seeded) == before


def test_a_1_mb_note_is_refused_with_the_limit(capsys, tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    with Diary.open(db) as diary:  # its own diary: the hypothesis tests above change `seeded`
        diary.save_day({"date": "2026-01-01", "pain": 4, "note": "keep me"})
    before = _digest(db)
    status, err = _run(capsys, ["--db", str(db), "log", "2026-01-01", "--note", "x" * 2**20])
    assert status == 2 and "note" in err and "10,000" in err
    assert _digest(db) == before
    with Diary.open(db) as diary:
        assert diary.get_day(dt.date(2026, 1, 1)).note == "keep me"  # type: ignore[union-attr]
