"""Reminder test set-up: a private config folder, and a real notification daemon.

`dunst_bus` starts a private session bus (dbus-daemon with its own config, so
nothing is auto-started from the system's service files), Xvfb on a free
display, and dunst on both; `received()` reads back what dunst was sent
(`dunstctl history`). Skipped, with the reason, where dunst, Xvfb or
dbus-daemon are not installed (./quickstart test installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture(autouse=True)
def config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every reminder test has its own config folder (never the user's)."""
    folder = tmp_path / "config"
    monkeypatch.setenv("PAIN_DIARY_CONFIG_DIR", str(folder))
    return folder


def cli_env(config: Path, **extra: str) -> dict[str, str]:
    """The environment of a `pain-diary` subprocess: this worktree first, no desktop bus."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "XDG_RUNTIME_DIR"}
    }
    env.update(PYTHONPATH=str(ROOT), PAIN_DIARY_CONFIG_DIR=str(config))
    env.update(extra)
    return env


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`pain-diary ARGS` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _needs(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed: the real notification daemon cannot run "
            "(./quickstart test installs dunst, dbus and xvfb)"
        )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Bus:
    """A private session bus (and maybe dunst on it)."""

    address: str
    runtime_dir: Path

    def received(self) -> list[dict[str, str]]:
        """Every notification dunst got: {"appname", "summary", "body"}."""
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address}
        # Shown notifications reach the history when closed.
        subprocess.run(["dunstctl", "close-all"], env=env, check=True, timeout=10)
        time.sleep(0.3)
        done = subprocess.run(
            ["dunstctl", "history"], env=env, capture_output=True, text=True, timeout=10
        )
        done.check_returncode()
        items = json.loads(done.stdout)["data"][0]
        return [{k: item[k]["data"] for k in ("appname", "summary", "body")} for item in items]


def _start_bus(folder: Path) -> tuple[subprocess.Popen, str]:
    folder.mkdir(mode=0o700)
    config = folder / "session.conf"
    config.write_text(_BUS_CONFIG.format(socket=folder / "bus"), encoding="utf-8")
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    address = daemon.stdout.readline().strip() if daemon.stdout else ""
    if not address:
        _stop(daemon)
        pytest.fail("dbus-daemon printed no address")
    return daemon, address


@pytest.fixture
def bare_bus(tmp_path: Path) -> Iterator[Bus]:
    """A session bus with no notification service on it."""
    _needs("dbus-daemon")
    daemon, address = _start_bus(tmp_path / "bus")
    try:
        yield Bus(address, tmp_path / "bus")
    finally:
        _stop(daemon)


@pytest.fixture
def dunst_bus(tmp_path: Path) -> Iterator[Bus]:
    """A session bus with dunst (on Xvfb) answering as the notification service."""
    _needs("dbus-daemon", "Xvfb", "dunst", "dunstctl")
    daemon, address = _start_bus(tmp_path / "bus")
    read_display, write_display = os.pipe()
    xvfb = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_display),
            "-screen",
            "0",
            "640x480x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_display,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_display)
    dunst = None
    try:
        with os.fdopen(read_display) as pipe:
            display = pipe.readline().strip()
        if not display:
            pytest.fail("Xvfb chose no display")
        (tmp_path / "dunstrc").write_text("", encoding="utf-8")
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "DISPLAY": f":{display}"}
        dunst = subprocess.Popen(
            ["dunst", "-config", str(tmp_path / "dunstrc")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while (
            subprocess.run(["dunstctl", "is-paused"], env=env, capture_output=True).returncode != 0
        ):
            if time.monotonic() > deadline or dunst.poll() is not None:
                pytest.fail("dunst did not start on the private bus")
            time.sleep(0.1)
        yield Bus(address, tmp_path / "bus")
    finally:
        if dunst is not None:
            _stop(dunst)
        _stop(xvfb)
        _stop(daemon)
