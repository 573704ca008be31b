"""The Today form's state, without Kivy: one day's fields, what changed, status, problems.

`DayForm` holds the day shown (the dict shape `Diary.save_day` accepts and
`Diary.get_day_fields` returns), the baseline it was loaded or last saved as,
unsaved drafts of other dates, the refusals of the last save and the status
line. Screens bind to its events instead of polling it:

    form.bind(changed=lambda form, names: ..., status=..., problems=..., date=...)

`changed` fires with the names of the fields whose values changed, whoever
changed them (a view that set a field itself can ignore its own echo).

Saving merges with the diary: when the day changed on disk since the form
loaded it (another window, or the `log` command), fields the person did not
touch take the disk's values and the fields they touched win (see `merge`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.domain import vocab
from app.domain.day_merge import EDITABLE, merge_day, same_value

# Not app.domain.entry: that imports pydantic, which Today's first frame does not need.
from app.domain.durations import MINUTES_PER_DAY, parse_duration_minutes

if TYPE_CHECKING:
    from app.diary import DayEntry, Diary


#: Field codes of DayEntry in the words the form uses (for refusals and messages).
FIELD_LABELS = {
    "date": "Date",
    "pain": "Average pain",
    "worst_pain": "Worst pain",
    "enjoyment_interference": "Interference with enjoying life",
    "activity_interference": "Interference with general activity",
    "locations": "Where it hurts",
    "symptoms": "What it feels like",
    "sitting_minutes": "Sitting",
    "standing_minutes": "Standing",
    "active_minutes": "Active",
    "exercises": "Exercise",
    "exertion": "Exertion",
    "exertion_note": "Exertion note",
    "posture": "Posture",
    "sleep_hours": "Sleep",
    "sleep_quality": "Sleep quality",
    "treatments": "Treatment",
    "red_flags": "Red flags",
    "flare": "Flare-up",
    "note": "Note",
    "stress": "Stress",
    "factors": "Your factors",
    "day": "This day",
}

STATUS_OPENING = "Opening…"
STATUS_UNSAVED = "Unsaved changes"
STATUS_LOGGED = "Logged; edit and save again"
STATUS_NOT_LOGGED = "Not logged yet"


# -- words --------------------------------------------------------------------------------


def describe_problem(field_name: str, message: str) -> str:
    """'Worst pain: must be ...' — a refusal in the form's words."""
    if field_name == "day" and message:
        # Rules across fields already name them ("worst pain (3) must be ...").
        return message[0].upper() + message[1:]
    parts = field_name.split(".")
    name = FIELD_LABELS.get(parts[0], parts[0].replace("_", " ").capitalize())
    if parts[0] == "factors" and len(parts) > 1:  # 'factors.Coffee': name the factor
        return f"{name} ({'.'.join(parts[1:])}): {message}"
    if len(parts) > 1 and parts[1].isdigit():
        name = f"{name} {int(parts[1]) + 1}"
        if len(parts) > 2:
            name = f"{name} ({parts[2]})"
    return f"{name}: {message}"


def field_words(names: list[str] | tuple[str, ...]) -> str:
    """'Sleep', 'Sleep and Note', 'Pain, Sleep and Note' — field names for a sentence."""
    labels = [FIELD_LABELS.get(n, n) for n in names]
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} and {labels[-1]}"


def date_title(date: dt.date, today: dt.date | None = None) -> str:
    """'Today, Sat 21 Nov' / 'Yesterday, Fri 20 Nov' / 'Mon 3 Nov 2025'."""
    today = today or dt.date.today()
    short = f"{date:%a} {date.day} {date:%b}"
    if date == today:
        return f"Today, {short}"
    if date == today - dt.timedelta(days=1):
        return f"Yesterday, {short}"
    return short if date.year == today.year else f"{short} {date.year}"


def pain_words(pain: int | None) -> str:
    """The words beside the pain score: the scale's anchors, else mild/moderate/severe."""
    if pain is None:
        return "Not recorded yet"
    if pain in vocab.PAIN_ANCHORS:
        return vocab.PAIN_ANCHORS[pain]
    return "Mild" if pain <= 3 else "Moderate" if pain <= 6 else "Severe"


