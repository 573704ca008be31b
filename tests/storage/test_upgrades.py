"""Diaries from every earlier schema open with all their data; a failed upgrade changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.diary import Diary, DiaryFileError
from app.storage import migrate

FIXTURES = Path(__file__).with_name("fixtures")
EXPECTED_DAY_1 = {
    "date": dt.date(2025, 6, 1),
    "pain": 6,
    "worst_pain": 8,
    "enjoyment_interference": 5,
    "activity_interference": 7,
    "locations": [{"region": "lower_back", "side": "centre"}, {"region": "calf", "side": "left"}],
    "symptoms": ["shooting", "tingling"],
    "sitting_minutes": 420,
    "standing_minutes": 120,
    "active_minutes": 30,
    "exercises": [{"name": "walking", "minutes": 20}, {"name": "nerve glides", "minutes": 5}],
    "exertion": "heavy",
    "exertion_note": "moved boxes",
    "posture": "poor",
    "sleep_hours": 5.5,
    "sleep_quality": 3,
    "treatments": [
        {"name": "ibuprofen", "dose": "400 mg", "relief": 4},
        {"name": "heat", "dose": None, "relief": None},
    ],
    "red_flags": ["night_pain"],
    "flare": True,
    "note": "Could not sit through the film.",
    "stress": None,
    "factors": {},
}
#: What 0003 added (the 0003 fixture has values there; its own test checks them).
ADDED_0003 = {"stress", "factors"}


def _copy(fixture: Path, tmp_path: Path) -> Path:
    target = tmp_path / "diary.sqlite3"
    shutil.copy(fixture, target)
    target.chmod(0o600)
    return target


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("diary-*.sqlite3")), ids=lambda p: p.stem)
def test_a_diary_from_each_revision_opens_with_every_value(fixture: Path, tmp_path: Path):
    with Diary.open(_copy(fixture, tmp_path)) as diary:
        days = diary.days()
        assert [d.date for d in days] == [dt.date(2025, 6, 1), dt.date(2025, 6, 2)]
        assert days[0].model_dump(exclude=ADDED_0003) == {
            k: v for k, v in EXPECTED_DAY_1.items() if k not in ADDED_0003
        }
        assert days[1].pain == 3 and days[1].flare is False
        assert [str(x) for x in days[1].locations] == ["neck"]
        assert diary.custom_exercises() == ["nerve glides"]
        assert diary.setting("user_name") == "Sam Doe"
        assert diary.integrity_check() == "ok"


def test_every_revision_has_a_fixture() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = {rev.revision for rev in script.walk_revisions()}
    assert {p.stem.removeprefix("diary-") for p in FIXTURES.glob("diary-*.sqlite3")} == revisions


def _extra_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """A copy of the real migrations plus a revision 0099 that runs `body`."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.migrations_dir(), scripts)
    (scripts / "versions" / "0099_test.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '0099'\ndown_revision = '{migrate.SCHEMA_HEAD}'\n"
        "branch_labels = None\ndepends_on = None\n"
        f"def upgrade():\n{body}\n"
    )
    monkeypatch.setattr(migrate, "migrations_dir", lambda: scripts)
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "0099")


ADD_COLUMN = (
    "    with op.batch_alter_table('day', recreate='always') as batch:\n"
    "        batch.add_column(sa.Column('mood', sa.Integer(), nullable=True))\n"
)


def test_a_batch_migration_of_the_day_table_keeps_every_detail_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rebuilding `day` drops the old table; with foreign keys on, that would
    # cascade-delete locations, exercises, treatments...
    _extra_migration(tmp_path, monkeypatch, ADD_COLUMN)
    with Diary.open(_copy(FIXTURES / "diary-0001.sqlite3", tmp_path)) as diary:
        assert diary.days()[0].model_dump() == EXPECTED_DAY_1


def test_a_failed_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _extra_migration(tmp_path, monkeypatch, ADD_COLUMN + "    raise RuntimeError('disk on fire')\n")
    path = _copy(FIXTURES / "diary-0001.sqlite3", tmp_path)
    with sqlite3.connect(path) as raw:  # as the app leaves every diary it has opened
        raw.execute("PRAGMA journal_mode = WAL")
    raw.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DiaryFileError, match=r"could not be upgraded.*disk on fire.*left as it"):
        Diary.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    monkeypatch.undo()
    with Diary.open(path) as diary:  # the current app still opens it, all data there
        assert diary.days()[0].model_dump() == EXPECTED_DAY_1


