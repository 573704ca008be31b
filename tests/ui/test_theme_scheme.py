"""The shipped colour schemes: what KivyMD computes, and what the app's theme takes."""

from __future__ import annotations

import json

import pytest

from app.resources import asset_path
from app.ui import theme_scheme


def _computing_theme(palette: str, style: str):
    from kivymd.theming import ThemeManager

    theme = ThemeManager()
    theme.primary_palette = palette
    theme.theme_style = style
    theme.set_colors()
    return theme


def test_the_shipped_file_holds_what_kivymd_computes_for_this_palette_now() -> None:
    # Fails after an upgrade of KivyMD or materialyoucolor: run `python -m app.ui.theme_scheme`.
    shipped = json.loads(asset_path(theme_scheme.SCHEME_FILE).read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(theme_scheme.generate()))
    assert theme_scheme.shipped_schemes() == shipped["schemes"]
    assert len(shipped["schemes"]) == 2  # Teal, light and dark


@pytest.mark.parametrize("style", ["Light", "Dark"])
def test_an_installed_theme_takes_the_same_colours_as_one_that_computes_them(style) -> None:
    from kivymd.theming import ThemeManager

    theme = ThemeManager()
    theme_scheme.install(theme)
    theme.primary_palette = "Teal"
    theme.theme_style = "Dark" if style == "Light" else "Light"
    theme.set_colors()
    theme.theme_style = style  # a switch, as Settings makes it
    theme.set_colors()
    expected = _computing_theme("Teal", style)
    assert theme_scheme.theme_colours(theme) == theme_scheme.theme_colours(expected)
    assert theme.disabledTextColor == expected.disabledTextColor
    assert (
        theme.primaryColor
        != _computing_theme("Teal", "Dark" if style == "Light" else "Light").primaryColor
    )


def test_a_shipped_scheme_is_taken_as_it_is_and_others_are_computed(monkeypatch) -> None:
    from kivymd.theming import ThemeManager

    marker = [0.25, 0.5, 0.75, 1.0]
    monkeypatch.setattr(
        theme_scheme,
        "shipped_schemes",
        lambda: {"Teal/Light/TONAL_SPOT/0.0": {"primaryColor": marker}},
    )
    theme = ThemeManager()
    theme_scheme.install(theme)
    calls = []
    theme.on_colors = lambda: calls.append(theme.primaryColor)
    theme.primary_palette = "Teal"
    theme.theme_style = "Light"
    theme.set_colors()
    assert list(theme.primaryColor) == marker and calls == [marker]  # read, not computed
    theme.primary_palette = "Red"
    theme.set_colors()
    assert theme_scheme.theme_colours(theme) == theme_scheme.theme_colours(
        _computing_theme("Red", "Light")
    )


def test_a_file_of_other_versions_is_not_used(monkeypatch, tmp_path) -> None:
    data = json.loads(asset_path(theme_scheme.SCHEME_FILE).read_text(encoding="utf-8"))
    data["versions"]["materialyoucolor"] = "0.0.1"
    (tmp_path / theme_scheme.SCHEME_FILE).write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(theme_scheme, "asset_path", lambda name: tmp_path / name)
    theme_scheme.shipped_schemes.cache_clear()
    try:
        assert theme_scheme.shipped_schemes() == {}
        (tmp_path / theme_scheme.SCHEME_FILE).write_text("not json", encoding="utf-8")
        theme_scheme.shipped_schemes.cache_clear()
        assert theme_scheme.shipped_schemes() == {}
    finally:
        theme_scheme.shipped_schemes.cache_clear()
