"""Which factors go with flare-ups: exposed against unexposed days, per lag.

For each factor and lag (the same day, the next day) the logged days are split
by whether the factor was present `lag` calendar days before (a day that was
not logged is missing, never replaced by the nearest logged one), and the
share of flare days is compared between the two groups. Those counts are what
the sentences show: "On 7 of the 12 days ... a flare-up — against 4 of 50 other days".

Flare days come in runs, so they are not independent coin tosses: counted as
such, chance patterns would be called "linked" far too often. The test
therefore compares like with like: days are grouped by whether the day before
was a flare day, was not, or was not logged, and the exact conditional test
for stratified 2 x 2 tables (Fisher's test generalised; R's exact
Mantel-Haenszel test) asks whether flares are more common after exposure
within those groups. It is one-sided in the direction each factor is suspected
of (more flare-ups after long sitting, not fewer), uses the mid-p value (the
exact test's p-value is otherwise needlessly conservative with small counts),
and is corrected across all factor x lag tests so that, in a diary where
nothing matters, "linked" appears for any factor at most 5 % of the time: by
Holm's procedure when the person has declared no suspect, by the test plan of
app.analysis.test_plan (suspects first, alpha passed on) when they have.
The factors are the built-in ones (stress among them) and the diary's own.

Effect size: the odds ratio of the plain 2 x 2 table with its exact 95 %
confidence interval (scipy), and each group's flare rate with a Wilson 95 %
interval. The simulation tests in tests/analysis measure false-alarm rate and
power; the numbers are in that module's docstring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from math import sqrt

import numpy as np
from scipy.special import ndtri
from scipy.stats import hypergeom
from scipy.stats.contingency import odds_ratio

from app.analysis.entry_columns import columns_from_entries
from app.analysis.factors import FACTORS, Factor, factors_of
from app.analysis.flares import flare_mask
from app.analysis.power import days_to_answer_from_counts
from app.analysis.test_plan import (
    ALPHA,
    SUSPECT_SHARE,
    Suspect,
    graphical_adjusted,
    plan_graph,
)
from app.domain.columns import DayColumns
from app.domain.entry import DayEntry

#: Lags in days: 0 = the factor on the same day, 1 = the factor the day before.
LAGS = (0, 1)
#: Fewer logged days than this in the period: not enough data for any verdict.
MIN_LOGGED_DAYS = 21
#: Fewer exposed (or unexposed) comparable days than this: not enough data.
MIN_GROUP_DAYS = 5
#: "less", "greater" or "two-sided" as scipy spells it; see the module docstring.
#: Every factor is defined in its suspected harmful direction, so "greater".
ALTERNATIVE = "greater"

#: Up to this many compared days the odds ratio's interval is exact (conditional).
EXACT_CI_MAX_DAYS = 1000
#: Use the mid-p value (half the probability of the observed table counts).
MID_P = True

LINKED = "linked"
NO_LINK = "no-link"
NOT_ENOUGH_DATA = "not-enough-data"
VERDICTS = (LINKED, NO_LINK, NOT_ENOUGH_DATA)


@dataclass(frozen=True)
class Link:
    """One factor at one lag: the counts, rates, effect size and verdict."""

    factor: str
    lag_days: int
    verdict: str
    exposed_days: int  # comparable days whose lagged day had the factor
    unexposed_days: int
    exposed_flares: int  # of those, days on which a flare-up began
    unexposed_flares: int
    flare_rate_exposed: float | None
    flare_rate_unexposed: float | None
    rate_ci_exposed: tuple[float, float] | None  # Wilson 95 % interval
    rate_ci_unexposed: tuple[float, float] | None
    mean_pain_exposed: float | None  # over all logged days with pain, not only onsets
    mean_pain_unexposed: float | None
    odds_ratio: float | None
    odds_ratio_ci: tuple[float, float] | None
    p_value_raw: float | None
    p_value: float | None  # adjusted by the test plan (Holm when nothing is declared)
    sentence: str = ""  # filled in by app.analysis.insights
    #: Declared a suspect by the person (tested first; app.analysis.test_plan).
    declared: bool = False
    declared_since: dt.date | None = None
    #: Further logged days until a link of odds ratio 4 would show with 80 %
    #: probability (app.analysis.power); None when it cannot be estimated or linked.
    days_to_answer: int | None = None
    #: A suspect's own (confirmatory) test: the days it counted, those after its
    #: declaration, and whether it found the link. A suspect can also be linked by
    #: the exploratory test over the whole period; reports must not call that confirmed.
    own_test_days: int | None = None
    own_test_linked: bool = False

    @property
    def testable(self) -> bool:
        """True when there were enough days to test."""
        return self.verdict != NOT_ENOUGH_DATA


@dataclass(frozen=True)
class DayTable:
    """Calendar-aligned columns of the days, the input every link is computed from."""

    first: dt.date
    logged: np.ndarray  # bool per calendar day
    pain: np.ndarray  # float, NaN when not logged or no score
    flare: np.ndarray  # bool
    exposure: dict[str, np.ndarray]  # factor code -> float 1/0/NaN per calendar day
    #: The factors of this diary: the built-in ones, then its own (factors_of).
    factors: tuple[Factor, ...] = FACTORS

    @classmethod
    def build(cls, days: Sequence[DayEntry]) -> DayTable:
        """`from_columns` for `DayEntry` objects (in any order)."""
        return cls.from_columns(columns_from_entries(days))

    @classmethod
    def from_columns(cls, days: DayColumns) -> DayTable:
        """Columns from the earliest day to the last (sorted by date), gaps included."""
        if not len(days):
            empty = np.zeros(0)
            return cls(
                dt.date.min,
                empty.astype(bool),
                empty,
                empty.astype(bool),
                {f.code: empty for f in factors_of(days)},
                factors_of(days),
            )
        _, flare_logged = flare_mask(days.pain, days.flare)
        slots = days.ordinal - days.ordinal[0]
        n = int(slots[-1]) + 1
        logged = np.zeros(n, dtype=bool)
        logged[slots] = True
        pain = np.full(n, np.nan)
        pain[slots] = days.pain
        flare = np.zeros(n, dtype=bool)
        flare[slots] = flare_logged
        exposure = {}
        factors = factors_of(days)
        for item in factors:
            column = np.full(n, np.nan)
            column[slots] = item.exposed(days)
            exposure[item.code] = column
        first = dt.date.fromordinal(int(days.ordinal[0]))
        return cls(first, logged, pain, flare, exposure, factors)

    def slot(self, date: dt.date) -> int:
        """Index of a date in the columns."""
        return (date - self.first).days


def _lagged(column: np.ndarray, lag: int, fill: float | bool) -> np.ndarray:
    """column[i - lag] at i: by calendar day, so a missing day stays missing."""
    if lag == 0:
        return column
    out = np.full_like(column, fill)
    out[lag:] = column[:-lag]
    return out


def compare(table: DayTable, item: Factor, lag: int, window: slice, *, logged_days: int) -> Link:
    """The comparison of one factor at one lag over the calendar slots in `window`.

    Returns the link with its raw p-value; `adjust` gives the final verdicts.
    """
    exposed = _lagged(table.exposure[item.code], lag, np.nan)[window]
    pain = table.pain[window]
    flare = table.flare[window]
    usable = table.logged[window] & ~np.isnan(exposed)
    is_exp = exposed == 1
    n_exp = int(np.sum(usable & is_exp))
    n_unexp = int(np.sum(usable & ~is_exp))
    k_exp = int(np.sum(usable & is_exp & flare))
    k_unexp = int(np.sum(usable & ~is_exp & flare))

    with_pain = usable & ~np.isnan(pain)
    mean_exp = _mean(pain[with_pain & is_exp])
    mean_unexp = _mean(pain[with_pain & ~is_exp])

    enough = logged_days >= MIN_LOGGED_DAYS and min(n_exp, n_unexp) >= MIN_GROUP_DAYS
    p_raw = ratio = ratio_ci = None
    if enough:
        # Strata by yesterday: a flare day, not a flare day, or not logged.
        prev_logged = _lagged(table.logged, 1, False)[window]
        prev_flare = _lagged(table.flare, 1, False)[window]
        strata = [prev_logged & prev_flare, prev_logged & ~prev_flare, ~prev_logged]
        tables = [_two_by_two(usable & stratum, is_exp, flare) for stratum in strata]
        p_raw = stratified_exact_test(tables, alternative=ALTERNATIVE, mid_p=MID_P)
        crude = _two_by_two(usable, is_exp, flare)
        # Every compared day a flare, or none: the odds ratio is 0/0, no estimate
        # (scipy gives NaN, which would read "nan times as high").
        if crude[:, 0].any() and crude[:, 1].any():
            # The exact conditional interval takes seconds on decades of days, where
            # the sample odds ratio's log interval is as good (large counts).
            exact = crude.sum() <= EXACT_CI_MAX_DAYS or (crude == 0).any()
            result = odds_ratio(crude, kind="conditional" if exact else "sample")
            ratio = float(result.statistic)
            low, high = result.confidence_interval(0.95)
            ratio_ci = (float(low), float(high))
    return Link(
        factor=item.code,
        lag_days=lag,
        verdict=NO_LINK if enough else NOT_ENOUGH_DATA,
        exposed_days=n_exp,
        unexposed_days=n_unexp,
        exposed_flares=k_exp,
        unexposed_flares=k_unexp,
        flare_rate_exposed=k_exp / n_exp if n_exp else None,
        flare_rate_unexposed=k_unexp / n_unexp if n_unexp else None,
        rate_ci_exposed=_wilson(k_exp, n_exp),
        rate_ci_unexposed=_wilson(k_unexp, n_unexp),
        mean_pain_exposed=mean_exp,
        mean_pain_unexposed=mean_unexp,
        odds_ratio=ratio,
        odds_ratio_ci=ratio_ci,
        p_value_raw=p_raw,
        p_value=None,
    )


def _two_by_two(use: np.ndarray, exposed: np.ndarray, flare: np.ndarray) -> np.ndarray:
    """[[exposed flare, exposed no flare], [unexposed flare, unexposed no flare]]."""
    return np.array(
        [
            [np.sum(use & exposed & flare), np.sum(use & exposed & ~flare)],
            [np.sum(use & ~exposed & flare), np.sum(use & ~exposed & ~flare)],
        ],
        dtype=np.int64,
    )


def stratified_exact_test(
    tables: Sequence[np.ndarray], *, alternative: str = "two-sided", mid_p: bool = False
) -> float:
    """Exact conditional test of no association in stratified 2 x 2 tables.

    With every stratum's margins fixed, the exposed flare count of a stratum is
    hypergeometric under no association; the p-value comes from the exact
    distribution of their sum (the convolution of the strata's hypergeometric
    pmfs), as in R's `mantelhaen.test(exact=TRUE)`. With one stratum this is
    Fisher's exact test. `mid_p` subtracts half the observed table's
    probability from the one-sided p-values.
    """
    strata = []
    for counts in tables:
        (a, b), (c, d) = (int(x) for x in counts[0]), (int(x) for x in counts[1])
        if a + b + c + d:
            strata.append((a, a + b + c + d, a + c, a + b))
    distribution = np.ones(1)
    lowest = observed = 0
    if strata:
        a, total, flares, exposed = (np.array(column) for column in zip(*strata, strict=True))
        for support_low, pmf in zip(*_hypergeom_pmfs(total, flares, exposed), strict=True):
            distribution = np.convolve(distribution, pmf)
            lowest += support_low
        observed = int(a.sum())
    at = observed - lowest
    half = 0.5 * distribution[at] if mid_p else 0.0
    if alternative == "greater":
        p = distribution[at:].sum() - half
    elif alternative == "less":
        p = distribution[: at + 1].sum() - half
    else:
        # Relative tolerance as in scipy's fisher_exact: equal-probability tables count.
        p = distribution[distribution <= distribution[at] * (1 + 1e-7)].sum()
    return float(min(1.0, p))


def _hypergeom_pmfs(
    total: np.ndarray, flares: np.ndarray, exposed: np.ndarray
) -> tuple[list[int], list[np.ndarray]]:
    """(lowest count, pmf over the support) of each stratum's hypergeometric law.

    scipy's `hypergeom.pmf` (Boost) costs about 10 us a point, most of the time
    of the insights of a 10-year diary (10,000 points). So it is asked only for
    each stratum's mode, and the rest of the support follows from the ratio of
    neighbouring terms, p(k + 1) / p(k) = (K - k)(N - k) / ((k + 1)(M - K - N + k + 1)),
    multiplied outwards from the mode. Every factor is at most 1, so nothing
    overflows, and terms near the mode, which carry the mass, are within a few
    rounding errors of scipy's (tests/analysis/test_links.py compares them).
    """
    bad = total - flares
    lows = np.maximum(0, exposed - bad)
    highs = np.minimum(flares, exposed)
    modes = np.clip((exposed + 1) * (flares + 1) // (total + 2), lows, highs)
    peaks = np.atleast_1d(hypergeom.pmf(modes, total, flares, exposed))
    pmfs = []
    for low, high, mode, peak, good, draws, others in zip(
        lows.tolist(), highs.tolist(), modes.tolist(), peaks, flares, exposed, bad, strict=True
    ):
        up = np.arange(mode, high, dtype=float)  # p(k + 1) / p(k) for k = mode .. high - 1
        above = (good - up) * (draws - up) / ((up + 1) * (others - draws + up + 1))
        down = np.arange(mode, low, -1, dtype=float)  # p(k - 1) / p(k) for k = mode .. low + 1
        below = down * (others - draws + down) / ((good - down + 1) * (draws - down + 1))
        pmfs.append(
            np.concatenate((peak * np.cumprod(below)[::-1], [peak], peak * np.cumprod(above)))
        )
    return lows.tolist(), pmfs


def find_links(
    days: Sequence[DayEntry],
    start: dt.date | None = None,
    end: dt.date | None = None,
    suspects: Sequence[Suspect] = (),
) -> list[Link]:
    """Every factor x lag comparison for outcome days in [start, end].

    Days before `start` may be passed: they inform the baseline and the
    exposure on the day before `start`, but are not counted as outcomes.
    """
    table = DayTable.build([d for d in days if end is None or d.date <= end])
    return table_links(table, start, suspects)


def table_links(
    table: DayTable, start: dt.date | None = None, suspects: Sequence[Suspect] = ()
) -> list[Link]:
    """`find_links` over a table of the days up to the end of the period.

    `suspects` are tested first, each on the days it covers, by the test plan
    (app.analysis.test_plan); every factor x lag is also in the exploratory
    family. A factor x lag is "linked" when either of its tests is rejected.
    """
    first = 0 if start is None else max(0, table.slot(start))
    window = slice(first, len(table.logged))
    logged_days = int(np.sum(table.logged[window]))
    links = [
        compare(table, item, lag, window, logged_days=logged_days)
        for item in table.factors
        for lag in LAGS
    ]
    by_code = {item.code: item for item in table.factors}
    declared = [s for s in suspects if s.factor in by_code and s.lag in LAGS]
    confirm = []
    for suspect in declared:
        covered = suspect_window(table, suspect, first)
        confirm.append(
            compare(
                table,
                by_code[suspect.factor],
                suspect.lag,
                covered,
                logged_days=int(np.sum(table.logged[covered])),
            )
        )
    return plan_verdicts(table, links, declared, confirm, window)


def suspect_window(table: DayTable, suspect: Suspect, first: int = 0) -> slice:
    """The calendar slots a suspect's confirmatory test counts: after `covers_from`."""
    if suspect.covers_from is None:
        return slice(first, len(table.logged))
    after = table.slot(suspect.covers_from) + 1
    return slice(max(first, after, 0), max(len(table.logged), after))


