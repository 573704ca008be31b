"""`pain-diary remind`: managing times, and installing the timer (systemd, or a crontab line)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.reminders.settings import load_reminders


def test_add_list_remove(config_folder: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["remind", "--add", "9:00", "--only-if-not-logged"]) == 0
    assert main(["remind", "--add", "20:15"]) == 0
    capsys.readouterr()
    assert main(["remind", "--list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("09:00  only if nothing logged\n20:15\n2 reminders.\n")
    assert main(["remind", "--remove", "09:00"]) == 0
    assert [r.label for r in load_reminders()[0]] == ["20:15"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--add", "25:00"], "Reminder time: use HH:MM, e.g. 09:00 (got '25:00')"),
        (["--remove", "10:00"], "Reminder time: there is no reminder at 10:00"),
        (["--only-if-not-logged"], "--only-if-not-logged goes with --add HH:MM"),
    ],
)
def test_bad_values_exit_2_and_change_nothing(
    config_folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
):
    assert main(["remind", "--add", "20:15"]) == 0
    before = (config_folder / "reminders.json").read_bytes()
    capsys.readouterr()
    assert main(["remind", *args]) == 2
    assert said in capsys.readouterr().err
    assert (config_folder / "reminders.json").read_bytes() == before


def test_a_bad_file_exits_2_naming_it(config_folder: Path, capsys: pytest.CaptureFixture[str]):
    config_folder.mkdir()
    (config_folder / "reminders.json").write_text('{"reminders": [{"time": "7"}]}')
    assert main(["remind"]) == 2
    err = capsys.readouterr().err
    assert "reminders.json: reminders[0].time: use HH:MM" in err


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary XDG_CONFIG_HOME, and a PATH of only `bin` (no real systemctl)."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    return home


def test_install_without_systemd_prints_the_crontab_line(
    xdg: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    db = tmp_path / "my diary.sqlite3"
    assert main(["remind", "--install", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "systemd's user manager is not running here" in out
    line = out.splitlines()[-1]
    assert line.startswith("*/5 * * * * PAIN_DIARY_CONFIG_DIR=")
    assert f"remind --db '{db}'" in line
    assert not (xdg / "systemd").exists()  # nothing written


def _stand_in_systemctl(folder: Path) -> Path:
    """A `systemctl` that logs its arguments and succeeds (no user manager runs in tests)."""
    log = folder / "systemctl.log"
    script = folder / "bin" / "systemctl"
    script.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n', encoding="utf-8")
    script.chmod(0o755)
    return log


def test_install_and_uninstall_with_systemd(
    xdg: Path, tmp_path: Path, config_folder: Path, capsys: pytest.CaptureFixture[str]
):
    log = _stand_in_systemctl(tmp_path)
    db = tmp_path / "100% mine.sqlite3"
    assert main(["remind", "--install", "--db", str(db)]) == 0
    units = xdg / "systemd" / "user"
    service = (units / "pain-diary-remind.service").read_text(encoding="utf-8")
    timer = (units / "pain-diary-remind.timer").read_text(encoding="utf-8")
    entry = Path(sys.executable).with_name("pain-diary")
    program = f"{entry} remind" if entry.is_file() else f"{sys.executable} -m app remind"
    assert f'ExecStart={program} --db "{tmp_path}/100%% mine.sqlite3"\n' in service
    assert f"Environment=PAIN_DIARY_CONFIG_DIR={config_folder}\n" in service
    assert "Type=oneshot" in service
    assert "OnCalendar=*:0/5\nPersistent=true\n" in timer
    assert "WantedBy=timers.target" in timer
    assert stat.S_IMODE((units / "pain-diary-remind.timer").stat().st_mode) == 0o600
    assert log.read_text().splitlines() == [
        "--user show-environment",
        "--user daemon-reload",
        "--user enable --now pain-diary-remind.timer",
    ]
    assert main(["remind", "--list"]) == 0
    assert "The background timer is installed" in capsys.readouterr().out

    log.unlink()
    assert main(["remind", "--uninstall"]) == 0
    assert not os.listdir(units)
    assert "--user disable --now pain-diary-remind.timer" in log.read_text().splitlines()
    assert "Removed" in capsys.readouterr().out
