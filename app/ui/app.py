"""The Pain Diary app window: five tabs on a bottom navigation bar.

Kivy's environment and Config are set (by `boot.configure_kivy`) before the
first Kivy import, and every kv file is loaded once, here at import, with an
explicit path: `MDApp.load_all_kv_files` skips paths containing "venv", so an
installed app would find none of them.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import sys
import time
from pathlib import Path

from app.ui.boot import configure_kivy, save_window_size

configure_kivy()

from kivy.clock import Clock  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.lang import Builder  # noqa: E402
from kivy.metrics import dp  # noqa: E402
from kivy.properties import (  # noqa: E402
    BooleanProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivymd.app import MDApp  # noqa: E402
from kivymd.uix.boxlayout import MDBoxLayout  # noqa: E402
from kivymd.uix.navigationbar import MDNavigationItem  # noqa: E402

from app.ui import theme_scheme  # noqa: E402
from app.ui.frames import after_next_frame  # noqa: E402
from app.ui.graphics import lighten_kivymd_layers  # noqa: E402

lighten_kivymd_layers()  # before any widget exists

from app.config import DEFAULT_LOCK_MINUTES  # noqa: E402
from app.diary import (  # noqa: E402
    SETTING_THEME,
    Diary,
    DiaryBusyError,
    DiaryFileError,
    Passphrase,
)
from app.ui.screens.today import today  # noqa: E402

_KV = Path(__file__).with_name("app.kv")
Builder.load_file(str(_KV))

#: Layout passes Kivy may run before a frame. A resize sends the new width down
#: Today's nested boxes (about 12 levels: screen, scroll, columns, cards, rows,
#: chips) and the heights that follow from it back up (about 10): measured, it
#: settles after 22 passes, and Kivy's default of 10 logs "[CRITICAL] Clock: too
#: much iteration" for what is a finite chain, not a loop (it also settles with
#: 40 passes allowed; a feedback loop would not).
LAYOUT_PASSES = 40
TAB_KEY = 9

#: Tabs in navigation-bar order; Ctrl+1 … Ctrl+5 pick them.
TABS = ("today", "history", "trends", "report", "settings")
#: Screens built on their first visit: (module, class). Importing a screen's
#: module loads its kv, so start-up pays only for Today.
LAZY_SCREENS = {
    "today": ("app.ui.screens.today.today", "TodayScreen"),
    "lock": ("app.ui.screens.lock.lock", "LockScreen"),
    "history": ("app.ui.screens.history.history", "HistoryScreen"),
    "trends": ("app.ui.screens.trends.trends", "TrendsScreen"),
    "report": ("app.ui.screens.report.report", "ReportScreen"),
    "settings": ("app.ui.screens.settings.settings", "SettingsScreen"),
}
_ = today  # the screen class registers its kv
#: The diary setting holding the idle minutes before an encrypted diary locks.
SETTING_LOCK_MINUTES = "lock_minutes"


class NavItem(MDNavigationItem):
    """A bottom-bar item that knows which screen it shows."""

    icon = StringProperty()
    text = StringProperty()
    screen = StringProperty()

    def on_active(self, instance, value) -> None:
        # The tab marked active in kv, before the bar is on screen: its indicator
        # is simply there in the first frame, not grown by an animation after it.
        if self.get_root_window() is None:
            self._selected_region_width = dp(64) if value else 0
            return
        super().on_active(instance, value)


class DiaryRoot(MDBoxLayout):
    """Screens above, navigation bar below."""


class PainDiaryApp(MDApp):
    """The app; screens reach the diary through `app.diary`."""

    diary = ObjectProperty(None, allownone=True)
    #: Bumped after every change to the diary, so screens know to reload.
    diary_version = NumericProperty(0)
    is_demo = BooleanProperty(False)
    wide = BooleanProperty(False)
    #: The "Save your changes?" dialog while it is open (or was last).
    close_dialog = ObjectProperty(None, allownone=True)
    #: True while an encrypted diary is locked: only the lock screen exists, no diary is open.
    locked = BooleanProperty(False)
    #: An encrypted diary locks after this many idle minutes (its "lock_minutes" setting).
    lock_minutes = NumericProperty(DEFAULT_LOCK_MINUTES)
    #: How often (seconds) the idle time is looked at.
    idle_check_seconds = 5.0

    def __init__(self, diary: Diary | None, *, path: Path | None = None, **kwargs):
        """`diary` open, or None with the `path` of an encrypted diary: the app starts locked."""
        super().__init__(**kwargs)
        self.diary = diary
        self.diary_path = diary.path if diary is not None else Path(path).absolute()
        self.locked = diary is None
        #: The unlocked diary's passphrase (memory only; dropped when it locks).
        self.passphrase: Passphrase | None = None
        self._last_activity = time.monotonic()
        self.title = "Pain Diary"
        # Set before MDApp._run_prepare computes the colour scheme: set in build(),
        # the scheme (pure-Python Material You maths) is computed twice at start-up.
        # And read from the shipped schemes instead of computed (80-100 ms).
        theme_scheme.install(self.theme_cls)
        self.theme_cls.primary_palette = "Teal"
        # KivyMD fades every background in from transparent when it is first set
        # (its theme-switch animation, one Animation per widget): the whole form's
        # first frame was drawn dimmed and repainted 0.2 s later, and every tab
        # built later did the same. Backgrounds take their colour at once.
        self.theme_cls.theme_style_switch_animation = False
        self._apply_theme_setting()

    # -- lifecycle -------------------------------------------------------------------

    def build(self):
        # Until the widgets' own backgrounds are drawn (the second frame), the
        # window shows its clear colour: the theme's, not a black flash.
        Window.clearcolor = self.theme_cls.backgroundColor
        self.theme_cls.bind(
            backgroundColor=lambda _theme, colour: setattr(Window, "clearcolor", colour)
        )
        Clock.max_iteration = LAYOUT_PASSES
        self.root_widget = DiaryRoot()
        self._pause_collector()
        # The first screen added is shown: the lock screen until an encrypted diary opens.
        first = self.screen("lock" if self.locked else "today")
        if self.locked:
            after_next_frame(self._resume_collector)
        else:
            first.fbind("form_ready", lambda *_: after_next_frame(self._resume_collector))
        self._stopped = False
        Window.bind(**self._window_handlers())
        self._idle_check = Clock.schedule_interval(self.check_idle, self.idle_check_seconds)
        from app.ui.reminder_watch import ReminderWatch

        self.reminder_watch = ReminderWatch(self)  # reminders to log, while the app runs
        self._on_window_size(Window, Window.size)
        return self.root_widget

    # -- start-up and the garbage collector --------------------------------------------

    _collector_paused = False

    def _pause_collector(self) -> None:
        """Pause Python's cyclic garbage collector until the first screen is drawn.

        Building Today's form makes some 300,000 objects that live as long as
        the window; the collector's full passes, each over every object made so
        far, took 180-380 ms of the start (three or four passes) and one more
        130-170 ms pass just after the form's first frame. Paused, it has nothing to do
        until then; what exists is then frozen (`gc.freeze`, CPython's advice
        for long-lived start-up objects), so later passes skip the form's
        widgets too. Locking and stopping unfreeze it: dropped screens go.
        """
        if gc.isenabled():  # not when something else (a test, a profiler) manages it
            gc.disable()
            self._collector_paused = True

    def _resume_collector(self) -> None:
        if self._collector_paused:
            self._collector_paused = False
            gc.freeze()
            gc.enable()

    def _window_handlers(self) -> dict:
        """The window events the app listens to (bound at build, unbound at stop)."""
        activity = self._on_activity  # any input resets the idle lock's clock
        return {
            "on_key_down": self._on_key_down,
            "size": self._on_window_size,
            "on_request_close": self._on_request_close,
            "on_touch_down": activity,
            "on_textinput": activity,
            "mouse_pos": activity,
        }

    def on_start(self) -> None:
        # After the first frames: a snackbar needs the window laid out.
        Clock.schedule_once(lambda _dt: self.show_diary_warnings(), 1)

    def on_stop(self) -> None:
        # App.run dispatches on_stop again after a stop() from a dialog button.
        if self._stopped:
            return
        self._stopped = True
        if self._collector_paused:
            self._collector_paused = False
            gc.enable()
        gc.unfreeze()  # this app's widgets may be collected once it is gone
        Window.unbind(**self._window_handlers())
        self._idle_check.cancel()
        self.reminder_watch.stop()
        if self.root_widget.ids.screens.has_screen("today"):
            self.screen("today").stop()
        save_window_size(Window.system_size)

    # -- closing ----------------------------------------------------------------------

    def _on_request_close(self, *_args, **_kwargs) -> bool:
        """The window's close button; True keeps the window open to ask about unsaved days."""
        if self._stopped or self.locked or not self.screen("today").has_unsaved():
            return False
        self.ask_before_closing()
        return True

    def request_close(self) -> None:
        """Ctrl+Q: quit, asking first when something is not saved."""
        if not self.locked and self.screen("today").has_unsaved():
            self.ask_before_closing()
        else:
            self.stop()

    def ask_before_closing(self) -> None:
        """Save / Discard / Cancel, for unsaved changes, before the window closes."""
        from app.ui.widgets.dialogs import Choice, m3_dialog

        if self.close_dialog is not None and self.close_dialog.parent is not None:
            return  # already asking
        today = self.screen("today")

        def on_save() -> None:
            if today.save_all():
                self.stop()
            else:
                self.switch_to("today")  # the refusal is listed at the top of the form

        dialog = m3_dialog(
            "Save your changes?",
            f"{today.unsaved_summary()} If you close without saving, they are lost.",
            [Choice("Cancel"), Choice("Save", on_save)],
            icon="content-save-alert-outline",
            leading=[Choice("Discard", self.stop)],
        )
        self.close_dialog = dialog
        dialog.open()

    # -- diary ----------------------------------------------------------------------

    def _apply_theme_setting(self) -> None:
        if self.diary is None:
            return  # locked: the theme is a setting inside the diary
        style = (self.diary.setting(SETTING_THEME, "light") or "light").lower()
        self.theme_cls.theme_style = "Dark" if style == "dark" else "Light"

    def set_theme(self, style: str) -> None:
        """'light' or 'dark'; stored in the diary so it follows the person's diary."""
        self.theme_cls.theme_style = "Dark" if style == "dark" else "Light"
        self.diary.set_setting(SETTING_THEME, style)

    def diary_changed(self) -> None:
        """Tell every screen that days were saved or deleted."""
        self.diary_version += 1

    def open_diary(self, path: Path | str, *, demo: bool = False) -> bool:
        """Switch to another diary file; False (and a message) when it cannot be used.

        Another encrypted diary is not opened here: the app locks onto it, and
        its lock screen asks for its passphrase.
        """
        path = Path(path).expanduser().absolute()
        same = path == self.diary_path and self.passphrase is not None
        if Diary.is_encrypted(path) and not same:
            self.lock(path)
            return False
        try:
            new = Diary.open(path, self.passphrase if same else None)
        except (DiaryFileError, DiaryBusyError, OSError) as error:
            self.notify(str(error))
            return False
        old, self.diary = self.diary, new
        if old is not None and old is not new:
            old.close()
        self.diary_path = new.path
        if not new.encrypted:
            self.passphrase = None
        self.is_demo = demo
        self._apply_theme_setting()
        self.screen("today").reset_for_new_diary()
        self.diary_changed()
        self.show_diary_warnings()
        return True

    # -- locking (an encrypted diary) ----------------------------------------------------

    def lock(self, path: Path | None = None) -> None:
        """Close the diary and show the lock screen (of `path`, another encrypted diary).

        Every connection is closed (the key goes with them), the form forgets
        its days, and every screen that showed the diary is dropped; they are
        built again after unlocking. Unsaved changes are saved first when they
        can be: locking must not lose what was typed.
        """
        manager = self.root_widget.ids.screens
        if manager.has_screen("today"):
            today = manager.get_screen("today")
            if self.diary is not None and today.has_unsaved():
                today.save_all()
            today.stop()
            today.form.clear()
        self._dismiss_overlays()
        self.screen("lock")
        manager.current = "lock"
        for name in list(manager.screen_names):
            if name != "lock":
                manager.remove_widget(manager.get_screen(name))
        diary, self.diary = self.diary, None
        if diary is not None:
            diary.close()
        if self.passphrase is not None:
            self.passphrase.forget()
        self.passphrase = None
        if path is not None:
            self.diary_path = Path(path).absolute()
        self.locked = True
        manager.get_screen("lock").on_pre_enter()
        # The dropped screens and their texts go now, not some time later (frozen
        # at start-up, they would not go at all).
        gc.unfreeze()
        gc.collect()

    def _dismiss_overlays(self) -> None:
        from kivy.uix.modalview import ModalView
        from kivymd.uix.dialog import MDDialog
        from kivymd.uix.snackbar import MDSnackbar

        for child in list(Window.children):
            if isinstance(child, MDDialog):
                child.dismiss()
            elif isinstance(child, ModalView):  # the check-in sheet: nothing of it stays
                child.dismiss(force=True, animation=False)
            elif isinstance(child, MDSnackbar):
                Window.remove_widget(child)

    def unlock(self, passphrase: str) -> None:
        """Open the locked diary with `passphrase` and show it (WrongPassphraseError if not)."""
        secret = Passphrase(passphrase)
        diary = Diary.open(self.diary_path, secret)
        self.diary, self.passphrase, self.locked = diary, secret, False
        self._last_activity = time.monotonic()
        self._apply_theme_setting()
        self._read_lock_minutes()
        self.screen("today")
        self.root_widget.ids.screens.current = "today"
        self.switch_to("today")
        self.diary_changed()
        self.show_diary_warnings()

    def _read_lock_minutes(self) -> None:
        try:
            minutes = float(self.diary.setting(SETTING_LOCK_MINUTES) or DEFAULT_LOCK_MINUTES)
        except ValueError:
            minutes = DEFAULT_LOCK_MINUTES
        self.lock_minutes = minutes if minutes > 0 else DEFAULT_LOCK_MINUTES

    def set_lock_minutes(self, minutes: float) -> None:
        """Lock after `minutes` idle; stored in the diary, so it follows the diary."""
        self.lock_minutes = minutes
        self.diary.set_setting(SETTING_LOCK_MINUTES, f"{minutes:g}")

    def _on_activity(self, *_args) -> None:
        self._last_activity = time.monotonic()

    def check_idle(self, *_args) -> None:
        """Lock an encrypted diary left idle for `lock_minutes`."""
        if self.locked or self.diary is None or not self.diary.encrypted:
            return
        if time.monotonic() - self._last_activity >= self.lock_minutes * 60:
            self.lock()

    def show_diary_warnings(self) -> None:
        """Say once what opening the diary could not do (e.g. today's backup on a full disk)."""
        if self.diary is None:
            return
        for warning in self.diary.warnings:
            self.notify(warning[:1].upper() + warning[1:] + ".", duration=8)

    def open_demo(self) -> None:
        """Open (creating once) the demo diary beside the user's own diary."""
        from app.config import DEFAULT_DEMO_DAYS, demo_diary_path

        path = demo_diary_path()
        try:
            if not path.exists() or path.stat().st_size == 0:
                Diary.create_demo(path, DEFAULT_DEMO_DAYS).close()
        except (DiaryFileError, DiaryBusyError, OSError) as error:
            self.notify(f"The demo diary could not be made: {error}")
            return
        if self.open_diary(path, demo=True):
            self.switch_to("trends")
            self.notify(
                f"This is a demo diary with {DEFAULT_DEMO_DAYS} invented days. "
                "Settings takes you back."
            )

    # -- navigation -----------------------------------------------------------------

    def screen(self, name: str):
        """The screen called `name`, building it first if it was never shown."""
        manager = self.root_widget.ids.screens
        if not manager.has_screen(name):
            module, cls = LAZY_SCREENS[name]
            manager.add_widget(getattr(importlib.import_module(module), cls)(name=name))
        return manager.get_screen(name)

    def on_switch_tabs(self, _bar, item: NavItem, _icon: str, _text: str) -> None:
        screens = self.root_widget.ids.screens
        again = screens.current == item.screen
        self.screen(item.screen)
        screens.current = item.screen
        if again and item.screen == "today" and not self._switching:
            # The Today tab tapped while Today shows another date: back to today.
            self.screen("today").go_to_today()

    _switching = False

    def switch_to(self, name: str) -> None:
        """Show a tab (keeping the bar's highlight in step); the shown date stays."""
        bar = self.root_widget.ids.navbar
        for item in bar.children:
            if isinstance(item, NavItem) and item.screen == name:
                self._switching = True
                try:
                    bar.set_active_item(item)
                finally:
                    self._switching = False
                return

    def edit_day(self, date: dt.date) -> None:
        """Open a day on the Today tab (from History's list or calendar)."""
        self.screen("today").load_date(date)
        self.switch_to("today")

    # -- feedback -------------------------------------------------------------------

    def notify(self, text: str, action: str | None = None, callback=None, duration: float = 4):
        """A snackbar at the bottom; with `action`, a button that calls `callback`."""
        from kivymd.uix.snackbar import (
            MDSnackbar,
            MDSnackbarActionButton,
            MDSnackbarActionButtonText,
            MDSnackbarButtonContainer,
            MDSnackbarSupportingText,
        )

        parts = [MDSnackbarSupportingText(text=text)]
        if action:
            button = MDSnackbarActionButton(MDSnackbarActionButtonText(text=action))
            parts.append(MDSnackbarButtonContainer(button, pos_hint={"center_y": 0.5}))
        bar = MDSnackbar(
            *parts,
            # Above the navigation bar, and on Today above the save bar too: a
            # message must never cover the Save button.
            y=dp(160) if self.root_widget.ids.screens.current == "today" else dp(92),
            orientation="horizontal" if action else "vertical",
            pos_hint={"center_x": 0.5},
            size_hint_x=None,
            width=min(Window.width - dp(24), dp(560)),
            duration=duration,
        )
        if action and callback is not None:

            def act(*_args):
                bar.dismiss()
                callback()

            button.bind(on_release=act)
        bar.open()
        self.last_snackbar = bar
        return bar

    # -- desktop comforts -------------------------------------------------------------

    def _on_window_size(self, _window, size) -> None:
        self.wide = size[0] >= dp(820)

    def _on_key_down(self, window, key, _scancode, codepoint, modifiers) -> bool:
        self._last_activity = time.monotonic()
        if key == TAB_KEY and not ({"ctrl", "meta", "alt"} & set(modifiers)):
            from app.ui.widgets.focus import tab_in

            return tab_in(window, backwards="shift" in modifiers)
        if not ({"ctrl", "meta"} & set(modifiers)):
            return False
        # With Ctrl held SDL may report no codepoint: fall back on the key code.
        char = codepoint or (chr(key) if 32 <= key < 127 else "")
        if self.locked:
            if char.lower() == "q":
                self.stop()
                return True
            return False
        if char.lower() == "l" and self.diary is not None and self.diary.encrypted:
            self.lock()
            return True
        if char.lower() == "s":
            self.switch_to("today")
            Clock.schedule_once(lambda _dt: self.screen("today").save(), 0)
            return True
        if char.lower() == "q":
            self.request_close()
            return True
        if len(char) == 1 and char in "12345":
            self.switch_to(TABS[int(char) - 1])
            return True
        return False


