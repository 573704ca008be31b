"""Service behaviour the mutation run's fourth round (seed 4) found unpinned, worked out by hand.

Refusals say what the user needs (which file, which folder, which factors are
allowed, which fields clashed); a period asked for is the period exported; the
diary's side files stay owner-only; a check-in is found by its minute.
"""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest

from app.diary import DayChangedError, Diary
from app.domain.checkin import CheckIn
from app.domain.own_factors import FactorError
from app.storage import backups
from app.storage.database import DiaryFileError

D0 = dt.date(2025, 3, 1)
PASSPHRASE = "correct horse battery staple"


def _day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


# -- check-ins ---------------------------------------------------------------------------


def test_a_check_in_place_without_a_side_is_listed_as_the_region_alone(diary: Diary) -> None:
    diary.save_checkin({"date": D0, "time": "09:00", "pain": 4, "locations": ["lower_back"]})
    (line,) = diary.checkin_lines(D0)
    assert line.locations == ("lower_back",)


def test_deleting_a_check_in_at_a_time_with_seconds_deletes_the_one_at_that_minute(
    diary: Diary,
) -> None:
    diary.save_checkin(CheckIn(date=D0, time=dt.time(14, 30), pain=6))
    diary.save_checkin(CheckIn(date=D0, time=dt.time(18, 0), pain=3))
    # A clock read now (14:30:45.5) names the check-in of 14:30.
    deleted = diary.delete_checkin(D0, dt.time(14, 30, 45, 500000))
    assert deleted is not None
    assert (deleted.time, deleted.pain) == (dt.time(14, 30), 6)
    assert [(c.time, c.pain) for c in diary.checkins(D0)] == [(dt.time(18, 0), 3)]


# -- suspects: the choices offered and the refusal listing them --------------------------


@pytest.fixture
def gardening_and_archived_knitting(diary: Diary) -> Diary:
    """A diary with an own factor in use, Gardening, and an archived one, Knitting."""
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Knitting", "rating")
    diary.archive_factor("Knitting")
    return diary


def test_suspect_choices_are_the_built_in_factors_by_label_then_the_active_own_ones(
    gardening_and_archived_knitting: Diary,
) -> None:
    diary = gardening_and_archived_knitting
    assert diary.suspect_choices() == [
        ("sitting", "Long sitting"),
        ("inactivity", "Inactivity"),
        ("posture", "Poor posture"),
        ("overexertion", "Overexertion"),
        ("sleep", "Poor sleep"),
        ("stress", "High stress"),
        ("Gardening", "Gardening"),
    ]


def test_a_suspect_on_an_archived_factor_is_refused_listing_only_the_active_ones(
    gardening_and_archived_knitting: Diary,
) -> None:
    diary = gardening_and_archived_knitting
    with pytest.raises(FactorError) as caught:
        diary.add_suspect("Knitting")
    assert caught.value.problems == [
        (
            "factor",
            "unknown factor 'Knitting'; allowed: "
            "sitting, inactivity, posture, overexertion, sleep, stress, Gardening",
        )
    ]
    assert diary.suspects() == []


# -- opening a damaged diary -------------------------------------------------------------


def test_a_damaged_diary_without_backups_is_refused_saying_none_was_found(
    diary_path: Path,
) -> None:
    with Diary.open(diary_path) as diary:  # a first opening takes no backup
        diary.save_day({"date": D0, "pain": 3})
    assert backups.list_backups(diary_path) == []
    with diary_path.open("r+b") as handle:
        handle.truncate(1000)
    with pytest.raises(DiaryFileError) as caught:
        Diary.open(diary_path)
    assert str(caught.value) == (
        f"{diary_path} is damaged: it is truncated (1000 bytes). "
        "No backup of it was found; the file has been left untouched."
    )
    assert diary_path.stat().st_size == 1000


