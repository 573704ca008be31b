"""Commands on the diary file itself: backup, restore, demo, and opening the app."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.parsing import EXIT_OK, UsageError, command
from app.config import DEFAULT_DEMO_DAYS, MAX_DEMO_DAYS
from app.diary import Diary


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, nargs="?", help="where to write the copy")
    parser.add_argument("--list", action="store_true", help="list the kept backups instead")


@command("backup", "copy the diary now (to FILE, or to backups/)", _backup_arguments)
def cmd_backup(diary: Diary, args: argparse.Namespace) -> int:
    """Make a consistent copy now, or list the kept ones."""
    if args.list:
        kept = diary.list_backups()
        for item in kept:
            print(f"{item.date.isoformat()}  {item.path}")
        print(f"{len(kept)} backups in {diary.path.parent / 'backups'}")
        return EXIT_OK
    target = diary.backup(args.file)
    print(f"Backed up {diary.path} to {target}")
    return EXIT_OK


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the backup to restore")


@command(
    "restore",
    "replace the diary with a backup (keeps a copy first)",
    _restore_arguments,
    opens_diary=False,
)
def cmd_restore(args: argparse.Namespace) -> int:
    """Put a backup into the diary (which may be damaged, so it is not opened first)."""
    path = getattr(args, "db", None)
    passphrase = None
    if Diary.needs_passphrase(path, args.file):
        from app.cli.cipher_commands import read_passphrase

        passphrase = read_passphrase(args)
    kept = Diary.restore(path, args.file, passphrase)
    with Diary.open(path, passphrase) as diary:
        count = diary.count()
    print(f"Restored {args.file} into {diary.path} ({count} days).")
    if kept is None:
        print("There was no diary before, so no copy of it was kept.")
    else:
        print(f"The diary as it was before is kept in {kept}")
    return EXIT_OK


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--days", type=int, default=DEFAULT_DEMO_DAYS, help="how many days (default %(default)s)"
    )


@command("demo", "create a demo diary to explore", _demo_arguments, opens_diary=False)
def cmd_demo(args: argparse.Namespace) -> int:
    """Make a demo diary (never over an existing one) and say how to open it."""
    if not 1 <= args.days <= MAX_DEMO_DAYS:
        raise UsageError(f"--days must be from 1 to {MAX_DEMO_DAYS}, got {args.days}")
    from app.config import demo_diary_path

    path = getattr(args, "db", None) or demo_diary_path()
    with Diary.create_demo(path, args.days) as diary:
        count = diary.count()
    print(f"Created a demo diary with {count} logged days in {path}")
    print(f"Open it with:  pain-diary --db {path}")
    print(f"Or look at it: pain-diary --db {path} show")
    return EXIT_OK


@command("gui", "open the app window (the default)", opens_diary=False)
def cmd_gui(args: argparse.Namespace) -> int:
    """Open the app (it opens the diary itself, to offer a restore if it is damaged)."""
    from app.ui.app import run

    return run(getattr(args, "db", None))
