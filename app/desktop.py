"""This computer's side of exports: the folder they go to, and opening what was saved.

The export folder is a preference of this computer (like the window size), so
it lives in the config folder, never in the diary. Opening a file hands it to
the desktop's default program (xdg-open, `open`, or Windows' file association)
as a detached process: the diary neither waits for it nor closes it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from app.config import config_dir

_FOLDER_FILE = "export-folder.txt"


class NoViewerError(RuntimeError):
    """The desktop has no program to open files with."""


def default_export_folder() -> Path:
    """The user's Documents folder when it exists, else their home folder."""
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


def export_folder() -> Path:
    """The folder exports were last saved in (if it still exists), else the default."""
    try:
        text = (config_dir() / _FOLDER_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    if text and Path(text).is_dir():
        return Path(text)
    return default_export_folder()


def remember_export_folder(folder: Path | str) -> None:
    """Keep `folder` for the next export (owner-only file); failure is not worth an error."""
    target = config_dir()
    try:
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = target / _FOLDER_FILE
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(str(Path(folder).expanduser().absolute()))
    except OSError:
        pass


def _launcher() -> list[str] | None:
    """The command that opens a path with the desktop's default program, if any."""
    if sys.platform == "darwin":
        return ["open"]
    found = shutil.which("xdg-open")
    return [found] if found else None


def _start(command: list[str]) -> None:
    # Detached: its own session, no pipes to us, never waited for.
    subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )


def open_file(path: Path | str) -> None:
    """Open `path` in the desktop's default viewer; NoViewerError when there is none."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} no longer exists")
    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]  # Windows only
        return
    launcher = _launcher()
    if launcher is None:
        raise NoViewerError(
            "No program to open files was found on this computer (xdg-open is missing). "
            f"The file is saved in {path.parent}."
        )
    _start([*launcher, str(path)])


def show_in_folder(path: Path | str) -> None:
    """Show the folder holding `path` in the file manager (selecting it where possible)."""
    path = Path(path)
    if sys.platform == "win32":
        _start(["explorer", f"/select,{path}"])
        return
    if sys.platform == "darwin":
        _start(["open", "-R", str(path)])
        return
    launcher = _launcher()
    if launcher is None:
        raise NoViewerError(
            f"No file manager could be started (xdg-open is missing). The folder is {path.parent}."
        )
    _start([*launcher, str(path.parent)])
