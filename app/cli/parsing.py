"""What every command shares: exit codes, the parser class, dates, and the command registry.

A command registers itself next to its handler with `@command(...)`, giving
a function that adds its arguments; `build_parser` (app/cli/__init__.py)
makes one subparser per registered command, in registration order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from app.domain.messages import ECHO_LIMIT, quote_input

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad command-line input; the message is shown as is."""


Arguments = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, one-line help, arguments and handler.

    `run(diary, args)` gets the open diary; with `opens_diary=False` it is
    `run(args)` and opens what it needs itself (demo, restore, the app).
    """

    name: str
    help: str
    arguments: Arguments
    run: Callable[..., int]
    opens_diary: bool = True


#: Every subcommand, in the order `pain-diary --help` lists them.
COMMANDS: dict[str, Command] = {}


def _no_arguments(_parser: argparse.ArgumentParser) -> None:
    """A command without arguments of its own."""


def command(
    name: str, help: str, arguments: Arguments = _no_arguments, *, opens_diary: bool = True
) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """Register the decorated function as the handler of subcommand `name`."""

    def register(run: Callable[..., int]) -> Callable[..., int]:
        if name in COMMANDS:
            raise RuntimeError(f"two commands are called {name!r}")
        COMMANDS[name] = Command(name, help, arguments, run, opens_diary)
        return run

    return register


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


def pair(first: str, second: str) -> Callable[[str], dict[str, str]]:
    """A parser for NAME[:VALUE] items, as dicts with the keys `first` and `second`."""

    def parse(text: str) -> dict[str, str]:
        name, sep, rest = text.partition(":")
        return {first: name, second: rest} if sep else {first: name}

    return parse


def add_range(parser: argparse.ArgumentParser) -> None:
    """--from D and --to D: the period a command looks at."""
    parser.add_argument("--from", dest="start", type=parse_date, metavar="D", help="first day")
    parser.add_argument("--to", dest="end", type=parse_date, metavar="D", help="last day")


def check_range(args: argparse.Namespace) -> None:
    """Refuse a period that ends before it starts."""
    if args.start and args.end and args.end < args.start:
        raise UsageError(f"--to {args.end} is before --from {args.start}")


class Parser(argparse.ArgumentParser):
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


def hours(minutes: int) -> str:
    """Minutes as the CLI's tables show them: 7h30, 45m."""
    whole, rest = divmod(minutes, 60)
    return f"{whole}h{rest:02d}" if whole else f"{rest}m"


def cell(value: Any) -> str:
    """A table cell: '-' for nothing recorded."""
    return "-" if value is None else str(value)
