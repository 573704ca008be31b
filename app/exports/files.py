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
