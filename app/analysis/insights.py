"""The one entry point: everything the Trends screen, the CLI and the report show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from app.analysis import sentences
from app.analysis.baseline import Baseline, baseline_of_scores
from app.analysis.by_activity import ActivityPain, activity_sentence, by_activity
from app.analysis.entry_columns import columns_from_entries, tallies_from_entries
from app.analysis.factors import factor_or_own
from app.analysis.flares import FlareEpisode, episodes_from_mask, flare_mask
from app.analysis.links import LINKED, NO_LINK, NOT_ENOUGH_DATA, DayTable, Link, table_links
from app.analysis.peg import Change, PegSummary, peg_summary_columns
from app.analysis.power import days_to_answer_sentence
from app.analysis.summary import PeriodSummary, summarise_columns
from app.analysis.test_plan import Suspect
from app.domain.columns import DayColumns, ListTallies
from app.domain.entry import DayEntry
from app.domain.vocab import RED_FLAG_WARNING

#: Calendar days before the period that the service passes in, so baselines at
#: the start of a period rest on the weeks before it (28 logged days, with gaps).
LOOKBACK_DAYS = 60


@dataclass(frozen=True)
class Finding:
    """One factor at one lag as a screen lists it."""

    #: A link's whole sentence (or why there is no verdict yet); for "no clear
    #: link" only its counts, since a screen lists those under that heading.
    text: str
    linked: bool
    #: "How sure is this?": odds ratio, interval, corrected p ('' when untested).
    details: str = ""
    #: The link's factor code (or own factor's name) and lag: what "I suspect this" declares.
    factor: str = ""
    lag: int = 1
    #: Declared a suspect by the person, and when (as `Link.declared_since`).
    declared: bool = False
    declared_since: dt.date | None = None
    #: A linked suspect's own test (days after its declaration) found it too.
    confirmed: bool = False


@dataclass(frozen=True)
class Insights:
    """Baseline, flare-ups, factor links, PEG and the period summary, with sentences."""

    start: dt.date | None
    end: dt.date | None
    days_logged: int
    baseline: Baseline
    flares: tuple[FlareEpisode, ...]
    links: tuple[Link, ...]
    peg: PegSummary
    summary: PeriodSummary | None
    sentences: tuple[str, ...]  # headline findings, most important first
    #: Mean pain of the period's check-ins per activity, in `vocab.DOING` order.
    by_activity: tuple[ActivityPain, ...] = ()
    #: Check-ins in the period (with or without an activity).
    checkins: int = 0

    @property
    def linked_factors(self) -> list[str]:
        """Factor codes with a 'linked' verdict at any lag, in the fixed factor order."""
        return list(dict.fromkeys(link.factor for link in self.links if link.verdict == LINKED))

    @property
    def answer_times(self) -> tuple[str, ...]:
        """'About 7 more weeks of logging would show whether ...' for each factor x lag
        not linked, suspects first (then in the fixed factor order)."""
        waiting = [link for link in self.links if link.verdict != LINKED]
        waiting.sort(key=lambda link: not link.declared)
        return tuple(
            days_to_answer_sentence(
                link.days_to_answer, factor_or_own(link.factor).label, link.lag_days
            )
            for link in waiting
        )

    @property
    def activity_text(self) -> str:
        """'Your check-ins while sitting averaged 5.8 (42 check-ins), ...' ('' without any)."""
        return activity_sentence(self.by_activity)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every factor x lag as a screen lists it, in the fixed factor order."""
        return tuple(
            Finding(
                sentences.link_counts(link) if link.verdict == NO_LINK else link.sentence,
                link.verdict == LINKED,
                sentences.link_details(link),
                link.factor,
                link.lag_days,
                link.declared,
                link.declared_since,
                link.own_test_linked,
            )
            for link in self.links
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings)."""
        summary = self.summary
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "days_logged": self.days_logged,
            "days_in_period": summary.days_in_period if summary else 0,
            "baseline": self.baseline.value,
            "baseline_days": self.baseline.days_used,
            "flares": [
                {"start": e.start.isoformat(), "end": e.end.isoformat(), "peak": e.peak}
                for e in self.flares
            ],
            "links": [_link_dict(link) for link in self.links],
            "linked_factors": self.linked_factors,
            "peg": {
                "weeks": [
                    {"week_start": w.week_start.isoformat(), "score": round(w.score, 2)}
                    for w in self.peg.weeks
                ],
                "change": _change_dict(self.peg.peg_change),
                "pain_change": _change_dict(self.peg.pain_change),
            },
            "summary": _summary_dict(summary) if summary else None,
            "sentences": list(self.sentences),
            # Only activities with check-ins, in vocab.DOING order; a check-in
            # without an activity counts in none of them.
            "by_activity": [
                {"doing": a.doing, "checkins": a.checkins, "mean_pain": round(a.mean_pain, 1)}
                for a in self.by_activity
            ],
        }


def insights(
    days: Sequence[DayEntry],
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    suspects: Sequence[Suspect] = (),
) -> Insights:
    """`insights_from_columns` for `DayEntry` objects (tests, simulations, imports).

    Days before `start` may be included: they inform the baseline and the
    previous-day exposure at the start of the period, and are not counted.
    """
    in_period = [
        d for d in days if (start is None or d.date >= start) and (end is None or d.date <= end)
    ]
    return insights_from_columns(
        columns_from_entries(days), tallies_from_entries(in_period), start, end, suspects=suspects
    )


def insights_from_columns(
    days: DayColumns,
    tallies: ListTallies,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    checkin_rows: Sequence[tuple[str | None, int, float]] = (),
    suspects: Sequence[Suspect] = (),
) -> Insights:
    """Everything about the days in [start, end] (default: first to last logged day).

    `days` are columns (oldest first), as the service reads them; days before
    `start` may be included: they inform the baseline and the previous-day
    exposure at the start of the period, and are not counted. `tallies` are
    those of the lists of the days in [start, end] (of all days up to `end`
    when `start` is None): the period's days, not the weeks before.
    `checkin_rows` are the period's check-ins as (doing, count, sum of pain)
    (`app.storage.column_reads.read_checkin_pain_by_doing`).
    `suspects` are the person's declared suspects (app.analysis.test_plan),
    tested first; factors they name that the diary does not have are ignored.
    tests/analysis/reference.py computes the same, slowly and plainly.
    """
    if start is not None and end is not None and end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    if end is not None:
        days = days.take(days.ordinal <= end.toordinal())
    ordinal = days.ordinal
    if start is None and len(days):
        start = dt.date.fromordinal(int(ordinal[0]))
    if end is None and len(days):
        end = dt.date.fromordinal(int(ordinal[-1]))
    # A period open on one side with no days in it is the one given day; a start
    # after the last logged day is a period from start to start.
    if start is None and end is not None:
        start = end
    if end is None or (start is not None and end < start):
        end = start
    in_period = (
        ordinal >= start.toordinal() if start is not None else np.zeros(len(days), dtype=bool)
    )

    pain = days.pain
    baseline = baseline_of_scores(pain[~np.isnan(pain)], end)
    _, flare = flare_mask(pain, days.flare)
    episodes = [
        FlareEpisode(
            start=max(dt.date.fromordinal(first), start),
            end=dt.date.fromordinal(last),
            peak=None if np.isnan(peak) else int(peak),
        )
        for first, last, peak in episodes_from_mask(ordinal, flare, pain)
        if start is not None and last >= start.toordinal()
    ]
    links = [
        replace(link, sentence=sentences.link_sentence(link))
        for link in table_links(DayTable.from_columns(days), start, suspects)
    ]
    summary = None
    peg = PegSummary((), (), None, None)
    if start is not None and end is not None:
        period = days.take(in_period)
        flare_days = int(np.sum(flare[in_period]))
        summary = summarise_columns(
            period, tallies, start, end, flare_days=flare_days, episodes=episodes
        )
        peg = peg_summary_columns(period, start, end)

    days_logged = int(np.sum(in_period))
    headline = _headline(days_logged, baseline, episodes, links, peg, summary)
    return Insights(
        start=start,
        end=end,
        days_logged=days_logged,
        baseline=baseline,
        flares=tuple(episodes),
        links=tuple(links),
        peg=peg,
        summary=summary,
        sentences=tuple(headline),
        by_activity=by_activity(checkin_rows),
        checkins=int(sum(count for _, count, _ in checkin_rows)),
    )


def _headline(
    days_logged: int,
    baseline: Baseline,
    episodes: list[FlareEpisode],
    links: list[Link],
    peg: PegSummary,
    summary: PeriodSummary | None,
) -> list[str]:
    if not days_logged:
        return ["No days logged in this period yet."]
    out = []
    if summary is not None and summary.red_flag_days:
        # Red flags come first, before any pattern: they need a doctor, not a chart.
        out.append(
            f"You ticked red-flag symptoms on {sentences.days_word(len(summary.red_flag_days))} "
            f"(latest {summary.red_flag_days[-1]:%d %b %Y}). {RED_FLAG_WARNING}"
        )
    out.append(sentences.baseline_sentence(baseline))
    if summary is not None:
        out.append(sentences.flares_sentence(episodes, summary.flare_days))
    linked = [link for link in links if link.verdict == LINKED]
    out.extend(link.sentence for link in linked)
    if all(link.verdict == NOT_ENOUGH_DATA for link in links):
        out.append(
            "Not enough data yet to say what goes with your flare-ups: keep logging "
            "sitting, activity, posture, exertion, sleep and stress for at least three weeks."
        )
    elif not linked:
        out.append("None of the factors went with your flare-ups clearly enough to call it a link.")
    for change in (peg.pain_change, peg.peg_change):
        text = sentences.change_sentence(change)
        if text:
            out.append(text)
    out.append(sentences.ASSOCIATION_NOTE)
    return out


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _round(x: float | None, digits: int = 3) -> float | None:
    return None if x is None else round(x, digits)


def _score(value: float | int | None) -> float | int | None:
    # Entered scores stay whole; a check-in mean has one decimal, as displays show it.
    return round(value, 1) if isinstance(value, float) else value


def _link_dict(link: Link) -> dict[str, Any]:
    def pair(ci: tuple[float, float] | None) -> list[float] | None:
        # JSON has no infinity: an unbounded interval end is written as null.
        if ci is None:
            return None
        return [None if v == float("inf") else round(v, 3) for v in ci]  # type: ignore[misc]

    return {
        "factor": link.factor,
        "lag_days": link.lag_days,
        "verdict": link.verdict,
        "exposed_days": link.exposed_days,
        "unexposed_days": link.unexposed_days,
        "exposed_flares": link.exposed_flares,
        "unexposed_flares": link.unexposed_flares,
        "flare_rate_exposed": _round(link.flare_rate_exposed),
        "flare_rate_unexposed": _round(link.flare_rate_unexposed),
        "flare_rate_exposed_ci": pair(link.rate_ci_exposed),
        "flare_rate_unexposed_ci": pair(link.rate_ci_unexposed),
        "mean_pain_exposed": _round(link.mean_pain_exposed, 2),
        "mean_pain_unexposed": _round(link.mean_pain_unexposed, 2),
        "odds_ratio": None
        if link.odds_ratio is None or link.odds_ratio == float("inf")
        else round(link.odds_ratio, 3),
        "odds_ratio_ci": pair(link.odds_ratio_ci),
        "p_value": _round(link.p_value, 4),
        "p_value_unadjusted": _round(link.p_value_raw, 4),
        "sentence": link.sentence,
        "details": sentences.link_details(link),
        "declared": link.declared,
        "declared_since": _iso(link.declared_since),
        "days_to_answer": link.days_to_answer,
        # A suspect's own test, on the days after its declaration (null: not a suspect).
        "own_test_days": link.own_test_days,
        "own_test_linked": link.own_test_linked,
    }


def _change_dict(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "first_two_weeks": round(change.first, 2),
        "last_two_weeks": round(change.last, 2),
        "change": round(change.change, 2),
        "meaningful": change.meaningful,
        "direction": change.direction,
    }


def _summary_dict(summary: PeriodSummary) -> dict[str, Any]:
    return {
        "days_in_period": summary.days_in_period,
        "days_logged": summary.days_logged,
        "pain_mean": _round(summary.pain_mean, 2),
        "pain_least": _score(summary.pain_least),
        "pain_worst": _score(summary.pain_worst),
        "flare_days": summary.flare_days,
        "flare_episodes": len(summary.episodes),
        "episode_lengths": list(summary.episode_lengths),
        "locations": [{"location": c.code, "days": c.days} for c in summary.locations],
        "back_days": summary.back_days,
        "leg_days": summary.leg_days,
        "left_leg_days": summary.left_leg_days,
        "right_leg_days": summary.right_leg_days,
        "sciatic_days": summary.sciatic_days,
        "symptoms": [{"symptom": c.code, "days": c.days} for c in summary.symptoms],
        "treatments": [
            {"treatment": t.name, "days": t.days, "mean_relief": _round(t.mean_relief, 2)}
            for t in summary.treatments
        ],
        "exercises": [
            {"exercise": e.name, "days": e.days, "minutes": e.minutes} for e in summary.exercises
        ],
        "red_flag_days": [d.isoformat() for d in summary.red_flag_days],
    }
