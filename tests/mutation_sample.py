"""A seeded random sample of the mutants mutmut would make, per package.

All five packages make about 13,500 mutants; on two shared cores a complete run
takes most of a day, so the score is estimated from a simple random sample
drawn from each package (docs/testing.md, "Mutation testing"). Run by
`scripts/mutation --sample N --seed S`; by hand:
python -m tests.mutation_sample --per-package 300 --seed 2 [PACKAGE ...]
prints one mutant name a line.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from tests.mutation_table import PACKAGES, ROOT


def mutant_names(package: str, root: Path = ROOT) -> list[str]:
    """Every mutant mutmut 3 makes of `package`, named as `mutmut run` takes them."""
    # mutmut is an optional extra; only this tool needs it.
    from mutmut.mutation.file_mutation import mutate_file_contents
    from mutmut.utils.format_utils import get_mutant_name

    names: list[str] = []
    folder = root / package.replace(".", "/")
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(root)
        mutated = mutate_file_contents(str(relative), path.read_text(encoding="utf-8"))
        names.extend(get_mutant_name(relative, name) for name in mutated.mutant_names)
    return sorted(names)


def sample(names: list[str], size: int, seed: int, package: str) -> list[str]:
    """`size` names drawn without replacement; the same seed draws the same names."""
    # The package is part of the seed so each package's draw is independent of the others'.
    chosen = random.Random(f"{seed}:{package}").sample(names, min(size, len(names)))
    return sorted(chosen)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-package", type=int, required=True, metavar="N")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("packages", nargs="*", metavar="PACKAGE", help=", ".join(PACKAGES))
    args = parser.parse_args(argv)
    if args.per_package < 1:
        parser.error("--per-package must be 1 or more")
    unknown = sorted(set(args.packages) - set(PACKAGES))
    if unknown:
        parser.error(f"unknown package {', '.join(unknown)}; choose from {', '.join(PACKAGES)}")
    for package in args.packages or PACKAGES:
        for name in sample(mutant_names(package), args.per_package, args.seed, package):
            print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
