"""The Today form's model without Kivy: dirty tracking, status, refusals, drafts, merging."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from app.diary import Diary
from app.domain import vocab
from app.forms.day_form import (
    STATUS_LOGGED,
    STATUS_NOT_LOGGED,
    STATUS_UNSAVED,
    DayForm,
    describe_problem,
    empty_day,
    merge,
    normalise,
    typed_name,
)

DAY = dt.date(2024, 3, 14)
BEFORE = DAY - dt.timedelta(days=1)


@pytest.fixture
def form(diary: Diary) -> DayForm:
    opened = DayForm(diary)
    opened.load(DAY)
    return opened


class Recorder:
    """Collects what a form's events said."""

    def __init__(self, form: DayForm) -> None:
        self.changed: list[tuple[str, ...]] = []
        self.status: list[str] = []
        self.problems: list[list[str]] = []
        form.bind(
            changed=lambda _f, names: self.changed.append(names),
            status=lambda _f, text: self.status.append(text),
            problems=lambda _f, lines: self.problems.append(lines),
        )


def test_importing_the_form_model_loads_no_kivy():
    code = "import sys, app.forms.day_form; print(sorted(m for m in sys.modules if 'kivy' in m))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_dirty_tracking_and_typing_it_back_is_not_dirty(diary: Diary):
    diary.save_day({"date": DAY, "pain": 4, "note": "walked the dog"})
    form = DayForm(diary)
    form.load(DAY)
    seen = Recorder(form)
    assert not form.dirty and form.status == STATUS_LOGGED

    form.set("pain", 6)
    form.set("note", "walked the dog, then sat all day")
    assert form.dirty and form.changed() == ["pain", "note"]
    assert form.status == STATUS_UNSAVED
    assert seen.changed == [("pain",), ("note",)] and seen.status == [STATUS_UNSAVED]

    form.set("pain", 4)
    form.set("note", "  walked the dog ")  # trailing spaces are not a change
    assert not form.dirty and form.changed() == []
    assert form.status == STATUS_LOGGED and seen.status[-1] == STATUS_LOGGED

    count = len(seen.changed)
    form.set("pain", 4)
    assert len(seen.changed) == count, "setting the same value fires nothing"


def test_places_in_another_order_are_not_a_change(diary: Diary):
    diary.save_day(
        {
            "date": DAY,
            "locations": [
                {"region": "lower_back", "side": "centre"},
                {"region": "calf", "side": "left"},
            ],
            "symptoms": ["aching", "burning"],
        }
    )
    form = DayForm(diary)
    form.load(DAY)
    form.set("locations", list(reversed(form["locations"])))
    form.set("symptoms", ["burning", "aching"])
    assert not form.dirty


def test_status_text_through_a_day(form: DayForm):
    assert form.status == STATUS_NOT_LOGGED
    form.set("pain", 3)
    assert form.status == STATUS_UNSAVED
    outcome = form.save()
    assert outcome.saved, outcome.problems
    assert form.status == f"Saved at {form.saved_at}" and len(form.saved_at) == 5
    assert not form.dirty
    form.load(BEFORE)
    assert form.status == STATUS_NOT_LOGGED
    form.load(DAY)
    assert form.status == STATUS_LOGGED


def test_a_refusal_names_the_field_and_nothing_is_written(form: DayForm, diary: Diary):
    seen = Recorder(form)
    form.set("pain", 6)
    form.set("sitting_minutes", 2000)
    outcome = form.save()
    assert not outcome.saved and diary.get_day(DAY) is None
    lines = form.problem_lines()
    assert len(lines) == 1 and lines[0].startswith("Sitting: "), lines
    assert outcome.message == "Not saved: 1 thing to fix (at the top)."
    assert form.dirty and form.status == STATUS_UNSAVED

    form.set("sitting_minutes", 200)
    form.set("worst_pain", 3)
    assert not form.save().saved and diary.get_day(DAY) is None
    lines = form.problem_lines()
    assert any("Worst pain (3) must be at least the average pain (6)" in line for line in lines)
    form.set("worst_pain", 7)
    assert form.save().saved
    assert form.problems == [] and seen.problems[-1] == []
    assert len(seen.problems) == 3, "each refusal, then the clean save, told once"


def test_describe_problem_uses_the_forms_words():
    assert describe_problem("exercises.1.minutes", "must be 0 to 1440") == (
        "Exercise 2 (minutes): must be 0 to 1440"
    )
    assert describe_problem("sleep_hours", "must be hours") == "Sleep: must be hours"
    assert describe_problem("day", "worst pain (3) must be ...") == "Worst pain (3) must be ..."


def test_typed_names_become_catalogue_codes():
    assert typed_name("  Hamstring   stretch ", vocab.EXERCISES) == "hamstring_stretch"
    assert typed_name("cat-cow", vocab.EXERCISES) == "cat_cow"
    assert typed_name("Ibuprofen (NSAID)", vocab.TREATMENTS) == "ibuprofen"
    assert typed_name("my  own stretch", vocab.EXERCISES) == "my own stretch"


