"""Settings screen (stub)."""
from kivymd.uix.screen import MDScreen

class SettingsScreen(MDScreen):
    pass
