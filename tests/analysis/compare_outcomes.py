import sys, numpy as np
from scipy.stats import norm
from app.analysis.factors import factor
from app.analysis.links import DayTable, compare, _lagged
from tests.analysis.sim_columns import simulate_batch

def ols_hac(table, code, lag, L=None):
    x = _lagged(table.exposure[code], lag, np.nan)
    y = table.pain; y1 = _lagged(table.pain, 1, np.nan)
    ok = ~np.isnan(x) & ~np.isnan(y) & ~np.isnan(y1)
    X = np.column_stack([np.ones(ok.sum()), x[ok], y1[ok]]); Y = y[ok]
    n = len(Y)
    XtXi = np.linalg.inv(X.T @ X); b = XtXi @ X.T @ Y; e = Y - X @ b
    if L is None: L = int(np.floor(4 * (n / 100) ** (2 / 9)))
    u = X * e[:, None]; S = u.T @ u
    for l in range(1, L + 1):
        w = 1 - l / (L + 1); G = u[l:].T @ u[:-l]; S += w * (G + G.T)
    V = XtXi @ S @ XtXi
    return norm.sf(b[1] / np.sqrt(V[1, 1]))

def run(label, **kw):
    b = simulate_batch(np.random.default_rng(kw.pop('seed')), 400, **kw)
    pe, po = [], []
    for c in b:
        t = DayTable.from_columns(c)
        l = compare(t, factor("sitting"), 1, slice(0, len(t.logged)), logged_days=len(c))
        pe.append(l.p_value_raw if l.p_value_raw is not None else 1); po.append(ols_hac(t, "sitting", 1))
    pe, po = np.array(pe), np.array(po)
    for a in (0.04, 0.05):
        print(label, a, "exact", (pe < a).mean(), "ols-hac", (po < a).mean())

run("null plain", seed=1, logged_days=90)
run("null blocky drift", seed=2, logged_days=90, blocky=True, drift=True)
run("null blocky", seed=3, logged_days=180, blocky=True, drift=True)
run("OR4 plain 90", seed=4, logged_days=90, effect=("sitting",1,4.0))
run("OR4 blocky drift 90", seed=5, logged_days=90, effect=("sitting",1,4.0), blocky=True, drift=True)
