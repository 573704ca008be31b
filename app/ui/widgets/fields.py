"""Text fields of the form: they scroll into view when Tab or a click focuses them."""

from __future__ import annotations

from kivy.animation import Animation
from kivy.metrics import dp
from kivymd.uix.textfield import MDTextField

from app.ui.widgets.focus import FieldFocus


class FormField(FieldFocus, MDTextField):
    """An MDTextField that shows itself when it gets the keyboard.

    KivyMD slides the hint text and the outline's gap into place (0.2 s) every
    time it lays the field out, also when the field is made or its text is set
    by the program: with the form's text fields that was two rounds of
    animation, several frames redrawn, after the form's first frame. Here
    they are put in place at once until the person first focuses the field;
    from then on KivyMD's animations show focus coming and going.
    """

    _touched = False

    def on_focus(self, instance, focused: bool) -> None:
        if focused:
            self._touched = True
        super().on_focus(instance, focused)

    def set_pos_hint_text(self, y: float, x: float) -> None:
        if self._touched:
            super().set_pos_hint_text(y, x)
            return
        Animation.cancel_all(self, "_hint_y", "_hint_x")
        self._hint_y, self._hint_x = y, x

    def set_hint_text_font_size(self) -> None:
        if self._touched:
            super().set_hint_text_font_size()
            return
        rectangle = self.canvas.after.get_group("hint-text-rectangle")[0]
        Animation.cancel_all(rectangle, "size")
        size = list(self._hint_text_label.texture_size)
        if list(rectangle.size) != size:  # setting it at all redraws the window
            rectangle.size = size

    def set_space_in_line(self, left_width: float, right_width: float) -> None:
        if self._touched:
            super().set_space_in_line(left_width, right_width)
            return
        Animation.cancel_all(self, "_left_x_axis_pos", "_right_x_axis_pos")
        self._left_x_axis_pos, self._right_x_axis_pos = left_width, right_width

    def adjust_height(self, *args) -> None:
        """A multiline field's height: at once, where KivyMD's own step only gets half-way."""
        if not self.multiline:
            return
        # KivyMD sets height = lines + top padding + 18 dp, but its kv makes the top
        # padding half the height: each frame the field moved half-way to its height
        # (a dozen frames of the whole form shifting by fractions of a pixel). This is
        # where that series ends.
        lines = max(1, len(self._lines))
        extra = dp(8) if self.mode == "filled" else 0
        height = self.line_height * lines + 2 * (extra + dp(18) + self.padding[3])
        self.height = max(height, dp(56))
