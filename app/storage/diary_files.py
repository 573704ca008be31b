"""The files that make up a diary on disk, and keeping other writes off them."""

from __future__ import annotations

import os
from pathlib import Path

from app.storage.backups import backup_dir


class OwnFileError(ValueError):
    """A file was to be written over the diary, its companions or its backups."""


def side_files(path: Path) -> tuple[Path, Path]:
    """The diary's SQLite companions: its -wal and -shm files."""
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def same_file(one: Path, other: Path) -> bool:
    """True if both exist and are one file (same inode and device)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def refuse_own_files(diary_path: Path, path: Path | str) -> Path:
    """`path`, unless it is the diary, its -wal/-shm or in its backups folder (OwnFileError).

    However they are named (a symlink, a hard link, `x/../D`): existing files
    are compared by inode, the rest by resolved path.
    """
    target = Path(path).expanduser()
    wal, shm = side_files(diary_path)
    own = {
        diary_path: "the diary itself",
        wal: "the diary's write-ahead log",
        shm: "the diary's shared-memory index",
    }
    real = Path(os.path.realpath(target))
    for file, what in own.items():
        if real == Path(os.path.realpath(file)) or same_file(target, file):
            named = "" if str(path) == str(file) else f" ({file})"
            raise OwnFileError(
                f"{path} is {what}{named}; choose another file. Nothing was written."
            )
    folder = backup_dir(diary_path)
    inside = real.is_relative_to(os.path.realpath(folder)) or any(
        same_file(parent, folder) for parent in real.parents
    )
    if inside:
        raise OwnFileError(
            f"{path} is inside the diary's backups folder ({folder}), which the app "
            "manages and prunes; choose another folder. Nothing was written."
        )
    return target
