"""The JSON backup (version 3) with stress, own factors and suspects; older versions still read."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.diary import Diary
from app.domain.own_factors import OwnFactor, Suspect
from app.exports.backup_json import FORMAT_NAME, BackupFileError, parse_backup
from tests.strategies import OWN_FACTORS, days, unique_dates

SUSPECTS = st.lists(
    st.tuples(
        st.sampled_from(["sitting", "stress", *(f.name for f in OWN_FACTORS)]),
        st.sampled_from([0, 1]),
        st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
        st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
    ),
    max_size=3,
    unique_by=lambda t: (t[0], t[1]),
).map(
    lambda items: [
        Suspect(f, lag, d, c, own=f not in ("sitting", "stress")) for f, lag, d, c in items
    ]
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    entries=st.lists(days(own=OWN_FACTORS), max_size=8).map(unique_dates),
    suspects=SUSPECTS,
    archived=st.booleans(),
)
def test_json_round_trip_keeps_days_factors_and_suspects_exactly(
    tmp_path_factory, entries, suspects, archived
) -> None:
    folder = tmp_path_factory.mktemp("json")
    definitions = [
        OwnFactor(f.name, f.kind, f.threshold, archived and i == 0, dt.date(2024, 1, i + 1))
        for i, f in enumerate(OWN_FACTORS)
    ]
    with Diary.open(folder / "a.sqlite3") as first:
        report = first.import_entries(entries, factors=definitions, suspects=suspects)
        assert report.ok
        first.export_json(folder / "backup.json")
    with Diary.open(folder / "b.sqlite3") as second:
        assert second.import_json(folder / "backup.json").ok
        got_days = second.days()
        got_factors = second.factors(include_archived=True)
        got_suspects = second.suspects()
    assert got_days == sorted(entries, key=lambda d: d.date)
    assert [dataclass_without_days(f) for f in got_factors] == definitions
    assert got_suspects == suspects


def dataclass_without_days(factor: OwnFactor) -> OwnFactor:
    return OwnFactor(factor.name, factor.kind, factor.threshold, factor.archived, factor.created_on)


KNITTING = {"factor": "knitting", "own": True, "declared_on": "2026-01-01"}
SITTING = {"factor": "sitting", "own": False, "declared_on": "2026-01-01"}


def _document(**extra) -> dict:
    return {"format": FORMAT_NAME, "version": 3, "days": [], **extra}


def test_a_version_2_backup_still_reads_without_factors() -> None:
    backup = parse_backup(
        {"format": FORMAT_NAME, "version": 2, "days": [{"date": "2026-01-02", "pain": 3}]}
    )
    assert backup.factors == [] and backup.suspects == []
    assert backup.days[0].stress is None and backup.days[0].factors == {}
    with pytest.raises(BackupFileError, match="unknown field 'own_factors'"):
        parse_backup({"format": FORMAT_NAME, "version": 2, "own_factors": []})


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            _document(days=[{"date": "2026-01-02", "factors": {"Knitting": True}}]),
            r"days\[0\] \(2026-01-02\): factors.Knitting: is not one of your factors",
        ),
        (
            _document(
                own_factors=[{"name": "Mood", "kind": "rating"}],
                days=[{"date": "2026-01-02", "factors": {"Mood": 12}}],
            ),
            r"days\[0\] \(2026-01-02\): factors.Mood: must be a whole number from 0 to 10",
        ),
        (_document(own_factors=[{"name": "Mood", "kind": "hours"}]), r"own_factors\[0\]: kind"),
        (
            _document(own_factors=[{"name": "a", "kind": "yesno"}, {"name": "A", "kind": "yesno"}]),
            "defined twice",
        ),
        (
            _document(
                suspects=[
                    {"factor": "knitting", "own": True, "lag": 1, "declared_on": "2026-01-01"}
                ]
            ),
            r"suspects\[0\]: factor",
        ),
        (
            _document(
                suspects=[
                    {"factor": "sitting", "own": False, "lag": 3, "declared_on": "2026-01-01"}
                ]
            ),
            r"suspects\[0\]: lag",
        ),
        (
            _document(suspects=[{"factor": "sitting", "own": False, "lag": 1}]),
            r"suspects\[0\]: declared_on: is required",
        ),
    ],
)
def test_bad_factor_parts_of_a_backup_are_named(document: dict, expected: str) -> None:
    with pytest.raises(BackupFileError, match=expected):
        parse_backup(document)


def test_the_backup_lists_definitions_and_suspects_at_the_top(diary: Diary, tmp_path: Path):
    diary.add_suspect("sitting")
    diary.add_factor("Gardening", "yesno")
    diary.save_day({"date": "2026-01-02", "stress": 5, "factors": {"Gardening": "yes"}})
    diary.export_json(tmp_path / "b.json")
    document = json.loads((tmp_path / "b.json").read_text())
    assert document["version"] == 3
    assert document["own_factors"][0]["name"] == "Gardening"
    assert document["suspects"] == [
        {
            "factor": "sitting",
            "own": False,
            "lag": 1,
            "declared_on": dt.date.today().isoformat(),
            "covers_from": None,
        }
    ]
    assert document["days"][0]["stress"] == 5
    assert document["days"][0]["factors"] == {"Gardening": True}
