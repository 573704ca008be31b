"""The lock screen: an encrypted diary's passphrase, before anything of the diary is read.

It asks the app to unlock (`PainDiaryApp.unlock`); the field is emptied after
every try, so the passphrase stays in no widget. After `MAX_UNLOCK_TRIES`
wrong passphrases in a row it makes the person wait `wait_seconds`: slowing a
guesser at the keyboard (the key derivation already costs each try half a second).
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.screen import MDScreen

from app.config import MAX_UNLOCK_TRIES, UNLOCK_WAIT_SECONDS
from app.diary import DiaryFileError, WrongPassphraseError

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class LockScreen(MDScreen):
    """Passphrase field and Unlock button; wrong tries counted, then a wait."""

    file_text = StringProperty("")
    message = StringProperty("")
    waiting = BooleanProperty(False)
    #: Wrong passphrases in a row (reset by a right one).
    wrong_tries = NumericProperty(0)
    #: Seconds left of the wait after too many wrong tries.
    wait_left = NumericProperty(0)
    wait_seconds = NumericProperty(UNLOCK_WAIT_SECONDS)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._tick = None

    def on_pre_enter(self, *_args) -> None:
        app = MDApp.get_running_app()
        self.file_text = str(app.diary_path) if app is not None else ""
        Clock.schedule_once(self.focus_field, 0.1)

    def focus_field(self, *_args) -> None:
        """Put the cursor in the passphrase field (unless waiting)."""
        if not self.waiting and "passphrase" in self.ids:
            self.ids.passphrase.focus = True

    def unlock(self) -> None:
        """Try the typed passphrase; on success the app shows the diary."""
        field = self.ids.passphrase
        text = field.text
        field.text = ""  # never kept in the widget, right or wrong
        if self.waiting:
            return
        if not text:
            self.message = "Type the diary's passphrase."
            return
        try:
            MDApp.get_running_app().unlock(text)
        except WrongPassphraseError:
            self.wrong_tries += 1
            if self.wrong_tries >= MAX_UNLOCK_TRIES:
                self._start_wait()
            else:
                left = MAX_UNLOCK_TRIES - self.wrong_tries
                self.message = f"Wrong passphrase. {left} more tries before a short wait."
            Clock.schedule_once(self.focus_field, 0)
            return
        except (DiaryFileError, OSError) as error:
            self.message = str(error)
            return
        self.wrong_tries = 0
        self.message = ""

    def _start_wait(self) -> None:
        self.waiting = True
        self.wait_left = self.wait_seconds
        self._show_wait()
        self._tick = Clock.schedule_interval(self._count_down, min(1.0, self.wait_seconds))

    def _count_down(self, elapsed: float) -> bool:
        self.wait_left = max(0.0, self.wait_left - elapsed)
        if self.wait_left > 0:
            self._show_wait()
            return True
        self.waiting = False
        self.wrong_tries = 0
        self.message = "You can try again."
        Clock.schedule_once(self.focus_field, 0)
        return False

    def _show_wait(self) -> None:
        self.message = (
            f"{MAX_UNLOCK_TRIES} wrong passphrases in a row. "
            f"Wait {max(1, round(self.wait_left))} seconds, then try again."
        )
