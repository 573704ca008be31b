"""The report's wording and chart sizes, worked out as data before any page is drawn."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

# Imported here so Matplotlib loads while collecting, not inside the first chart test.
import app.charts.factor_links
import app.charts.trend  # noqa: F401
from app.analysis.links import NOT_ENOUGH_DATA, Link
from app.domain.own_factors import Suspect
from app.exports.report_pdf.content import (
    SuspectLine,
    _figures,
    _suspect_lines,
    _wait_text,
)

JAN = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))


def _untestable(code: str, lag: int) -> Link:
    blank = dict.fromkeys(
        (
            "flare_rate_exposed",
            "flare_rate_unexposed",
            "rate_ci_exposed",
            "rate_ci_unexposed",
            "mean_pain_exposed",
            "mean_pain_unexposed",
            "odds_ratio",
            "odds_ratio_ci",
            "p_value_raw",
            "p_value",
        )
    )
    return Link(code, lag, NOT_ENOUGH_DATA, 2, 3, 0, 0, **blank)


def test_a_suspect_no_day_records_is_listed_as_not_tested() -> None:
    suspects = [Suspect("sitting", 1, dt.date(2026, 1, 2), dt.date(2026, 1, 2))]
    assert _suspect_lines(SimpleNamespace(links=[]), suspects, set()) == [
        SuspectLine(
            "Long sitting (next day)",
            "declared 2\u00a0Jan\u00a02026; tested on days from 3\u00a0Jan\u00a02026.",
            "Not tested: no day of this period records it.",
        )
    ]


def test_how_long_is_unknown_without_exposed_days() -> None:
    assert _wait_text(None) == (
        "How long: not enough exposed days yet to estimate when this will be known."
    )


def test_the_factor_chart_is_3_6_inches_high_for_few_rows() -> None:
    _, optional = _figures(SimpleNamespace(links=[]), [], *JAN)
    assert [tuple(f.get_size_inches()) for f in optional] == [(7.1, 3.6)]


def test_the_factor_chart_grows_0_3_inches_a_row_past_seven_rows() -> None:
    """Each row has a two-line label: ten rows need 1.4 + 10 x 0.3 = 4.4 inches."""
    links = [
        _untestable(code, lag)
        for code in ("sitting", "posture", "sleep", "stress", "inactivity")
        for lag in (0, 1)
    ]
    _, optional = _figures(SimpleNamespace(links=links), [], *JAN)
    width, height = optional[0].get_size_inches()
    assert (width, round(height, 6)) == (7.1, 4.4)
