"""Colours with a meaning: pain written in its colour stays readable (no Kivy needed)."""

from __future__ import annotations

import json

import pytest

from app.resources import asset_path
from app.ui.colors import TEXT_CONTRAST, contrast, pain_color, pain_text_color

WHITE, BLACK = (1.0, 1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 1.0)


def _card(style: str) -> tuple[float, float, float, float]:
    """The Today card's colour (surfaceContainerLow) in the shipped Teal scheme."""
    schemes = json.loads(asset_path("theme_schemes.json").read_text())["schemes"]
    return tuple(schemes[f"Teal/{style}/TONAL_SPOT/0.0"]["surfaceContainerLowColor"])


LIGHT_CARD, DARK_CARD = _card("Light"), _card("Dark")


def test_contrast_follows_wcag_by_hand():
    assert contrast(WHITE, BLACK) == pytest.approx(21.0)
    assert contrast(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    # #777777 on white is WCAG's well-known 4.48:1, just under AA.
    grey = (0x77 / 255, 0x77 / 255, 0x77 / 255, 1.0)
    assert contrast(grey, WHITE) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("card", [LIGHT_CARD, DARK_CARD], ids=["light", "dark"])
def test_every_pain_written_in_its_colour_reaches_aa_on_the_card(card):
    for pain in range(11):
        text = pain_text_color(pain, card)
        assert contrast(text, card) >= TEXT_CONTRAST, pain


def test_a_readable_pain_colour_is_kept_and_a_faint_one_only_darkened():
    # 10 (deep red) already reads on the light card: unchanged.
    assert pain_text_color(10, LIGHT_CARD) == pain_color(10)
    # 4 (yellow) is 1.5:1 there: darkened toward black, each channel scaled alike.
    original, text = pain_color(4), pain_text_color(4, LIGHT_CARD)
    assert contrast(original, LIGHT_CARD) < 2
    assert all(t < o for t, o in zip(text[:3], original[:3], strict=True))
    ratios = [t / o for t, o in zip(text[:3], original[:3], strict=True)]
    assert max(ratios) - min(ratios) < 1e-9  # the same hue, darker
    # On the dark card, dark red 10 is lightened instead.
    assert all(
        t > o for t, o in zip(pain_text_color(10, DARK_CARD)[:3], pain_color(10)[:3], strict=True)
    )
