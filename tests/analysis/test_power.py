"""How long until we know, by hand: the power formula on one 2 x 2, the words."""

from __future__ import annotations

from math import log

import pytest

from app.analysis.power import (
    days_to_answer_from_counts,
    days_to_answer_sentence,
    duration_words,
    information_per_day,
    required_days,
)


def test_power_formula_by_hand_on_one_two_by_two():
    # 30 % of days exposed, flare rate 0.1 on the others; odds x 4 gives
    # p1 = 0.4444 / 1.4444 = 0.30769. Per day: exposed cell variance
    # 1 / (0.3 * 0.30769 * 0.69231) = 15.648, unexposed 1 / (0.7 * 0.1 * 0.9) = 15.873;
    # information 1 / 31.521 = 0.031725. z(.95) + z(.80) = 1.64485 + 0.84162 =
    # 2.48647; / log 4 = 1.79362; squared 3.21707; N = 3.21707 / 0.031725 = 101.4.
    info = information_per_day([(1.0, 0.1)], 0.3, 4.0)
    assert info == pytest.approx(1 / (1 / (0.3 * 0.4 / 1.3 * 0.9 / 1.3) + 1 / 0.063), rel=1e-9)
    assert info == pytest.approx(0.031725, abs=1e-6)
    assert required_days([(1.0, 0.1)], 0.3, 0.05) == pytest.approx(101.4, abs=0.1)
    # At a tenth of the level (a first Holm step among 10): (3.09023 + .84162)^2 / log(4)^2.
    assert required_days([(1.0, 0.1)], 0.3, 0.005) == pytest.approx(
        ((2.57583 + 0.84162) / log(4)) ** 2 / 0.031725, rel=1e-4
    )


def test_days_to_answer_from_counts_by_hand():
    # 40 compared days, 12 exposed; of the 28 unexposed, 2.5 flares (+ half) of 29:
    # p0 = 0.086207; one stratum. 9 of 10 logged days comparable.
    info = information_per_day([(1.0, 2.5 / 29)], 12 / 40, 4.0)
    needed = ((1.64485 + 0.84162) / log(4)) ** 2 / info
    expected = int(-(-(needed - 40) / 0.9 // 1))
    assert days_to_answer_from_counts([(40, 28, 2)], 12, 40, 0.9, 0.05) == expected
    assert 50 < expected < 120
    # Fewer than 5 exposed days, or no flare at all: no estimate.
    assert days_to_answer_from_counts([(40, 36, 2)], 4, 40, 0.9, 0.05) is None
    assert days_to_answer_from_counts([(40, 28, 0)], 12, 40, 0.9, 0.05) is None
    # Enough days already: nothing more to log.
    assert days_to_answer_from_counts([(4000, 2800, 300)], 1200, 4000, 1.0, 0.05) == 0


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "1 more day"),
        (10, "10 more days"),
        (14, "2 more weeks"),
        (49, "7 more weeks"),
        (62, "9 more weeks"),
        (63, "2 more months"),
        (200, "7 more months"),
        (800, "2 more years"),
    ],
)
def test_duration_words(days, words):
    assert duration_words(days) == words


def test_days_to_answer_sentences():
    assert days_to_answer_sentence(49, "Long sitting", 1) == (
        "About 7 more weeks of logging would show whether long sitting goes with your "
        "flare-ups the next day."
    )
    assert days_to_answer_sentence(None, "gardening", 0) == (
        "Not enough days with gardening yet to say how long until we know (the same day)."
    )
    assert "none showed" in days_to_answer_sentence(0, "High stress", 0)
