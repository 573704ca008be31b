"""A deliberately plain, slow second implementation of the analysis, to check app.analysis.

Written from the rules as the README and the module docstrings state them, one
day at a time, with Python lists and loops: no numpy, no columns, no vectorised
tricks. Only the exact distributions come from scipy (the hypergeometric pmf
at every point, the conditional odds ratio, the Wilson interval), as a
statistician would call them. tests/analysis/test_reference.py holds the
production analysis to this on the demo diary and on hypothesis diaries.

`reference_insights(days, start, end)` returns plain dicts and lists (floats
unrounded), keyed as `Insights.to_dict()` is.
"""

from __future__ import annotations

import datetime as dt
import math
from statistics import NormalDist, median

from scipy.stats import binomtest, hypergeom
from scipy.stats.contingency import odds_ratio

from app.domain import vocab
from app.domain.entry import DayEntry

BASELINE_WINDOW = 28
MIN_BASELINE_DAYS = 7
FLARE_RISE = 2
MIN_LOGGED_DAYS = 21
MIN_GROUP_DAYS = 5
ALPHA = 0.05
EXACT_CI_MAX_DAYS = 1000
COMPARE_DAYS = 14
MIN_COMPARE_DAYS = 3
FACTOR_ORDER = ("sitting", "inactivity", "posture", "overexertion", "sleep", "stress")
LAGS = (0, 1)


# -- the factor rules, one day at a time ---------------------------------------------------


def exposed(code: str, day: DayEntry) -> bool | None:
    """Whether `day` had the factor `code` (None: not recorded)."""
    if code == "sitting":
        return None if day.sitting_minutes is None else day.sitting_minutes > 360
    if code == "inactivity":
        recorded = [ex.minutes for ex in day.exercises if ex.minutes is not None]
        if day.active_minutes is None and not recorded:
            return None
        moved = max(day.active_minutes or 0, sum(recorded))
        return moved < 30
    if code == "posture":
        return None if day.posture is None else day.posture == "poor"
    if code == "overexertion":
        return None if day.exertion is None else day.exertion in ("moderate", "heavy")
    if code == "sleep":
        if day.sleep_hours is None and day.sleep_quality is None:
            return None
        short = day.sleep_hours is not None and day.sleep_hours < 6
        bad = day.sleep_quality is not None and day.sleep_quality <= 3
        return short or bad
    if code == "stress":
        stress = getattr(day, "stress", None)
        return None if stress is None else stress >= 7
    raise KeyError(code)


# -- baseline and flares ----------------------------------------------------------------------


def baseline_before(scores: list[int]) -> float | None:
    """Median of the last 28 scores given, when there are at least 7."""
    recent = scores[-BASELINE_WINDOW:]
    return float(median(recent)) if len(recent) >= MIN_BASELINE_DAYS else None


def flare_days(ordered: list[DayEntry]) -> dict[dt.date, bool]:
    """Each day's flare status: ticked, or pain 2 above the baseline of the days before."""
    out = {}
    scores: list[int] = []
    for day in ordered:
        risen = False
        if day.pain is not None:
            base = baseline_before(scores)
            risen = base is not None and day.pain >= base + FLARE_RISE
            scores.append(day.pain)
        out[day.date] = day.flare or risen
    return out


def episodes(ordered: list[DayEntry], flares: dict[dt.date, bool]) -> list[dict]:
    """Runs of flare days on consecutive calendar days, with the highest pain in each."""
    runs: list[dict] = []
    for day in ordered:
        if not flares[day.date]:
            continue
        last = runs[-1] if runs else None
        if last is not None and day.date - last["end"] == dt.timedelta(days=1):
            last["end"] = day.date
        else:
            last = {"start": day.date, "end": day.date, "peak": None}
            runs.append(last)
        if day.pain is not None and (last["peak"] is None or day.pain > last["peak"]):
            last["peak"] = day.pain
    return runs


# -- links ------------------------------------------------------------------------------------


def exact_p(strata: list[tuple[int, int, int, int]]) -> float:
    """One-sided ("more flares after exposure") mid-p of the stratified exact test.

    Each stratum is (a, b, c, d) = (exposed flare, exposed no flare, unexposed
    flare, unexposed no flare); the sum of the strata's exposed flare counts is
    compared with its exact distribution, the convolution of their pmfs.
    """
    distribution = [1.0]
    lowest = observed = 0
    for a, b, c, d in strata:
        total, flares, exposed_days = a + b + c + d, a + c, a + b
        if total == 0:
            continue
        low, high = max(0, exposed_days - (b + d)), min(flares, exposed_days)
        pmf = [float(hypergeom.pmf(k, total, flares, exposed_days)) for k in range(low, high + 1)]
        combined = [0.0] * (len(distribution) + len(pmf) - 1)
        for i, p in enumerate(distribution):
            for j, q in enumerate(pmf):
                combined[i + j] += p * q
        distribution = combined
        lowest += low
        observed += a
    at = observed - lowest
    return min(1.0, sum(distribution[at:]) - 0.5 * distribution[at])


