"""Plain-English sentences for every finding, each with the counts behind it.

The wording never claims a cause: a "link" is something that went together in
this person's diary more often than chance would easily explain.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.analysis.baseline import MIN_BASELINE_DAYS, Baseline
from app.analysis.factors import factor_or_own
from app.analysis.flares import FlareEpisode
from app.analysis.links import (
    LINKED,
    MIN_GROUP_DAYS,
    MIN_LOGGED_DAYS,
    NOT_ENOUGH_DATA,
    Link,
)
from app.analysis.peg import Change
from app.analysis.summary import PeriodSummary

ASSOCIATION_NOTE = "These are patterns in your own diary, not proof of what causes your pain."


def days_word(n: int) -> str:
    """'1 day' / '3 days'."""
    return f"{n} day" if n == 1 else f"{n} days"


def _p(p: float | None) -> str:
    if p is None:
        return ""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"


def link_counts(link: Link) -> str:
    """'On 15 of the 26 days after you sat more than 6 hours, you had a flare-up — against ...'.

    The counts alone, in everyday words, without the verdict: what a screen
    lists under a heading that already says "no clear link".
    """
    which = factor_or_own(link.factor).which_days(link.lag_days)
    of_the = (
        f"{link.exposed_flares} of the {link.exposed_days} {which}"
        if link.exposed_days != 1
        else f"{link.exposed_flares} of the 1 {which.replace('days', 'day', 1)}"
    )
    return (
        f"On {of_the}, you had a flare-up — against {link.unexposed_flares} of "
        f"{link.unexposed_days} other {'day' if link.unexposed_days == 1 else 'days'}."
    )


#: The verdicts in everyday words, after the counts.
LINKED_VERDICT = "That is unlikely to be chance."
NO_LINK_VERDICT = "A difference like this could easily be chance."


def link_sentence(link: Link) -> str:
    """What a patient reads: the counts, then the verdict, or why there is none yet.

    The odds ratio, its interval and the corrected p-value are in
    `link_details` ("How sure is this?"), not here.
    """
    item = factor_or_own(link.factor)
    if link.verdict == NOT_ENOUGH_DATA:
        when = "same day" if link.lag_days == 0 else "the day after"
        return (
            f"{item.label} ({when}): not enough data yet — {days_word(link.exposed_days)} "
            f"with it and {link.unexposed_days} without so far; at least {MIN_GROUP_DAYS} "
            f"of each, and {MIN_LOGGED_DAYS} logged days, are needed."
        )
    verdict = LINKED_VERDICT if link.verdict == LINKED else NO_LINK_VERDICT
    return f"{link_counts(link)} {verdict}"


def link_details(link: Link) -> str:
    """'How sure is this?': the odds ratio with its 95 % interval and the corrected p-value.

    Empty when there was too little data for a test.
    """
    if link.verdict == NOT_ENOUGH_DATA:
        return ""
    parts = []
    if link.odds_ratio is not None and link.odds_ratio_ci is not None:
        low, high = link.odds_ratio_ci
        if link.odds_ratio == float("inf"):
            # Every exposed day flared (or no other day did): no finite estimate.
            parts.append(
                f"Odds of a flare-up at least {_number(low)} times as high (95 % interval)"
            )
        elif high == float("inf"):
            parts.append(
                f"Odds of a flare-up {_number(link.odds_ratio)} times as high "
                f"(95 % interval from {_number(low)}, no upper limit)"
            )
        else:
            parts.append(
                f"Odds of a flare-up {_number(link.odds_ratio)} times as high "
                f"(95 % interval {_number(low)} to {_number(high)})"
            )
    if link.p_value is not None:
        raw = f"; {_p(link.p_value_raw)} before" if link.p_value_raw is not None else ""
        parts.append(f"{_p(link.p_value)} after allowing for the number of comparisons{raw}")
    if not parts:
        return ""
    return "; ".join(parts) + ". An association in your diary, not proof of a cause."


def _number(x: float) -> str:
    return f"{x:.1f}" if x < 10 else f"{x:.0f}"


def baseline_sentence(baseline: Baseline) -> str:
    """What the person's baseline is, or why there is none yet."""
    if baseline.value is None:
        return (
            f"No baseline yet: it needs {MIN_BASELINE_DAYS} days with a pain score "
            f"(you have {baseline.days_used}). Until then only days you mark as flares count."
        )
    return (
        f"Your baseline pain is {baseline.value:g}/10: the middle value of your last "
        f"{days_word(baseline.days_used)} with a pain score. A day 2 points above it counts "
        "as a flare."
    )


