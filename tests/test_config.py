"""app/config.py: the one place for environment variables, default paths and sizes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import config

APP_DIR = Path(__file__).resolve().parents[1] / "app"


def _run(code: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _clean_env(tmp_path: Path) -> dict[str, str]:
    """This process's environment without our variables, and XDG folders under tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAIN_DIARY_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["PYTHONPATH"] = str(APP_DIR.parent)
    return env


def test_without_variables_the_files_go_to_the_user_folders(tmp_path: Path) -> None:
    code = (
        "from app import config\n"
        "print(config.default_diary_path()); print(config.demo_diary_path());"
        " print(config.config_dir())"
    )
    diary, demo, prefs = _run(code, _clean_env(tmp_path)).split()
    assert diary == str(tmp_path / "data" / "pain-diary" / "diary.sqlite3")
    assert demo == str(tmp_path / "data" / "pain-diary" / "demo-diary.sqlite3")
    assert prefs == str(tmp_path / "config" / "pain-diary")


def test_pain_diary_db_chooses_the_diary_the_cli_opens_and_where_the_demo_goes(
    tmp_path: Path,
) -> None:
    env = _clean_env(tmp_path)
    env[config.ENV_DB] = str(tmp_path / "chosen" / "mine.sqlite3")
    script = (
        "from app.cli import main\n"
        "assert main(['log', '2026-01-05', '--pain', '4']) == 0\n"
        "assert main(['demo', '--days', '30']) == 0\n"
    )
    _run(script, env)
    assert (tmp_path / "chosen" / "mine.sqlite3").is_file()
    assert (tmp_path / "chosen" / "demo-diary.sqlite3").is_file()
    assert not (tmp_path / "data").exists(), "nothing goes to the default folder"


def test_pain_diary_config_dir_holds_the_window_size(tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    env[config.ENV_CONFIG_DIR] = str(tmp_path / "prefs")
    # boot.py is the UI's start-up module, but imports no Kivy at module level.
    _run("from app.ui import boot\nboot.save_window_size((800, 900))\n", env)
    assert (tmp_path / "prefs" / "window.json").is_file()
    assert not (tmp_path / "config").exists()


def test_the_variables_are_read_when_asked_not_frozen_at_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(config.ENV_DB, str(tmp_path / "a.sqlite3"))
    monkeypatch.setenv(config.ENV_CONFIG_DIR, str(tmp_path / "prefs"))
    assert config.default_diary_path() == tmp_path / "a.sqlite3"
    assert config.demo_diary_path() == tmp_path / "demo-diary.sqlite3"
    assert config.config_dir() == tmp_path / "prefs"


def test_importing_config_is_cheap() -> None:
    code = (
        "import sys, app.config\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('kivy', 'kivymd', 'platformdirs', 'sqlalchemy', 'pydantic')))"
    )
    assert _run(code, dict(os.environ)).strip() == "[]"


def test_only_config_reads_the_environment_or_names_our_variables() -> None:
    """Other modules import names from app.config instead of spelling them again.

    Help texts and docstrings may mention $PAIN_DIARY_DB; a quoted name is a second definition.
    """
    patterns = (r"os\.environ\.get\(", r"os\.getenv\(", r"os\.environ\[", r"[\"']PAIN_DIARY_")
    strays = []
    for path in sorted(APP_DIR.rglob("*.py")):
        if path.name == "config.py" and path.parent == APP_DIR:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            where = path.relative_to(APP_DIR)
            strays += [f"{where}: {pattern}" for _ in re.finditer(pattern, text)]
    assert strays == []


def test_the_demo_size_is_the_configured_one() -> None:
    from app.cli import build_parser
    from app.demo import DEFAULT_DEMO_DAYS

    assert DEFAULT_DEMO_DAYS == config.DEFAULT_DEMO_DAYS
    assert build_parser().parse_args(["demo"]).days == config.DEFAULT_DEMO_DAYS
