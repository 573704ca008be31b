"""Trends only presents: its numbers are the service's, the same as `insights` and the PDF."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import pytest

from app.cli import main
from app.diary import Diary

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def _wait_for_trends(app) -> object:
    """Show Trends and wait until its chart is drawn and the service has answered."""
    from tests.ui import harness as h

    app.switch_to("trends")
    screen = app.screen("trends")
    for _ in range(120):
        h.pump(0.25)
        texts = [getattr(w, "text", "") for w in screen.ids.findings.children]
        chart = screen.ids.chart
        looking = any(t.startswith("Looking for patterns") for t in texts)
        if chart.has_picture and not chart.busy and not looking:
            break
    return screen


def test_flare_days_are_the_same_on_trends_in_insights_json_and_in_the_pdf(
    run_app, tmp_path, capsys
):
    path = tmp_path / "demo.sqlite3"
    diary = Diary.create_demo(path, 120)
    # Trends opens on the last 90 days, ending today.
    start, end = TODAY - dt.timedelta(days=89), TODAY
    period = ["--from", start.isoformat(), "--to", end.isoformat()]

    assert main(["--db", str(path), "insights", *period, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    flare_days = data["summary"]["flare_days"]
    ticked = sum(1 for d in diary.days(start, end) if d.flare)
    # Not vacuous: some flare days were not ticked, only 2 above the usual.
    assert flare_days > ticked

    pdf = tmp_path / "report.pdf"
    assert main(["--db", str(path), "report", str(pdf), *period]) == 0
    capsys.readouterr()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    in_all = re.search(r"\((\d+) days in all\)", " ".join(text.split()))
    assert in_all is not None, text[:2000]
    assert int(in_all.group(1)) == flare_days

    app = run_app(diary)
    screen = _wait_for_trends(app)
    assert screen.stat_flares == str(flare_days)
    assert screen.stat_logged == f"{data['summary']['days_logged']} of 90"
    assert screen.stat_pain == f"{data['summary']['pain_mean']:.1f}"


def test_findings_read_in_plain_words_with_the_numbers_behind_how_sure(run_app, tmp_path):
    from app.ui.screens.trends.trends import FindingRow
    from tests.ui import harness as h

    diary = Diary.create_demo(tmp_path / "demo.sqlite3", 120)
    data = diary.insights(TODAY - dt.timedelta(days=89), TODAY).to_dict()
    linked = [link for link in data["links"] if link["verdict"] == "linked"]
    assert linked, "the demo plants links"
    app = run_app(diary)
    screen = _wait_for_trends(app)
    rows = [w for w in screen.ids.findings.children if isinstance(w, FindingRow) and w.linked]
    assert len(rows) == len(linked)
    row = next(r for r in rows if r.text == linked[0]["sentence"])
    link = linked[0]
    # Counts first, everyday words; no odds ratio or p in what a patient reads.
    assert row.text.startswith(f"On {link['exposed_flares']} of the {link['exposed_days']} days")
    assert f"against {link['unexposed_flares']} of {link['unexposed_days']} other days" in row.text
    assert "odds" not in row.text.lower() and "p =" not in row.text
    assert row.ids.details_label.height == 0 and not row.ids.details_label.text
    h.scroll_into_view(row.ids.how_sure)
    h.tap(row.ids.how_sure)
    assert row.expanded
    h.pump(0.3)
    assert row.ids.details_label.text == link["details"]
    assert row.ids.details_label.height > 0
    assert "times as high" in row.ids.details_label.text


def test_finding_cards_darken_with_the_dark_theme(run_app, tmp_path):
    from kivy.utils import get_hex_from_color

    from app.ui.screens.trends.trends import FindingRow
    from tests.ui import harness as h

    app = run_app(Diary.create_demo(tmp_path / "demo.sqlite3", 120))
    screen = _wait_for_trends(app)
    row = next(w for w in screen.ids.findings.children if isinstance(w, FindingRow) and w.linked)

    def luminance(colour) -> float:
        r, g, b = colour[:3]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light = luminance(row.md_bg_color)
    app.set_theme("dark")
    h.pump(1.0)
    dark = luminance(row.md_bg_color)
    assert dark < 0.3 < light, (get_hex_from_color(row.md_bg_color), light, dark)
    assert luminance(row.ids.finding_label.text_color) > 0.6, "light text on the dark card"
    assert screen.ids.chart.theme == "dark"
    app.set_theme("light")
    h.pump(0.5)


def test_the_time_of_day_card_draws_the_services_checkins_in_the_theme(run_app, tmp_path):
    from matplotlib.text import Text

    from app.analysis.by_activity import highest_first
    from app.charts.time_of_day import COUNT_GID
    from tests.ui import harness as h

    diary = Diary.create_demo(tmp_path / "demo.sqlite3", 120)
    found = diary.insights(TODAY - dt.timedelta(days=89), TODAY)
    assert found.checkins, "the demo has check-ins"
    app = run_app(diary)
    screen = _wait_for_trends(app)
    card = screen.ids.chart_timeofday
    for _ in range(80):
        if card.has_picture and not card.busy:
            break
        h.pump(0.25)
    assert card.has_picture and not card.error
    # The card's chart is the service's for the screen's period: its counts are insights'.
    figure = card.figure_factory(6.0, 5.0, 50, card.theme)
    counts = [t.get_text() for t in figure.axes[1].findobj(Text) if t.get_gid() == COUNT_GID]
    expected = highest_first(found.by_activity)
    assert counts[::-1] == [f"{a.mean_pain:.1f}  n={a.checkins}" for a in expected]
    app.set_theme("dark")
    h.pump(0.5)
    assert card.theme == "dark"
