"""Where the app's data files (assets) are, in a source checkout and in a wheel.

The wheel carries `assets/` inside the package (`app/assets/`, see
pyproject.toml); a source checkout keeps it at the repository root.
"""

from __future__ import annotations

from pathlib import Path

import app

_PACKAGE_ASSETS = Path(app.__file__).resolve().parent / "assets"
_CHECKOUT_ASSETS = Path(app.__file__).resolve().parent.parent / "assets"


def asset_path(name: str) -> Path:
    """Path of the asset `name` (e.g. "body_map.json"); FileNotFoundError if missing."""
    for folder in (_PACKAGE_ASSETS, _CHECKOUT_ASSETS):
        candidate = folder / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        f"asset {name!r} not found in {_PACKAGE_ASSETS} or {_CHECKOUT_ASSETS}; "
        "the installation is incomplete"
    )
