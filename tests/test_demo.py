"""The demo diary plants long sitting and exertion, and insights names exactly those."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.analysis.insights import insights
from app.cli import main
from app.demo import DEFAULT_DEMO_DAYS, demo_days


# The demo ends today, so each weekday it can end on is checked.
@pytest.mark.parametrize("shift", range(7))
def test_demo_insights_name_the_planted_factors_only(shift):
    end = dt.date(2025, 6, 2) + dt.timedelta(days=shift)
    days = demo_days(DEFAULT_DEMO_DAYS, end=end)
    assert insights(days).linked_factors == ["sitting", "overexertion"]


def test_demo_shape():
    days = demo_days(end=dt.date(2025, 6, 30))
    assert days[-1].date <= dt.date(2025, 6, 30)
    assert days[0].date >= dt.date(2025, 6, 30) - dt.timedelta(days=DEFAULT_DEMO_DAYS - 1)
    assert 0.85 * DEFAULT_DEMO_DAYS < len(days) <= DEFAULT_DEMO_DAYS
    assert demo_days(end=dt.date(2025, 6, 30)) == days  # fixed seed, same diary


def test_cli_demo_then_insights(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "insights", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    linked = {link["factor"] for link in data["links"] if link["verdict"] == "linked"}
    assert linked == {"sitting", "overexertion"}
    assert main(["--db", db, "insights"]) == 0
    text = capsys.readouterr().out
    sitting = next(
        link for link in data["links"] if (link["factor"], link["verdict"]) == ("sitting", "linked")
    )
    lag = "days after you sat" if sitting["lag_days"] else "days you sat"
    # The plain sentence leads with the link's own counts.
    assert (
        f"On {sitting['exposed_flares']} of the {sitting['exposed_days']} {lag} more than 6 hours, "
        f"you had a flare-up — against {sitting['unexposed_flares']} of "
        f"{sitting['unexposed_days']} other days. That is unlikely to be chance."
    ) in text


def test_cli_chart(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    main(["--db", db, "demo", "--days", "40"])
    target = tmp_path / "trend.png"
    assert main(["--db", db, "chart", "trend", str(target)]) == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    missing = tmp_path / "no-such-folder" / "trend.png"
    assert main(["--db", db, "chart", "trend", str(missing)]) == 2
    assert "does not exist" in capsys.readouterr().err and not missing.parent.exists()
    for argv in (["chart", "pie", "x.png"], ["chart", "trend", "x.pdf"]):
        with pytest.raises(SystemExit) as stopped:
            main(["--db", db, *argv])
        assert stopped.value.code == 2
    assert "choose one of trend, activity, factors, body, calendar" in capsys.readouterr().err


def test_demo_stress_and_gardening_are_drawn_apart_from_the_flares():
    days = demo_days(end=dt.date(2025, 6, 30), own_factors=True)
    stress = [d.stress for d in days if d.stress is not None]
    assert 0.75 * len(days) < len(stress) < 0.95 * len(days)
    gardening = [d.factors["gardening"] for d in days if "gardening" in d.factors]
    assert 0.05 < sum(gardening) / len(gardening) < 0.25  # about one day a week
    # The rest of each day is the demo without them: the planted links stay alone.
    plain = demo_days(end=dt.date(2025, 6, 30))
    assert [d.model_dump(exclude={"factors"}) for d in days] == [
        d.model_dump(exclude={"factors"}) for d in plain
    ]


def test_the_demo_diary_has_gardening_and_no_suspects(tmp_path):
    from app.diary import Diary

    with Diary.create_demo(tmp_path / "demo.sqlite3", 60) as diary:
        assert [(f.name, f.kind) for f in diary.factors()] == [("gardening", "yesno")]
        assert diary.factors()[0].days > 0
        assert diary.suspects() == []
        assert sum(d.stress is not None for d in diary.days()) > 30
