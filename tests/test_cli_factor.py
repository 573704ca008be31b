"""`factor`, `suspect`, `log --stress/--factor`: every command; refusals change nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.diary import Diary
from tests.test_cli import digest, run

DAY = "2026-01-05"


def setup_factors(capsys, db: Path) -> None:
    assert run(capsys, db, "factor", "add", "Gardening", "--kind", "yesno")[0] == 0
    assert run(capsys, db, "factor", "add", "Mood", "--kind", "rating", "--threshold", "6")[0] == 0
    assert run(capsys, db, "factor", "add", "Screen time", "--kind", "minutes")[0] == 0


def test_factor_add_list_rename_archive(capsys, diary_path: Path) -> None:
    setup_factors(capsys, diary_path)
    status, out, _ = run(
        capsys, diary_path, "log", DAY, "--stress", "6", "--factor", "gardening=yes",
        "--factor", "Mood=4", "--factor", "Screen time=2h",
    )  # fmt: skip
    assert status == 0 and "stress 6/10" in out and "Gardening yes" in out
    status, out, _ = run(capsys, diary_path, "factor", "list")
    assert status == 0
    lines = out.splitlines()
    assert lines[1].split() == ["Gardening", "yes/no", "-", "1"]
    assert lines[2].split() == ["Mood", "0-10", "rating", "6", "1"]
    status, out, _ = run(capsys, diary_path, "factor", "rename", "Gardening", "Yard work")
    assert status == 0 and "kept" in out
    assert run(capsys, diary_path, "factor", "archive", "yard work")[0] == 0
    status, out, _ = run(capsys, diary_path, "factor", "list", "--json")
    listed = json.loads(out)
    assert [(f["name"], f["archived"], f["days"]) for f in listed] == [
        ("Yard work", True, 1),
        ("Mood", False, 1),
        ("Screen time", False, 1),
    ]
    status, out, _ = run(capsys, diary_path, "show", "--json")
    (day,) = json.loads(out)
    # Renamed and archived: the value stays on the old day, under the new name.
    assert day["stress"] == 6
    assert day["factors"] == {"Yard work": True, "Mood": 4, "Screen time": 120}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["log", DAY, "--factor", "Knitting=yes"], "factors.Knitting: is not one of your factors"),
        (["log", DAY, "--factor", "Mood=11"], "factors.Mood: must be a whole number from 0 to 10"),
        (["log", DAY, "--factor", "Gardening=maybe"], "Gardening: must be yes/no"),
        (["log", DAY, "--factor", "Gardening"], "--factor takes NAME=VALUE"),
        (["log", DAY, "--factor", "Old=yes"], "factors.Old: is archived"),
        (["log", DAY, "--stress", "11"], "stress: must be a whole number from 0 to 10"),
        (["factor", "add", "Mood", "--kind", "yesno"], "already have a factor named 'Mood'"),
        (["factor", "add", "Walk", "--kind", "hours"], "--kind"),
        (["factor", "add", "Walk"], "needs --kind"),
        (["factor", "add", "Walk", "--kind", "rating", "--threshold", "x"], "threshold"),
        (["factor", "add", "a;b", "--kind", "yesno"], "name:"),
        (["factor", "add", "sleep", "--kind", "yesno"], "is a built-in factor"),
        (["factor", "rename", "Nope", "New"], "'Nope' is not one of your factors"),
        (["factor", "rename", "Mood", "gardening"], "already have a factor named 'Gardening'"),
        (["factor", "archive", "Nope"], "'Nope' is not one of your factors"),
        (["suspect", "add", "knitting"], "unknown factor 'knitting'"),
        (["suspect", "add", "sitting", "--lag", "2"], "--lag"),
        (["suspect", "remove", "sleep"], "'sleep' is not a suspect"),
        (["suspect", "add"], "needs a FACTOR"),
    ],
)
def test_bad_factor_and_suspect_input_exits_2_and_changes_nothing(
    capsys, diary_path: Path, args: list[str], expected: str
) -> None:
    setup_factors(capsys, diary_path)
    run(capsys, diary_path, "factor", "add", "Old", "--kind", "yesno")
    run(capsys, diary_path, "factor", "archive", "Old")
    run(capsys, diary_path, "log", DAY, "--pain", "4", "--factor", "Mood=3")
    before = digest(diary_path)
    status, out, err = run(capsys, diary_path, *args)
    assert status == 2 and out == ""
    assert expected in err and "Traceback" not in err
    assert digest(diary_path) == before


def test_the_21st_factor_is_refused(capsys, diary_path: Path) -> None:
    for number in range(20):
        assert run(capsys, diary_path, "factor", "add", f"f{number}", "--kind", "yesno")[0] == 0
    before = digest(diary_path)
    status, _, err = run(capsys, diary_path, "factor", "add", "f20", "--kind", "yesno")
    assert status == 2 and "at most 20 own factors" in err
    assert digest(diary_path) == before


def test_suspect_add_list_remove_and_the_fourth_refused(capsys, diary_path: Path) -> None:
    status, out, _ = run(capsys, diary_path, "suspect", "add", "sitting")
    assert status == 0 and "(next day)" in out and "covers every day" in out
    run(capsys, diary_path, "log", DAY, "--pain", "3")
    run(capsys, diary_path, "factor", "add", "Gardening", "--kind", "yesno")
    status, out, _ = run(capsys, diary_path, "suspect", "add", "gardening", "--lag", "0")
    today = dt.date.today().isoformat()
    assert status == 0 and f"covers days after {today}" in out
    run(capsys, diary_path, "suspect", "add", "stress")
    before = digest(diary_path)
    status, out, err = run(capsys, diary_path, "suspect", "add", "sleep")
    assert status == 2 and out == ""
    assert "You can have at most 3 suspects; remove one first: sitting (next day)" in err
    assert digest(diary_path) == before
    status, out, _ = run(capsys, diary_path, "suspect", "list", "--json")
    assert json.loads(out) == [
        {"factor": "sitting", "own": False, "lag": 1, "declared_on": today, "covers_from": None},
        {"factor": "Gardening", "own": True, "lag": 0, "declared_on": today, "covers_from": today},
        {"factor": "stress", "own": False, "lag": 1, "declared_on": today, "covers_from": today},
    ]
    status, out, _ = run(capsys, diary_path, "suspect", "list")
    assert status == 0 and "Gardening" in out and f"days after {today}" in out
    status, out, _ = run(capsys, diary_path, "suspect", "remove", "Gardening", "--lag", "0")
    assert status == 0 and "Removed suspect Gardening (same day)" in out
    with Diary.open(diary_path) as diary:
        assert [s.factor for s in diary.suspects()] == ["sitting", "stress"]
