"""Simulated diaries as columns, many at once: the simulations of issue 15.

Like tests/analysis/simulation.py (weekday desk work, drifting habits, flare-ups
as a Markov chain, ticks on 70 % of flare days, 7 % of days unlogged), plus
stress (0-10) and own yes/no factors, and two harder kinds of null diary:
`blocky` exposures that come in multi-week blocks (a busy month, a project,
winter) and pain that `drift`s slowly for weeks. Every diary of a batch is
simulated in the same numpy step, day by day, so 200 diaries cost about as
much as one.

A planted effect multiplies the odds of a flare day `lag` days after the
named factor's exposure (`effect=("sitting", 1, 4.0)`; own factors are named
"own1".."ownN"); Suri et al. 2018 found about 4 for long sitting.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from app.domain.columns import DayColumns, OwnFactorColumn

BASE_ONSET = 0.12
PERSIST = 0.55
LOGGED = 0.93
TICKED = 0.7
END = dt.date(2025, 12, 31)
#: Mean length in days of a block (regime) when exposures are blocky.
BLOCK_DAYS = 21


def _blocks(rng: np.random.Generator, n: int, t: int) -> np.ndarray:
    """0/1 regimes per diary and day that switch on average every BLOCK_DAYS days."""
    switch = rng.random((n, t)) < 1 / BLOCK_DAYS
    start = rng.random(n) < 0.5
    return (start[:, None] ^ (np.cumsum(switch, axis=1) % 2 == 1)).astype(float)


def _ar(rng: np.random.Generator, n: int, t: int, phi: float, sd: float) -> np.ndarray:
    out = np.zeros((n, t))
    noise = rng.normal(0, sd, (n, t))
    out[:, 0] = noise[:, 0] / np.sqrt(1 - phi**2)
    for i in range(1, t):
        out[:, i] = phi * out[:, i - 1] + noise[:, i]
    return out


def simulate_batch(
    rng: np.random.Generator,
    diaries: int,
    *,
    logged_days: int = 90,
    effect: tuple[str, int, float] | None = None,
    blocky: bool = False,
    drift: bool = False,
    own: int = 0,
    base_onset: float = BASE_ONSET,
    ticked: float = TICKED,
) -> list[DayColumns]:
    """`diaries` diaries of `logged_days` logged days each, ending on END."""
    n = diaries
    t = int(logged_days / LOGGED * 1.25) + 30
    weekday = (np.arange(t) % 7 < 5)[None, :]
    block = _blocks(rng, n, t) if blocky else np.zeros((n, t))
    sitting = np.clip(
        np.where(weekday, 400, 220)
        + _ar(rng, n, t, 0.7, 40)
        + rng.normal(0, 80, (n, t))
        + (150 * block - 75) * blocky,
        0,
        900,
    ).round()
    active = np.clip(50 + _ar(rng, n, t, 0.7, 12) + rng.normal(0, 25, (n, t)), 0, 300).round()
    poor = rng.random((n, t)) < np.where(sitting > 420, 0.35, 0.15)
    posture = np.where(poor, "poor", np.where(rng.random((n, t)) < 0.5, "fair", "good"))
    exertion = np.array(["none", "light", "moderate", "heavy"])[
        np.searchsorted(np.cumsum([0.3, 0.45, 0.18, 0.07]), rng.random((n, t))).clip(0, 3)
    ]
    sleep_drift = _ar(rng, n, t, 0.6, 0.35)
    sleep = np.clip(7.0 + sleep_drift + rng.normal(0, 0.8, (n, t)), 3, 11).round(2)
    quality = np.clip(np.round(6.5 + 1.5 * sleep_drift + rng.normal(0, 1.5, (n, t))), 0, 10)
    stress_block = _blocks(rng, n, t) if blocky else np.zeros((n, t))
    stress = np.clip(
        np.round(4 + _ar(rng, n, t, 0.8, 1.0) + 3 * stress_block + rng.normal(0, 1.2, (n, t))),
        0,
        10,
    )
    own_values = []
    for _ in range(own):
        if blocky:
            p = np.where(_blocks(rng, n, t) == 1, 0.7, 0.1)
        else:
            p = np.full((n, t), rng.uniform(0.15, 0.4))
        own_values.append((rng.random((n, t)) < p).astype(float))

    exposed = {
        "sitting": sitting > 360,
        "stress": stress >= 7,
        **{f"own{i + 1}": v == 1 for i, v in enumerate(own_values)},
    }
    factor, lag, ratio = effect if effect else ("sitting", 1, 1.0)
    cause = exposed[factor]
    level = 3.5 + (_ar(rng, n, t, 0.98, 0.12) if drift else _ar(rng, n, t, 0.85, 0.35))
    level += rng.normal(0, 0.5, n)[:, None]
    flare = np.zeros((n, t), dtype=bool)
    draws = rng.random((n, t))
    for i in range(t):
        chance = np.where(flare[:, i - 1], PERSIST, base_onset) if i else np.full(n, base_onset)
        odds = chance / (1 - chance)
        if i >= lag:
            odds = np.where(cause[:, i - lag], odds * ratio, odds)
        flare[:, i] = draws[:, i] < odds / (1 + odds)
    pain = np.clip(
        np.round(
            level
            + np.where(flare, 3.5 + rng.normal(0, 0.8, (n, t)), 0)
            + rng.normal(0, 0.7, (n, t))
        ),
        0,
        10,
    )
    ticks = flare & (rng.random((n, t)) < ticked)
    logged = rng.random((n, t)) < LOGGED

    out = []
    nan = np.full(t, np.nan)
    for d in range(n):
        days = np.flatnonzero(logged[d])[:logged_days]
        last = days[-1]
        ordinal = END.toordinal() - (last - days)
        out.append(
            DayColumns(
                ordinal=ordinal.astype(np.int64),
                pain=pain[d, days],
                worst_pain=nan[days],
                enjoyment_interference=nan[days],
                activity_interference=nan[days],
                sitting_minutes=sitting[d, days],
                active_minutes=np.minimum(active[d, days], 1440 - sitting[d, days]),
                exercise_minutes=nan[days],
                exertion=exertion[d, days].astype(object),
                posture=posture[d, days].astype(object),
                sleep_hours=sleep[d, days],
                sleep_quality=quality[d, days],
                flare=ticks[d, days],
                red_flag=np.zeros(len(days), dtype=bool),
                stress=stress[d, days],
                own=tuple(
                    OwnFactorColumn(f"own{i + 1}", "yesno", None, v[d, days])
                    for i, v in enumerate(own_values)
                ),
            )
        )
    return out
