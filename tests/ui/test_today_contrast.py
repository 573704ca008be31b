"""Today's pain figure and words, written in the pain's colour, read at 4.5:1 in both themes."""

from __future__ import annotations

import pytest

from app.diary import Diary
from app.ui.colors import TEXT_CONTRAST, contrast, pain_color

pytestmark = pytest.mark.gui


def test_a_moderate_pain_is_written_readably_on_its_card_light_and_dark(run_app, diary_path):
    from tests.ui import harness as h

    app = run_app(Diary.open(diary_path))
    today = app.screen("today")
    slider = today.ids.pain_slider
    h.scroll_into_view(slider)
    step = (slider.width - 2 * slider.padding) / 10
    h.tap(slider, pos=slider.to_window(slider.x + slider.padding + 4 * step, slider.center_y))
    assert today.pain == 4
    for style in ("light", "dark"):
        app.set_theme(style)
        h.pump(0.3)
        card = app.theme_cls.surfaceContainerLowColor
        for label in (today.ids.pain_number, today.ids.pain_words):
            assert contrast(label.color, card) >= TEXT_CONTRAST, (style, label.text, label.color)
    # The scale's own yellow for 4 would not have been readable on the light card.
    app.set_theme("light")
    h.pump(0.3)
    assert contrast(pain_color(4), app.theme_cls.surfaceContainerLowColor) < 2
