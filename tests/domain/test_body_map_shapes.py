"""The body map's shapes and hit tests, without Kivy (tests/ui/test_bodymap.py has more).

The bundled map is read through its path here, not the cached default, so each
test parses it afresh.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


def test_an_ellipse_is_its_whole_outline_on_every_side() -> None:
    # OVAL: centre (50, 20), radii 4 across and 2 up: x 46..54, y 18..22.
    for x, y in [(46, 20), (54, 20), (50, 18), (50, 22)]:  # on the outline: inside
        assert OVAL.contains(x, y), (x, y)
    # Left of and below the centre as well as right and above (a sign error shows only there).
    for x, y in [(45.9, 20), (40, 20), (50, 17.9), (50, 10), (46.5, 18.5)]:
        assert not OVAL.contains(x, y), (x, y)
    assert OVAL.contains(47, 19)


def test_bounds_of_a_polygon_wider_than_tall() -> None:
    rectangle = Shape(points=((1.0, 2.0), (5.0, 2.0), (5.0, 9.0), (1.0, 9.0)))
    assert rectangle.bounds() == (1.0, 2.0, 5.0, 9.0)


# A square on its corner: corners at the middle of each side of the 10 x 10 box, so the
# centre (5, 5) is level with two corners and every side is slanted.
DIAMOND = Shape(points=((5.0, 0.0), (10.0, 5.0), (5.0, 10.0), (0.0, 5.0)))


@pytest.mark.parametrize(
    ("x", "y", "inside"),
    [
        (5, 5, True),  # level with the left and right corners
        (9.9, 5, True),
        (0.1, 5, True),
        (6, 7, True),
        (3, 2.5, True),
        (10.1, 5, False),  # level with a corner, outside
        (-0.1, 5, False),
        (8.5, 7, False),  # just past the upper right side (x + y = 15 there)
        (1.5, 7, False),  # just past the upper left side (y - x = 5 there)
        (8, 1.5, False),  # just past the lower right side (x - y = 5 there)
        (5, 10.5, False),
    ],
)
def test_points_of_a_diamond_by_hand(x: float, y: float, inside: bool) -> None:
    assert DIAMOND.contains(x, y) is inside


def test_a_point_outside_a_polygon_is_false_not_just_falsy() -> None:
    assert SQUARE.contains(20, 5) is False
    assert SQUARE.contains(5, 5) is True


def test_a_point_on_the_seam_of_two_touching_squares_is_in_exactly_one() -> None:
    # Edges are half-open, like pixels: left and bottom edges belong to a polygon, right
    # and top ones do not, so a tap on a seam between two areas hits just one of them.
    right_square = Shape(points=((10.0, 0.0), (20.0, 0.0), (20.0, 10.0), (10.0, 10.0)))
    assert (SQUARE.contains(10, 5), right_square.contains(10, 5)) == (False, True)
    assert SQUARE.contains(0, 5) is True
    assert SQUARE.contains(5, 0) is True
    assert SQUARE.contains(5, 10) is False


def test_centre_gives_only_the_centre_shape_when_a_region_has_one() -> None:
    centre = Shape(ellipse=(50.0, 150.0, 5.0, 5.0))
    left = Shape(ellipse=(60.0, 150.0, 5.0, 5.0))
    right = Shape(ellipse=(40.0, 150.0, 5.0, 5.0))
    view = View(
        name="back",
        label="Back",
        viewer_left_side="left",
        outline=(),
        regions=(
            Area("lower_back", "centre", (centre,)),
            Area("lower_back", "left", (left,)),
            Area("lower_back", "right", (right,)),
        ),
    )
    body = BodyMap(width=100.0, height=220.0, views={"back": view})
    assert body.shapes_for("lower_back", "centre") == [("back", centre)]
    assert body.shapes_for("lower_back", "left") == [("back", left)]
    assert body.shapes_for("lower_back") == [("back", centre), ("back", left), ("back", right)]


def test_a_map_file_is_read_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    # JSON is UTF-8; under the C locale Python's default would be ASCII.
    data = json.loads(asset_path("body_map.json").read_text(encoding="utf-8"))
    data["views"]["front"]["label"] = "Vue de face — côté droit"
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = (
        "import sys; from app.domain.body_map_shapes import load_body_map; "
        "print(ascii(load_body_map(sys.argv[1]).views['front'].label))"
    )
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ascii("Vue de face — côté droit")
