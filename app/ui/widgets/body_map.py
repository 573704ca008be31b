"""The tappable body map: front and back silhouettes side by side.

Shapes come from `app.domain.body_map_shapes` (assets/body_map.json). A tap toggles the
region and side under it; tapped regions are filled, and the selection is in
`selected` as (region, side) pairs, the same shape as `Location`.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.graphics import Color, Ellipse, Line, Mesh
from kivy.graphics.tesselator import TYPE_POLYGONS, WINDING_ODD, Tesselator
from kivy.metrics import dp, sp
from kivy.properties import ListProperty
from kivy.uix.label import Label
from kivy.uix.widget import Widget
from kivymd.app import MDApp

from app.domain import vocab
from app.domain.body_map_shapes import BodyMap, Shape, load_body_map
from app.ui.colors import BODY_SELECTED

_LABEL_SPACE = dp(22)  # room under each figure for "Front · R | L"
_GAP = dp(20)


class BodyMapView(Widget):
    """Front and back views; `selected` is a list of (region, side) tuples."""

    selected = ListProperty()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body: BodyMap = load_body_map()
        self._meshes: dict[tuple[str, int], list[tuple[list[float], list[int]]]] = {}
        self._labels: list[Label] = []
        # Layout moves the widget several times before it settles: draw once per
        # frame at most, not once per change.
        self._redraw_soon = Clock.create_trigger(self._redraw)
        self.bind(pos=self._redraw_soon, size=self._redraw_soon, selected=self._redraw_soon)
        app = MDApp.get_running_app()
        if app is not None:
            app.theme_cls.bind(theme_style=self._redraw_soon)

    # -- geometry ---------------------------------------------------------------

    def _layout(self) -> tuple[float, dict[str, tuple[float, float]]]:
        """Scale (dp per map unit) and the lower-left origin of each view."""
        names = list(self.body.views)
        usable_h = max(1.0, self.height - _LABEL_SPACE - dp(4))
        usable_w = max(1.0, (self.width - _GAP * (len(names) - 1)) / len(names))
        scale = min(usable_w / self.body.width, usable_h / self.body.height)
        total_w = scale * self.body.width * len(names) + _GAP * (len(names) - 1)
        x0 = self.x + (self.width - total_w) / 2
        y0 = self.y + _LABEL_SPACE
        origins = {}
        for index, name in enumerate(names):
            origins[name] = (x0 + index * (scale * self.body.width + _GAP), y0)
        return scale, origins

    def to_map(self, x: float, y: float) -> tuple[str, float, float] | None:
        """Window-local point -> (view, map x, map y), or None between the figures."""
        scale, origins = self._layout()
        for name, (ox, oy) in origins.items():
            mx, my = (x - ox) / scale, (y - oy) / scale
            if 0 <= mx <= self.body.width and 0 <= my <= self.body.height:
                return name, mx, my
        return None

    def point_of(self, region: str, side: str) -> tuple[float, float]:
        """A window point inside the shape of region/side (for tests and tooltips)."""
        scale, origins = self._layout()
        view, shape = self.body.shapes_for(region, side)[0]
        cx, cy = shape.centre()
        ox, oy = origins[view]
        return self.to_window(ox + cx * scale, oy + cy * scale)

    # -- input ------------------------------------------------------------------

    def on_touch_down(self, touch):
        if not self.collide_point(*touch.pos) or touch.is_mouse_scrolling:
            return super().on_touch_down(touch)
        found = self.to_map(*touch.pos)
        hit = self.body.hit(found[0], found[1], found[2]) if found else None
        if hit is None:
            return super().on_touch_down(touch)
        self.toggle(*hit)
        return True

    def toggle(self, region: str, side: str) -> None:
        """Tap on one side of a region: add it, or take it away."""
        chosen = [tuple(item) for item in self.selected]
        if (region, side) in chosen:
            chosen.remove((region, side))
        else:
            covering = [(r, s) for r, s in chosen if r == region and s in (None, "both")]
            if covering:
                # "Both sides" (or no side) was stored; un-tapping one side keeps the others.
                for item in covering:
                    chosen.remove(item)
                chosen += [
                    (region, other)
                    for other in ("left", "right")
                    if other != side and self.body.shapes_for(region, other)
                ]
            else:
                chosen.append((region, side))
        order = list(vocab.REGIONS)
        sides = [None, *vocab.SIDES]
        self.selected = sorted(set(chosen), key=lambda rs: (order.index(rs[0]), sides.index(rs[1])))

    def is_selected(self, region: str, side: str) -> bool:
        chosen = {tuple(item) for item in self.selected}
        return (region, side) in chosen or any((region, s) in chosen for s in (None, "both"))

    # -- drawing -----------------------------------------------------------------

    def _redraw(self, *_args) -> None:
        app = MDApp.get_running_app()
        theme = app.theme_cls if app else None
        dark = theme is not None and theme.theme_style == "Dark"
        body_fill = (0.33, 0.36, 0.38, 1) if dark else (0.86, 0.88, 0.89, 1)
        region_line = (0.5, 0.54, 0.57, 1) if dark else (0.62, 0.66, 0.69, 1)
        text_color = (0.8, 0.82, 0.84, 1) if dark else (0.35, 0.38, 0.41, 1)
        scale, origins = self._layout()
        self.canvas.clear()
        with self.canvas:
            for name, view in self.body.views.items():
                ox, oy = origins[name]
                Color(*body_fill)
                for shape in view.outline:
                    self._fill(shape, ox, oy, scale)
                for area in view.regions:
                    selected = self.is_selected(area.region, area.side)
                    for shape in area.shapes:
                        if selected:
                            Color(*BODY_SELECTED)
                            self._fill(shape, ox, oy, scale)
                        Color(*region_line)
                        self._outline(shape, ox, oy, scale)
        self._place_labels(scale, origins, text_color)

    def _place_labels(self, scale: float, origins: dict, color: tuple) -> None:
        """'R  Front  L' under each figure; the Label widgets are made once, then moved."""
        wanted = []
        for name, view in self.body.views.items():
            left = "R" if view.viewer_left_side == "right" else "L"
            right = "L" if left == "R" else "R"
            wanted += [(name, left, "left"), (name, view.label, "center"), (name, right, "right")]
        if len(self._labels) != len(wanted):
            for label in self._labels:
                self.remove_widget(label)
            self._labels = []
            for _name, text, halign in wanted:
                label = Label(
                    text=text, font_size=sp(13), bold=text in ("L", "R"), halign=halign,
                    valign="middle",
                )  # fmt: skip
                self.add_widget(label)
                self._labels.append(label)
        width = self.body.width * scale
        for label, (name, _text, _halign) in zip(self._labels, wanted, strict=True):
            label.color = color
            label.size = (width, _LABEL_SPACE)
            label.text_size = label.size
            label.pos = (origins[name][0], self.y)

    @staticmethod
    def _fill(shape: Shape, ox: float, oy: float, scale: float) -> None:
        if shape.ellipse is not None:
            cx, cy, rx, ry = shape.ellipse
            Ellipse(
                pos=(ox + (cx - rx) * scale, oy + (cy - ry) * scale),
                size=(2 * rx * scale, 2 * ry * scale),
            )
            return
        tess = Tesselator()
        flat: list[float] = []
        for x, y in shape.points:
            flat += [ox + x * scale, oy + y * scale]
        tess.add_contour(flat)
        if not tess.tesselate(WINDING_ODD, TYPE_POLYGONS):
            return
        for vertices, indices in tess.meshes:
            Mesh(vertices=vertices, indices=indices, mode="triangle_fan")

    @staticmethod
    def _outline(shape: Shape, ox: float, oy: float, scale: float) -> None:
        if shape.ellipse is not None:
            cx, cy, rx, ry = shape.ellipse
            Line(
                ellipse=(
                    ox + (cx - rx) * scale,
                    oy + (cy - ry) * scale,
                    2 * rx * scale,
                    2 * ry * scale,
                ),
                width=dp(0.7),
            )
            return
        points: list[float] = []
        for x, y in shape.points:
            points += [ox + x * scale, oy + y * scale]
        Line(points=points, close=True, width=dp(0.7))


def selection_words(selected: list) -> str:
    """'Lower back (centre), Calf (left)' — the selection in words."""
    if not selected:
        return "Tap where it hurts. Tap again to undo."
    return ", ".join(vocab.location_label(region, side) for region, side in selected)
