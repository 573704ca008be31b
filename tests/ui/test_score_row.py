"""ScoreRow as one widget: real clicks at its numbers, keys, and number textures shared by rows."""

from __future__ import annotations

import pytest

from app.diary import Diary

pytestmark = pytest.mark.gui


@pytest.fixture
def rows(run_app, tmp_path):
    """Two score rows on top of the running app's window, the second with hints."""
    from kivy.core.window import Window

    from app.ui.widgets.score_row import ScoreRow
    from tests.ui import harness as h

    run_app(Diary.open(tmp_path / "d.sqlite3"))
    made = [
        ScoreRow(size_hint=(None, None), width=400, pos=(10, 500)),
        ScoreRow(size_hint=(None, None), width=400, pos=(10, 300), low_hint="0 none"),
    ]
    for row in made:
        Window.add_widget(row)
    h.pump(frames=2)
    yield made
    for row in made:
        Window.remove_widget(row)
    h.pump(frames=1)


def test_a_click_picks_a_number_and_the_same_click_again_clears_it(rows):
    from tests.ui import harness as h

    row = rows[0]
    for number in (0, 7, 10):
        h.tap(row, pos=row.number_pos(number), wait=0.1)
        assert row.value == number
    h.tap(row, pos=row.number_pos(10), wait=0.1)
    assert row.value is None


def test_clicks_off_the_circles_and_wheel_notches_pick_nothing(rows):
    from kivy.tests.common import UnitTestTouch

    from tests.ui import harness as h

    row = rows[1]
    x3, y = row.number_pos(3)
    x4, _y = row.number_pos(4)
    h.tap(row, pos=((x3 + x4) / 2, y), wait=0.1)  # the 1 dp gap between 3 and 4
    h.tap(row, pos=row.to_window(row.x + 5, row.y + 5), wait=0.1)  # on the hint
    wheel = UnitTestTouch(*row.number_pos(5))
    wheel.profile.append("button")
    wheel.button = "scrollup"
    wheel.touch_down()
    wheel.touch_up()
    h.pump(0.1)
    assert row.value is None


def test_keys_set_and_clear_the_value(rows):
    row = rows[0]
    for key, text, expected in (
        ("7", "7", 7),
        ("right", None, 8),
        ("down", None, 7),
        ("delete", None, None),
        ("left", None, 0),
    ):
        assert row.on_key(key, text)
        assert row.value == expected


def test_rows_share_their_number_textures(rows):
    from kivy.graphics import Rectangle

    from tests.ui import harness as h

    def textures(row):
        return [i.texture for i in row.canvas.children if isinstance(i, Rectangle)][:11]

    h.pump(frames=1)
    first, second = (textures(row) for row in rows)
    assert len(first) == 11 and all(a is b for a, b in zip(first, second, strict=True))
