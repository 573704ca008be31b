"""Command line: `pain-diary COMMAND ...`; no command opens the app window.

Exit status: 0 on success, 2 on bad input or an unusable diary file (the
message goes to stderr and the diary is left as it was).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from app.config import DEFAULT_DEMO_DAYS
from app.diary import Diary, DiaryFileError, EntryError, ImportReport
from app.domain import vocab
from app.domain.fields import DAY_FIELDS
from app.domain.messages import ECHO_LIMIT, clip_input, problem_lines, quote_input

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad command-line input; the message is shown as is."""


# --- argument parsing -------------------------------------------------------------


def parse_date(text: str) -> dt.date:
    """ISO 8601 date, 'today' or 'yesterday'."""
    word = text.strip().lower()
    today = dt.date.today()
    if word == "today":
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(word)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{quote_input(text)} is not a date; write YYYY-MM-DD, 'today' or 'yesterday'"
        ) from None


def _pair(first: str, second: str) -> Callable[[str], dict[str, str]]:
    def parse(text: str) -> dict[str, str]:
        name, sep, rest = text.partition(":")
        return {first: name, second: rest} if sep else {first: name}

    return parse


class _Parser(argparse.ArgumentParser):
    """argparse, but a refusal is two lines and shows at most ECHO_LIMIT characters of input.

    argparse quotes a bad value whole ("invalid choice: '...'"); a pasted
    megabyte would fill the terminal. Subcommand parsers are of this class too.
    """

    _arguments: Sequence[str] = ()

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        self._arguments = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        long_ones = {a for a in self._arguments if len(a) > ECHO_LIMIT}
        for argument in sorted(long_ones, key=len, reverse=True):
            short = quote_input(argument)
            message = message.replace(repr(argument), short).replace(argument, short)
        # The full usage of `log` is a dozen lines; the pointer to --help is one.
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}\nSee: {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help="diary file to use (default: $PAIN_DIARY_DB, else the user data folder)",
    )
    parser = _Parser(
        prog="pain-diary",
        description="A private pain and activity diary for back and leg pain. "
        "Run without a command to open the app.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    log = commands.add_parser("log", parents=[common], help="create or update one day")
    log.add_argument("date", type=parse_date, help="YYYY-MM-DD, today or yesterday")
    score = "0 (none) to 10 (worst imaginable)"
    log.add_argument("--pain", metavar="N", help=f"average pain today, {score}")
    log.add_argument("--worst", dest="worst_pain", metavar="N", help=f"worst pain today, {score}")
    log.add_argument(
        "--enjoyment",
        dest="enjoyment_interference",
        help="PEG: pain interfered with enjoyment of life, 0-10",
    )
    log.add_argument(
        "--activity",
        dest="activity_interference",
        help="PEG: pain interfered with general activity, 0-10",
    )
    log.add_argument(
        "--where",
        dest="locations",
        action="append",
        type=_pair("region", "side"),
        metavar="REGION[:SIDE]",
        help=f"where it hurts; regions: {', '.join(vocab.REGIONS)}; "
        f"sides: {', '.join(vocab.SIDES)}",
    )
    log.add_argument(
        "--symptom", dest="symptoms", action="append", metavar="S", help=", ".join(vocab.SYMPTOMS)
    )
    for name in ("sitting", "standing", "active"):
        log.add_argument(
            f"--{name}", dest=f"{name}_minutes", metavar="MIN", help="minutes, or e.g. 7h30m"
        )
    log.add_argument(
        "--exercise",
        dest="exercises",
        action="append",
        type=_pair("name", "minutes"),
        metavar="NAME[:MIN]",
        help="an exercise from the catalogue or your own name, with minutes",
    )
    log.add_argument("--exertion", help=", ".join(vocab.EXERTION))
    log.add_argument(
        "--exertion-note", dest="exertion_note", metavar="TEXT", help="e.g. 'moved boxes'"
    )
    log.add_argument("--posture", help=", ".join(vocab.POSTURE))
    log.add_argument(
        "--sleep", dest="sleep_hours", metavar="HOURS", help="hours slept, e.g. 7.5 or 7h30m"
    )
    log.add_argument(
        "--sleep-quality", dest="sleep_quality", metavar="N", help="0 (worst) to 10 (best)"
    )
    log.add_argument(
        "--treatment",
        dest="treatments",
        action="append",
        type=_pair("name", "relief"),
        metavar="NAME[:RELIEF]",
        help=f"{', '.join(vocab.TREATMENTS)} or your own; relief 0-10",
    )
    log.add_argument(
        "--red-flag",
        dest="red_flags",
        action="append",
        metavar="CODE",
        help=", ".join(vocab.RED_FLAGS),
    )
    log.add_argument(
        "--flare", action="store_true", default=None, help="mark the day as a flare-up"
    )
    log.add_argument("--no-flare", dest="flare", action="store_false", help="clear the flare mark")
    log.add_argument("--note", help="free text")

    show = commands.add_parser("show", parents=[common], help="list logged days")
    _add_range(show)
    show.add_argument("--json", action="store_true", help="print JSON instead of a table")

    export = commands.add_parser(
        "export", parents=[common], help="export days to CSV, a full JSON backup or FHIR"
    )
    export.add_argument(
        "file", type=Path, help="FILE.csv, FILE.json (full backup) or FILE.fhir.json"
    )
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="csv: one row per day; json: full backup for import; fhir: FHIR R4 bundle "
        "(default: from the file name)",
    )
    _add_range(export)

    imp = commands.add_parser(
        "import", parents=[common], help="import days from a CSV file or a JSON backup"
    )
    imp.add_argument("file", type=Path, help="FILE.csv or FILE.json (a Pain Diary backup)")
    imp.add_argument("--replace", action="store_true", help="replace days that already exist")

    demo = commands.add_parser("demo", parents=[common], help="create a demo diary to explore")
    demo.add_argument(
        "--days", type=int, default=DEFAULT_DEMO_DAYS, help="how many days (default %(default)s)"
    )

    backup = commands.add_parser(
        "backup", parents=[common], help="copy the diary now (to FILE, or to backups/)"
    )
    backup.add_argument("file", type=Path, nargs="?", help="where to write the copy")
    backup.add_argument("--list", action="store_true", help="list the kept backups instead")

    restore = commands.add_parser(
        "restore", parents=[common], help="replace the diary with a backup (keeps a copy first)"
    )
    restore.add_argument("file", type=Path, help="the backup to restore")

    insights = commands.add_parser(
        "insights", parents=[common], help="flare-ups and what goes with them"
    )
    _add_range(insights)
    insights.add_argument("--json", action="store_true", help="print JSON instead of text")

    chart = commands.add_parser("chart", parents=[common], help="draw a chart to a PNG or SVG")
    chart.add_argument("kind", type=_chart_kind, metavar="KIND", help=", ".join(_CHART_KINDS))
    chart.add_argument("file", type=_chart_file, metavar="FILE", help="FILE.png or FILE.svg")
    _add_range(chart)

    report = commands.add_parser(
        "report", parents=[common], help="write the doctor's PDF summary of a period"
    )
    report.add_argument("file", type=Path, help="FILE.pdf")
    _add_range(report)
    report.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)"
    )
    report.add_argument(
        "--days", action="store_true", help="add an appendix with a table of every day"
    )

    commands.add_parser("gui", parents=[common], help="open the app window (the default)")
    return parser


