"""Health data stays private: no network, owner-only files, no pain data in logs."""

from __future__ import annotations

import logging
import socket
import stat
from pathlib import Path

import pytest

from app.cli import main


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed(f"network use attempted: {args!r}")

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


SECRET_NOTE = "private-note-7f3a"


def test_main_flows_make_no_network_connection_and_write_owner_only_files(
    no_network: None, tmp_path: Path, capsys, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    folder = tmp_path / "diary-folder"
    db = folder / "diary.sqlite3"
    other = tmp_path / "other.sqlite3"
    out = tmp_path / "out"
    out.mkdir()
    flows = [
        ["--db", str(db), "demo", "--days", "60"],
        ["--db", str(db), "log", "today", "--pain", "6", "--worst", "8", "--where", "calf:left",
         "--note", SECRET_NOTE],
        ["--db", str(db), "show", "--json"],
        ["--db", str(db), "insights", "--json"],
        ["--db", str(db), "chart", "trend", str(out / "trend.png")],
        ["--db", str(db), "report", str(out / "summary.pdf")],
        ["--db", str(db), "export", str(out / "days.csv")],
        ["--db", str(db), "export", str(out / "backup.json")],
        ["--db", str(db), "export", str(out / "bundle.fhir.json")],
        ["--db", str(other), "import", str(out / "days.csv")],
        ["--db", str(db), "backup"],
        ["--db", str(db), "backup", str(out / "copy.sqlite3")],
    ]  # fmt: skip
    for argv in flows:
        assert main(argv) == 0, (argv, capsys.readouterr().err)
    capsys.readouterr()

    written = [p for p in [*folder.rglob("*"), *out.iterdir(), other] if p.is_file()]
    names = {p.name for p in written}
    assert {"diary.sqlite3", "trend.png", "summary.pdf", "days.csv", "backup.json",
            "bundle.fhir.json", "copy.sqlite3", "other.sqlite3"} <= names  # fmt: skip
    assert any(p.parent.name == "backups" for p in written)
    loose = {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in written}
    assert all(mode == "0o600" for mode in loose.values()), loose
    for directory in (folder, folder / "backups"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert SECRET_NOTE not in logged and "calf" not in logged
