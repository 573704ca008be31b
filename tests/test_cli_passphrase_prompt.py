"""The passphrase prompt on a real terminal (a pty): asked twice, never echoed."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

from app.diary import Diary

ROOT = Path(__file__).resolve().parents[1]
SECRET = "typed-on-a-terminal"


def _drain(fd: int, seen: bytearray, wait: float) -> bool:
    """Read what the terminal shows within `wait` seconds; False once the child closed it."""
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return True
    try:
        data = os.read(fd, 4096)
    except OSError:  # EIO: the child is gone
        return False
    seen += data
    return bool(data)


def _wait_for(fd: int, seen: bytearray, marker: bytes, start: int, timeout: float = 60) -> int:
    """Read until `marker` shows after `start`; returns where it ends."""
    end = time.monotonic() + timeout
    while seen.find(marker, start) < 0:
        assert time.monotonic() < end, f"no {marker!r} in {bytes(seen)!r}"
        if not _drain(fd, seen, 0.2):
            raise AssertionError(f"the command ended before asking: {bytes(seen)!r}")
    return seen.find(marker, start) + len(marker)


def _with_terminal(args: list[str], answers: list[str]) -> tuple[int, bytes]:
    """Run the CLI with a pty as its controlling terminal; answer each prompt in turn."""
    master, slave = os.openpty()

    def take_terminal() -> None:  # in the child, after setsid: make the pty its /dev/tty
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PAIN_DIARY_PASSPHRASE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=take_terminal,
    )
    os.close(slave)
    seen = bytearray()
    try:
        position = 0
        for answer in answers:
            position = _wait_for(master, seen, b": ", position)
            time.sleep(0.3)  # getpass flushes typeahead when it turns echo off
            os.write(master, answer.encode() + b"\n")
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            _drain(master, seen, 0.2)
        while _drain(master, seen, 0.2) and time.monotonic() < deadline:
            pass
        process.wait(timeout=5)
    finally:
        os.close(master)
    return process.returncode, bytes(seen)


def test_encrypt_asks_twice_on_a_terminal_without_echo(diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.update_day(dt.date(2026, 1, 2), {"pain": 3})
    status, output = _with_terminal(["--db", str(diary_path), "encrypt"], [SECRET, SECRET])
    assert status == 0, output
    assert b"New passphrase for" in output and b"Again" in output
    assert SECRET.encode() not in output  # not echoed, not printed
    assert Diary.is_encrypted(diary_path)
    with Diary.open(diary_path, SECRET) as diary:
        assert diary.count() == 1
    status, output = _with_terminal(["--db", str(diary_path), "show"], ["wrong"])
    assert status == 2 and b"wrong passphrase" in output
