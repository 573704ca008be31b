"""Five programs declaring suspects at once: three are kept, and each refusal says why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.diary import Diary
from tests.storage.test_two_writers import _run

FACTORS = ("sitting", "sleep", "stress", "posture", "inactivity")


@pytest.mark.slow
def test_five_suspects_declared_at_once_keep_three_and_refuse_two(diary_path: Path) -> None:
    with Diary.open(diary_path) as diary:
        diary.update_day(dt.date.today(), {"pain": 3})
    for _round in range(3):
        runs = [_run(diary_path, "suspect", "add", factor) for factor in FACTORS]
        outputs = [run.communicate(timeout=120) for run in runs]
        results = [(run.returncode, output) for run, output in zip(runs, outputs, strict=True)]
        accepted = [FACTORS[i] for i, (code, _) in enumerate(results) if code == 0]
        refused = [err for code, (_out, err) in results if code != 0]
        assert len(accepted) == 3 and len(refused) == 2, results
        assert all("at most 3 suspects" in err for err in refused), refused
        with Diary.open(diary_path) as diary:
            assert sorted(s.factor for s in diary.suspects()) == sorted(accepted)
            for factor in accepted:
                diary.remove_suspect(factor)
