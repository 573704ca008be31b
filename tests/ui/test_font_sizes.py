"""Text sizes at phone size (issue 13): body text at least 14 sp, captions at least 12 sp."""

from __future__ import annotations

import pytest

from app.diary import Diary
from tests.ui.harness import move_pointer, pump, settle

pytestmark = pytest.mark.gui

TABS = ("today", "history", "trends", "report", "settings")


def _body_text(widget) -> bool:
    """Body text: M3's Body medium and large, and what is typed into a text field."""
    from kivymd.uix.textfield import MDTextField

    if isinstance(widget, MDTextField):
        return True
    return getattr(widget, "font_style", "") == "Body" and getattr(widget, "role", "") != "small"


def test_no_text_is_under_12_sp_and_body_text_is_at_least_14(run_app, diary_path):
    from kivy.metrics import sp
    from kivy.uix.label import Label
    from kivymd.uix.textfield import MDTextField

    app = run_app(Diary.create_demo(diary_path, 120))
    move_pointer()  # Today's later cards join the form at the first input
    pump(1.0)
    captions, body, too_small, body_under_14 = 0, 0, [], []
    for tab in TABS:
        app.switch_to(tab)
        pump(2.0)
        # Sizes are judged at rest: a check mark growing in is briefly smaller.
        assert settle(), f"{tab} was still animating after 10 s"
        for widget in app.screen(tab).walk():
            if not isinstance(widget, Label | MDTextField) or widget.opacity == 0:
                continue
            if isinstance(widget, Label) and not widget.text.strip():
                continue
            size = round(widget.font_size / sp(1), 1)
            where = f"{tab}: {type(widget).__name__} {widget.text[:30]!r} {size} sp"
            if _body_text(widget):
                body += 1
                if size < 14:
                    body_under_14.append(where)
            else:
                captions += 1
                if size < 12:
                    too_small.append(where)
    assert body > 50 and captions > 50  # the walk reached the screens' text
    assert too_small == []
    assert body_under_14 == []
