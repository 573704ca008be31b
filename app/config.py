"""The app's settings that are not in the diary: names, paths, sizes and limits.

One place to look up (and change) what the app reads from the environment,
where its files go by default, and the limits it enforces. Everything else
imports from here. Cheap to import: no Kivy, and `platformdirs` (about 30 ms)
only when a default folder is actually needed.

Environment variables (README, "Configuration"):

- `PAIN_DIARY_DB`: the diary file used when `--db` is not given.
- `PAIN_DIARY_CONFIG_DIR`: the folder for this computer's preferences
  (the window size); default: the user config folder.
- `PAIN_DIARY_PASSPHRASE`: an encrypted diary's passphrase, for scripts
  (`--passphrase-file` is the other way; on a terminal it is asked for).
- `PAIN_DIARY_NEW_PASSPHRASE`: the new one, for `pain-diary passphrase` in scripts.

The person's own preferences (theme, name on reports) are settings stored in
the diary itself, so they follow the diary, not the computer.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Folder name under the platform's data and config folders.
APP_NAME = "pain-diary"

ENV_DB = "PAIN_DIARY_DB"
ENV_CONFIG_DIR = "PAIN_DIARY_CONFIG_DIR"
ENV_PASSPHRASE = "PAIN_DIARY_PASSPHRASE"
ENV_NEW_PASSPHRASE = "PAIN_DIARY_NEW_PASSPHRASE"

DIARY_FILE_NAME = "diary.sqlite3"
#: The demo diary sits beside the default diary, never inside a chosen one's folder.
DEMO_FILE_NAME = "demo-diary.sqlite3"
#: Days in a demo diary: long enough for the planted links to show (app/demo.py).
DEFAULT_DEMO_DAYS = 120
#: The longest demo diary `pain-diary demo --days` makes (a century of days).
MAX_DEMO_DAYS = 36_500

# Limits. Import files are read whole into memory, so larger ones are refused
# before reading; the caps are far above any real diary: ten years of days is
# about 2 MB of CSV, or 5 MB of JSON backup with every detail.
MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_BACKUP_BYTES = 50 * 1024 * 1024
#: How long a save waits for another program's write to finish before giving up.
BUSY_TIMEOUT_MS = 5_000
#: Dated backups kept: the newest daily ones, and the newest of each month.
KEEP_DAILY_BACKUPS = 14
KEEP_MONTHLY_BACKUPS = 12
#: The app locks an encrypted diary after this many idle minutes (a setting changes it).
DEFAULT_LOCK_MINUTES = 10
#: Wrong passphrases in a row on the lock screen before it makes the person wait.
MAX_UNLOCK_TRIES = 5
UNLOCK_WAIT_SECONDS = 30


def default_diary_path() -> Path:
    """The diary used when none is chosen: $PAIN_DIARY_DB or the user data folder."""
    chosen = os.environ.get(ENV_DB)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DIARY_FILE_NAME


def diary_chosen_by_environment() -> bool:
    """Whether $PAIN_DIARY_DB names the diary (so a timer must name it too)."""
    return bool(os.environ.get(ENV_DB))


def config_dir_from_environment() -> Path | None:
    """$PAIN_DIARY_CONFIG_DIR as an absolute path, or None when it is not set."""
    chosen = os.environ.get(ENV_CONFIG_DIR)
    return Path(chosen).expanduser().absolute() if chosen else None


def user_units_dir() -> Path:
    """systemd's folder for the user's own units: $XDG_CONFIG_HOME/systemd/user."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "systemd" / "user"


def session_bus_address() -> str | None:
    """The session bus: $DBUS_SESSION_BUS_ADDRESS, else the user's standard socket if it exists.

    Cron starts commands without the desktop's environment, but the bus of a
    logged-in user is at $XDG_RUNTIME_DIR/bus (/run/user/UID/bus) on systemd systems.
    """
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if address:
        return address
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    socket = Path(runtime) / "bus"
    return f"unix:path={socket}" if socket.exists() else None


def use_session_bus(address: str) -> None:
    """Name the session bus for libraries that read $DBUS_SESSION_BUS_ADDRESS (cron sets none)."""
    os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", address)


def passphrase_from_environment(name: str = ENV_PASSPHRASE) -> str | None:
    """The passphrase a script put in $PAIN_DIARY_PASSPHRASE (or `name`), if any."""
    return os.environ.get(name) or None


def demo_diary_path() -> Path:
    """Where the demo diary is made: beside the default diary."""
    return default_diary_path().with_name(DEMO_FILE_NAME)


def config_dir() -> Path:
    """Folder for this computer's preferences: $PAIN_DIARY_CONFIG_DIR or the user config folder."""
    chosen = os.environ.get(ENV_CONFIG_DIR)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)