def typed_name(text: str, vocabulary: Mapping[str, str]) -> str:
    """A typed exercise or treatment: its catalogue code when it names one, else the name."""
    name = " ".join(text.split())
    return vocab.code_for(vocabulary, name) or name


#: What a typed time may look like (said when it cannot be read).
TIME_FORMATS = "like 7h30, 7.5 (hours) or 450 (minutes), up to 24 h"


def typed_minutes(text: str, *, bare: str = "h") -> int | None:
    """A typed duration in whole minutes; '' is None (not recorded).

    '7h30', '7h30m', '7.5h', '45m' read as they say; a bare decimal ('7.5') is
    hours. A bare whole number is hours up to 24 when `bare` is 'h' (a day's
    sitting or sleep: '7' means 7 h, '450' means minutes), else minutes
    (an exercise: '20' means 20 min). Raises ValueError saying what is allowed.
    """
    cleaned = text.strip().lower().replace(",", ".")
    if not cleaned:
        return None
    value = parse_duration_minutes(cleaned)
    if isinstance(value, str):
        try:
            value = float(cleaned) * 60  # '7.5': a decimal is hours
        except ValueError:
            value = None
    elif bare == "h" and cleaned.isdigit() and int(cleaned) <= 24:
        value = int(cleaned) * 60
    if value is None or not 0 <= value <= MINUTES_PER_DAY:
        raise ValueError(f"type a time {TIME_FORMATS}; got {text.strip()[:20]!r}")
    return round(value)


def typed_exercise(text: str) -> tuple[str, int | None]:
    """'walk 20', 'Walking 20 min', 'swim 1h' -> (catalogue code or name, minutes).

    A trailing time is minutes unless it says hours; a name that begins a
    catalogue label ('walk') stands for it.
    """
    words = text.split()
    minutes = None
    for cut in (2, 1):
        if len(words) > cut:
            try:
                minutes = typed_minutes(" ".join(words[-cut:]), bare="min")
            except ValueError:
                continue
            words = words[:-cut]
            break
    name = typed_name(" ".join(words), vocab.EXERCISES)
    if name not in vocab.EXERCISES and name:
        starts = [
            c for c, label in vocab.EXERCISES.items() if label.lower().startswith(name.lower())
        ]
        if len(starts) == 1:
            name = starts[0]
    return name, minutes


# -- values -------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    return (value or "").strip() or None


def normalise_field(name: str, value: Any) -> Any:
    """One field as the form holds it: trimmed text, sleep to the minute, plain dicts."""
    if name in ("note", "exertion_note"):
        return _text(value)
    if name == "flare":
        return bool(value)
    if name == "sleep_hours":
        # The form edits sleep in whole minutes: hold what it can show.
        return None if value is None else round(round(float(value) * 60) / 60, 2)
    if name == "locations":
        return [
            {"region": loc["region"], "side": loc.get("side")}
            if isinstance(loc, Mapping)
            else {"region": loc[0], "side": loc[1]}
            for loc in value or []
        ]
    if name == "exercises":
        return [{"name": item["name"], "minutes": item.get("minutes")} for item in value or []]
    if name == "treatments":
        return [
            {"name": item["name"], "dose": _text(item.get("dose")), "relief": item.get("relief")}
            for item in value or []
        ]
    if name in ("symptoms", "red_flags"):
        return list(value or [])
    if name == "factors":  # own factor name -> value; none recorded is {}
        return dict(value or {})
    return value


