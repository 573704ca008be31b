"""Export and import plumbing: format from the name or --format, clear refusals, no half files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.cli import main
from app.diary import Diary
from app.exports.files import atomic_write

D1 = dt.date(2026, 1, 5)


@pytest.fixture
def db(diary_path: Path) -> Path:
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": D1, "pain": 4, "note": "a note"})
    return diary_path


def _run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


@pytest.mark.parametrize(
    ("name", "flag", "check"),
    [
        ("out.csv", None, lambda text: text.startswith("date,pain,")),
        ("out.json", None, lambda text: json.loads(text)["format"] == "pain-diary-backup"),
        ("out.fhir.json", None, lambda text: json.loads(text)["resourceType"] == "Bundle"),
        ("out.json", "fhir", lambda text: json.loads(text)["resourceType"] == "Bundle"),
        ("out.json", "csv", lambda text: text.startswith("date,pain,")),
        ("out.txt", "json", lambda text: json.loads(text)["days"][0]["pain"] == 4),
        ("OUT.CSV", None, lambda text: text.startswith("date,pain,")),
    ],
)
def test_format_follows_the_name_unless_given(
    db: Path, tmp_path: Path, name: str, flag: str | None, check
) -> None:
    out = tmp_path / name
    assert _run(db, "export", str(out), *(["--format", flag] if flag else [])) == 0
    assert check(out.read_text(encoding="utf-8"))
    assert out.stat().st_mode & 0o777 == 0o600


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("out.xlsx", "unknown export format .xlsx"),
        ("out", "unknown export format (no extension)"),
        ("report.pdf", "pain-diary report FILE.pdf"),
    ],
)
def test_unknown_extension_is_exit_2_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, expected: str
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert _run(db, "export", str(out_dir / name)) == 2
    assert expected in capsys.readouterr().err
    assert list(out_dir.iterdir()) == []


def test_unwritable_places_are_exit_2_with_a_clear_message(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x", encoding="utf-8")
    for target, expected in [
        (tmp_path / "missing" / "out.csv", "does not exist"),
        (a_file / "out.csv", "does not exist"),  # a file's name used as a folder
        (tmp_path, "is a folder"),
    ]:
        for fmt in ("csv", "json", "fhir"):
            assert _run(db, "export", str(target), "--format", fmt) == 2
            err = capsys.readouterr().err
            assert expected in err and "Traceback" not in err
    assert _leftovers(tmp_path) == []


def test_a_proc_path_cannot_be_written_even_by_root(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux /proc")
    assert _run(db, "export", "/proc/out.csv") == 2
    assert "cannot write in /proc" in capsys.readouterr().err


def test_backup_ignores_no_range_silently(db: Path, tmp_path: Path, capsys) -> None:
    assert _run(db, "export", str(tmp_path / "b.json"), "--from", "2026-01-01") == 2
    assert "holds every day" in capsys.readouterr().err
    assert not (tmp_path / "b.json").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("old content\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target, "w", encoding="utf-8") as handle:
        handle.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert _leftovers(tmp_path) == []


def test_import_dispatches_on_extension(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_out, json_out = tmp_path / "d.csv", tmp_path / "d.json"
    assert _run(db, "export", str(csv_out)) == 0
    assert _run(db, "export", str(json_out)) == 0
    for source in (csv_out, json_out):
        fresh = tmp_path / f"fresh-{source.suffix[1:]}.sqlite3"
        assert _run(fresh, "import", str(source)) == 0
        with Diary.open(fresh) as diary:
            assert diary.get_day(D1).pain == 4  # type: ignore[union-attr]
    other = tmp_path / "d.txt"
    other.write_text("date\n", encoding="utf-8")
    capsys.readouterr()
    assert _run(db, "import", str(other)) == 2
    assert "unknown import format .txt" in capsys.readouterr().err


def test_importing_a_fhir_bundle_is_refused_with_a_reason(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "b.json"
    assert _run(db, "export", str(bundle), "--format", "fhir") == 0
    capsys.readouterr()
    assert _run(tmp_path / "new.sqlite3", "import", str(bundle)) == 2
    assert "is a FHIR bundle" in capsys.readouterr().err


@pytest.mark.parametrize("note", ['=HYPERLINK("x")', "+44 20 7946 0000", "-3 since Monday", "@me"])
def test_formula_notes_are_escaped_in_csv_and_come_back_exact_through_the_cli(
    diary_path: Path, tmp_path: Path, note: str
) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": D1, "note": note, "exertion_note": None})
    out = tmp_path / "days.csv"
    assert _run(diary_path, "export", str(out)) == 0
    row = out.read_text(encoding="utf-8").splitlines()[1]
    assert not row.split(",")[-1].lstrip('"').startswith(("=", "+", "-", "@"))
    assert "'" + note[0] in row
    fresh = tmp_path / "fresh.sqlite3"
    assert _run(fresh, "import", str(out)) == 0
    with Diary.open(fresh) as diary:
        assert diary.get_day(D1).note == note  # type: ignore[union-attr]