_CHART_KINDS = ("trend", "activity", "factors", "body", "calendar")


def _chart_kind(text: str) -> str:
    kind = text.strip().lower()
    if kind not in _CHART_KINDS:
        raise argparse.ArgumentTypeError(
            f"unknown chart {quote_input(text)}; choose one of {', '.join(_CHART_KINDS)}"
        )
    return kind


def _chart_file(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in (".png", ".svg"):
        raise argparse.ArgumentTypeError(
            f"{quote_input(text)}: charts are written as .png or .svg; "
            "name the file FILE.png or FILE.svg"
        )
    return path


def _add_range(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=parse_date, metavar="D", help="first day")
    parser.add_argument("--to", dest="end", type=parse_date, metavar="D", help="last day")


# --- commands --------------------------------------------------------------------------

#: Every field but the date has a flag of the same name.
_LOG_FIELDS = DAY_FIELDS[1:]


def cmd_log(diary: Diary, args: argparse.Namespace) -> int:
    """Create the day, or update only the fields given on the command line."""
    given = {name: getattr(args, name) for name in _LOG_FIELDS if getattr(args, name) is not None}
    # Read and written in one write transaction: another `log` (or the app)
    # saving the same day at this moment keeps its fields too.
    saved, created = diary.update_day(args.date, given)
    verb = "Logged" if created else "Updated"
    print(f"{verb} {saved.date.isoformat()}: {describe(saved)}")
    if saved.red_flags:
        print(f"\nRED FLAG: {vocab.RED_FLAG_WARNING}", file=sys.stderr)
    return EXIT_OK


def describe(entry: Any) -> str:
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
        parts.append(f"sat {_hours(entry.sitting_minutes)}")
    if entry.active_minutes is not None:
        parts.append(f"active {_hours(entry.active_minutes)}")
    if entry.flare:
        parts.append("FLARE")
    if entry.red_flags:
        parts.append("RED FLAGS: " + ", ".join(entry.red_flags))
    return "; ".join(parts) or "nothing recorded yet"


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}h{rest:02d}" if hours else f"{rest}m"


