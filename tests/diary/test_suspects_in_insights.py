"""The service hands the person's suspects to the test plan: insights mark them."""

from __future__ import annotations

import json
from pathlib import Path

from app.diary import Diary
from tests.test_cli import run


def test_a_declared_suspect_is_marked_in_insights_and_its_wait_is_said(
    capsys, tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite3"
    Diary.create_demo(path, 120).close()
    with Diary.open(path) as diary:
        diary.add_suspect("stress", lag=0)
        found = diary.insights()
    declared = [(link.factor, link.lag_days) for link in found.links if link.declared]
    assert declared == [("stress", 0)]
    assert any("high stress" in sentence for sentence in found.answer_times)
    status, out, _ = run(capsys, path, "insights", "--json")
    links = {(x["factor"], x["lag_days"]): x for x in json.loads(out)["links"]}
    assert status == 0 and links[("stress", 0)]["declared"] is True
    assert links[("stress", 0)]["declared_since"] is not None
    assert links[("sitting", 1)]["declared"] is False
    status, out, _ = run(capsys, path, "insights")
    assert "How long until we know:" in out and "(your suspect)" in out
