"""KivyMD's per-widget framebuffers, made only when something will show in them.

KivyMD 2.0 gives every button, checkbox and navigation item a ripple Fbo with
its own shader program the moment the widget is created, and every button and
the navigation bar a BoxShadow, which is one more Fbo, rebuilt on each change
of size, even at elevation 0 where the shadow is hidden under the widget. On
Mesa's software GL (and on small GPUs) each of these costs memory and a draw
pass: with the Today form that was about 250 MB and a dozen extra frames in
the first two seconds (benchmarks/, docs/performance.md). Here a ripple's Fbo
is made on the first touch, and a shadow is in the canvas only while the
widget's elevation is above 0.
"""

from __future__ import annotations

from kivy.graphics import ClearBuffers, ClearColor, Color, Fbo, Rectangle
from kivy.graphics.boxshadow import BoxShadow
from kivymd.uix.behaviors.elevation import CommonElevationBehavior
from kivymd.uix.behaviors.ripple_behavior import M3CommonRipple

_ripple_call = M3CommonRipple._call_ripple_animation_methods


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
    _ripple_call(self, dt)


def _on_kv_post_sync(self, base_widget) -> None:  # type: ignore[no-untyped-def]
    super(CommonElevationBehavior, self).on_kv_post(base_widget)
    if hasattr(self, "_flat_shadow"):
        return  # a subclass's own kv rule posts again
    before = self.canvas.before
    shadows = [i for i in before.children if isinstance(i, BoxShadow)] if before else []
    if not shadows:
        return
    self._flat_shadow = (shadows[0], before.children.index(shadows[0]))
    self.fbind("elevation_level", _sync_shadow)
    _sync_shadow(self)


def _sync_shadow(self, *_args) -> None:  # type: ignore[no-untyped-def]
    shadow, index = self._flat_shadow
    shown = shadow in self.canvas.before.children
    if self.elevation_level > 0 and not shown:
        self.canvas.before.insert(index, shadow)
    elif self.elevation_level <= 0 and shown:
        self.canvas.before.remove(shadow)


def economise() -> None:
    """Patch KivyMD's ripple and elevation behaviours once, before any widget is made."""
    if M3CommonRipple.init_fbos is _defer_fbo:
        return
    M3CommonRipple.init_fbos = _defer_fbo
    # Clock holds bound methods weakly, by name: the patch must carry the original's.
    _ripple_with_fbo.__name__ = _ripple_call.__name__
    _on_kv_post_sync.__name__ = "on_kv_post"
    M3CommonRipple._call_ripple_animation_methods = _ripple_with_fbo
    # The behaviour defines no on_kv_post of its own; ours calls the next in line.
    CommonElevationBehavior.on_kv_post = _on_kv_post_sync
