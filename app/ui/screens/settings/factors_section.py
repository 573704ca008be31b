"""Settings → Your factors: the own factors with their kind and threshold; rename, archive, add.

The factors live in the diary (`Diary.factors`, `add_factor`, `rename_factor`,
`archive_factor`); every change tells the app the diary changed, so Today's
card and the analysis read them again.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.boxlayout import MDBoxLayout

from app.domain.own_factors import MAX_OWN_FACTORS, FactorError, OwnFactor
from app.forms.factor_words import factor_line
from app.ui.widgets.layout import SectionCard

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class FactorSettingRow(MDBoxLayout):
    """One own factor: name, kind and threshold, and its Rename and Archive buttons."""

    factor = ObjectProperty(None)
    name = StringProperty("")
    line = StringProperty("")
    archived = BooleanProperty(False)

    def __init__(self, factor: OwnFactor, section: FactorsSection, **kwargs):
        super().__init__(
            factor=factor,
            name=factor.name,
            line=factor_line(factor),
            archived=factor.archived,
            **kwargs,
        )
        self.section = section


class FactorsSection(SectionCard):
    """The "Your factors" card of Settings."""

    count_text = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows: list[FactorSettingRow] = []
        self.dialog = None
        # A bound method: Kivy holds it weakly, so a dropped Settings screen is not kept.
        MDApp.get_running_app().bind(diary_version=self._diary_changed)
        Clock.schedule_once(lambda _dt: self.refresh())

    def _diary_changed(self, *_args) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the diary's own factors, active first, then the archived ones."""
        app = MDApp.get_running_app()
        if "rows" not in self.ids or app is None or app.diary is None:
            return
        found = app.diary.factors(include_archived=True)
        ordered = [f for f in found if not f.archived] + [f for f in found if f.archived]
        box = self.ids.rows
        box.clear_widgets()
        self.rows = [FactorSettingRow(factor, self) for factor in ordered]
        for row in self.rows:
            box.add_widget(row)
        active = sum(not f.archived for f in found)
        archived = len(found) - active
        if not found:
            self.count_text = "None yet. Add what you suspect matters; you note it on Today."
        else:
            self.count_text = f"{active} of {MAX_OWN_FACTORS} in use" + (
                f", {archived} archived (kept in old days and exports)." if archived else "."
            )

    def row(self, name: str) -> FactorSettingRow:
        """The row of the factor `name` (for tests)."""
        return next(r for r in self.rows if r.name == name)

    def _changed(self, message: str) -> None:
        app = MDApp.get_running_app()
        app.diary_changed()  # Today's card, History and the analysis read them again
        self.refresh()
        app.notify(message)

    # -- add ----------------------------------------------------------------------------

    def add(self) -> None:
        """The same "Add a factor" dialog as Today's."""
        from app.ui.screens.today.factors import open_add_factor

        self.dialog = open_add_factor(lambda f: self._changed(f"Added {f.name!r}."))

    # -- rename ---------------------------------------------------------------------------

    def ask_rename(self, row: FactorSettingRow) -> None:
        """A dialog with the name to change; a refusal (name in use, bad name) names the field."""
        from kivymd.uix.textfield import MDTextField, MDTextFieldHintText

        from app.ui.screens.today.factors import problem_label

        field = MDTextField(MDTextFieldHintText(text="New name"), mode="outlined", text=row.name)
        field.write_tab = False
        field.multiline = False
        problem = problem_label()

        def rename(*_args) -> None:
            try:
                done = MDApp.get_running_app().diary.rename_factor(row.name, field.text)
            except FactorError as error:
                problem.text = f"Name: {error.problems[0][1]}"
                field.error = True
                return
            self.dialog.dismiss()
            self._changed(f"Renamed {row.name!r} to {done.name!r}; its days keep their values.")

        field.bind(on_text_validate=rename)
        self.dialog = _dialog(
            "pencil-outline",
            f"Rename {row.name!r}?",
            "Every day that has it keeps its value under the new name.",
            "Rename",
            rename,
            content=(field, problem),
        )
        self.dialog.field, self.dialog.problem = field, problem

    # -- archive --------------------------------------------------------------------------

    def ask_archive(self, row: FactorSettingRow) -> None:
        """Ask before archiving: it leaves Today but stays in old days and exports."""

        def archive(*_args) -> None:
            self.dialog.dismiss()
            MDApp.get_running_app().diary.archive_factor(row.name)
            self._changed(f"Archived {row.name!r}.")

        days = row.factor.days
        plural = "s" if days != 1 else ""
        kept = f"The {days} day{plural} that have it keep" if days else "Days keep"
        self.dialog = _dialog(
            "archive-outline",
            f"Archive {row.name!r}?",
            f"It will no longer be offered on Today. {kept} its values, in History, "
            "exports and reports. An archived factor cannot be brought back here.",
            "Archive",
            archive,
        )


def _dialog(icon: str, title: str, text: str, action: str, callback, content=()):
    """A dialog with Cancel and `action` (which calls `callback`); returns it opened."""
    from app.ui.widgets.dialogs import Choice, m3_dialog

    dialog = m3_dialog(
        title,
        text,
        [Choice("Cancel"), Choice(action, callback, closes=False)],
        icon=icon,
        content=content,
    )
    dialog.open()
    return dialog
