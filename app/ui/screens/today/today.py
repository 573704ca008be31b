"""Today: log or edit one day in under a minute with the mouse.

The form keeps what was typed while other tabs are shown (the screen stays
alive in the screen manager) and, when the date is switched with unsaved
changes, as a draft for that date. Saving goes through `Diary.save_day`;
refusals are listed at the top of the form, naming the field.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import (
    BooleanProperty,
    ColorProperty,
    ListProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.widget import Widget
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.screen import MDScreen

from app.diary import DiaryBusyError, DiaryFileError
from app.domain import vocab
from app.ui.colors import pain_color
from app.ui.frames import after_next_frame
from app.ui.widgets.layout import SectionCard  # noqa: F401  (kv class)

if TYPE_CHECKING:
    from kivymd.uix.dialog import MDDialog
    from kivymd.uix.menu import MDDropdownMenu

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: Field codes of DayEntry in the words the form uses (for refusals).
FIELD_LABELS = {
    "date": "Date",
    "pain": "Average pain",
    "worst_pain": "Worst pain",
    "enjoyment_interference": "Interference with enjoying life",
    "activity_interference": "Interference with general activity",
    "locations": "Where it hurts",
    "symptoms": "What it feels like",
    "sitting_minutes": "Sitting",
    "standing_minutes": "Standing",
    "active_minutes": "Active",
    "exercises": "Exercise",
    "exertion": "Exertion",
    "exertion_note": "Exertion note",
    "posture": "Posture",
    "sleep_hours": "Sleep",
    "sleep_quality": "Sleep quality",
    "treatments": "Treatment",
    "red_flags": "Red flags",
    "flare": "Flare-up",
    "note": "Note",
    "day": "This day",
}


def describe_problem(field: str, message: str) -> str:
    """'Worst pain: must be ...' — a refusal in the form's words."""
    if field == "day" and message:
        # Rules across fields already name them ("worst pain (3) must be ...").
        return message[0].upper() + message[1:]
    parts = field.split(".")
    name = FIELD_LABELS.get(parts[0], parts[0].replace("_", " ").capitalize())
    if len(parts) > 1 and parts[1].isdigit():
        name = f"{name} {int(parts[1]) + 1}"
        if len(parts) > 2:
            name = f"{name} ({parts[2]})"
    return f"{name}: {message}"


def date_title(date: dt.date, today: dt.date | None = None) -> str:
    """'Today, Sat 21 Nov' / 'Yesterday, Fri 20 Nov' / 'Mon 3 Nov 2025'."""
    today = today or dt.date.today()
    short = f"{date:%a} {date.day} {date:%b}"
    if date == today:
        return f"Today, {short}"
    if date == today - dt.timedelta(days=1):
        return f"Yesterday, {short}"
    return short if date.year == today.year else f"{short} {date.year}"


class ExerciseRow(MDBoxLayout):
    """One exercise done today, with its minutes."""

    name = StringProperty("")
    label = StringProperty("")
    minutes = ObjectProperty(None, allownone=True)

    def remove_me(self) -> None:
        self.parent.remove_widget(self)


class TreatmentRow(MDBoxLayout):
    """One treatment taken, with an optional dose and the relief it gave."""

    name = StringProperty("")
    label = StringProperty("")
    dose = StringProperty("")
    relief = ObjectProperty(None, allownone=True)

    def remove_me(self) -> None:
        self.parent.remove_widget(self)


class RedFlagRow(MDBoxLayout):
    """One red flag of the checklist."""

    code = StringProperty("")
    text = StringProperty("")
    active = BooleanProperty(False)


class DateTitle(ButtonBehavior, MDBoxLayout):
    """The date and save status; clicking it opens the date picker."""


