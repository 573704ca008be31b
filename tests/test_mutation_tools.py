"""The tools behind docs/testing.md's mutation table: the seeded sample and the counts."""

from __future__ import annotations

import json

import pytest

from tests.mutation_sample import mutant_names, sample
from tests.mutation_table import counts, interval, table

NAMES = [f"app.domain.pain.x_f__mutmut_{i}" for i in range(1, 501)]


def test_a_seed_draws_the_same_distinct_names_and_another_seed_others():
    first = sample(NAMES, 40, 1, "app.domain")
    assert first == sample(NAMES, 40, 1, "app.domain")
    assert len(set(first)) == 40 and set(first) <= set(NAMES)
    assert first != sample(NAMES, 40, 2, "app.domain")
    assert first != sample(NAMES, 40, 1, "app.storage")


def test_a_sample_larger_than_the_package_is_the_whole_package():
    assert sample(NAMES[:7], 200, 1, "app.domain") == sorted(NAMES[:7])


def test_the_interval_is_wilsons_worked_by_hand():
    # 170 of 200: centre (p + z²/2n) / (1 + z²/n) = 0.84344, half-width
    # z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n) = 0.04946, z = 1.95996.
    low, high = interval(170, 200)
    assert low == pytest.approx(0.79398, abs=1e-4)
    assert high == pytest.approx(0.89290, abs=1e-4)


def test_counts_of_a_sample_leave_out_mutants_not_drawn(tmp_path):
    meta = tmp_path / "app" / "domain" / "pain.py.meta"
    meta.parent.mkdir(parents=True)
    codes = {NAMES[0]: 1, NAMES[1]: 0, NAMES[2]: 36, NAMES[3]: 33, NAMES[4]: None, NAMES[5]: 0}
    meta.write_text(json.dumps({"exit_code_by_key": codes}))
    drawn = set(NAMES[:5])
    found = counts(tmp_path, only=drawn)["app.domain"]
    assert found == {"killed": 1, "survived": 1, "timeout": 1, "no tests": 1, "not checked": 1}
    rows = table({"app.domain": found}, ("app.domain",), sampled=True).splitlines()
    row = next(line for line in rows if line.startswith("| app.domain"))
    # (killed + timed out) over the four run: 2 / 4, Wilson 0.5 ± 0.35.
    assert row.endswith("| 50.0 % | 15.0–85.0 % |")


def test_every_mutant_mutmut_makes_is_named_once(tmp_path):
    pytest.importorskip("mutmut")
    module = tmp_path / "app" / "domain" / "tiny.py"
    module.parent.mkdir(parents=True)
    module.write_text("def bump(a):\n    return a + 1\n")
    names = mutant_names("app.domain", tmp_path)
    assert names and len(names) == len(set(names))
    assert all(name.startswith("app.domain.tiny.x_bump__mutmut_") for name in names)
