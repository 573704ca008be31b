"""Settings: which diary file is open (and opening another), theme, the user's name."""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.screen import MDScreen

import app as app_package
from app.diary import SETTING_USER_NAME, Diary, DiaryFileError
from app.ui.widgets import layout as _layout  # noqa: F401  (kv classes)
from app.ui.widgets.dialogs import Choice, m3_dialog
from app.ui.widgets.segments import CodeSegments  # noqa: F401  (kv class)

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

THEMES = {"light": "Light", "dark": "Dark"}


class SettingsScreen(MDScreen):
    diary_path = StringProperty("")
    is_default = BooleanProperty(True)
    backup_text = StringProperty("")
    has_backups = BooleanProperty(False)
    about_text = StringProperty(
        f"Version {app_package.__version__}. Works offline; makes no network connection. "
        "Keyboard: Ctrl+S saves the day, Ctrl+1 to Ctrl+5 switch tabs, Tab moves between fields."
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._filling = False
        MDApp.get_running_app().bind(diary_version=lambda *_: self.refresh())
        Clock.schedule_once(self._setup)

    def _setup(self, *_args) -> None:
        self.ids.theme.required = True
        self.ids.theme.set_choices(THEMES)
        self.refresh()

    def on_pre_enter(self, *_args) -> None:
        self.refresh()
        if "reminders" in self.ids:  # times may have changed from the command line
            self.ids.reminders.refresh()

    def refresh(self) -> None:
        from app.config import default_diary_path

        app = MDApp.get_running_app()
        if "theme" not in self.ids or not getattr(self.ids.theme, "_items", None):
            return
        self._filling = True
        try:
            self.diary_path = str(app.diary.path)
            self.is_default = Path(app.diary.path) == default_diary_path().absolute()
            self.ids.theme.value = "dark" if app.theme_cls.theme_style == "Dark" else "light"
            self.ids.user_name.text = app.diary.setting(SETTING_USER_NAME, "") or ""
        finally:
            self._filling = False
        self.refresh_backups()

    # -- backups ------------------------------------------------------------------------

    def refresh_backups(self) -> None:
        kept = MDApp.get_running_app().diary.list_backups()
        self.has_backups = bool(kept)
        if not kept:
            self.backup_text = "No backup yet: one is made the first time the diary opens each day."
            return
        newest = kept[0]
        self.backup_text = (
            # The date leads with its day number: "backup: Thu" read as "backup:Thu"
            # (Roboto sets a capital T tight against the space before it).
            f"Latest backup: {newest.date.day} {newest.date:%b %Y} ({len(kept)} kept)"
            f"\n{newest.path}"
        )

    def backup_now(self) -> None:
        app = MDApp.get_running_app()
        try:
            target = app.diary.backup()
        except (DiaryFileError, OSError) as error:
            app.notify(f"Backup not made: {error}")
            return
        self.refresh_backups()
        app.notify(f"Backed up to {target.name}.")

    def confirm_restore(self) -> None:
        """Ask before replacing the diary with its newest backup."""
        kept = MDApp.get_running_app().diary.list_backups()
        if not kept:
            return
        newest = kept[0]
        self.restore_dialog = m3_dialog(
            "Restore the latest backup?",
            f"Your diary will be replaced by the backup from {newest.date:%A %d %B %Y}. "
            "Days logged since then will be gone from the diary, but the diary as it is "
            "now is kept in the backups folder first.",
            [Choice("Cancel"), Choice("Restore", self.restore_newest, closes=False)],
            icon="backup-restore",
        )
        self.restore_dialog.open()

    def restore_newest(self) -> None:
        app = MDApp.get_running_app()
        dialog = getattr(self, "restore_dialog", None)
        if dialog is not None:
            dialog.dismiss()
        kept = app.diary.list_backups()
        if not kept:
            return
        path = app.diary.path
        app.diary.close()
        try:
            saved_copy = Diary.restore(path, kept[0].path, app.passphrase)
        except DiaryFileError as error:
            app.open_diary(path)
            app.notify(f"Not restored: {error}")
            return
        if app.open_diary(path):
            app.notify(
                f"Restored the backup of {kept[0].date:%d %b}. "
                f"The previous diary is kept as {saved_copy.name}."
            )

    def theme_changed(self, value: str | None) -> None:
        if value and not self._filling:
            MDApp.get_running_app().set_theme(value)

    def save_name(self) -> None:
        if self._filling:
            return
        app = MDApp.get_running_app()
        name = " ".join(self.ids.user_name.text.split()) or None
        if name != app.diary.setting(SETTING_USER_NAME):
            app.diary.set_setting(SETTING_USER_NAME, name)
            app.notify("Name saved." if name else "Name removed from reports.")

    def open_other(self) -> None:
        text = self.ids.other_path.text.strip()
        app = MDApp.get_running_app()
        if not text:
            app.notify("Type the path of a diary file first.")
            return
        if app.open_diary(Path(text).expanduser()):
            self.ids.other_path.text = ""
            app.notify(f"Opened {app.diary.path}.")

    def open_default(self) -> None:
        from app.config import default_diary_path

        app = MDApp.get_running_app()
        if app.open_diary(default_diary_path()):
            app.notify("Back to your usual diary.")
