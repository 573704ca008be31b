"""`pain-diary remind`: send a due reminder (from a timer, the app closed), and manage the times.

Exit status: 0 when a reminder was sent or none was due (silently), 1 when
one was due but no notification service answered (one line on stderr), 2 for
bad input or an unusable reminders file (nothing is changed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.cli.parsing import EXIT_OK, UsageError, command

EXIT_NOT_SENT = 1


def _arguments(parser: argparse.ArgumentParser) -> None:
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--list", action="store_true", help="list the reminder times")
    action.add_argument("--add", metavar="HH:MM", help="add a reminder at HH:MM")
    action.add_argument("--remove", metavar="HH:MM", help="remove the reminder at HH:MM")
    action.add_argument(
        "--install",
        action="store_true",
        help="check every 5 minutes with a systemd user timer (or print a crontab line)",
    )
    action.add_argument("--uninstall", action="store_true", help="remove the timer")
    parser.add_argument(
        "--only-if-not-logged",
        action="store_true",
        help="with --add: skip the reminder when today is already logged",
    )


def _logged_today(args: argparse.Namespace) -> bool | None:
    """Whether today has an entry; None when it cannot be told (then the reminder is sent)."""
    from app.cli.cipher_commands import diary_path, read_passphrase
    from app.diary import Diary, DiaryFileError

    path = diary_path(args)
    if not path.exists():
        return False
    passphrase = None
    if Diary.needs_passphrase(path):
        has_file = getattr(args, "passphrase_file", None) is not None
        from app.config import passphrase_from_environment

        if not has_file and not passphrase_from_environment():
            return None  # never prompt from a timer: remind without looking
        try:
            passphrase = read_passphrase(args)
        except UsageError:
            return None
    today = dt.date.today()
    try:
        with Diary.open(path, passphrase) as diary:
            return diary.count(today, today) > 0
    except (DiaryFileError, OSError):  # busy, damaged, wrong passphrase: remind anyway
        return None


def _db_for_timer(args: argparse.Namespace) -> Path | None:
    """The diary to pass to the timer's runs: one chosen with --db or $PAIN_DIARY_DB."""
    from app.config import default_diary_path, diary_chosen_by_environment

    chosen = getattr(args, "db", None)
    if chosen is not None:
        return Path(chosen)
    return default_diary_path() if diary_chosen_by_environment() else None


@command("remind", "send a due reminder; manage reminder times", _arguments, opens_diary=False)
def cmd_remind(args: argparse.Namespace) -> int:
    """Send a due reminder, or list/add/remove times, or install/uninstall the timer."""
    from app.reminders import settings, timer
    from app.reminders.settings import ReminderSettingsError

    if args.only_if_not_logged and args.add is None:
        raise UsageError("--only-if-not-logged goes with --add HH:MM")
    try:
        if args.add is not None:
            added = settings.add_reminder(args.add, args.only_if_not_logged)
            suffix = " (only if nothing is logged that day)" if added.only_if_not_logged else ""
            print(f"Reminder added at {added.label}{suffix}.")
            return EXIT_OK
        if args.remove is not None:
            removed = settings.remove_reminder(args.remove)
            print(f"Reminder at {removed.label} removed.")
            return EXIT_OK
        if args.list:
            return _list()
    except ReminderSettingsError as error:
        raise UsageError(str(error)) from None
    if args.install or args.uninstall:
        result = timer.install(_db_for_timer(args)) if args.install else timer.uninstall()
        for line in result.lines:
            print(line)
        return EXIT_OK if result.ok else EXIT_NOT_SENT
    return _send_if_due(args)


def _list() -> int:
    from app.reminders.settings import load_reminders
    from app.reminders.timer import timer_installed, unit_paths

    reminders, problem = load_reminders()
    if problem:
        raise UsageError(problem)
    for reminder in reminders:
        only = "  only if nothing logged" if reminder.only_if_not_logged else ""
        print(f"{reminder.label}{only}")
    print(f"{len(reminders)} reminders.")
    if timer_installed():
        print(f"The background timer is installed ({unit_paths()[1]}).")
    else:
        print("The background timer is not installed (pain-diary remind --install).")
    return EXIT_OK


def _send_if_due(args: argparse.Namespace) -> int:
    from app.reminders.notify import NotifyError
    from app.reminders.service import deliver_due, notify_desktop
    from app.reminders.settings import ReminderSettingsError

    try:
        deliver_due(dt.datetime.now(), lambda: _logged_today(args), notify_desktop)
    except ReminderSettingsError as error:
        raise UsageError(str(error)) from None
    except NotifyError as error:
        print(f"pain-diary: reminder not sent: {error}", file=sys.stderr)
        return EXIT_NOT_SENT
    return EXIT_OK
