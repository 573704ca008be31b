"""The diary's vocabularies: stable codes (stored) with human labels (shown).

Codes never change once released; labels may. Order here is display order, and
the order lists are stored in, so exports are canonical.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


def _vocab(*pairs: tuple[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(pairs))


REGIONS: Mapping[str, str] = _vocab(
    ("lower_back", "Lower back"),
    ("upper_back", "Upper back"),
    ("neck", "Neck"),
    ("buttock", "Buttock"),
    ("hip", "Hip"),
    ("groin", "Groin"),
    ("thigh_back", "Back of thigh"),
    ("thigh_front", "Front of thigh"),
    ("knee", "Knee"),
    ("calf", "Calf"),
    ("shin", "Shin"),
    ("ankle", "Ankle"),
    ("foot", "Foot"),
)

#: Regions of the back (spine); the rest are leg regions.
BACK_REGIONS = frozenset({"lower_back", "upper_back", "neck"})
LEG_REGIONS = frozenset(REGIONS) - BACK_REGIONS
#: The path pain takes down one leg in the sciatic pattern.
SCIATIC_PATH = ("buttock", "thigh_back", "calf", "foot")

SIDES: Mapping[str, str] = _vocab(
    ("left", "left"),
    ("right", "right"),
    ("both", "both sides"),
    ("centre", "centre"),
)

SYMPTOMS: Mapping[str, str] = _vocab(
    ("aching", "Aching"),
    ("sharp", "Sharp"),
    ("shooting", "Shooting"),
    ("burning", "Burning"),
    ("tingling", "Tingling (pins and needles)"),
    ("numbness", "Numbness"),
    ("weakness", "Weakness"),
    ("stiffness", "Stiffness"),
    ("cramping", "Cramping"),
    ("spasm", "Spasm"),
)

EXERCISES: Mapping[str, str] = _vocab(
    ("walking", "Walking"),
    ("cat_cow", "Cat-cow"),
    ("pelvic_tilt", "Pelvic tilt"),
    ("knee_to_chest", "Knee-to-chest"),
    ("hamstring_stretch", "Hamstring stretch"),
    ("hip_flexor_stretch", "Hip flexor stretch"),
    ("quadriceps_stretch", "Quadriceps stretch"),
    ("piriformis_stretch", "Piriformis stretch"),
    ("seated_forward_bend", "Seated forward bend"),
    ("bridge", "Bridge"),
    ("plank", "Plank"),
    ("bird_dog", "Bird dog"),
    ("superman", "Superman"),
    ("shoulder_rolls", "Shoulder rolls"),
    ("swimming", "Swimming"),
    ("cycling", "Cycling"),
    ("yoga", "Yoga"),
    ("pilates", "Pilates"),
)

TREATMENTS: Mapping[str, str] = _vocab(
    ("ice", "Ice"),
    ("heat", "Heat"),
    ("ibuprofen", "Ibuprofen (NSAID)"),
    ("paracetamol", "Acetaminophen / paracetamol"),
    ("muscle_relaxant", "Muscle relaxant"),
    ("physical_therapy", "Physical therapy"),
    ("chiropractic", "Chiropractic"),
    ("massage", "Massage"),
    ("foam_roller", "Foam roller"),
    ("injection", "Injection"),
    ("rest", "Rest"),
)

EXERTION: Mapping[str, str] = _vocab(
    ("none", "None"),
    ("light", "Light"),
    ("moderate", "Moderate"),
    ("heavy", "Heavy"),
)

POSTURE: Mapping[str, str] = _vocab(
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
)

#: What a check-in's person was doing when they noted their pain.
DOING: Mapping[str, str] = _vocab(
    ("sitting", "Sitting"),
    ("standing", "Standing"),
    ("walking", "Walking"),
    ("lying", "Lying down"),
    ("driving", "Driving"),
    ("lifting", "Lifting"),
    ("exercising", "Exercising"),
    ("other", "Something else"),
)

RED_FLAGS: Mapping[str, str] = _vocab(
    ("saddle_numbness", "New numbness around the genitals, buttocks or inner thighs"),
    ("bladder", "New trouble passing or holding urine"),
    ("bowel", "Loss of bowel control"),
    ("progressive_weakness", "Weakness in a leg that is getting worse"),
    ("both_legs", "Pain or numbness spreading to both legs"),
    ("fever", "Fever with back pain"),
    ("weight_loss", "Unexplained weight loss"),
    ("trauma", "Back pain after a fall or accident"),
    ("night_pain", "Constant pain at night that rest does not ease"),
)

RED_FLAG_WARNING = (
    "These symptoms need urgent medical attention. Contact a doctor or emergency services now."
)

DISCLAIMER = (
    "Pain Diary records what you enter. It gives no diagnosis and no treatment "
    "advice; patterns it shows are associations in your own diary, not causes. "
    "If you are worried about your symptoms, see a doctor."
)

PAIN_ANCHORS = {0: "No pain", 10: "Worst pain imaginable"}
#: The ends of the 0-10 stress scale, shown beside it.
STRESS_ANCHORS = {0: "No stress", 10: "Worst stress imaginable"}


def label(vocab: Mapping[str, str], code: str) -> str:
    """Label for a code, falling back to the code itself for custom names."""
    return vocab.get(code, code)


def code_for(vocab: Mapping[str, str], text: str) -> str | None:
    """The code `text` names (the code itself, its label, or the code with spaces or
    hyphens for underscores; any case), or None when it names none."""
    wanted = text.strip().lower()
    if wanted in vocab:
        return wanted
    for code, text_label in vocab.items():
        if wanted in (text_label.lower(), code.replace("_", "-"), code.replace("_", " ")):
            return code
    return None


def location_label(region: str, side: str | None) -> str:
    """'Calf (left)' style label for a location."""
    text = label(REGIONS, region)
    return f"{text} ({SIDES[side]})" if side else text
