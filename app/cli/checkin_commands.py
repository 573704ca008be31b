"""`checkin`: pain at a time of day, any number per day (and `--delete` one)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from app.cli.parsing import EXIT_OK, UsageError, command, parse_date
from app.domain import vocab

if TYPE_CHECKING:
    from app.diary import Diary
    from app.domain.checkin import CheckIn


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "date",
        nargs="?",
        type=parse_date,
        help="YYYY-MM-DD, today or yesterday (default: today)",
    )
    parser.add_argument("--at", metavar="HH:MM", help="time of day, 24-hour (default: now)")
    parser.add_argument("--pain", metavar="N", help="pain now, 0 (none) to 10 (worst imaginable)")
    parser.add_argument(
        "--where",
        action="append",
        metavar="REGION[:SIDE]",
        help=f"where it hurts; regions: {', '.join(vocab.REGIONS)}; "
        f"sides: {', '.join(vocab.SIDES)}",
    )
    parser.add_argument("--symptom", action="append", metavar="S", help=", ".join(vocab.SYMPTOMS))
    parser.add_argument(
        "--doing", metavar="D", help="what you were doing: " + ", ".join(vocab.DOING)
    )
    parser.add_argument("--note", metavar="TEXT", help="free text")
    parser.add_argument(
        "--delete", action="store_true", help="delete the check-in at DATE --at HH:MM"
    )


@command("checkin", "note pain at a time of day (any number a day)", _arguments)
def cmd_checkin(diary: Diary, args: argparse.Namespace) -> int:
    """Add (or replace, at the same minute) one check-in, or delete one."""
    from app.domain.checkin import clock_time
    from app.domain.entry import EntryError

    now = dt.datetime.now()
    date = args.date or now.date()
    if args.at is None and args.delete:
        raise UsageError("--delete needs the check-in's time: --at HH:MM")
    try:
        time = clock_time(args.at) if args.at is not None else now.time()
    except ValueError as error:
        raise EntryError([("--at", str(error))]) from None
    if args.delete:
        given = [f for f in ("pain", "where", "symptom", "doing", "note") if getattr(args, f)]
        if given:
            raise UsageError(f"--delete takes only DATE and --at, not --{given[0]}")
        gone = diary.delete_checkin(date, time)
        if gone is None:
            raise UsageError(f"there is no check-in at {time:%H:%M} on {date}")
        print(f"Deleted the check-in at {gone.clock} on {date}: {describe_checkin(gone)}")
        return EXIT_OK
    if args.pain is None:
        raise UsageError("--pain is required: a whole number from 0 to 10")
    saved, replaced = diary.save_checkin(
        {
            "date": date,
            "time": time,
            "pain": args.pain,
            "locations": args.where or [],
            "symptoms": args.symptom or [],
            "doing": args.doing,
            "note": args.note,
        },
        overwrite=True,
    )
    verb = "Replaced the check-in" if replaced else "Checked in"
    pain = diary.day_pain(date)
    print(f"{verb} at {saved.clock} on {date}: {describe_checkin(saved)}")
    if pain.source == "checkins":
        print(f"The day's pain: {pain.shown()}")
    return EXIT_OK


def describe_checkin(checkin: CheckIn) -> str:
    """'pain 5/10, sitting; Calf (left)' — one line."""
    parts = [f"pain {checkin.pain}/10"]
    if checkin.doing:
        parts[0] += f", {vocab.label(vocab.DOING, checkin.doing).lower()}"
    if checkin.locations:
        parts.append(
            ", ".join(vocab.location_label(loc.region, loc.side) for loc in checkin.locations)
        )
    if checkin.symptoms:
        parts.append(
            ", ".join(vocab.label(vocab.SYMPTOMS, s).split(" (")[0] for s in checkin.symptoms)
        )
    return "; ".join(parts)
