"""Command line: `pain-diary COMMAND ...`; no command opens the app window.

Each command lives beside its handler (day_commands, file_commands,
diary_commands) and registers itself there (`parsing.command`); this module
builds the parser from the registry and runs one command.

Exit status: 0 on success, 2 on bad input or an unusable diary file (the
message goes to stderr and the diary is left as it was).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

# The command modules register their commands when imported, in this order.
from app.cli import (  # noqa: F401
    checkin_commands,
    cipher_commands,
    day_commands,
    diary_commands,
    factor_commands,
    file_commands,
    remind_commands,
)
from app.cli.cipher_commands import PLAINTEXT_OUTPUTS, passphrase_if_encrypted
from app.cli.day_commands import describe, insights_text
from app.cli.file_commands import export_format
from app.cli.parsing import (
    COMMANDS,
    EXIT_BAD_INPUT,
    EXIT_OK,
    Parser,
    UsageError,
    parse_date,
)
from app.diary import Diary, DiaryFileError, EntryError

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "UsageError",
    "build_parser",
    "describe",
    "entry_point",
    "export_format",
    "insights_text",
    "main",
    "parse_date",
]


def build_parser() -> argparse.ArgumentParser:
    """The `pain-diary` parser: one subparser per registered command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help="diary file to use (default: $PAIN_DIARY_DB, else the user data folder)",
    )
    common.add_argument(
        "--passphrase-file",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="an encrypted diary's passphrase, read from FILE "
        "(else $PAIN_DIARY_PASSPHRASE, else asked on the terminal)",
    )
    parser = Parser(
        prog="pain-diary",
        description="A private pain and activity diary for back and leg pain. "
        "Run without a command to open the app.",
        parents=[common],
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for spec in COMMANDS.values():
        spec.arguments(subparsers.add_parser(spec.name, parents=[common], help=spec.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    # Everything this process writes (diary, backups, exports) is the owner's alone.
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    spec = COMMANDS[args.command or "gui"]
    try:
        if not spec.opens_diary:
            return spec.run(args)
        passphrase = passphrase_if_encrypted(args)
        with Diary.open(getattr(args, "db", None), passphrase) as diary:
            for warning in diary.warnings:  # e.g. today's backup failed: said once, not fatal
                print(f"pain-diary: {diary.path}: {warning}", file=sys.stderr)
            status = spec.run(diary, args)
            if diary.encrypted and spec.name in PLAINTEXT_OUTPUTS and status == EXIT_OK:
                print(
                    f"pain-diary: note: {args.file} is NOT encrypted (exports are plain "
                    "files by design, even from an encrypted diary); keep it safe.",
                    file=sys.stderr,
                )
            return status
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
    from app.domain.messages import is_disk_full

    name = error.filename
    if not name:
        output = getattr(args, "file", None) if args.command != "restore" else None
        name = output or getattr(args, "db", None) or default_diary_path()
    reason = "the disk is full" if is_disk_full(error) else (error.strerror or str(error))
    return f"{name}: {reason}"


def entry_point() -> None:
    """Console-script entry: exit with main()'s status."""
    sys.exit(main())
