"""Today's stress row and "Your factors" card: one control per own factor, and adding one.

A yes/no factor is a Yes/No segment (tapping the chosen one clears it), a
rating a 0-10 score row, minutes the duration stepper. An archived factor
that holds a value on the shown day is shown muted and read-only: the form
keeps its value and saving stores it unchanged. The add dialog (also used by
Settings) calls `Diary.add_factor` and shows its refusal naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.widget import Widget
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout

from app.domain.own_factors import FactorError, OwnFactor, factor_key
from app.forms.factor_words import DEFAULT_THRESHOLDS, value_words
from app.ui.widgets import focus  # noqa: F401  (kv class KeyButton)
from app.ui.widgets.score_row import ScoreRow
from app.ui.widgets.segments import CodeSegments
from app.ui.widgets.stepper import DurationStepper

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

#: How the dialog names each kind.
KIND_CHOICES = {"yesno": "Yes / no", "rating": "0–10", "minutes": "Minutes"}
#: The dialog's fields in words, for a refusal that names one.
DIALOG_FIELDS = {"name": "Name", "kind": "Kind", "threshold": "Exposed at"}


class FactorRow(MDBoxLayout):
    """One own factor on Today: its name and the control of its kind.

    `value` is True/False (yes/no), an int, or None (not recorded).
    """

    factor = ObjectProperty(None)
    name = StringProperty("")
    kind = StringProperty("yesno")
    archived = BooleanProperty(False)
    value = ObjectProperty(None, allownone=True)
    #: The value in words ('yes', '6/10', '1 h 15 min'): what the control shows, as text.
    value_text = StringProperty("not recorded")

    def __init__(self, factor: OwnFactor, value: Any = None, **kwargs):
        super().__init__(
            factor=factor,
            name=factor.name,
            kind=factor.kind,
            archived=factor.archived,
            value=value,
            **kwargs,
        )
        self.control = self._make_control()
        self.control.disabled = self.archived
        self.ids.control_box.add_widget(self.control)
        self.on_value(self, self.value)

    def _make_control(self) -> Widget:
        if self.kind == "yesno":
            segments = CodeSegments(size_hint_x=None, width=dp(216))
            segments.set_choices({"yes": "Yes", "no": "No"})
            segments.bind(value=self._from_segments)
            return segments
        if self.kind == "rating":
            row = ScoreRow()
            row.bind(value=self._from_control)
            return row
        stepper = DurationStepper(
            label="", bare="min", steps=[-15, 15, 60], presets=[15, 30, 60, 120]
        )
        stepper.bind(value=self._from_control)
        return stepper

    def _from_segments(self, _segments, code: str | None) -> None:
        self.value = None if code is None else code == "yes"

    def _from_control(self, _control, value: int | None) -> None:
        self.value = value

    def on_value(self, _instance, value: Any) -> None:
        control = getattr(self, "control", None)
        if control is None:
            return
        if self.kind == "yesno":
            control.value = None if value is None else ("yes" if value else "no")
        else:
            control.value = value
        self.value_text = value_words(self.kind, value)

    # -- for tests and keyboard helpers ----------------------------------------------------

    def choose(self, what: Any) -> Widget:
        """The widget to click for `what`: 'yes'/'no' or a stepper's step.

        A rating row is one widget: click it at `control.number_pos(n)`.
        """
        if self.kind == "yesno":
            return self.control.item(what)
        if self.kind == "rating":
            raise ValueError("a rating row is one widget: click control.number_pos(n)")
        return self.control.button(what)


def show_factor_rows(
    box: MDBoxLayout,
    factors: list[OwnFactor],
    values: Mapping[str, Any],
    on_change: Callable[[FactorRow], None],
) -> list[FactorRow]:
    """Fill `box` with a row per active factor, and per archived one the day holds.

    Rows are rebuilt only when the set of factors shown changed; otherwise
    their values are set (switching dates should not rebuild twenty rows).
    """
    by_key = {factor_key(name): value for name, value in values.items()}
    wanted = [f for f in factors if not f.archived or f.key in by_key]
    rows: list[FactorRow] = [w for w in reversed(box.children) if isinstance(w, FactorRow)]
    if [_shape(row.factor) for row in rows] != [_shape(f) for f in wanted]:
        box.clear_widgets()
        rows = []
        for factor in wanted:
            row = FactorRow(factor, by_key.get(factor.key))
            row.bind(value=lambda row, _value: on_change(row))
            box.add_widget(row)
            rows.append(row)
    else:
        for row in rows:
            row.value = by_key.get(row.factor.key)
    return rows


def _shape(factor: OwnFactor) -> tuple:
    # What a row shows of its factor (not the count of days, which every save changes).
    return factor.name, factor.kind, factor.archived


def read_factor_rows(box: MDBoxLayout, values: Mapping[str, Any]) -> dict[str, Any]:
    """The day's own-factor values from the rows; names without a row keep `values`' value."""
    rows = [w for w in reversed(box.children) if isinstance(w, FactorRow)]
    shown = {row.factor.key for row in rows}
    out = {name: value for name, value in values.items() if factor_key(name) not in shown}
    for row in rows:
        if row.value is not None:
            out[row.name] = row.value
    return out


# -- the add dialog ----------------------------------------------------------------------------


def threshold_hint(kind: str) -> str:
    """What the threshold field asks for, with the default it leaves in place."""
    if kind == "rating":
        return f"Exposed at (0-10; empty: {DEFAULT_THRESHOLDS['rating']} or more)"
    if kind == "minutes":
        return f"Exposed over (minutes; empty: {DEFAULT_THRESHOLDS['minutes']})"
    return "No threshold: a yes counts as exposed"


def problem_label():
    """A dialog's refusal line: no height while empty (an empty MDLabel stays 100 px tall)."""
    from kivymd.uix.label import MDLabel

    label = MDLabel(
        text="", theme_text_color="Error", font_style="Body", role="medium", size_hint_y=None
    )
    label.height = 0

    def fit(*_args) -> None:
        label.text_size = (label.width, None)
        label.height = label.texture_size[1] if label.text else 0

    label.bind(text=fit, width=fit, texture_size=fit)
    return label


