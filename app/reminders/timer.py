"""Installing the background check: a systemd user timer, or a crontab line where there is none.

The timer runs `pain-diary remind` every 5 minutes; `remind` reads the times
from reminders.json each run, so changing the times needs no reinstall.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from app.config import ENV_CONFIG_DIR, config_dir_from_environment, user_units_dir

UNIT_NAME = "pain-diary-remind"
#: systemd calendar spec and the same interval as a cron schedule.
ON_CALENDAR = "*:0/5"
CRON_SCHEDULE = "*/5 * * * *"


@dataclass
class TimerResult:
    """What an install or uninstall did, in lines to show the person."""

    lines: list[str] = field(default_factory=list)
    ok: bool = True


def unit_dir() -> Path:
    """systemd's folder for the user's own units: $XDG_CONFIG_HOME/systemd/user."""
    return user_units_dir()


def unit_paths() -> tuple[Path, Path]:
    """The service and timer files."""
    folder = unit_dir()
    return folder / f"{UNIT_NAME}.service", folder / f"{UNIT_NAME}.timer"


def timer_installed() -> bool:
    """True when the timer's unit file is in place (cheap: no systemctl call)."""
    return unit_paths()[1].is_file()


def remind_command(db: Path | None = None) -> list[str]:
    """`pain-diary remind` with absolute paths: the entry point beside this interpreter, if any."""
    script = Path(sys.executable).with_name("pain-diary")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "app"]
    command.append("remind")
    if db is not None:
        command += ["--db", str(Path(db).expanduser().absolute())]
    return command


def _environment() -> dict[str, str]:
    """Settings the timer's runs need to find the same reminders as this process."""
    chosen = config_dir_from_environment()
    return {ENV_CONFIG_DIR: str(chosen)} if chosen else {}


def _systemd_quote(argument: str) -> str:
    """One ExecStart argument, quoted as systemd reads it (and % escaped as %%)."""
    escaped = argument.replace("%", "%%")
    if escaped and not any(c in escaped for c in " \t\"'\\;$"):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"').replace("$", "$$") + '"'


def service_text(db: Path | None = None) -> str:
    """The service unit: one `pain-diary remind` run."""
    lines = [
        "[Unit]",
        "Description=Pain Diary: send a reminder to log the day when one is due",
        "",
        "[Service]",
        "Type=oneshot",
        "ExecStart=" + " ".join(_systemd_quote(a) for a in remind_command(db)),
    ]
    lines += [f"Environment={_systemd_quote(f'{k}={v}')}" for k, v in _environment().items()]
    return "\n".join(lines) + "\n"


def timer_text() -> str:
    """The timer unit: every 5 minutes, and once after waking if a run was missed."""
    return (
        "[Unit]\n"
        "Description=Pain Diary: look for a due reminder every 5 minutes\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={ON_CALENDAR}\n"
        "Persistent=true\n"
        "AccuracySec=30s\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def crontab_line(db: Path | None = None) -> str:
    """The crontab line doing what the timer does (for `crontab -e`)."""
    environment = " ".join(f"{k}={shlex.quote(v)}" for k, v in _environment().items())
    command = " ".join(shlex.quote(a) for a in remind_command(db))
    # cron reads % as a new line: escape it.
    text = f"{environment} {command}".strip().replace("%", "\\%")
    return f"{CRON_SCHEDULE} {text}"


def _systemctl(*args: str) -> subprocess.CompletedProcess[str] | None:
    """Run `systemctl --user ARGS`; None when systemctl is missing or hangs."""
    program = shutil.which("systemctl")
    if program is None:
        return None
    try:
        return subprocess.run(
            [program, "--user", *args], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def user_manager_running() -> bool:
    """True when systemd runs a manager for this user (systemctl --user answers)."""
    done = _systemctl("show-environment")
    return done is not None and done.returncode == 0


def _write_private(path: Path, text: str) -> None:
    from app.exports.files import atomic_write

    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def install(db: Path | None = None) -> TimerResult:
    """Write and start the systemd user timer; without systemd, the crontab line to add."""
    result = TimerResult()
    if not user_manager_running():
        result.lines += [
            "systemd's user manager is not running here, so no timer was installed.",
            "To check for reminders every 5 minutes with cron, add this line (crontab -e):",
            crontab_line(db),
        ]
        return result
    service, timer = unit_paths()
    service.parent.mkdir(parents=True, exist_ok=True)
    _write_private(service, service_text(db))
    _write_private(timer, timer_text())
    result.lines.append(f"Wrote {service} and {timer}.")
    for step in (("daemon-reload",), ("enable", "--now", f"{UNIT_NAME}.timer")):
        done = _systemctl(*step)
        if done is None or done.returncode != 0:
            reason = (
                (done.stderr.strip().splitlines() or ["no answer"])[-1] if done else "no answer"
            )
            result.lines.append(f"systemctl --user {' '.join(step)} failed: {reason}")
            result.ok = False
            return result
    result.lines.append(
        f"The timer {UNIT_NAME}.timer is on: reminders are checked every 5 minutes."
    )
    return result


def uninstall() -> TimerResult:
    """Stop the timer and remove its files (and say to remove a crontab line, if one was used)."""
    result = TimerResult()
    service, timer = unit_paths()
    if user_manager_running() and timer.exists():
        _systemctl("disable", "--now", f"{UNIT_NAME}.timer")
    removed = [path for path in (timer, service) if path.exists()]
    for path in removed:
        path.unlink()
    if removed and user_manager_running():
        _systemctl("daemon-reload")
    if removed:
        result.lines.append("Removed " + " and ".join(str(p) for p in removed) + ".")
    else:
        result.lines.append(f"No timer was installed ({timer} does not exist).")
    result.lines.append(
        "If you added a crontab line for `pain-diary remind`, remove it with crontab -e."
    )
    return result
