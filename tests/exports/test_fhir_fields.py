"""Own-factor Observations field by field, as FHIR R4 spells them (codes are case-sensitive)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.exports.fhir import factor_observation

# http://hl7.org/fhir/R4/valueset-observation-category.html: code "survey", display "Survey".
SURVEY = [
    {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                "code": "survey",
                "display": "Survey",
            }
        ]
    }
]


@pytest.mark.parametrize(
    ("kind", "value", "field"),
    [
        ("yesno", True, {"valueBoolean": True}),
        ("rating", 7, {"valueInteger": 7}),
        (
            "minutes",
            45,
            {
                "valueQuantity": {
                    "value": 45,
                    "unit": "min",
                    "system": "http://unitsofmeasure.org",
                    "code": "min",
                }
            },
        ),
    ],
)
def test_an_own_factor_value_is_a_final_survey_observation(kind, value, field) -> None:
    # ObservationStatus is a required binding: "final", lower case, nothing else.
    assert factor_observation(dt.date(2026, 2, 1), "Gardening", kind, value, "urn:uuid:p") == {
        "resourceType": "Observation",
        "status": "final",
        "category": SURVEY,
        "code": {"text": "Gardening"},
        "subject": {"reference": "urn:uuid:p"},
        "effectiveDateTime": "2026-02-01",
        **field,
    }
