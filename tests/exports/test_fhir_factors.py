"""FHIR: stress and own-factor values as Observations with text codes, validated with R4B."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.diary import Diary
from app.exports.fhir import build_bundle
from tests.exports.test_fhir import _resources, _validated
from tests.strategies import OWN_FACTORS, days, unique_dates

KINDS = {f.name: f.kind for f in OWN_FACTORS}


def _value(observation: dict) -> int | bool:
    if "valueBoolean" in observation:
        return observation["valueBoolean"]
    if "valueQuantity" in observation:
        assert observation["valueQuantity"]["code"] == "min"
        return observation["valueQuantity"]["value"]
    return observation["valueInteger"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(days(own=OWN_FACTORS), max_size=6).map(unique_dates))
def test_stress_and_factor_values_come_back_from_the_bundle(entries) -> None:
    bundle = build_bundle(entries, factor_kinds=KINDS)
    _validated(bundle)
    found: dict[dt.date, dict[str, int | bool]] = {}
    for observation in _resources(bundle, "Observation"):
        code = observation["code"]
        if "coding" in code:  # pain, PEG, check-ins: LOINC-coded, tested elsewhere
            continue
        date = dt.date.fromisoformat(observation["effectiveDateTime"])
        found.setdefault(date, {})[code["text"]] = _value(observation)
    expected = {
        e.date: {
            **({"Stress (0-10)": e.stress} if e.stress is not None else {}),
            **e.factors,
        }
        for e in entries
        if e.stress is not None or e.factors
    }
    assert found == expected


def test_the_diary_exports_a_day_without_pain_with_its_stress_and_factors(
    diary: Diary, tmp_path: Path
) -> None:
    diary.add_factor("Gardening", "yesno")
    diary.add_factor("Screen time", "minutes")
    diary.save_day(
        {"date": "2026-02-01", "stress": 6, "factors": {"Gardening": "no", "Screen time": 30}}
    )
    assert diary.export_fhir(tmp_path / "b.json") == 3
    bundle = json.loads((tmp_path / "b.json").read_text())
    _validated(bundle)
    observations = _resources(bundle, "Observation")
    assert [(o["code"], _value(o)) for o in observations] == [
        ({"text": "Stress (0-10)"}, 6),
        ({"text": "Gardening"}, False),
        ({"text": "Screen time"}, 30),
    ]
    assert observations[2]["valueQuantity"]["system"] == "http://unitsofmeasure.org"
