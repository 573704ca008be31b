"""The body map: front and back silhouettes as simple vector shapes, and hit tests.

Kivy-free, so the GUI draws it and `app/charts` can reuse it for a body-location
chart. The shapes live in `assets/body_map.json` (drawn for this app, no
copyrighted pictures).

Coordinates are in a `width` x `height` box (100 x 220) with x to the right
and **y up from the soles**, the convention of both Kivy and Matplotlib.
Facing the viewer (front view) the person's right side is on the viewer's
left; the back view is the other way round. Each view says which side is on
the viewer's left in `View.viewer_left_side`.

Typical use::

    body = load_body_map()
    for view in body.views.values():
        for shape in view.outline:            # silhouette, drawn only
            ...
        for area in view.regions:             # tappable region + side
            area.region, area.side, area.shapes
    body.hit("back", 40.0, 30.0)              # -> ("calf", "left")
    body.shapes_for("calf", "left")           # -> [("back", Shape), ...]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.domain import vocab
from app.resources import asset_path


@dataclass(frozen=True)
class Shape:
    """A filled polygon (`points`) or an axis-aligned ellipse (`ellipse`)."""

    points: tuple[tuple[float, float], ...] = ()
    ellipse: tuple[float, float, float, float] | None = None  # cx, cy, rx, ry

    def contains(self, x: float, y: float) -> bool:
        """True when (x, y) lies inside the shape."""
        if self.ellipse is not None:
            cx, cy, rx, ry = self.ellipse
            return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0
        return _in_polygon(self.points, x, y)

    def bounds(self) -> tuple[float, float, float, float]:
        """(x_min, y_min, x_max, y_max)."""
        if self.ellipse is not None:
            cx, cy, rx, ry = self.ellipse
            return cx - rx, cy - ry, cx + rx, cy + ry
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return min(xs), min(ys), max(xs), max(ys)

    def centre(self) -> tuple[float, float]:
        """A point inside the shape (the centroid of its corners, or the ellipse centre)."""
        if self.ellipse is not None:
            return self.ellipse[0], self.ellipse[1]
        n = len(self.points)
        return sum(p[0] for p in self.points) / n, sum(p[1] for p in self.points) / n


@dataclass(frozen=True)
class Area:
    """One tappable part of a view: a vocabulary region on one side."""

    region: str
    side: str
    shapes: tuple[Shape, ...]

    def contains(self, x: float, y: float) -> bool:
        return any(shape.contains(x, y) for shape in self.shapes)


@dataclass(frozen=True)
class View:
    """The front or the back of the body."""

    name: str
    label: str
    viewer_left_side: str
    outline: tuple[Shape, ...]
    regions: tuple[Area, ...]


@dataclass(frozen=True)
class BodyMap:
    """Both views, in a `width` x `height` coordinate box."""

    width: float
    height: float
    views: dict[str, View]

    def hit(self, view: str, x: float, y: float) -> tuple[str, str] | None:
        """(region, side) at point (x, y) of `view`, or None outside every region."""
        for area in self.views[view].regions:
            if area.contains(x, y):
                return area.region, area.side
        return None

    def shapes_for(self, region: str, side: str | None = None) -> list[tuple[str, Shape]]:
        """(view name, shape) pairs drawn for a region on a side.

        `side` None or "both" gives every side of the region; "centre" falls back to
        every side when a region has no centre shape (legs have none).
        """
        found = self._shapes(region, {side} if side in ("left", "right", "centre") else None)
        if not found and side == "centre":
            found = self._shapes(region, None)
        return found

    def _shapes(self, region: str, sides: set[str | None] | None) -> list[tuple[str, Shape]]:
        return [
            (view.name, shape)
            for view in self.views.values()
            for area in view.regions
            if area.region == region and (sides is None or area.side in sides)
            for shape in area.shapes
        ]

    def areas(self) -> list[tuple[str, str]]:
        """Every distinct (region, side) that can be tapped, in vocabulary order."""
        seen = {(a.region, a.side) for v in self.views.values() for a in v.regions}
        order = list(vocab.REGIONS)
        sides = list(vocab.SIDES)
        return sorted(seen, key=lambda rs: (order.index(rs[0]), sides.index(rs[1])))


def _shape(data: dict) -> Shape:
    if "ellipse" in data:
        cx, cy, rx, ry = (float(v) for v in data["ellipse"])
        return Shape(ellipse=(cx, cy, rx, ry))
    return Shape(points=tuple((float(x), float(y)) for x, y in data["polygon"]))


def _in_polygon(points: tuple[tuple[float, float], ...], x: float, y: float) -> bool:
    # Ray casting: count edges crossed by a ray going right from (x, y).
    inside = False
    n = len(points)
    for i in range(n):
        x1, y1 = points[i]
        x2, y2 = points[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def load_body_map(path: Path | str | None = None) -> BodyMap:
    """Read the body map (default: the bundled `body_map.json`); cached when default."""
    if path is None:
        return _default_body_map()
    return _parse(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _default_body_map() -> BodyMap:
    return _parse(json.loads(asset_path("body_map.json").read_text(encoding="utf-8")))


def _parse(data: dict) -> BodyMap:
    views = {}
    for name, view in data["views"].items():
        regions = []
        for area in view["regions"]:
            if area["region"] not in vocab.REGIONS or area["side"] not in vocab.SIDES:
                raise ValueError(f"body map: unknown region/side {area['region']}/{area['side']}")
            regions.append(
                Area(area["region"], area["side"], tuple(_shape(s) for s in area["shapes"]))
            )
        views[name] = View(
            name=name,
            label=view.get("label", name.title()),
            viewer_left_side=view["viewer_left_side"],
            outline=tuple(_shape(s) for s in view["outline"]),
            regions=tuple(regions),
        )
    return BodyMap(width=float(data["width"]), height=float(data["height"]), views=views)
