"""Own factors, stress and suspects through the service API (a real diary file)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.diary import Diary, EntryError
from app.domain.columns import OWN_FACTOR_KINDS
from app.domain.own_factors import OWN_FACTOR_KINDS as KINDS_WITHOUT_NUMPY
from app.domain.own_factors import FactorError, Suspect
from app.storage.column_reads import read_day_columns

DAY = dt.date(2025, 3, 1)


def test_the_kinds_are_the_analysis_kinds() -> None:
    assert KINDS_WITHOUT_NUMPY == OWN_FACTOR_KINDS


def test_a_day_keeps_stress_and_own_factor_values_by_kind(diary: Diary) -> None:
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Mood", "rating", threshold=6)
    diary.add_factor("Screen time", "minutes")
    diary.save_day(
        {
            "date": DAY,
            "stress": 8,
            "factors": {"gardening": "yes", "MOOD": 4, "screen time": "1h30"},
        }
    )
    day = diary.get_day(DAY)
    assert day is not None and day.stress == 8
    # Names as the factor spells them; yes/no as a bool, minutes parsed from a duration.
    assert day.factors == {"Gardening": True, "Mood": 4, "Screen time": 90}
    assert diary.get_day_fields(DAY)["factors"] == day.factors


@pytest.mark.parametrize(
    ("factors", "message"),
    [
        ({"Mood": 11}, r"factors\.Mood: must be a whole number from 0 to 10"),
        ({"Gardening": 2}, r"factors\.Gardening: must be yes or no"),
        ({"Mood": True}, r"factors\.Mood: must be a whole number from 0 to 10"),
        ({"Knitting": 1}, r"factors\.Knitting: is not one of your factors; yours: Gardening, Mood"),
    ],
)
def test_a_value_outside_its_kind_or_an_unknown_factor_is_refused_and_nothing_saved(
    diary: Diary, factors: dict, message: str
) -> None:
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Mood", "rating")
    with pytest.raises(EntryError, match=message):
        diary.save_day({"date": DAY, "pain": 3, "factors": factors})
    assert diary.get_day(DAY) is None
    with pytest.raises(EntryError, match=message):
        diary.update_day(DAY, {"factors": factors})
    assert diary.get_day(DAY) is None


def test_stress_out_of_range_is_refused(diary: Diary) -> None:
    with pytest.raises(EntryError, match=r"stress: must be a whole number from 0 to 10"):
        diary.save_day({"date": DAY, "stress": 11})


def test_rename_keeps_the_values_and_a_taken_name_is_refused(diary: Diary) -> None:
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Mood", "rating")
    diary.save_day({"date": DAY, "factors": {"Gardening": True}})
    diary.rename_factor("gardening", "Yard work")
    assert diary.get_day(DAY).factors == {"Yard work": True}
    with pytest.raises(FactorError, match="already have a factor named 'Mood'"):
        diary.rename_factor("Yard work", "mood")
    diary.rename_factor("Yard work", "yard Work")  # only its case: allowed
    assert [f.name for f in diary.factors()] == ["yard Work", "Mood"]


def test_archived_factor_stays_in_old_days_but_takes_no_new_values(diary: Diary) -> None:
    diary.add_factor("Gardening", "yesno")
    diary.save_day({"date": DAY, "pain": 2, "factors": {"Gardening": True}})
    diary.archive_factor("Gardening")
    assert diary.factors() == [] and diary.factors(include_archived=True)[0].archived
    assert diary.get_day(DAY).factors == {"Gardening": True}
    # The old day can still be saved with its value unchanged (a form shows it)...
    diary.update_day(DAY, {"pain": 4})
    assert diary.get_day(DAY).factors == {"Gardening": True}
    # ...but no new or changed value.
    with pytest.raises(EntryError, match="is archived and takes no new values"):
        diary.update_day(DAY, {"factors": {"Gardening": False}})
    with pytest.raises(EntryError, match="is archived"):
        diary.save_day({"date": DAY + dt.timedelta(days=1), "factors": {"Gardening": True}})
    assert diary.get_day(DAY).factors == {"Gardening": True}
    with diary._read() as connection:
        columns = read_day_columns(connection=connection)
    assert [(c.name, c.archived, c.values.tolist()) for c in columns.own] == [
        ("Gardening", True, [1.0])
    ]


def test_update_day_changes_only_the_factors_named(diary: Diary) -> None:
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Mood", "rating")
    diary.update_day(DAY, {"factors": {"Gardening": "yes"}})
    diary.update_day(DAY, {"factors": {"Mood": "5"}})
    assert diary.get_day(DAY).factors == {"Gardening": True, "Mood": 5}
    diary.update_day(DAY, {"factors": {"Gardening": ""}})  # cleared
    assert diary.get_day(DAY).factors == {"Mood": 5}


def test_the_21st_factor_is_refused_naming_the_limit(diary: Diary) -> None:
    for number in range(20):
        diary.add_factor(f"factor {number}", "yesno")
    with pytest.raises(FactorError, match="at most 20 own factors"):
        diary.add_factor("one more", "yesno")
    diary.archive_factor("factor 0")  # archiving one makes room
    diary.add_factor("one more", "yesno")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "must not be empty"),
        ("a;b", "without ';', ':' or line breaks"),
        ("a:b", "without ';', ':' or line breaks"),
        ("x" * 61, "at most 60 characters"),
        ("Stress", "is a built-in factor"),
    ],
)
def test_bad_factor_names_are_refused(diary: Diary, name: str, message: str) -> None:
    with pytest.raises(FactorError, match=message):
        diary.add_factor(name, "yesno")
    assert diary.factors(include_archived=True) == []


def test_bad_kind_and_threshold_are_refused(diary: Diary) -> None:
    with pytest.raises(FactorError, match="kind: unknown kind 'hours'; allowed: yesno, rating"):
        diary.add_factor("Walk", "hours")
    with pytest.raises(FactorError, match="threshold: must be a number from 0 to 10"):
        diary.add_factor("Mood", "rating", threshold=12)
    with pytest.raises(FactorError, match="threshold: a yes/no factor has no threshold"):
        diary.add_factor("Gardening", "yesno", threshold=1)
    with pytest.raises(FactorError, match="already have a factor"):
        diary.add_factor("Walk", "minutes")
        diary.add_factor("WALK", "rating")


def test_a_suspect_declared_on_an_empty_diary_covers_every_day(diary: Diary) -> None:
    suspect = diary.add_suspect("Sitting")
    assert suspect == Suspect("sitting", 1, dt.date.today(), None)
    assert suspect.covers(dt.date(2000, 1, 1))


def test_a_suspect_declared_later_covers_only_days_after_its_declaration(diary: Diary) -> None:
    diary.save_day({"date": DAY, "pain": 3})
    diary.add_factor("Gardening", "yesno")
    suspect = diary.add_suspect("gardening", lag=0)
    today = dt.date.today()
    assert suspect == Suspect("Gardening", 0, today, today, own=True)
    assert not suspect.covers(today) and suspect.covers(today + dt.timedelta(days=1))
    assert diary.suspects() == [suspect]


def test_a_fourth_suspect_is_refused_listing_the_three(diary: Diary) -> None:
    diary.add_suspect("sitting")
    diary.add_suspect("sitting", lag=0)
    diary.add_suspect("stress")
    with pytest.raises(
        FactorError,
        match=r"You can have at most 3 suspects; remove one first: sitting \(next day\), "
        r"sitting \(same day\), stress \(next day\)",
    ):
        diary.add_suspect("sleep")
    assert len(diary.suspects()) == 3
    assert [s.lag for s in diary.remove_suspect("sitting")] == [1, 0]
    diary.add_suspect("sleep")


def test_suspect_refusals(diary: Diary) -> None:
    diary.add_suspect("posture")
    with pytest.raises(FactorError, match="already a suspect"):
        diary.add_suspect("posture")
    with pytest.raises(FactorError, match="unknown factor 'knitting'; allowed: sitting"):
        diary.add_suspect("knitting")
    with pytest.raises(FactorError, match="lag: must be 0 \\(same day\\) or 1"):
        diary.add_suspect("sleep", lag=2)
    with pytest.raises(FactorError, match="'sleep' is not a suspect; yours: posture"):
        diary.remove_suspect("sleep")
    diary.add_factor("Gardening", "yesno")
    diary.archive_factor("Gardening")
    with pytest.raises(FactorError, match="unknown factor"):
        diary.add_suspect("Gardening")


def test_an_own_suspect_follows_its_factor_renamed_and_stays_declared_when_archived(
    diary: Diary,
) -> None:
    diary.add_factor("Gardening", "yesno")
    declared = diary.add_suspect("gardening", lag=0)
    today = dt.date.today()
    for i in range(30):  # days logged after the declaration's cover (an empty diary: all)
        day = today - dt.timedelta(days=40 - i)
        diary.save_day({"date": day, "pain": 3 + i % 3, "factors": {"Gardening": i % 2 == 0}})
    diary.rename_factor("Gardening", "Digging")
    assert diary.suspects() == [Suspect("Digging", 0, declared.declared_on, None, own=True)]
    # Archived, it takes no new values, but the days already logged still test it.
    diary.archive_factor("Digging")
    assert diary.suspects() == [Suspect("Digging", 0, declared.declared_on, None, own=True)]
    links = diary.insights().to_dict()["links"]
    assert [
        (link["lag_days"], link["declared"]) for link in links if link["factor"] == "Digging"
    ] == [
        (0, True),
        (1, False),
    ]
    assert [s.factor for s in diary.remove_suspect("Digging")] == ["Digging"]


def test_a_refused_suspect_is_said_with_the_factors_labels(diary: Diary) -> None:
    from app.diary.factors import suspect_refusal

    diary.add_suspect("sitting")
    with pytest.raises(FactorError) as again:
        diary.add_suspect("sitting")
    taken = diary.suspects()
    assert (
        suspect_refusal(again.value, taken, "sitting", 1, "above")
        == "Long sitting: flare-ups the next day is already one of your suspects."
    )
    diary.add_suspect("sleep", lag=0)
    diary.add_suspect("stress")
    with pytest.raises(FactorError) as fourth:
        diary.add_suspect("posture")
    assert suspect_refusal(fourth.value, diary.suspects(), "posture", 1, "in Settings") == (
        "You have 3 suspects already: remove one in Settings before adding another."
    )
    # Anything else keeps the service's own words.
    with pytest.raises(FactorError) as unknown:
        diary.add_suspect("knitting")
    assert suspect_refusal(unknown.value, [], "knitting", 1, "above").startswith(
        "unknown factor 'knitting'; allowed: sitting"
    )


def test_save_form_merges_factors_per_factor(diary: Diary) -> None:
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Mood", "rating")
    diary.save_day({"date": DAY, "pain": 3})
    loaded = diary.get_day_fields(DAY)
    diary.update_day(DAY, {"factors": {"Mood": 6}})  # another program, meanwhile
    saved = diary.save_form(DAY, loaded, {"factors": {"Gardening": True}, "stress": 4})
    assert saved.factors == {"Gardening": True, "Mood": 6} and saved.stress == 4
