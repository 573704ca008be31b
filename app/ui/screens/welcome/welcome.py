"""First run: an empty diary greets the user above the Today form.

One line on what to do, a way to explore a demo diary first, and one question:
"What do you think sets off your flare-ups?". It sits on the Today screen
(rather than in front of it) so the first thing a new user sees is the form
they will use every day; answering or skipping the question is never needed
to log a day. Factors chosen here become suspects while the diary is still
empty, so every day later logged tests them (`Diary.add_suspect`).
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout

from app.diary.factors import factor_label, suspect_label
from app.domain.own_factors import MAX_SUSPECTS, FactorError
from app.ui.widgets import chips as _chips  # noqa: F401  (kv classes)
from app.ui.widgets.chips import ToggleChip
from app.ui.widgets.segments import CodeSegments  # noqa: F401  (kv class)

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: As Settings → Your suspects: the next day by default (the published sitting effect).
LAGS = {"0": "Same day", "1": "Next day"}
DEFAULT_LAG = "1"


def joined(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _place(widget, parent, wanted: bool, index: int = 0) -> None:
    """Put `widget` into `parent` (at `index` from the bottom) or take it out."""
    if wanted and widget.parent is None:
        parent.add_widget(widget, index=index)
    elif not wanted and widget.parent is not None:
        widget.parent.remove_widget(widget)


class WelcomeCard(MDBoxLayout):
    """Shown while the diary is empty (or until hidden)."""

    shown = BooleanProperty(False)
    #: The suspects question is open (no suspects yet, not skipped).
    asking = BooleanProperty(False)
    #: The chips are open (after "Choose up to 3").
    choosing = BooleanProperty(False)
    #: After the question: what was chosen, or a refusal.
    answer_text = StringProperty("")
    hint_text = StringProperty("")

    _skipped = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # After KivyMD's own set-up (not in on_kv_post, which runs inside it when
        # the card is made in Python): its remove_widget needs that finished.
        # Parts not shown leave the tree: a box of height 0 still lays its children
        # out (upwards, over the demo button), and disabled ones swallow the clicks.
        # Strong references: `ids` hold weak proxies, dead once out of the tree.
        self._question = self.ids.question.__self__
        self._ask_row = self.ids.ask_row.__self__
        self._choices = self.ids.choices.__self__
        self.bind(asking=self._place_parts, choosing=self._place_parts)
        # Another diary opened, or suspects declared elsewhere.
        MDApp.get_running_app().bind(diary_version=lambda *_: self.refresh())
        self._place_parts()
        Clock.schedule_once(self._setup)

    def _place_parts(self, *_args) -> None:
        _place(self._question, self, self.asking, index=1)  # above the answer line
        _place(self._ask_row, self._question, not self.choosing)
        _place(self._choices, self._question, self.choosing)

    def _setup(self, *_args) -> None:
        self.ids.lag.required = True
        self.ids.lag.set_choices(LAGS)
        self.ids.lag.value = DEFAULT_LAG
        self.refresh()

    def on_shown(self, _instance, shown: bool) -> None:
        if shown:
            self.refresh()

    def on_choosing(self, _instance, choosing: bool) -> None:
        if choosing:
            self._fill_chips()

    def refresh(self) -> None:
        """Ask about suspects while the open diary is empty and has none."""
        app = MDApp.get_running_app()
        if not self.shown or app is None or getattr(app, "diary", None) is None:
            return
        suspects = app.diary.suspects()
        self.asking = not suspects and not self._skipped
        if suspects:  # declared here, or from the command line before the first start
            self.answer_text = self._chosen_text([(s.factor, s.lag) for s in suspects])

    def _fill_chips(self) -> None:
        """The factors one may suspect (built when asked for: not on every start-up)."""
        app = MDApp.get_running_app()
        flow = self.ids.suspect_chips
        choices = app.diary.suspect_choices()
        if [(c.code, c.text) for c in flow.chips()] != choices:
            flow.clear_widgets()
            for code, label in choices:
                chip = ToggleChip(text=label, code=code)
                chip.bind(active=self._chip_toggled)
                flow.add_widget(chip)

    def _chip_toggled(self, chip: ToggleChip, active: bool) -> None:
        picked = self.ids.suspect_chips.selected()
        if active and len(picked) > MAX_SUSPECTS:
            chip.active = False  # the limit, said rather than silently ignored
            self.hint_text = f"Up to {MAX_SUSPECTS}: untick one to choose another."
        else:
            self.hint_text = ""

    def save_suspects(self) -> None:
        """Declare the ticked factors at the chosen lag (the diary is still empty)."""
        app = MDApp.get_running_app()
        picked = self.ids.suspect_chips.selected()
        if not picked:
            self.hint_text = "Tick what you suspect, or Skip."
            return
        lag = int(self.ids.lag.value or DEFAULT_LAG)
        declared = []
        for factor in picked:
            try:
                declared.append(app.diary.add_suspect(factor, lag))
            except FactorError as error:  # e.g. declared meanwhile from the command line
                self.hint_text = error.problems[0][1] if error.problems else str(error)
        if declared:
            self.answer_text = self._chosen_text([(s.factor, s.lag) for s in declared])
            self.asking = self.choosing = False
            app.diary_changed()

    def skip(self) -> None:
        """Close the question; Settings, Your suspects, offers it later."""
        self._skipped = True
        self.asking = self.choosing = False
        self.answer_text = "No suspects for now. You can add them later in Settings."

    @staticmethod
    def _chosen_text(suspects: list[tuple[str, int]]) -> str:
        lags = {lag for _factor, lag in suspects}
        if len(lags) == 1:
            when = "the same day" if lags == {0} else "the next day"
            names = f"{joined([factor_label(f) for f, _lag in suspects])}, {when}"
        else:
            names = joined([suspect_label(f, lag) for f, lag in suspects])
        return (
            f"Testing first: {names}. Every day you log counts. "
            "Change them in Settings, under Your suspects."
        )
