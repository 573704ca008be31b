"""Honesty of the links, measured on simulated diaries (fixed seeds).

The diaries come from tests/analysis/simulation.py: weekday desk work, habits
that drift, pain that drifts, flare-ups that last (a Markov chain of flare
days), users who tick most flares but not all, 7 % of days unlogged.

Measured with `.venv/bin/python -m pytest -q -s tests/analysis/test_simulation.py`
(rates print with -s):

- null diaries, 90 logged days, 200 diaries: "linked" for any factor in 4.0 %;
- null diaries, 270 logged days, 200 diaries: 3.0 %;
- planted long sitting -> next-day flare odds x4, 270 logged days: found at
  lag 1 in 93 %;
- the same at 90 logged days: found in 32.5 %.

The issue asks for 80 % at 90 days. With five factors x two lags held to a 5 %
family-wise false-alarm rate (Holm), the first test must reach p < 0.005;
with ~90 days of a yes/no outcome and a 4-fold odds ratio, even a perfectly
observed diary with independent days and a plain Fisher test gets there
only 25-63 % of the time, depending on how often flares happen (a quick
calculation over four flare frequencies). So the 90-day rate is asserted
as a floor and the 80 % as what it takes: about 8-9 months of logging.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from app.analysis.links import LINKED, find_links
from tests.analysis.simulation import simulate_diary

pytestmark = pytest.mark.slow

DIARIES = 200
FALSE_ALARM_LIMIT = 0.05
POWER_TARGET = 0.80


@cache
def any_linked_rate(logged_days: int, diaries: int = DIARIES) -> float:
    hits = 0
    for i in range(diaries):
        links = find_links(simulate_diary(np.random.default_rng(1000 + i), logged_days=logged_days))
        hits += any(link.verdict == LINKED for link in links)
    rate = hits / diaries
    print(f"\nnull, {logged_days} days, {diaries} diaries: any linked in {rate:.1%}")
    return rate


@cache
def found_rate(logged_days: int, diaries: int = DIARIES) -> float:
    hits = 0
    for i in range(diaries):
        diary = simulate_diary(
            np.random.default_rng(5000 + i), logged_days=logged_days, sitting_odds_ratio=4.0
        )
        verdicts = {(link.factor, link.lag_days): link.verdict for link in find_links(diary)}
        hits += verdicts[("sitting", 1)] == LINKED
    rate = hits / diaries
    print(f"\nsitting x4, {logged_days} days, {diaries} diaries: found at lag 1 in {rate:.1%}")
    return rate


def test_null_diaries_of_90_days_rarely_show_a_link():
    assert any_linked_rate(90) <= FALSE_ALARM_LIMIT


def test_null_diaries_of_270_days_rarely_show_a_link():
    assert any_linked_rate(270) <= FALSE_ALARM_LIMIT


def test_planted_sitting_effect_found_at_next_day_with_enough_days():
    assert found_rate(270) >= POWER_TARGET


def test_planted_sitting_effect_at_90_days_floor():
    # Not the 80 %: see the module docstring for why no honest test gets there.
    assert found_rate(90) >= 0.20
