"""Analysis results the fourth mutation sample showed unpinned, each worked out by hand."""

from __future__ import annotations

import datetime as dt

from app.analysis.insights import insights
from app.analysis.links import NO_LINK, find_links
from app.analysis.sentences import summary_sentences
from app.analysis.summary import Count, ExerciseUse, PeriodSummary
from app.analysis.test_plan import Suspect
from app.domain.entry import make_entry

D0 = dt.date(2025, 6, 2)


def test_the_headline_counts_the_flare_ups_of_the_period() -> None:
    # Days 3 and 4 ticked as flares (pain 8 and 7): one flare-up of two days.
    days = [
        make_entry(date=D0 + dt.timedelta(days=i), pain=8 if i == 3 else 7 if i == 4 else 3,
                   flare=i in (3, 4))
        for i in range(7)
    ]  # fmt: skip
    result = insights(days)
    assert (
        "1 flare-up in this period (2 days in all), lasting 2 days; the worst reached 8/10."
        in result.sentences
    )


def test_a_flare_ticked_without_a_pain_score_is_a_flare_up_with_no_peak() -> None:
    days = [
        make_entry(date=D0, pain=3),
        make_entry(date=D0 + dt.timedelta(days=1), flare=True),
        make_entry(date=D0 + dt.timedelta(days=2), pain=3),
    ]
    (episode,) = insights(days).flares
    assert (episode.start, episode.end, episode.peak) == (
        D0 + dt.timedelta(days=1),
        D0 + dt.timedelta(days=1),
        None,
    )


def _summary(**fields: object) -> PeriodSummary:
    values: dict[str, object] = {
        "start": D0, "end": D0 + dt.timedelta(days=6), "days_in_period": 7, "days_logged": 7,
        "pain_days": 7, "pain_mean": 4.0, "pain_least": 2, "pain_worst": 7,
        "sitting_mean": None, "flare_days": 0, "episodes": (), "locations": (),
        "back_days": 0, "leg_days": 0, "left_leg_days": 0, "right_leg_days": 0,
        "sciatic_days": {}, "symptoms": (), "treatments": (), "exercises": (),
        "red_flag_days": (),
    }  # fmt: skip
    values.update(fields)
    return PeriodSummary(**values)  # type: ignore[arg-type]


def test_a_least_pain_from_check_ins_is_given_to_one_decimal() -> None:
    # 14/3 is a mean of three check-ins (4, 5, 5): shown as 4.7, not 4.666...
    out = summary_sentences(_summary(pain_mean=5.0, pain_least=14 / 3, pain_worst=6))
    assert out[1] == "Average daily pain 5.0/10 (least 4.7, worst 6)."


def test_the_three_most_frequent_kinds_of_pain_are_named_with_their_days() -> None:
    symptoms = (
        Count("aching", "Aching", 5), Count("sharp", "Sharp", 3),
        Count("burning", "Burning", 2), Count("tingling", "Tingling", 1),
    )  # fmt: skip
    out = summary_sentences(_summary(symptoms=symptoms))
    assert out[-1] == "Most frequent kinds of pain: aching (5), sharp (3), burning (2)."


def test_only_the_four_most_done_exercises_are_listed() -> None:
    exercises = tuple(
        ExerciseUse(name, name.title(), days, 10 * days)
        for name, days in [("walking", 6), ("plank", 5), ("bridge", 4), ("yoga", 3),
                           ("cycling", 2)]
    )  # fmt: skip
    out = summary_sentences(_summary(exercises=exercises))
    assert out[-1] == "Exercises, days done: walking (6), plank (5), bridge (4), yoga (3)."


def test_a_second_declared_suspect_halves_each_one_s_level_so_it_needs_more_days() -> None:
    """Alone, a suspect is tested at 0.8 x 5 % = 4 %; beside a second, at 2 % each.

    At the smaller level the same odds ratio needs more logged days to show.
    """
    # 40 days: 8 h sitting on even days, 2 h on odd ones; flares on days 0, 1, 4, 5, ...
    # (10 of 20 long-sitting days and 10 of 20 others: no link); sleep 5 h every third day.
    days = [
        make_entry(
            date=D0 + dt.timedelta(days=i),
            pain=3,
            sitting_minutes=480 if i % 2 == 0 else 120,
            sleep_hours=5 if i % 3 == 0 else 8,
            flare=i % 4 in (0, 1),
        )
        for i in range(40)
    ]
    sitting = Suspect("sitting", 0, D0)
    sleep = Suspect("sleep", 0, D0)

    def sitting_days_to_answer(suspects: list[Suspect]) -> int | None:
        links = {(lk.factor, lk.lag_days): lk for lk in find_links(days, suspects=suspects)}
        assert links[("sitting", 0)].verdict == NO_LINK
        return links[("sitting", 0)].days_to_answer

    alone = sitting_days_to_answer([sitting])
    beside_another = sitting_days_to_answer([sitting, sleep])
    assert alone is not None and beside_another is not None
    assert beside_another > alone