def test_a_0001_diary_upgrades_to_check_ins_with_every_value_and_none_invented(
    tmp_path: Path,
) -> None:
    with Diary.open(_copy(FIXTURES / "diary-0001.sqlite3", tmp_path)) as diary:
        assert diary.days()[0].model_dump() == EXPECTED_DAY_1
        assert diary.checkins_between() == {}
        # No check-ins: the day's pain is the entered one, not something derived.
        assert diary.day_pain(dt.date(2025, 6, 2)).source == "entered"


def test_the_0002_diary_keeps_its_check_ins_and_derives_nothing_over_entered_pain(
    tmp_path: Path,
) -> None:
    with Diary.open(_copy(FIXTURES / "diary-0002.sqlite3", tmp_path)) as diary:
        found = diary.checkins_between()
        assert [c.as_json() for c in found[dt.date(2025, 6, 1)]] == [
            {
                "time": "07:30",
                "pain": 4,
                "locations": ["lower_back"],
                "symptoms": [],
                "doing": "lying",
                "note": "Stiff getting up.",
            },
            {
                "time": "16:45",
                "pain": 8,
                "locations": ["buttock:left", "calf:left"],
                "symptoms": ["shooting", "tingling"],
                "doing": "sitting",
                "note": None,
            },
        ]
        assert [c.clock for c in found[dt.date(2025, 6, 2)]] == ["12:00"]
        # Entered pain wins over the check-ins' mean (6 entered; check-ins 4 and 8).
        first = diary.day_pain(dt.date(2025, 6, 1))
        assert (first.pain, first.worst_pain, first.source) == (6, 8, "entered")
        # Day 2: pain 3 entered, worst not: the highest check-in (3).
        second = diary.day_pain(dt.date(2025, 6, 2))
        assert (second.pain, second.worst_pain) == (3, 3)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("diary-*.sqlite3")), ids=lambda p: p.stem)
def test_the_columns_expected_at_each_revision_are_the_fixtures(fixture: Path) -> None:
    # What `check_schema` demands of a diary at an older revision, held to a real one.
    revision = fixture.stem.removeprefix("diary-")
    with sqlite3.connect(f"file:{fixture}?mode=ro", uri=True) as raw:
        tables = {
            name for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        } - {"alembic_version"}
        found = {
            table: frozenset(row[1] for row in raw.execute(f"PRAGMA table_info({table})"))
            for table in tables
        }
    raw.close()
    assert found == migrate.expected_columns(revision)


def test_a_0002_diary_upgrades_to_own_factors_with_every_value_and_none_invented(
    tmp_path: Path,
) -> None:
    with Diary.open(_copy(FIXTURES / "diary-0002.sqlite3", tmp_path)) as diary:
        days = diary.days()
        assert days[0].model_dump() == EXPECTED_DAY_1
        assert [d.stress for d in days] == [None, None]
        assert [d.factors for d in days] == [{}, {}]
        assert diary.factors(include_archived=True) == [] and diary.suspects() == []
        assert len(diary.checkins(dt.date(2025, 6, 1))) == 2


def test_the_0003_diary_keeps_stress_own_factors_and_suspects(tmp_path: Path) -> None:
    from app.domain.own_factors import OwnFactor, Suspect

    with Diary.open(_copy(FIXTURES / "diary-0003.sqlite3", tmp_path)) as diary:
        days = diary.days()
        assert [d.stress for d in days] == [7, None]
        assert days[0].factors == {"Gardening": True, "Screen time": 200}
        assert days[1].factors == {"Gardening": False}
        assert diary.factors(include_archived=True) == [
            OwnFactor("Gardening", "yesno", None, True, dt.date(2025, 5, 30), days=2),
            OwnFactor("Screen time", "minutes", 90.0, False, dt.date(2025, 5, 31), days=1),
        ]
        assert [f.name for f in diary.factors()] == ["Screen time"]  # archived not offered
        assert diary.suspects() == [
            Suspect("sitting", 1, dt.date(2025, 5, 30), None),
            Suspect("Screen time", 0, dt.date(2025, 6, 2), dt.date(2025, 6, 2), own=True),
        ]
        assert len(diary.checkins(dt.date(2025, 6, 1))) == 2


def test_the_database_refuses_a_stress_out_of_range(tmp_path: Path) -> None:
    path = _copy(FIXTURES / "diary-0002.sqlite3", tmp_path)
    Diary.open(path).close()  # upgraded: the new column carries its CHECK
    with sqlite3.connect(path) as raw, pytest.raises(sqlite3.IntegrityError, match="stress"):
        raw.execute("UPDATE day SET stress = 11 WHERE id = 1")
    raw.close()