def cmd_show(diary: Diary, args: argparse.Namespace) -> int:
    days = diary.days(args.start, args.end)
    if args.json:
        json.dump([day.model_dump(mode="json") for day in days], sys.stdout, indent=2)
        print()
        return EXIT_OK
    if not days:
        print("No days logged in this period. Log one with: pain-diary log today --pain N")
        return EXIT_OK
    print(f"{'date':<10}  {'pain':>4}  {'worst':>5}  {'sat':>5}  {'active':>6}  flare  where")
    for day in days:
        where = ", ".join(str(loc) for loc in day.locations)
        print(
            f"{day.date.isoformat():<10}  {_cell(day.pain):>4}  {_cell(day.worst_pain):>5}  "
            f"{_cell(day.sitting_minutes and _hours(day.sitting_minutes)):>5}  "
            f"{_cell(day.active_minutes and _hours(day.active_minutes)):>6}  "
            f"{'yes' if day.flare else '':<5}  {where}"
        )
    print(f"\n{len(days)} days")
    return EXIT_OK


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


EXPORT_FORMATS = ("csv", "json", "fhir")


def export_format(path: Path, given: str | None) -> str:
    """The export format: `given`, else from the file name (.csv, .json, .fhir.json)."""
    if given:
        return given
    name = path.name.lower()
    if name.endswith(".fhir.json"):
        return "fhir"
    if path.suffix.lower() in (".csv", ".json"):
        return path.suffix.lower()[1:]
    hint = ""
    if name.endswith(".pdf"):
        hint = " (the PDF summary is made with: pain-diary report FILE.pdf)"
    raise UsageError(
        f"{path}: unknown export format {clip_input(path.suffix) or '(no extension)'}; "
        "name the file FILE.csv, FILE.json (full backup) or FILE.fhir.json, "
        f"or add --format csv|json|fhir{hint}"
    )


def cmd_export(diary: Diary, args: argparse.Namespace) -> int:
    fmt = export_format(args.file, args.format)
    if args.file.is_dir():
        raise UsageError(f"{args.file}: is a folder; give a file name to export to")
    if fmt == "json":
        if args.start or args.end:
            raise UsageError(
                "a JSON backup holds every day; --from/--to apply to csv and fhir exports"
            )
        count = diary.export_json(args.file)
        print(f"Backed up {count} days, your own exercise names and settings to {args.file}")
    elif fmt == "fhir":
        count = diary.export_fhir(args.file, args.start, args.end)
        print(f"Exported {count} FHIR observations to {args.file}")
    else:
        count = diary.export_csv(args.file, args.start, args.end)
        print(f"Exported {count} days to {args.file}")
    return EXIT_OK


def cmd_import(diary: Diary, args: argparse.Namespace) -> int:
    suffix = args.file.suffix.lower()
    if suffix == ".csv":
        report = diary.import_csv(args.file, replace=args.replace)
    elif suffix == ".json":
        report = diary.import_json(args.file, replace=args.replace)
    else:
        raise UsageError(
            f"{args.file}: unknown import format {suffix or '(no extension)'}; "
            "import takes FILE.csv or FILE.json (a Pain Diary backup)"
        )
    print_import_report(report, args.file)
    return EXIT_OK if report.ok else EXIT_BAD_INPUT


def print_import_report(report: ImportReport, source: Path) -> None:
    if report.problems:
        print(f"{source}: nothing was imported; fix these rows and try again:", file=sys.stderr)
        listed = problem_lines([f"line {line}: {problem}" for line, problem in report.problems])
        for problem in listed:
            print(f"  {problem}", file=sys.stderr)
        return
    if report.conflicts:
        dates = ", ".join(d.isoformat() for d in report.conflicts[:10])
        more = f" and {len(report.conflicts) - 10} more" if len(report.conflicts) > 10 else ""
        print(
            f"{source}: nothing was imported; {len(report.conflicts)} days are already in the "
            f"diary with different entries: {dates}{more}. "
            "Run again with --replace to overwrite them.",
            file=sys.stderr,
        )
        return
    print(
        f"Imported {len(report.added)} new days, replaced {len(report.replaced)}, "
        f"{len(report.unchanged)} already identical."
    )
    if report.settings_kept:
        print(
            f"Kept this diary's own settings ({', '.join(report.settings_kept)}); "
            "run with --replace to take the backup's."
        )


