"""Settings → Your suspects: up to three factors the person thinks set off their flare-ups.

A suspect is tested first, with most of the error budget (app.analysis.test_plan).
The rule people must understand is the date: one declared once days exist
counts only the days after it, so a pattern already seen cannot confirm itself.
Every change goes through the service (`Diary.add_suspect`, `remove_suspect`);
a refusal (a fourth suspect, one already declared) is said in the card's words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import StringProperty
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout
from kivymd.uix.dialog import MDDialog

from app.diary.factors import refusal_words, suspect_label, suspect_refusal
from app.domain.own_factors import MAX_SUSPECTS, FactorError, Suspect
from app.ui.widgets import chips as _chips  # noqa: F401  (kv classes)
from app.ui.widgets.chips import ToggleChip
from app.ui.widgets.dialogs import Choice, m3_dialog
from app.ui.widgets.layout import SectionCard
from app.ui.widgets.segments import CodeSegments  # noqa: F401  (kv class)

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: Lag codes as the segments show them; next day is the default (Suri 2018's sitting effect).
LAGS = {"0": "Same day", "1": "Next day"}
DEFAULT_LAG = "1"


def day_text(date: dt.date) -> str:
    """'3 Dec 2026' (the day number first, no leading zero)."""
    return f"{date.day} {date:%b %Y}"


def suspect_title(suspect: Suspect) -> str:
    """'Long sitting: flare-ups the next day'."""
    return suspect_label(suspect.factor, suspect.lag)


def suspect_rule(suspect: Suspect) -> str:
    """When it was declared and which days test it, in plain words."""
    declared = f"Declared {day_text(suspect.declared_on)}"
    if suspect.covers_from is None:
        return f"{declared}, before anything was logged: tests every day."
    first = suspect.covers_from + dt.timedelta(days=1)
    return f"{declared}; tests days from {day_text(first)} on."


class SuspectRow(MDBoxLayout):
    """One suspect: what, when declared and which days test it, and Remove."""

    title = StringProperty("")
    rule = StringProperty("")

    def __init__(self, suspect: Suspect, section: SuspectsSection, **kwargs):
        super().__init__(title=suspect_title(suspect), rule=suspect_rule(suspect), **kwargs)
        self.suspect = suspect
        self.section = section


class SuspectsSection(SectionCard):
    """The "Your suspects" card of Settings."""

    count_text = StringProperty("")
    #: Said once, under the rows: why a date limits what a suspect tests.
    rule_text = StringProperty(
        "A suspect added once days are logged is tested only on the days after it: "
        "a pattern you already saw can't confirm itself."
    )
    add_problem = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows: list[SuspectRow] = []
        self.remove_dialog: MDDialog | None = None
        # A suspect declared from Trends or at first run, or another diary opened.
        MDApp.get_running_app().bind(diary_version=lambda *_: self.refresh())
        Clock.schedule_once(self._setup)

    def _setup(self, *_args) -> None:
        self.ids.lag.required = True
        self.ids.lag.set_choices(LAGS)
        self.ids.lag.value = DEFAULT_LAG
        self.refresh()

    def refresh(self) -> None:
        """Show the diary's suspects and the factors one may add."""
        app = MDApp.get_running_app()
        if "rows" not in self.ids or app is None or getattr(app, "diary", None) is None:
            return
        suspects = app.diary.suspects()
        box = self.ids.rows
        for row in self.rows:
            box.remove_widget(row)
        self.rows = [SuspectRow(s, self) for s in suspects]
        for row in self.rows:
            box.add_widget(row)
        self.count_text = (
            "None yet. Pick a factor below."
            if not suspects
            else f"{len(suspects)} of {MAX_SUSPECTS}."
        )

        self._fill_choices(app.diary.suspect_choices())

    def _fill_choices(self, choices: list[tuple[str, str]]) -> None:
        flow = self.ids.factor_chips
        chosen = self.chosen_factor()
        if [(c.code, c.text) for c in flow.chips()] == choices:
            return  # keep what is ticked
        flow.clear_widgets()
        for code, label in choices:
            chip = ToggleChip(text=label, code=code, active=code == chosen)
            chip.bind(active=self._chip_toggled)
            flow.add_widget(chip)

    def _chip_toggled(self, chip: ToggleChip, active: bool) -> None:
        # One factor at a time: ticking one unticks the others.
        if active:
            for other in self.ids.factor_chips.chips():
                if other is not chip and other.active:
                    other.active = False
        self.add_problem = ""

    def chosen_factor(self) -> str | None:
        """The ticked factor's code (or own factor name), if any."""
        picked = self.ids.factor_chips.selected() if "factor_chips" in self.ids else []
        return picked[0] if picked else None

    # -- changes -----------------------------------------------------------------------

    def add(self) -> None:
        """Declare the ticked factor at the chosen lag; a refusal is shown in the card."""
        app = MDApp.get_running_app()
        factor = self.chosen_factor()
        if factor is None:
            self.add_problem = "Pick the factor you suspect first."
            return
        lag = int(self.ids.lag.value or DEFAULT_LAG)
        try:
            app.diary.add_suspect(factor, lag)
        except FactorError as error:
            taken = app.diary.suspects()
            self.add_problem = suspect_refusal(error, taken, factor, lag, "above")
            return
        self.add_problem = ""
        for chip in self.ids.factor_chips.chips():
            chip.active = False
        self.ids.lag.value = DEFAULT_LAG
        # The new row is the feedback: a snackbar would cover this Add button.
        self.refresh()
        app.diary_changed()

    def confirm_remove(self, row: SuspectRow) -> None:
        """Ask before removing: declaring it again later would count only later days."""
        suspect = row.suspect
        again = (
            "If you declare it again later, only the days after that will test it."
            if MDApp.get_running_app().diary.count()
            else ""
        )
        self.remove_dialog = m3_dialog(
            "Remove this suspect?",
            f"{suspect_title(suspect)} will be tested with the other patterns, "
            f"no longer first. {again}",
            [Choice("Keep it"), Choice("Remove", lambda: self.remove(row), closes=False)],
            icon="account-search-outline",
        )
        self.remove_dialog.open()

    def remove(self, row: SuspectRow) -> None:
        """Remove the suspect of `row` (after the dialog)."""
        app = MDApp.get_running_app()
        if self.remove_dialog is not None:
            self.remove_dialog.dismiss()
        try:
            app.diary.remove_suspect(row.suspect.factor, row.suspect.lag)
        except FactorError as error:  # removed meanwhile, e.g. from the command line
            app.notify(refusal_words(error))
        self.refresh()
        app.diary_changed()
