"""FHIR R4 export: a collection Bundle of pain observations for a clinician's system.

What goes in, and why:
- A placeholder Patient with no identifiers (the diary holds none); the name
  only when the user entered one.
- One Observation per day with a pain score: LOINC 72514-3 (pain severity,
  0-10 numeric rating), `valueInteger`, `effectiveDateTime` (the date), and
  `bodySite` with one SNOMED CT coding per location the user ticked.
- One PEG Observation (LOINC panel 91148-7) for each day that has all three
  PEG items, the items as components plus the mean score 91147-9.
- One Observation per check-in, coded like the day's (72514-3, `valueInteger`),
  its `effectiveDateTime` the local date and time with the UTC offset the
  machine's time zone had then (DST-correct: "2025-06-01T16:45:00+02:00",
  "2025-01-15T08:10:00+01:00"). Where it hurt is its `bodySite` as for the day;
  what the person was doing, and the kinds of pain ticked, go in `note` as plain
  text: no LOINC or SNOMED CT code for "activity at the moment of rating" was
  verified, and a made-up component code would mislead a receiver more than text.
  The check-in's own free-text note stays out, as the day's note does.
- A day whose average pain was not entered gets no day pain Observation, even
  when the diary derives one from its check-ins: that mean is our arithmetic,
  not something the person rated, and its check-ins are exported as they were
  rated. A day with an entered average keeps its day Observation beside them.
- Stress (0-10) as an Observation with a text code only ("Stress (0-10)",
  `valueInteger`). The LOINC code found for stress, 93038-8 "Stress level", is
  the AHC-HRSN screening item with a five-answer list ("Not at all" ... "Very
  much"), not a 0-10 numeric rating; coding our scale with it would mislead.
- Each own-factor value as an Observation with a text code (`code.text` = the
  factor's name): yes/no as `valueBoolean`, a rating as `valueInteger`, minutes
  as `valueQuantity` in UCUM `min`. These are the person's own items; no code
  system knows them.

Laterality: R4 has no laterality element on Observation.bodySite, so a sided
location is written as a SNOMED CT post-coordinated expression, region code
refined by the laterality attribute 272741003 with 7771000 |Left|, 24028007
|Right| or 51440002 |Right and left|; "centre" needs no qualifier. The plain
region code is the focus concept of the expression, so a receiver that does not
parse expressions can still read the region (the text before ":").

R4 also allows only one bodySite per Observation; a day with several
locations gets one coding per location in that CodeableConcept, in the
diary's region order (lower back first), and `text` names them all.

Regions without an exact SNOMED CT concept of their own use the nearest
broader concept, and the label in `text` keeps the precise meaning:
- upper_back -> 77568009 Back structure (no single international concept for
  the thoracic region of the back as a surface region was verified),
- thigh_back and thigh_front -> 68367000 Thigh structure.

Nothing here needs `fhir.resources`: the Bundle is plain JSON. The tests
validate it against that package's R4B models.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain import vocab
from app.domain.entry import DayEntry, Location

if TYPE_CHECKING:
    from app.domain.checkin import CheckIn

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

PAIN_SEVERITY = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
# Displays are LOINC's own; the panel's is left out rather than guessed.
PEG_PANEL = ("91148-7", None)
PEG_PAIN = ("75893-8", "What number best describes your pain on average in the past week?")
PEG_ENJOYMENT = (
    "91145-3",
    "What number best describes how, during the past week, pain has interfered "
    "with your enjoyment of life?",
)
PEG_ACTIVITY = (
    "91146-1",
    "What number best describes how, during the past week, pain has interfered "
    "with your general activity?",
)
PEG_SCORE = ("91147-9", "Mean score [PEG]")

#: SNOMED CT attribute 272741003 |Laterality| used in post-coordinated sites.
LATERALITY_ATTRIBUTE = "272741003"

#: region code -> (SNOMED CT concept id, preferred term)
REGION_SNOMED: dict[str, tuple[str, str]] = {
    "lower_back": ("37822005", "Lower back structure"),
    "upper_back": ("77568009", "Back structure"),  # broader: see module docstring
    "neck": ("45048000", "Neck structure"),
    "buttock": ("46862004", "Buttock structure"),
    "hip": ("29836001", "Hip region structure"),
    "groin": ("26893007", "Inguinal region structure"),
    "thigh_back": ("68367000", "Thigh structure"),  # broader: see module docstring
    "thigh_front": ("68367000", "Thigh structure"),  # broader: see module docstring
    "knee": ("72696002", "Knee region structure"),
    "calf": ("53840002", "Structure of calf of leg"),
    "shin": ("78234002", "Shin structure"),
    "ankle": ("344001", "Ankle region structure"),
    "foot": ("56459004", "Foot structure"),
}
#: Regions coded with a broader concept than the diary's label.
APPROXIMATE_REGIONS = frozenset({"upper_back", "thigh_back", "thigh_front"})

#: side code -> (SNOMED CT qualifier value, term); centre has none.
SIDE_SNOMED: dict[str, tuple[str, str]] = {
    "left": ("7771000", "Left"),
    "right": ("24028007", "Right"),
    "both": ("51440002", "Right and left"),
}


def location_coding(location: Location) -> dict[str, str]:
    """SNOMED CT coding for one location, post-coordinated with its side if sided."""
    code, term = REGION_SNOMED[location.region]
    side = SIDE_SNOMED.get(location.side or "")
    if side is None:
        return {"system": SNOMED, "code": code, "display": term}
    side_code, side_term = side
    return {
        "system": SNOMED,
        "code": f"{code}:{LATERALITY_ATTRIBUTE}={side_code}",
        "display": f"{term}, {side_term.lower()}",
    }


def _concept(code: tuple[str, str | None], text: str | None = None) -> dict[str, Any]:
    coding = {"system": LOINC, "code": code[0]}
    if code[1]:
        coding["display"] = code[1]
    concept: dict[str, Any] = {"coding": [coding]}
    if text:
        concept["text"] = text
    return concept


_SURVEY = [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}]


def _body_site(locations: Sequence[Location]) -> dict[str, Any]:
    return {
        "coding": [location_coding(loc) for loc in locations],
        "text": ", ".join(vocab.location_label(loc.region, loc.side) for loc in locations),
    }


def local_moment(date: dt.date, time: dt.time, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The date and wall-clock time with the UTC offset of `tz` (default: this machine's
    local time zone) on that date, so a summer time gets the summer offset."""
    naive = dt.datetime.combine(date, time)
    # astimezone() on a naive datetime reads it as local time, with that moment's offset.
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def checkin_observation(
    checkin: CheckIn, patient_ref: str, tz: dt.tzinfo | None = None
) -> dict[str, Any]:
    """One check-in's pain (0-10) as a pain-severity Observation at its local time."""
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": _SURVEY,
        "code": _concept(PAIN_SEVERITY, "Pain at a check-in (0-10)"),
        "subject": {"reference": patient_ref},
        "effectiveDateTime": local_moment(checkin.date, checkin.time, tz).isoformat(
            timespec="seconds"
        ),
        "valueInteger": checkin.pain,
    }
    if checkin.locations:
        observation["bodySite"] = _body_site(checkin.locations)
    notes = []
    if checkin.doing:
        notes.append({"text": f"Doing at the time: {vocab.DOING[checkin.doing]}"})
    if checkin.symptoms:
        labels = ", ".join(vocab.SYMPTOMS[code] for code in checkin.symptoms)
        notes.append({"text": f"Kind of pain: {labels}"})
    if notes:
        observation["note"] = notes
    return observation


