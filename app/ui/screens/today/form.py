"""Today's form, built just after the app's first frame.

TodayBody holds the banners (welcome, problems), the cards (TodayForm) and
the disclaimer. Their widgets (body map, score rows, steppers, chips,
segments) and kv are imported here, on the first build, not at start-up.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import ObjectProperty
from kivymd.uix.boxlayout import MDBoxLayout

from app.ui.screens.today import checkin_sheet  # noqa: F401  (kv class CheckInList)
from app.ui.screens.welcome import welcome  # noqa: F401  (kv class WelcomeCard)
from app.ui.widgets import (  # noqa: F401  (kv classes)
    body_map,
    chips,
    fields,
    focus,
    score_row,
    segments,
    stepper,
)
from app.ui.widgets.layout import ResponsiveColumns

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class TodayBody(MDBoxLayout):
    """Banners above the cards, the disclaimer below; `screen` is the TodayScreen."""

    screen = ObjectProperty(None)


class TodayForm(ResponsiveColumns):
    """The cards of the day form; `screen` is the TodayScreen they belong to."""

    screen = ObjectProperty(None)
