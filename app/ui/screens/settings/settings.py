"""Settings: which diary file is open (and opening another), theme, the user's name."""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.screen import MDScreen

import app as app_package
from app.diary import SETTING_USER_NAME
from app.ui.widgets.segments import CodeSegments  # noqa: F401  (kv class)

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

THEMES = {"light": "Light", "dark": "Dark"}


class SettingsScreen(MDScreen):
    diary_path = StringProperty("")
    is_default = BooleanProperty(True)
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

    def refresh(self) -> None:
        from app.storage.database import default_diary_path

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
        from app.storage.database import default_diary_path

        app = MDApp.get_running_app()
        if app.open_diary(default_diary_path()):
            app.notify("Back to your usual diary.")
