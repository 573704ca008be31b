"""First run: an empty diary greets the user above the Today form.

One line on what to do, and a way to explore a demo diary first. It sits on
the Today screen (rather than in front of it) so the first thing a new user
sees is the form they will use every day.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty
from kivymd.uix.boxlayout import MDBoxLayout

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class WelcomeCard(MDBoxLayout):
    """Shown while the diary is empty (or until hidden)."""

    shown = BooleanProperty(False)
