"""The built wheel carries its migrations and assets and runs from any folder."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True,
    )  # fmt: skip
    (wheel,) = out.glob("pain_diary-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(target)
    assert "app/migrations/env.py" in names
    assert any(name.startswith("app/migrations/versions/0001") for name in names)
    assert not any(name.startswith(("tests/", "migrations/")) for name in names)
    return target


@pytest.mark.slow
def test_the_wheel_runs_from_another_folder_with_its_own_migrations(
    unpacked_wheel: Path, tmp_path: Path
) -> None:
    env = {"PYTHONPATH": str(unpacked_wheel), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    db = tmp_path / "diary.sqlite3"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", "--db", str(db), *args],
            cwd=tmp_path, env=env, capture_output=True, text=True,
        )  # fmt: skip

    logged = cli("log", "today", "--pain", "5", "--where", "lower_back")
    assert logged.returncode == 0, logged.stderr
    shown = json.loads(cli("show", "--json").stdout)
    assert shown[0]["pain"] == 5 and shown[0]["locations"] == [
        {"region": "lower_back", "side": None}
    ]
    where = subprocess.run(
        [sys.executable, "-c",
         "import app.storage.migrate as m; print(m.migrations_dir())"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(where).is_relative_to(unpacked_wheel)
