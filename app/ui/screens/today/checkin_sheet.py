"""Check in: a bottom sheet for pain at a time of day (the day's list is `checkin_list`).

The sheet is a view of `app.forms.checkin_form.CheckInForm`: pain (the same
score circles as the form's, so 0 is one tap), what you are doing (one-tap
chips), where (chips of places noted lately), an optional note and the time
(now, typed to change). Check in → pain → doing → Save is four clicks.

KivyMD 2.0's MDBottomSheet lives inside an MDNavigationLayout as a side
panel; a modal sheet over any screen is a ModalView anchored at the bottom,
drawn with M3's sheet shape (28 dp top corners, drag handle, scrim).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kivy.lang import Builder
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.modalview import ModalView

from app.domain import vocab
from app.forms.checkin_form import CheckInForm, CheckInOutcome, place_label
from app.ui.widgets import chips, fields, score_row  # noqa: F401  (kv classes)
from app.ui.widgets.chips import ToggleChip

if TYPE_CHECKING:
    # The model imports pydantic (0.2-0.35 s): not at start-up, for a list.
    from app.domain.checkin import CheckIn

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class CheckInSheet(ModalView):
    """The sheet over the screen; `form` holds what is chosen, `on_saved(outcome)` follows a save.

    Closing it (Cancel, Esc, a tap on the scrim) with something chosen and not
    saved asks first: what was typed is never dropped silently.
    """

    form = ObjectProperty(None)
    title = StringProperty("Check in")
    subtitle = StringProperty("")
    editing = BooleanProperty(False)
    problems_text = StringProperty("")
    note_open = BooleanProperty(False)
    closing = BooleanProperty(False)

    def __init__(
        self,
        form: CheckInForm,
        subtitle: str,
        on_saved: Callable[[CheckInOutcome], None],
        on_delete: Callable[[CheckIn], None] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.form = form
        self.subtitle = subtitle
        self.editing = form.editing is not None
        self.title = "Edit check-in" if self.editing else "Check in"
        self._on_saved = on_saved
        self._on_delete = on_delete
        self._asking = None
        self._fill()

    # -- filling and reading --------------------------------------------------------------

    def _fill(self) -> None:
        form, ids = self.form, self.ids
        ids.time.text = form.time_text
        ids.note.text = form.note
        if form.note:
            self.open_note(focus=False)
        ids.pain.value = form.pain
        ids.pain.bind(value=self._pain_chosen)
        for code, text in vocab.DOING.items():
            chip = ToggleChip(text=text, code=code, active=code == form.doing)
            chip.bind(active=self._doing_chosen)
            ids.doing.add_widget(chip)
        for code in form.place_choices():
            chip = ToggleChip(text=place_label(code), code=code, active=code in form.places)
            chip.bind(active=self._place_chosen)
            ids.places.add_widget(chip)

    def _pain_chosen(self, _row, value) -> None:
        self.form.pain = value

    def _doing_chosen(self, chip: ToggleChip, active: bool) -> None:
        # One activity at a time: choosing one lets go of the other.
        if active:
            for other in self.ids.doing.chips():
                if other is not chip and other.active:
                    other.active = False
            self.form.doing = chip.code
        elif self.form.doing == chip.code:
            self.form.doing = None

    def _place_chosen(self, chip: ToggleChip, active: bool) -> None:
        if active != (chip.code in self.form.places):
            self.form.toggle_place(chip.code)

    def time_typed(self, text: str) -> None:
        self.form.time_text = text

    def note_typed(self, text: str) -> None:
        self.form.note = text

    def open_note(self, focus: bool = True) -> None:
        """Show the note field (the button that opened it goes: the field takes the row)."""
        self.note_open = True
        button = self.ids.note_button
        if button.parent is not None:
            button.parent.remove_widget(button)
        if focus:
            self.ids.note.focus = True

    # -- saving, deleting, closing -----------------------------------------------------------

    def save(self) -> CheckInOutcome:
        """Store the check-in; a refusal is shown in the sheet, which stays open."""
        outcome = self.form.save()
        if outcome.saved is None:
            self.problems_text = "\n".join(outcome.lines())
            return outcome
        self.problems_text = ""
        self.dismiss(force=True)
        self._on_saved(outcome)
        return outcome

    def delete(self) -> None:
        """Delete the check-in being edited (the list offers Undo)."""
        editing = self.form.editing
        self.dismiss(force=True)
        if editing is not None and self._on_delete is not None:
            self._on_delete(editing)

    def on_touch_down(self, touch):
        # The view covers the window; a tap on the scrim above the sheet closes it.
        if not self.ids.card.collide_point(*touch.pos):
            self.dismiss()
            return True
        return super().on_touch_down(touch)

    def dismiss(self, *args, **kwargs):
        """Close; with something chosen and not saved, ask first (unless `force=True`)."""
        if not kwargs.get("force") and self.parent is not None and self.form.dirty:
            self.ask_to_discard()  # stays open until the person says
            return
        self.closing = True  # fading out: no longer the sheet on screen
        super().dismiss(*args, **kwargs)

    def ask_to_discard(self) -> None:
        """Keep editing / Discard, for a check-in chosen and not saved."""
        from app.ui.widgets.dialogs import Choice, m3_dialog

        if self._asking is not None and self._asking.parent is not None:
            return
        dialog = m3_dialog(
            "Discard this check-in?",
            "What you chose is not saved yet.",
            [Choice("Discard", lambda: self.dismiss(force=True)), Choice("Keep editing")],
        )
        self._asking = dialog
        dialog.open()


# -- shared by Today and History ------------------------------------------------------------


def shown_sheet() -> CheckInSheet | None:
    """The check-in sheet on screen (opened from Today or History), if any."""
    from kivy.core.window import Window

    shown = (w for w in Window.children if isinstance(w, CheckInSheet) and not w.closing)
    return next(shown, None)


def open_sheet(
    date,
    checkin: CheckIn | None = None,
    on_saved: Callable[[CheckInOutcome], None] | None = None,
) -> CheckInSheet:
    """Open the sheet for a new check-in on `date` (now), or to edit `checkin`."""
    from kivymd.app import MDApp

    from app.forms.day_form import date_title

    app = MDApp.get_running_app()
    form = CheckInForm(app.diary, date, editing=checkin)

    def saved(outcome: CheckInOutcome) -> None:
        app.diary_changed()  # Today's list and pain, History, Trends
        app.notify(outcome.message)
        if on_saved is not None:
            on_saved(outcome)

    sheet = CheckInSheet(form, date_title(date), on_saved=saved, on_delete=delete_with_undo)
    sheet.open()
    return sheet


def delete_with_undo(checkin: CheckIn) -> None:
    """Delete a check-in at once and offer Undo (saving it again) in the snackbar."""
    from kivymd.app import MDApp

    from app.domain.entry import EntryError

    app = MDApp.get_running_app()
    removed = app.diary.delete_checkin(checkin.date, checkin.time)
    if removed is None:
        return
    app.diary_changed()

    def undo() -> None:
        try:
            app.diary.save_checkin(removed)
        except EntryError as error:  # another check-in took that minute meanwhile
            app.notify(f"Not restored: {error.problems[0][1]}")
            return
        app.diary_changed()
        app.notify(f"Restored the {removed.clock} check-in.")

    app.notify(
        f"Deleted the {removed.clock} check-in (pain {removed.pain}).",
        action="Undo",
        callback=undo,
        duration=8,
    )
