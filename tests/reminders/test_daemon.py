"""Reminders sent to a real notification daemon (dunst on a private bus), read back from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.diary import Diary
from app.reminders.notify import BODY, TITLE
from app.reminders.service import Outcome, deliver_due, notify_or_fallback
from app.reminders.settings import Reminder, save_reminders
from tests.reminders.conftest import Bus, cli_env, run_cli

SENT = {"appname": TITLE, "summary": TITLE, "body": BODY}


def _due_now(config: Path, only_if_not_logged: bool = False) -> None:
    """One reminder at the current minute: due now (and never across midnight)."""
    now = dt.datetime.now()
    save_reminders([Reminder(dt.time(now.hour, now.minute), only_if_not_logged)], config)


def test_remind_sends_once_to_the_daemon(dunst_bus: Bus, config_folder: Path, tmp_path: Path):
    _due_now(config_folder)
    env = cli_env(config_folder, DBUS_SESSION_BUS_ADDRESS=dunst_bus.address)
    db = str(tmp_path / "diary.sqlite3")
    first = run_cli("remind", "--db", db, env=env)
    assert (first.returncode, first.stdout, first.stderr) == (0, "", "")
    assert dunst_bus.received() == [SENT]
    again = run_cli("remind", "--db", db, env=env)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert dunst_bus.received() == [SENT]  # not twice
    assert not Path(db).exists()  # reminding never creates a diary


def test_remind_not_due_sends_nothing(dunst_bus: Bus, config_folder: Path, tmp_path: Path):
    later = dt.datetime.now() + dt.timedelta(hours=1)
    save_reminders([Reminder(dt.time(later.hour, later.minute))], config_folder)
    env = cli_env(config_folder, DBUS_SESSION_BUS_ADDRESS=dunst_bus.address)
    done = run_cli("remind", "--db", str(tmp_path / "d.sqlite3"), env=env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert dunst_bus.received() == []


def test_only_if_not_logged_skips_a_logged_day(dunst_bus: Bus, config_folder: Path, tmp_path):
    db = tmp_path / "diary.sqlite3"
    with Diary.open(db) as diary:
        diary.save_day({"date": dt.date.today(), "pain": 4})
    _due_now(config_folder, only_if_not_logged=True)
    env = cli_env(config_folder, DBUS_SESSION_BUS_ADDRESS=dunst_bus.address)
    done = run_cli("remind", "--db", str(db), env=env)
    assert (done.returncode, done.stderr) == (0, "")
    assert dunst_bus.received() == []


def test_only_if_not_logged_reminds_on_an_empty_day(dunst_bus: Bus, config_folder: Path, tmp_path):
    db = tmp_path / "diary.sqlite3"
    with Diary.open(db) as diary:
        diary.save_day({"date": dt.date.today() - dt.timedelta(days=1), "pain": 4})
    _due_now(config_folder, only_if_not_logged=True)
    env = cli_env(config_folder, DBUS_SESSION_BUS_ADDRESS=dunst_bus.address)
    done = run_cli("remind", "--db", str(db), env=env)
    assert (done.returncode, done.stderr) == (0, "")
    assert dunst_bus.received() == [SENT]


def test_in_app_path_reaches_the_daemon(
    dunst_bus: Bus, config_folder: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", dunst_bus.address)
    _due_now(config_folder)
    banners: list[str] = []
    now = dt.datetime.now()
    outcome = deliver_due(now, lambda: False, notify_or_fallback(banners.append))
    assert outcome is Outcome.SENT
    assert banners == []
    assert dunst_bus.received() == [SENT]
    assert deliver_due(now, lambda: False, notify_or_fallback(banners.append)) is (
        Outcome.NOTHING_DUE
    )


def test_no_bus_exits_1_with_a_reason(config_folder: Path, tmp_path: Path):
    _due_now(config_folder)
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    env = cli_env(config_folder, XDG_RUNTIME_DIR=str(runtime))
    done = run_cli("remind", "--db", str(tmp_path / "d.sqlite3"), env=env)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "reminder not sent: no desktop session bus" in done.stderr
    # Not marked as sent: the next run tries again.
    assert run_cli("remind", "--db", str(tmp_path / "d.sqlite3"), env=env).returncode == 1


def test_no_notification_service_exits_1(bare_bus: Bus, config_folder: Path, tmp_path: Path):
    _due_now(config_folder)
    env = cli_env(config_folder, DBUS_SESSION_BUS_ADDRESS=bare_bus.address)
    done = run_cli("remind", "--db", str(tmp_path / "d.sqlite3"), env=env)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "no desktop notification service answered" in done.stderr


def test_in_app_path_falls_back_to_a_banner(
    bare_bus: Bus, config_folder: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bare_bus.address)
    _due_now(config_folder)
    banners: list[str] = []
    outcome = deliver_due(dt.datetime.now(), lambda: None, notify_or_fallback(banners.append))
    assert outcome is Outcome.SHOWN_IN_APP
    assert banners == [BODY]


def test_an_encrypted_diary_without_its_passphrase_is_reminded(
    dunst_bus: Bus, config_folder: Path, tmp_path: Path
):
    db = tmp_path / "diary.sqlite3"
    with Diary.open(db) as diary:
        diary.save_day({"date": dt.date.today(), "pain": 4})
    Diary.encrypt(db, "correct horse")
    with_key = tmp_path / "config-with-key"
    for folder in (config_folder, with_key):
        _due_now(folder, only_if_not_logged=True)
    bus = {"DBUS_SESSION_BUS_ADDRESS": dunst_bus.address}
    # With the passphrase it can look: today is logged, nothing is sent.
    done = run_cli(
        "remind",
        "--db",
        str(db),
        env=cli_env(with_key, PAIN_DIARY_PASSPHRASE="correct horse", **bus),
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert dunst_bus.received() == []
    # Without it, it cannot look, and reminds (never asking for the passphrase).
    done = run_cli("remind", "--db", str(db), env=cli_env(config_folder, **bus))
    assert (done.returncode, done.stderr) == (0, "")
    assert dunst_bus.received() == [SENT]
