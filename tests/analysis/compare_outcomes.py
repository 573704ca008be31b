"""Which outcome for suspects: flare-onset exact test or next-day pain (OLS, HAC)?

Run: PYTHONPATH=. .venv/bin/python -m tests.analysis.compare_outcomes (about 40 s).
Prints, per kind of diary, the share of 400 diaries with p below alpha for the
stratified exact test (app.analysis.links) and for an OLS of pain on the day
before's long sitting and the day before's pain with Newey-West errors. The
figures are in app/analysis/test_plan.py's docstring and docs/statistics.md.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm

from app.analysis.factors import factor
from app.analysis.links import DayTable, _lagged, compare
from tests.analysis.sim_columns import simulate_batch


def ols_hac(table: DayTable, code: str, lag: int) -> float:
    """One-sided p of exposure in pain_t ~ exposure_(t-lag) + pain_(t-1), Newey-West errors."""
    x = _lagged(table.exposure[code], lag, np.nan)
    y = table.pain
    y1 = _lagged(table.pain, 1, np.nan)
    ok = ~np.isnan(x) & ~np.isnan(y) & ~np.isnan(y1)
    design = np.column_stack([np.ones(ok.sum()), x[ok], y1[ok]])
    target = y[ok]
    n = len(target)
    inverse = np.linalg.inv(design.T @ design)
    beta = inverse @ design.T @ target
    resid = target - design @ beta
    lags = int(np.floor(4 * (n / 100) ** (2 / 9)))
    scores = design * resid[:, None]
    meat = scores.T @ scores
    for k in range(1, lags + 1):
        cross = scores[k:].T @ scores[:-k]
        meat += (1 - k / (lags + 1)) * (cross + cross.T)
    cov = inverse @ meat @ inverse
    return float(norm.sf(beta[1] / np.sqrt(cov[1, 1])))


def run(label: str, seed: int, **kw) -> None:
    """Print both tests' rejection rates at alpha .04 and .05."""
    exact, ols = [], []
    for days in simulate_batch(np.random.default_rng(seed), 400, **kw):
        table = DayTable.from_columns(days)
        whole = slice(0, len(table.logged))
        link = compare(table, factor("sitting"), 1, whole, logged_days=len(days))
        exact.append(1.0 if link.p_value_raw is None else link.p_value_raw)
        ols.append(ols_hac(table, "sitting", 1))
    for alpha in (0.04, 0.05):
        print(
            f"{label}, alpha {alpha}: exact {np.mean(np.array(exact) < alpha):.1%}, "
            f"OLS-HAC {np.mean(np.array(ols) < alpha):.1%}"
        )


if __name__ == "__main__":
    run("null plain 90", 1, logged_days=90)
    run("null blocky drift 90", 2, logged_days=90, blocky=True, drift=True)
    run("null blocky drift 180", 3, logged_days=180, blocky=True, drift=True)
    run("OR4 plain 90", 4, logged_days=90, effect=("sitting", 1, 4.0))
    run(
        "OR4 blocky drift 90",
        5,
        logged_days=90,
        effect=("sitting", 1, 4.0),
        blocky=True,
        drift=True,
    )