def plan_verdicts(
    table: DayTable,
    links: list[Link],
    declared: Sequence[Suspect],
    confirm: Sequence[Link],
    window: slice,
) -> list[Link]:
    """Verdicts, adjusted p-values and days to answer under the test plan.

    `links` are every factor x lag over the period's `window`, `confirm` the
    declared suspects' tests over the days each covers.
    """
    tested_s = [i for i, link in enumerate(confirm) if link.p_value_raw is not None]
    tested_e = [i for i, link in enumerate(links) if link.p_value_raw is not None]
    graph = plan_graph(len(tested_s), len(tested_e))
    raw = [confirm[i].p_value_raw for i in tested_s] + [links[i].p_value_raw for i in tested_e]
    adjusted = graphical_adjusted(raw, graph) if raw else np.zeros(0)  # type: ignore[arg-type]
    best: dict[int, float] = {}
    for i, p in zip(tested_e, adjusted[len(tested_s) :], strict=True):
        best[i] = float(p)
    index = {(link.factor, link.lag_days): i for i, link in enumerate(links)}
    own_linked: set[int] = set()
    for i, p in zip(tested_s, adjusted[: len(tested_s)], strict=True):
        j = index[declared[i].key]
        best[j] = min(best.get(j, 1.0), float(p))
        if p < ALPHA:
            own_linked.add(j)
    own_days = {
        index[s.key]: own.exposed_days + own.unexposed_days
        for s, own in zip(declared, confirm, strict=True)
    }
    # The level each would be tested at first, for "how long until we know":
    # a suspect's share, or an exploratory test's first Holm step (all factor x lag).
    suspect_alpha = (SUSPECT_SHARE if links else 1.0) * ALPHA / max(1, len(declared))
    explore_alpha = (1 - SUSPECT_SHARE if declared else 1.0) * ALPHA / max(1, len(links))
    out = []
    for j, link in enumerate(links):
        suspect = next((s for s in declared if s.key == (link.factor, link.lag_days)), None)
        p = best.get(j)
        verdict = link.verdict
        if p is not None:
            verdict = LINKED if p < ALPHA else NO_LINK
        days = None
        if verdict != LINKED:
            if suspect is not None:
                counted = suspect_window(table, suspect, window.start)
                level = suspect_alpha
            else:
                counted, level = window, explore_alpha
            days = days_to_answer(table, link.factor, link.lag_days, counted, level, window)
        out.append(
            replace(
                link,
                p_value=p,
                verdict=verdict,
                declared=suspect is not None,
                declared_since=suspect.declared_on if suspect else None,
                days_to_answer=days,
                own_test_days=own_days.get(j) if suspect is not None else None,
                own_test_linked=j in own_linked,
            )
        )
    return out


