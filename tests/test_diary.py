"""The service API both faces call."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.diary import Diary, EntryError

D1, D2, D3 = dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2026, 3, 5)

FULL_DAY = {
    "date": D1,
    "pain": 6,
    "worst_pain": 8,
    "enjoyment_interference": 5,
    "activity_interference": 7,
    "locations": [{"region": "lower_back", "side": "centre"}, {"region": "calf", "side": "left"}],
    "symptoms": ["shooting", "tingling"],
    "sitting_minutes": 420,
    "standing_minutes": 120,
    "active_minutes": 30,
    "exercises": [{"name": "walking", "minutes": 20}, {"name": "nerve glides", "minutes": 5}],
    "exertion": "heavy",
    "exertion_note": "moved boxes",
    "posture": "poor",
    "sleep_hours": 5.5,
    "sleep_quality": 3,
    "treatments": [{"name": "ibuprofen", "dose": "400 mg", "relief": 4}, {"name": "heat"}],
    "red_flags": ["night_pain"],
    "flare": True,
    "note": "Could not sit through the film.",
}


def test_a_full_day_round_trips_exactly(diary: Diary) -> None:
    saved = diary.save_day(FULL_DAY)
    assert diary.get_day(D1) == saved
    assert saved.model_dump()["exercises"][1] == {"name": "nerve glides", "minutes": 5}


def test_saving_again_replaces_the_day_and_its_lists(diary: Diary) -> None:
    diary.save_day(FULL_DAY)
    diary.save_day({"date": D1, "pain": 2, "locations": [{"region": "neck"}]})
    day = diary.get_day(D1)
    assert day is not None
    assert day.pain == 2 and [str(x) for x in day.locations] == ["neck"]
    assert day.exercises == [] and day.red_flags == [] and day.flare is False
    assert diary.count() == 1


def test_a_refused_day_writes_nothing(diary: Diary) -> None:
    diary.save_day({"date": D1, "pain": 3})
    with pytest.raises(EntryError, match="pain"):
        diary.save_day({"date": D1, "pain": 11})
    assert diary.get_day(D1).pain == 3  # type: ignore[union-attr]


def test_days_are_returned_oldest_first_within_the_range(diary: Diary) -> None:
    for date in (D3, D1, D2):
        diary.save_day({"date": date, "pain": date.day})
    assert [d.date for d in diary.days()] == [D1, D2, D3]
    assert [d.date for d in diary.days(D2, D3)] == [D2, D3]
    assert [d.date for d in diary.days(end=D1)] == [D1]


def test_delete_returns_the_day_so_undo_can_restore_it(diary: Diary) -> None:
    saved = diary.save_day(FULL_DAY)
    deleted = diary.delete_day(D1)
    assert deleted == saved and diary.get_day(D1) is None and diary.count() == 0
    diary.save_day(deleted)
    assert diary.get_day(D1) == saved
    assert diary.delete_day(D2) is None


def test_same_as_previous_copies_the_last_logged_day_but_not_its_note_or_flags(
    diary: Diary,
) -> None:
    diary.save_day(FULL_DAY)
    copy = diary.same_as_previous(D3)
    assert copy is not None
    assert copy.date == D3 and copy.pain == 6 and copy.locations == diary.get_day(D1).locations
    assert copy.note is None and copy.red_flags == []
    assert diary.same_as_previous(D1) is None


def test_own_exercise_names_are_remembered(diary: Diary) -> None:
    diary.save_day(FULL_DAY)
    diary.save_day({"date": D2, "exercises": [{"name": "aqua jogging"}]})
    assert diary.custom_exercises() == ["aqua jogging", "nerve glides"]
    assert diary.exercise_choices()[0] == "walking"
    assert diary.exercise_choices()[-2:] == ["aqua jogging", "nerve glides"]


def test_settings_are_kept_in_the_diary(diary: Diary) -> None:
    assert diary.setting("user_name", "x") == "x"
    diary.set_setting("user_name", "Sam Doe")
    assert diary.setting("user_name") == "Sam Doe"
    diary.set_setting("user_name", None)
    assert diary.setting("user_name") is None


def test_import_refuses_conflicts_unless_replace(diary: Diary) -> None:
    diary.save_day({"date": D1, "pain": 3})
    from app.domain.entry import make_entry

    incoming = [make_entry(date=D1, pain=7), make_entry(date=D2, pain=4)]
    report = diary.import_entries(incoming)
    assert report.conflicts == [D1] and not report.ok
    assert diary.count() == 1 and diary.get_day(D1).pain == 3  # type: ignore[union-attr]
    report = diary.import_entries(incoming, replace=True)
    assert report.ok and report.replaced == [D1] and report.added == [D2]
    assert diary.get_day(D1).pain == 7  # type: ignore[union-attr]
    again = diary.import_entries(incoming)
    assert again.ok and again.unchanged == [D1, D2]


def test_diary_file_and_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "diary.sqlite3"
    with Diary.open(path) as diary:
        diary.save_day({"date": D1, "pain": 3})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_default_diary_lives_in_the_user_data_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PAIN_DIARY_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    code = "from app.config import default_diary_path; print(default_diary_path())"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == str(tmp_path / "data" / "pain-diary" / "diary.sqlite3")


def test_importing_the_service_api_loads_no_kivy_and_opens_no_window() -> None:
    code = (
        "import sys, app.diary, app.cli\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('kivy', 'kivymd', 'matplotlib', 'alembic'))\n"
        "print(loaded)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_summaries_match_the_days_they_summarise(diary: Diary) -> None:
    diary.save_day(FULL_DAY)
    diary.save_day({"date": D2, "pain": 1})
    full, bare = diary.summaries()
    assert (full.date, full.pain, full.flare, full.sitting_minutes, full.sleep_hours) == (
        D1, 6, True, 420, 5.5,
    )  # fmt: skip
    assert full.regions == ("lower_back", "calf") and full.has_red_flag
    assert (bare.date, bare.regions, bare.has_red_flag, bare.flare) == (D2, (), False, False)


def test_reading_a_current_diary_loads_no_sqlalchemy_until_the_first_write(
    diary: Diary,
) -> None:
    """Opening and reading stay plain sqlite3 (start-up time); writing brings SQLAlchemy in."""
    diary.save_day(FULL_DAY)
    diary.close()
    code = f"""
