"""The body map's shapes and hit tests, without Kivy (tests/ui/test_bodymap.py has more).

The bundled map is read through its path here, not the cached default, so each
test parses it afresh.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.body_map_shapes import Area, BodyMap, Shape, View, load_body_map
from app.resources import asset_path

SQUARE = Shape(points=((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)))
TRIANGLE = Shape(points=((0.0, 0.0), (10.0, 0.0), (0.0, 10.0)))
OVAL = Shape(ellipse=(50.0, 20.0, 4.0, 2.0))


def _bundled() -> BodyMap:
    return load_body_map(asset_path("body_map.json"))


@pytest.mark.parametrize(
    ("shape", "inside", "outside"),
    [
        (SQUARE, [(5, 5), (0.5, 9.5), (9.9, 0.1)], [(-0.1, 5), (10.1, 5), (5, 10.1), (5, -1)]),
        (TRIANGLE, [(1, 1), (4.9, 4.9), (0.5, 9)], [(5.1, 5.1), (9, 9), (-1, 1), (11, 0.5)]),
        (OVAL, [(50, 20), (53.9, 20), (50, 21.9), (52, 21)], [(54.1, 20), (50, 22.1), (53, 22)]),
    ],
    ids=["square", "triangle", "ellipse"],
)
def test_contains_by_hand(shape: Shape, inside, outside) -> None:
    assert all(shape.contains(x, y) for x, y in inside)
    assert not any(shape.contains(x, y) for x, y in outside)


def test_bounds_and_centre_by_hand() -> None:
    assert SQUARE.bounds() == (0.0, 0.0, 10.0, 10.0)
    assert TRIANGLE.bounds() == (0.0, 0.0, 10.0, 10.0)
    assert OVAL.bounds() == (46.0, 18.0, 54.0, 22.0)
    assert SQUARE.centre() == (5.0, 5.0)
    assert TRIANGLE.centre() == pytest.approx((10 / 3, 10 / 3))
    assert OVAL.centre() == (50.0, 20.0)


def test_a_small_map_file_is_read_as_written(tmp_path: Path) -> None:
    data = {
        "width": 100,
        "height": 220,
        "views": {
            "front": {
                "viewer_left_side": "right",
                "outline": [{"ellipse": [50, 110, 40, 100]}],
                "regions": [
                    {"region": "knee", "side": "right", "shapes": [{"ellipse": [30, 60, 5, 5]}]},
                    {
                        "region": "knee",
                        "side": "left",
                        "shapes": [{"polygon": [[65, 55], [75, 55], [75, 65], [65, 65]]}],
                    },
                ],
            },
            "back": {
                "label": "Seen from behind",
                "viewer_left_side": "left",
                "outline": [],
                "regions": [
                    {"region": "calf", "side": "left", "shapes": [{"ellipse": [30, 30, 5, 8]}]},
                    {"region": "neck", "side": "centre", "shapes": [{"ellipse": [50, 200, 4, 4]}]},
                ],
            },
        },
    }
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    body = load_body_map(path)
    assert (body.width, body.height) == (100.0, 220.0)
    front, back = body.views["front"], body.views["back"]
    assert (front.name, front.label, front.viewer_left_side) == ("front", "Front", "right")
    assert (back.label, back.viewer_left_side) == ("Seen from behind", "left")
    assert front.outline == (Shape(ellipse=(50.0, 110.0, 40.0, 100.0)),)
    assert front.regions[0] == Area("knee", "right", (Shape(ellipse=(30.0, 60.0, 5.0, 5.0)),))
    assert front.regions[1].shapes[0].points == (
        (65.0, 55.0),
        (75.0, 55.0),
        (75.0, 65.0),
        (65.0, 65.0),
    )
    assert body.hit("front", 30, 60) == ("knee", "right")
    assert body.hit("front", 70, 60) == ("knee", "left")
    assert body.hit("front", 50, 60) is None
    assert body.hit("back", 30, 25) == ("calf", "left")
    assert [v for v, _ in body.shapes_for("knee")] == ["front", "front"]
    assert body.shapes_for("knee", "left") == [("front", front.regions[1].shapes[0])]
    assert body.shapes_for("knee", "both") == body.shapes_for("knee")
    assert body.shapes_for("neck", "centre") == [("back", back.regions[1].shapes[0])]
    # No centre shape for a knee: every side instead.
    assert body.shapes_for("knee", "centre") == body.shapes_for("knee")
    assert body.shapes_for("calf", "right") == []
    assert body.areas() == [
        ("neck", "centre"),
        ("knee", "left"),
        ("knee", "right"),
        ("calf", "left"),
    ]


@pytest.mark.parametrize(("key", "value"), [("region", "elbow"), ("side", "up")])
def test_an_unknown_region_or_side_is_refused(tmp_path: Path, key: str, value: str) -> None:
    data = json.loads(asset_path("body_map.json").read_text(encoding="utf-8"))
    data["views"]["back"]["regions"][0][key] = value
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=f"body map: unknown region/side .*{value}"):
        load_body_map(path)


def test_the_bundled_map_hits_each_shape_with_its_own_region() -> None:
    body = _bundled()
    assert set(body.views) == {"front", "back"}
    for view in body.views.values():
        for area in view.regions:
            for shape in area.shapes:
                assert body.hit(view.name, *shape.centre()) == (area.region, area.side)
    assert body.hit("front", 60, 30) == ("shin", "left")
    assert body.hit("back", 60, 30) == ("calf", "right")
    assert body.hit("front", 2, 2) is None
    assert isinstance(body.views["front"], View)
    assert load_body_map() == body  # the cached default is the same map
