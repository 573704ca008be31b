"""The Kivy-free body map loader, the asset finder and the window-size memory."""

from __future__ import annotations

import json

import pytest

from app.config import ENV_CONFIG_DIR
from app.domain import vocab
from app.domain.body_map_shapes import load_body_map
from app.resources import asset_path
from app.ui import boot


def test_every_region_is_on_the_map_with_left_and_right():
    body = load_body_map()
    areas = set(body.areas())
    for region in vocab.REGIONS:
        assert (region, "left") in areas, region
        assert (region, "right") in areas, region
    # The spine has a centre strip too.
    for region in vocab.BACK_REGIONS:
        assert (region, "centre") in areas


def test_each_shape_hits_its_own_region_and_side():
    body = load_body_map()
    for view in body.views.values():
        for area in view.regions:
            for shape in area.shapes:
                assert body.hit(view.name, *shape.centre()) == (area.region, area.side)


def test_left_and_right_follow_the_view():
    body = load_body_map()
    # Facing us, the person's left leg is on the viewer's right.
    assert body.hit("front", 60, 30) == ("shin", "left")
    assert body.hit("back", 60, 30) == ("calf", "right")
    assert body.hit("front", 2, 2) is None


def test_shapes_for_sides():
    body = load_body_map()
    assert {v for v, _ in body.shapes_for("calf", "left")} == {"back"}
    assert len(body.shapes_for("knee", "both")) == 4  # front and back, both legs
    assert body.shapes_for("calf", "centre")  # legs have no centre: every side


def test_unknown_region_in_a_map_file_is_refused(tmp_path):
    data = json.loads(asset_path("body_map.json").read_text())
    data["views"]["front"]["regions"][0]["region"] = "elbow"
    broken = tmp_path / "map.json"
    broken.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="elbow"):
        load_body_map(broken)


def test_missing_asset_is_named():
    with pytest.raises(FileNotFoundError, match=r"nothing\.json"):
        asset_path("nothing.json")


def test_window_size_is_remembered(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_CONFIG_DIR, str(tmp_path))
    assert boot.load_window_size() == boot.DEFAULT_SIZE
    boot.save_window_size((1280, 800))
    assert boot.load_window_size() == (1280, 800)
    (tmp_path / "window.json").write_text("{not json")
    assert boot.load_window_size() == boot.DEFAULT_SIZE
    boot.save_window_size((10, 10))  # too small to be a real window
    assert boot.load_window_size() == boot.DEFAULT_SIZE
