"""The app's Material colour schemes, computed once and shipped, not at every start.

KivyMD derives its ~60 theme colours from the primary palette with
materialyoucolor's pure-Python colour science: 80-100 ms of every start-up,
before anything is drawn, and again on each light/dark switch, always with the
same answer for the same palette. `assets/theme_schemes.json` holds the answers
for the schemes this app uses; `install(theme_cls)` makes the theme read them
from there. A scheme not in the file, or a file written by other versions of
KivyMD or materialyoucolor, is computed as before (tests/ui/test_theme_scheme.py
fails then: regenerate the file with `python -m app.ui.theme_scheme`).
"""

from __future__ import annotations

import json
from functools import cache

from app.resources import asset_path

SCHEME_FILE = "theme_schemes.json"
#: The schemes shipped: the app's palette in both styles.
SHIPPED = [("Teal", "Light"), ("Teal", "Dark")]


def _versions() -> dict[str, str]:
    import kivymd
    import materialyoucolor

    return {"kivymd": kivymd.__version__, "materialyoucolor": materialyoucolor.__version__}


def scheme_key(theme_cls) -> str:
    """What a scheme depends on (dynamic colour off): palette, style, scheme name, contrast."""
    return "/".join(
        str(part)
        for part in (
            theme_cls.primary_palette,
            theme_cls.theme_style,
            theme_cls.dynamic_scheme_name,
            float(theme_cls.dynamic_scheme_contrast),
        )
    )


@cache
def shipped_schemes() -> dict[str, dict[str, list[float]]]:
    """The shipped schemes by `scheme_key`; empty when the file is missing or for other versions."""
    try:
        data = json.loads(asset_path(SCHEME_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("versions") != _versions():
        return {}
    schemes = data.get("schemes")
    return schemes if isinstance(schemes, dict) else {}


def theme_colours(theme_cls) -> dict[str, list[float]]:
    """The theme's current colours by property name (e.g. "primaryColor"), as KivyMD set them."""
    from materialyoucolor.dynamiccolor.color_spec import COLOR_NAMES

    return {f"{name}Color": list(getattr(theme_cls, f"{name}Color")) for name in COLOR_NAMES}


def install(theme_cls) -> None:
    """Make `theme_cls` take shipped schemes as they are instead of computing them."""
    compute = theme_cls._set_application_scheme

    # KivyMD passes the palette as `color` and then reads `primary_palette` anyway.
    def set_application_scheme(*args, **kwargs) -> None:
        colours = shipped_schemes().get(scheme_key(theme_cls))
        if colours is None:
            compute(*args, **kwargs)
            return
        # What KivyMD's _set_color_names does with the scheme it computed.
        for name, value in colours.items():
            setattr(theme_cls, name, value)
        theme_cls.disabledTextColor = theme_cls._get_disabled_hint_text_color()
        if theme_cls.on_colors:
            theme_cls.on_colors()

    theme_cls._set_application_scheme = set_application_scheme


def generate() -> dict:
    """Compute the shipped schemes with KivyMD itself (what the JSON file holds)."""
    from kivymd.theming import ThemeManager

    schemes = {}
    for palette, style in SHIPPED:
        theme = ThemeManager()
        theme.primary_palette = palette
        theme.theme_style = style
        theme.set_colors()
        schemes[scheme_key(theme)] = theme_colours(theme)
    return {"versions": _versions(), "schemes": schemes}


if __name__ == "__main__":
    import re

    from app.ui.boot import configure_kivy

    configure_kivy()
    path = asset_path("body_map.json").with_name(SCHEME_FILE)
    text = json.dumps(generate(), indent=1, sort_keys=True)
    # One colour a line: [r, g, b, a] on the line of its name.
    text = re.sub(r"\[\s+([^\]]*?)\s+\]", lambda m: "[" + " ".join(m[1].split()) + "]", text)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path}")
