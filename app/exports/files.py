"""Writing exported files: all or nothing, owner-only."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app.domain.messages import is_disk_full


class ExportPathError(ValueError):
    """The export cannot be written where asked."""


def write_problem(path: Path, error: OSError) -> str:
    """The plain reason a write of `path` failed, naming the file."""
    if is_disk_full(error):
        return f"{path}: the disk is full; nothing was written"
    reason = error.strerror or type(error).__name__
    return f"{path}: could not be written ({reason}); nothing was written"


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "w", **open_args: object) -> Iterator[IO]:
    """Write to a temporary file beside `path`, then rename it into place (0600).

    If anything fails, `path` is untouched and the temporary file is removed. A
    failure to write the file itself (disk full, I/O error) becomes an
    ExportPathError naming `path`; other errors pass through unchanged.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportPathError(f"{path}: the folder {folder} does not exist")
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        if is_disk_full(error):
            raise ExportPathError(write_problem(path, error)) from None
        raise ExportPathError(f"{path}: cannot write in {folder} ({error.strerror})") from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, mode, **open_args) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        # Writes to the handle raise without a file name; an error naming some
        # other file (a font, a picture being read) is not about `path`.
        if isinstance(error, OSError) and error.filename in (None, temp_name, str(path)):
            raise ExportPathError(write_problem(path, error)) from None
        raise


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def read_limited_text(path: Path, max_bytes: int, error: type[ValueError], what: str) -> str:
    """A regular UTF-8 file's text, refused with `error` if unreadable or over `max_bytes`.

    Only a regular file is read, whatever its name or symlink says, and at most
    `max_bytes` + 1 bytes of it: a size in the file's metadata can lie (/dev/zero,
    /proc files, a file still growing), so the limit is kept while reading too.
    """
    megabytes = max_bytes // (1024 * 1024)
    too_big = (
        f"{what} of up to {megabytes} MB can be imported"
        if megabytes
        else (f"{what} of up to {max_bytes:,} bytes can be imported")
    )
    try:
        # O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as problem:
        raise error(f"{path}: cannot be read ({problem.strerror})") from None
    try:
        info = os.fstat(fd)  # of what was opened, so a swapped symlink cannot fool it
        if not stat.S_ISREG(info.st_mode):
            raise error(
                f"{path}: is {_kind_of(info.st_mode)}, not a regular file; "
                f"only ordinary {what} can be imported"
            )
        if info.st_size > max_bytes:
            raise error(f"{path}: is {info.st_size / 1e6:.0f} MB; {too_big}")
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise error(f"{path}: is larger than {max_bytes:,} bytes; {too_big}")
    except OSError as problem:
        raise error(f"{path}: cannot be read ({problem.strerror})") from None
    finally:
        os.close(fd)
    try:
        return b"".join(chunks).decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise error(f"{path}: is not UTF-8 text (byte {problem.start})") from None
