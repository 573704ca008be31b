"""The tappable body map: front and back silhouettes side by side, or one of them zoomed.

Shapes come from `app.domain.body_map_shapes` (assets/body_map.json). A tap toggles the
region and side under it; tapped regions are filled, and the selection is in
`selected` as (region, side) pairs, the same shape as `Location`.

Side by side at phone width a figure is about 1.6 dp per map unit, so the spine's
centre strips are some 8 dp wide. `zoom` shows one view (`view`) across the whole
width, and there each centre strip (lower back, upper back, neck) takes a touch
band of 48 dp, drawn as wide as it takes taps, while the sides keep 48 dp or more.

From the keyboard (Tab reaches the map): the arrow keys move a ring from region to
region, to the nearest one in that direction, and Space or Enter marks or unmarks it.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.graphics import Color, Ellipse, Line, Mesh
from kivy.graphics.tesselator import TYPE_POLYGONS, WINDING_ODD, Tesselator
from kivy.metrics import dp, sp
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.label import Label
from kivy.uix.widget import Widget
from kivymd.app import MDApp

from app.domain import vocab
from app.domain.body_map_shapes import BodyMap, Shape, load_body_map
from app.ui.colors import BODY_SELECTED
from app.ui.widgets.focus import ACTIVATE, KeyFocus

_LABEL_SPACE = dp(22)  # room under each figure for "Front · R | L"
_GAP = dp(20)
_TARGET = dp(48)  # Material's minimum touch target
#: Arrow key -> the direction it moves the keyboard ring (x, y).
_ARROWS = {"left": (-1, 0), "right": (1, 0), "up": (0, 1), "down": (0, -1)}


class BodyMapView(KeyFocus, Widget):
    """Front and back views; `selected` is a list of (region, side) tuples."""

    selected = ListProperty()
    #: One view across the whole width, with wide centre strips.
    zoom = BooleanProperty(False)
    #: The view shown when zoomed.
    view = OptionProperty("back", options=["front", "back"])
    #: The region the keyboard ring is on: (view, region, side), or None.
    cursor = ObjectProperty(None, allownone=True)
    #: What the ring is on, for the line under the map ('' without the keyboard).
    cursor_text = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.body: BodyMap = load_body_map()
        self._meshes: dict[tuple[str, int], list[tuple[list[float], list[int]]]] = {}
        self._labels: list[Label] = []
        # Layout moves the widget several times before it settles: draw once per
        # layout pass at most, not once per change, and before the frame (-1), so
        # the form's first frame has the figures in it.
        self._redraw_soon = Clock.create_trigger(self._redraw, -1)
        self.bind(
            pos=self._redraw_soon,
            size=self._redraw_soon,
            selected=self._redraw_soon,
            zoom=self._redraw_soon,
            view=self._redraw_soon,
            cursor=self._redraw_soon,
            focus=self._redraw_soon,
        )
        self.bind(cursor=self._say_cursor, focus=self._say_cursor, selected=self._say_cursor)
        app = MDApp.get_running_app()
        if app is not None:
            app.theme_cls.bind(theme_style=self._redraw_soon)

    # -- geometry ---------------------------------------------------------------

    def shown_views(self) -> list[str]:
        """The views drawn: both side by side, or the zoomed one."""
        return [self.view] if self.zoom else list(self.body.views)

    def _layout(self) -> tuple[float, dict[str, tuple[float, float]]]:
        """Scale (dp per map unit) and the lower-left origin of each view."""
        names = self.shown_views()
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
        shown = self.shown_views()
        view, shape = next((v, sh) for v, sh in self.body.shapes_for(region, side) if v in shown)
        cx, cy = shape.centre()
        ox, oy = origins[view]
        return self.to_window(ox + cx * scale, oy + cy * scale)

    # -- input ------------------------------------------------------------------

    def on_touch_down(self, touch):
        if not self.collide_point(*touch.pos) or touch.is_mouse_scrolling:
            return super().on_touch_down(touch)
        found = self.to_map(*touch.pos)
        hit = self.hit(*found) if found else None
        if hit is None:
            return super().on_touch_down(touch)
        self.toggle(*hit)
        return True

    def hit(self, view: str, mx: float, my: float) -> tuple[str, str] | None:
        """The region/side a tap at map point (mx, my) means, with the wide centre bands."""
        found = self.body.hit(view, mx, my)
        if found is None:
            return None
        for area, band in self._centre_bands(view):
            x0, y0, x1, y1 = band
            if area.region == found[0] and x0 <= mx <= x1 and y0 <= my <= y1:
                return area.region, area.side
        return found

    def _centre_bands(self, view: str) -> list[tuple[object, tuple[float, float, float, float]]]:
        """Centre strips of `view` widened to 48 dp where the sides keep 48 dp: (area, box)."""
        scale, _origins = self._layout()
        bands = []
        for area in self.body.views[view].regions:
            if area.side != "centre":
                continue
            boxes = [s.bounds() for s in area.shapes]
            x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
            x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
            group = [s.bounds() for a in self.body.views[view].regions
                     if a.region == area.region for s in a.shapes]  # fmt: skip
            left, right = min(b[0] for b in group), max(b[2] for b in group)
            half = _TARGET / scale / 2
            mid = (x0 + x1) / 2
            if (mid - half - left) * scale >= _TARGET and (right - mid - half) * scale >= _TARGET:
                x0, x1 = min(x0, mid - half), max(x1, mid + half)
            bands.append((area, (x0, y0, x1, y1)))
        return bands

    def target_width(self, region: str, side: str) -> float:
        """How wide (dp) the touch target of region/side is as now drawn."""
        scale, _origins = self._layout()
        widths = []
        for name in self.shown_views():
            for area, (x0, _y0, x1, _y1) in self._centre_bands(name):
                if (area.region, area.side) == (region, side):
                    widths.append((x1 - x0) * scale)
            for area in self.body.views[name].regions:
                if (area.region, area.side) == (region, side) and side != "centre":
                    widths += [(s.bounds()[2] - s.bounds()[0]) * scale for s in area.shapes]
        return max(widths, default=0.0)

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

    # -- keyboard ---------------------------------------------------------------

    def on_focus(self, instance, focused: bool) -> None:
        super().on_focus(instance, focused)
        if focused and self._cursor_area() is None:
            self.cursor = self._first_cursor()

    def on_zoom(self, *_args) -> None:
        self._keep_cursor_shown()

    def on_view(self, *_args) -> None:
        self._keep_cursor_shown()

    def _keep_cursor_shown(self) -> None:
        # The ring stays on the same region when its view is hidden (zoomed to the other).
        if self.cursor is not None and self.cursor[0] not in self.shown_views():
            _view, region, side = self.cursor
            self.cursor = self._place_cursor(region, side)

    def _place_cursor(self, region: str, side: str) -> tuple[str, str, str] | None:
        for name in self.shown_views():
            if any((a.region, a.side) == (region, side) for a in self.body.views[name].regions):
                return (name, region, side)
        return self._first_cursor()

    def _first_cursor(self) -> tuple[str, str, str] | None:
        """The first marked region shown, else the lower back (sciatica's start)."""
        for region, side in [tuple(item) for item in self.selected] + [("lower_back", "centre")]:
            for name in self.shown_views():
                for area in self.body.views[name].regions:
                    if (area.region, area.side) == (region, side):
                        return (name, region, side)
        names = self.shown_views()
        area = self.body.views[names[0]].regions[0]
        return (names[0], area.region, area.side)

    def _cursor_area(self):
        if self.cursor is None or self.cursor[0] not in self.shown_views():
            return None
        view, region, side = self.cursor
        return next(
            (a for a in self.body.views[view].regions if (a.region, a.side) == (region, side)),
            None,
        )

    def _area_centres(self) -> list[tuple[tuple[str, str, str], float, float]]:
        """Every shown region with its centre in widget coordinates."""
        scale, origins = self._layout()
        centres = []
        for name in self.shown_views():
            ox, oy = origins[name]
            for area in self.body.views[name].regions:
                points = [shape.centre() for shape in area.shapes]
                cx = sum(p[0] for p in points) / len(points)
                cy = sum(p[1] for p in points) / len(points)
                centres.append(((name, area.region, area.side), ox + cx * scale, oy + cy * scale))
        return centres

    def move_cursor(self, dx: int, dy: int) -> bool:
        """Move the ring to the nearest region in direction (dx, dy); False at the edge."""
        centres = self._area_centres()
        here = next((c for c in centres if c[0] == self.cursor), None)
        if here is None:
            self.cursor = self._first_cursor()
            return True
        _key, x, y = here
        best, best_cost = None, None
        for key, cx, cy in centres:
            ahead = (cx - x) * dx + (cy - y) * dy  # distance along the arrow
            if key == self.cursor or ahead <= dp(1):
                continue
            across = abs((cx - x) * dy) + abs((cy - y) * dx)  # distance off its line
            cost = ahead + 2 * across
            if best_cost is None or cost < best_cost:
                best, best_cost = key, cost
        if best is None:
            return False
        self.cursor = best
        return True

    def on_key(self, key: str, text: str | None) -> bool:
        if key in _ARROWS:
            self.move_cursor(*_ARROWS[key])
            return True  # at the edge too: an arrow on the map never scrolls the page
        if key in ACTIVATE and self._cursor_area() is not None:
            _view, region, side = self.cursor
            self.toggle(region, side)
            return True
        return False

    def _say_cursor(self, *_args) -> None:
        if not self.focus or self.cursor is None:
            self.cursor_text = ""
            return
        _view, region, side = self.cursor
        state = "marked" if self.is_selected(region, side) else "not marked"
        self.cursor_text = (
            f"{vocab.location_label(region, side)}: {state} (arrows move, Space marks)"
        )

    # -- drawing -----------------------------------------------------------------

    def _redraw(self, *_args) -> None:
        app = MDApp.get_running_app()
        theme = app.theme_cls if app else None
        dark = theme is not None and theme.theme_style == "Dark"
        body_fill = (0.33, 0.36, 0.38, 1) if dark else (0.86, 0.88, 0.89, 1)
        region_line = (0.5, 0.54, 0.57, 1) if dark else (0.62, 0.66, 0.69, 1)
        text_color = (0.8, 0.82, 0.84, 1) if dark else (0.35, 0.38, 0.41, 1)
        scale, origins = self._layout()
        # canvas.before: `canvas` also holds the labels' own canvases (clearing it
        # made "Front", "Back", "L" and "R" vanish after the first tap).
        self.canvas.before.clear()
        with self.canvas.before:
            for name in self.shown_views():
                view = self.body.views[name]
                ox, oy = origins[name]
                bands = {(a.region, a.side): box for a, box in self._centre_bands(name)}
                Color(*body_fill)
                for shape in view.outline:
                    self._fill(shape, ox, oy, scale)
                for area in view.regions:
                    selected = self.is_selected(area.region, area.side)
                    for shape in _drawn_shapes(area, bands):
                        if selected:
                            Color(*BODY_SELECTED)
                            self._fill(shape, ox, oy, scale)
                        Color(*region_line)
                        self._outline(shape, ox, oy, scale)
            area = self._cursor_area() if self.focus else None
            if area is not None and theme is not None:
                # The keyboard ring: the region outlined thickly in the focus colour.
                name = self.cursor[0]
                ox, oy = origins[name]
                bands = {(a.region, a.side): box for a, box in self._centre_bands(name)}
                Color(*theme.primaryColor)
                for shape in _drawn_shapes(area, bands):
                    self._outline(shape, ox, oy, scale, width=dp(2.5))
        self._place_labels(scale, origins, text_color)

    def _place_labels(self, scale: float, origins: dict, color: tuple) -> None:
        """'R  Front  L' under each figure; the Label widgets are made once, then moved."""
        wanted = []
        for name in self.shown_views():
            view = self.body.views[name]
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
        for label, (name, text, halign) in zip(self._labels, wanted, strict=True):
            label.text, label.halign, label.bold = text, halign, text in ("L", "R")
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
    def _outline(shape: Shape, ox: float, oy: float, scale: float, width: float = dp(0.7)) -> None:
        if shape.ellipse is not None:
            cx, cy, rx, ry = shape.ellipse
            Line(
                ellipse=(
                    ox + (cx - rx) * scale,
                    oy + (cy - ry) * scale,
                    2 * rx * scale,
                    2 * ry * scale,
                ),
                width=width,
            )
            return
        points: list[float] = []
        for x, y in shape.points:
            points += [ox + x * scale, oy + y * scale]
        Line(points=points, close=True, width=width)


def _drawn_shapes(area, bands: dict) -> tuple[Shape, ...]:
    """The shapes drawn for `area`: a centre strip as wide as it takes taps (its band)."""
    band = bands.get((area.region, area.side))
    if band is None:
        return area.shapes
    x0, y0, x1, y1 = band
    return (Shape(points=((x0, y0), (x1, y0), (x1, y1), (x0, y1))),)


def selection_words(selected: list) -> str:
    """'Lower back (centre), Calf (left)' — the selection in words."""
    if not selected:
        return "Tap where it hurts. Tap again to undo."
    return ", ".join(vocab.location_label(region, side) for region, side in selected)