def flares_sentence(episodes: Sequence[FlareEpisode], flare_days: int) -> str:
    """Number of flare-ups, how long they lasted, how bad they got."""
    if not episodes:
        return "No flare-ups in this period."
    lengths = [e.length for e in episodes]
    peaks = [e.peak for e in episodes if e.peak is not None]
    count = "1 flare-up" if len(episodes) == 1 else f"{len(episodes)} flare-ups"
    if min(lengths) == max(lengths):
        span = (
            f"lasting {days_word(lengths[0])}"
            if len(episodes) == 1
            else (f"each lasting {days_word(lengths[0])}")
        )
    else:
        mean = sum(lengths) / len(lengths)
        span = f"lasting {min(lengths)} to {days_word(max(lengths))} ({mean:.1f} on average)"
    worst = f"; the worst reached {max(peaks)}/10" if peaks else ""
    return f"{count} in this period ({days_word(flare_days)} in all), {span}{worst}."


def change_sentence(change: Change | None) -> str | None:
    """First against last two weeks, judged against the minimal important change."""
    if change is None:
        return None
    name = "Average pain" if change.measure == "pain" else "PEG score (pain, enjoyment, activity)"
    moved = abs(change.change)
    how = {
        "better": f"{moved:.1f} points lower — a meaningful improvement",
        "worse": f"{moved:.1f} points higher — a meaningful worsening",
        "unchanged": f"a change of {moved:.1f} points, less than the {change.threshold} "
        "that counts as meaningful",
    }[change.direction]
    return (
        f"{name}: {change.first:.1f} in the first two weeks, {change.last:.1f} in the last "
        f"two ({how})."
    )


def summary_sentences(summary: PeriodSummary) -> list[str]:
    """Logging, pain range, where it hurt, symptoms, treatments and exercises."""
    out = [f"You logged {summary.days_logged} of {days_word(summary.days_in_period)}."]
    if summary.pain_mean is not None:
        out.append(
            f"Average daily pain {summary.pain_mean:.1f}/10 "
            f"(least {score_text(summary.pain_least)}, worst {score_text(summary.pain_worst)})."
        )
    if summary.back_days or summary.leg_days:
        sides = []
        if summary.left_leg_days:
            sides.append(f"left {summary.left_leg_days}")
        if summary.right_leg_days:
            sides.append(f"right {summary.right_leg_days}")
        side_text = f" ({', '.join(sides)})" if sides else ""
        out.append(
            f"Pain was in the back on {days_word(summary.back_days)} and in a leg on "
            f"{days_word(summary.leg_days)}{side_text}."
        )
    for side, n in summary.sciatic_days.items():
        out.append(
            f"On {days_word(n)} it ran down the {side} leg from buttock or thigh to calf or "
            "foot (the sciatic pattern)."
        )
    if summary.symptoms:
        top = ", ".join(f"{c.label.lower()} ({c.days})" for c in summary.symptoms[:3])
        out.append(f"Most frequent kinds of pain: {top}.")
    if summary.treatments:
        parts = []
        for t in summary.treatments[:4]:
            relief = f", relief {t.mean_relief:.1f}/10" if t.mean_relief is not None else ""
            parts.append(f"{t.label.lower()} on {days_word(t.days)}{relief}")
        out.append(f"Treatments: {'; '.join(parts)}.")
    if summary.exercises:
        parts = [f"{e.label.lower()} ({e.days})" for e in summary.exercises[:4]]
        out.append(f"Exercises, days done: {', '.join(parts)}.")
    return out


def score_text(value: float | int | None) -> str:
    """'4' for an entered score, '4.7' for a mean of check-ins, '' for none."""
    if value is None:
        return ""
    return f"{value:.1f}" if isinstance(value, float) else str(value)
