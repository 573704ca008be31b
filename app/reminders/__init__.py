"""Reminders to log the day: settings, when one is due, sending it, and the background timer.

Kept outside the diary, in the config folder: `pain-diary remind` runs from a
timer with the app closed and must work even for an encrypted diary whose
passphrase it does not have. Nothing here imports Kivy or opens the diary; the
callers (app/cli, app/ui) say whether today is logged.
"""
