"""`python -m benchmarks`: every benchmark, as ratios against floors from the same run."""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

from benchmarks import core, gui
from benchmarks.diaries import build
from benchmarks.harness import HEADER


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="repetitions per figure (default 7)")
    parser.add_argument("--keep", type=Path, help="folder to keep the built diaries in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="pain-diary-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"Building diaries in {folder} ...", flush=True)
    diaries = {years: build(folder / f"diary-{years}y.sqlite3", years) for years in (1, 10, 50)}
    print(f"built in {time.perf_counter() - started:.0f} s\n", flush=True)

    figures = [
        *gui.cold_start_and_memory(diaries[10], args.runs),
        core.save_day(folder, runs=max(30, args.runs * 5)),
        core.insights(diaries[10], args.runs),
        core.trend_chart(diaries[10], args.runs),
        gui.tab_switch(diaries[50], diaries[1], "history", max(3, args.runs // 2)),
        gui.tab_switch(diaries[50], diaries[1], "trends", max(3, args.runs // 2)),
        core.report(diaries[1], folder, max(3, args.runs // 2)),
    ]
    print(f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · {time.strftime('%Y-%m-%d')}\n")  # fmt: skip
    print(HEADER)
    for figure in figures:
        print(figure.row())
    missed = [f.name for f in figures if not f.ok]
    print(f"\n{len(figures) - len(missed)} of {len(figures)} targets hold "
          f"({time.perf_counter() - started:.0f} s in all)")  # fmt: skip


if __name__ == "__main__":
    main()
