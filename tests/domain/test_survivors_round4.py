"""Domain behaviour the fourth mutation sample showed unpinned."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from app.analysis.entry_columns import columns_from_entries
from app.domain.entry import make_entry
from app.domain.messages import EntryError
from app.domain.own_factors import OwnFactor

D0 = dt.date(2025, 6, 2)


def test_taking_some_days_keeps_the_own_factor_columns_for_those_days() -> None:
    days = [
        make_entry(date=D0, pain=3, factors={"gardening": True}),
        make_entry(date=D0 + dt.timedelta(days=1), pain=4, factors={"gardening": False}),
        make_entry(date=D0 + dt.timedelta(days=2), pain=5, factors={"gardening": True}),
    ]
    columns = columns_from_entries(days, [OwnFactor("gardening", "yesno")])
    (gardening,) = columns.take(np.array([False, True, True])).own
    assert gardening.name == "gardening"
    assert gardening.values.tolist() == [0.0, 1.0]


def test_an_exertion_note_is_kept_and_one_over_200_characters_is_refused() -> None:
    # (Mutmut cannot reach `_short_text`: it runs at import; verified by hand.)
    assert make_entry(date=D0, exertion_note=" moved boxes ").exertion_note == "moved boxes"
    with pytest.raises(EntryError, match="exertion_note: must be at most 200 characters, got 201"):
        make_entry(date=D0, exertion_note="x" * 201)
