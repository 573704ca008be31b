"""Stress and own-factor values in words (Today, Settings, History)."""

from __future__ import annotations

from app.domain.own_factors import OwnFactor
from app.forms.factor_words import day_factor_words, factor_line, stress_words, value_words


def test_stress_words_show_the_anchors_at_the_ends():
    assert stress_words(None) == "Not recorded"
    assert stress_words(0) == "No stress"
    assert stress_words(10) == "Worst stress imaginable"
    assert stress_words(6) == "6 of 10"


def test_values_of_each_kind_in_words():
    assert value_words("yesno", True) == "yes"
    assert value_words("yesno", False) == "no"
    assert value_words("rating", 6) == "6/10"
    assert value_words("minutes", 90) == "1 h 30 min"
    assert value_words("minutes", None) == "not recorded"


def test_a_factor_line_says_kind_threshold_default_and_days():
    rating = OwnFactor("Work strain", "rating", None, days=1)
    assert factor_line(rating) == "0-10 rating · exposed at 7+ (default) · on 1 day"
    minutes = OwnFactor("Screen time", "minutes", 90.0, days=12)
    assert factor_line(minutes) == "minutes · exposed over 1 h 30 min · on 12 days"


def test_a_days_stress_and_factors_in_one_line():
    kinds = {"Gardening": "yesno", "Screen time": "minutes", "Strain": "rating"}
    values = {"Gardening": True, "Screen time": 90, "Strain": 4}
    assert (
        day_factor_words(7, values, kinds)
        == "Stress 7 · Gardening: yes · Screen time: 1 h 30 min · Strain: 4/10"
    )
    assert day_factor_words(None, {}, kinds) == ""
