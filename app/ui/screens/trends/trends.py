"""Trends screen (stub)."""
from kivymd.uix.screen import MDScreen

class TrendsScreen(MDScreen):
    pass