def days_to_answer(
    table: DayTable, code: str, lag: int, window: slice, alpha: float, period: slice
) -> int | None:
    """Further logged days until an odds ratio of 4 would show (app.analysis.power).

    Rates come from the `period`'s days; the days the test counts so far from
    `window` (a suspect's covered days, or the period).
    """
    column = _lagged(table.exposure[code], lag, np.nan)
    exposed = column[period]
    flare = table.flare[period]
    logged = table.logged[period]
    usable = logged & ~np.isnan(exposed)
    is_exp = exposed == 1
    prev_logged = _lagged(table.logged, 1, False)[period]
    prev_flare = _lagged(table.flare, 1, False)[period]
    strata = []
    for stratum in (prev_logged & prev_flare, prev_logged & ~prev_flare, ~prev_logged):
        days = usable & stratum
        unexposed = days & ~is_exp
        strata.append((int(np.sum(days)), int(np.sum(unexposed)), int(np.sum(unexposed & flare))))
    compared = int(np.sum(usable))
    counted = int(np.sum(table.logged[window] & ~np.isnan(column[window])))
    share = compared / int(np.sum(logged)) if np.any(logged) else 0.0
    return days_to_answer_from_counts(
        strata, int(np.sum(usable & is_exp)), compared, share, alpha, counted
    )