def holm(p_values: list[float]) -> list[float]:
    """Holm's step-down adjustment."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, (m - rank) * p_values[i])
        adjusted[i] = min(running, 1.0)
    return adjusted


def wilson(k: int, n: int) -> list[float] | None:
    if n == 0:
        return None
    ci = binomtest(k, n).proportion_ci(0.95, method="wilson")
    return [float(ci.low), float(ci.high)]


def links(
    ordered: list[DayEntry], flares: dict[dt.date, bool], start: dt.date | None
) -> list[dict]:
    """Every factor x lag comparison for the outcome days from `start` on."""
    by_date = {d.date: d for d in ordered}
    outcome_days = [d for d in ordered if start is None or d.date >= start]
    out = []
    for code in FACTOR_ORDER:
        for lag in LAGS:
            rows = []  # (exposed, flare, pain, yesterday) per usable outcome day
            for day in outcome_days:
                source = by_date.get(day.date - dt.timedelta(days=lag))
                was = None if source is None else exposed(code, source)
                if was is None:
                    continue
                before = by_date.get(day.date - dt.timedelta(days=1))
                yesterday = "unlogged" if before is None else flares[before.date]
                rows.append((was, flares[day.date], day.pain, yesterday))
            n_exp = sum(1 for r in rows if r[0])
            n_unexp = len(rows) - n_exp
            k_exp = sum(1 for r in rows if r[0] and r[1])
            k_unexp = sum(1 for r in rows if not r[0] and r[1])
            pain_exp = [r[2] for r in rows if r[0] and r[2] is not None]
            pain_unexp = [r[2] for r in rows if not r[0] and r[2] is not None]
            link = {
                "factor": code,
                "lag_days": lag,
                "verdict": "not-enough-data",
                "exposed_days": n_exp,
                "unexposed_days": n_unexp,
                "exposed_flares": k_exp,
                "unexposed_flares": k_unexp,
                "flare_rate_exposed": k_exp / n_exp if n_exp else None,
                "flare_rate_unexposed": k_unexp / n_unexp if n_unexp else None,
                "flare_rate_exposed_ci": wilson(k_exp, n_exp),
                "flare_rate_unexposed_ci": wilson(k_unexp, n_unexp),
                "mean_pain_exposed": sum(pain_exp) / len(pain_exp) if pain_exp else None,
                "mean_pain_unexposed": sum(pain_unexp) / len(pain_unexp) if pain_unexp else None,
                "odds_ratio": None,
                "odds_ratio_ci": None,
                "p_value": None,
                "p_value_unadjusted": None,
                "_rows": rows,
            }
            if len(outcome_days) >= MIN_LOGGED_DAYS and min(n_exp, n_unexp) >= MIN_GROUP_DAYS:
                strata = []
                for group in (True, False, "unlogged"):
                    cell = [r for r in rows if r[3] == group]
                    strata.append(
                        (
                            sum(1 for r in cell if r[0] and r[1]),
                            sum(1 for r in cell if r[0] and not r[1]),
                            sum(1 for r in cell if not r[0] and r[1]),
                            sum(1 for r in cell if not r[0] and not r[1]),
                        )
                    )
                link.update(verdict="no-link", p_value_unadjusted=exact_p(strata))
                flared = k_exp + k_unexp
                # No odds ratio when no compared day flared or every one did (0/0).
                if 0 < flared < n_exp + n_unexp:
                    crude = [[k_exp, n_exp - k_exp], [k_unexp, n_unexp - k_unexp]]
                    zero = 0 in crude[0] or 0 in crude[1]
                    kind = "conditional" if len(rows) <= EXACT_CI_MAX_DAYS or zero else "sample"
                    result = odds_ratio(crude, kind=kind)
                    ci = result.confidence_interval(0.95)
                    link.update(
                        odds_ratio=float(result.statistic),
                        odds_ratio_ci=[float(ci.low), float(ci.high)],
                    )
            out.append(link)
    tested = [link for link in out if link["p_value_unadjusted"] is not None]
    for link, p in zip(tested, holm([x["p_value_unadjusted"] for x in tested]), strict=True):
        link["p_value"] = p
        link["verdict"] = "linked" if p < ALPHA else "no-link"
    for link in out:
        link["declared"] = False
        link["declared_since"] = None
        link["own_test_days"] = None  # no suspects here: no suspect's own test
        link["own_test_linked"] = False
        if link["verdict"] == "linked":
            link["days_to_answer"] = None
        else:
            link["days_to_answer"] = days_to_answer(
                link.pop("_rows"), len(outcome_days), ALPHA / len(out)
            )
        link.pop("_rows", None)
    return out


def days_to_answer(rows: list[tuple], logged: int, alpha: float) -> int | None:
    """Further logged days until odds ratio 4 shows with 80 % probability (plainly)."""
    n_exp = sum(1 for r in rows if r[0])
    if min(n_exp, len(rows) - n_exp) < 5 or not any(r[1] for r in rows if not r[0]):
        return None
    e = n_exp / len(rows)
    information = 0.0
    for group in (True, False, "unlogged"):
        cell = [r for r in rows if r[3] == group]
        if not cell:
            continue
        unexposed = [r for r in cell if not r[0]]
        p0 = (sum(1 for r in unexposed if r[1]) + 0.5) / (len(unexposed) + 1)
        p1 = 4 * p0 / (1 - p0) / (1 + 4 * p0 / (1 - p0))
        information += (
            len(cell) / len(rows) / (1 / (e * p1 * (1 - p1)) + 1 / ((1 - e) * p0 * (1 - p0)))
        )
    z = NormalDist().inv_cdf(1 - alpha) + NormalDist().inv_cdf(0.8)
    needed = (z / math.log(4)) ** 2 / information
    return min(3650, math.ceil(max(0.0, needed - len(rows)) * logged / len(rows)))


# -- PEG and the period summary -----------------------------------------------------------


def change(values: dict[dt.date, float], start: dt.date, end: dt.date, measure: str):
    """First against last two weeks of [start, end], or None."""
    if (end - start).days + 1 < 2 * COMPARE_DAYS:
        return None
    early_end = start + dt.timedelta(days=COMPARE_DAYS - 1)
    late_start = end - dt.timedelta(days=COMPARE_DAYS - 1)
    early = [v for d, v in sorted(values.items()) if start <= d <= early_end]
    late = [v for d, v in sorted(values.items()) if late_start <= d <= end]
    if len(early) < MIN_COMPARE_DAYS or len(late) < MIN_COMPARE_DAYS:
        return None
    first, last = sum(early) / len(early), sum(late) / len(late)
    moved = abs(last - first)
    if measure == "peg":
        meaningful = moved >= 1.0
    else:
        meaningful = moved >= 2.0 or (first > 0 and moved / first >= 0.30)
    direction = "unchanged" if not meaningful else ("better" if last < first else "worse")
    return {
        "first_two_weeks": first,
        "last_two_weeks": last,
        "change": last - first,
        "meaningful": meaningful,
        "direction": direction,
    }


def peg(in_period: list[DayEntry], start: dt.date, end: dt.date) -> dict:
    scores = {}
    for day in in_period:
        items = (day.pain, day.enjoyment_interference, day.activity_interference)
        if None not in items:
            scores[day.date] = sum(items) / 3
    weeks: dict[dt.date, list[float]] = {}
    for date, score in sorted(scores.items()):
        weeks.setdefault(date - dt.timedelta(days=date.weekday()), []).append(score)
    pain = {d.date: float(d.pain) for d in in_period if d.pain is not None}
    return {
        "weeks": [
            {"week_start": monday.isoformat(), "score": sum(s) / len(s)}
            for monday, s in sorted(weeks.items())
        ],
        "change": change(scores, start, end, "peg"),
        "pain_change": change(pain, start, end, "pain"),
    }


def _most_common(counts: dict) -> list:
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))


def summary(in_period: list[DayEntry], start: dt.date, end: dt.date, flares, runs) -> dict:
    pains = [d.pain for d in in_period if d.pain is not None]
    worst = [d.worst_pain if d.worst_pain is not None else d.pain for d in in_period]
    worst = [w for w in worst if w is not None]
    sitting = [d.sitting_minutes for d in in_period if d.sitting_minutes is not None]
    locations: dict[tuple[str, str | None], int] = {}
    symptoms: dict[str, int] = {}
    treatments: dict[str, list[int | None]] = {}
    exercises: dict[str, list[int]] = {}
    back = leg = left = right = 0
    sciatic = {"left": 0, "right": 0}
    for day in in_period:
        pairs = {(loc.region, loc.side) for loc in day.locations}
        for pair in pairs:
            locations[pair] = locations.get(pair, 0) + 1
        for symptom in set(day.symptoms):
            symptoms[symptom] = symptoms.get(symptom, 0) + 1
        back += any(region in vocab.BACK_REGIONS for region, _ in pairs)
        legs = [(region, side) for region, side in pairs if region in vocab.LEG_REGIONS]
        leg += bool(legs)
        left += any(side in ("left", "both") for _, side in legs)
        right += any(side in ("right", "both") for _, side in legs)
        for leg_side in ("left", "right"):
            on_side = {region for region, side in pairs if side in (leg_side, "both")}
            upper = on_side & {"buttock", "thigh_back"}
            lower = on_side & {"calf", "foot"}
            if upper and lower:
                sciatic[leg_side] += 1
        last_relief = {}
        for treatment in day.treatments:
            last_relief[treatment.name] = treatment.relief  # the last one given counts
        for name, relief in last_relief.items():
            treatments.setdefault(name, []).append(relief)
        minutes: dict[str, int] = {}
        for exercise in day.exercises:
            minutes[exercise.name] = minutes.get(exercise.name, 0) + (exercise.minutes or 0)
        for name, total in minutes.items():
            exercises.setdefault(name, []).append(total)

    def mean_relief(reliefs):
        rated = [r for r in reliefs if r is not None]
        return sum(rated) / len(rated) if rated else None

    treatment_rows = sorted(
        treatments.items(), key=lambda item: (-len(item[1]), vocab.label(vocab.TREATMENTS, item[0]))
    )
    exercise_rows = sorted(
        exercises.items(), key=lambda item: (-len(item[1]), vocab.label(vocab.EXERCISES, item[0]))
    )
    return {
        "days_in_period": (end - start).days + 1,
        "days_logged": len(in_period),
        "pain_mean": sum(pains) / len(pains) if pains else None,
        "pain_least": min(pains) if pains else None,
        "pain_worst": max(worst) if worst else None,
        "sitting_mean": sum(sitting) / len(sitting) if sitting else None,
        "flare_days": sum(1 for d in in_period if flares[d.date]),
        "flare_episodes": len(runs),
        "episode_lengths": [(r["end"] - r["start"]).days + 1 for r in runs],
        "locations": [
            {"location": f"{region}:{side}" if side else region, "days": n}
            for (region, side), n in _most_common(locations)
        ],
        "back_days": back,
        "leg_days": leg,
        "left_leg_days": left,
        "right_leg_days": right,
        "sciatic_days": {side: n for side, n in sciatic.items() if n},
        "symptoms": [{"symptom": c, "days": n} for c, n in _most_common(symptoms)],
        "treatments": [
            {"treatment": name, "days": len(reliefs), "mean_relief": mean_relief(reliefs)}
            for name, reliefs in treatment_rows
        ],
        "exercises": [
            {"exercise": name, "days": len(m), "minutes": sum(m)} for name, m in exercise_rows
        ],
        "red_flag_days": [d.date.isoformat() for d in in_period if d.red_flags],
    }


# -- everything -------------------------------------------------------------------------------


def reference_insights(
    days: list[DayEntry], start: dt.date | None = None, end: dt.date | None = None
) -> dict:
    """Baseline, flares, links, PEG and summary of the days in [start, end], plainly."""
    if start is not None and end is not None and end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    ordered = sorted((d for d in days if end is None or d.date <= end), key=lambda d: d.date)
    if start is None and ordered:
        start = ordered[0].date
    if end is None and ordered:
        end = ordered[-1].date
    if start is None and end is not None:
        start = end
    if end is None or (start is not None and end < start):
        end = start
    in_period = [d for d in ordered if start is not None and d.date >= start]

    scores = [d.pain for d in ordered if d.pain is not None]
    recent = scores[-BASELINE_WINDOW:]
    flares = flare_days(ordered)
    runs = [
        {**run, "start": max(run["start"], start)}
        for run in episodes(ordered, flares)
        if start is not None and run["end"] >= start
    ]
    found = {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "days_logged": len(in_period),
        "baseline": baseline_before(scores),
        "baseline_days": len(recent),
        "flares": [
            {"start": r["start"].isoformat(), "end": r["end"].isoformat(), "peak": r["peak"]}
            for r in runs
        ],
        "links": links(ordered, flares, start),
        "peg": {"weeks": [], "change": None, "pain_change": None},
        "summary": None,
    }
    if start is not None and end is not None:
        found["peg"] = peg(in_period, start, end)
        found["summary"] = summary(in_period, start, end, flares, runs)
    return found
