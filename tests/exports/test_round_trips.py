"""Round trips compared with the INPUT: days drawn -> export -> import -> the same days.

Comparing an export with a second export would pass if a column were always
written empty; these compare what comes back with what went in. CSV leaves
out treatment doses and the exertion note (docs/csv-format.md), FHIR carries
the pain score, the PEG items and the body sites of days with a pain score;
each is compared as far as its format carries the day.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.diary import Diary
from app.domain.entry import DayEntry, Location, make_entry
from app.exports.csv_format import HEADER
from app.exports.fhir import LATERALITY_ATTRIBUTE, REGION_SNOMED, SIDE_SNOMED
from tests.strategies import days, unique_dates

SETTINGS = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DIARIES = st.lists(days(), min_size=1, max_size=6).map(unique_dates)

#: Every field filled, boundary values where a field has them, formula-like names.
FULL_DAY = make_entry(
    date="2026-02-03",
    pain=0,
    worst_pain=10,
    enjoyment_interference=4,
    activity_interference=7,
    locations=[{"region": "calf", "side": "left"}, {"region": "lower_back"}],
    symptoms=["numbness", "tingling"],
    sitting_minutes=1000,
    standing_minutes=430,
    active_minutes=10,
    exercises=[{"name": "walking", "minutes": 1440}, {"name": "my stretch", "minutes": 0}],
    exertion="heavy",
    exertion_note="moved a sofa",
    posture="poor",
    sleep_hours=7.25,
    sleep_quality=3,
    treatments=[{"name": "ice", "relief": 10, "dose": "10 min"}, {"name": "own pill"}],
    red_flags=["saddle_numbness"],
    flare=True,
    note='line one\nline two, with a comma and "quotes"',
)


def _sorted(entries: list[DayEntry]) -> list[DayEntry]:
    return sorted(entries, key=lambda d: d.date)


def _without_csv_gaps(entry: DayEntry) -> DayEntry:
    """The day as CSV carries it: no doses, no exertion note (documented)."""
    treatments = [t.model_copy(update={"dose": None}) for t in entry.treatments]
    return entry.model_copy(update={"exertion_note": None, "treatments": treatments})


def _through_csv(entries: list[DayEntry], folder: Path) -> list[DayEntry]:
    with Diary.open(folder / "a.sqlite3") as first:
        assert first.import_entries(entries).ok
        assert first.export_csv(folder / "days.csv") == len(entries)
    with Diary.open(folder / "b.sqlite3") as second:
        report = second.import_csv(folder / "days.csv")
        assert report.ok, report.problems
        return second.days()


def _through_json(entries: list[DayEntry], folder: Path) -> list[DayEntry]:
    with Diary.open(folder / "a.sqlite3") as first:
        assert first.import_entries(entries).ok
        assert first.export_json(folder / "backup.json") == len(entries)
    with Diary.open(folder / "b.sqlite3") as second:
        assert second.import_json(folder / "backup.json").ok
        return second.days()


def test_a_full_day_comes_back_from_csv_as_it_went_in(tmp_path: Path) -> None:
    assert _through_csv([FULL_DAY], tmp_path) == [_without_csv_gaps(FULL_DAY)]


def test_a_full_day_comes_back_from_json_as_it_went_in(tmp_path: Path) -> None:
    assert _through_json([FULL_DAY], tmp_path) == [FULL_DAY]


@SETTINGS
@given(entries=DIARIES)
def test_csv_gives_back_the_days_that_went_in(tmp_path_factory, entries: list[DayEntry]) -> None:
    back = _through_csv(entries, tmp_path_factory.mktemp("csv"))
    assert back == [_without_csv_gaps(e) for e in _sorted(entries)]


@SETTINGS
@given(entries=DIARIES)
def test_json_gives_back_the_days_that_went_in(tmp_path_factory, entries: list[DayEntry]) -> None:
    assert _through_json(entries, tmp_path_factory.mktemp("json")) == _sorted(entries)


# -- FHIR read back ----------------------------------------------------------------------

_REGIONS_BY_CODE: dict[str, set[str]] = {}
for _region, (_code, _term) in REGION_SNOMED.items():
    _REGIONS_BY_CODE.setdefault(_code, set()).add(_region)
_SIDES_BY_CODE = {code: side for side, (code, _term) in SIDE_SNOMED.items()}
PAIN_SEVERITY, PEG_PANEL = "72514-3", "91148-7"
PEG_ITEMS = {
    "75893-8": "peg_pain",
    "91145-3": "enjoyment_interference",
    "91146-1": "activity_interference",
}


def _read_fhir(path: Path) -> dict[dt.date, dict]:
    """What a receiver learns from the bundle, per day: a reader written from the spec."""
    bundle = json.loads(path.read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle"
    found: dict[dt.date, dict] = {}
    for item in bundle["entry"]:
        resource = item["resource"]
        if resource["resourceType"] != "Observation" or "coding" not in resource["code"]:
            continue  # stress and own factors (text codes) have their own round trip
        date = dt.date.fromisoformat(resource["effectiveDateTime"])
        day = found.setdefault(date, {})
        code = resource["code"]["coding"][0]["code"]
        if code == PAIN_SEVERITY:
            day["pain"] = resource["valueInteger"]
            sites = set()
            for coding in resource.get("bodySite", {}).get("coding", []):
                region, _, side = coding["code"].partition(f":{LATERALITY_ATTRIBUTE}=")
                # A broader concept stands for more than one diary region.
                sites.add((frozenset(_REGIONS_BY_CODE[region]), _SIDES_BY_CODE.get(side)))
            day["sites"] = sites
        elif code == PEG_PANEL:
            for component in resource["component"]:
                item_code = component["code"]["coding"][0]["code"]
                if item_code in PEG_ITEMS:
                    day[PEG_ITEMS[item_code]] = component["valueInteger"]
                elif item_code == "91147-9":
                    day["peg"] = component["valueQuantity"]["value"]
    return found


def _fhir_view(entry: DayEntry) -> dict:
    """What the bundle should say about a day with a pain score."""

    def site(location: Location) -> tuple[frozenset[str], str | None]:
        side = location.side if location.side in SIDE_SNOMED else None  # centre: no laterality
        return frozenset(_REGIONS_BY_CODE[REGION_SNOMED[location.region][0]]), side

    view: dict = {"pain": entry.pain, "sites": {site(loc) for loc in entry.locations}}
    items = (entry.pain, entry.enjoyment_interference, entry.activity_interference)
    if None not in items:
        view["peg_pain"] = entry.pain
        view["enjoyment_interference"] = entry.enjoyment_interference
        view["activity_interference"] = entry.activity_interference
        view["peg"] = round(sum(items) / 3, 2)  # type: ignore[arg-type]
    return view


@SETTINGS
@given(entries=DIARIES)
def test_fhir_read_back_gives_the_pain_peg_and_sites_that_went_in(
    tmp_path_factory, entries: list[DayEntry]
) -> None:
    folder = tmp_path_factory.mktemp("fhir")
    with Diary.open(folder / "a.sqlite3") as diary:
        assert diary.import_entries(entries).ok
        diary.export_fhir(folder / "bundle.json")
    expected = {e.date: _fhir_view(e) for e in entries if e.pain is not None}
    assert _read_fhir(folder / "bundle.json") == expected


def test_fhir_read_back_of_a_full_day(tmp_path: Path) -> None:
    with Diary.open(tmp_path / "a.sqlite3") as diary:
        diary.import_entries([FULL_DAY])
        assert diary.export_fhir(tmp_path / "bundle.json") == 2
    assert _read_fhir(tmp_path / "bundle.json") == {
        dt.date(2026, 2, 3): {
            "pain": 0,
            "sites": {
                (frozenset({"calf"}), "left"),
                (frozenset({"lower_back"}), None),
            },
            "peg_pain": 0,
            "enjoyment_interference": 4,
            "activity_interference": 7,
            "peg": 3.67,
        }
    }


# -- formula escaping on every text column ----------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NAMES = ['=HYPERLINK("x")', "@SUM(1)", "+1 set", "-2 reps", "=1+1"]


def _cells(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_every_cell_that_could_run_as_a_formula_is_escaped(tmp_path: Path) -> None:
    entries = [
        make_entry(
            date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            exercises=[{"name": name, "minutes": 5}],
            treatments=[{"name": name, "relief": 2}],
            exertion_note=name,
            note=name,
        )
        for i, name in enumerate(_NAMES)
    ]
    with Diary.open(tmp_path / "a.sqlite3") as diary:
        diary.import_entries(entries)
        diary.export_csv(tmp_path / "out.csv")
    rows = _cells(tmp_path / "out.csv")
    assert len(rows) == len(_NAMES)
    for row, name in zip(rows, _NAMES, strict=True):
        assert row["exercises"] == f"'{name}:5"
        assert row["treatments"] == f"'{name}:2"
        assert row["notes"] == f"'{name}"
    assert _through_csv(entries, tmp_path / "back") == [_without_csv_gaps(e) for e in entries]


@SETTINGS
@given(entries=DIARIES)
def test_no_cell_of_any_column_starts_a_formula(tmp_path_factory, entries) -> None:
    folder = tmp_path_factory.mktemp("cells")
    with Diary.open(folder / "a.sqlite3") as diary:
        diary.import_entries(entries)
        diary.export_csv(folder / "out.csv")
    for row in _cells(folder / "out.csv"):
        assert tuple(row) == HEADER
        for column, cell in row.items():
            assert not cell.startswith(_FORMULA), (column, cell)