def pain_observation(entry: DayEntry, patient_ref: str) -> dict[str, Any]:
    """The day's average pain (0-10) as a pain-severity Observation."""
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": _SURVEY,
        "code": _concept(PAIN_SEVERITY, "Average pain today (0-10)"),
        "subject": {"reference": patient_ref},
        "effectiveDateTime": entry.date.isoformat(),
        "valueInteger": entry.pain,
    }
    if entry.locations:
        observation["bodySite"] = _body_site(entry.locations)
    return observation


def peg_observation(entry: DayEntry, patient_ref: str) -> dict[str, Any] | None:
    """The day's PEG items and mean score as a panel Observation, if all three exist."""
    if entry.peg is None:
        return None
    items = (
        (PEG_PAIN, entry.pain),
        (PEG_ENJOYMENT, entry.enjoyment_interference),
        (PEG_ACTIVITY, entry.activity_interference),
    )
    components: list[dict[str, Any]] = [
        {"code": _concept(code), "valueInteger": value} for code, value in items
    ]
    components.append(
        {
            "code": _concept(PEG_SCORE),
            "valueQuantity": {
                "value": round(entry.peg, 2),
                "unit": "{score}",
                "system": UCUM,
                "code": "{score}",
            },
        }
    )
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": _SURVEY,
        "code": _concept(PEG_PANEL, "PEG 3-item pain scale, rated for this day"),
        "subject": {"reference": patient_ref},
        "effectiveDateTime": entry.date.isoformat(),
        "component": components,
    }


