"""CodeSegments: a segment gets its check mark when chosen, not before (and the mark shows)."""

from __future__ import annotations

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui


def _marks(segments) -> dict[str, float]:
    from kivymd.uix.segmentedbutton.segmentedbutton import MDSegmentButtonSelectedIcon

    return {
        code: child.font_size
        for code, item in segments._items.items()
        for child in item.ids.container.children
        if isinstance(child, MDSegmentButtonSelectedIcon)
    }


def test_only_chosen_segments_have_a_check_mark_and_it_grows_in(run_app, tmp_path) -> None:
    from kivy.core.window import Window

    from app.ui.widgets.segments import CodeSegments
    from tests.ui import harness as h

    run_app(Diary.open(tmp_path / "d.sqlite3"))
    segments = CodeSegments(size_hint=(None, None), width=380, pos=(20, 400))
    segments.set_choices({"none": "None", "light": "Light", "heavy": "Heavy"})
    Window.add_widget(segments)
    try:
        h.pump(0.3, frames=3)
        assert _marks(segments) == {}  # nothing chosen: no segment carries a hidden mark
        h.tap(segments.item("light"), wait=1.2)  # KivyMD grows the mark in after 0.5 s
        assert segments.value == "light"
        assert list(_marks(segments)) == ["light"] and _marks(segments)["light"] > 10
        h.tap(segments.item("heavy"), wait=1.2)
        marks = _marks(segments)
        assert segments.value == "heavy" and set(marks) == {"light", "heavy"}
        assert marks["heavy"] > 10 and marks["light"] == 0  # the old one shrank away
    finally:
        Window.remove_widget(segments)
        h.pump(frames=2)
