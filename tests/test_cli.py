"""The command line: every command, and bad input that leaves the diary as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.diary import Diary

TODAY = dt.date.today()


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    try:
        status = main(["--db", str(db), *args])
    except SystemExit as exit_:  # argparse refuses malformed arguments itself
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_log_creates_then_updates_only_the_given_fields(capsys, diary_path: Path) -> None:
    status, out, _ = run(
        capsys, diary_path, "log", "today", "--pain", "5", "--where", "lower_back",
        "--where", "calf:left", "--symptom", "shooting", "--sitting", "7h30m",
        "--exercise", "walking:30", "--exercise", "nerve glides:5", "--exertion", "heavy",
        "--posture", "poor", "--sleep", "6h45m", "--sleep-quality", "4",
        "--treatment", "heat:5", "--flare", "--note", "bad day",
    )  # fmt: skip
    assert status == 0 and f"Logged {TODAY}" in out
    status, out, _ = run(capsys, diary_path, "log", "today", "--worst", "8")
    assert status == 0 and "Updated" in out
    with Diary.open(diary_path) as diary:
        day = diary.get_day(TODAY)
    assert day is not None
    assert (day.pain, day.worst_pain, day.sitting_minutes, day.sleep_hours) == (5, 8, 450, 6.75)
    assert [str(x) for x in day.locations] == ["lower_back", "calf:left"]
    assert [str(x) for x in day.exercises] == ["walking:30", "nerve glides:5"]
    assert [str(x) for x in day.treatments] == ["heat:5"]
    assert day.flare and day.note == "bad day" and day.exertion == "heavy"


def test_yesterday_and_iso_dates(capsys, diary_path: Path) -> None:
    assert run(capsys, diary_path, "log", "yesterday", "--pain", "2")[0] == 0
    assert run(capsys, diary_path, "log", "2026-01-02", "--pain", "3")[0] == 0
    with Diary.open(diary_path) as diary:
        assert diary.dates() == [dt.date(2026, 1, 2), TODAY - dt.timedelta(days=1)]


def test_show_json_lists_days_in_the_range(capsys, diary_path: Path) -> None:
    for day in ("2026-01-01", "2026-01-02", "2026-01-03"):
        run(capsys, diary_path, "log", day, "--pain", day[-1])
    status, out, _ = run(capsys, diary_path, "show", "--from", "2026-01-02", "--json")
    assert status == 0
    assert [(d["date"], d["pain"]) for d in json.loads(out)] == [
        ("2026-01-02", 2),
        ("2026-01-03", 3),
    ]
    status, out, _ = run(capsys, diary_path, "show", "--to", "2026-01-01")
    assert "2026-01-01" in out and "2026-01-02" not in out and "1 days" in out


BAD_LOGS = [
    (["--pain", "11"], "pain", "0 to 10"),
    (["--sitting", "-5"], "sitting_minutes", "0 to 1440"),
    (["--sitting", "1500"], "sitting_minutes", "0 to 1440"),
    (["--sitting", "600", "--standing", "600", "--active", "300"], "sitting + standing", "1440"),
    (["--where", "elbow"], "region", "lower_back"),
    (["--symptom", "itchy"], "symptom", "tingling"),
    (["--exertion", "extreme"], "exertion", "heavy"),
    (["--red-flag", "headache"], "red flag", "saddle_numbness"),
]


@pytest.mark.parametrize(("flags", "field", "allowed"), BAD_LOGS)
def test_bad_input_exits_2_with_a_clear_message_and_an_unchanged_diary(
    capsys, diary_path: Path, flags: list[str], field: str, allowed: str
) -> None:
    run(capsys, diary_path, "log", "2026-01-01", "--pain", "4", "--note", "keep me")
    before = digest(diary_path)
    status, out, err = run(capsys, diary_path, "log", "2026-01-01", *flags)
    assert status == 2 and out == ""
    assert field in err and allowed in err and "Traceback" not in err
    assert digest(diary_path) == before


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2026-02-30", "not a date"), ((TODAY + dt.timedelta(days=1)).isoformat(), "future")],
)
def test_impossible_or_future_dates_exit_2(capsys, diary_path: Path, date: str, expected: str):
    run(capsys, diary_path, "log", "2026-01-01", "--pain", "4")
    before = digest(diary_path)
    status, _, err = run(capsys, diary_path, "log", date, "--pain", "3")
    assert status == 2 and expected in err
    assert digest(diary_path) == before


def test_export_and_import_csv_between_diaries(capsys, tmp_path: Path) -> None:
    first, second, csv_file = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3", tmp_path / "d.csv"
    run(capsys, first, "log", "2026-01-01", "--pain", "4", "--where", "calf:left")
    run(capsys, first, "log", "2026-01-02", "--pain", "6", "--note", "=1+1")
    assert run(capsys, first, "export", str(csv_file))[0] == 0
    status, out, _ = run(capsys, second, "import", str(csv_file))
    assert status == 0 and "Imported 2 new days" in out
    with Diary.open(first) as a, Diary.open(second) as b:
        assert a.days() == b.days()


def test_import_conflicts_need_replace(capsys, tmp_path: Path) -> None:
    db, csv_file = tmp_path / "a.sqlite3", tmp_path / "d.csv"
    run(capsys, db, "log", "2026-01-01", "--pain", "4")
    run(capsys, db, "export", str(csv_file))
    run(capsys, db, "log", "2026-01-01", "--pain", "7")
    status, _, err = run(capsys, db, "import", str(csv_file))
    assert status == 2 and "2026-01-01" in err and "--replace" in err
    status, out, _ = run(capsys, db, "import", str(csv_file), "--replace")
    assert status == 0 and "replaced 1" in out


def test_export_to_an_unknown_format_or_missing_folder_exits_2(capsys, diary_path: Path):
    run(capsys, diary_path, "log", "2026-01-01", "--pain", "4")
    status, _, err = run(capsys, diary_path, "export", str(diary_path.parent / "x.xlsx"))
    assert status == 2 and ".xlsx" in err
    status, _, err = run(capsys, diary_path, "export", str(diary_path.parent / "no" / "x.csv"))
    assert status == 2 and "does not exist" in err


def test_an_unusable_diary_file_exits_2_naming_it(capsys, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a database at all, just some text " * 20)
    status, _, err = run(capsys, bogus, "show")
    assert status == 2 and str(bogus) in err and "not an SQLite database" in err


def test_demo_creates_a_separate_diary_and_says_how_to_open_it(capsys, tmp_path: Path):
    demo = tmp_path / "demo.sqlite3"
    status, out, _ = run(capsys, demo, "demo", "--days", "60")
    assert status == 0 and f"--db {demo}" in out
    with Diary.open(demo) as diary:
        assert 45 <= diary.count() <= 60
    status, _, err = run(capsys, demo, "demo")
    assert status == 2 and "never overwrites" in err


def test_the_installed_console_script_runs_from_another_folder(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("pain-diary")
    if not script.exists():
        pytest.skip("pain-diary is not installed in this environment")
    db = tmp_path / "d.sqlite3"
    env_run = {"cwd": tmp_path, "capture_output": True, "text": True}
    log = subprocess.run([script, "--db", db, "log", "today", "--pain", "5"], **env_run)
    assert log.returncode == 0, log.stderr
    shown = subprocess.run([script, "--db", db, "show", "--json"], **env_run)
    assert json.loads(shown.stdout)[0]["pain"] == 5
    bad = subprocess.run([script, "--db", db, "log", "today", "--pain", "11"], **env_run)
    assert bad.returncode == 2 and "pain" in bad.stderr


def test_every_field_of_a_day_has_one_log_flag() -> None:
    from app.cli.day_commands import LOG_FLAGS
    from app.domain.fields import DAY_FIELDS

    assert [flag.field for flag in LOG_FLAGS] == list(DAY_FIELDS[1:])
    assert len({flag.flag for flag in LOG_FLAGS}) == len(LOG_FLAGS)


def test_every_registered_command_is_offered_and_lists_come_from_their_owners() -> None:
    from app.charts import CHART_KINDS
    from app.cli import build_parser
    from app.cli.parsing import COMMANDS
    from app.exports.report_pdf import PAPERS

    parser = build_parser()
    offered = next(a for a in parser._actions if a.dest == "command").choices
    assert list(offered) == list(COMMANDS)
    assert {"log", "show", "insights", "export", "import", "chart", "report"} <= set(COMMANDS)
    report = offered["report"]
    paper = next(a for a in report._actions if a.dest == "paper")
    assert tuple(paper.choices) == tuple(PAPERS)
    chart = offered["chart"]
    kind = next(a for a in chart._actions if a.dest == "kind")
    assert kind.help == ", ".join(CHART_KINDS)