def adjust(links: list[Link]) -> list[Link]:
    """Holm-adjust the p-values of the tested links and give the final verdicts."""
    tested = [i for i, link in enumerate(links) if link.p_value_raw is not None]
    if not tested:
        return links
    adjusted = holm([links[i].p_value_raw for i in tested])  # type: ignore[misc]
    out = list(links)
    for i, p in zip(tested, adjusted, strict=True):
        verdict = LINKED if p < ALPHA else NO_LINK
        out[i] = replace(links[i], p_value=float(p), verdict=verdict)
    return out


def holm(p_values: Sequence[float]) -> np.ndarray:
    """Holm step-down adjusted p-values (controls the family-wise error rate).

    scipy offers only false-discovery-rate control; Holm is a sort and a
    running maximum, checked against worked examples in the tests.
    """
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    order = np.argsort(p)
    stepped = np.maximum.accumulate((m - np.arange(m)) * p[order])
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(stepped, 1.0)
    return adjusted


def _mean(values: np.ndarray) -> float | None:
    return float(np.mean(values)) if values.size else None


#: The normal quantile of a two-sided 95 % interval, as scipy computes it.
_Z95 = ndtri(0.5 + 0.5 * 0.95)


def _wilson(k: int, n: int) -> tuple[float, float] | None:
    """Wilson 95 % interval of k in n.

    The arithmetic of scipy's `binomtest(k, n).proportion_ci(method="wilson")`,
    step for step (the tests compare them); binomtest would also run a p-value
    search no one reads, a fifth of the time of the links.
    """
    if n == 0:
        return None
    p = k / n
    z = _Z95
    denom = 2 * (n + z**2)
    center = (2 * n * p + z**2) / denom
    q = 1 - p
    delta = z / denom * sqrt(4 * n * p * q + z**2)
    low = 0.0 if k == 0 else center - delta
    high = 1.0 if k == n else center + delta
    return (float(low), float(high))


__all__ = [
    "ALPHA",
    "LAGS",
    "LINKED",
    "MIN_GROUP_DAYS",
    "MIN_LOGGED_DAYS",
    "NOT_ENOUGH_DATA",
    "NO_LINK",
    "DayTable",
    "Link",
    "adjust",
    "find_links",
    "holm",
    "plan_verdicts",
    "suspect_window",
    "table_links",
]
