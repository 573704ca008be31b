"""Pain by activity and by time of day from check-ins, worked out by hand."""

from __future__ import annotations

import datetime as dt

from app.analysis.by_activity import (
    ActivityPain,
    activity_rows,
    activity_sentence,
    by_activity,
    by_time_of_day,
)
from app.domain.checkin import make_checkin

DAY = dt.date(2025, 6, 2)


def _c(clock: str, pain: int, doing: str | None = None, day: int = 0):
    return make_checkin(date=DAY + dt.timedelta(days=day), time=clock, pain=pain, doing=doing)


# Sitting: 6, 7, 5 -> 3 check-ins, mean 6.0. Walking: 2, 3 -> 2, mean 2.5.
# Lying: 4 -> 1, mean 4.0. Two without an activity (pain 9 and 0): counted nowhere.
CHECKINS = [
    _c("07:10", 6, "sitting"),
    _c("08:59", 2, "walking"),
    _c("09:00", 9),
    _c("13:30", 7, "sitting", day=1),
    _c("14:45", 3, "walking", day=1),
    _c("22:05", 4, "lying", day=1),
    _c("23:59", 5, "sitting", day=2),
    _c("00:20", 0, day=2),
]


def test_by_activity_by_hand_in_vocabulary_order_without_the_unnamed():
    found = by_activity(activity_rows(CHECKINS))
    assert found == (
        ActivityPain("sitting", 3, 6.0),
        ActivityPain("walking", 2, 2.5),
        ActivityPain("lying", 1, 4.0),
    )
    assert [a.label for a in found] == ["Sitting", "Walking", "Lying down"]


def test_rows_split_across_groups_add_up_and_empty_ones_are_dropped():
    rows = [("walking", 2, 5), (None, 4, 20), ("walking", 1, 4), ("driving", 0, 0)]
    assert by_activity(rows) == (ActivityPain("walking", 3, 3.0),)


def test_by_time_of_day_in_three_hour_blocks_by_hand():
    blocks = by_time_of_day(CHECKINS)
    assert [b.start_hour for b in blocks] == [0, 3, 6, 9, 12, 15, 18, 21]
    # 00:20 (0); 07:10, 08:59 (6, 2); 09:00 (9); 13:30, 14:45 (7, 3); 22:05, 23:59 (4, 5).
    assert [b.checkins for b in blocks] == [1, 0, 2, 1, 2, 0, 0, 2]
    assert [b.mean_pain for b in blocks] == [0.0, None, 4.0, 9.0, 5.0, None, None, 4.5]
    assert blocks[2].label == "06–09"


def test_the_sentence_gives_counts_highest_mean_first_and_no_cause():
    text = activity_sentence(by_activity(activity_rows(CHECKINS)))
    assert text == (
        "Your check-ins while sitting averaged 6.0 (3 check-ins), "
        "while lying down 4.0 (1), while walking 2.5 (2)."
    )
    assert activity_sentence([]) == ""
    assert "other" not in activity_sentence([ActivityPain("other", 1, 3.0)])
    assert "doing something else" in activity_sentence([ActivityPain("other", 1, 3.0)])
