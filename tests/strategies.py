"""Hypothesis strategies shared by the round-trip tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import reject
from hypothesis import strategies as st

from app.domain import vocab
from app.domain.entry import MINUTES_PER_DAY, DayEntry, EntryError, make_entry

#: Own exercise or treatment names: any printable text without the CSV separators.
names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters=";:\n\r\t\x7f", min_codepoint=32),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())
_score = st.none() | st.integers(0, 10)
_minutes = st.none() | st.integers(0, MINUTES_PER_DAY // 3)


@st.composite
def days(draw: st.DrawFn) -> DayEntry:
    """Any valid day, normalised the way the diary stores it."""
    pain = draw(_score)
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
        "sitting_minutes": draw(_minutes),
        "standing_minutes": draw(_minutes),
        "active_minutes": draw(_minutes),
        "exercises": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": st.sampled_from(list(vocab.EXERCISES)) | names,
                        "minutes": st.none() | st.integers(0, 120),
                    }
                ),
                max_size=3,
            )
        ),
        "exertion": draw(st.none() | st.sampled_from(list(vocab.EXERTION))),
        "exertion_note": draw(st.none() | st.text(max_size=40)),
        "posture": draw(st.none() | st.sampled_from(list(vocab.POSTURE))),
        "sleep_hours": draw(st.none() | st.floats(0, 24, allow_nan=False)),
        "sleep_quality": draw(_score),
        "treatments": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "name": st.sampled_from(list(vocab.TREATMENTS)) | names,
                        "dose": st.none() | st.text(max_size=20),
                        "relief": _score,
                    }
                ),
                max_size=3,
            )
        ),
        "red_flags": draw(st.lists(st.sampled_from(list(vocab.RED_FLAGS)), max_size=2)),
        "flare": draw(st.booleans()),
        "note": draw(st.none() | st.text(max_size=200)),
    }
    try:
        return make_entry(fields)
    except EntryError:
        reject()  # e.g. a note of NUL characters: not a valid day, so not a test case


def unique_dates(entries: list[DayEntry]) -> list[DayEntry]:
    return list({e.date: e for e in entries}.values())
