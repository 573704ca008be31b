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


def test_own_factors_merge_key_by_key() -> None:
    # gardening: only the disk changed it; screen: only I did; walk: both, differently;
    # tea: both, the same; nap: nobody. Later fields are still merged after the dict.
    before = {"factors": {"gardening": 1, "screen": 2, "walk": 10, "tea": 1, "nap": 1}, "pain": 3}
    mine = {"factors": {"gardening": 1, "screen": 5, "walk": 20, "tea": 2, "nap": 1}, "pain": 6}
    disk = {"factors": {"gardening": 4, "screen": 2, "walk": 30, "tea": 2, "nap": 1}, "pain": 3}
    merged = merge_day(before, mine, disk, ["factors", "pain"])
    assert merged == Merged(
        fields={
            "date": None,
            "factors": {"gardening": 4, "screen": 5, "walk": 20, "tea": 2, "nap": 1},
            "pain": 6,
        },
        touched=("factors", "pain"),
        clashes=("factors",),
    )


def test_factors_only_the_disk_changed_are_taken_from_the_disk_untouched() -> None:
    before = {"factors": {"gardening": 1}}
    merged = merge_day(before, {"factors": {"gardening": 1}}, {"factors": {"gardening": 4}})
    assert merged.fields["factors"] == {"gardening": 4}
    assert (merged.touched, merged.clashes) == ((), ())


def test_a_factor_i_changed_and_the_disk_did_not_is_no_clash() -> None:
    before = {"factors": {"gardening": 1, "screen": 2}}
    mine = {"factors": {"gardening": 3, "screen": 2}}
    merged = merge_day(before, mine, before, ["factors"])
    assert merged.fields["factors"] == {"gardening": 3, "screen": 2}
    assert (merged.touched, merged.clashes) == (("factors",), ())


def test_factors_both_set_to_the_same_are_no_clash_and_removed_keys_stay_removed() -> None:
    before = {"factors": {"gardening": 1, "screen": 2}}
    mine = {"factors": {"gardening": 3}}  # I cleared screen time
    disk = {"factors": {"gardening": 3, "screen": 2}}
    merged = merge_day(before, mine, disk, ["factors"])
    assert merged.fields["factors"] == {"gardening": 3}
    assert (merged.touched, merged.clashes) == (("factors",), ())


def test_untouched_factors_are_neither_touched_nor_clashing() -> None:
    merged = merge_day({}, {"factors": {}}, {"factors": {"tea": 1}}, ["factors"])
    assert merged == Merged({"date": None, "factors": {"tea": 1}}, (), ())


def test_a_list_the_disk_only_reordered_is_no_clash_with_my_change() -> None:
    before = {"symptoms": ["numbness", "tingling"]}
    mine = {"symptoms": ["numbness"]}
    disk = {"symptoms": ["tingling", "numbness"]}  # the same places, another order
    merged = merge_day(before, mine, disk, ["symptoms"])
    assert merged == Merged({"date": None, "symptoms": ["numbness"]}, ("symptoms",), ())


def test_the_same_list_in_another_order_on_both_sides_is_no_clash() -> None:
    before = {"symptoms": ["numbness"]}
    mine = {"symptoms": ["numbness", "tingling"]}
    disk = {"symptoms": ["tingling", "numbness"]}
    merged = merge_day(before, mine, disk, ["symptoms"])
    assert merged.touched == ("symptoms",) and merged.clashes == ()
    assert merged.fields["symptoms"] == ["numbness", "tingling"]
