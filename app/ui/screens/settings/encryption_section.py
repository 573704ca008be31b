"""Settings → Encryption: encrypt this diary, change its passphrase, lock after N idle minutes.

Its own widget (added to the Settings screen as one card): converting the file
is the service's work (`Diary.encrypt`, `Diary.change_passphrase`); this card
asks for the passphrases, closes the diary around the conversion and opens
it again. Passphrases go from the fields to the service and nowhere else.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.dialog import MDDialog
from kivymd.uix.label import MDLabel
from kivymd.uix.textfield import MDTextField, MDTextFieldHintText

from app.diary import Diary, DiaryFileError, Passphrase, WrongPassphraseError
from app.ui.widgets.dialogs import Choice, m3_dialog
from app.ui.widgets.layout import SectionCard
from app.ui.widgets.segments import CodeSegments  # noqa: F401  (kv class)

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: The idle times offered, in minutes.
LOCK_CHOICES = {"5": "5 min", "10": "10 min", "30": "30 min", "60": "1 hour"}


class EncryptionSection(SectionCard):
    """The Encryption card of Settings."""

    encrypted = BooleanProperty(False)
    status_text = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._filling = False
        self.dialog: MDDialog | None = None
        MDApp.get_running_app().bind(diary_version=lambda *_: self.refresh())
        Clock.schedule_once(self._setup)

    def _setup(self, *_args) -> None:
        self.ids.lock_minutes.required = True
        self.ids.lock_minutes.set_choices(LOCK_CHOICES)
        self.refresh()

    def refresh(self) -> None:
        """Show the open diary's state."""
        app = MDApp.get_running_app()
        if app is None or app.diary is None or "lock_minutes" not in self.ids:
            return
        self.encrypted = app.diary.encrypted
        if self.encrypted:
            self.status_text = (
                "This diary and its backups are encrypted: without the passphrase the file "
                "is unreadable. Exports (PDF, CSV, FHIR) are not encrypted."
            )
        else:
            self.status_text = (
                "This diary is not encrypted: anyone who can read the file can read your "
                "diary. Encrypting it asks for a passphrase each time the app opens."
            )
        self._filling = True
        try:
            minutes = f"{app.lock_minutes:g}"
            self.ids.lock_minutes.value = minutes if minutes in LOCK_CHOICES else None
        finally:
            self._filling = False

    def minutes_changed(self, value: str | None) -> None:
        if value and not self._filling:
            MDApp.get_running_app().set_lock_minutes(float(value))

    # -- dialogs ---------------------------------------------------------------------------

    def ask_encrypt(self) -> None:
        """Ask for a new passphrase (twice), then encrypt."""
        self._ask(
            "Encrypt this diary?",
            "Choose a passphrase. The app will ask for it each time it opens, and after it "
            "locks. If you forget it, nobody can open the diary: it cannot be recovered.",
            ("New passphrase", "The same again"),
            "Encrypt",
            self._encrypt,
        )

    def ask_change(self) -> None:
        """Ask for the current passphrase and a new one (twice), then change it."""
        self._ask(
            "Change the passphrase?",
            "The diary and its backups will open only with the new one.",
            ("Current passphrase", "New passphrase", "The same again"),
            "Change",
            self._change,
        )

    def _ask(self, title, text, hints, action, callback) -> None:
        fields = [MDTextField(MDTextFieldHintText(text=hint), mode="outlined") for hint in hints]
        for field in fields:
            field.password = True
            field.write_tab = False
        self.problem = MDLabel(
            text="", theme_text_color="Error", adaptive_height=True, font_style="Body"
        )
        self.dialog = m3_dialog(
            title,
            text,
            [
                Choice("Cancel", self._close_dialog, closes=False),
                Choice(action, lambda: callback([f.text for f in fields]), closes=False),
            ],
            icon="shield-lock-outline",
            content=[*fields, self.problem],
        )
        self.dialog.fields = fields
        self.dialog.open()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            for field in getattr(self.dialog, "fields", []):
                field.text = ""
            self.dialog.dismiss()

    def _encrypt(self, texts: list[str]) -> None:
        new, again = texts
        if not self._new_ok(new, again):
            return
        self._close_dialog()
        app = MDApp.get_running_app()
        path = self._release(app)
        try:
            done = Diary.encrypt(path, new)
        except (DiaryFileError, OSError, ValueError) as error:
            app.open_diary(path)
            app.notify(f"Not encrypted: {error}", duration=8)
            return
        app.passphrase = Passphrase(new)
        app.open_diary(path)
        app.notify(
            f"Encrypted, with {len(done.converted)} backups ({len(done.removed)} removed). "
            "Keep the passphrase safe: it cannot be recovered.",
            duration=8,
        )

    def _change(self, texts: list[str]) -> None:
        current, new, again = texts
        if not self._new_ok(new, again):
            return
        app = MDApp.get_running_app()
        path = self._release(app)
        try:
            Diary.change_passphrase(path, current, new)
        except WrongPassphraseError:
            app.open_diary(path)
            self.problem.text = "The current passphrase is wrong."
            return
        except (DiaryFileError, OSError, ValueError) as error:
            app.open_diary(path)
            self._close_dialog()
            app.notify(f"Passphrase not changed: {error}", duration=8)
            return
        self._close_dialog()
        app.passphrase = Passphrase(new)
        app.open_diary(path)
        app.notify("Passphrase changed, for the diary and its backups.")

    def _new_ok(self, new: str, again: str) -> bool:
        if not new:
            self.problem.text = "Type a passphrase."
        elif new != again:
            self.problem.text = "The two passphrases differ."
        else:
            return True
        return False

    @staticmethod
    def _release(app) -> Path:
        """Save what the form holds and close the diary, so the file can be converted."""
        today = app.screen("today")
        if today.form.unsaved_dates():
            today.save_all()
        path = app.diary.path
        app.diary.close()
        return path
