"""The window shown instead of the diary when the diary file cannot be opened.

The damaged file is never touched unless the person presses Restore: then it
is kept (as a copy in backups/) and replaced by the newest good backup, and the
app starts again on the restored diary.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.ui.boot import configure_kivy

configure_kivy()

from kivy.clock import Clock  # noqa: E402
from kivymd.app import MDApp  # noqa: E402
from kivymd.uix.dialog import MDDialog  # noqa: E402
from kivymd.uix.screen import MDScreen  # noqa: E402

from app.diary import Diary, DiaryFileError  # noqa: E402
from app.ui.widgets.dialogs import Choice, m3_dialog  # noqa: E402


def recovery_text(path: Path, error: DiaryFileError) -> str:
    """What the dialog says: what is wrong, that nothing changed, what can be done."""
    lines = [error.reason, "", "The file has not been changed."]
    backup = error.backup
    if backup is not None:
        lines.append(
            f"The newest good backup is from {backup.date:%A %d %B %Y} ({backup.path.name}). "
            "Restore puts it in place of the damaged file, which is kept in the backups "
            "folder first."
        )
    else:
        lines.append(
            f"No backup of it was found in {path.parent / 'backups'}. "
            "Start the app with another diary file (pain-diary --db PATH)."
        )
    return "\n".join(lines)


class RecoveryApp(MDApp):
    """A window with one dialog: restore the newest good backup, or quit."""

    def __init__(self, path: Path, error: DiaryFileError, **kwargs):
        super().__init__(**kwargs)
        self.title = "Pain Diary"
        self.path = path
        self.error = error
        self.restored = False
        self.dialog: MDDialog | None = None
        #: Called after a successful restore; the real app stops so run() can restart.
        self.after_restore: Callable[[], None] = self.stop

    def build(self):
        self.theme_cls.primary_palette = "Teal"
        Clock.schedule_once(self.show, 0)
        return MDScreen(md_bg_color=self.theme_cls.backgroundColor)

    def show(self, *_args) -> None:
        choices = [Choice("Quit", self.stop, closes=False)]
        if self.error.backup is not None:
            choices.append(Choice("Restore backup", self.restore, closes=False))
        self.dialog = m3_dialog(
            "Your diary cannot be opened",
            recovery_text(self.path, self.error),
            choices,
            icon="database-alert-outline",
        )
        self.restore_button = self.dialog.buttons.get("Restore backup")
        self.dialog.open()

    def restore(self) -> None:
        """Replace the damaged file with the newest good backup (the person asked)."""
        try:
            Diary.restore(self.path, self.error.backup.path)
        except DiaryFileError as error:
            if self.dialog is not None:
                self.dialog.dismiss()
            self.error = error
            Clock.schedule_once(self.show, 0)
            return
        self.restored = True
        if self.dialog is not None:
            self.dialog.dismiss()
        self.after_restore()
