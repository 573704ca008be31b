"""Partial updates and a form's save merged with what changed on disk since it was loaded."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.diary import DayChangedError, Diary, EntryError

ROOT = Path(__file__).resolve().parents[1]
D = dt.date(2024, 3, 5)


def _log_in_another_process(db: Path, *flags: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "log", D.isoformat(), *flags],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )


def test_update_day_changes_only_the_fields_given(diary: Diary) -> None:
    diary.save_day({"date": D, "pain": 3, "note": "kept", "symptoms": ["aching"]})
    saved, created = diary.update_day(D, {"sleep_hours": "7h30m"})
    assert not created
    assert (saved.pain, saved.note, saved.symptoms, saved.sleep_hours) == (
        3,
        "kept",
        ["aching"],
        7.5,
    )
    assert diary.get_day(D) == saved
    new, created = diary.update_day(D + dt.timedelta(days=1), {"pain": 2})
    assert created and new.pain == 2


def test_update_day_refuses_bad_input_and_unknown_fields_writing_nothing(diary: Diary) -> None:
    diary.save_day({"date": D, "pain": 3})
    with pytest.raises(EntryError, match="worst pain"):
        diary.update_day(D, {"worst_pain": 1})  # below the average pain on disk
    with pytest.raises(EntryError, match="colour"):
        diary.update_day(D, {"colour": "red"})
    assert diary.get_day(D).worst_pain is None  # type: ignore[union-attr]


def test_a_form_save_keeps_what_a_log_command_changed_meanwhile(diary: Diary) -> None:
    diary.save_day({"date": D, "pain": 3, "note": "morning"})
    loaded = diary.get_day_fields(D)
    _log_in_another_process(diary.path, "--sleep", "6")  # while the form is open
    edited = {**loaded, "pain": 6}  # type: ignore[dict-item]
    saved = diary.save_form(D, loaded, edited)
    assert (saved.pain, saved.sleep_hours, saved.note) == (6, 6.0, "morning")
    assert diary.get_day(D) == saved


def test_a_new_day_in_the_form_merges_with_one_logged_meanwhile(diary: Diary) -> None:
    _log_in_another_process(diary.path, "--sleep", "8", "--note", "from the command")
    saved = diary.save_form(D, None, {"date": D, "pain": "4", "note": "from the command"})
    assert (saved.pain, saved.sleep_hours, saved.note) == (4, 8.0, "from the command")


def test_the_same_field_changed_on_both_sides_is_refused_and_nothing_written(
    diary: Diary,
) -> None:
    diary.save_day({"date": D, "pain": 3, "note": "a"})
    loaded = diary.get_day_fields(D)
    diary.update_day(D, {"pain": 8})  # another program
    edited = {**loaded, "pain": 5, "note": "b"}  # type: ignore[dict-item]
    with pytest.raises(DayChangedError) as caught:
        diary.save_form(D, loaded, edited)
    assert caught.value.fields == ("pain",)
    assert caught.value.on_disk is not None and caught.value.on_disk["pain"] == 8
    assert "pain" in str(caught.value) and D.isoformat() in str(caught.value)
    day = diary.get_day(D)
    assert (day.pain, day.note) == (8, "a")  # type: ignore[union-attr]
    # The user chose to keep their version: every field they see differently wins.
    kept = diary.save_form(D, caught.value.on_disk, edited)
    assert (kept.pain, kept.note) == (5, "b")


def test_the_same_change_on_both_sides_is_no_conflict(diary: Diary) -> None:
    diary.save_day({"date": D, "pain": 3})
    loaded = diary.get_day_fields(D)
    diary.update_day(D, {"pain": 6})
    assert diary.save_form(D, loaded, {**loaded, "pain": "6"}).pain == 6  # type: ignore[dict-item]


def test_a_day_deleted_since_it_was_loaded_is_not_silently_recreated(diary: Diary) -> None:
    diary.save_day({"date": D, "pain": 3})
    loaded = diary.get_day_fields(D)
    diary.delete_day(D)
    with pytest.raises(DayChangedError, match="deleted") as caught:
        diary.save_form(D, loaded, {**loaded, "pain": 4})  # type: ignore[dict-item]
    assert caught.value.on_disk is None
    assert diary.get_day(D) is None


def test_a_merge_that_breaks_a_rule_is_a_conflict_not_a_bad_save(diary: Diary) -> None:
    diary.save_day({"date": D, "pain": 3, "worst_pain": 5})
    loaded = diary.get_day_fields(D)
    diary.update_day(D, {"worst_pain": 4})  # another program lowers the worst
    with pytest.raises(DayChangedError) as caught:
        diary.save_form(D, loaded, {**loaded, "pain": 5})  # type: ignore[dict-item]
    assert set(caught.value.fields) == {"pain", "worst_pain"}
    assert diary.get_day(D).pain == 3  # type: ignore[union-attr]


def test_a_form_with_bad_input_is_refused_before_anything_is_read(diary: Diary) -> None:
    diary.save_day({"date": D, "pain": 3})
    loaded = diary.get_day_fields(D)
    with pytest.raises(EntryError, match="pain"):
        diary.save_form(D, loaded, {**loaded, "pain": "eleven"})  # type: ignore[dict-item]
    assert diary.get_day(D).pain == 3  # type: ignore[union-attr]


def test_fields_left_out_of_the_form_count_as_untouched(diary: Diary) -> None:
    diary.save_day({"date": D, "pain": 3, "note": "a"})
    loaded = diary.get_day_fields(D)
    diary.update_day(D, {"note": "changed elsewhere"})
    saved = diary.save_form(D, loaded, {"pain": 4})
    assert (saved.pain, saved.note) == (4, "changed elsewhere")
