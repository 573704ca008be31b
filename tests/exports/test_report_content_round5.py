"""The report's content for two small diaries typed in below, every sentence and cell.

The week diary: seven days from Mon 2 Feb 2026, pain 3, 7, 2, 3, 6, 8, 2; days 2, 5
and 6 marked flares; ten different places hurt on the first three days; the own
factors Yoga (minutes) and Gardening (yes/no); long sitting (next day) declared a
suspect before any day was logged. Every expected text is worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from app.diary import Diary
from app.domain.entry import make_entry
from app.exports.report_pdf.content import build_content, compact_locations, day_row

START = dt.date(2026, 2, 2)  # a Monday
WEEK = [
    {
        "pain": 3,
        "worst_pain": 5,
        "enjoyment_interference": 4,
        "activity_interference": 5,
        "locations": [
            {"region": "lower_back"},
            {"region": "buttock", "side": "left"},
            {"region": "calf", "side": "left"},
            {"region": "thigh_back", "side": "right"},
        ],
        "symptoms": ["tingling", "aching"],
        "sitting_minutes": 480,
        "active_minutes": 90,
        "sleep_hours": 6.5,
        "stress": 4,
        "factors": {"Yoga": 45, "Gardening": True},
    },
    {
        "pain": 7,
        "flare": True,
        "locations": [{"region": "neck", "side": "centre"}, {"region": "hip", "side": "both"}],
        "red_flags": ["bladder"],
        "factors": {"Gardening": False},
    },
    {
        "pain": 2,
        "locations": [
            {"region": "knee", "side": "right"},
            {"region": "foot", "side": "left"},
            {"region": "ankle", "side": "both"},
            {"region": "shin"},
        ],
    },
    {"pain": 3},
    {"pain": 6, "flare": True},
    {"pain": 8, "flare": True},
    {"pain": 2},
]


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("round5") / "week.sqlite3"
    with Diary.open(path) as diary:
        diary.add_factor("Yoga", "minutes")
        diary.add_factor("Gardening", "yesno")
        diary.add_suspect("sitting", 1)  # declared today, before any day is logged
        for i, day in enumerate(WEEK):
            diary.save_day({"date": START + dt.timedelta(days=i), **day})
        return build_content(
            diary.insights(),
            diary.days(),
            charts=False,
            include_days=True,
            generated=dt.date(2026, 2, 9),
            suspects=diary.suspects(),
            factors=diary.factors(include_archived=True),
        )


# -- page 1 ------------------------------------------------------------------------------------


def test_the_key_figures_of_the_week(week) -> None:
    assert [(f.label, f.value, f.note, f.flagged) for f in week.figures] == [
        # 31 points over 7 days: 4.43.
        ("Average pain", "4.4 / 10", "7 days with a score", False),
        # Lowest day 2; highest worst 8 (day 6's pain beats day 1's worst of 5).
        ("Least / worst", "2 / 8", "lowest average / highest worst", False),
        ("Pain, first → last 2 weeks", "—", "too few days at start or end", False),
        ("PEG, first → last 2 weeks", "—", "too few days at start or end", False),
    ]
    assert week.pain_notes == [
        "First and last two weeks not compared: the period needs at least 28 days, with "
        "pain scored on at least 3 days at each end."
    ]


def test_the_week_s_flare_ups_are_counted_with_their_lengths_and_peak(week) -> None:
    # Day 2 alone (1 day), days 5-6 together (2 days, pain 6 then 8).
    assert week.flare_summary == (
        "2 flare-ups in this period (3 days in all), lasting 1 to 2 days (1.5 on average); "
        "the worst reached 8/10."
    )
    # Median of 3, 7, 2, 3, 6, 8, 2 is 3.
    assert week.flare_definition == (
        "A flare day is a day marked as a flare, or pain at least 2 points above the personal "
        "baseline (median of the preceding 28 logged days; 3/10 at the end of the period)."
    )


def test_the_declared_suspect_is_listed_with_its_dates_and_too_few_days(week) -> None:
    today = dt.date.today()
    (line,) = week.suspects
    assert line.title == "Long sitting (next day)"
    assert line.dates == (
        f"declared {today.day}\u00a0{today:%b}\u00a0{today.year}, before any day was logged; "
        "tested on every logged day."
    )
    # Sitting was logged on day 1 only (8 h): one day follows it, none follows a short sit.
    assert line.result == (
        "Not enough data yet: 1 day with it and 0 without so far (at least 5 of each, and 21 "
        "logged days, are needed)."
    )
    assert line.details == ""
    assert line.wait == (
        "How long: not enough exposed days yet to estimate when this will be known."
    )
    assert line.linked is False
    assert week.suspects_note == (
        "Named by the patient in advance, so tested first; all other factors are corrected "
        "for multiple comparisons."
    )


def test_with_too_few_days_every_factor_is_listed_as_not_enough_data(week) -> None:
    assert week.link_sentences == []
    assert week.link_details == []
    assert week.link_note == (
        "No factor went with flare-ups clearly enough to call it a link. Associations in "
        "this diary, not causes; counts are days on which a flare-up began. Not enough data: "
        "long sitting, inactivity, poor posture, overexertion, poor sleep, high stress, Yoga, "
        "Gardening."
    )


def test_ten_places_show_eight_and_a_note_counts_the_other_two(week) -> None:
    assert [(c.label, c.days) for c in week.locations] == [
        ("Ankle (both sides)", 1),
        ("Buttock (left)", 1),
        ("Calf (left)", 1),
        ("Foot (left)", 1),
        ("Hip (both sides)", 1),
        ("Knee (right)", 1),
        ("Lower back", 1),
        ("Neck (centre)", 1),
    ]
    assert week.location_notes == [
        # Back: days 1 (lower back) and 2 (neck). Legs: days 1-3, each with both sides
        # ("both" counts for each leg).
        "Back pain on 2 days; leg pain on 3 days (left leg 3, right leg 3).",
        # Day 1: left buttock and left calf.
        "Sciatic pattern (buttock or back of thigh down to calf or foot, same side): "
        "left leg on 1 day.",
        "2 further locations on fewer days are not listed.",
    ]
    assert [(c.label, c.days) for c in week.symptoms] == [
        ("Aching", 1),
        ("Tingling (pins and needles)", 1),
    ]


# -- the day table -----------------------------------------------------------------------------


def test_every_cell_of_the_week_s_day_table(week) -> None:
    assert week.day_columns == (
        "Date",
        "Pain",
        "Worst",
        "PEG",
        "Where",
        "Kind of pain",
        "Sat",
        "Active",
        "Sleep",
        "Stress",
        "Your factors",
        "Flare",
        "Red flag",
    )
    blank = ["", "", "", "", "", "", "", "", ""]
    assert (
        [(row.cells, row.red_flag) for row in week.day_rows]
        == [
            (
                [
                    "Mon 2 Feb",
                    "3",
                    "5",
                    "4.0",  # (3 + 4 + 5) / 3
                    "Lower back; L: buttock, calf; R: back of thigh",
                    "Aching, Tingling",
                    "8.0",
                    "1.5",
                    "6.5",
                    "4",
                    # In the order the factors were added; minutes said as minutes.
                    "Yoga 45 min; Gardening",
                    "",
                    "",
                ],
                False,
            ),
            (
                ["Tue 3 Feb", "7", "", "", "Neck; both: hip", *blank[:6], "yes", "YES"],
                True,
            ),
            (
                ["Wed 4 Feb", "2", "", "", "Shin; R: knee; both: ankle; L: foot", *blank[:8]],
                False,
            ),
            # Worst to Your factors blank; then Flare and Red flag.
            (["Thu 5 Feb", "3", *blank, "", ""], False),
            (["Fri 6 Feb", "6", *blank, "yes", ""], False),
            (["Sat 7 Feb", "8", *blank, "yes", ""], False),
            (["Sun 8 Feb", "2", *blank, "", ""], False),
        ]
    )
    assert week.day_table_note == (
        "Your factors: the patient's own, as logged (yes/no ones named on days logged yes): "
        "Yoga (minutes), Gardening (yes/no)."
    )


@pytest.mark.parametrize(
    ("locations", "text"),
    [
        ([{"region": "shin"}], "Shin"),
        ([{"region": "neck", "side": "centre"}], "Neck"),
        ([{"region": "calf", "side": "left"}], "L: calf"),
        (
            [{"region": "calf", "side": "right"}, {"region": "foot", "side": "right"}],
            "R: calf, foot",
        ),
        ([{"region": "hip", "side": "both"}, {"region": "lower_back"}], "Lower back; both: hip"),
        ([], ""),
    ],
)
def test_the_where_cell_groups_places_by_side_unsided_first(locations, text: str) -> None:
    day = make_entry({"date": START, "locations": locations})
    assert compact_locations(day) == text
    assert day_row(day, frozenset()).cells[4] == text


# -- a diary without pain scores ---------------------------------------------------------------


def test_days_without_a_pain_score_show_dashes_for_least_and_worst(tmp_path: Path) -> None:
    with Diary.open(tmp_path / "d.sqlite3") as diary:
        for i in range(2):
            diary.save_day({"date": START + dt.timedelta(days=i), "sleep_hours": 7})
        content = build_content(diary.insights(), diary.days(), charts=False)
    assert [(f.label, f.value, f.note) for f in content.figures[:2]] == [
        ("Average pain", "—", "0 days with a score"),
        ("Least / worst", "— / —", "lowest average / highest worst"),
    ]


# -- a linked suspect's statistics -------------------------------------------------------------


def test_a_linked_suspect_s_p_values_are_kept_on_one_line(tmp_path: Path) -> None:
    """56 days from Mon 5 Jan 2026: sat 8 h every fourth day (2 h otherwise); flares on
    seven of the fourteen days after one (days 1, 9, ..., 49) and on six other days."""
    flares = {1, 9, 17, 25, 33, 41, 49} | {3, 10, 24, 31, 38, 52}
    with Diary.open(tmp_path / "d.sqlite3") as diary:
        diary.add_suspect("sitting", 1)
        for i in range(56):
            diary.save_day(
                {
                    "date": dt.date(2026, 1, 5) + dt.timedelta(days=i),
                    "pain": 2,
                    "sitting_minutes": 480 if i % 4 == 0 else 120,
                    "flare": i in flares,
                }
            )
        content = build_content(
            diary.insights(), diary.days(), charts=False, suspects=diary.suspects()
        )
    (line,) = content.suspects
    assert line.linked is True
    assert line.result == (
        "Linked so far, confirmed by its own test. On 7 of the 14 days after you sat more than "
        "6 hours, you had a flare-up — against 6 of 41 other days."
    )
    assert line.wait == ""
    nb = "\u00a0"
    assert re.fullmatch(
        rf"Odds of a flare-up [\d.]+ times as high \(95 % interval [\d.]+ to [\d.]+\); "
        rf"p{nb}={nb}0\.\d+ after allowing for the number of comparisons; "
        rf"p{nb}={nb}0\.\d+ before\.",
        line.details,
    ), line.details


def test_one_day_and_one_place_left_out_are_counted_in_the_singular(tmp_path: Path) -> None:
    """Nine places on one day: eight are listed and the ninth is counted."""
    places = [
        {"region": "lower_back"},
        {"region": "upper_back"},
        {"region": "neck"},
        {"region": "buttock", "side": "left"},
        {"region": "calf", "side": "left"},
        {"region": "hip", "side": "right"},
        {"region": "groin", "side": "right"},
        {"region": "knee", "side": "right"},
        {"region": "shin", "side": "right"},
    ]
    with Diary.open(tmp_path / "one.sqlite3") as diary:
        diary.save_day({"date": START, "pain": 4, "locations": places})
        content = build_content(diary.insights(), diary.days(), charts=False)

    assert len(content.locations) == 8
    assert content.location_notes == [
        "Back pain on 1 day; leg pain on 1 day (left leg 1, right leg 1).",
        # Left buttock and left calf: the pattern on the left only.
        "Sciatic pattern (buttock or back of thigh down to calf or foot, same side): "
        "left leg on 1 day.",
        "1 further location on fewer days is not listed.",
    ]
