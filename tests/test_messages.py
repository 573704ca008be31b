"""Refusal messages name the file or field, stay a few lines and echo little input.

Issue 11 item 13: every message names what it is about, lists at most 20
problems (then "and N more"), and never shows more than 80 characters of
what the user typed or the file held.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.diary import Diary
from app.domain.messages import ECHO_LIMIT, clip_input, problem_lines, quote_input
from app.exports.csv_format import HEADER

ROOT = Path(__file__).resolve().parents[1]
#: Longer than any message may echo; a run of 81 of these in stderr is a failure.
LONG = "x" * 1_000_000


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.save_day({"date": "2026-01-01", "pain": 4, "note": "keep me"})
    return path


def _days(path: Path) -> list[dict]:
    with Diary.open(path) as diary:
        return [day.model_dump(mode="json") for day in diary.days()]


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own refusals
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, err


def _echoes_at_most_80(err: str, char: str = "x") -> bool:
    return char * (ECHO_LIMIT + 1) not in err


def _backup(days: list[object], **extra: object) -> str:
    return json.dumps({"format": "pain-diary-backup", "version": 1, "days": days, **extra})


# --- the four cases of the issue ---------------------------------------------------------


def test_a_5000_digit_json_number_names_file_and_field(db, tmp_path, capsys) -> None:
    before = _days(db)
    file = tmp_path / "big.json"
    file.write_text(
        _backup([{"date": "2021-01-06", "pain": 7}]).replace('"pain": 7', '"pain": ' + "9" * 5000)
    )
    status, err = _run(capsys, ["--db", str(db), "import", str(file)])
    assert status == 2
    assert err.startswith(f"pain-diary: {file}: nothing was imported")
    assert "days[0] (2021-01-06): pain: must be a whole number from 0 to 10" in err
    assert "a number with 5,000 digits" in err
    assert "4300" not in err and "int_max_str_digits" not in err
    assert len(err.splitlines()) <= 3
    assert _days(db) == before


def test_a_5000_digit_csv_cell_names_line_and_field(db, tmp_path, capsys) -> None:
    file = tmp_path / "big.csv"
    row = ["2021-01-06", "9" * 5000] + [""] * (len(HEADER) - 2)
    _write_csv(file, [row])
    status, err = _run(capsys, ["--db", str(db), "import", str(file)])
    assert status == 2
    assert f"{file}: nothing was imported" in err
    assert "line 2: pain: must be a whole number from 0 to 10" in err
    assert "4300" not in err and _echoes_at_most_80(err, "9")


def test_an_empty_alembic_version_table_is_named_without_sql(db, capsys) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM alembic_version")
    connection.close()
    before = db.read_bytes()
    status, err = _run(capsys, ["--db", str(db), "show"])
    assert status == 2
    assert str(db) in err and "schema version" in err
    for raw in ("SQL", "CREATE TABLE", "sqlalche.me", "http", "OperationalError"):
        assert raw not in err, raw
    assert len(err.splitlines()) <= 3
    assert db.read_bytes() == before


def test_a_1mb_date_is_not_echoed_whole(db, tmp_path, capsys) -> None:
    # On the command line ...
    status, err = _run(capsys, ["--db", str(db), "log", LONG, "--pain", "3"])
    assert status == 2 and "is not a date" in err and _echoes_at_most_80(err)
    assert len(err) < 2000
    # ... in a JSON backup ...
    file = tmp_path / "date.json"
    file.write_text(_backup([{"date": LONG, "pain": 3}]))
    status, err = _run(capsys, ["--db", str(db), "import", str(file)])
    assert status == 2 and "days[0]" in err and "date: must be a real calendar date" in err
    assert _echoes_at_most_80(err) and len(err) < 2000
    # ... and in a CSV file.
    file = tmp_path / "date.csv"
    _write_csv(file, [[LONG[:100_000], "3"] + [""] * (len(HEADER) - 2)])
    status, err = _run(capsys, ["--db", str(db), "import", str(file)])
    assert status == 2 and "line 2: date: must be a real calendar date" in err
    assert _echoes_at_most_80(err) and len(err) < 2000


def test_3372_bad_rows_print_20_and_a_count(db, tmp_path, capsys) -> None:
    before = _days(db)
    file = tmp_path / "bad.csv"
    _write_csv(file, [["2021-13-01", "5"] + [""] * (len(HEADER) - 2)] * 3372)
    status, err = _run(capsys, ["--db", str(db), "import", str(file)])
    assert status == 2
    lines = err.splitlines()
    assert lines[0] == f"{file}: nothing was imported; fix these rows and try again:"
    assert len(lines) == 1 + 20 + 1
    assert lines[1].startswith("  line 2: date:")
    assert lines[-1] == "  ... and 3,352 more problems"
    assert _days(db) == before


# --- the 80-character rule wherever input is echoed ---------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["log", "today", "--pain", LONG[:5000]],
        ["log", "today", "--pain", "9" * 5000],
        ["log", "today", "--sleep", LONG[:5000]],
        ["log", "today", "--sitting", LONG[:5000]],
        ["log", "today", "--sitting", "9" * 5000 + "h"],
        ["log", "today", "--where", LONG[:5000]],
        ["log", "today", "--where", "calf:" + LONG[:5000]],
        ["log", "today", "--symptom", LONG[:5000]],
        ["log", "today", "--exercise", LONG[:5000]],
        ["log", "today", "--exercise", "walking:" + LONG[:5000]],
        ["log", "today", "--treatment", "ice:" + LONG[:5000]],
        ["log", "today", "--exertion", LONG[:5000]],
        ["log", "today", "--posture", LONG[:5000]],
        ["log", "today", "--red-flag", LONG[:5000]],
        ["log", "today", "--note", LONG[:20_000]],
        ["show", "--from", LONG[:5000]],
        ["chart", LONG[:5000], "out.png"],
        ["export", "out.csv", "--format", LONG[:5000]],
        ["report", "out.pdf", "--paper", LONG[:5000]],
        ["demo", "--days", LONG[:5000]],
        ["show", LONG[:5000]],
        ["log", LONG[:5000]],
        ["log", "today", "--no-such-option", LONG[:5000]],
    ],
    ids=lambda args: " ".join(a[:12] for a in args),
)
def test_the_cli_echoes_at_most_80_characters(db, capsys, args: list[str]) -> None:
    status, err = _run(capsys, ["--db", str(db), *args])
    assert status == 2
    assert _echoes_at_most_80(err) and _echoes_at_most_80(err, "9")
    assert "4300" not in err  # Python's own int-limit text names no field
    assert len(err.splitlines()) <= 2, err[:3000]


def test_json_field_names_and_values_are_shortened(db, tmp_path, capsys) -> None:
    file = tmp_path / "keys.json"
    text = _backup(
        [{"date": "2021-01-06", LONG[:5000]: 1, "posture": LONG[:5000], "flare": LONG[:5000]}],
        custom_exercises=[LONG[:5000]],
        settings={LONG[:5000]: "v", "ok": LONG[:20_000]},
        **{LONG[:5000]: 1},
    )
    file.write_text(text)
    status, err = _run(capsys, ["--db", str(db), "import", str(file)])
    assert status == 2 and str(file) in err
    assert _echoes_at_most_80(err) and len(err.splitlines()) <= 12


def test_a_json_version_of_5000_digits_is_named(db, tmp_path, capsys) -> None:
    file = tmp_path / "version.json"
    file.write_text('{"format": "pain-diary-backup", "version": ' + "9" * 5000 + "}")
    status, err = _run(capsys, ["--db", str(db), "import", str(file)])
    assert status == 2 and str(file) in err and "version" in err
    assert _echoes_at_most_80(err, "9")


def test_a_real_process_gets_the_same_short_message(db, tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "log", "today", "--pain", LONG[:100_000]],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("pain-diary: pain: must be a whole number from 0 to 10, got 'x")
    assert "(100,000 characters)" in done.stderr
    assert _echoes_at_most_80(done.stderr) and len(done.stderr.splitlines()) == 1


# --- the helpers themselves -------------------------------------------------------------


def test_quote_input_keeps_short_values_and_cuts_long_ones() -> None:
    assert quote_input("abc") == "'abc'"
    assert quote_input("y" * 80) == repr("y" * 80)
    cut = quote_input("y" * 81)
    assert cut == "'" + "y" * 80 + "…' (81 characters)"
    assert quote_input(7) == "7" and quote_input(None) == "None" and quote_input(True) == "True"
    assert quote_input(Decimal("9" * 5000)) == "a number with 5,000 digits"
    assert re.fullmatch(r"a number of about [\d,]+ digits", quote_input(10**5000))
    assert quote_input([1, 2]) == "a list of 2 items" and quote_input({}) == "an object"
    assert clip_input("z" * 100, 10) == "zzzzzzzzzz… (100 characters)"


def test_problem_lines_counts_the_rest() -> None:
    assert problem_lines(["a", "b"]) == ["a", "b"]
    lines = problem_lines([str(n) for n in range(25)])
    assert lines[:20] == [str(n) for n in range(20)] and lines[20] == "... and 5 more problems"
    assert problem_lines(["a"] * 21)[-1] == "... and 1 more problem"


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
