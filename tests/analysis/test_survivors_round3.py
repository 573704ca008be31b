"""Analysis results the third mutation sample showed unpinned, each worked out by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from app.analysis.entry_columns import columns_from_entries
from app.analysis.factors import factor
from app.analysis.flares import FlareEpisode
from app.analysis.links import LINKED, NO_LINK, DayTable, Link, find_links, plan_verdicts
from app.analysis.peg import Change
from app.analysis.sentences import change_sentence, flares_sentence, link_counts, link_details
from app.analysis.test_plan import Suspect
from app.domain.entry import make_entry
from app.domain.own_factors import OwnFactor

D0 = dt.date(2025, 6, 2)


def _link(**fields: object) -> Link:
    values: dict[str, object] = {
        "factor": "sitting", "lag_days": 0, "verdict": NO_LINK,
        "exposed_days": 20, "unexposed_days": 20, "exposed_flares": 10, "unexposed_flares": 10,
        "flare_rate_exposed": None, "flare_rate_unexposed": None,
        "rate_ci_exposed": None, "rate_ci_unexposed": None,
        "mean_pain_exposed": None, "mean_pain_unexposed": None,
        "odds_ratio": None, "odds_ratio_ci": None, "p_value_raw": None, "p_value": None,
    }  # fmt: skip
    values.update(fields)
    return Link(**values)  # type: ignore[arg-type]


def _even_days() -> list:
    """40 days: 8 h sitting on even days, 2 h on odd ones; flares on days 0, 1, 4, 5, ...

    So 10 of the 20 long-sitting days flared and 10 of the 20 others: no link.
    """
    return [
        make_entry(
            date=D0 + dt.timedelta(days=i),
            pain=3,
            sitting_minutes=480 if i % 2 == 0 else 120,
            flare=i % 4 in (0, 1),
        )
        for i in range(40)
    ]


# --- factors ------------------------------------------------------------------------------


def test_an_unknown_factor_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(KeyError) as refused:
        factor("gardening")
    assert refused.value.args[0] == (
        "unknown factor 'gardening'; known: sitting, inactivity, posture, overexertion, "
        "sleep, stress"
    )


def test_own_factor_values_entered_on_days_become_their_column() -> None:
    days = [
        make_entry(date=D0, pain=3, factors={"gardening": True}),
        make_entry(date=D0 + dt.timedelta(days=1), pain=4, factors={"gardening": False}),
        make_entry(date=D0 + dt.timedelta(days=2), pain=5),
    ]
    columns = columns_from_entries(days, [OwnFactor("gardening", "yesno")])
    (gardening,) = columns.own
    assert gardening.name == "gardening"
    # yes 1, no 0, not recorded NaN
    assert gardening.values[:2].tolist() == [1.0, 0.0]
    assert np.isnan(gardening.values[2])


# --- links --------------------------------------------------------------------------------


def test_a_declared_suspect_is_marked_declared_among_the_links() -> None:
    suspect = Suspect("sitting", 0, D0 + dt.timedelta(days=3))
    links = {(lk.factor, lk.lag_days): lk for lk in find_links(_even_days(), suspects=[suspect])}
    assert links[("sitting", 0)].declared
    assert links[("sitting", 0)].declared_since == D0 + dt.timedelta(days=3)
    assert not links[("sitting", 1)].declared


def test_a_suspect_declared_later_needs_more_days_by_the_days_it_does_not_count() -> None:
    """Covering only the last 10 of 40 logged days, it needs exactly 30 more than covering all.

    Every day records sitting, so each logged day is a compared day (share 1): the
    further days needed are the days the test needs minus the days it counts so far.
    """
    days = _even_days()

    def to_answer(covers_from: dt.date | None) -> int | None:
        suspect = Suspect("sitting", 0, D0, covers_from)
        links = {(lk.factor, lk.lag_days): lk for lk in find_links(days, suspects=[suspect])}
        assert links[("sitting", 0)].verdict == NO_LINK
        return links[("sitting", 0)].days_to_answer

    every_day = to_answer(None)
    last_ten = to_answer(D0 + dt.timedelta(days=29))
    assert every_day is not None and last_ten is not None
    assert last_ten - every_day == 30


@pytest.mark.parametrize(("raw", "verdict"), [(0.05, NO_LINK), (0.0499999, LINKED)])
def test_a_single_comparison_links_only_below_five_percent(raw, verdict) -> None:
    """One tested comparison: its adjusted p is its own p, and the level is p < 0.05."""
    days = _even_days()
    table = DayTable.build(days)
    (out,) = plan_verdicts(table, [_link(p_value_raw=raw)], [], [], slice(0, len(days)))
    assert out.p_value == raw
    assert out.verdict == verdict


# --- sentences ------------------------------------------------------------------------------


def test_a_p_value_below_one_in_a_thousand_is_given_as_a_bound() -> None:
    link = _link(p_value_raw=0.0004, p_value=0.0008)
    assert link_details(link) == (
        "p < 0.001 after allowing for the number of comparisons; p < 0.001 before. "
        "An association in your diary, not proof of a cause."
    )


def test_a_peg_change_is_named_in_words() -> None:
    change = Change(
        measure="peg", first=6.0, last=4.5, first_days=14, last_days=14,
        meaningful=True, threshold="1 point",
    )  # fmt: skip
    assert change_sentence(change) == (
        "PEG score (pain, enjoyment, activity): 6.0 in the first two weeks, 4.5 in the last "
        "two (1.5 points lower — a meaningful improvement)."
    )


def test_flare_ups_without_a_pain_score_say_nothing_of_the_worst() -> None:
    # Flares ticked on days without a pain score have no peak.
    later = D0 + dt.timedelta(days=5)
    episodes = [FlareEpisode(D0, D0, None), FlareEpisode(later, later, None)]
    assert flares_sentence(episodes, 2) == (
        "2 flare-ups in this period (2 days in all), each lasting 1 day."
    )


def test_one_other_day_is_one_day() -> None:
    link = _link(exposed_days=12, exposed_flares=7, unexposed_days=1, unexposed_flares=0)
    assert link_counts(link) == (
        "On 7 of the 12 days you sat more than 6 hours, you had a flare-up — against 0 of "
        "1 other day."
    )
