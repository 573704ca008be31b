"""Colours with a meaning (pain levels, the body map), shared by the screens.

Pain runs from calm green through amber to deep red, and stays readable on
light and dark backgrounds. Plain tuples: no Kivy needed here.
"""

from __future__ import annotations

RGBA = tuple[float, float, float, float]


def _hex(code: str, alpha: float = 1.0) -> RGBA:
    code = code.lstrip("#")
    r, g, b = (int(code[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return (r, g, b, alpha)


# 0 .. 10: greens for little pain, amber in the middle, reds for severe pain.
_PAIN_SCALE = [
    "#2E9E6B",
    "#58B368",
    "#8CC265",
    "#C3CD5A",
    "#E8C547",
    "#F2A43A",
    "#EE8434",
    "#E4612F",
    "#D4412F",
    "#B52A32",
    "#8E1B35",
]

#: Fill of a tapped body region.
BODY_SELECTED = _hex("#E4572E")
#: Text on top of a pain colour.
ON_PAIN = (1.0, 1.0, 1.0, 1.0)


def pain_color(pain: int | None, alpha: float = 1.0) -> RGBA:
    """Colour of a pain score 0-10 (grey when not recorded)."""
    if pain is None:
        return (0.6, 0.6, 0.6, alpha * 0.35)
    return _hex(_PAIN_SCALE[max(0, min(10, int(pain)))], alpha)


def on_pain_color(pain: int | None) -> RGBA:
    """Readable text colour on `pain_color(pain)`."""
    if pain is None:
        return (0.2, 0.2, 0.2, 1.0)
    return (0.1, 0.1, 0.1, 1.0) if 2 <= pain <= 5 else ON_PAIN
