"""Commands on days: log one, show them, and what goes with flare-ups (insights)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.cli.parsing import EXIT_OK, add_range, cell, command, hours, pair, parse_date
from app.domain import vocab
from app.domain.fields import DAY_FIELDS

if TYPE_CHECKING:
    from app.diary import DayEntry, Diary, Insights
    from app.domain.checkin import CheckIn

SCORE = "0 (none) to 10 (worst imaginable)"


@dataclass(frozen=True)
class Flag:
    """The `log` flag of one field of the day."""

    field: str
    flag: str
    help: str
    metavar: str | None = None
    #: NAME:VALUE items (exercise:minutes ...): the dict keys of the two parts.
    parts: tuple[str, str] | None = None
    repeat: bool = False


#: One flag per field of the day but the date (a test holds this to DAY_FIELDS).
LOG_FLAGS = (
    Flag("pain", "--pain", f"average pain today, {SCORE}", "N"),
    Flag("worst_pain", "--worst", f"worst pain today, {SCORE}", "N"),
    Flag(
        "enjoyment_interference",
        "--enjoyment",
        "PEG: pain interfered with enjoyment of life, 0-10",
        "N",
    ),
    Flag(
        "activity_interference",
        "--activity",
        "PEG: pain interfered with general activity, 0-10",
        "N",
    ),
    Flag(
        "locations",
        "--where",
        f"where it hurts; regions: {', '.join(vocab.REGIONS)}; sides: {', '.join(vocab.SIDES)}",
        "REGION[:SIDE]",
        ("region", "side"),
        repeat=True,
    ),
    Flag("symptoms", "--symptom", ", ".join(vocab.SYMPTOMS), "S", repeat=True),
    Flag("sitting_minutes", "--sitting", "minutes sitting, or e.g. 7h30m", "MIN"),
    Flag("standing_minutes", "--standing", "minutes standing, or e.g. 7h30m", "MIN"),
    Flag("active_minutes", "--active", "minutes active, or e.g. 7h30m", "MIN"),
    Flag(
        "exercises",
        "--exercise",
        "an exercise from the catalogue or your own name, with minutes",
        "NAME[:MIN]",
        ("name", "minutes"),
        repeat=True,
    ),
    Flag("exertion", "--exertion", ", ".join(vocab.EXERTION), "LEVEL"),
    Flag("exertion_note", "--exertion-note", "e.g. 'moved boxes'", "TEXT"),
    Flag("posture", "--posture", ", ".join(vocab.POSTURE), "P"),
    Flag("sleep_hours", "--sleep", "hours slept, e.g. 7.5 or 7h30m", "HOURS"),
    Flag("sleep_quality", "--sleep-quality", "0 (worst) to 10 (best)", "N"),
    Flag(
        "treatments",
        "--treatment",
        f"{', '.join(vocab.TREATMENTS)} or your own; relief 0-10",
        "NAME[:RELIEF]",
        ("name", "relief"),
        repeat=True,
    ),
    Flag("red_flags", "--red-flag", ", ".join(vocab.RED_FLAGS), "CODE", repeat=True),
    Flag("flare", "--flare", "mark the day as a flare-up (--no-flare clears it)"),
    Flag("note", "--note", "free text", "TEXT"),
    Flag(
        "stress",
        "--stress",
        f"stress today, 0 ({vocab.STRESS_ANCHORS[0]}) to 10 ({vocab.STRESS_ANCHORS[10]})",
        "N",
    ),
    Flag(
        "factors",
        "--factor",
        "one of your own factors (see `factor list`): yes/no, a 0-10 rating or minutes;"
        " an empty VALUE clears it",
        "NAME=VALUE",
        repeat=True,
    ),
)


def _factor_item(text: str) -> tuple[str, str]:
    """NAME=VALUE of `--factor` (the name may hold spaces; quote it)."""
    name, sep, value = text.rpartition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"--factor takes NAME=VALUE, got {text[:80]!r}")
    return name.strip(), value.strip()


def _log_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("date", type=parse_date, help="YYYY-MM-DD, today or yesterday")
    for flag in LOG_FLAGS:
        if flag.field == "flare":
            parser.add_argument(
                flag.flag, dest="flare", action="store_true", default=None, help=flag.help
            )
            parser.add_argument("--no-flare", dest="flare", action="store_false", help="clear it")
            continue
        parser.add_argument(
            flag.flag,
            dest=flag.field,
            metavar=flag.metavar,
            help=flag.help,
            action="append" if flag.repeat else "store",
            type=pair(*flag.parts)
            if flag.parts
            else (_factor_item if flag.field == "factors" else None),
        )


@command("log", "create or update one day", _log_arguments)
def cmd_log(diary: Diary, args: argparse.Namespace) -> int:
    """Create the day, or update only the fields given on the command line."""
    given = {
        name: getattr(args, name) for name in DAY_FIELDS[1:] if getattr(args, name) is not None
    }
    if "factors" in given:
        given["factors"] = dict(given["factors"])
    # Read and written in one write transaction: another `log` (or the app)
    # saving the same day at this moment keeps its fields too.
    saved, created = diary.update_day(args.date, given)
    verb = "Logged" if created else "Updated"
    print(f"{verb} {saved.date.isoformat()}: {describe(saved)}")
    if saved.red_flags:
        print(f"\nRED FLAG: {vocab.RED_FLAG_WARNING}", file=sys.stderr)
    return EXIT_OK


def describe(entry: DayEntry) -> str:
    """A one-line human summary of a day."""
    parts = []
    if entry.pain is not None:
        parts.append(f"pain {entry.pain}/10")
    if entry.worst_pain is not None:
        parts.append(f"worst {entry.worst_pain}")
    if entry.locations:
        parts.append(
            ", ".join(vocab.location_label(loc.region, loc.side) for loc in entry.locations)
        )
    if entry.sitting_minutes is not None:
        parts.append(f"sat {hours(entry.sitting_minutes)}")
    if entry.active_minutes is not None:
        parts.append(f"active {hours(entry.active_minutes)}")
    if entry.stress is not None:
        parts.append(f"stress {entry.stress}/10")
    for name, value in entry.factors.items():
        shown = ("yes" if value else "no") if isinstance(value, bool) else value
        parts.append(f"{name} {shown}")
    if entry.flare:
        parts.append("FLARE")
    if entry.red_flags:
        parts.append("RED FLAGS: " + ", ".join(entry.red_flags))
    return "; ".join(parts) or "nothing recorded yet"


def _period_as(plain: str) -> Callable[[argparse.ArgumentParser], None]:
    """Arguments of a command that prints a period as `plain` text, or as JSON."""

    def arguments(parser: argparse.ArgumentParser) -> None:
        add_range(parser)
        parser.add_argument("--json", action="store_true", help=f"print JSON instead of {plain}")

    return arguments


@command("show", "list logged days", _period_as("a table"))
def cmd_show(diary: Diary, args: argparse.Namespace) -> int:
    """Print the logged days of the period as a table or JSON."""
    from app.domain.checkin import day_pain

    days = diary.days(args.start, args.end)
    checkins = diary.checkins_between(args.start, args.end)
    if args.json:
        json.dump([day_json(day, checkins.get(day.date, [])) for day in days], sys.stdout, indent=2)
        print()
        return EXIT_OK
    if not days:
        print("No days logged in this period. Log one with: pain-diary log today --pain N")
        return EXIT_OK
    print(
        f"{'date':<10}  {'pain':>4}  {'worst':>5}  {'sat':>5}  {'active':>6}  flare  checks  where"
    )
    for day in days:
        where = ", ".join(str(loc) for loc in day.locations)
        found = checkins.get(day.date, [])
        pain = day_pain(day.pain, day.worst_pain, [c.pain for c in found])
        print(
            f"{day.date.isoformat():<10}  {_pain_cell(pain.pain, day.pain):>4}  "
            f"{_pain_cell(pain.worst_pain, day.worst_pain):>5}  "
            f"{cell(day.sitting_minutes and hours(day.sitting_minutes)):>5}  "
            f"{cell(day.active_minutes and hours(day.active_minutes)):>6}  "
            f"{'yes' if day.flare else '':<5}  {len(found) or '':>6}  {where}"
        )
    print(f"\n{len(days)} days")
    if any(checkins.get(day.date) and day.pain is None for day in days):
        print("Pain with a decimal is the mean of the day's check-ins (none entered for the day).")
    return EXIT_OK


def _pain_cell(value: float | None, entered: int | None) -> str:
    if value is None:
        return "-"
    return str(entered) if entered is not None else f"{value:.1f}"


def day_json(day: DayEntry, checkins: Sequence[CheckIn]) -> dict[str, Any]:
    """A day as `show --json` prints it: entered fields, derived pain, and its check-ins."""
    from app.domain.checkin import day_pain

    out = day.model_dump(mode="json")
    pain = day_pain(day.pain, day.worst_pain, [c.pain for c in checkins])
    # Entered values stay whole numbers; derived ones have one decimal, as shown.
    out["pain"] = day.pain if day.pain is not None else _one_decimal(pain.pain)
    out["worst_pain"] = (
        day.worst_pain if day.worst_pain is not None else _one_decimal(pain.worst_pain)
    )
    out["pain_source"] = pain.source
    out["checkins"] = [c.as_json() for c in sorted(checkins, key=lambda c: c.time)]
    return out


def _one_decimal(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@command("insights", "flare-ups and what goes with them", _period_as("text"))
def cmd_insights(diary: Diary, args: argparse.Namespace) -> int:
    """Print the insights for the period as text or JSON."""
    result = diary.insights(args.start, args.end)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, indent=2)
        print()
        return EXIT_OK
    print(insights_text(result))
    return EXIT_OK


_LAG_WORDS = {0: "same day", 1: "next day"}


def insights_text(result: Insights) -> str:
    """The readable form of `Diary.insights`: findings, flare-ups, then the full table."""
    if not result.days_logged:
        return "No days logged in this period. Log one with: pain-diary log today --pain N"
    summary = result.summary
    lines = [
        f"Insights {result.start.isoformat()} to {result.end.isoformat()} "
        f"({summary.days_logged} of {summary.days_in_period} days logged)",
        "",
        *(f"- {sentence}" for sentence in result.sentences),
        "",
    ]
    if result.flares:
        lines.append("Flare-ups:")
        for episode in result.flares:
            peak = f", peak {episode.peak}/10" if episode.peak is not None else ""
            days = "1 day" if episode.length == 1 else f"{episode.length} days"
            when = (
                episode.start.isoformat()
                if episode.length == 1
                else f"{episode.start.isoformat()} to {episode.end.isoformat()}"
            )
            lines.append(f"  {when} ({days}{peak})")
        lines.append("")
    lines += _activity_lines(result)
    lines.append("What goes with flare-ups (associations in your diary, not causes):")
    lines.append(
        f"  {'factor':<13} {'when':<9} {'verdict':<16} {'flares with':>12} "
        f"{'without':>9} {'p (adj.)':>9}"
    )
    for link in result.links:
        p_value = "-" if link.p_value is None else f"{link.p_value:.3f}"
        if link.p_value is not None and link.p_value < 0.001:
            p_value = "<0.001"
        lines.append(
            f"  {link.factor:<13} {_LAG_WORDS[link.lag_days]:<9} {link.verdict:<16} "
            f"{link.exposed_flares:>5}/{link.exposed_days:<6} "
            f"{link.unexposed_flares:>4}/{link.unexposed_days:<4} {p_value:>9}"
            + ("  (your suspect)" if link.declared else "")
        )
    lines.append("")
    if result.answer_times:
        # Suspects first: what the person wants to know, and how long until they can.
        lines.append("How long until we know:")
        lines += [f"  - {sentence}" for sentence in result.answer_times[:6]]
        lines.append("")
    lines.append(vocab.DISCLAIMER)
    return "\n".join(lines)


def _activity_lines(result: Insights) -> list[str]:
    """The check-ins by what you were doing: counts first, then the means, no causes."""
    if not result.checkins:
        return []
    with_doing = sum(a.checkins for a in result.by_activity)
    plural = "s" if result.checkins != 1 else ""
    lines = [
        "Check-ins by what you were doing:",
        f"  {result.checkins} check-in{plural} in this period, "
        f"{with_doing} with what you were doing noted.",
    ]
    if result.by_activity:
        lines.append(f"  {result.activity_text}")
        lines.append("  These went together in your diary; they do not show what causes your pain.")
    return [*lines, ""]