def run(db_path: Path | None = None) -> int:
    """Open the diary (default: $PAIN_DIARY_DB or the user data folder) and show the app.

    An encrypted diary is not opened here: the app starts on its lock screen.
    """
    from app.config import default_diary_path

    path = (Path(db_path).expanduser() if db_path else default_diary_path()).absolute()
    if Diary.is_encrypted(path):
        locked = PainDiaryApp(None, path=path)
        try:
            locked.run()
        finally:
            if locked.diary is not None:
                locked.diary.close()
        return 0
    try:
        diary = Diary.open(db_path)
    except DiaryBusyError as error:
        print(f"pain-diary: {error}", file=sys.stderr)
        return 2
    except DiaryFileError as error:
        print(f"pain-diary: {error}", file=sys.stderr)
        return _recover(db_path, error)
    application = PainDiaryApp(diary)
    try:
        application.run()
    finally:
        # The user may have switched diaries: close whichever is open, and the first.
        current = application.diary or diary
        current.close()
        if current is not diary:
            diary.close()
    return 0


def _recover(db_path: Path | None, error: DiaryFileError) -> int:
    """Offer the newest good backup in a dialog; start again on it if restored."""
    import os

    from app.config import default_diary_path
    from app.ui.recovery import RecoveryApp

    path = (Path(db_path).expanduser() if db_path else default_diary_path()).absolute()
    recovery = RecoveryApp(path, error)
    recovery.run()
    if not recovery.restored:
        return 2
    # A fresh process: Kivy cannot open a second window after the first closed.
    os.execv(sys.executable, [sys.executable, "-m", "app", "--db", str(path)])
    return 0  # not reached
