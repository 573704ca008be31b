"""Text fields of the form: they scroll into view when Tab or a click focuses them."""

from __future__ import annotations

from kivymd.uix.textfield import MDTextField

from app.ui.widgets.focus import FieldFocus


class FormField(FieldFocus, MDTextField):
    """An MDTextField that shows itself when it gets the keyboard."""