def stress_observation(entry: DayEntry, patient_ref: str) -> dict[str, Any]:
    """The day's stress (0-10) as an Observation with a text code (see the module docstring)."""
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": _SURVEY,
        "code": {"text": "Stress (0-10)"},
        "subject": {"reference": patient_ref},
        "effectiveDateTime": entry.date.isoformat(),
        "valueInteger": entry.stress,
    }


def factor_observation(
    date: dt.date, name: str, kind: str, value: int | bool, patient_ref: str
) -> dict[str, Any]:
    """One own factor's value on a day, coded by its name as text."""
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": _SURVEY,
        "code": {"text": name},
        "subject": {"reference": patient_ref},
        "effectiveDateTime": date.isoformat(),
    }
    if kind == "yesno":
        observation["valueBoolean"] = bool(value)
    elif kind == "minutes":
        observation["valueQuantity"] = {
            "value": int(value),
            "unit": "min",
            "system": UCUM,
            "code": "min",
        }
    else:
        observation["valueInteger"] = int(value)
    return observation


def build_bundle(
    entries: Iterable[DayEntry],
    *,
    user_name: str | None = None,
    now: dt.datetime | None = None,
    checkins: Mapping[dt.date, Sequence[CheckIn]] | None = None,
    tz: dt.tzinfo | None = None,
    factor_kinds: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A FHIR R4 Bundle (type collection) for the given days and check-ins (by date).

    `tz`: the time zone of the check-in times (default: this machine's local one).
    `factor_kinds`: own factor name -> kind (yesno, rating, minutes); a value of
    a factor not named there is written as a whole number.
    """
    kinds = factor_kinds or {}
    now = now or dt.datetime.now(dt.UTC)
    patient_id = uuid.uuid4()
    patient_ref = f"urn:uuid:{patient_id}"
    patient: dict[str, Any] = {"resourceType": "Patient"}
    if user_name and user_name.strip():
        patient["name"] = [{"text": user_name.strip()}]
    bundle_entries: list[dict[str, Any]] = [{"fullUrl": patient_ref, "resource": patient}]
    for entry in entries:
        resources: list[tuple[str, dict[str, Any] | None]] = []
        if entry.pain is not None:
            resources += [
                ("pain", pain_observation(entry, patient_ref)),
                ("peg", peg_observation(entry, patient_ref)),
            ]
        if entry.stress is not None:
            resources.append(("stress", stress_observation(entry, patient_ref)))
        for name, value in entry.factors.items():
            kind = kinds.get(name, "yesno" if isinstance(value, bool) else "rating")
            resources.append(
                (f"factor:{name}", factor_observation(entry.date, name, kind, value, patient_ref))
            )
        for kind, resource in resources:
            if resource is not None:
                # Stable within one export, unique across exports (seeded by the patient id).
                ref = uuid.uuid5(patient_id, f"{kind}:{entry.date.isoformat()}")
                bundle_entries.append({"fullUrl": f"urn:uuid:{ref}", "resource": resource})
    for date in sorted(checkins or {}):
        for checkin in (checkins or {})[date]:
            ref = uuid.uuid5(patient_id, f"checkin:{date.isoformat()}T{checkin.clock}")
            bundle_entries.append(
                {
                    "fullUrl": f"urn:uuid:{ref}",
                    "resource": checkin_observation(checkin, patient_ref, tz),
                }
            )
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": now.isoformat(timespec="seconds"),
        "entry": bundle_entries,
    }


def write_bundle(bundle: dict[str, Any], path: Path) -> None:
    """Write the Bundle as UTF-8 JSON, atomically and owner-only."""
    from app.exports.files import atomic_write

    with atomic_write(path, "w", encoding="utf-8") as handle:
        json.dump(bundle, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


def count_observations(bundle: dict[str, Any]) -> int:
    """Number of Observation resources in a Bundle."""
    return sum(1 for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation")
