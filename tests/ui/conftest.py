"""GUI test set-up: a phone-sized offscreen window and the real app around a diary.

tests/conftest.py has already set KIVY_* (no console log, private KIVY_HOME).
The window size must be in Kivy's Config before the Window exists.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("PAIN_DIARY_CONFIG_DIR", tempfile.mkdtemp(prefix="pain-diary-config-"))

from kivy.config import Config

Config.set("graphics", "width", "420")
Config.set("graphics", "height", "820")

import pytest  # noqa: E402


@pytest.fixture
def run_app():
    """Start the app on a diary: `app = run_app(diary)`; stopped (and closed) after the test."""
    from tests.ui.harness import start_app, stop_app

    started = []

    def start(diary):
        app = start_app(diary)
        started.append(app)
        return app

    yield start
    for app in started:
        stop_app(app)
        app.diary.close()