def test_a_damaged_encrypted_diary_opened_without_a_passphrase_is_refused_as_damaged(
    diary_path: Path,
) -> None:
    """Without a passphrase its encrypted backups cannot be looked into; the refusal must
    still be the damaged-file one, not a complaint about an empty passphrase."""
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": D0, "pain": 3})
    Diary.encrypt(diary_path, PASSPHRASE)
    (made,) = backups.list_backups(diary_path)
    assert Diary.is_encrypted(made.path)
    with diary_path.open("r+b") as handle:
        handle.truncate(1000)
    with pytest.raises(DiaryFileError) as caught:
        Diary.open(diary_path)
    assert caught.value.reason == (
        f"{diary_path} is damaged or not a Pain Diary file: it is not an SQLite database, "
        "and as an encrypted diary it would be truncated (1000 bytes)."
    )
    assert diary_path.stat().st_size == 1000


def test_opening_a_diary_makes_its_shared_memory_file_owner_only(diary_path: Path) -> None:
    with Diary.open(diary_path) as first:
        first.save_day({"date": D0, "pain": 3})
        shm = Path(f"{diary_path}-shm")
        assert shm.exists()  # WAL mode: open connections share it
        shm.chmod(0o644)
        with Diary.open(diary_path) as second:
            assert second.get_day(D0).pain == 3  # type: ignore[union-attr]
            assert stat.S_IMODE(shm.stat().st_mode) == 0o600


# -- refusals that name the file ---------------------------------------------------------


def test_a_copy_into_a_missing_folder_is_refused_naming_the_folder(
    diary: Diary, tmp_path: Path
) -> None:
    target = tmp_path / "gone" / "copy.sqlite3"
    with pytest.raises(DiaryFileError) as caught:
        diary.backup(target)
    assert str(caught.value) == f"{target}: the folder {tmp_path / 'gone'} does not exist"
    assert not (tmp_path / "gone").exists()


def test_decrypting_a_plain_diary_is_refused_saying_nothing_was_changed(
    diary_path: Path,
) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": D0, "pain": 3})
    before = diary_path.read_bytes()
    with pytest.raises(DiaryFileError) as caught:
        Diary.decrypt(diary_path, PASSPHRASE)
    assert str(caught.value) == f"{diary_path} is not encrypted; nothing was changed"
    assert diary_path.read_bytes() == before


# -- saving a form -----------------------------------------------------------------------


def test_a_merge_broken_by_pain_changed_elsewhere_names_pain_and_the_users_field(
    diary: Diary,
) -> None:
    diary.save_day({"date": D0, "pain": 3, "worst_pain": 8})
    loaded = diary.get_day_fields(D0)
    diary.update_day(D0, {"pain": 7})  # another program raises the average pain only
    # The user lowers the worst pain to 5: fine against their 3, below the 7 on disk.
    with pytest.raises(DayChangedError) as caught:
        diary.save_form(D0, loaded, {**loaded, "worst_pain": 5})  # type: ignore[dict-item]
    assert caught.value.fields == ("pain", "worst_pain")
    day = diary.get_day(D0)
    assert (day.pain, day.worst_pain) == (7, 8)  # type: ignore[union-attr]


# -- importing a CSV ---------------------------------------------------------------------


def test_a_csv_column_of_another_kind_than_an_archived_factor_is_a_problem_of_line_1(
    diary: Diary, tmp_path: Path
) -> None:
    file = tmp_path / "days.csv"
    with Diary.open(tmp_path / "other.sqlite3") as other:
        other.add_factor("Knitting", "rating")
        other.save_day({"date": D0, "pain": 3, "factors": {"Knitting": 6}})
        other.export_csv(file)
    diary.add_factor("Knitting", "yesno")
    diary.archive_factor("Knitting")
    report = diary.import_csv(file)
    assert report.problems == [
        (
            1,
            "column factor:Knitting:rating says Knitting is rating, "
            "but your factor Knitting is yesno; rename the column or the factor",
        )
    ]
    assert not report.ok
    assert diary.days() == []


# -- the period asked for ----------------------------------------------------------------


def test_the_chart_period_of_an_empty_diary_is_today(diary: Diary) -> None:
    today = dt.date.today()
    assert diary.chart_period() == (today, today)


def test_a_chart_is_6_4_by_4_8_inches_unless_asked_otherwise(diary: Diary) -> None:
    diary.save_day({"date": D0, "pain": 3})
    figure = diary.chart("trend")
    assert tuple(figure.get_size_inches()) == (6.4, 4.8)
