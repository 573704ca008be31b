"""History screen (stub)."""
from kivymd.uix.screen import MDScreen

class HistoryScreen(MDScreen):
    pass
