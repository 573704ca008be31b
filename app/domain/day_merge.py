"""The one rule for saving a day someone else changed meanwhile: a three-way merge.

`Diary.save_form` applies it inside its write transaction; the Today form
applies it to drafts it shows again. Field by field: what the person did not
touch takes the disk's value, what they touched keeps theirs; a field both
changed to different values is a clash, for the caller to decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.fields import DAY_FIELDS

#: Lists whose order carries no meaning: compared as sets of items.
UNORDERED = frozenset({"locations", "symptoms", "red_flags"})
EDITABLE = DAY_FIELDS[1:]
#: Dicts merged key by key: one program recording gardening and another screen
#: time on the same day both keep theirs.
BY_KEY = frozenset({"factors"})


def same_value(name: str, a: Any, b: Any) -> bool:
    """Whether two values of field `name` say the same (places etc. in any order)."""
    if name in UNORDERED and isinstance(a, list) and isinstance(b, list):
        return sorted(map(repr, a)) == sorted(map(repr, b))
    return a == b


@dataclass(frozen=True)
class Merged:
    """A merged day, the fields the person touched, and those both sides changed differently."""

    fields: dict[str, Any]
    touched: tuple[str, ...]
    clashes: tuple[str, ...]


def merge_day(
    before: Mapping[str, Any],
    mine: Mapping[str, Any],
    disk: Mapping[str, Any],
    names: Iterable[str] = EDITABLE,
) -> Merged:
    """Merge `mine` (edited from `before`) with `disk` (the day as stored now).

    Clashing fields keep the person's value in `fields`; callers that must
    ask first check `clashes` before saving.
    """
    merged: dict[str, Any] = {"date": mine.get("date", disk.get("date"))}
    touched, clashes = [], []
    for name in names:
        if name in BY_KEY:
            value, mine_touched, clashed = _merge_keys(
                before.get(name) or {}, mine.get(name) or {}, disk.get(name) or {}
            )
            merged[name] = value
            if mine_touched:
                touched.append(name)
            if clashed:
                clashes.append(name)
            continue
        if same_value(name, mine.get(name), before.get(name)):
            merged[name] = disk.get(name)
            continue
        touched.append(name)
        merged[name] = mine.get(name)
        theirs = disk.get(name)
        if not same_value(name, theirs, before.get(name)) and not same_value(
            name, theirs, mine.get(name)
        ):
            clashes.append(name)
    return Merged(merged, tuple(touched), tuple(clashes))


def _merge_keys(
    before: Mapping[str, Any], mine: Mapping[str, Any], disk: Mapping[str, Any]
) -> tuple[dict[str, Any], bool, bool]:
    """A dict merged three ways per key (a missing key is "not recorded")."""
    out: dict[str, Any] = {}
    touched = clashed = False
    for key in dict.fromkeys([*disk, *mine, *before]):
        b, m, d = before.get(key), mine.get(key), disk.get(key)
        if m == b:
            value = d
        else:
            touched = True
            value = m
            clashed = clashed or (d != b and d != m)
        if value is not None:
            out[key] = value
    return out, touched, clashed
