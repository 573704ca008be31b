"""How long until we know: days of logging until a link as strong as the published one shows.

For a factor at a lag, the days compared so far give its exposure rate and
the diary's flare rate on unexposed days, separately for days after a flare
day, after an ordinary day and after an unlogged day (the strata of the exact
test in app.analysis.links). If the factor raised the odds of a flare day
4-fold (TARGET_ODDS_RATIO; Suri et al. 2018's next-day figure for long
sitting), the log odds ratio pooled over the strata (Woolf's inverse-variance
estimate) would have per compared day the information

    I = sum over strata s of  q_s / (1 / (e p1_s (1 - p1_s)) + 1 / ((1 - e) p0_s (1 - p0_s)))

(q_s the stratum's share of days, e the exposure rate, p0_s the unexposed flare
rate, p1_s the same with its odds times 4), and a one-sided test at level
alpha finds it with probability POWER after

    N = ((z_(1 - alpha) + z_POWER) / log 4)^2 / I

compared days. The days still to log are N minus the days compared so far,
divided by the share of logged days that can be compared (a day without the
factor recorded, or after an unlogged day for lag 1, cannot). Rates get half a
flare added to each count (so no rate is 0 or 1). With fewer than
MIN_EXPOSED_DAYS exposed or unexposed days, or no flare on an unexposed day,
there is no estimate. The rates come from the period's days; for a suspect,
only the days it covers count towards N (its rates still come from all days:
a suspect declared today has none of its own yet).
tests/analysis/test_power.py works one 2 x 2 example by hand;
tests/analysis/test_simulation_plan.py checks that about 80 % of diaries told
"N more days" show the link by then.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import ceil, log

from scipy.special import ndtri

#: The effect to be able to find: flare odds 4-fold (Suri et al. 2018).
TARGET_ODDS_RATIO = 4.0
#: The chance of finding it.
POWER = 0.80
#: Fewer exposed (or unexposed) compared days than this: no estimate.
MIN_EXPOSED_DAYS = 5
#: Estimates beyond this many days (about 10 years) are reported as this.
MAX_DAYS = 3650


def information_per_day(
    strata: Sequence[tuple[float, float]], exposure_rate: float, odds_ratio: float
) -> float:
    """Fisher information about the log odds ratio per compared day.

    `strata` are (share of days, unexposed flare rate) pairs.
    """
    e = exposure_rate
    total = 0.0
    for share, p0 in strata:
        odds = p0 / (1 - p0) * odds_ratio
        p1 = odds / (1 + odds)
        total += share / (1 / (e * p1 * (1 - p1)) + 1 / ((1 - e) * p0 * (1 - p0)))
    return total


def required_days(
    strata: Sequence[tuple[float, float]],
    exposure_rate: float,
    alpha: float,
    *,
    odds_ratio: float = TARGET_ODDS_RATIO,
    power: float = POWER,
) -> float:
    """Compared days for a one-sided test at `alpha` to find `odds_ratio` with `power`."""
    z = ndtri(1 - alpha) + ndtri(power)
    return (z / log(odds_ratio)) ** 2 / information_per_day(strata, exposure_rate, odds_ratio)


def days_to_answer_from_counts(
    strata: Sequence[tuple[int, int, int]],
    exposed_days: int,
    compared_days: int,
    comparable_share: float,
    alpha: float,
    counted_days: int | None = None,
) -> int | None:
    """Further logged days until an odds ratio of 4 would show with 80 % probability.

    `strata`: per stratum (compared days, unexposed days, unexposed flare days);
    `comparable_share`: compared days per logged day; `counted_days`: of the
    compared days, those the test counts (a suspect's: only days after its
    declaration; default all). None: cannot be estimated.
    """
    unexposed = compared_days - exposed_days
    flares = sum(k for _, _, k in strata)
    if (
        min(exposed_days, unexposed) < MIN_EXPOSED_DAYS
        or flares == 0
        or compared_days == 0
        or comparable_share <= 0
    ):
        return None
    rates = [
        (days / compared_days, (k + 0.5) / (n + 1))
        for days, n, k in strata
        if days  # an empty stratum carries no days
    ]
    needed = required_days(rates, exposed_days / compared_days, alpha)
    counted = compared_days if counted_days is None else counted_days
    more = max(0.0, needed - counted) / comparable_share
    return min(MAX_DAYS, ceil(more))


def duration_words(days: int) -> str:
    """'3 more days', '7 more weeks', '5 more months', '2 more years' (rounded)."""
    if days < 14:
        return f"{days} more day" + ("" if days == 1 else "s")
    if days < 9 * 7:
        return f"{round(days / 7)} more weeks"
    if days < 24 * 30.44:
        return f"{round(days / 30.44)} more months"
    years = round(days / 365.25)
    return f"{years} more years"


def days_to_answer_sentence(days: int | None, label: str, lag: int) -> str:
    """'About 7 more weeks of logging would show whether long sitting goes with ...'."""
    what = label[:1].lower() + label[1:]
    when = "the same day" if lag == 0 else "the next day"
    if days is None:
        return f"Not enough days with {what} yet to say how long until we know ({when})."
    if days == 0:
        return (
            f"You have logged enough days to see a strong link between {what} and "
            f"flare-ups {when}; none showed so far."
        )
    if days >= MAX_DAYS:
        return (
            f"At this rate it would take many years to know whether {what} goes with "
            f"your flare-ups {when}."
        )
    return (
        f"About {duration_words(days)} of logging would show whether {what} goes with "
        f"your flare-ups {when}."
    )


__all__ = [
    "MAX_DAYS",
    "MIN_EXPOSED_DAYS",
    "POWER",
    "TARGET_ODDS_RATIO",
    "days_to_answer_from_counts",
    "days_to_answer_sentence",
    "duration_words",
    "information_per_day",
    "required_days",
]
