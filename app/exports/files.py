"""Writing exported files: all or nothing, owner-only."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class ExportPathError(ValueError):
    """The export cannot be written where asked."""


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "w", **open_args: object) -> Iterator[IO]:
    """Write to a temporary file beside `path`, then rename it into place (0600).

    If anything fails, `path` is untouched and the temporary file is removed.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportPathError(f"{path}: the folder {folder} does not exist")
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise ExportPathError(f"{path}: cannot write in {folder} ({error.strerror})") from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, mode, **open_args) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def read_limited_text(path: Path, max_bytes: int, error: type[ValueError], what: str) -> str:
    """A UTF-8 file's text, refused with `error` if unreadable or over `max_bytes`.

    The size is checked before reading, so a huge file never reaches memory.
    """
    try:
        size = path.stat().st_size
    except OSError as problem:
        raise error(f"{path}: cannot be read ({problem.strerror})") from None
    if size > max_bytes:
        raise error(
            f"{path}: is {size / 1e6:.0f} MB; {what} of up to "
            f"{max_bytes // (1024 * 1024)} MB can be imported"
        )
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise error(f"{path}: is not UTF-8 text (byte {problem.start})") from None
    except OSError as problem:
        raise error(f"{path}: cannot be read ({problem.strerror})") from None