def test_same_as_last_day_keeps_todays_note_and_red_flags(form: DayForm, diary: Diary):
    diary.save_day(
        {
            "date": BEFORE,
            "pain": 6,
            "sleep_hours": 6.5,
            "exercises": [{"name": "walking", "minutes": 20}],
            "red_flags": ["fever"],
            "note": "yesterday's note",
        }
    )
    form.set("note", "typed today")
    form.set("red_flags", ["bladder"])
    message = form.same_as_last_day()
    assert message.startswith("Filled in from ")
    assert form["pain"] == 6 and form["sleep_hours"] == 6.5
    assert form["exercises"] == [{"name": "walking", "minutes": 20}]
    assert form["note"] == "typed today"
    assert form["red_flags"] == ["bladder"]
    assert form.dirty and diary.get_day(DAY) is None, "filled in, not saved"


def test_same_as_last_day_with_no_earlier_day(form: DayForm):
    assert form.same_as_last_day() == "There is no earlier day to copy yet."
    assert not form.dirty


def test_drafts_survive_looking_at_another_day(form: DayForm, diary: Diary):
    form.set("pain", 5)
    form.load(BEFORE)
    assert form.unsaved_dates() == [DAY] and not form.dirty
    assert "your changes to Average pain" in form.unsaved_summary()
    # Meanwhile another program logs sleep on the drafted day.
    with Diary.open(diary.path) as other:
        other.save_day({"date": DAY, "sleep_hours": 7})
    form.load(DAY)
    assert form["pain"] == 5 and form["sleep_hours"] == 7.0
    assert form.changed() == ["pain"], "the other program's sleep is not an unsaved change"


def test_save_all_saves_every_draft(form: DayForm, diary: Diary):
    form.set("pain", 5)
    form.load(BEFORE)
    form.set("pain", 2)
    assert form.unsaved_dates() == [BEFORE, DAY]
    outcome = form.save_all()
    assert outcome is not None and outcome.saved
    assert diary.get_day(DAY).pain == 5 and diary.get_day(BEFORE).pain == 2
    assert form.unsaved_dates() == []


def test_save_merges_a_day_changed_elsewhere(form: DayForm, diary: Diary):
    diary.save_day({"date": DAY, "pain": 3, "sleep_quality": 5})
    form.load(DAY)
    with Diary.open(diary.path) as other:
        other.save_day({"date": DAY, "pain": 3, "sleep_quality": 8, "sleep_hours": 7})
    form.set("pain", 6)
    outcome = form.save()
    assert outcome.saved and outcome.conflicts == []
    assert outcome.taken == ["sleep_hours", "sleep_quality"]
    assert "Sleep and Sleep quality were changed elsewhere meanwhile" in outcome.message
    saved = diary.get_day(DAY)
    assert (saved.pain, saved.sleep_hours, saved.sleep_quality) == (6, 7.0, 8)
    assert form["sleep_quality"] == 8 and not form.dirty
    assert form.status == f"Saved at {form.saved_at}, with changes from elsewhere"


def test_a_field_changed_on_both_sides_keeps_this_forms_value_and_says_so(
    form: DayForm, diary: Diary
):
    diary.save_day({"date": DAY, "pain": 3})
    form.load(DAY)
    with Diary.open(diary.path) as other:
        other.save_day({"date": DAY, "pain": 8})
    form.set("pain", 5)
    outcome = form.save()
    assert outcome.conflicts == ["pain"]
    assert "Average pain had also been changed elsewhere" in outcome.message
    assert diary.get_day(DAY).pain == 5


def test_refresh_keeps_typing_and_takes_the_rest_from_the_diary(form: DayForm, diary: Diary):
    diary.save_day({"date": DAY, "pain": 3})
    form.load(DAY)
    form.set("note", "typing")
    diary.delete_day(DAY)
    form.refresh()
    assert form["pain"] is None and form["note"] == "typing"
    diary.save_day({"date": DAY, "pain": 3})  # undo
    form.refresh()
    assert form["pain"] == 3 and form.changed() == ["note"]


def test_merge_is_a_three_way_merge():
    loaded = normalise({"date": DAY, "pain": 3, "symptoms": ["aching"], "note": "a"})
    edited = {**loaded, "pain": 5, "note": "b"}
    on_disk = {**loaded, "sleep_hours": 7.0, "note": "c", "symptoms": ["aching", "sharp"]}
    merged, conflicts = merge(loaded, edited, on_disk)
    assert merged["pain"] == 5, "touched here: ours"
    assert merged["sleep_hours"] == 7.0, "untouched here: theirs"
    assert merged["symptoms"] == ["aching", "sharp"]
    assert merged["note"] == "b" and conflicts == ["note"]
    # The same change on both sides is no conflict.
    assert merge(loaded, edited, {**on_disk, "note": "b"})[1] == []
    # A day deleted meanwhile is saved as the form shows it.
    assert merge(loaded, edited, None) == (edited, [])
    # Nothing changed on disk: the edit as it is.
    assert merge(loaded, edited, loaded) == (edited, [])
    assert merge(empty_day(DAY), edited, empty_day(DAY))[0] == edited


def test_bind_refuses_an_unknown_event(form: DayForm):
    with pytest.raises(ValueError, match="no event 'saved'"):
        form.bind(saved=print)
