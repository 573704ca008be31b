"""Today: log or edit one day in under a minute with the mouse.

The screen is a view of `app.forms.day_form.DayForm`: widget events set the
form's fields, and the form's events (`changed`, `status`, `problems`,
`date`) update the widgets. The form keeps what was typed while other tabs are
shown and, when the date is switched with unsaved changes, as a draft for that
date. Refusals are listed at the top of the form, naming the field.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kivy.clock import Clock
from kivy.core.window import Window
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
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.screen import MDScreen

from app.domain import vocab
from app.forms.day_form import (
    STATUS_OPENING,
    DayForm,
    date_title,
    pain_words,
    typed_exercise,
    typed_name,
)
from app.ui.colors import pain_text_color
from app.ui.frames import after_next_frame
from app.ui.widgets import focus  # noqa: F401  (kv classes KeyButton, KeyCheckbox)
from app.ui.widgets.layout import SectionCard  # noqa: F401  (kv class)

if TYPE_CHECKING:
    from kivymd.uix.dialog import MDDialog
    from kivymd.uix.menu import MDDropdownMenu

    from app.diary import DayEntry

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: Fields each shown by one property of one widget: field -> (widget id, property).
_WIDGETS = {
    "worst_pain": ("worst_pain", "value"),
    "enjoyment_interference": ("enjoyment", "value"),
    "activity_interference": ("activity", "value"),
    "flare": ("flare", "active"),
    "locations": ("body_map", "selected"),
    "sitting_minutes": ("sitting", "value"),
    "standing_minutes": ("standing", "value"),
    "active_minutes": ("active", "value"),
    "exertion": ("exertion", "value"),
    "exertion_note": ("exertion_note", "text"),
    "posture": ("posture", "value"),
    "sleep_hours": ("sleep", "value"),
    "sleep_quality": ("sleep_quality", "value"),
    "note": ("note", "text"),
    "stress": ("stress", "value"),
}

#: Fields shown by a whole widget (not one property): field -> widget id.
_SHOWN_IN = {
    "pain": "pain_slider",
    "symptoms": "symptoms",
    "exercises": "exercise_list",
    "treatments": "treatment_list",
    "red_flags": "red_flags",
    "factors": "factor_list",
}


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
    """The day form's view; `form` (a DayForm) holds the day, `save()` stores it.

    The app's first frame shows the header, the save bar and the form's two
    top cards, built and filled (`form_ready`). The cards below them, out of
    sight at phone size, are built off the window one per tick after it, and
    join the form (`form_complete`) at the first input: the pointer moving,
    a click, a key or a resize, before it is handled, so nobody meets a card
    that is not there yet. A window wide or tall enough to show them has them
    at once.
    """

    form_ready = BooleanProperty(False)
    #: Every card of the form is built (the ones below the fold come after `form_ready`).
    form_complete = BooleanProperty(False)
    current_date = ObjectProperty(None)
    date_title = StringProperty("")
    is_today = BooleanProperty(True)
    pain = ObjectProperty(None, allownone=True)
    pain_words = StringProperty(pain_words(None))
    pain_text_color = ColorProperty((0.5, 0.5, 0.5, 1))
    problems_text = StringProperty("")
    #: The red flags the shown day has, in words ('' when none): the banner at the top.
    red_flag_text = StringProperty("")
    status_text = StringProperty(STATUS_OPENING)
    unsaved = BooleanProperty(False)
    exercise_choices = ListProperty()
    #: The day's average pain derived from its check-ins ('5.3'), '–' when there is none.
    derived_figure = StringProperty("–")
    #: 'from 3 check-ins' while the day's pain is derived, else ''.
    derived_words = StringProperty("")
    #: An empty diary greets the user above the form (WelcomeCard, `ids.welcome` once built).
    welcome_shown = BooleanProperty(False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # While the form's values are being shown, the widgets' own events are echoes.
        self._showing = False
        # While a widget's value is being passed to the form, its `changed` is our own.
        self._pulling = False
        self._write_path_loading = False
        self.red_flag_dialog: MDDialog | None = None
        self._menu: MDDropdownMenu | None = None
        #: The open check-in sheet, if any (its input is asked about before closing).
        self.checkin_sheet = None
        self._derived_pain: float | None = None
        #: The diary's own factors, archived too (None: read them when next shown).
        self._factor_defs: list | None = None
        # The cards still to build (classes), the form holding them, the fields wired.
        self._later_cards: list = []
        self._waiting_cards: list = []  # built, not in the window yet
        self._waiting_chips: list = []  # the symptom chips, made, not in the form yet
        self._cards_box = None
        self._wired: set[str] = set()
        self._content_height = 0.0
        # The header's slot shows some of these (strong references: ids are weak).
        self._checkin_button = self.ids.checkin_button.__self__
        self._today_button = self.ids.today_button.__self__
        self._next_button = self.ids.next_day.__self__
        self._show_header_action()
        app = MDApp.get_running_app()
        self.form = DayForm(app.diary)
        self.form.bind(
            changed=self._form_changed,
            status=self._form_status,
            problems=self._form_problems,
            date=self._form_date,
        )
        app.bind(diary_version=self._diary_changed)
        app.theme_cls.bind(surfaceContainerLowColor=self._show_pain_words)  # light/dark
        self.date_title = date_title(dt.date.today())
        # Built before the first frame (-1), in the tick that shows the screen: a
        # skeleton frame first ("Opening your diary…") cost a whole extra layout and
        # draw of the window (about 0.1 s) before the form could be drawn at all.
        Clock.schedule_once(lambda _dt: self.build_form(), -1)

    # -- set-up ---------------------------------------------------------------------------

    def build_form(self) -> None:
        """Build the form's cards and show the current day in them (once)."""
        if self.form_ready:
            return
        from app.ui.screens.today.form import (
            LATER_CARDS,
            TodayBody,
            TodayForm,
            import_later_widgets,
        )

        body = TodayBody(screen=self)
        form = TodayForm(screen=self)
        body.ids.form_box.add_widget(form)
        self._cards_box = form
        self._later_cards = [import_later_widgets, self._make_symptom_chips, *LATER_CARDS]
        # Their ids join the screen's, so the form reads as one kv tree.
        self.ids.update(body.ids)
        self.ids.update(form.ids)
        slot = self.ids.form_slot
        slot.clear_widgets()
        slot.add_widget(body)
        self._setup()
        # The window's width: before the first frame nothing is laid out yet.
        if Window.width - dp(32) >= form.wide_width:
            self.finish_form()  # two columns: the later cards are on screen from the start
        self.form_ready = True
        if not self.form_complete:
            # Any input first completes the form: a Tab, a scroll or a wider window
            # must find every card; the pointer moving in to click comes first.
            # (Bound last, so called before the app's own keys.)
            Window.bind(
                on_touch_down=self._complete_first,
                on_key_down=self._complete_first,
                size=self._complete_first,
                mouse_pos=self._complete_first,
            )
            after_next_frame(self._build_next_card)

    def _complete_first(self, *_args) -> None:
        if self.form_complete:
            return
        # The input is handled on the form as it is now (a wheel notch moves the
        # half-built content 100 dp); keep that distance from the top as it grows.
        content = self.ids.content
        self._content_height = content.height
        content.bind(height=self._keep_distance_from_top)
        after_next_frame(lambda: content.unbind(height=self._keep_distance_from_top))
        self.finish_form()

    def _keep_distance_from_top(self, content, height: float) -> None:
        scroll, before = self.ids.scroll, self._content_height
        self._content_height = height
        view = scroll.height
        if before <= view or height <= view:
            return
        offset = (1 - scroll.scroll_y) * (before - view)
        scroll.scroll_y = max(0.0, 1 - offset / (height - view))
        scroll._update_effect_bounds()  # Kivy's wheel counts from its effect's value

    def _build_next_card(self) -> None:
        """Build one of the cards below the fold, out of the window (one per tick).

        Out of the window, building one draws nothing: a card added to the
        window makes Kivy draw the whole window again, even out of sight, and
        that, not the card, was most of such a tick. They join it together,
        at the first input (the pointer moving over the window, a click, a
        key, a resize), before it is handled. Putting them in is a frame of
        its own (60-150 ms of layout and drawing the window, 0.2-0.4 s on a
        busy machine: the app did not answer meanwhile); before an input it
        comes with the frame that input draws anyway.
        """
        if self.form_complete or MDApp.get_running_app() is None:
            return  # done, or the app has stopped
        if self._later_cards and not self._waiting_cards and not self._waiting_chips:
            scroll, last = self.ids.scroll, self._cards_box.cards[-1]
            flow = self.ids.symptoms
            _x, view_bottom = scroll.to_window(scroll.x, scroll.y)
            _x, card_bottom = last.to_window(last.x, last.y)
            _x, chips_top = flow.to_window(flow.x, flow.top)
            # A tall window shows where the chips or the next card go: all at once.
            if card_bottom > view_bottom or chips_top > view_bottom:
                self.finish_form()
                return
        if not self._later_cards:
            return  # all built: they join the form at the first input (_complete_first)
        self._make_card(self._later_cards.pop(0))
        Clock.schedule_once(lambda _dt: self._build_next_card())

    def finish_form(self) -> None:
        """Build the cards not built yet and put them all in the form (it is then complete)."""
        if self.form_complete or self._cards_box is None:
            return
        while self._later_cards:
            self._make_card(self._later_cards.pop(0))
        self._place_symptom_chips()
        for card in self._waiting_cards:
            self._cards_box.add_widget(card)
        self._waiting_cards = []
        Window.unbind(
            on_touch_down=self._complete_first,
            on_key_down=self._complete_first,
            size=self._complete_first,
            mouse_pos=self._complete_first,
        )
        self.form_complete = True

    def _make_card(self, card_class) -> None:
        """Build a later card (or part of one), bind it to the form, show its values; not placed."""
        from app.ui.screens.today.form import LaterPart

        if not isinstance(card_class, type):
            card_class()  # a step that makes widgets of a card already there
            return
        card = card_class(screen=self)
        # The card's own parts (title row, body box) stay its own.
        self.ids.update({k: v for k, v in card.ids.items() if k not in ("header", "body")})
        if type(card).__name__ == "RedFlagsCard":
            self.ids["red_flags_card"] = card.proxy_ref
        if isinstance(card, LaterPart):
            self._waiting_cards[-1].children[0].add_widget(card)  # into the card before it
        else:
            from app.ui.widgets.layout import StillBlock

            # Its width now, out of the window: its rows are laid out and their text
            # drawn in this tick, not all in the one that puts it in the window. In its
            # own coordinates (a StillBlock), moving it there moves no row.
            block = StillBlock(width=self._cards_box.cards[0].width)
            block.add_widget(card)
            self._waiting_cards.append(block)
        self._wire()

    def _setup(self) -> None:
        self._wire()
        self.reset_for_new_diary()

    def on_welcome_shown(self, _screen, shown: bool) -> None:
        # Built on first showing: a returning user's start-up (most starts) skips
        # its widgets and module, some 40 ms of the first frame.
        card = self.ids.get("welcome")
        if card is None:
            if not shown:
                return
            from app.ui.screens.welcome.welcome import WelcomeCard

            card = WelcomeCard()
            card.bind(shown=self.setter("welcome_shown"))  # its own "Hide" button
            self.ids.welcome_slot.add_widget(card)
            self.ids["welcome"] = card
        card.shown = shown

    def _make_symptom_chips(self) -> None:
        """The symptom chips ("What it feels like"), below the fold: made off the window.

        A later step like the cards (40 widgets, a fifth of the first frame's);
        they join the form with the cards, showing the form's symptoms.
        """
        from app.ui.widgets.chips import ToggleChip

        for code, text in vocab.SYMPTOMS.items():
            chip = ToggleChip(text=text, code=code)
            chip.bind(active=lambda *_: self._pull("symptoms"))
            self._waiting_chips.append(chip)

    def _place_symptom_chips(self) -> None:
        flow, chips = self.ids.symptoms, self._waiting_chips
        self._waiting_chips = []
        self._showing = True
        try:
            for chip in chips:
                flow.add_widget(chip)
            flow.select(self.form["symptoms"])
        finally:
            self._showing = False

    def _wire(self) -> None:
        """Bind the built fields not bound yet to the form and show the form's values in them."""
        ids, new = self.ids, []
        for name, (widget, prop) in _WIDGETS.items():
            if name not in self._wired and widget in ids:
                ids[widget].fbind(prop, lambda *_, name=name: self._pull(name))
                new.append(name)
        for name in ("exercises", "treatments", "red_flags", "factors"):
            if name not in self._wired and _SHOWN_IN[name] in ids:
                new.append(name)
        if "exertion" in new:
            ids.exertion.set_choices(dict(vocab.EXERTION))
            ids.posture.set_choices(dict(vocab.POSTURE))
        if "red_flags" in new:
            for code, text in vocab.RED_FLAGS.items():
                row = RedFlagRow(code=code, text=text)
                row.bind(active=self._red_flag_changed)
                ids.red_flags.add_widget(row)
        if "exercises" in new:
            ids.exercise_list.bind(children=lambda *_: self._pull("exercises"))
        if "treatments" in new:
            ids.treatment_list.bind(children=lambda *_: self._pull("treatments"))
        self._wired.update(new)
        if self.current_date is None:
            return  # nothing loaded yet: the first load shows every built field
        self._showing = True
        try:
            for name in new:
                self._show(name, self.form[name])
        finally:
            self._showing = False

    def _built(self, name: str) -> bool:
        """Whether the widget showing field `name` exists (its card may come later)."""
        widget = _WIDGETS[name][0] if name in _WIDGETS else _SHOWN_IN.get(name)
        return widget is None or widget in self.ids

    def reset_for_new_diary(self) -> None:
        """Show today's day of the (newly opened) diary."""
        if "pain_slider" not in self.ids:
            return  # the form is not built yet; it will show today when it is
        app = MDApp.get_running_app()
        self._factor_defs = None  # the other diary's own factors
        self.form.reset(app.diary, dt.date.today())
        self.welcome_shown = app.diary.count() == 0

    def _diary_changed(self, *_args) -> None:
        # A day deleted or restored in History: show what the diary now holds (the
        # form keeps any field typed and not saved yet). Own factors may have been
        # added, renamed or archived (Settings): their rows are read again.
        self._factor_defs = None
        self.form.refresh()
        if self._built("factors") and self.current_date is not None:
            self._showing = True
            try:
                self._show("factors", self.form["factors"])
            finally:
                self._showing = False
        self.load_checkins()

    def stop(self) -> None:
        """The app is closing: stop listening to it."""
        app = MDApp.get_running_app()
        if app is not None:
            app.unbind(diary_version=self._diary_changed)

    # -- dates ------------------------------------------------------------------------------

    def load_date(self, date: dt.date) -> None:
        """Show `date`: its draft if one was left unsaved, else what the diary holds."""
        if "pain_slider" not in self.ids:
            self.build_form()  # e.g. a day picked in History before the form was built
        self.form.load(date)

    def go_to_today(self) -> None:
        """Show today (the header's Today button, or the Today tab tapped again)."""
        if self.current_date != dt.date.today():
            self.load_date(dt.date.today())
        if "scroll" in self.ids:
            self.ids.scroll.scroll_y = 1

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
        if self.form_ready:
            MDApp.get_running_app().notify(self.form.same_as_last_day())

    # -- the form's events --------------------------------------------------------------------

    def _form_date(self, _form, date: dt.date) -> None:
        self.current_date = date
        self.date_title = date_title(date)
        self.is_today = date >= dt.date.today()
        self.load_checkins()

    def on_is_today(self, *_args) -> None:
        self._show_header_action()

    def _show_header_action(self) -> None:
        slot = self.ids.header_action
        if self.is_today:
            wanted = [self._checkin_button]
        else:
            wanted = [self._today_button, self._next_button]
        if list(reversed(slot.children)) == wanted:
            return
        slot.clear_widgets()
        for widget in wanted:
            slot.add_widget(widget)

    def _form_changed(self, form: DayForm, names: tuple[str, ...]) -> None:
        if "red_flags" in names:
            self._show_red_flag_banner(form["red_flags"])
        if self._pulling or "pain_slider" not in self.ids:
            return
        self._showing = True
        try:
            for name in names:
                if self._built(name):
                    self._show(name, form[name])
        finally:
            self._showing = False

    def _show_red_flag_banner(self, codes: list[str]) -> None:
        had = bool(self.red_flag_text)
        self.red_flag_text = (
            "You noted: " + "; ".join(vocab.RED_FLAGS.get(c, c) for c in codes) + "."
            if codes
            else ""
        )
        if codes and "scroll" in self.ids:
            if "red_flags_card" in self.ids:
                self.ids.red_flags_card.expanded = True
            if not had:
                self.ids.scroll.scroll_y = 1  # the banner is at the top: show it

    def _form_status(self, form: DayForm, text: str) -> None:
        self.status_text = text
        self.unsaved = form.dirty
        if self.unsaved:
            self._prepare_to_save()

    def _form_problems(self, _form, lines: list[str]) -> None:
        self.problems_text = "\n".join(f"•  {line}" for line in lines)
        if lines and "scroll" in self.ids:
            self.ids.scroll.scroll_y = 1

    def _prepare_to_save(self) -> None:
        # The first edit, not the first save, pays for loading the write path
        # (about half a second), on a worker thread while the person types.
        if self._write_path_loading:
            return
        self._write_path_loading = True
        diary = MDApp.get_running_app().diary
        threading.Thread(target=diary.prepare_to_write, name="prepare-save", daemon=True).start()

    # -- widgets to form and back -------------------------------------------------------------

    def _pull(self, name: str) -> None:
        """A widget changed: pass its value to the form (unless it only shows the form's)."""
        if self._showing or self.current_date is None:
            return
        self._pulling = True
        try:
            self.form.set(name, self._read(name))
        finally:
            self._pulling = False

    def _read(self, name: str) -> Any:
        ids = self.ids
        if name == "pain":
            return self.pain
        if name == "symptoms":
            return ids.symptoms.selected()
        if name == "exercises":
            rows = reversed(ids.exercise_list.children)
            return [{"name": row.name, "minutes": row.minutes} for row in rows]
        if name == "treatments":
            rows = reversed(ids.treatment_list.children)
            return [{"name": r.name, "dose": r.dose, "relief": r.relief} for r in rows]
        if name == "red_flags":
            return [row.code for row in self._flag_rows() if row.active]
        if name == "factors":
            from app.ui.screens.today.factors import read_factor_rows

            return read_factor_rows(ids.factor_list, self.form["factors"])
        widget, prop = _WIDGETS[name]
        value = getattr(ids[widget], prop)
        if name == "sleep_hours":  # the stepper counts minutes
            return None if value is None else round(value / 60, 2)
        return value

    def _show(self, name: str, value: Any) -> None:
        ids = self.ids
        if name == "pain":
            self.pain = value
            ids.pain_slider.value = value or 0
        elif name == "symptoms":
            ids.symptoms.select(value)
        elif name == "exercises":
            ids.exercise_list.clear_widgets()
            for item in value:
                self.add_exercise(item["name"], item["minutes"])
        elif name == "treatments":
            ids.treatment_list.clear_widgets()
            for item in value:
                self.add_treatment(item["name"], item["dose"], item["relief"])
        elif name == "red_flags":
            for row in self._flag_rows():
                row.active = row.code in value
        elif name == "locations":
            ids.body_map.selected = [(loc["region"], loc["side"]) for loc in value]
        elif name == "sleep_hours":
            ids.sleep.value = None if value is None else round(value * 60)
        elif name in ("note", "exertion_note"):
            getattr(ids, name).text = value or ""
        elif name == "factors":
            from app.ui.screens.today.factors import show_factor_rows

            show_factor_rows(
                ids.factor_list, self._own_factors(), value, lambda _row: self._pull("factors")
            )
        else:
            widget, prop = _WIDGETS[name]
            setattr(ids[widget], prop, value)

    def collect(self) -> dict[str, Any]:
        """The form as a dict `Diary.save_day` accepts."""
        return self.form.values()

    def _flag_rows(self) -> list[RedFlagRow]:
        return [w for w in reversed(self.ids.red_flags.children) if isinstance(w, RedFlagRow)]

    # -- pain ---------------------------------------------------------------------------------

    def on_pain_slider(self, value: float) -> None:
        if not self._showing:
            self.pain = round(value)

    def pick_pain(self, value: float) -> None:
        """A click or key on the slider chose `value`: 0 on an unscored day too."""
        if not self._showing and self.pain != round(value):
            self.pain = round(value)

    def clear_pain(self) -> None:
        self.pain = None
        self._showing = True
        self.ids.pain_slider.value = 0
        self._showing = False

    def on_pain(self, _instance, pain) -> None:
        self._show_pain_words()
        self._pull("pain")

    def _show_pain_words(self, *_args) -> None:
        pain, derived = self.pain, self._derived_pain
        # Written on the card: its colour, as dark (light) as reading needs.
        theme = MDApp.get_running_app().theme_cls
        card = theme.surfaceContainerLowColor
        if pain is None and derived is not None:
            # Shown, not written into the day: entering a pain still wins.
            self.pain_words = self.derived_words
            self.pain_text_color = pain_text_color(round(derived), card)
            return
        self.pain_words = pain_words(pain)
        self.pain_text_color = (
            theme.onSurfaceVariantColor if pain is None else pain_text_color(pain, card)
        )

    # -- check-ins --------------------------------------------------------------------------------

    def load_checkins(self) -> None:
        """Show the day's check-ins and the pain derived from them."""
        from app.forms.checkin_form import derived_words, pain_figure

        date, app = self.current_date, MDApp.get_running_app()
        if date is None or app is None or app.diary is None or "checkin_list" not in self.ids:
            return
        # Plain records: the CheckIn model would load pydantic at start-up.
        found = app.diary.checkin_lines(date)
        derived = app.diary.day_pain(date) if found else None
        if derived is not None and derived.source == "checkins":
            self._derived_pain = derived.pain
            self.derived_figure = pain_figure(derived.pain, derived.source)
            self.derived_words = derived_words(derived)
        else:
            self._derived_pain = None
            self.derived_figure, self.derived_words = "–", ""
        self._show_pain_words()
        self.ids.checkin_list.show(found, self.open_checkin, self.delete_checkin)

    def open_checkin(self, checkin=None) -> None:
        """The check-in sheet: a new check-in now (on the shown day), or `checkin` to edit."""
        from app.ui.screens.today.checkin_sheet import open_sheet

        if self.current_date is None or not self.form_ready:
            return
        if self._shown_sheet() is not None:
            return  # one at a time: the open one keeps what was typed
        model = self._model_of(checkin)
        if checkin is not None and model is None:
            self.load_checkins()  # deleted meanwhile (from the command line): the list catches up
            return
        checkin = model
        self.checkin_sheet = open_sheet(self.current_date, checkin, on_saved=self._checkin_saved)

    @staticmethod
    def _model_of(checkin):
        """The CheckIn model of a listed check-in (the list holds plain CheckInLines)."""
        from app.domain.day_pain import CheckInLine

        if not isinstance(checkin, CheckInLine):
            return checkin
        return MDApp.get_running_app().diary.checkin_at(checkin.date, checkin.time)

    @staticmethod
    def _shown_sheet():
        from app.ui.screens.today.checkin_sheet import shown_sheet

        return shown_sheet()

    def checkin_unsaved(self) -> bool:
        """Whether a check-in sheet is open with something chosen and not saved."""
        sheet = self._shown_sheet()
        return sheet is not None and sheet.form.dirty

    def _checkin_saved(self, _outcome) -> None:
        self.welcome_shown = False

    def delete_checkin(self, checkin) -> None:
        """Delete a check-in at once and offer Undo (saving it again)."""
        from app.ui.screens.today.checkin_sheet import delete_with_undo

        model = self._model_of(checkin)
        if model is not None:  # gone already (deleted from the command line meanwhile)
            delete_with_undo(model)

    # -- own factors -----------------------------------------------------------------------------

    def _own_factors(self) -> list:
        """The diary's own factors, archived ones too (read once per change of the diary)."""
        app = MDApp.get_running_app()
        diary = app.diary if app is not None else None
        if diary is None:
            # Closed for a moment (being encrypted, or locking): a card built meanwhile
            # shows none; reopening the diary shows the day, and them, again.
            return []
        if self._factor_defs is None:
            self._factor_defs = diary.factors(include_archived=True)
        return self._factor_defs

    def open_add_factor(self):
        """The "Add a factor" dialog; the new factor gets its row in the card at once."""
        from app.ui.screens.today.factors import open_add_factor

        return open_add_factor(self._factor_added)

    def _factor_added(self, factor) -> None:
        app = MDApp.get_running_app()
        # Every screen re-reads the factors (Today's card, Settings, the analysis).
        app.diary_changed()
        app.notify(f"Added {factor.name!r}: record it in Your factors.")

    # -- exercises and treatments --------------------------------------------------------------

    def add_exercise(self, name: str, minutes: int | None = None) -> ExerciseRow | None:
        name = " ".join(name.split())
        if not name:
            return None
        for row in self.ids.exercise_list.children:
            if row.name == name:
                return row
        row = ExerciseRow(name=name, label=vocab.label(vocab.EXERCISES, name), minutes=minutes)
        row.ids.minutes.value = minutes
        row.bind(minutes=lambda *_: self._pull("exercises"))
        self.ids.exercise_list.add_widget(row)
        return row

    def add_own_exercise(self) -> None:
        """The typed exercise, with its minutes when typed too ('walk 20')."""
        field = self.ids.own_exercise
        name, minutes = typed_exercise(field.text)
        row = self.add_exercise(name, minutes)
        if row is not None:
            if minutes is not None:
                row.minutes = minutes
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
        row.bind(dose=self._treatment_changed, relief=self._treatment_changed)
        self.ids.treatment_list.add_widget(row)
        return row

    def _treatment_changed(self, *_args) -> None:
        self._pull("treatments")

    def add_own_treatment(self) -> None:
        field = self.ids.own_treatment
        if self.add_treatment(typed_name(field.text, vocab.TREATMENTS)) is not None:
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

        # Open towards the side with more room and never taller than that room:
        # at phone size the Add button is often near the bottom of the window.
        from kivy.core.window import Window

        margin = dp(8)
        wanted = min(dp(360), len(choices) * dp(48))
        _x, bottom = caller.to_window(caller.x, caller.y)
        below = bottom - margin
        above = Window.height - (bottom + caller.height) - margin
        position, room = ("bottom", below) if below >= min(wanted, above) else ("top", above)
        self._menu = MDDropdownMenu(
            caller=caller,
            items=[
                {"text": text, "on_release": lambda a=action: choose(a)} for text, action in choices
            ],
            position=position,
            max_height=max(dp(96), min(wanted, room)),
            border_margin=margin,
        )
        self._menu.open()

    # -- red flags --------------------------------------------------------------------------------

    def _red_flag_changed(self, row: RedFlagRow, active: bool) -> None:
        if self._showing:
            return
        self._pull("red_flags")
        if active:
            self.show_red_flag_warning(row.text)

    def show_red_flag_warning(self, flag_text: str) -> None:
        """The plain urgent-care message, at once, whenever a red flag is ticked."""
        from app.ui.widgets.dialogs import Choice, m3_dialog

        if self.red_flag_dialog is not None:
            self.red_flag_dialog.dismiss()
        dialog = m3_dialog(
            "Get medical help now",
            f"{vocab.RED_FLAG_WARNING}\n\nYou ticked: {flag_text}.",
            [Choice("I understand")],
            icon="alert-octagon",
            icon_color=(0.75, 0.1, 0.1, 1),
        )
        self.red_flag_dialog = dialog
        dialog.open()

    # -- saving -----------------------------------------------------------------------------------

    def save(self) -> DayEntry | None:
        """Store the form; returns the saved DayEntry, or None when refused.

        With the check-in sheet open (Ctrl+S), the check-in is what is saved.
        """
        if not self.form_ready:
            return None
        sheet = self._shown_sheet()
        if sheet is not None:
            sheet.save()
            return None
        outcome = self.form.save()
        self._after_save(outcome.saved, outcome.message)
        return outcome.entry

    def has_unsaved(self) -> bool:
        """Whether closing now would lose something: a day's changes or an open check-in's."""
        return bool(self.form.unsaved_dates()) or self.checkin_unsaved()

    def unsaved_summary(self) -> str:
        """What closing now would lose, in a sentence or two."""
        parts = [self.form.unsaved_summary()] if self.form.unsaved_dates() else []
        if self.checkin_unsaved():
            parts.append("The check-in you are entering is not saved yet.")
        return " ".join(parts)

    def save_all(self) -> bool:
        """Store the open check-in, the shown day and every unsaved draft (before quitting).

        False when something was refused (the refusal is shown where it was typed).
        """
        if not self.form_ready:
            return True
        if self.checkin_unsaved() and self._shown_sheet().save().saved is None:
            return False
        outcome = self.form.save_all()
        if outcome is None:
            return True
        self._after_save(outcome.saved, outcome.message)
        return outcome.saved

    def _after_save(self, saved: bool, message: str) -> None:
        app = MDApp.get_running_app()
        if saved:
            self.welcome_shown = False
            app.diary_changed()
        app.notify(message)
