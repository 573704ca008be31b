"""The test plan by hand: the graphical procedure on a few p-values, suspects' windows."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from app.analysis.insights import insights_from_columns
from app.analysis.links import LINKED, NO_LINK, DayTable, holm, suspect_window, table_links
from app.analysis.test_plan import (
    EPSILON,
    Suspect,
    graphical_adjusted,
    initial_alpha,
    plan_graph,
)
from app.domain.columns import DayColumns, ListTallies, OwnFactorColumn

D0 = dt.date(2025, 1, 1)


def test_no_suspects_is_holm_at_five_percent():
    rng = np.random.default_rng(7)
    for m in (1, 2, 5, 12):
        p = rng.uniform(0, 0.2, m)
        assert np.allclose(graphical_adjusted(p, plan_graph(0, m)), holm(p), rtol=1e-12)


def test_weights_and_transitions_of_the_plan():
    graph = plan_graph(2, 3)
    assert np.allclose(initial_alpha(graph), [0.02, 0.02, 0.01 / 3, 0.01 / 3, 0.01 / 3])
    # Rows pass on at most all of a weight, never to themselves.
    assert np.all(graph.transitions.sum(axis=1) <= 1 + 1e-12)
    assert np.all(np.diag(graph.transitions) == 0)
    # A suspect passes to the other suspect, a sliver to the exploratory family.
    assert graph.transitions[0, 1] == pytest.approx(1 - EPSILON)
    assert graph.transitions[0, 2] == pytest.approx(EPSILON / 3)
    # One suspect alone passes everything on to the exploratory family.
    assert np.allclose(plan_graph(1, 2).transitions[0], [0, 0.5, 0.5])


def test_graphical_procedure_by_hand_two_suspects_two_exploratory():
    # Weights: suspects 0.4, 0.4 (alpha .02 each), exploratory 0.1, 0.1 (.005 each).
    # p / w: S1 .025 (smallest: rejected, adjusted .025); its weight goes to S2
    # (0.8); S2's edges become 1/2, 1/2 to the exploratory tests (epsilon limit).
    # S2: .03 / .8 = .0375 (adjusted .0375); its 0.8 goes 0.4 + 0.4 to E1, E2
    # (weights 0.5, 0.5). E1: .004 / .5 = .008, adjusted max(.0375, .008) =
    # .0375. E2 alone has weight 1: adjusted .2.
    adjusted = graphical_adjusted([0.01, 0.03, 0.004, 0.2], plan_graph(2, 2))
    assert adjusted == pytest.approx([0.025, 0.0375, 0.0375, 0.2], rel=1e-5)


def test_graphical_procedure_by_hand_exploratory_found_suspect_not():
    # Suspect weight 0.8, E1 and E2 0.1 each. E1: .003 / .1 = .03 (rejected at .05);
    # E2 gets its weight (0.2), the suspect a sliver. Suspect: .05 / .8 = .0625 > .05,
    # not confirmed. (Adjusted p goes on as if it were: E2 then holds all the
    # weight, .2 / 1 = .2.)
    adjusted = graphical_adjusted([0.05, 0.003, 0.2], plan_graph(1, 2))
    assert adjusted == pytest.approx([0.0625, 0.03, 0.2], rel=1e-5)


def test_alpha_of_all_suspects_goes_on_to_the_exploratory_family():
    # Both suspects confirmed: the exploratory test is then tested at the full .05.
    adjusted = graphical_adjusted([0.001, 0.001, 0.045], plan_graph(2, 1))
    assert adjusted[2] == pytest.approx(0.045, rel=1e-5)
    # Without them confirmed it would need p < .01.
    assert graphical_adjusted([0.9, 0.9, 0.045], plan_graph(2, 1))[2] > 0.05


def _columns(n: int, sitting: np.ndarray, flare: np.ndarray, own=()) -> DayColumns:
    nan = np.full(n, np.nan)
    return DayColumns(
        ordinal=np.arange(n, dtype=np.int64) + D0.toordinal(),
        pain=np.where(flare, 7.0, 3.0),
        worst_pain=nan,
        enjoyment_interference=nan,
        activity_interference=nan,
        sitting_minutes=sitting,
        active_minutes=nan,
        exercise_minutes=nan,
        exertion=np.full(n, None, dtype=object),
        posture=np.full(n, None, dtype=object),
        sleep_hours=nan,
        sleep_quality=nan,
        flare=flare,
        red_flag=np.zeros(n, dtype=bool),
        stress=np.where(np.arange(n) % 4 == 0, 8.0, 2.0),
        own=own,
    )


def test_a_suspect_counts_only_days_after_it_was_declared():
    n = 60
    sitting = np.where(np.arange(n) % 3 == 0, 400.0, 100.0)
    flare = np.zeros(n, dtype=bool)
    table = DayTable.from_columns(_columns(n, sitting, flare))
    late = Suspect("sitting", 1, D0 + dt.timedelta(days=40), D0 + dt.timedelta(days=39))
    window = suspect_window(table, late)
    assert (window.start, window.stop) == (40, 60)  # days dated after 9 Feb only
    assert suspect_window(table, Suspect("sitting", 1, D0, None)) == slice(0, 60)


def test_declared_suspect_is_marked_and_found_with_own_factors_analysed():
    # Long sitting the day before every flare: 20 of 20 exposed days flare, none other.
    n = 90
    sitting = np.where(np.arange(n) % 4 == 0, 400.0, 100.0)
    flare = np.roll(sitting > 360, 1)
    flare[0] = False
    garden = OwnFactorColumn("gardening", "yesno", None, (np.arange(n) % 5 == 0) * 1.0, True)
    declared = Suspect("sitting", 1, D0, None)
    links = table_links(
        DayTable.from_columns(_columns(n, sitting, flare, (garden,))), None, [declared]
    )
    by_key = {(link.factor, link.lag_days): link for link in links}
    assert ("gardening", 1) in by_key and ("stress", 0) in by_key  # archived: still analysed
    assert len(links) == 14
    sit = by_key[("sitting", 1)]
    assert sit.declared and sit.declared_since == D0 and sit.verdict == LINKED
    assert sit.days_to_answer is None  # linked: nothing left to wait for
    other = by_key[("gardening", 1)]
    assert not other.declared and other.declared_since is None
    assert other.verdict == NO_LINK and other.days_to_answer is not None


def test_insights_json_carries_the_plan_and_days_to_answer():
    n = 90
    sitting = np.where(np.arange(n) % 4 == 0, 400.0, 100.0)
    flare = np.roll(sitting > 360, 1)
    flare[0] = False
    flare[np.arange(n) % 9 == 5] = True  # some flares that sitting does not explain
    since = D0 + dt.timedelta(days=30)
    result = insights_from_columns(
        _columns(n, sitting, flare),
        ListTallies({}, {}, {}, {}),
        suspects=[Suspect("stress", 0, since, since)],
    )
    data = json.loads(json.dumps(result.to_dict()))
    by_key = {(x["factor"], x["lag_days"]): x for x in data["links"]}
    assert by_key[("stress", 0)]["declared"] is True
    assert by_key[("stress", 0)]["declared_since"] == "2025-01-31"
    assert by_key[("sitting", 1)]["declared"] is False
    assert by_key[("sitting", 1)]["declared_since"] is None
    assert by_key[("sitting", 1)]["verdict"] == "linked"
    assert by_key[("sitting", 1)]["days_to_answer"] is None
    assert isinstance(by_key[("stress", 0)]["days_to_answer"], int)
    # Not recorded at all: no estimate.
    assert by_key[("posture", 0)]["days_to_answer"] is None
    # Suspects' answer times come first.
    assert result.answer_times[0].startswith(("About", "You have logged", "At this rate"))
    assert "high stress" in result.answer_times[0]


def test_a_suspect_declared_today_gets_days_to_answer_from_the_diary_so_far():
    n = 80
    sitting = np.where(np.arange(n) % 3 == 0, 400.0, 100.0)
    flare = np.arange(n) % 7 == 3
    today = D0 + dt.timedelta(days=n - 1)
    columns = _columns(n, sitting, flare)
    declared = table_links(
        DayTable.from_columns(columns), None, [Suspect("sitting", 1, today, today)]
    )
    plain = table_links(DayTable.from_columns(columns), None)
    mine = {(x.factor, x.lag_days): x for x in declared}[("sitting", 1)]
    before = {(x.factor, x.lag_days): x for x in plain}[("sitting", 1)]
    # None of its own days yet, but the rates are known: an estimate, counted
    # from zero, at the suspect's alpha (.04) rather than .05 / 12.
    assert mine.declared and mine.days_to_answer is not None
    assert before.days_to_answer is not None
    assert mine.days_to_answer > 0