def cmd_demo(args: argparse.Namespace) -> int:
    if not 1 <= args.days <= 36_500:
        raise UsageError(f"--days must be from 1 to 36500, got {args.days}")
    from app.config import demo_diary_path

    path = getattr(args, "db", None) or demo_diary_path()
    with Diary.create_demo(path, args.days) as diary:
        count = diary.count()
    print(f"Created a demo diary with {count} logged days in {path}")
    print(f"Open it with:  pain-diary --db {path}")
    print(f"Or look at it: pain-diary --db {path} show")
    return EXIT_OK


def cmd_backup(diary: Diary, args: argparse.Namespace) -> int:
    if args.list:
        kept = diary.list_backups()
        for item in kept:
            print(f"{item.date.isoformat()}  {item.path}")
        print(f"{len(kept)} backups in {diary.path.parent / 'backups'}")
        return EXIT_OK
    target = diary.backup(args.file)
    print(f"Backed up {diary.path} to {target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    path = getattr(args, "db", None)
    kept = Diary.restore(path, args.file)
    with Diary.open(path) as diary:
        count = diary.count()
    print(f"Restored {args.file} into {diary.path} ({count} days).")
    if kept is None:
        print("There was no diary before, so no copy of it was kept.")
    else:
        print(f"The diary as it was before is kept in {kept}")
    return EXIT_OK


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


def insights_text(result: Any) -> str:
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
        )
    lines.append("")
    lines.append(vocab.DISCLAIMER)
    return "\n".join(lines)


def cmd_chart(diary: Diary, args: argparse.Namespace) -> int:
    """Draw one chart of the period to a PNG or SVG file."""
    if args.start and args.end and args.end < args.start:
        raise UsageError(f"--to {args.end} is before --from {args.start}")
    start, end = diary.export_chart(args.file, args.kind, args.start, args.end)
    print(f"Drew the {args.kind} chart of {start} to {end} into {args.file}")
    return EXIT_OK


def cmd_report(diary: Diary, args: argparse.Namespace) -> int:
    """Write the PDF summary; the numbers are those of `insights` for the same period."""
    if args.file.suffix.lower() != ".pdf":
        raise UsageError(f"{args.file}: the report is a PDF; name the file FILE.pdf")
    if args.file.is_dir():
        raise UsageError(f"{args.file}: is a folder; give a file name for the report")
    if args.start and args.end and args.end < args.start:
        raise UsageError(f"--to {args.end} is before --from {args.start}")
    pages = diary.export_report(
        args.file, args.start, args.end, paper=args.paper, include_days=args.days
    )
    print(f"Wrote the {pages}-page summary to {args.file}")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from app.ui.app import run

    return run(getattr(args, "db", None))


_COMMANDS: dict[str, Callable[[Diary, argparse.Namespace], int]] = {
    "log": cmd_log,
    "show": cmd_show,
    "export": cmd_export,
    "import": cmd_import,
    "report": cmd_report,
    "backup": cmd_backup,
    "insights": cmd_insights,
    "chart": cmd_chart,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    # Everything this process writes (diary, backups, exports) is the owner's alone.
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    try:
        if args.command in (None, "gui"):
            return cmd_gui(args)
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "restore":
            return cmd_restore(args)
        with Diary.open(getattr(args, "db", None)) as diary:
            for warning in diary.warnings:  # e.g. today's backup failed: said once, not fatal
                print(f"pain-diary: {diary.path}: {warning}", file=sys.stderr)
            return _COMMANDS[args.command](diary, args)
    except (EntryError, DiaryFileError, UsageError) as error:
        print(f"pain-diary: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as error:  # CSV file and export path errors
        print(f"pain-diary: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"pain-diary: {os_error_message(error, args)}", file=sys.stderr)
        return EXIT_BAD_INPUT


def os_error_message(error: OSError, args: argparse.Namespace) -> str:
    """An OSError in words, naming a file even when the error itself names none.

    A failed write (a full disk above all) often carries no file name; the file
    the command was writing is then the one named: its output file, else the diary.
    """
    from app.config import default_diary_path
    from app.exports.files import is_disk_full

    name = error.filename
    if not name:
        output = getattr(args, "file", None) if args.command != "restore" else None
        name = output or getattr(args, "db", None) or default_diary_path()
    reason = "the disk is full" if is_disk_full(error) else (error.strerror or str(error))
    return f"{name}: {reason}"


def entry_point() -> None:
    """Console-script entry: exit with main()'s status."""
    sys.exit(main())
