"""The three-way merge of a day, worked through field by field by hand."""

from __future__ import annotations

from app.domain.day_merge import EDITABLE, UNORDERED, Merged, merge_day, same_value
from app.domain.fields import DAY_FIELDS


def test_same_value_ignores_order_only_for_unordered_lists() -> None:
    assert same_value("symptoms", ["numbness", "tingling"], ["tingling", "numbness"])
    assert same_value(
        "locations",
        [{"region": "hip"}, {"region": "calf"}],
        [{"region": "calf"}, {"region": "hip"}],
    )
    assert not same_value("symptoms", ["numbness"], ["numbness", "tingling"])
    assert not same_value("exercises", ["a", "b"], ["b", "a"])  # order kept for the rest
    assert same_value("exercises", ["a", "b"], ["a", "b"])
    assert same_value("pain", 3, 3) and not same_value("pain", 3, 4)
    assert not same_value("symptoms", None, [])  # not both lists: plain equality
    assert {"locations", "symptoms", "red_flags"} == UNORDERED
    assert DAY_FIELDS[1:] == EDITABLE and "date" not in EDITABLE


def test_merge_by_hand() -> None:
    before = {
        "date": "2026-01-02",
        "pain": 3,
        "note": "a",
        "sleep_quality": 5,
        "symptoms": ["numbness"],
    }
    mine = {
        "date": "2026-01-02",
        "pain": 6,
        "note": "a",
        "sleep_quality": 7,
        "symptoms": ["numbness"],
    }
    disk = {
        "date": "2026-01-02",
        "pain": 3,
        "note": "b",
        "sleep_quality": 2,
        "symptoms": ["tingling"],
    }
    names = ["pain", "note", "sleep_quality", "symptoms"]
    merged = merge_day(before, mine, disk, names)
    assert merged == Merged(
        # pain: only I changed it; note, symptoms: only the disk; sleep: both, differently.
        fields={
            "date": "2026-01-02",
            "pain": 6,
            "note": "b",
            "sleep_quality": 7,
            "symptoms": ["tingling"],
        },
        touched=("pain", "sleep_quality"),
        clashes=("sleep_quality",),
    )


def test_both_changing_a_field_to_the_same_value_is_no_clash() -> None:
    merged = merge_day({"pain": 3}, {"date": "d", "pain": 5}, {"pain": 5}, ["pain"])
    assert merged == Merged({"date": "d", "pain": 5}, ("pain",), ())


def test_the_date_comes_from_mine_else_from_the_disk() -> None:
    assert merge_day({}, {}, {"date": "disk"}, []).fields == {"date": "disk"}
    assert merge_day({}, {"date": "mine"}, {"date": "disk"}, []).fields == {"date": "mine"}


def test_unordered_lists_reordered_by_me_are_untouched() -> None:
    before = {"locations": [{"region": "hip"}, {"region": "calf"}]}
    mine = {"locations": [{"region": "calf"}, {"region": "hip"}]}
    disk = {"locations": [{"region": "knee"}]}
    merged = merge_day(before, mine, disk, ["locations"])
    assert merged.fields["locations"] == [{"region": "knee"}] and merged.touched == ()


def test_every_editable_field_is_merged_by_default() -> None:
    before = {name: None for name in EDITABLE}
    mine = {**before, "pain": 4}
    disk = {**before, "note": "x"}
    merged = merge_day(before, mine, disk)
    assert set(merged.fields) == {"date", *EDITABLE}
    assert (merged.fields["pain"], merged.fields["note"], merged.touched) == (4, "x", ("pain",))
