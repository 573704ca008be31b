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


def _luminance(color: RGBA) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGBA, b: RGBA) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


#: WCAG AA for normal text: a pain written in its colour must reach this on its card.
TEXT_CONTRAST = 4.5


def pain_text_color(pain: int, background: RGBA) -> RGBA:
    """Pain's colour for text on `background`: its hue, darkened (or lightened) to 4.5:1.

    The scale's middle (yellow, amber) is 1.5:1 on a light card: "4" and
    "Moderate" written in it were hard to read.
    """
    color = pain_color(pain)
    toward = 0.0 if _luminance(background) > 0.18 else 1.0  # black on light, white on dark
    for step in range(21):
        mix = step / 20
        r, g, b = (c + (toward - c) * mix for c in color[:3])
        candidate = (r, g, b, 1.0)
        if contrast(candidate, background) >= TEXT_CONTRAST:
            return candidate
    return (toward, toward, toward, 1.0)