def open_add_factor(on_added: Callable[[OwnFactor], None]):
    """The "Add a factor" dialog: name, kind and optional threshold; returns the MDDialog."""
    from kivymd.uix.textfield import MDTextField, MDTextFieldHintText

    from app.diary import DiaryBusyError, DiaryFileError
    from app.ui.widgets.dialogs import Choice, m3_dialog

    name = MDTextField(MDTextFieldHintText(text="Name, e.g. Gardening"), mode="outlined")
    name.write_tab = False
    name.multiline = False
    kind = CodeSegments(size_hint_x=1)
    kind.required = True
    kind.set_choices(KIND_CHOICES)
    threshold_text = MDTextFieldHintText(text=threshold_hint("yesno"))
    threshold = MDTextField(threshold_text, mode="outlined", disabled=True)
    threshold.write_tab = False
    threshold.multiline = False
    problem = problem_label()

    def kind_changed(_segments, value: str | None) -> None:
        threshold_text.text = threshold_hint(value or "yesno")
        threshold.disabled = value in (None, "yesno")
        if threshold.disabled:
            threshold.text = ""

    kind.bind(value=kind_changed)
    kind.value = "yesno"
    dialog = m3_dialog(
        "Add a factor",
        "Something of your own to note each day. Up to 20; archived ones stay in your old days.",
        [Choice("Cancel"), Choice("Add", lambda: confirm(), closes=False)],
        icon="tune-variant",
        content=[name, kind, threshold, problem],
        content_spacing=dp(12),
    )
    dialog.fields = {"name": name, "kind": kind, "threshold": threshold}
    dialog.problem = problem

    def confirm(*_args) -> None:
        diary = MDApp.get_running_app().diary
        typed = threshold.text.strip()
        for field in (name, threshold):
            field.error = False
        try:
            factor = diary.add_factor(name.text, kind.value or "yesno", typed or None)
        except FactorError as error:
            field_name = DIALOG_FIELDS.get(error.field, error.field.capitalize())
            problem.text = f"{field_name}: {error.problems[0][1]}"
            widget = dialog.fields.get(error.field)
            if isinstance(widget, MDTextField):
                widget.error = True
            return
        except (DiaryBusyError, DiaryFileError) as error:
            problem.text = f"Not added: {error}"
            return
        dialog.dismiss()
        on_added(factor)

    name.bind(on_text_validate=confirm)
    threshold.bind(on_text_validate=confirm)
    dialog.open()
    return dialog
