"""Analysis results the second mutation sample showed unpinned, each worked out by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from app.analysis.entry_columns import columns_from_entries
from app.analysis.factors import own_factor
from app.analysis.flares import FlareEpisode
from app.analysis.links import NO_LINK, Link, find_links
from app.analysis.power import days_to_answer_from_counts
from app.analysis.sentences import (
    flares_sentence,
    link_counts,
    link_details,
    summary_sentences,
)
from app.analysis.summary import PeriodSummary
from app.domain.entry import make_entry

D0 = dt.date(2025, 6, 2)


def _link(**fields: object) -> Link:
    values: dict[str, object] = {
        "factor": "sitting", "lag_days": 0, "verdict": NO_LINK,
        "exposed_days": 10, "unexposed_days": 20, "exposed_flares": 5, "unexposed_flares": 2,
        "flare_rate_exposed": None, "flare_rate_unexposed": None,
        "rate_ci_exposed": None, "rate_ci_unexposed": None,
        "mean_pain_exposed": None, "mean_pain_unexposed": None,
        "odds_ratio": None, "odds_ratio_ci": None, "p_value_raw": None, "p_value": None,
    }  # fmt: skip
    values.update(fields)
    return Link(**values)  # type: ignore[arg-type]


# --- factors ------------------------------------------------------------------------------


def test_an_own_factor_the_days_have_no_column_for_is_never_recorded() -> None:
    days = columns_from_entries(
        [make_entry(date=D0, pain=3), make_entry(date=D0 + dt.timedelta(days=1), pain=4)]
    )
    exposed = own_factor("gardening").exposed(days)
    assert len(exposed) == 2
    assert np.isnan(exposed).all()


# --- links --------------------------------------------------------------------------------


def test_when_every_exposed_day_flared_the_rates_interval_ends_at_exactly_one() -> None:
    """Sitting 8 h on the 16 even days, each ticked as a flare; 2 h on the 16 odd days.

    Wilson with k = n = 16, z = 1.959964 (z^2 = 3.841459): the upper end is 1 by
    algebra, which floating point misses for n = 16 (1.0000000000000002); the lower
    end is n / (n + z^2) = 16 / 19.841459 = 0.8064.
    """
    days = [
        make_entry(
            date=D0 + dt.timedelta(days=i),
            pain=3,
            sitting_minutes=480 if i % 2 == 0 else 120,
            flare=i % 2 == 0,
        )
        for i in range(32)
    ]
    sitting = {(lk.factor, lk.lag_days): lk for lk in find_links(days)}[("sitting", 0)]
    assert (sitting.exposed_days, sitting.exposed_flares) == (16, 16)
    assert sitting.rate_ci_exposed is not None
    low, high = sitting.rate_ci_exposed
    assert low == pytest.approx(0.8064, abs=1e-4)
    assert high == 1.0


def test_with_no_comparable_days_the_days_to_an_answer_cannot_be_estimated() -> None:
    # 20 compared days, 10 exposed, 2 flares: enough to estimate, but none of the
    # logged days is comparable, so no number of further days would do.
    strata = [(20, 10, 2)]
    assert days_to_answer_from_counts(strata, 10, 20, 0.0, 0.05) is None
    assert isinstance(days_to_answer_from_counts(strata, 10, 20, 0.5, 0.05), int)


# --- sentences ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("odds", "ci", "words"),
    [
        # 10 and more are whole numbers; below 10 one decimal.
        (10.4, (2.0, 60.0), "Odds of a flare-up 10 times as high (95 % interval 2.0 to 60)"),
        (9.96, (1.04, 10.0), "Odds of a flare-up 10.0 times as high (95 % interval 1.0 to 10)"),
    ],
)
def test_odds_of_ten_and_more_are_given_as_whole_numbers(odds, ci, words) -> None:
    link = _link(odds_ratio=odds, odds_ratio_ci=ci, p_value_raw=0.04, p_value=0.2)
    assert link_details(link) == (
        f"{words}; p = 0.20 after allowing for the number of comparisons; p = 0.04 before. "
        "An association in your diary, not proof of a cause."
    )


def test_a_single_flare_up_is_one_flare_up() -> None:
    episode = FlareEpisode(D0, D0 + dt.timedelta(days=2), 7)
    assert flares_sentence([episode], 3) == (
        "1 flare-up in this period (3 days in all), lasting 3 days; the worst reached 7/10."
    )


def test_one_exposed_day_of_an_own_factor_named_with_days_keeps_its_name() -> None:
    """Only the sentence's own "days" becomes "day"; the factor's name stays as logged."""
    link = _link(factor="rest days", exposed_days=1, exposed_flares=0, unexposed_flares=3)
    assert link_counts(link) == (
        "On 0 of the 1 day you logged rest days, you had a flare-up — against 3 of 20 other days."
    )


def test_the_summary_names_the_leg_side_with_its_days() -> None:
    summary = PeriodSummary(
        start=D0, end=D0 + dt.timedelta(days=6), days_in_period=7, days_logged=5,
        pain_days=5, pain_mean=4.2, pain_least=2, pain_worst=7, sitting_mean=None,
        flare_days=0, episodes=(), locations=(), back_days=3, leg_days=2,
        left_leg_days=2, right_leg_days=0, sciatic_days={}, symptoms=(), treatments=(),
        exercises=(), red_flag_days=(),
    )  # fmt: skip
    assert summary_sentences(summary) == [
        "You logged 5 of 7 days.",
        "Average daily pain 4.2/10 (least 2, worst 7).",
        "Pain was in the back on 3 days and in a leg on 2 days (left 2).",
    ]
