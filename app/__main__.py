"""`python -m app` runs the command line (no command opens the app)."""

from app.cli import entry_point

entry_point()
