"""KivyMD's per-widget framebuffers, made only when something will show in them.

KivyMD 2.0 gives every button, checkbox and navigation item a ripple Fbo with
its own shader program the moment the widget is created, and every button and
the navigation bar a BoxShadow, which is one more Fbo, rebuilt on each change
of size, even at elevation 0 where the shadow is hidden under the widget. On
Mesa's software GL (and on small GPUs) each of these costs memory and a draw
pass: with the Today form that was about 250 MB and a dozen extra frames in
the first two seconds (benchmarks/, docs/performance.md). Here a ripple's Fbo
is made on the first touch, and a shadow (its Fbo and shader too) is made the
first time the widget is raised, and is in the canvas only while it is.

Every KivyMD widget also draws a background (a rounded rectangle and its
outline) and a state layer (the hover and press tint) in every frame, even
when they are fully transparent, as they are for almost every label, icon and
box layout. Software GL (Mesa's llvmpipe) sets up and bins invisible
triangles like any others and holds them in memory until the frame is
rasterised: with the Today form, about 380 such rounded rectangles and 230
outlines put some 7 MB on the app's peak memory. Here these layers stay in
the canvas, in their place, but are drawn only while they have a colour.

All of this replaces private parts of KivyMD 2.0.0 (method names, canvas
instruction groups and kv rules that may change in any release). Importing
this module changes nothing: the app's start calls `lighten_kivymd_layers()`,
which checks the KivyMD version first and, on any other version, leaves
KivyMD as it is and says so in one log line. KivyMD's private modules are
imported only after that check, so a KivyMD without them still starts.
"""

from __future__ import annotations

from collections.abc import Callable

from kivy.factory import Factory
from kivy.graphics import (
    BindTexture,
    ClearBuffers,
    ClearColor,
    Color,
    Fbo,
    InstructionGroup,
    PopMatrix,
    PushMatrix,
    Rectangle,
    Rotate,
)
from kivy.graphics.boxshadow import BoxShadow
from kivy.logger import Logger

#: The KivyMD release whose internals the functions below replace.
KIVYMD_VERSION = "2.0.0"

#: KivyMD's own ripple animation step, kept when patching for ours to call.
_ripple_call: Callable[..., None] | None = None


def _defer_fbo(self) -> None:  # type: ignore[no-untyped-def]
    self._phase = 0.0
    self.ripple_pos = (0, 0)
    self.fbo = None


def _make_fbo(self) -> None:  # type: ignore[no-untyped-def]
    # Never 0 px: an adaptive widget may still be collapsed, and some GL
    # drivers (Mesa's offscreen one among them) refuse an empty framebuffer.
    size = self._clamp_size(*self.size)
    self.fbo = Fbo(size=size, group="m3_ripple_behavior")
    self.set_shader(self.fbo)
    with self.fbo:
        ClearColor(0, 0, 0, 0)
        ClearBuffers()
        Color(1, 1, 1, 1)
        self.rect = Rectangle(pos=(0, 0), size=size)


def _ripple_with_fbo(self, dt: float) -> None:  # type: ignore[no-untyped-def]
    if getattr(self, "fbo", None) is None:
        if not self.ripple_effect:
            return
        _make_fbo(self)
    _ripple_call(self, dt)  # type: ignore[misc]  # set before this replaces KivyMD's


_SHADOW_SETTINGS = frozenset(
    ("pos", "size", "offset", "spread_radius", "blur_radius", "border_radius", "inset")
)


class LazyShadow(InstructionGroup):
    """Stands in for KivyMD's BoxShadow: the real one (an Fbo) is made when first shown.

    The elevation kv rule sets the shadow's geometry here; it is kept, and
    passed on once a BoxShadow exists.
    """

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        object.__setattr__(self, "_settings", dict(kwargs))
        object.__setattr__(self, "shadow", None)

    def __setattr__(self, name: str, value) -> None:  # type: ignore[no-untyped-def]
        if name not in _SHADOW_SETTINGS:
            object.__setattr__(self, name, value)
            return
        self._settings[name] = value
        if self.shadow is not None:
            setattr(self.shadow, name, value)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        if name in _SHADOW_SETTINGS and name in self._settings:
            return self._settings[name]
        raise AttributeError(name)

    def materialise(self) -> None:
        if self.shadow is None:
            object.__setattr__(self, "shadow", BoxShadow(**self._settings))
            self.add(self.shadow)


def _on_kv_post_sync(self, base_widget) -> None:  # type: ignore[no-untyped-def]
    from kivymd.uix.behaviors.elevation import CommonElevationBehavior

    super(CommonElevationBehavior, self).on_kv_post(base_widget)
    if hasattr(self, "_flat_shadow"):
        return  # a subclass's own kv rule posts again
    before = self.canvas.before
    shadows = [i for i in before.children if isinstance(i, LazyShadow)] if before else []
    if not shadows:
        return
    self._flat_shadow = (shadows[0], before.children.index(shadows[0]))
    self.fbind("elevation_level", _sync_shadow)
    _sync_shadow(self)


def _sync_shadow(self, *_args) -> None:  # type: ignore[no-untyped-def]
    shadow, index = self._flat_shadow
    shown = shadow in self.canvas.before.children
    if self.elevation_level > 0:
        shadow.materialise()
    if self.elevation_level > 0 and not shown:
        self.canvas.before.insert(index, shadow)
    elif self.elevation_level <= 0 and shown:
        self.canvas.before.remove(shadow)


