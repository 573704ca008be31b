"""Hypothesis strategies shared by the round-trip tests.

They draw only valid days and check-ins: every value within the documented ranges (0 and 10,
0 and 1440 minutes included) and text without NUL. A day they draw that the
diary refuses fails the test, so an over-strict validator cannot hide (no
`reject()` or `assume()` on the code under test).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from app.domain import vocab
from app.domain.checkin import CheckIn, make_checkin
from app.domain.entry import MAX_NAME_CHARS, MINUTES_PER_DAY, DayEntry, make_entry
from app.domain.own_factors import OwnFactor

_plain_names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters=";:\n\r\t\x7f", min_codepoint=32),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())
#: Own exercise or treatment names: any printable text without the CSV separators,
#: often starting the way a spreadsheet formula does.
names = _plain_names | st.tuples(st.sampled_from("=+-@'"), _plain_names).map("".join)
#: Free text as the diary stores it: any Unicode text but NUL and lone surrogates
#: (not text; the diary refuses both).
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200)
_score = st.none() | st.integers(0, 10)


@st.composite
def day_minutes(draw: st.DrawFn) -> tuple[int | None, int | None, int | None]:
    """Sitting, standing and active minutes that fit in one day together (up to 1440)."""
    left = MINUTES_PER_DAY
    out: list[int | None] = []
    for _ in range(3):
        value = draw(st.none() | st.integers(0, left))
        left -= value or 0
        out.append(value)
    return out[0], out[1], out[2]


#: Own factors the round trips define (one of each kind; a name with a space and
#: an accent, and one starting the way a spreadsheet formula does).
OWN_FACTORS = (
    OwnFactor("Gardening", "yesno"),
    OwnFactor("Café time", "minutes", 45.0),
    OwnFactor("=Mood", "rating"),
)
_KIND_VALUES = {
    "yesno": st.booleans(),
    "rating": st.integers(0, 10),
    "minutes": st.integers(0, MINUTES_PER_DAY),
}


@st.composite
def days(draw: st.DrawFn, own: tuple[OwnFactor, ...] = ()) -> DayEntry:
    """Any valid day, normalised the way the diary stores it (values for the `own` factors)."""
    pain = draw(_score)
    sitting, standing, active = draw(day_minutes())
    worst = draw(st.none() | st.integers(pain or 0, 10))
    fields = {
        "date": draw(st.dates(dt.date(1990, 1, 1), dt.date.today())),
        "pain": pain,
        "worst_pain": worst,
        "enjoyment_interference": draw(_score),
        "activity_interference": draw(_score),
        "locations": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "region": st.sampled_from(list(vocab.REGIONS)),
                        "side": st.none() | st.sampled_from(list(vocab.SIDES)),
                    }
                ),
                max_size=4,
            )
        ),
        "symptoms": draw(st.lists(st.sampled_from(list(vocab.SYMPTOMS)), max_size=4)),
        "sitting_minutes": sitting,
        "standing_minutes": standing,
        "active_minutes": active,
        "exercises": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": st.sampled_from(list(vocab.EXERCISES)) | names,
                        "minutes": st.none() | st.integers(0, MINUTES_PER_DAY),
                    }
                ),
                max_size=3,
            )
        ),
        "exertion": draw(st.none() | st.sampled_from(list(vocab.EXERTION))),
        "exertion_note": draw(st.none() | texts.map(lambda t: t[:200])),
        "posture": draw(st.none() | st.sampled_from(list(vocab.POSTURE))),
        "sleep_hours": draw(st.none() | st.floats(0, 24, allow_nan=False)),
        "sleep_quality": draw(_score),
        "treatments": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": st.sampled_from(list(vocab.TREATMENTS)) | names,
                        "dose": st.none() | texts.map(lambda t: t[:MAX_NAME_CHARS]),
                        "relief": _score,
                    }
                ),
                max_size=3,
            )
        ),
        "red_flags": draw(st.lists(st.sampled_from(list(vocab.RED_FLAGS)), max_size=2)),
        "flare": draw(st.booleans()),
        "note": draw(st.none() | texts),
        "stress": draw(_score),
        "factors": {
            f.name: value
            for f in own
            if (value := draw(st.none() | _KIND_VALUES[f.kind])) is not None
        },
    }
    return make_entry(fields)


def unique_dates(entries: list[DayEntry]) -> list[DayEntry]:
    """One day per date (the last drawn), as a diary holds them."""
    return list({e.date: e for e in entries}.values())


_CHECKIN_LOCATIONS = st.lists(
    st.tuples(st.sampled_from(list(vocab.REGIONS)), st.none() | st.sampled_from(list(vocab.SIDES))),
    max_size=4,
).map(lambda pairs: [f"{region}:{side}" if side else region for region, side in pairs])


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    """Any valid check-in, normalised the way the diary stores it.

    Dates end yesterday: a check-in later than now is refused, and a time drawn
    for today could be.
    """
    fields = {
        "date": draw(st.dates(dt.date(1990, 1, 1), dt.date.today() - dt.timedelta(days=1))),
        "time": draw(st.times().map(lambda t: t.replace(second=0, microsecond=0))),
        "pain": draw(st.integers(0, 10)),
        "locations": draw(_CHECKIN_LOCATIONS),
        "symptoms": draw(st.lists(st.sampled_from(list(vocab.SYMPTOMS)), max_size=4)),
        "doing": draw(st.none() | st.sampled_from(list(vocab.DOING))),
        "note": draw(st.none() | texts),
    }
    return make_checkin(fields)


def unique_times(items: list[CheckIn]) -> list[CheckIn]:
    """One check-in per date and minute (the last drawn), as a diary holds them."""
    return list({(c.date, c.time): c for c in items}.values())
