"""The mutation table of docs/testing.md, from the results mutmut left in mutants/.

Run by scripts/mutation after mutmut; by hand:
python -m tests.mutation_table [PACKAGE ...]   or   python -m tests.mutation_table --modules
python -m tests.mutation_table --names FILE [--modules]   (only the mutants named in FILE,
one a line: a sampled run, with each score's 95 % interval)
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app.domain", "app.storage", "app.analysis", "app.exports", "app.diary")
# mutmut's exit codes per mutant (mutmut/stats.py), grouped as the table counts them.
_STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 36: "timeout"}
_STATUS.update({code: "timeout" for code in (-24, 24, 152, 255)})


def counts(
    mutants_dir: Path = ROOT / "mutants",
    *,
    by_module: bool = False,
    only: set[str] | None = None,
) -> dict[str, Counter[str]]:
    """Per package (or module): how many mutants were killed, survived, timed out ...

    With `only`, just those mutants are counted (a sampled run).
    """
    out: dict[str, Counter[str]] = {} if by_module else {p: Counter() for p in PACKAGES}
    for meta in sorted(mutants_dir.glob("app/**/*.meta")):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            package = next((p for p in PACKAGES if name.startswith(p + ".")), None)
            if package is None or (only is not None and name not in only):
                continue
            key = ".".join(meta.relative_to(mutants_dir).with_suffix("").with_suffix("").parts)
            status = "not checked" if code is None else _STATUS.get(code, "suspicious")
            out.setdefault(key if by_module else package, Counter())[status] += 1
    return out


def interval(hits: int, tried: int) -> tuple[float, float]:
    """Wilson 95 % interval of a proportion, for a score measured on a random sample."""
    from scipy.stats import binomtest

    ci = binomtest(hits, tried).proportion_ci(confidence_level=0.95, method="wilson")
    return ci.low, ci.high


def table(
    found: dict[str, Counter[str]], packages: tuple[str, ...] = PACKAGES, *, sampled: bool = False
) -> str:
    """Markdown rows: package (or module), killed, survived, timed out, no tests, not run, score.

    A sampled table adds each score's 95 % interval.
    """
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"Run {dt.date.today().isoformat()} on commit {commit or '?'}.",
        "",
        "| code | mutants | killed | survived | timed out | no tests | not run | score |"
        + (" 95 % interval |" if sampled else ""),
        "|---|---|---|---|---|---|---|---|" + ("---|" if sampled else ""),
    ]
    for package in packages:
        c = found[package]
        # mutmut's own score: killed and timed out over every mutant it ran.
        tried = c["killed"] + c["survived"] + c["timeout"] + c["no tests"] + c["suspicious"]
        hits = c["killed"] + c["timeout"]
        score = f"{100 * hits / tried:.1f} %" if tried else "-"
        row = (
            f"| {package} | {sum(c.values())} | {c['killed']} | {c['survived']} | "
            f"{c['timeout']} | {c['no tests']} | {c['not checked']} | {score} |"
        )
        if sampled:
            low, high = interval(hits, tried) if tried else (0.0, 1.0)
            row += f" {100 * low:.1f}–{100 * high:.1f} % |" if tried else " - |"
        lines.append(row)
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:]
    only = None
    if "--names" in args:
        at = args.index("--names")
        only = set(Path(args[at + 1]).read_text().split())
        del args[at : at + 2]
    if args == ["--modules"]:
        found = counts(by_module=True, only=only)
        print(table(found, tuple(found), sampled=only is not None))
    else:
        chosen = tuple(p for p in args if p in PACKAGES) or PACKAGES
        print(table(counts(only=only), chosen, sampled=only is not None))
