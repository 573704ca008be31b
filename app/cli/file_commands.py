"""Commands that write or read files: export, import, chart, report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.parsing import EXIT_BAD_INPUT, EXIT_OK, UsageError, add_range, check_range, command
from app.diary import CHART_KINDS, PAPERS
from app.domain.messages import clip_input, problem_lines, quote_input

if TYPE_CHECKING:
    from app.diary import Diary, ImportReport

EXPORT_FORMATS = ("csv", "json", "fhir", "checkins")
CHART_SUFFIXES = (".png", ".svg")


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
        f"or add --format {'|'.join(EXPORT_FORMATS)}{hint}"
    )


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, help="FILE.csv, FILE.json (full backup) or FILE.fhir.json"
    )
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="csv: one row per day; checkins: CSV with one row per check-in; "
        "json: full backup for import; fhir: FHIR R4 bundle (default: from the file name)",
    )
    add_range(parser)


@command("export", "export days or check-ins to CSV, a full JSON backup or FHIR", _export_arguments)
def cmd_export(diary: Diary, args: argparse.Namespace) -> int:
    """Write the period's days as CSV or FHIR, or the whole diary as a JSON backup."""
    fmt = export_format(args.file, args.format)
    if args.file.is_dir():
        raise UsageError(f"{args.file}: is a folder; give a file name to export to")
    if fmt == "json":
        if args.start or args.end:
            raise UsageError(
                "a JSON backup holds every day; --from/--to apply to csv and fhir exports"
            )
        count = diary.export_json(args.file)
        print(
            f"Backed up {count} days with their check-ins, your own exercise names "
            f"and settings to {args.file}"
        )
    elif fmt == "fhir":
        count = diary.export_fhir(args.file, args.start, args.end)
        print(f"Exported {count} FHIR observations to {args.file}")
    elif fmt == "checkins":
        count = diary.export_checkins_csv(args.file, args.start, args.end)
        print(f"Exported {count} check-ins to {args.file}")
    else:
        count = diary.export_csv(args.file, args.start, args.end)
        print(f"Exported {count} days to {args.file}")
    return EXIT_OK


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, help="FILE.csv (days or check-ins) or FILE.json (a Pain Diary backup)"
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace days (with a backup: and their check-ins) or check-ins that already exist",
    )


@command("import", "import days or check-ins from a CSV file or a JSON backup", _import_arguments)
def cmd_import(diary: Diary, args: argparse.Namespace) -> int:
    """Import a CSV file or a JSON backup, all or nothing."""
    suffix = args.file.suffix.lower()
    if suffix == ".csv":
        report = diary.import_csv(args.file, replace=args.replace)
    elif suffix == ".json":
        report = diary.import_json(args.file, replace=args.replace)
    else:
        raise UsageError(
            f"{args.file}: unknown import format {clip_input(suffix) or '(no extension)'}; "
            "import takes FILE.csv or FILE.json (a Pain Diary backup)"
        )
    print_import_report(report, args.file)
    return EXIT_OK if report.ok else EXIT_BAD_INPUT


def print_import_report(report: ImportReport, source: Path) -> None:
    """What an import did, or (on stderr) why it did nothing."""
    if report.problems:
        print(f"{source}: nothing was imported; fix these rows and try again:", file=sys.stderr)
        listed = problem_lines([f"line {line}: {problem}" for line, problem in report.problems])
        for problem in listed:
            print(f"  {problem}", file=sys.stderr)
        return
    if report.checkin_conflicts:
        shown = ", ".join(
            f"{d.isoformat()} {t.strftime('%H:%M')}" for d, t in report.checkin_conflicts[:10]
        )
        extra = len(report.checkin_conflicts) - 10
        more = f" and {extra} more" if extra > 0 else ""
        print(
            f"{source}: nothing was imported; {len(report.checkin_conflicts)} check-ins are "
            f"already in the diary with different values: {shown}{more}. "
            "Run again with --replace to overwrite them.",
            file=sys.stderr,
        )
        return
    if report.kind == "checkins":
        print(
            f"Imported {report.checkins_added} new check-ins, replaced "
            f"{report.checkins_replaced}, {report.checkins_unchanged} already identical."
        )
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
        + (f" Wrote {report.checkins_added} check-ins with them." if report.checkins_added else "")
    )
    if report.settings_kept:
        print(
            f"Kept this diary's own settings ({', '.join(report.settings_kept)}); "
            "run with --replace to take the backup's."
        )


def _chart_kind(text: str) -> str:
    kind = text.strip().lower()
    if kind not in CHART_KINDS:
        raise argparse.ArgumentTypeError(
            f"unknown chart {quote_input(text)}; choose one of {', '.join(CHART_KINDS)}"
        )
    return kind


def _chart_file(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise argparse.ArgumentTypeError(
            f"{quote_input(text)}: charts are written as .png or .svg; "
            "name the file FILE.png or FILE.svg"
        )
    return path


def _chart_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", type=_chart_kind, metavar="KIND", help=", ".join(CHART_KINDS))
    parser.add_argument("file", type=_chart_file, metavar="FILE", help="FILE.png or FILE.svg")
    add_range(parser)


@command("chart", "draw a chart to a PNG or SVG", _chart_arguments)
def cmd_chart(diary: Diary, args: argparse.Namespace) -> int:
    """Draw one chart of the period to a PNG or SVG file."""
    check_range(args)
    start, end = diary.export_chart(args.file, args.kind, args.start, args.end)
    print(f"Drew the {args.kind} chart of {start} to {end} into {args.file}")
    return EXIT_OK


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="FILE.pdf")
    add_range(parser)
    default = next(iter(PAPERS))
    parser.add_argument(
        "--paper", choices=tuple(PAPERS), default=default, help=f"paper size (default {default})"
    )
    parser.add_argument(
        "--days", action="store_true", help="add an appendix with a table of every day"
    )


@command("report", "write the doctor's PDF summary of a period", _report_arguments)
def cmd_report(diary: Diary, args: argparse.Namespace) -> int:
    """Write the PDF summary; the numbers are those of `insights` for the same period."""
    if args.file.suffix.lower() != ".pdf":
        raise UsageError(f"{args.file}: the report is a PDF; name the file FILE.pdf")
    if args.file.is_dir():
        raise UsageError(f"{args.file}: is a folder; give a file name for the report")
    check_range(args)
    pages = diary.export_report(
        args.file, args.start, args.end, paper=args.paper, include_days=args.days
    )
    print(f"Wrote the {pages}-page summary to {args.file}")
    return EXIT_OK
