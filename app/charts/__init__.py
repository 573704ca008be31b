"""Matplotlib Figures built with the object API (no pyplot, no Kivy)."""
