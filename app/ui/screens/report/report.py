"""Report: choose the days, then export a PDF for the doctor, CSV or FHIR.

Every export goes through the service API (`Diary.export_csv`,
`Diary.export_report`, `Diary.export_fhir`) on a worker thread, with a busy
indicator meanwhile (a PDF takes seconds), and shows where the file was saved,
with "Open" and "Show in folder". The folder is remembered on this computer.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivymd.app import MDApp
from kivymd.uix.screen import MDScreen

from app.diary import Diary, DiaryBusyError, DiaryFileError
from app.ui.widgets import layout as _layout  # noqa: F401  (kv classes)
from app.ui.widgets.segments import CodeSegments  # noqa: F401  (kv class)

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

PRESETS = {"30": "30 days", "90": "90 days", "365": "1 year", "all": "All"}
#: Export kind -> (Diary method, file suffix, words for the result).
EXPORTS = {
    "pdf": ("export_report", ".pdf", "PDF summary"),
    "csv": ("export_csv", ".csv", "CSV file"),
    "fhir": ("export_fhir", ".fhir.json", "FHIR bundle"),
}


def default_folder() -> Path:
    """The folder exports last went to on this computer, else Documents (or home)."""
    return Diary.export_folder()


def export_file_name(kind: str, start: dt.date, end: dt.date) -> str:
    return f"pain-diary-{start.isoformat()}-to-{end.isoformat()}{EXPORTS[kind][1]}"


def _short(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


class ReportScreen(MDScreen):
    """Date range, folder and the three export buttons."""

    start = ObjectProperty(None)
    end = ObjectProperty(None)
    start_text = StringProperty("")
    end_text = StringProperty("")
    range_summary = StringProperty("")
    result_text = StringProperty("")
    result_path = StringProperty("")
    #: An export is being written (on a worker thread): the buttons wait.
    busy = BooleanProperty(False)
    busy_text = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        Clock.schedule_once(self._setup)

    def _setup(self, *_args) -> None:
        self.ids.folder.text = str(default_folder())
        self.ids.period.required = True
        self.ids.period.set_choices(PRESETS)
        self.ids.period.value = "90"

    def on_pre_enter(self, *_args) -> None:
        self.preset_changed(self.ids.period.value or "90")

    def preset_changed(self, code: str | None) -> None:
        if not code:
            return
        today = dt.date.today()
        if code == "all":
            first = MDApp.get_running_app().diary.day_span().first
            self.set_range(first or today, today)
        else:
            self.set_range(today - dt.timedelta(days=int(code) - 1), today)

    def set_range(self, start: dt.date, end: dt.date) -> None:
        if end < start:
            start, end = end, start
        self.start, self.end = start, end
        self.start_text, self.end_text = _short(start), _short(end)
        app = MDApp.get_running_app()
        logged = app.diary.count(start, end)
        span = (end - start).days + 1
        self.range_summary = f"{logged} logged day{'s' if logged != 1 else ''} in these {span}."

    def pick(self, which: str) -> None:
        from kivymd.uix.pickers import MDModalDatePicker

        date = self.start if which == "start" else self.end
        picker = MDModalDatePicker(year=date.year, month=date.month, day=date.day)

        def chosen(instance, *_args):
            picked = instance.get_date()[0]
            instance.dismiss()
            picked = min(picked, dt.date.today())
            if which == "start":
                self.set_range(picked, self.end)
            else:
                self.set_range(self.start, picked)

        picker.bind(on_ok=chosen, on_cancel=lambda inst: inst.dismiss())
        picker.open()

    def choose_folder(self) -> None:
        """Pick the folder with KivyMD's file manager (folders only)."""
        from kivymd.uix.filemanager import MDFileManager

        def chosen(path: str) -> None:
            manager.close()
            folder = Path(path)
            if folder.is_file():
                folder = folder.parent
            self.ids.folder.text = str(folder)
            Diary.remember_export_folder(folder)

        manager = MDFileManager(
            exit_manager=lambda *_args: manager.close(),
            select_path=chosen,
            selector="folder",
            search="dirs",  # folders only: a file is never the answer here
        )
        start = Path(self.ids.folder.text.strip() or default_folder()).expanduser()
        manager.show(str(start if start.is_dir() else Path.home()))
        self.file_manager = manager

    def export(self, kind: str) -> None:
        """Write the chosen export on a worker thread; the screen shows it is busy meanwhile."""
        if self.busy:
            return
        app = MDApp.get_running_app()
        method_name, _suffix, words = EXPORTS[kind]
        method = getattr(app.diary, method_name)
        folder = Path(self.ids.folder.text.strip() or default_folder()).expanduser()
        if not folder.is_dir():
            app.notify(f"The folder {folder} does not exist. Choose another one.")
            return
        path = folder / export_file_name(kind, self.start, self.end)
        start, end = self.start, self.end
        self.busy = True
        self.busy_text = f"Making the {words}…"
        # At phone size the indicator sits below the fold: bring it into view.
        scroll, row = self.ids.scroll, self.ids.busy_row
        Clock.schedule_once(lambda _dt: scroll.scroll_to(row, padding=dp(16), animate=False), 0.1)

        def work() -> None:
            try:
                result, error = method(path, start, end), None
            except (DiaryFileError, DiaryBusyError, OSError, ValueError) as failure:
                result, error = None, failure
            except Exception as failure:  # a failed export must not take the screen down
                result, error = None, failure
            Clock.schedule_once(lambda _dt: self._exported(kind, path, result, error))

        threading.Thread(target=work, name=f"export-{kind}", daemon=True).start()

    def _exported(self, kind: str, path: Path, result, error: Exception | None) -> None:
        self.busy = False
        self.busy_text = ""
        app = MDApp.get_running_app()
        if app is None:
            return
        words = EXPORTS[kind][2]
        if error is not None:
            app.notify(f"{words} not saved: {error}")
            return
        Diary.remember_export_folder(path.parent)
        unit = {"csv": "days", "pdf": "pages"}.get(kind, "items")
        count = f" ({result} {unit})" if isinstance(result, int) else ""
        self.result_text = f"{words} saved{count}."
        self.result_path = str(path)
        # The "Saved" card says where, with Open and Show in folder: bring it into
        # view (a snackbar would sit on top of those two buttons).
        scroll, card = self.ids.scroll, self.ids.saved_card
        Clock.schedule_once(lambda _dt: scroll.scroll_to(card, animate=False), 0)

    def open_result(self) -> None:
        """Open the last saved file in the desktop's default viewer."""
        self._hand_to_desktop(Diary.open_file)

    def show_result_in_folder(self) -> None:
        """Show the last saved file's folder in the file manager."""
        self._hand_to_desktop(Diary.show_in_folder)

    def _hand_to_desktop(self, action) -> None:
        if not self.result_path:
            return
        try:
            action(self.result_path)
        except (RuntimeError, OSError) as error:
            MDApp.get_running_app().notify(str(error), duration=8)
