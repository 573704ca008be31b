"""Benchmarks of the service layer: saving a day, insights, the trend chart, the report."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

from app.diary import Diary
from benchmarks.diaries import END, checkins_of, full_day
from benchmarks.harness import Figure, interleaved


def _raw_connection(path: Path) -> sqlite3.Connection:
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")  # the diary's durability setting
    raw.execute("PRAGMA foreign_keys = ON")
    return raw


def save_day(folder: Path, runs: int) -> Figure:
    """Diary.save_day vs a raw sqlite3 insert + commit of the same rows."""
    rng = random.Random(3)
    for stale in folder.glob("save-*.sqlite3*"):  # left by an earlier run with --keep
        stale.unlink()
    Diary.open(folder / "save-floor.sqlite3").close()  # same schema for the floor
    raw = _raw_connection(folder / "save-floor.sqlite3")
    diary = Diary.open(folder / "save-subject.sqlite3")
    counter = iter(range(10**6))

    def next_day() -> dict:
        return full_day(END - dt.timedelta(days=next(counter)), rng).model_dump()

    def subject() -> None:
        diary.save_day(next_day())

    def floor() -> None:
        day = next_day()
        raw.execute("BEGIN IMMEDIATE")
        day_id = raw.execute(
            "INSERT INTO day (date, pain, worst_pain, enjoyment_interference,"
            " activity_interference, sitting_minutes, standing_minutes, active_minutes,"
            " exertion, exertion_note, posture, sleep_hours, sleep_quality, flare, note,"
            " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            (
                day["date"].isoformat(), day["pain"], day["worst_pain"],
                day["enjoyment_interference"], day["activity_interference"],
                day["sitting_minutes"], day["standing_minutes"], day["active_minutes"],
                day["exertion"], day["exertion_note"], day["posture"], day["sleep_hours"],
                day["sleep_quality"], day["flare"], day["note"],
                dt.datetime.now(dt.UTC).isoformat(),
            ),
        ).fetchone()[0]  # fmt: skip
        raw.executemany(
            "INSERT INTO day_location (day_id, region, side) VALUES (?,?,?)",
            [(day_id, x["region"], x["side"]) for x in day["locations"]],
        )
        raw.executemany(
            "INSERT INTO day_symptom (day_id, symptom) VALUES (?,?)",
            [(day_id, s) for s in day["symptoms"]],
        )
        raw.executemany(
            "INSERT INTO day_exercise (day_id, name, minutes) VALUES (?,?,?)",
            [(day_id, x["name"], x["minutes"]) for x in day["exercises"]],
        )
        raw.executemany(
            "INSERT INTO day_treatment (day_id, name, dose, relief) VALUES (?,?,?,?)",
            [(day_id, x["name"], x["dose"], x["relief"]) for x in day["treatments"]],
        )
        raw.execute("COMMIT")

    for _ in range(5):  # warm both paths
        subject()
        floor()
    s, f = interleaved(subject, floor, runs)
    diary.close()
    raw.close()
    return Figure("saving a day (service API vs raw sqlite3, synchronous=FULL)", s, f, 3.0)


def _raw_read(path: Path) -> None:
    raw = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    for table in ("day", "day_location", "day_symptom", "day_exercise", "day_treatment",
                  "day_red_flag"):  # fmt: skip
        raw.execute(f"SELECT * FROM {table}").fetchall()
    raw.close()


def save_checkin(folder: Path, runs: int) -> Figure:
    """Diary.save_checkin vs a raw sqlite3 insert + commit of the same rows."""
    rng = random.Random(4)
    for stale in folder.glob("checkin-*.sqlite3*"):
        stale.unlink()
    Diary.open(folder / "checkin-floor.sqlite3").close()
    raw = _raw_connection(folder / "checkin-floor.sqlite3")
    diary = Diary.open(folder / "checkin-subject.sqlite3")
    counter = iter(range(10**6))

    def next_checkin() -> dict:
        n = next(counter)
        day = full_day(END - dt.timedelta(days=n // 3), rng)
        return checkins_of(day, rng)[n % 3]

    def subject() -> None:
        diary.save_checkin(next_checkin(), overwrite=True)

    def floor() -> None:
        checkin = next_checkin()
        raw.execute("BEGIN IMMEDIATE")
        date = checkin["date"].isoformat()
        row = raw.execute("SELECT id FROM day WHERE date = ?", (date,)).fetchone()
        day_id = row[0] if row else raw.execute(
            "INSERT INTO day (date, flare, updated_at) VALUES (?, 0, ?) RETURNING id",
            (date, dt.datetime.now(dt.UTC).isoformat()),
        ).fetchone()[0]  # fmt: skip
        checkin_id = raw.execute(
            "INSERT INTO checkin (day_id, time, pain, doing, updated_at) VALUES (?,?,?,?,?)"
            " RETURNING id",
            (day_id, checkin["time"].strftime("%H:%M"), checkin["pain"], checkin["doing"],
             dt.datetime.now(dt.UTC).isoformat()),
        ).fetchone()[0]  # fmt: skip
        raw.executemany(
            "INSERT INTO checkin_location (checkin_id, region, side) VALUES (?,?,?)",
            [(checkin_id, x["region"], x["side"]) for x in checkin["locations"]],
        )
        raw.execute("COMMIT")

    for _ in range(5):  # warm both paths
        subject()
        floor()
    s, f = interleaved(subject, floor, runs)
    diary.close()
    raw.close()
    return Figure("saving a check-in (service API vs raw sqlite3, synchronous=FULL)", s, f, 3.0)


def insights(diary_path: Path, runs: int) -> Figure:
    """Diary.insights over 10 years vs reading the same rows with raw sqlite3."""
    diary = Diary.open(diary_path)
    diary.insights()  # first call pays the imports
    s, f = interleaved(diary.insights, lambda: _raw_read(diary_path), runs)
    diary.close()
    return Figure("insights, 10 years (vs raw sqlite3 read of the rows)", s, f, 5.0)


def trend_chart(diary_path: Path, runs: int) -> Figure:
    """trend_figure of 10 years drawn with Agg vs a bare line plot of the same points."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    from app.charts.trend import trend_figure

    with Diary.open(diary_path) as diary:
        days = diary.days()
    start, end = days[0].date, days[-1].date
    x = [d.date for d in days]
    y = [d.pain for d in days]

    def subject() -> None:
        figure = trend_figure(days, start=start, end=end, width=6.4, height=4.8, dpi=100)
        FigureCanvasAgg(figure).draw()

    def floor() -> None:
        figure = MplFigure(figsize=(6.4, 4.8), dpi=100)
        figure.add_subplot().plot(x, y)
        FigureCanvasAgg(figure).draw()

    subject()
    floor()
    s, f = interleaved(subject, floor, runs)
    return Figure("trend chart, 10 years (vs bare Matplotlib line plot)", s, f, 1.5)


def report(diary_path: Path, folder: Path, runs: int) -> Figure:
    """PDF report of one year vs building and saving its trend chart as a PDF alone."""
    from matplotlib.backends.backend_pdf import FigureCanvasPdf

    from app.charts.trend import trend_figure

    diary = Diary.open(diary_path)
    days = diary.days()
    start, end = days[0].date, days[-1].date
    target = folder / "report.pdf"

    def subject() -> None:
        diary.export_report(target)

    def floor() -> None:
        figure = trend_figure(days, start=start, end=end)
        FigureCanvasPdf(figure).print_pdf(str(folder / "floor.pdf"))

    subject()
    floor()
    s, f = interleaved(subject, floor, runs)
    diary.close()
    return Figure(
        "PDF report of one year (vs one chart saved as PDF)", s, f, 10.0,
        note="no target in the issue; 10× is ours", ours=True,
    )  # fmt: skip
