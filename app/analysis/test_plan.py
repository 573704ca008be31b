"""The test plan: declared suspects first, at nearly full strength, then the rest.

The person may declare up to three suspects (a factor at a lag: "long sitting,
the day after"). Every factor x lag is also in the exploratory family, as
before. The plan keeps the chance of *any* false "linked" -- over suspects,
built-in factors, stress, own factors and both lags -- at or below 5 %, with a
graphical procedure (Bretz et al. 2009; the fallback procedure of Wiens 2003 is
a special case):

- every hypothesis has a weight (its share of alpha = 0.05): the testable
  suspects share SUSPECT_SHARE (0.8, i.e. alpha 0.04, split equally =
  Bonferroni), the exploratory tests share the rest (0.01) equally;
- a transition matrix says where a rejected hypothesis' weight goes: a
  confirmed suspect passes it to the other suspects; once none is left, to the
  exploratory family (equally). A rejected exploratory test passes its weight
  to the other exploratory tests (which makes the family Holm's procedure),
  and once none is left, to the suspects. The "once none is left" edges are
  Bretz's epsilon edges: weight EPSILON, which the update rule turns into the
  whole weight when the other targets are gone.
- with no suspects, the exploratory family has all of alpha and the procedure
  is exactly Holm's at 0.05 over all tested factor x lag (the behaviour before
  suspects existed; tests/analysis/test_test_plan.py checks both by hand).

Which test for suspects. A suspect's confirmatory test uses only the days it
covers (dated after the declaration, unless it was declared before any day was
logged: a pattern already seen cannot confirm itself). Two outcomes were
compared on simulated diaries (tests/analysis/compare_outcomes.py, 400 diaries
per row; one-sided, long sitting the day before, 90 logged days):

=========================================  ===============  ==================
                                           flare-onset      next-day pain, OLS
                                           exact (mid-p)    on exposure + pain
                                                            the day before, HAC
=========================================  ===============  ==================
null, plain diaries: false alarms at .05   5.3 %            7.0 % (too many)
null, blocks + drifting pain, at .05       2.3 %            5.3 %
planted OR 4, at alpha .04                 70.0 %           69.0 %
planted OR 4, blocks + drift, at .04       72.5 %           73.8 %
=========================================  ===============  ==================

The continuous outcome is no more powerful (pain above the flare threshold
carries the same information as the flare days) and its Newey-West p-values
are anti-conservative on 90 autocorrelated days, so suspects use the same
stratified exact test as the exploratory family (`links.compare`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Family-wise error rate over everything ever shown as "linked".
ALPHA = 0.05
#: Share of alpha on the declared suspects (0.04 of 0.05); the rest is exploratory.
SUSPECT_SHARE = 0.8
#: At most this many suspects at a time.
MAX_SUSPECTS = 3
#: Weight of the "once none is left" edges (Bretz et al. 2009's epsilon).
EPSILON = 1e-6


@dataclass(frozen=True)
class Suspect:
    """A factor at a lag the person suspects, and from when its test counts days.

    `covers_from` None: every day counts (declared before any day was logged);
    otherwise only days dated after it count for the confirmatory test.
    """

    factor: str
    lag: int
    declared_on: dt.date
    covers_from: dt.date | None = None

    @property
    def key(self) -> tuple[str, int]:
        """(factor, lag)."""
        return (self.factor, self.lag)


@dataclass(frozen=True)
class Graph:
    """Weights (shares of alpha, summing to at most 1) and where each passes them on."""

    weights: np.ndarray
    transitions: np.ndarray  # row i: shares of i's weight to each other hypothesis


def plan_graph(suspects: int, exploratory: int, *, share: float = SUSPECT_SHARE) -> Graph:
    """The plan's graph: hypotheses 0..suspects-1 are suspects, then the exploratory ones."""
    k, m = suspects, exploratory
    n = k + m
    weights = np.zeros(n)
    transitions = np.zeros((n, n))
    if k and m:
        weights[:k] = share / k
        weights[k:] = (1 - share) / m
    elif k:
        weights[:] = 1 / k
    elif m:
        weights[:] = 1 / m
    for group, other in ((range(k), range(k, n)), (range(k, n), range(k))):
        size = len(group)
        for i in group:
            if size > 1:
                # To the rest of its own group; a sliver (epsilon) to the other group,
                # which becomes all of it once its own group is used up.
                tail = EPSILON if len(other) else 0.0
                for j in group:
                    if j != i:
                        transitions[i, j] = (1 - tail) / (size - 1)
                for j in other:
                    transitions[i, j] = tail / len(other)
            else:
                for j in other:
                    transitions[i, j] = 1 / len(other)
    return Graph(weights, transitions)


def graphical_adjusted(p_values: Sequence[float], graph: Graph) -> np.ndarray:
    """Adjusted p-values of the graphical procedure (Bretz et al. 2009, algorithm 2).

    A hypothesis is rejected at level alpha exactly when its adjusted p-value is
    at most alpha. Each step takes the hypothesis with the smallest p / weight,
    rejects it (its adjusted p is the running maximum of p / weight) and
    updates the graph: w_j += w_i g_ij; g_jl = (g_jl + g_ji g_il) / (1 - g_ji g_ij).
    """
    p = np.asarray(p_values, dtype=float)
    n = len(p)
    w = graph.weights.astype(float).copy()
    g = graph.transitions.astype(float).copy()
    active = np.ones(n, dtype=bool)
    adjusted = np.ones(n)
    running = 0.0
    for _ in range(n):
        ratio = np.full(n, np.inf)
        live = active & (w > 0)
        ratio[live] = p[live] / w[live]
        if not live.any():
            break
        i = int(np.argmin(ratio))
        running = max(running, float(ratio[i]))
        adjusted[i] = min(1.0, running)
        active[i] = False
        w = w + w[i] * g[i]
        w[i] = 0.0
        denominator = 1 - g[:, i] * g[i, :]
        safe = np.where(denominator > 1e-15, denominator, np.inf)
        g = (g + np.outer(g[:, i], g[i, :])) / safe[:, None]
        np.fill_diagonal(g, 0.0)
        g[i, :] = 0.0
        g[:, i] = 0.0
        w[~active] = 0.0
    # Hypotheses never reached (weight 0 all along) keep 1.
    return adjusted


def initial_alpha(graph: Graph, alpha: float = ALPHA) -> np.ndarray:
    """The level each hypothesis is first tested at (before any alpha is passed on)."""
    return graph.weights * alpha


__all__ = [
    "ALPHA",
    "EPSILON",
    "MAX_SUSPECTS",
    "SUSPECT_SHARE",
    "Graph",
    "Suspect",
    "graphical_adjusted",
    "initial_alpha",
    "plan_graph",
]