import sys
from app.diary import Diary

def loaded():
    return sorted(m for m in ("sqlalchemy", "sqlmodel", "alembic") if m in sys.modules)

with Diary.open({str(diary.path)!r}) as diary:
    fields = diary.get_day_fields(
        __import__("datetime").date.fromisoformat({FULL_DAY["date"].isoformat()!r})
    )
    assert "pydantic" not in sys.modules, "showing a day in the form needs no model"
    day = diary.get_day(__import__("datetime").date.fromisoformat({FULL_DAY["date"].isoformat()!r}))
    assert day is not None and day.pain == {FULL_DAY["pain"]!r}
    diary.days(); diary.summaries(); diary.setting("theme"); diary.count()
    print(loaded())
    import threading
    worker = threading.Thread(target=diary.prepare_to_write)  # as the GUI does on first edit
    worker.start(); worker.join()
    print(loaded())
    diary.set_setting("theme", "dark")
    assert diary.setting("theme") == "dark"
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    before, after = result.stdout.strip().splitlines()
    assert before == "[]"
    assert "sqlalchemy" in after and "sqlmodel" in after
    assert "alembic" not in after, "a current diary is never migrated"


def test_day_fields_are_the_model_dump_of_the_day(diary: Diary) -> None:
    from app.domain.entry import DayEntry
    from app.domain.fields import DAY_FIELDS as FIELD_ORDER

    assert tuple(DayEntry.model_fields) == FIELD_ORDER
    diary.save_day(FULL_DAY)
    fields = diary.get_day_fields(D1)
    assert fields == diary.get_day(D1).model_dump()
    assert list(fields) == list(FIELD_ORDER)
    assert diary.get_day_fields(D2) is None


def test_summaries_of_a_range_and_the_newest_page(diary: Diary) -> None:
    dates = [D1 + dt.timedelta(days=i) for i in range(0, 40, 2)]  # 20 days, every other day
    for i, date in enumerate(dates):
        diary.save_day({"date": date, "pain": i % 11})

    march = diary.summaries(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert [s.date for s in march] == [d for d in dates if d.month == 3]

    newest = diary.summaries(newest=5)
    assert [s.date for s in newest] == dates[-5:], "the latest days, still oldest first"
    # The next page ends the day before the oldest one shown, and so on to the start.
    older = diary.summaries(end=newest[0].date - dt.timedelta(days=1), newest=5)
    assert [s.date for s in older] == dates[-10:-5]
    pages, end = [], None
    while page := diary.summaries(end=end, newest=7):
        pages.append(page)
        end = page[0].date - dt.timedelta(days=1)
    assert [len(p) for p in pages] == [7, 7, 6]
    assert [s.date for p in reversed(pages) for s in p] == dates
    assert diary.summaries(newest=0) == []
    assert diary.summaries(start=dates[3], end=dates[5], newest=99) == diary.summaries(
        start=dates[3], end=dates[5]
    )


def test_day_span_counts_and_bounds_the_diary(diary: Diary) -> None:
    span = diary.day_span()
    assert (span.count, span.first, span.last) == (0, None, None)
    for date in (D3, D1, D2):
        diary.save_day({"date": date})
    assert diary.day_span() == type(span)(3, D1, D3)
    diary.delete_day(D1)
    assert diary.day_span() == type(span)(2, D2, D3)


def test_count_in_a_range_counts_only_days_logged_in_it(diary: Diary) -> None:
    for date in (D1, D2, D3):
        diary.save_day({"date": date, "pain": 2})
    assert diary.count() == 3
    assert diary.count(D2, D3) == 2
    assert diary.count(D2, D2) == 1
    assert diary.count(start=D3) == 1 and diary.count(end=D1) == 1
    assert diary.count(D3 + dt.timedelta(days=1), D3 + dt.timedelta(days=9)) == 0


def test_worker_threads_do_not_leave_connections_open(diary: Diary) -> None:
    """Each analysis runs on a new thread; the connections of finished ones are closed."""
    import threading

    diary.save_day(FULL_DAY)
    for _ in range(5):
        worker = threading.Thread(target=diary.days)
        worker.start()
        worker.join()
    diary.count()  # the main thread's connection
    worker = threading.Thread(target=diary.days)
    worker.start()
    worker.join()
    # The main thread's and the last worker's, not one per worker that ever ran.
    assert diary._files.reader_count <= 2
