"""GUI benchmarks: cold start, tab switches on a 50-year diary, memory."""

from __future__ import annotations

import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Figure


def _compile_app() -> None:
    """Cache the app's bytecode, as any start but the very first finds it.

    Python writes it on the first start (and `./quickstart app` at set-up);
    KivyMD's own, the floor's, came with pip. Where PYTHONDONTWRITEBYTECODE is
    set (as on our build machines) none was ever written, and every run
    compiled some 60 of the app's modules from source: 0.1-0.15 s the floor
    never pays and a user pays once.
    """
    compileall.compile_dir(Path(__file__).parent.parent / "app", quiet=1)


def _probe(kind: str, db: Path, switch: str | None = None) -> tuple[float, list[dict]]:
    """Spawn the probe; returns (ms from spawn to first frame, its JSON reports).

    Each report gets `ms`: wall-clock milliseconds from the spawn to that event.
    """
    env = {**os.environ, "PAIN_DIARY_CONFIG_DIR": tempfile.mkdtemp(prefix="pd-bench-cfg-")}
    env.pop("DISPLAY", None)  # offscreen, as on CI
    args = [sys.executable, "-m", "benchmarks.gui_probe", kind, str(db)]
    if switch:
        args += ["--switch", switch]
    started, spawned = time.perf_counter(), time.time()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env=env)  # fmt: skip
    assert child.stdout is not None
    first = child.stdout.readline()
    first_ms = (time.perf_counter() - started) * 1000
    reports = [json.loads(first)] + [json.loads(line) for line in child.stdout if line.strip()]
    child.wait(timeout=120)
    for report in reports:
        report.setdefault("ms", (report.get("ready_wall", report["wall"]) - spawned) * 1000)
    return first_ms, reports


def cold_start_and_memory(diary_10y: Path, runs: int) -> list[Figure]:
    """Spawn to Today ready to use (10-year diary) vs a one-label KivyMD app ready; peak RSS.

    Ready (benchmarks.gui_probe): a frame showing the form built and filled
    was drawn, and the screen's pixels then stayed unchanged, with the app
    answering (no tick later than 0.25 s), for a second since their last
    change, which is the time taken. The floor is timed the same way.
    """
    _compile_app()
    app_ms, first_ms, form_ms, floor_ms, floor_first, app_mb, floor_mb = ([] for _ in range(7))
    for _ in range(runs):
        ms, reports = _probe("minimal", diary_10y)
        floor_first.append(ms)
        floor_ms.append(next(r["ms"] for r in reports if r["event"] == "ready"))
        floor_mb.append(max(r["rss_mb"] for r in reports))
        ms, reports = _probe("diary", diary_10y)
        first_ms.append(ms)
        form_ms.append(next(r["ms"] for r in reports if r["event"] == "form_ready"))
        app_ms.append(next(r["ms"] for r in reports if r["event"] == "ready"))
        app_mb.append(max(r["rss_mb"] for r in reports))
    return [
        Figure("cold start until Today is ready to use, 10 years (vs one-label KivyMD app ready)",
               app_ms, floor_ms, 1.6,
               note="ready: form built, filled and drawn; then 1 s with the screen unchanged"
                    " and the app answering"),
        Figure("… first frame only (vs the one-label app's first frame)",
               first_ms, floor_first, None, note="for the record: Today's form is in it"),
        Figure("… first frame with Today's form filled in (vs one-label app ready)",
               form_ms, floor_ms, None, note="for the record"),
        Figure("peak memory, 10 years: ready, form complete, 2 s on (vs one-label app)",
               app_mb, floor_mb, 80, unit="MB", kind="difference"),
    ]  # fmt: skip


def tab_switch(diary_50y: Path, diary_1y: Path, tab: str, runs: int) -> Figure:
    """Tab switch to first frame with 50 years vs with 1 year; widget counts compared."""
    big, small, widgets = [], [], {}
    for _ in range(runs):
        for db, out in ((diary_1y, small), (diary_50y, big)):
            _, reports = _probe("diary", db, switch=tab)
            switched = next(r for r in reports if r["event"] == "switched")
            out.append(switched["ms"])
            widgets[db] = switched["widgets"]
    note = f"widgets in the window: {widgets[diary_50y]} (50 y) vs {widgets[diary_1y]} (1 y)"
    return Figure(f"{tab} tab, 50 years (vs the same with 1 year)", big, small, 1.5, note=note)