class TodayScreen(MDScreen):
    """The day form. `collect()` reads it, `fill()` writes it, `save()` stores it.

    The screen's header and save bar are drawn in the app's first frame; the
    form (about 400 widgets) is built and filled on the frame after, so the
    window never waits for it. `form_ready` says when it is there.
    """

    form_ready = BooleanProperty(False)
    current_date = ObjectProperty(None)
    date_title = StringProperty("")
    is_today = BooleanProperty(True)
    pain = ObjectProperty(None, allownone=True)
    pain_words = StringProperty("Not recorded yet")
    pain_text_color = ColorProperty((0.5, 0.5, 0.5, 1))
    problems_text = StringProperty("")
    status_text = StringProperty("")
    exercise_choices = ListProperty()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._filling = False
        self._write_path_loading = False
        self._baseline: dict[str, Any] = {}
        self._drafts: dict[dt.date, dict[str, Any]] = {}
        self._logged = False
        self._saved_at: str | None = None
        self.red_flag_dialog: MDDialog | None = None
        self._menu: MDDropdownMenu | None = None
        MDApp.get_running_app().bind(diary_version=self._diary_changed)
        self.date_title = date_title(dt.date.today())
        self.status_text = "Opening…"
        after_next_frame(self.build_form)

    # -- set-up ---------------------------------------------------------------------------

    def build_form(self) -> None:
        """Build the form's cards and show the current day in them (once)."""
        if self.form_ready:
            return
        from app.ui.screens.today.form import TodayBody, TodayForm

        body = TodayBody(screen=self)
        form = TodayForm(screen=self)
        body.ids.form_box.add_widget(form)
        # Their ids join the screen's, so the form reads as one kv tree.
        self.ids.update(body.ids)
        self.ids.update(form.ids)
        slot = self.ids.form_slot
        slot.clear_widgets()
        slot.add_widget(body)
        self._setup()
        self.form_ready = True

    def _setup(self) -> None:
        from app.ui.widgets.chips import ToggleChip

        ids = self.ids
        for code, text in vocab.SYMPTOMS.items():
            ids.symptoms.add_widget(ToggleChip(text=text, code=code))
        ids.exertion.set_choices(dict(vocab.EXERTION))
        ids.posture.set_choices(dict(vocab.POSTURE))
        for code, text in vocab.RED_FLAGS.items():
            row = RedFlagRow(code=code, text=text)
            row.bind(active=self._red_flag_changed)
            ids.red_flags.add_widget(row)
        self.reset_for_new_diary()
        self._status_event = Clock.schedule_interval(self._update_status, 0.5)

    def reset_for_new_diary(self) -> None:
        """Show today's day of the (newly opened) diary."""
        self._drafts.clear()
        if "pain_slider" not in self.ids:
            return  # the form is not built yet; it will show today when it is
        self.load_date(dt.date.today())
        app = MDApp.get_running_app()
        self.ids.welcome.shown = app.diary.count() == 0

    def _diary_changed(self, *_args) -> None:
        # A day deleted or restored in History: show what the diary now holds, unless
        # the form has unsaved typing (that is never thrown away).
        if self.current_date is None or not self._baseline or self.is_dirty():
            return
        saved_at = self._saved_at
        self.load_date(self.current_date)
        self._saved_at = saved_at
        self._update_status()

    # -- dates ------------------------------------------------------------------------------

    def load_date(self, date: dt.date) -> None:
        """Show `date`: its draft if one was left unsaved, else what the diary holds."""
        if "pain_slider" not in self.ids:
            self.build_form()  # e.g. a day picked in History before the form was built
        if self.current_date is not None and self.is_dirty():
            self._drafts[self.current_date] = self.collect()
        app = MDApp.get_running_app()
        fields = app.diary.get_day_fields(date)
        self._logged = fields is not None
        self._saved_at = None
        self.current_date = date
        self.date_title = date_title(date)
        self.is_today = date >= dt.date.today()
        self.problems_text = ""
        self.fill(fields or {"date": date})
        self._baseline = self.collect()
        draft = self._drafts.pop(date, None)
        if draft is not None:
            self.fill(draft)
        self._update_status()

    def shift_date(self, days: int) -> None:
        if self.current_date is None:
            return
        target = self.current_date + dt.timedelta(days=days)
        if target <= dt.date.today():
            self.load_date(target)

    def pick_date(self) -> None:
        from kivymd.uix.pickers import MDModalDatePicker

        date = self.current_date
        if date is None:
            return
        picker = MDModalDatePicker(
            year=date.year,
            month=date.month,
            day=date.day,
            max_date=dt.date.today(),
            min_date=dt.date(1900, 1, 1),
        )

        def chosen(instance, *_args):
            picked = instance.get_date()[0]
            instance.dismiss()
            if picked <= dt.date.today():
                self.load_date(picked)

        picker.bind(on_ok=chosen, on_cancel=lambda inst: inst.dismiss())
        picker.open()

    def same_as_yesterday(self) -> None:
        """Fill the form from the last logged day before this one (not its note or flags)."""
        if not self.form_ready:
            return
        app = MDApp.get_running_app()
        copy = app.diary.same_as_previous(self.current_date)
        if copy is None:
            app.notify("There is no earlier day to copy yet.")
            return
        previous = app.diary.previous_day(self.current_date)
        note = self.ids.note.text
        flags = [row.code for row in self._flag_rows() if row.active]
        data = copy.model_dump()
        data["note"] = note
        data["red_flags"] = flags
        self.fill(data)
        when = date_title(previous.date) if previous else "the last day"
        app.notify(f"Filled in from {when}. Adjust anything that changed, then save.")

    # -- pain ---------------------------------------------------------------------------------

    def on_pain_slider(self, value: float) -> None:
        if self._filling:
            return
        self.pain = round(value)

    def clear_pain(self) -> None:
        self.pain = None
        self._filling = True
        self.ids.pain_slider.value = 0
        self._filling = False

    def on_pain(self, _instance, pain) -> None:
        if pain is None:
            self.pain_words = "Not recorded yet"
            self.pain_text_color = (0.55, 0.55, 0.55, 1)
            return
        self.pain_text_color = pain_color(pain)
        self.pain_words = {0: "No pain", 10: "Worst pain imaginable"}.get(
            pain, "Mild" if pain <= 3 else "Moderate" if pain <= 6 else "Severe"
        )

    # -- reading and writing the form -----------------------------------------------------------

    def _flag_rows(self) -> list[RedFlagRow]:
        return [w for w in reversed(self.ids.red_flags.children) if isinstance(w, RedFlagRow)]

    def collect(self) -> dict[str, Any]:
        """The form as a dict `Diary.save_day` accepts."""
        ids = self.ids
        sleep = ids.sleep.value
        return {
            "date": self.current_date,
            "pain": self.pain,
            "worst_pain": ids.worst_pain.value,
            "enjoyment_interference": ids.enjoyment.value,
            "activity_interference": ids.activity.value,
            "flare": bool(ids.flare.active),
            "locations": [{"region": r, "side": s} for r, s in ids.body_map.selected],
            "symptoms": ids.symptoms.selected(),
            "sitting_minutes": ids.sitting.value,
            "standing_minutes": ids.standing.value,
            "active_minutes": ids.active.value,
            "exertion": ids.exertion.value,
            "exertion_note": ids.exertion_note.text.strip() or None,
            "posture": ids.posture.value,
            "exercises": [
                {"name": row.name, "minutes": row.minutes}
                for row in reversed(ids.exercise_list.children)
            ],
            "sleep_hours": None if sleep is None else round(sleep / 60, 2),
            "sleep_quality": ids.sleep_quality.value,
            "treatments": [
                {"name": row.name, "dose": row.dose.strip() or None, "relief": row.relief}
                for row in reversed(ids.treatment_list.children)
            ],
            "red_flags": [row.code for row in self._flag_rows() if row.active],
            "note": ids.note.text.strip() or None,
        }

    def fill(self, data: dict[str, Any]) -> None:
        """Show a day (DayEntry.model_dump() or collect() shape) in the form."""
        ids = self.ids
        self._filling = True
        try:
            pain = data.get("pain")
            self.pain = pain
            ids.pain_slider.value = pain or 0
            ids.worst_pain.value = data.get("worst_pain")
            ids.enjoyment.value = data.get("enjoyment_interference")
            ids.activity.value = data.get("activity_interference")
            ids.flare.active = bool(data.get("flare"))
            ids.body_map.selected = [
                (loc["region"], loc.get("side")) for loc in data.get("locations") or []
            ]
            ids.symptoms.select(list(data.get("symptoms") or []))
            ids.sitting.value = data.get("sitting_minutes")
            ids.standing.value = data.get("standing_minutes")
            ids.active.value = data.get("active_minutes")
            ids.exertion.value = data.get("exertion")
            ids.exertion_note.text = data.get("exertion_note") or ""
            ids.posture.value = data.get("posture")
            ids.exercise_list.clear_widgets()
            for item in data.get("exercises") or []:
                self.add_exercise(item["name"], item.get("minutes"))
            hours = data.get("sleep_hours")
            ids.sleep.value = None if hours is None else round(hours * 60)
            ids.sleep_quality.value = data.get("sleep_quality")
            ids.treatment_list.clear_widgets()
            for item in data.get("treatments") or []:
                self.add_treatment(item["name"], item.get("dose"), item.get("relief"))
            flags = set(data.get("red_flags") or [])
            for row in self._flag_rows():
                row.active = row.code in flags
            ids.note.text = data.get("note") or ""
        finally:
            self._filling = False

    def is_dirty(self) -> bool:
        return bool(self._baseline) and self.collect() != self._baseline

    def stop(self) -> None:
        """The app is closing: no more status checks."""
        event = getattr(self, "_status_event", None)
        if event is not None:
            event.cancel()

    def _update_status(self, *_args) -> None:
        if self.current_date is None or MDApp.get_running_app() is None:
            return
        if self.is_dirty():
            self._prepare_to_save()
            text = "Unsaved changes"
        elif self._saved_at:
            text = f"Saved at {self._saved_at}"
        elif self._logged:
            text = "Logged. Change anything and save again."
        else:
            text = "Not logged yet"
        if self.status_text != text:
            self.status_text = text

    def _prepare_to_save(self) -> None:
        # The first edit, not the first save, pays for loading the write path
        # (about half a second), on a worker thread while the person types.
        if self._write_path_loading:
            return
        self._write_path_loading = True
        diary = MDApp.get_running_app().diary
        threading.Thread(target=diary.prepare_to_write, name="prepare-save", daemon=True).start()

    # -- exercises and treatments --------------------------------------------------------------

    def add_exercise(self, name: str, minutes: int | None = None) -> ExerciseRow | None:
        name = " ".join(name.split())
        if not name:
            return None
        for row in self.ids.exercise_list.children:
            if row.name == name:
                return row
        row = ExerciseRow(name=name, label=vocab.label(vocab.EXERCISES, name), minutes=minutes)
        self.ids.exercise_list.add_widget(row)
        return row

    def add_own_exercise(self) -> None:
        field = self.ids.own_exercise
        code = _code_for(field.text, vocab.EXERCISES)
        if self.add_exercise(code) is not None:
            field.text = ""

    def open_exercise_menu(self, caller) -> None:
        app = MDApp.get_running_app()
        taken = {row.name for row in self.ids.exercise_list.children}
        names = [name for name in app.diary.exercise_choices() if name not in taken]
        self._open_menu(
            caller,
            [(vocab.label(vocab.EXERCISES, n), lambda n=n: self.add_exercise(n)) for n in names],
        )

    def add_treatment(
        self, name: str, dose: str | None = None, relief: int | None = None
    ) -> TreatmentRow | None:
        name = " ".join(name.split())
        if not name:
            return None
        row = TreatmentRow(
            name=name, label=vocab.label(vocab.TREATMENTS, name), dose=dose or "", relief=relief
        )
        self.ids.treatment_list.add_widget(row)
        return row

    def add_own_treatment(self) -> None:
        field = self.ids.own_treatment
        if self.add_treatment(_code_for(field.text, vocab.TREATMENTS)) is not None:
            field.text = ""

    def open_treatment_menu(self, caller) -> None:
        self._open_menu(
            caller,
            [
                (text, lambda c=code: self.add_treatment(c))
                for code, text in vocab.TREATMENTS.items()
            ],
        )

    def _open_menu(self, caller, choices: list[tuple[str, Any]]) -> None:
        from kivymd.uix.menu import MDDropdownMenu

        if self._menu is not None:
            self._menu.dismiss()

        def choose(action):
            self._menu.dismiss()
            action()

        self._menu = MDDropdownMenu(
            caller=caller,
            items=[
                {"text": text, "on_release": lambda a=action: choose(a)} for text, action in choices
            ],
            position="bottom",
            max_height=dp(360),
        )
        self._menu.open()

    # -- red flags --------------------------------------------------------------------------------

    def _red_flag_changed(self, row: RedFlagRow, active: bool) -> None:
        if active and not self._filling:
            self.show_red_flag_warning(row.text)

    def show_red_flag_warning(self, flag_text: str) -> None:
        """The plain urgent-care message, at once, whenever a red flag is ticked."""
        from kivymd.uix.button import MDButton, MDButtonText
        from kivymd.uix.dialog import (
            MDDialog,
            MDDialogButtonContainer,
            MDDialogHeadlineText,
            MDDialogIcon,
            MDDialogSupportingText,
        )

        if self.red_flag_dialog is not None:
            self.red_flag_dialog.dismiss()
        ok = MDButton(MDButtonText(text="I understand"), style="filled")
        dialog = MDDialog(
            MDDialogIcon(
                icon="alert-octagon", theme_icon_color="Custom", icon_color=(0.75, 0.1, 0.1, 1)
            ),
            MDDialogHeadlineText(text="Get medical help now"),
            MDDialogSupportingText(text=f"{vocab.RED_FLAG_WARNING}\n\nYou ticked: {flag_text}."),
            MDDialogButtonContainer(Widget(), ok, spacing=dp(8)),
            auto_dismiss=False,
        )
        ok.bind(on_release=lambda *_: dialog.dismiss())
        self.red_flag_dialog = dialog
        dialog.open()

    # -- saving -----------------------------------------------------------------------------------

    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        self.problems_text = "\n".join(f"•  {describe_problem(f, m)}" for f, m in problems)
        if problems:
            self.ids.scroll.scroll_y = 1

    def save(self):
        """Store the form; returns the saved DayEntry, or None when refused."""
        from app.diary import EntryError

        if not self.form_ready:
            return None
        app = MDApp.get_running_app()
        data = self.collect()
        try:
            entry = app.diary.save_day(data)
        except EntryError as error:
            self.show_problems(error.problems)
            count = len(error.problems)
            app.notify(f"Not saved: {count} thing{'s' if count > 1 else ''} to fix (at the top).")
            return None
        except (DiaryBusyError, DiaryFileError) as error:
            app.notify(f"Not saved. {error}")
            return None
        self.show_problems([])
        self._drafts.pop(entry.date, None)
        self._baseline = self.collect()
        self._logged = True
        self._saved_at = dt.datetime.now().strftime("%H:%M")
        self.ids.welcome.shown = False
        self._update_status()
        app.diary_changed()
        app.notify(f"Saved {date_title(entry.date)}.")
        return entry


def _code_for(text: str, vocabulary) -> str:
    """A typed name: the catalogue code when it matches a label, else the name itself."""
    name = " ".join(text.split())
    for code, label in vocabulary.items():
        if name.lower() in (label.lower(), code, code.replace("_", " ")):
            return code
    return name