def normalise(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A whole day (any of the dict shapes) as the form holds it; missing fields empty."""
    day = {"date": fields.get("date")}
    for name in EDITABLE:
        day[name] = normalise_field(name, fields.get(name))
    return day


def empty_day(date: dt.date) -> dict[str, Any]:
    """A day with nothing recorded: what the form shows for a date not logged yet."""
    return normalise({"date": date})


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The editable fields whose values differ, in form order."""
    return [n for n in EDITABLE if not same_value(n, before.get(n), after.get(n))]


def merge(
    loaded: Mapping[str, Any], edited: Mapping[str, Any], on_disk: Mapping[str, Any] | None
) -> tuple[dict[str, Any], list[str]]:
    """A draft over the day as stored now: (fields to show, fields both sides changed).

    The rule is `app.domain.day_merge.merge_day`, the one `Diary.save_form`
    applies when saving. A day deleted on disk meanwhile (`on_disk` None)
    keeps the draft as it is: the form shows all of it.
    """
    if on_disk is None:
        return dict(edited), []
    result = merge_day(loaded, edited, on_disk, EDITABLE)
    return result.fields, list(result.clashes)


# -- events -------------------------------------------------------------------------------


class Observable:
    """A tiny observer: `bind(name=callback)`; callbacks get the sender and the event's values."""

    events: tuple[str, ...] = ()

    def __init__(self) -> None:
        self._handlers: dict[str, list[Callable[..., Any]]] = {name: [] for name in self.events}

    def bind(self, **handlers: Callable[..., Any]) -> None:
        """Call each handler when its event fires (in the order bound)."""
        for name, handler in handlers.items():
            if name not in self._handlers:
                raise ValueError(f"{type(self).__name__} has no event {name!r}; has {self.events}")
            self._handlers[name].append(handler)

    def unbind(self, **handlers: Callable[..., Any]) -> None:
        """Stop calling these handlers."""
        for name, handler in handlers.items():
            if handler in self._handlers.get(name, []):
                self._handlers[name].remove(handler)

    def emit(self, name: str, *args: Any) -> None:
        for handler in list(self._handlers[name]):
            handler(self, *args)


# -- the form -----------------------------------------------------------------------------


@dataclass
class SaveOutcome:
    """What a save did: the saved day, or the refusal; and what came from elsewhere."""

    date: dt.date
    entry: DayEntry | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None
    #: Fields another program changed meanwhile that the person had not touched: kept.
    taken: list[str] = field(default_factory=list)
    #: Fields changed both here and elsewhere: the person's value was saved.
    conflicts: list[str] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        return self.entry is not None

    @property
    def message(self) -> str:
        """One or two sentences for a snackbar."""
        if self.problems:
            count = len(self.problems)
            return f"Not saved: {count} thing{'s' if count > 1 else ''} to fix (at the top)."
        if self.error is not None:
            return f"Not saved. {self.error}"
        text = f"Saved {date_title(self.date)}."
        if self.taken:
            were = "were" if len(self.taken) > 1 else "was"
            text += f" {field_words(self.taken)} {were} changed elsewhere meanwhile: kept too."
        if self.conflicts:
            text += (
                f" {field_words(self.conflicts)} had also been changed elsewhere:"
                " your entry replaced it."
            )
        return text


@dataclass
class _Draft:
    baseline: dict[str, Any]
    fields: dict[str, Any]


class DayForm(Observable):
    """One day being edited; `diary` is the service it loads from and saves to."""

    events = ("changed", "status", "problems", "date")

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary
        self.date: dt.date | None = None
        self.logged = False
        self.saved_at: str | None = None
        #: A note on the last save for the status line (short: the header is narrow).
        self.merge_note = ""
        self.problems: list[tuple[str, str]] = []
        self._baseline: dict[str, Any] = {}
        self._fields: dict[str, Any] = {}
        self._drafts: dict[dt.date, _Draft] = {}
        self._status = STATUS_OPENING

    # -- reading ------------------------------------------------------------------------

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def values(self) -> dict[str, Any]:
        """The form as a dict `Diary.save_day` accepts (a copy)."""
        return {name: _copy(value) for name, value in self._fields.items()}

    @property
    def baseline(self) -> dict[str, Any]:
        """The day as it was loaded or last saved (a copy)."""
        return {name: _copy(value) for name, value in self._baseline.items()}

    def changed(self) -> list[str]:
        """Fields changed since the day was loaded or saved."""
        if not self._baseline:
            return []
        return changed_fields(self._baseline, self._fields)

    @property
    def dirty(self) -> bool:
        """Whether the shown day has unsaved changes (typing it back as it was is not one)."""
        return bool(self.changed())

    def unsaved_dates(self) -> list[dt.date]:
        """Every date with unsaved changes: the shown day and drafts left on other dates."""
        dates = set(self._drafts)
        if self.date is not None and self.dirty:
            dates.add(self.date)
        return sorted(dates)

    def unsaved_summary(self) -> str:
        """What closing now would lose, in one sentence ('' when nothing)."""
        dates = self.unsaved_dates()
        if not dates:
            return ""
        if len(dates) > 1:
            days = ", ".join(date_title(d) for d in dates)
            return f"Your changes to {len(dates)} days ({days}) are not saved yet."
        date = dates[0]
        draft = self._drafts.get(date)
        names = changed_fields(draft.baseline, draft.fields) if draft else self.changed()
        return f"{date_title(date)}: your changes to {field_words(names)} are not saved yet."

    @property
    def status(self) -> str:
        """The line under the date: unsaved, saved at, logged, or not logged."""
        return self._status

    def problem_lines(self) -> list[str]:
        """The refusals of the last save, each naming its field."""
        return [describe_problem(f, m) for f, m in self.problems]

    # -- editing ------------------------------------------------------------------------

    def set(self, name: str, value: Any) -> None:
        """Set one field (from the view); fires `changed` when its value changed."""
        if name not in EDITABLE:
            raise KeyError(f"{name!r} is not a field of the day form; fields: {EDITABLE}")
        value = normalise_field(name, value)
        if self._fields.get(name) == value:
            return
        self._fields[name] = value
        self.emit("changed", (name,))
        self._update_status()

    def update(self, values: Mapping[str, Any]) -> None:
        """Set several fields at once (one `changed` event)."""
        names = []
        for name in EDITABLE:
            if name in values:
                value = normalise_field(name, values[name])
                if self._fields.get(name) != value:
                    self._fields[name] = value
                    names.append(name)
        if names:
            self.emit("changed", tuple(names))
        self._update_status()

    def same_as_last_day(self) -> str:
        """Fill the form from the last logged day before this one (not its note or red flags).

        Returns the sentence to show: where it came from, or that there is none.
        """
        if self.date is None:
            return "There is no earlier day to copy yet."
        copy = self.diary.same_as_previous(self.date)
        if copy is None:
            return "There is no earlier day to copy yet."
        previous = self.diary.previous_day(self.date)
        data = copy.model_dump()
        # The service leaves these out (they describe that day only); keep today's own.
        data["note"] = self._fields.get("note")
        data["red_flags"] = self._fields.get("red_flags")
        self.update(data)
        when = date_title(previous.date) if previous else "the last day"
        return f"Filled in from {when}. Adjust anything that changed, then save."

    # -- loading ------------------------------------------------------------------------

    def load(self, date: dt.date) -> None:
        """Show `date`: what the diary holds, with any draft left unsaved on it.

        The shown day's unsaved changes are kept as a draft for its date.
        """
        if self.date is not None and self.dirty:
            self._drafts[self.date] = _Draft(self._baseline, self._fields)
        on_disk = self._read(date)
        draft = self._drafts.pop(date, None)
        self.logged = on_disk is not None
        self.saved_at = None
        self.merge_note = ""
        baseline = normalise(on_disk) if on_disk else empty_day(date)
        if draft is not None:
            # The diary may have changed since the draft was left: start from what it
            # holds now and put the person's own changes on top.
            fields, _ = merge(draft.baseline, draft.fields, baseline)
        else:
            fields = dict(baseline)
        self._show(date, baseline, fields)
        self._set_problems([])

    def refresh(self) -> None:
        """The diary changed (a day deleted, restored or imported): show what it holds now.

        Unsaved typing is never thrown away: fields the person changed stay theirs.
        """
        if self.date is None or not self._baseline:
            return
        on_disk = self._read(self.date)
        baseline = normalise(on_disk) if on_disk else empty_day(self.date)
        fields, _ = merge(self._baseline, self._fields, baseline)
        self.logged = on_disk is not None
        self._show(self.date, baseline, fields)

    def reset(self, diary: Diary, date: dt.date) -> None:
        """Another diary was opened: forget drafts (they belong to the old one), show `date`."""
        self.diary = diary
        self._drafts.clear()
        self.date = None
        self._baseline = {}
        self.load(date)

    def clear(self) -> None:
        """Forget the day, its drafts and the diary (the app locked an encrypted diary).

        Nothing of the diary stays in the form: no field, draft or problem. It
        emits nothing; a locked app drops the screen that showed it.
        """
        self.diary = None  # type: ignore[assignment]
        self._drafts.clear()
        self._fields = {}
        self._baseline = {}
        self.problems = []
        self.date = None
        self.logged = False
        self.saved_at = None
        self.merge_note = ""

    def _read(self, date: dt.date) -> dict[str, Any] | None:
        return self.diary.get_day_fields(date)

    def _show(self, date: dt.date, baseline: dict[str, Any], fields: dict[str, Any]) -> None:
        moved = date != self.date
        names = EDITABLE if moved else tuple(changed_fields(self._fields, fields))
        self.date = date
        self._baseline = baseline
        self._fields = dict(fields)
        if moved:
            self.emit("date", date)
        if names:
            self.emit("changed", tuple(names))
        self._update_status()

    # -- saving -------------------------------------------------------------------------

    def save(self) -> SaveOutcome:
        """Store the shown day, merged with what the diary holds now (see `merge`)."""
        from app.diary import DayChangedError, DiaryBusyError, DiaryFileError, EntryError

        assert self.date is not None, "load a date before saving"
        date = self.date
        try:
            loaded = self._baseline if self.logged else None
            entry, merged, conflicts = self._store(loaded, self._fields)
        except EntryError as error:
            self._set_problems(list(error.problems))
            return SaveOutcome(date, problems=list(error.problems))
        except (DiaryBusyError, DiaryFileError, DayChangedError) as error:
            # DayChangedError here: the day changed again between two tries.
            return SaveOutcome(date, error=str(error))
        taken = [
            n for n in EDITABLE if n not in conflicts and not same_value(n, merged[n], self[n])
        ]
        saved = normalise(entry.model_dump())
        self._drafts.pop(date, None)
        self.logged = True
        self.saved_at = dt.datetime.now().strftime("%H:%M")
        self.merge_note = "with changes from elsewhere" if taken else ""
        self._show(date, saved, saved)
        self._set_problems([])
        return SaveOutcome(date, entry=entry, taken=taken, conflicts=conflicts)

    def save_all(self) -> SaveOutcome | None:
        """Save the shown day and every draft; stop at the first refusal and show its date.

        Returns the first refusal or error, else the last save (None when nothing was unsaved).
        """
        outcome = None
        if self.date is not None and self.dirty:
            outcome = self.save()
            if not outcome.saved:
                return outcome
        for date in sorted(self._drafts):
            self.load(date)
            outcome = self.save()
            if not outcome.saved:
                return outcome
        return outcome

    def _store(
        self, loaded: dict[str, Any] | None, edited: dict[str, Any]
    ) -> tuple[DayEntry, dict[str, Any], list[str]]:
        """Save `edited` over whatever the diary now holds for its date, merged.

        `loaded` is the day as loaded or last saved (None: it was not logged).
        The one call into the service for a save: (saved entry, merged fields, conflicts).
        """
        from app.diary import DayChangedError

        date = edited["date"]
        try:
            entry = self.diary.save_form(date, loaded, edited)
            conflicts: list[str] = []
        except DayChangedError as clash:
            # The person saw their own values and pressed Save: theirs win, and
            # the outcome names the fields so they can be told.
            entry = self.diary.save_form(date, clash.on_disk, edited)
            conflicts = list(clash.fields)
        merged = normalise(entry.model_dump())
        return entry, merged, conflicts

    # -- status -------------------------------------------------------------------------

    def _set_problems(self, problems: list[tuple[str, str]]) -> None:
        if problems == self.problems:
            return
        self.problems = problems
        self.emit("problems", self.problem_lines())

    def _update_status(self) -> None:
        if self.date is None:
            text = STATUS_OPENING
        elif self.dirty:
            text = STATUS_UNSAVED
        elif self.saved_at:
            text = f"Saved at {self.saved_at}"
            if self.merge_note:
                text = f"{text}, {self.merge_note}"
        elif self.logged:
            text = STATUS_LOGGED
        else:
            text = STATUS_NOT_LOGGED
        if text != self._status:
            self._status = text
            self.emit("status", text)


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [dict(item) if isinstance(item, dict) else item for item in value]
    return value
