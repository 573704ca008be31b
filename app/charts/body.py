"""Where it hurt: days per body location, drawn on the body-map silhouettes.

Shapes come from `app.domain.body_map_shapes` (the same map the GUI's picker uses). A
location logged as "both sides" counts for the left and the right area; one
logged as "centre" (or with no side) counts for the centre area when the
region has one, otherwise for both sides.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, Polygon

from app.charts import style
from app.domain.body_map_shapes import BodyMap, Shape, load_body_map
from app.domain.entry import DayEntry

TITLE = "Where it hurt"
#: Light to dark with steadily falling luminance: reads in greyscale too.
CMAP = colormaps["YlOrRd"]
_NONE_FILL = "#F2F2F2"


def location_days(days: Sequence[DayEntry], body: BodyMap) -> Counter[tuple[str, str]]:
    """Days each drawn (region, side) area had pain."""
    drawn = set(body.areas())
    counts: Counter[tuple[str, str]] = Counter()
    for day in days:
        hit: set[tuple[str, str]] = set()
        for loc in day.locations:
            if loc.side in ("left", "right"):
                sides = [loc.side]
            elif loc.side == "both":
                sides = ["left", "right"]
            elif (loc.region, "centre") in drawn:
                sides = ["centre"]
            else:
                sides = ["left", "right"]
            hit.update((loc.region, side) for side in sides if (loc.region, side) in drawn)
        counts.update(hit)
    return counts


def body_figure(
    days: Sequence[DayEntry],
    *,
    start: dt.date,
    end: dt.date,
    width: float = 6.4,
    height: float = 4.8,
    dpi: int = 100,
    body: BodyMap | None = None,
) -> Figure:
    """Front and back silhouettes, each area shaded by the days it hurt, with counts."""
    body = body or load_body_map()
    logged = [d for d in days if start <= d.date <= end]
    counts = location_days(logged, body)
    if not counts:
        message = (
            "No pain locations logged in this period."
            if logged
            else f"No days logged from {start:%d %b %Y} to {end:%d %b %Y}."
        )
        return style.empty_figure(message, width=width, height=height, dpi=dpi, title=TITLE)

    figure = style.new_figure(width, height, dpi)
    axes = figure.subplots(1, len(body.views))
    top = max(counts.values())
    norm = Normalize(0, top)
    for ax, view in zip(np.atleast_1d(axes), body.views.values(), strict=True):
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_xlim(-4, body.width + 4)
        ax.set_ylim(-12, body.height + 2)
        for shape in view.outline:
            ax.add_patch(_patch(shape, facecolor="#FAFAFA", edgecolor="#9A9A9A", linewidth=0.8))
        for area in view.regions:
            n = counts.get((area.region, area.side), 0)
            colour = CMAP(0.15 + 0.85 * norm(n)) if n else _NONE_FILL
            for shape in area.shapes:
                ax.add_patch(_patch(shape, facecolor=colour, edgecolor="#707070", linewidth=0.5))
            if n:
                x, y = area.shapes[0].centre()
                # A small white label: narrow areas (the spine) are thinner than the digits.
                ax.text(
                    x,
                    y,
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=style.FONT_SIZE - 2,
                    color=style.BLACK,
                    bbox={
                        "boxstyle": "round,pad=0.15",
                        "facecolor": "white",
                        "alpha": 0.85,
                        "edgecolor": "none",
                    },
                )
        left = view.viewer_left_side
        right = "left" if left == "right" else "right"
        ax.set_title(view.label, fontsize=style.FONT_SIZE)
        ax.text(2, -8, f"{left} side", fontsize=style.FONT_SIZE - 2, color=style.GREY)
        ax.text(
            body.width - 2,
            -8,
            f"{right} side",
            fontsize=style.FONT_SIZE - 2,
            color=style.GREY,
            ha="right",
        )
    bar = figure.colorbar(
        _mappable(norm),
        ax=list(np.atleast_1d(axes)),
        shrink=0.6,
        pad=0.02,
    )
    bar.set_label("Days with pain there", fontsize=style.FONT_SIZE)
    bar.ax.tick_params(labelsize=style.FONT_SIZE - 1)
    figure.suptitle(
        f"{TITLE}, {style.period_label(start, end)} ({len(logged)} days logged)",
        fontsize=style.TITLE_SIZE,
        x=0.01,
        ha="left",
    )
    return figure


def _patch(shape: Shape, **kwargs):
    if shape.ellipse is not None:
        cx, cy, rx, ry = shape.ellipse
        return Ellipse((cx, cy), 2 * rx, 2 * ry, **kwargs)
    return Polygon(shape.points, closed=True, **kwargs)


def _mappable(norm: Normalize):
    from matplotlib.cm import ScalarMappable

    # Same mapping as the areas: 0 days is not drawn with the colour map at all.
    mappable = ScalarMappable(norm=norm, cmap=_shifted())
    mappable.set_array([])
    return mappable


def _shifted():
    from matplotlib.colors import ListedColormap

    return ListedColormap(CMAP(np.linspace(0.15, 1.0, 256)))
