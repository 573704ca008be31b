"""Report screen (stub)."""
from kivymd.uix.screen import MDScreen

class ReportScreen(MDScreen):
    pass
