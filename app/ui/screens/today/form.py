"""The cards of Today's form, built just after the app's first frame.

Their widgets (body map, score rows, steppers, chips, segments) and kv are
imported here, on the first build, not when the app starts.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import ObjectProperty

from app.ui.widgets import body_map, chips, score_row, segments, stepper  # noqa: F401  (kv classes)
from app.ui.widgets.layout import ResponsiveColumns

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class TodayForm(ResponsiveColumns):
    """The cards of the day form; `screen` is the TodayScreen they belong to."""

    screen = ObjectProperty(None)
