"""`python -m benchmarks`: every benchmark, as ratios against floors from the same run."""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

from benchmarks import core, encrypted, gui
from benchmarks.diaries import build
from benchmarks.harness import HEADER

#: name -> (diaries by years, work folder, runs) -> figures, in the table's order.
BENCHMARKS = {
    "start": lambda d, _f, runs: gui.cold_start_and_memory(d[10], runs),
    "save": lambda _d, f, runs: [
        core.save_day(f, runs=max(30, runs * 5)),
        core.save_checkin(f, runs=max(30, runs * 5)),
    ],
    "insights": lambda d, _f, runs: [core.insights(d[10], runs)],
    "trend": lambda d, _f, runs: [core.trend_chart(d[10], runs)],
    "history": lambda d, _f, runs: [gui.tab_switch(d[50], d[1], "history", max(3, runs // 2))],
    "trends": lambda d, _f, runs: [gui.tab_switch(d[50], d[1], "trends", max(3, runs // 2))],
    "report": lambda d, f, runs: [core.report(d[1], f, max(3, runs // 2))],
    "encrypted": lambda d, f, runs: encrypted.figures(d[1], f, runs),
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="repetitions per figure (default 7)")
    parser.add_argument("--keep", type=Path, help="folder to keep the built diaries in")
    parser.add_argument(
        "--only",
        choices=sorted(BENCHMARKS),
        action="append",
        help="run just this benchmark (repeatable; default: all)",
    )
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="pain-diary-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"Building diaries in {folder} ...", flush=True)
    diaries = {years: build(folder / f"diary-{years}y.sqlite3", years) for years in (1, 10, 50)}
    print(f"built in {time.perf_counter() - started:.0f} s\n", flush=True)

    figures = []
    for name in sorted(args.only or BENCHMARKS, key=list(BENCHMARKS).index):
        figures += BENCHMARKS[name](diaries, folder, args.runs)
    print(f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · {time.strftime('%Y-%m-%d')}\n")  # fmt: skip
    print(HEADER)
    for figure in figures:
        print(figure.row())
    issue = [f for f in figures if f.target is not None and not f.ours]
    ours = [f for f in figures if f.ours]
    print(f"\n{sum(f.ok for f in issue)} of {len(issue)} targets of issue 7 hold; "
          f"{sum(f.ok for f in ours)} of {len(ours)} of our own "
          f"({time.perf_counter() - started:.0f} s in all)")  # fmt: skip


if __name__ == "__main__":
    main()
