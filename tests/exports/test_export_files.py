"""Reading an imported file: a file larger than one read comes back whole and unchanged."""

from __future__ import annotations

from pathlib import Path

from app.exports.files import read_limited_text


def test_a_file_read_in_several_pieces_comes_back_exactly(tmp_path: Path) -> None:
    """Files are read a megabyte at a time; the pieces join with nothing in between."""
    line = "2026-01-05,4,Zoë,\n"  # 19 bytes: the megabyte boundary falls inside a line
    text = line * 60_000  # 1.14 MB
    path = tmp_path / "big.csv"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    read = read_limited_text(path, 2 * 1024 * 1024, ValueError, "test files")
    assert len(read) == len(text)
    assert read == text
