"""The check-in sheet's state, without Kivy: one check-in being entered or edited.

The sheet (app/ui/screens/today/checkin_sheet.py) is a view of `CheckInForm`:
its widgets set the form's fields; `save()` asks the service and returns an
outcome with the snackbar's words, or the refusals naming their field (the
form keeps what was typed). Kept apart from the widgets so the rules are
tested without a window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.domain import vocab
from app.forms.day_form import describe_problem

if TYPE_CHECKING:
    from app.diary import Diary
    from app.domain.checkin import CheckIn, DayPain

#: How many place chips the sheet offers (the most recent first): compact, not the body map.
MAX_PLACES = 8
#: The days looked back on for "places you noted lately".
RECENT_DAYS = 14
#: Offered when nothing was noted lately: where sciatica usually is.
USUAL_PLACES = (
    "lower_back:centre",
    "buttock:left",
    "buttock:right",
    "thigh_back:left",
    "calf:left",
)

#: The check-in's fields in the sheet's words (refusals name them so).
FIELD_LABELS = {
    "time": "Time",
    "pain": "Pain now",
    "doing": "What you were doing",
    "locations": "Where",
    "note": "Note",
    "date": "Date",
    "symptoms": "What it feels like",
}


def place_label(code: str) -> str:
    """'Calf (left)' for 'calf:left'."""
    region, _sep, side = code.partition(":")
    return vocab.location_label(region, side or None)


def checkin_line(checkin: CheckIn) -> str:
    """'Sitting · Lower back, Calf (left)' — what a list row says besides time and pain."""
    parts = []
    if checkin.doing:
        parts.append(vocab.label(vocab.DOING, checkin.doing))
    if checkin.locations:
        parts.append(", ".join(place_label(str(loc)) for loc in checkin.locations))
    if checkin.note:
        parts.append(f"“{checkin.note}”")
    return " · ".join(parts) if parts else "Pain only"


def derived_words(day: DayPain) -> str:
    """'from 3 check-ins' beside a derived pain; '' when the pain was entered or is unknown."""
    if day.source != "checkins":
        return ""
    return f"from {day.checkins} check-in{'s' if day.checkins != 1 else ''}"


def pain_figure(pain: float | None, source: str | None) -> str:
    """'5.3' for a pain derived from check-ins, '5' for an entered one, '–' for none."""
    if pain is None:
        return "–"
    return f"{pain:.1f}" if source == "checkins" else f"{pain:g}"


@dataclass
class CheckInOutcome:
    """What a save did: the saved check-in and the snackbar's words, or the refusals."""

    saved: CheckIn | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    edited: bool = False

    @property
    def message(self) -> str:
        if self.saved is None:
            return "Not saved: " + "; ".join(self.lines())
        clock, pain = self.saved.clock, self.saved.pain
        if self.edited:
            return f"Check-in at {clock} updated — pain {pain}"
        return f"Checked in at {clock} — pain {pain}"

    def lines(self) -> list[str]:
        """The refusals in the sheet's words, each naming its field."""
        return [describe_checkin_problem(f, m) for f, m in self.problems]


def describe_checkin_problem(field_name: str, message: str) -> str:
    """'Time: must be a time of day written HH:MM ...'."""
    head = field_name.split(".")[0]
    if head in FIELD_LABELS:
        return f"{FIELD_LABELS[head]}: {message}"
    return describe_problem(field_name, message)


class CheckInForm:
    """A check-in being entered (`editing` None) or edited (the stored one)."""

    def __init__(
        self,
        diary: Diary,
        date: dt.date,
        editing: CheckIn | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self.diary = diary
        self.date = date
        self.editing = editing
        if editing is not None:
            self.time_text = editing.clock
            self.pain: int | None = editing.pain
            self.doing: str | None = editing.doing
            self.places: list[str] = [str(loc) for loc in editing.locations]
            self.note = editing.note or ""
        else:
            self.time_text = (now or dt.datetime.now()).strftime("%H:%M")
            self.pain = None
            self.doing = None
            self.places = []
            self.note = ""
        self.problems: list[tuple[str, str]] = []
        self._baseline = self._values()

    def _values(self) -> tuple[Any, ...]:
        return (self.time_text.strip(), self.pain, self.doing, sorted(self.places), self.note)

    @property
    def dirty(self) -> bool:
        """Something was chosen or typed that is not stored."""
        return self._values() != self._baseline

    def toggle_place(self, code: str) -> None:
        """Add or remove a place ('calf:left')."""
        if code in self.places:
            self.places.remove(code)
        else:
            self.places.append(code)

    def data(self) -> dict[str, Any]:
        """What `Diary.save_checkin` is given (unvalidated: the service judges)."""
        note = self.note.strip()
        return {
            "date": self.date,
            "time": self.time_text.strip(),
            "pain": self.pain,
            "doing": self.doing,
            "locations": list(self.places),
            # Symptoms are not asked in the sheet: an edit keeps the ones stored.
            "symptoms": list(self.editing.symptoms) if self.editing else [],
            "note": note or None,
        }

    def save(self) -> CheckInOutcome:
        """Store the check-in; a refusal names the field and keeps every typed value."""
        from app.domain.entry import EntryError

        previous = self.editing.time if self.editing is not None else None
        try:
            saved, _replaced = self.diary.save_checkin(self.data(), previous_time=previous)
        except EntryError as error:
            self.problems = list(error.problems)
            return CheckInOutcome(problems=self.problems, edited=self.editing is not None)
        self.problems = []
        outcome = CheckInOutcome(saved=saved, edited=self.editing is not None)
        self.editing = saved
        self._baseline = self._values()
        return outcome

    def place_choices(self, today: dt.date | None = None) -> list[str]:
        """Places offered as chips: this check-in's, then the ones noted lately, newest first."""
        start = (today or self.date) - dt.timedelta(days=RECENT_DAYS)
        found: list[str] = list(self.places)
        for checkin in reversed(self.diary.checkins(self.date)):
            found += [str(loc) for loc in checkin.locations]
        for day in reversed(self.diary.summaries(start=start, end=self.date)):
            found += [f"{r}:{s}" if s else r for r, s in day.locations]
        codes = list(dict.fromkeys(found))
        if len(codes) < 3:
            codes = list(dict.fromkeys(codes + list(USUAL_PLACES)))
        # Chosen ones always stay offered (the chip shows them ticked).
        extra = [c for c in codes[MAX_PLACES:] if c in self.places]
        return codes[:MAX_PLACES] + extra


__all__ = [
    "CheckInForm",
    "CheckInOutcome",
    "checkin_line",
    "derived_words",
    "describe_checkin_problem",
    "pain_figure",
    "place_label",
]
