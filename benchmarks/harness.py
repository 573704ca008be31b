"""Timing helpers: medians of repeated runs, ratios against a floor from the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    """One benchmark row: the subject, its floor, and the target ratio or difference."""

    name: str
    subject: list[float]
    floor: list[float]
    target: float | None  # None: reported for the record, no target
    unit: str = "ms"
    kind: str = "ratio"  # or "difference" (subject - floor, e.g. memory)
    note: str = ""
    #: The target is ours, not issue 7's (counted apart in the summary line).
    ours: bool = False

    @property
    def value(self) -> float:
        s, f = statistics.median(self.subject), statistics.median(self.floor)
        return s / f if self.kind == "ratio" else s - f

    @property
    def ok(self) -> bool:
        return self.target is None or self.value <= self.target

    def row(self) -> str:
        def spread(xs: list[float]) -> str:
            return f"{statistics.median(xs):8.1f} ({min(xs):.1f}–{max(xs):.1f})"

        verdict = "ok" if self.ok else "MISSED"
        if self.target is None:
            verdict, target = "", "—"
            figure = f"{self.value:5.2f}×" if self.kind == "ratio" else f"{self.value:+6.1f}"
        elif self.kind == "ratio":
            figure, target = f"{self.value:5.2f}×", f"≤ {self.target:g}×"
        else:
            figure, target = f"{self.value:+6.1f} {self.unit}", f"≤ +{self.target:g} {self.unit}"
        return (
            f"| {self.name} | {spread(self.subject)} {self.unit} | {spread(self.floor)} {self.unit}"
            f" | {figure} | {target} | {verdict} |{(' ' + self.note) if self.note else ''}"
        )


HEADER = (
    "| benchmark | subject: median (min–max) | floor: median (min–max) | figure | target | |\n"
    "|---|---|---|---|---|---|"
)


def repeat(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock milliseconds of `runs` calls to fn."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def interleaved(
    subject: Callable[[], object], floor: Callable[[], object], runs: int
) -> tuple[list[float], list[float]]:
    """Alternate subject and floor so machine noise hits both alike."""
    s, f = [], []
    for _ in range(runs):
        f += repeat(floor, 1)
        s += repeat(subject, 1)
    return s, f
