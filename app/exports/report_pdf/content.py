"""What the report says: the analysis result and the days, worked out as data.

`build_content` is the one place that reads the analysis for the report:
every number, sentence, list and table cell is decided here, as plain text
and numbers in a `ReportContent`; the charts are Matplotlib Figures made from
the same days. Nothing here knows about pages, fonts or millimetres
(`drawing.py` lays the content out).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.domain import vocab
from app.domain.entry import DayEntry
from app.domain.own_factors import KIND_LABELS
from app.exports.report_pdf.fonts import printable

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from app.domain.checkin import CheckIn
    from app.domain.own_factors import OwnFactor, Suspect

#: Longest lists shown on page 1 (the rest are counted in a note).
MAX_LOCATIONS = 8
MAX_SYMPTOMS = 8
MAX_TREATMENTS = 6
MAX_EXERCISES = 6
CHART_WIDTH_IN = 7.1
#: Marks a pain score derived from the day's check-ins (DejaVu Sans has it, as any font).
DERIVED_MARK = "*"
DERIVED_FOOTNOTE = (
    f"{DERIVED_MARK} Mean of the day's check-ins (worst: the highest check-in); "
    "no daily score entered."
)

#: The day table's columns, in order (their widths are the layout's).
DAY_COLUMNS = (
    "Date",
    "Pain",
    "Worst",
    "PEG",
    "Where",
    "Kind of pain",
    "Sat",
    "Active",
    "Sleep",
    "Stress",
    "Your factors",
    "Flare",
    "Red flag",
)
#: An own factor's name in a day table cell is cut to this many characters.
CELL_NAME_CHARS = 16
#: Columns left out of the day table when no day of the period has a value in them.
OPTIONAL_COLUMNS = ("Stress", "Your factors")


@dataclass(frozen=True)
class KeyFigure:
    """One boxed number at the top of the pain section."""

    label: str
    value: str
    note: str = ""
    flagged: bool = False  # a meaningful change: shown highlighted


@dataclass(frozen=True)
class Count:
    """A label with how many days it was recorded and an optional detail."""

    label: str
    days: int
    detail: str = ""


@dataclass(frozen=True)
class SuspectLine:
    """One declared suspect as page 1 lists it, each part a finished sentence."""

    #: 'Long sitting (next day)' / 'gardening (own factor, next day)'.
    title: str
    #: 'declared 3 Dec 2026; tested on days from 4 Dec 2026.'
    dates: str
    #: 'Linked so far. On 15 of the 26 days after ..., against 4 of 50 other days.'
    result: str
    #: Linked: odds ratio, interval and corrected p ('' when untested).
    details: str = ""
    #: Not linked: how much more logging would tell ('' when linked).
    wait: str = ""
    linked: bool = False


@dataclass(frozen=True)
class DayRow:
    """One row of the day table: a cell per `DAY_COLUMNS`, and whether a red flag was ticked."""

    cells: list[str]
    red_flag: bool


@dataclass
class ReportContent:
    """Everything the report shows, already worked out by the analysis."""

    start: dt.date
    end: dt.date
    generated: dt.date
    days_logged: int
    name: str | None = None
    red_flags: list[tuple[str, list[dt.date]]] = field(default_factory=list)
    figures: list[KeyFigure] = field(default_factory=list)
    pain_notes: list[str] = field(default_factory=list)
    pain_footnote: str = ""
    flare_summary: str = ""
    link_sentences: list[str] = field(default_factory=list)
    #: Per link sentence, its footnote: odds ratio, interval, corrected p.
    link_details: list[str] = field(default_factory=list)
    link_note: str = ""
    #: The patient's declared suspects, tested first (empty: no block at all).
    suspects: list[SuspectLine] = field(default_factory=list)
    suspects_note: str = ""
    locations: list[Count] = field(default_factory=list)
    location_notes: list[str] = field(default_factory=list)
    symptoms: list[Count] = field(default_factory=list)
    treatments: list[Count] = field(default_factory=list)
    exercises: list[Count] = field(default_factory=list)
    flare_definition: str = ""
    charts: list[Figure] = field(default_factory=list)
    #: Drawn only if they still fit on the charts page (keeps the report short).
    optional_charts: list[Figure] = field(default_factory=list)
    #: The day table (one row per logged day of the period), when asked for.
    day_rows: list[DayRow] | None = None
    #: The day table's columns (`DAY_COLUMNS` less the optional ones no day fills).
    day_columns: tuple[str, ...] = DAY_COLUMNS
    #: Mean pain of the check-ins per activity, with counts (only with enough check-ins).
    activity_line: str = ""
    #: In the day table's key when a score in it is marked as derived from check-ins.
    day_table_note: str = ""

    @property
    def days_in_period(self) -> int:
        """Calendar days from start to end, both included."""
        return (self.end - self.start).days + 1


# --- formatting helpers -------------------------------------------------------------------


def long_date(date: dt.date) -> str:
    """'3 Mar 2026' (no leading zero, unambiguous across countries)."""
    return f"{date.day} {date:%b %Y}"


def short_date(date: dt.date) -> str:
    """'3 Mar'."""
    return f"{date.day} {date:%b}"


def period_text(start: dt.date, end: dt.date) -> str:
    """'1 Jan – 31 Mar 2026'."""
    if start.year == end.year:
        return f"{short_date(start)} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def date_list(dates: Sequence[dt.date]) -> str:
    """Dates as '3, 5 and 9 Mar 2026' style text, grouped by month."""
    groups: list[tuple[tuple[int, int], list[int]]] = []
    for date in sorted(dates):
        key = (date.year, date.month)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(date.day)
        else:
            groups.append((key, [date.day]))
    parts = []
    for (year, month), days in groups:
        month_name = dt.date(year, month, 1).strftime("%b %Y")
        parts.append(", ".join(str(d) for d in days) + f" {month_name}")
    return "; ".join(parts)


def duration(minutes: int) -> str:
    """'45 min' up to 10 hours, then whole hours ('32 h')."""
    return f"{minutes} min" if minutes < 600 else f"{minutes / 60:.0f} h"


def _signed(value: float, digits: int = 1) -> str:
    """'+1.2' / '−1.2' with a true minus sign; '0.0' without one."""
    text = f"{abs(value):.{digits}f}"
    if float(text) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


# --- the day table ----------------------------------------------------------------------------

_SIDE_PREFIX = {"left": "L", "right": "R", "both": "both"}


def _hours(minutes: int | None) -> str:
    return "" if minutes is None else f"{minutes / 60:.1f}"


def _num(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return ""
    return f"{value:.{digits}f}" if digits else str(value)


def _pain(value: float | int | None, derived: bool) -> str:
    """An entered score as typed ('6'); one from check-ins with a decimal and the mark."""
    if value is None:
        return ""
    return f"{value:.1f}{DERIVED_MARK}" if derived else _num(int(value))


def compact_locations(day: DayEntry) -> str:
    """'Lower back; L: buttock, calf' - short enough for a table cell."""
    groups: dict[str, list[str]] = {}
    for loc in day.locations:
        name = vocab.label(vocab.REGIONS, loc.region)
        key = _SIDE_PREFIX.get(loc.side or "", "")
        groups.setdefault(key, []).append(name if not key else name.lower())
    parts = [", ".join(groups.pop("", []))] if "" in groups else []
    parts += [f"{side}: {', '.join(names)}" for side, names in groups.items()]
    return "; ".join(parts)


def own_factor_cell(values: Mapping[str, int | bool], kinds: Mapping[str, str]) -> str:
    """'gardening; neck tension 8; yoga 45 min' in the order of `kinds` (name -> kind).

    A yes/no factor is named on days logged yes only, and a name is cut to
    `CELL_NAME_CHARS` (the table's key has them whole): the cell stays a line
    or two. Names not in `kinds` follow, their kind guessed from the value.
    """
    order = [name for name in kinds if name in values]
    order += [name for name in values if name not in kinds]
    parts = []
    for name in order:
        value = values[name]
        kind = kinds.get(name, "yesno" if isinstance(value, bool) else "rating")
        short = name if len(name) <= CELL_NAME_CHARS else name[: CELL_NAME_CHARS - 1] + "…"
        if kind == "yesno":
            if value:
                parts.append(printable(short))
        elif kind == "minutes":
            parts.append(f"{printable(short)} {int(value)} min")
        else:
            parts.append(f"{printable(short)} {int(value)}")
    return "; ".join(parts)


def day_row(
    day: DayEntry,
    flare_dates: frozenset[dt.date],
    derived: frozenset[str] = frozenset(),
    kinds: Mapping[str, str] | None = None,
) -> DayRow:
    """The day as table cells (see `DAY_COLUMNS`); `derived`: fields taken from check-ins;
    `kinds`: own factor name -> kind, in the order their values are listed."""
    where = compact_locations(day)
    # "Tingling (pins and needles)" -> "Tingling": the key is on page 1.
    kind = ", ".join(vocab.label(vocab.SYMPTOMS, s).split(" (")[0] for s in day.symptoms)
    cells = [
        f"{day.date:%a} {short_date(day.date)}",
        _pain(day.pain, "pain" in derived),
        _pain(day.worst_pain, "worst_pain" in derived),
        _num(day.peg, 1),
        where,
        kind,
        _hours(day.sitting_minutes),
        _hours(day.active_minutes),
        _num(day.sleep_hours, 1) if day.sleep_hours is not None else "",
        _num(day.stress),
        own_factor_cell(day.factors, kinds or {}),
        "yes" if day.date in flare_dates else "",
        "YES" if day.red_flags else "",
    ]
    return DayRow(cells, bool(day.red_flags))


# --- from the analysis -----------------------------------------------------------------------


def _change_figure(change: Any, label: str, *, percent: bool) -> KeyFigure:
    if change is None:
        return KeyFigure(label, "—", "too few days at start or end")
    value = f"{change.first:.1f} → {change.last:.1f}"
    moved = f"{_signed(change.change)} points"
    if percent and change.first > 0:
        moved += f" ({_signed(100 * change.change / change.first, 0)} %)"
    verdict = {
        "better": "meaningful improvement",
        "worse": "meaningful worsening",
        "unchanged": "less than a meaningful change",
    }[change.direction]
    return KeyFigure(label, value, f"{moved}: {verdict}", flagged=change.meaningful)


def _location_notes(summary: Any) -> list[str]:
    from app.analysis.sentences import days_word

    notes = []
    if summary.back_days or summary.leg_days:
        sides = []
        if summary.left_leg_days or summary.right_leg_days:
            sides.append(f"left leg {summary.left_leg_days}, right leg {summary.right_leg_days}")
        side_text = f" ({sides[0]})" if sides else ""
        notes.append(
            f"Back pain on {days_word(summary.back_days)}; leg pain on "
            f"{days_word(summary.leg_days)}{side_text}."
        )
    pattern = "buttock or back of thigh down to calf or foot, same side"
    if summary.sciatic_days:
        parts = [f"{side} leg on {days_word(n)}" for side, n in summary.sciatic_days.items()]
        notes.append(f"Sciatic pattern ({pattern}): {', '.join(parts)}.")
    elif summary.days_logged:
        notes.append(f"No day showed the sciatic pattern ({pattern}).")
    return notes


def _more(items: Sequence[Any], limit: int) -> tuple[list[Any], int]:
    return list(items[:limit]), max(0, len(items) - limit)


def build_content(
    result: Any,
    days: Sequence[DayEntry],
    *,
    name: str | None = None,
    generated: dt.date | None = None,
    include_days: bool = False,
    charts: bool = True,
    checkins: Mapping[dt.date, Sequence[CheckIn]] | None = None,
    derived: Mapping[dt.date, frozenset[str]] | None = None,
    suspects: Sequence[Suspect] = (),
    factors: Sequence[OwnFactor] = (),
) -> ReportContent:
    """Lay the analysis result (`app.analysis.insights.Insights`) out as report content.

    `days` are the days the analysis was given (the period and the weeks
    before it); only the period's days are listed. Every number shown comes
    from `result`; `days` give only the red flags' names and the day table.
    `checkins` are drawn on the trend chart; `derived` names the fields of a
    day (as stored) taken from its check-ins, marked in the day table.
    `suspects` are those the analysis tested first (their dates are printed);
    `factors` the diary's own factors, archived ones too (kinds and labels).
    """
    from app.analysis import sentences
    from app.analysis.flares import classify_days
    from app.analysis.links import LINKED, NOT_ENOUGH_DATA

    today = generated or dt.date.today()
    start, end = result.start or today, result.end or today
    in_period = [d for d in sorted(days, key=lambda d: d.date) if start <= d.date <= end]
    summary = result.summary
    content = ReportContent(
        start=start,
        end=end,
        generated=today,
        days_logged=result.days_logged,
        name=printable(name) if name else None,
    )

    # Red flags: which, and on which dates.
    for code, text in vocab.RED_FLAGS.items():
        dates = [d.date for d in in_period if code in d.red_flags]
        if dates:
            content.red_flags.append((text, dates))

    if summary is None or summary.days_logged == 0:
        content.flare_summary = "No days were logged in this period."
        return content

    # Pain.
    mean = "—" if summary.pain_mean is None else f"{summary.pain_mean:.1f} / 10"
    least = "—" if summary.pain_least is None else _key_score(summary.pain_least)
    worst = "—" if summary.pain_worst is None else _key_score(summary.pain_worst)
    derived = derived or {}
    from_checkins = sum(
        1 for d in in_period if "pain" in derived.get(d.date, ()) and d.pain is not None
    )
    scored = f"{summary.pain_days} days with a score"
    if from_checkins:
        scored += f" ({from_checkins} from check-ins{DERIVED_MARK})"
    content.figures = [
        KeyFigure("Average pain", mean, scored),
        KeyFigure("Least / worst", f"{least} / {worst}", "lowest average / highest worst"),
        _change_figure(result.peg.pain_change, "Pain, first → last 2 weeks", percent=True),
        _change_figure(result.peg.peg_change, "PEG, first → last 2 weeks", percent=False),
    ]
    # The boxes carry the change sentences' numbers and verdicts; the sentences
    # themselves would repeat them.
    if result.peg.pain_change is None:
        content.pain_notes.append(
            "First and last two weeks not compared: the period needs at least 28 days, with "
            "pain scored on at least 3 days at each end."
        )
    content.pain_footnote = (
        "Meaningful change: at least 2 points or 30 % for pain, about 1 point for PEG "
        "(mean of pain, interference with enjoyment of life and with general activity, each 0–10)."
    )
    if from_checkins:
        content.pain_footnote += f" {DERIVED_FOOTNOTE}"
    content.activity_line = _activity_line(result)

    # Flare-ups and links.
    content.flare_summary = sentences.flares_sentence(result.flares, summary.flare_days)
    if result.baseline.value is not None:
        content.flare_definition = (
            "A flare day is a day marked as a flare, or pain at least 2 points above the "
            f"personal baseline (median of the preceding {result.baseline.window} logged days; "
            f"{result.baseline.value:g}/10 at the end of the period)."
        )
    else:
        content.flare_definition = (
            "A flare day is a day marked as a flare (too few days yet for a personal baseline)."
        )
    archived = {f.name for f in factors if f.archived}
    content.suspects = _suspect_lines(result, suspects, archived)
    if content.suspects:
        content.suspects_note = (
            "Named by the patient in advance, so tested first; all other factors are "
            "corrected for multiple comparisons."
        )
    listed = {(s.factor, s.lag) for s in suspects}
    # A linked suspect is reported in the suspects block, not a second time here.
    shown_links = [
        link
        for link in result.links
        if link.verdict == LINKED and (link.factor, link.lag_days) not in listed
    ]
    content.link_sentences = [printable(link.sentence) for link in shown_links]
    content.link_details = [sentences.link_details(link) for link in shown_links]
    linked = set(result.linked_factors)
    by_factor: dict[str, set[str]] = {}
    for link in result.links:
        by_factor.setdefault(link.factor, set()).add(link.verdict)
    labels = {code: _factor_label(code, archived) for code in by_factor}
    no_link = [
        labels[c] for c, v in by_factor.items() if c not in linked and v != {NOT_ENOUGH_DATA}
    ]
    unknown = [labels[c] for c, v in by_factor.items() if v == {NOT_ENOUGH_DATA}]
    note = ["Associations in this diary, not causes; counts are days on which a flare-up began."]
    if not content.link_sentences:
        other = " other" if any(line.linked for line in content.suspects) else ""
        note.insert(0, f"No{other} factor went with flare-ups clearly enough to call it a link.")
    if no_link:
        note.append(f"No clear link: {', '.join(no_link)}.")
    if unknown:
        note.append(f"Not enough data: {', '.join(unknown)}.")
    content.link_note = " ".join(note)

    # Where, what kind, what helped.
    shown, more = _more(summary.locations, MAX_LOCATIONS)
    content.locations = [Count(c.label, c.days) for c in shown]
    content.location_notes = _location_notes(summary)
    if more:
        content.location_notes.append(
            "1 further location on fewer days is not listed."
            if more == 1
            else f"{more} further locations on fewer days are not listed."
        )
    shown, _ = _more(summary.symptoms, MAX_SYMPTOMS)
    content.symptoms = [Count(c.label, c.days) for c in shown]
    shown, _ = _more(summary.treatments, MAX_TREATMENTS)
    content.treatments = [
        Count(
            printable(t.label),
            t.days,
            f"{t.days} d · "
            + ("not rated" if t.mean_relief is None else f"relief {t.mean_relief:.1f}"),
        )
        for t in shown
    ]
    shown, _ = _more(summary.exercises, MAX_EXERCISES)
    content.exercises = [
        Count(printable(e.label), e.days, f"{e.days} d · {duration(e.minutes)}") for e in shown
    ]

    if charts:
        content.charts, content.optional_charts = _figures(result, days, start, end, checkins)
    if include_days:
        flare_dates = frozenset(
            date for date, flare in classify_days(days).by_date().items() if flare
        )
        kinds = {f.name: f.kind for f in factors}
        rows = [
            day_row(day, flare_dates, derived.get(day.date, frozenset()), kinds)
            for day in in_period
        ]
        content.day_rows, content.day_columns = _filled_columns(rows)
        notes = []
        if "Your factors" in content.day_columns:
            notes.append(_own_factors_key(factors, in_period))
        if any(derived.get(day.date) for day in in_period):
            notes.append(DERIVED_FOOTNOTE)
        content.day_table_note = " ".join(notes)
    return content


def _filled_columns(rows: list[DayRow]) -> tuple[list[DayRow], tuple[str, ...]]:
    """The rows and columns without the optional columns no row has a value in."""
    keep = [
        i
        for i, name in enumerate(DAY_COLUMNS)
        if name not in OPTIONAL_COLUMNS or any(row.cells[i] for row in rows)
    ]
    columns = tuple(DAY_COLUMNS[i] for i in keep)
    return [DayRow([row.cells[i] for i in keep], row.red_flag) for row in rows], columns


def _own_factors_key(factors: Sequence[OwnFactor], days: Sequence[DayEntry]) -> str:
    """'Your factors: the patient's own, as logged: gardening (yes/no), ...' for the table."""
    used = {name for day in days for name in day.factors}
    parts = []
    for item in factors:
        if item.name not in used:
            continue
        kind = KIND_LABELS.get(item.kind, item.kind)
        parts.append(f"{printable(item.name)} ({kind}{', archived' if item.archived else ''})")
    known = {item.name for item in factors}
    parts += [printable(name) for name in sorted(used - known)]
    return (
        "Your factors: the patient's own, as logged (yes/no ones named on days logged yes): "
        + ", ".join(parts)
        + "."
    )


def _key_score(value: float | int) -> str:
    # Only a mean of check-ins has a fraction: shown with one decimal and the mark.
    return f"{value:.1f}{DERIVED_MARK}" if isinstance(value, float) else str(value)


def _activity_line(result: Any) -> str:
    """'Pain at check-ins by activity (...): lifting 5.4 (n=10), ...' or '' with too few."""
    from app.analysis.by_activity import REPORT_MIN_CHECKINS, highest_first

    total = getattr(result, "checkins", 0)
    activities = getattr(result, "by_activity", ())
    if total < REPORT_MIN_CHECKINS or not activities:
        return ""
    ordered = highest_first(activities)
    parts = ", ".join(f"{a.label.lower()} {a.mean_pain:.1f} (n={a.checkins})" for a in ordered)
    noted = sum(a.checkins for a in activities)
    return (
        f"Pain at check-ins by activity ({total} check-ins, {noted} noting an activity; "
        f"mean pain, n = check-ins): {parts}. Associations in this diary, not causes."
    )


def _factor_label(code: str, archived: set[str] | frozenset[str] = frozenset()) -> str:
    """'long sitting'; an own factor as the user spelled it ('TENS', 'gardening (archived)')."""
    from app.analysis.factors import FACTOR_CODES, factor

    if code in FACTOR_CODES:
        return factor(code).label.lower()
    return printable(code) + (" (archived)" if code in archived else "")


def _suspect_lines(
    result: Any, suspects: Sequence[Suspect], archived: set[str]
) -> list[SuspectLine]:
    """Each declared suspect with its dates, result with counts, and how long until known."""
    from app.analysis import sentences
    from app.analysis.factors import FACTOR_CODES, factor
    from app.analysis.links import LINKED, MIN_GROUP_DAYS, MIN_LOGGED_DAYS, NOT_ENOUGH_DATA

    by_key = {(link.factor, link.lag_days): link for link in result.links}
    lines = []
    for suspect in suspects:
        own = suspect.factor not in FACTOR_CODES
        label = printable(suspect.factor) if own else factor(suspect.factor).label
        marks = (["own factor"] if own else []) + (
            ["archived"] if suspect.factor in archived else []
        )
        marks.append("same day" if suspect.lag == 0 else "next day")
        declared = f"declared {_unbroken(long_date(suspect.declared_on))}"
        if suspect.covers_from is None:
            dates = f"{declared}, before any day was logged; tested on every logged day."
        else:
            first = suspect.covers_from + dt.timedelta(days=1)
            dates = f"{declared}; tested on days from {_unbroken(long_date(first))}."
        title = f"{label} ({', '.join(marks)})"
        link = by_key.get((suspect.factor, suspect.lag))
        if link is None:
            lines.append(SuspectLine(title, dates, "Not tested: no day of this period records it."))
            continue
        if link.verdict == NOT_ENOUGH_DATA:
            text = (
                f"Not enough data yet: {sentences.days_word(link.exposed_days)} with it and "
                f"{link.unexposed_days} without so far (at least {MIN_GROUP_DAYS} of each, and "
                f"{MIN_LOGGED_DAYS} logged days, are needed)."
            )
        elif link.verdict == LINKED and not link.own_test_linked:
            # Found among all factors over the whole period, not (yet) by its own test
            # on the days after its declaration: say which, or it reads as confirmed.
            own = link.own_test_days or 0
            text = (
                f"Not confirmed yet by its own test ({sentences.days_word(own)} with a record "
                "since it was declared). Among all factors, over the whole period: linked. "
                + sentences.link_counts(link)
            )
        else:
            verdict = (
                "Linked so far, confirmed by its own test."
                if link.verdict == LINKED
                else "No clear link so far."
            )
            text = f"{verdict} {sentences.link_counts(link)}"
        linked = link.verdict == LINKED
        lines.append(
            SuspectLine(
                title,
                dates,
                printable(text),
                # The block's note already says these are associations, not causes.
                details=_p_unbroken(sentences.link_details(link).removesuffix(_NOT_A_CAUSE))
                if linked
                else "",
                wait="" if linked else _wait_text(link.days_to_answer),
                linked=linked,
            )
        )
    return lines


def _unbroken(text: str) -> str:
    """`text` with no-break spaces: a date is never split across lines."""
    return text.replace(" ", "\u00a0")


def _p_unbroken(text: str) -> str:
    """'p < 0.001' / 'p = 0.03' kept on one line."""
    return text.replace("p < ", "p\u00a0<\u00a0").replace("p = ", "p\u00a0=\u00a0")


#: How `link_details` ends; the suspects block says it once for all.
_NOT_A_CAUSE = " An association in your diary, not proof of a cause."


def _wait_text(days: int | None) -> str:
    """How much more logging would show a link of odds ratio 4 with 80 % probability."""
    from app.analysis.power import MAX_DAYS, duration_words

    strong = "a link of odds ratio 4 with 80 % probability"
    if days is None:
        return "How long: not enough exposed days yet to estimate when this will be known."
    if days == 0:
        return f"How long: enough days are logged to show {strong}; none showed."
    if days >= MAX_DAYS:
        return f"How long: at this rate, many years of logging to show {strong}."
    return f"How long: about {duration_words(days)} of logging would show {strong}."


def _figures(
    result: Any,
    days: Sequence[DayEntry],
    start: dt.date,
    end: dt.date,
    checkins: Mapping[dt.date, Sequence[CheckIn]] | None = None,
) -> tuple[list[Figure], list[Figure]]:
    """The charts page: trend (with sitting and activity) and body map; factors if room."""
    from app.charts.factor_links import factors_figure
    from app.charts.trend import trend_figure

    charts = [
        trend_figure(
            days, start=start, end=end, width=CHART_WIDTH_IN, height=4.1, checkins=checkins
        )
    ]
    try:
        from app.charts.body import body_figure
    except ModuleNotFoundError as error:  # the body map chart is not built yet
        if error.name != "app.charts.body":
            raise
    else:
        charts.append(body_figure(days, start=start, end=end, width=CHART_WIDTH_IN, height=3.6))
    # Each factor x lag is a row with a two-line label: the chart grows with them
    # (stress and own factors) rather than let the labels overlap.
    height = max(3.6, 1.4 + 0.3 * len(result.links))
    optional = [factors_figure(result.links, width=CHART_WIDTH_IN, height=height)]
    return charts, optional
