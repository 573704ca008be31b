"""FHIR R4 export: every resource validates against fhir.resources (R4B) and carries the codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient

from app.cli import main
from app.demo import demo_days
from app.diary import SETTING_USER_NAME, Diary
from app.domain import vocab
from app.domain.entry import make_entry
from app.exports.fhir import REGION_SNOMED, build_bundle

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
D1, D2, D3 = dt.date(2026, 2, 1), dt.date(2026, 2, 2), dt.date(2026, 2, 3)


def _resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _loinc(resource: dict) -> str:
    codings = resource["code"]["coding"]
    assert codings[0]["system"] == LOINC
    return codings[0]["code"]


def _validated(bundle: dict) -> Bundle:
    """Validate the Bundle and every resource in it with the R4B models."""
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    for entry in bundle["entry"]:
        model = {"Patient": Patient, "Observation": Observation}[entry["resource"]["resourceType"]]
        model.model_validate(entry["resource"])
    return parsed


def test_demo_diary_bundle_validates_with_one_pain_observation_per_day() -> None:
    days = demo_days(60, end=dt.date(2026, 3, 31))
    bundle = build_bundle(days)
    parsed = _validated(bundle)
    # Patient + pain and PEG for every demo day, and stress where recorded.
    assert len(parsed.entry) == 1 + 2 * len(days) + sum(d.stress is not None for d in days)
    coded = [r for r in _resources(bundle, "Observation") if "coding" in r["code"]]
    pains = [r for r in coded if _loinc(r) == "72514-3"]
    assert [p["effectiveDateTime"] for p in pains] == [d.date.isoformat() for d in days]
    assert [p["valueInteger"] for p in pains] == [d.pain for d in days]
    patient_ref = bundle["entry"][0]["fullUrl"]
    assert patient_ref.startswith("urn:uuid:")
    assert all(p["subject"]["reference"] == patient_ref for p in pains)
    assert len({e["fullUrl"] for e in bundle["entry"]}) == len(bundle["entry"])


def test_patient_is_a_placeholder_with_a_name_only_if_one_was_set() -> None:
    anonymous = _resources(build_bundle([]), "Patient")[0]
    assert anonymous == {"resourceType": "Patient"}  # no identifiers, no name
    named = _resources(build_bundle([], user_name="  Ann Smith "), "Patient")[0]
    assert named["name"] == [{"text": "Ann Smith"}]
    assert "identifier" not in named
    Patient.model_validate(named)


def test_days_without_pain_have_no_observation() -> None:
    days = [make_entry(date=D1, sitting_minutes=300), make_entry(date=D2, pain=4)]
    bundle = build_bundle(days)
    _validated(bundle)
    observations = _resources(bundle, "Observation")
    assert [(o["effectiveDateTime"], o["valueInteger"]) for o in observations] == [
        ("2026-02-02", 4)
    ]


def test_body_sites_are_snomed_codes_with_laterality() -> None:
    day = make_entry(
        date=D1,
        pain=6,
        locations=[
            {"region": "lower_back", "side": "centre"},
            {"region": "buttock", "side": "left"},
            {"region": "calf", "side": "right"},
            {"region": "foot", "side": "both"},
        ],
    )
    observation = _resources(build_bundle([day]), "Observation")[0]
    Observation.model_validate(observation)
    site = observation["bodySite"]
    assert all(c["system"] == SNOMED for c in site["coding"])
    assert [c["code"] for c in site["coding"]] == [
        "37822005",  # lower back, midline: no laterality
        "46862004:272741003=7771000",  # buttock, laterality left
        "53840002:272741003=24028007",  # calf, laterality right
        "56459004:272741003=51440002",  # foot, right and left
    ]
    assert site["text"] == "Lower back (centre), Buttock (left), Calf (right), Foot (both sides)"


def test_every_region_has_a_snomed_code() -> None:
    assert set(REGION_SNOMED) == set(vocab.REGIONS)
    day = make_entry(date=D1, pain=3, locations=[{"region": r} for r in vocab.REGIONS])
    observation = _resources(build_bundle([day]), "Observation")[0]
    codes = [c["code"] for c in observation["bodySite"]["coding"]]
    assert codes == [REGION_SNOMED[r][0] for r in vocab.REGIONS]
    assert all(code.isdigit() for code in codes)


def test_peg_panel_only_when_all_three_items_exist() -> None:
    days = [
        make_entry(date=D1, pain=6, enjoyment_interference=5, activity_interference=8),
        make_entry(date=D2, pain=6, enjoyment_interference=5),  # activity missing
    ]
    bundle = build_bundle(days)
    _validated(bundle)
    pegs = [r for r in _resources(bundle, "Observation") if _loinc(r) == "91148-7"]
    assert len(pegs) == 1 and pegs[0]["effectiveDateTime"] == "2026-02-01"
    components = {c["code"]["coding"][0]["code"]: c for c in pegs[0]["component"]}
    assert components["75893-8"]["valueInteger"] == 6
    assert components["91145-3"]["valueInteger"] == 5
    assert components["91146-1"]["valueInteger"] == 8
    assert components["91147-9"]["valueQuantity"]["value"] == pytest.approx(19 / 3, abs=0.005)
    assert all(c["code"]["coding"][0]["system"] == LOINC for c in pegs[0]["component"])


def test_cli_writes_a_valid_bundle_for_a_period_owner_only(
    diary_path: Path, tmp_path: Path
) -> None:
    with Diary.open(diary_path) as diary:
        for day in (D1, D2, D3):
            diary.save_day({"date": day, "pain": 5, "locations": [{"region": "lower_back"}]})
        diary.set_setting(SETTING_USER_NAME, "Ann")
    out = tmp_path / "pain.json"
    status = main(
        ["--db", str(diary_path), "export", str(out), "--format", "fhir", "--from", "2026-02-02"]
    )
    assert status == 0
    assert out.stat().st_mode & 0o777 == 0o600
    bundle = json.loads(out.read_text(encoding="utf-8"))
    _validated(bundle)
    assert _resources(bundle, "Patient")[0]["name"] == [{"text": "Ann"}]
    dates = [o["effectiveDateTime"] for o in _resources(bundle, "Observation")]
    assert dates == ["2026-02-02", "2026-02-03"]


def test_fhir_json_file_name_selects_fhir(diary_path: Path, tmp_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.save_day({"date": D1, "pain": 2})
    out = tmp_path / "for-my-doctor.fhir.json"
    assert main(["--db", str(diary_path), "export", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["resourceType"] == "Bundle"
