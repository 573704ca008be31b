"""Today's form, built just after the app's first frame.

TodayBody holds the banners (the first-run welcome, red flags, problems), the cards (TodayForm) and
the disclaimer. TodayForm's own rule has the two cards at the top; the rest
(`LATER_CARDS`) are built on the ticks after, below the fold at phone size.
The first two cards' widgets (body map, score rows, chips, slider) and kv are
imported here, on the first build, not at start-up; those only the later
cards use (steppers, text fields, own factors) by `import_later_widgets`,
the first step after the first frame.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import ObjectProperty
from kivymd.uix.boxlayout import MDBoxLayout

from app.ui.screens.today import checkin_list  # noqa: F401  (kv class CheckInList)
from app.ui.widgets import (  # noqa: F401  (kv classes of the first two cards)
    body_map,
    chips,
    focus,
    score_row,
    segments,
)
from app.ui.widgets.layout import ResponsiveColumns, SectionCard

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class TodayBody(MDBoxLayout):
    """Banners above the cards, the disclaimer below; `screen` is the TodayScreen."""

    screen = ObjectProperty(None)


class TodayForm(ResponsiveColumns):
    """The cards of the day form; `screen` is the TodayScreen they belong to."""

    screen = ObjectProperty(None)


class LaterCard(SectionCard):
    """A card of the form built after the form's first frame; `screen` is the TodayScreen."""

    screen = ObjectProperty(None)


class LaterPart(MDBoxLayout):
    """Part of a later card's content, built in its own tick; goes into the card before it."""

    screen = ObjectProperty(None)


class DayCard(LaterCard):
    """Your day (its content comes in the parts below)."""


class DayScores(LaterPart):
    """The two PEG interference scores."""


class DaySitting(LaterPart):
    """Sitting time and the exercises done."""


class DayStress(LaterPart):
    """Stress today, 0-10 (a built-in factor; issue 15)."""


class DayExertion(LaterPart):
    """Exertion and posture."""


class DaySleep(LaterPart):
    """Sleep, its quality and the flare-up box."""


class DayOther(LaterPart):
    """Standing, active time and what the exertion was."""


class TreatmentsCard(LaterCard):
    """Treatments taken, with dose and relief."""


class RedFlagsCard(LaterCard):
    """The red-flag checklist."""


class NoteCard(LaterCard):
    """The day's free-text note."""


class FactorsCard(LaterCard):
    """The user's own factors (yes/no, 0-10, minutes) and "Add a factor"."""


def import_later_widgets() -> None:
    """Load the widgets and kv rules only the later cards use (after the first frame)."""
    from app.ui.screens.today import factors  # noqa: F401  (kv rules of DayStress, FactorsCard)
    from app.ui.widgets import fields, stepper  # noqa: F401  (kv classes)


#: What is built after the form's first frame, in order, one a tick: a card, then
#: the parts that fill it (a tick must stay short: "Your day" alone is 170 widgets).
LATER_CARDS: tuple[type[LaterCard | LaterPart], ...] = (
    DayCard,
    DayScores,
    DayStress,
    DaySitting,
    DayExertion,
    DaySleep,
    DayOther,
    TreatmentsCard,
    RedFlagsCard,
    NoteCard,
    FactorsCard,
)