class _Layer:
    """A run of canvas instructions, moved into a group that is emptied while invisible."""

    __slots__ = ("group", "instructions", "shown")

    def __init__(self, canvas, start: int, stop: int) -> None:
        # A vertex instruction takes its own BindTexture along when moved.
        self.instructions = [
            i for i in canvas.children[start:stop] if not isinstance(i, BindTexture)
        ]
        self.group = InstructionGroup()
        for instruction in self.instructions:
            canvas.remove(instruction)
        # The group keeps the layer's place between the widget's other instructions.
        canvas.insert(start, self.group)
        self.shown = False

    def show(self, shown: bool) -> None:
        if shown == self.shown:
            return
        self.shown = shown
        if shown:
            for instruction in self.instructions:
                self.group.add(instruction)
        else:
            self.group.clear()


def _alpha(color) -> float:  # type: ignore[no-untyped-def]
    return color[3] if color is not None and len(color) > 3 else 0.0


def _background_run(canvas) -> tuple[int, int] | None:
    """Where BackgroundColorBehavior's PushMatrix ... PopMatrix stands in `canvas`."""
    children = canvas.children
    for index, instruction in enumerate(children):
        if getattr(instruction, "group", None) == "backgroundcolor-behavior-bg-color":
            start = index - 2
            if start < 0 or not (
                isinstance(children[start], PushMatrix) and isinstance(children[index - 1], Rotate)
            ):
                return None
            for stop in range(index + 1, len(children)):
                if isinstance(children[stop], PopMatrix):
                    return start, stop + 1
            return None
    return None


def _state_layer_run(canvas) -> tuple[int, int] | None:
    """Where StateLayerBehavior's Color ... RoundedRectangle stands in `canvas`."""
    children = canvas.children
    for index, instruction in enumerate(children):
        if getattr(instruction, "group", None) == "State_layer_instruction":
            for start in range(index - 1, -1, -1):
                if isinstance(children[start], Color):
                    return start, index + 1
            return None
    return None


def _sync_background(self, *_args) -> None:  # type: ignore[no-untyped-def]
    self._background_layer.show(
        _alpha(self._md_bg_color) > 0
        or bool(self.background)
        or (_alpha(self.line_color) > 0 and self.line_width > 0)
    )


def _sync_state_layer(self, *_args) -> None:  # type: ignore[no-untyped-def]
    self._state_layer.show(_alpha(self.state_layer_color) > 0)


def _fold_invisible_layers(widget) -> None:  # type: ignore[no-untyped-def]
    from kivymd.uix.behaviors.state_layer_behavior import StateLayerBehavior

    # A widget made by a kv rule gets its canvas after __init__: fold on kv post,
    # which a subclass's own rule may dispatch again (the second call finds nothing new).
    if widget.__dict__.get("_background_layer") is None:
        run = _background_run(widget.canvas)
        if run:
            widget._background_layer = _Layer(widget.canvas, *run)
            for name in ("_md_bg_color", "background", "line_color", "line_width"):
                widget.fbind(name, _sync_background, widget)
            _sync_background(widget)
    if isinstance(widget, StateLayerBehavior) and widget.__dict__.get("_state_layer") is None:
        after = widget.canvas.after
        run = _state_layer_run(after) if after is not None else None
        if run:
            widget._state_layer = _Layer(after, *run)
            widget.fbind("state_layer_color", _sync_state_layer, widget)
            _sync_state_layer(widget)


def _on_kv_post_fold(self, base_widget) -> None:  # type: ignore[no-untyped-def]
    from kivymd.uix.behaviors.backgroundcolor_behavior import BackgroundColorBehavior

    super(BackgroundColorBehavior, self).on_kv_post(base_widget)
    _fold_invisible_layers(self)


def lighten_kivymd_layers() -> bool:
    """On KivyMD 2.0.0, make ripples, shadows and invisible layers lazy; call before any widget.

    Returns whether KivyMD is patched. Any other version is left untouched
    (one log line says so): the app then works as stock KivyMD does, only
    with more memory and draw passes on software GL.
    """
    import kivymd

    if kivymd.__version__ != KIVYMD_VERSION:
        Logger.warning(
            "Graphics: KivyMD %s is not %s; its ripples, shadows and backgrounds are left as they"
            " are (more memory on software GL)",
            kivymd.__version__,
            KIVYMD_VERSION,
        )
        return False
    from kivymd.uix.behaviors.backgroundcolor_behavior import BackgroundColorBehavior
    from kivymd.uix.behaviors.elevation import CommonElevationBehavior
    from kivymd.uix.behaviors.ripple_behavior import M3CommonRipple

    global _ripple_call
    if M3CommonRipple.init_fbos is _defer_fbo:
        return True
    _ripple_call = M3CommonRipple._call_ripple_animation_methods
    M3CommonRipple.init_fbos = _defer_fbo
    # Clock holds bound methods weakly, by name: the patch must carry the original's.
    _ripple_with_fbo.__name__ = _ripple_call.__name__
    _on_kv_post_sync.__name__ = "on_kv_post"
    M3CommonRipple._call_ripple_animation_methods = _ripple_with_fbo
    # The behaviour defines no on_kv_post of its own; ours calls the next in line.
    CommonElevationBehavior.on_kv_post = _on_kv_post_sync
    _on_kv_post_fold.__name__ = "on_kv_post"
    BackgroundColorBehavior.on_kv_post = _on_kv_post_fold
    # KivyMD's elevation rule names BoxShadow in kv, which asks the Factory for it.
    Factory.unregister("BoxShadow")
    Factory.register("BoxShadow", cls=LazyShadow)
    return True
