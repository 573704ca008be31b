"""`factor` (the user's own factors) and `suspect` (what they suspect sets off flare-ups)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from app.cli.parsing import EXIT_OK, UsageError, command
from app.domain.own_factors import BUILT_IN_FACTORS, KIND_LABELS, MAX_OWN_FACTORS, MAX_SUSPECTS

if TYPE_CHECKING:
    from app.diary import Diary

#: How many names each `factor` action takes.
_FACTOR_NAMES = {"add": 1, "list": 0, "rename": 2, "archive": 1}
_LAG_WORDS = {0: "same day", 1: "next day"}


def _factor_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=list(_FACTOR_NAMES), help="what to do")
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help="the factor's name (rename: OLD NEW)"
    )
    parser.add_argument(
        "--kind", choices=list(KIND_LABELS), help="add: yesno, rating (0-10) or minutes"
    )
    parser.add_argument(
        "--threshold",
        metavar="N",
        help="add: exposed from this rating (default 7) or above these minutes (default 60)",
    )
    parser.add_argument("--json", action="store_true", help="list: print JSON")


def _names(args: argparse.Namespace, wanted: int, usage: str) -> list[str]:
    if len(args.names) != wanted:
        raise UsageError(f"{usage}")
    return args.names


@command(
    "factor",
    f"your own factors (up to {MAX_OWN_FACTORS}): add NAME --kind K, list, rename OLD NEW, "
    "archive NAME",
    _factor_arguments,
)
def cmd_factor(diary: Diary, args: argparse.Namespace) -> int:
    """Add, list, rename or archive the user's own factors."""
    if args.action != "add" and (args.kind is not None or args.threshold is not None):
        raise UsageError(f"--kind and --threshold go with `factor add`, not `factor {args.action}`")
    if args.action == "add":
        (name,) = _names(args, 1, "factor add takes one NAME and --kind yesno|rating|minutes")
        if args.kind is None:
            raise UsageError("factor add needs --kind yesno, rating or minutes")
        added = diary.add_factor(name, args.kind, args.threshold)
        print(f"Added {added.name} ({KIND_LABELS[added.kind]}{_threshold(added)})")
    elif args.action == "rename":
        old, new = _names(args, 2, "factor rename takes OLD NEW")
        renamed = diary.rename_factor(old, new)
        print(f"Renamed {old} to {renamed.name}; its values are kept")
    elif args.action == "archive":
        (name,) = _names(args, 1, "factor archive takes one NAME")
        archived = diary.archive_factor(name)
        print(
            f"Archived {archived.name}: kept in the days that have it and in exports, "
            "no longer offered for new days"
        )
    else:
        _names(args, 0, "factor list takes no names")
        _list_factors(diary, args.json)
    return EXIT_OK


def _threshold(factor) -> str:  # type: ignore[no-untyped-def]
    if factor.kind == "yesno":
        return ""
    if factor.threshold is None:
        return ", exposed at 7 or more" if factor.kind == "rating" else ", exposed above 60 min"
    limit = f"{factor.threshold:g}"
    return (
        f", exposed at {limit} or more"
        if factor.kind == "rating"
        else f", exposed above {limit} min"
    )


def _list_factors(diary: Diary, as_json: bool) -> None:
    factors = diary.factors(include_archived=True)
    if as_json:
        json.dump([{**f.as_json(), "days": f.days} for f in factors], sys.stdout, indent=2)
        print()
        return
    if not factors:
        print("No own factors yet. Add one with: pain-diary factor add NAME --kind yesno")
        return
    print(f"{'name':<30} {'kind':<12} {'threshold':>9}  {'days':>5}  archived")
    for f in factors:
        threshold = "-" if f.threshold is None else f"{f.threshold:g}"
        print(
            f"{f.name:<30} {KIND_LABELS[f.kind]:<12} {threshold:>9}  {f.days:>5}  "
            f"{'yes' if f.archived else ''}"
        )


def _suspect_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["add", "list", "remove"], help="what to do")
    parser.add_argument(
        "factor",
        nargs="?",
        metavar="FACTOR",
        help=f"{' '.join(BUILT_IN_FACTORS)} or one of your own factors",
    )
    parser.add_argument(
        "--lag",
        type=int,
        choices=[0, 1],
        help="0: the same day, 1: the next day (add: default 1; remove: default both)",
    )
    parser.add_argument("--json", action="store_true", help="list: print JSON")


@command(
    "suspect",
    f"what you suspect sets off flare-ups (up to {MAX_SUSPECTS}, tested first): "
    "add FACTOR [--lag 0|1], list, remove FACTOR",
    _suspect_arguments,
)
def cmd_suspect(diary: Diary, args: argparse.Namespace) -> int:
    """Declare, list or remove suspects."""
    if args.action == "list":
        if args.factor is not None:
            raise UsageError("suspect list takes no FACTOR")
        _list_suspects(diary, args.json)
        return EXIT_OK
    if args.factor is None:
        raise UsageError(f"suspect {args.action} needs a FACTOR")
    if args.action == "add":
        suspect = diary.add_suspect(args.factor, 1 if args.lag is None else args.lag)
        print(
            f"Suspect: {suspect.factor} ({_LAG_WORDS[suspect.lag]}), declared "
            f"{suspect.declared_on.isoformat()}; it covers {suspect.covers_text()}"
        )
    else:
        for gone in diary.remove_suspect(args.factor, args.lag):
            print(f"Removed suspect {gone.factor} ({_LAG_WORDS[gone.lag]})")
    return EXIT_OK


def _list_suspects(diary: Diary, as_json: bool) -> None:
    suspects = diary.suspects()
    if as_json:
        json.dump([s.as_json() for s in suspects], sys.stdout, indent=2)
        print()
        return
    if not suspects:
        print(
            "No suspects. Declare what you think sets off your flare-ups with: "
            "pain-diary suspect add FACTOR"
        )
        return
    print(f"{'factor':<30} {'when':<9} {'declared':<10}  covers")
    for s in suspects:
        print(
            f"{s.factor:<30} {_LAG_WORDS[s.lag]:<9} {s.declared_on.isoformat():<10}  "
            f"{s.covers_text()}"
        )
