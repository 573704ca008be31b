"""The doctor's PDF for one small diary typed in below, read back with pypdf.

56 days from Mon 5 Jan 2026 in a four-day rhythm: day 0 of each four sat 8 h and
lifted heavily, day 1 was a marked flare-up, days 2 and 3 sat 2 h. Pain is 1 for the
first two weeks and 2 after; sleep is 5 h every third day, 8 h otherwise; posture was
logged poor on two days only; every day hurt in the left buttock. Long sitting, poor
sleep and poor posture were declared as suspects (next day) before any day was
logged, so each suspect's own test covers every day. Every expected text below is
worked out from those numbers by hand.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from app.diary import Diary
from tests.exports.pdf_read_back import Run, charts_placed, first, page_text, runs_of

START = dt.date(2026, 1, 5)  # a Monday


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    folder = tmp_path_factory.mktemp("round2")
    with Diary.open(folder / "diary.sqlite3") as diary:
        # Declared on an empty diary: the suspects' own tests cover every day logged later.
        for factor in ("sitting", "sleep", "posture"):
            diary.add_suspect(factor, 1)
        for i in range(56):
            phase = i % 4
            day: dict[str, object] = {
                "date": START + dt.timedelta(days=i),
                "pain": 1 if i < 14 else 2,
                "sitting_minutes": 480 if phase == 0 else 120,
                "exertion": "heavy" if phase == 0 else "none",
                "flare": phase == 1,
                "sleep_hours": 5.0 if i % 3 == 0 else 8.0,
                "locations": [{"region": "buttock", "side": "left"}],
            }
            if i in (3, 10):
                day["posture"] = "poor"
            diary.save_day(day)
        diary.export_report(folder / "report.pdf", include_days=True)
    return PdfReader(io.BytesIO((folder / "report.pdf").read_bytes()))


@pytest.fixture(scope="module")
def page_one(report: PdfReader) -> list[Run]:
    return runs_of(report, 0)


# --- what page 1 says ---------------------------------------------------------------------


def test_the_key_figures_are_labelled_and_a_first_fortnight_of_1_still_gets_a_percentage(
    page_one,
) -> None:
    labels = [run.text for run in page_one if run.size == 7.5 and run.font == "DejaVuSansBook"]
    assert labels[0].startswith("Generated ")  # the date made, then the four boxes
    assert labels[1:5] == [
        "Average pain",
        "Least / worst",
        "Pain, first → last 2 weeks",
        "PEG, first → last 2 weeks",
    ]
    text = page_text(page_one)
    # Least: the lowest day's pain, 1; worst: the highest, 2 (no worst pain was logged).
    assert "Least / worst 1 / 2 lowest average / highest worst" in text
    # Mean 1.0 over days 1-14, 2.0 over days 43-56: +1.0 point, +100 % of 1.0, over 30 %.
    assert "1.0 → 2.0 +1.0 points (+100 %): meaningful worsening" in text


def test_a_linked_suspect_shows_how_sure_and_no_how_long_line(page_one) -> None:
    texts = [run.text for run in page_one]
    start = texts.index("Long sitting (next day)")
    end = texts.index("Poor sleep (next day)")
    block = texts[start:end]
    # Title, dates, two lines of result, two lines of "how sure", the next suspect's bullet.
    assert len(block) == 7
    assert block[2].startswith("Linked so far, confirmed by its own test. On 14 of the 14 days")
    assert block[4].startswith("How sure: odds of a flare-up")
    assert block[6] == "•"
    assert not any(line.startswith("How long") for line in block)


def test_an_unlinked_suspect_says_how_long_until_an_odds_ratio_of_4_would_show(page_one) -> None:
    texts = [run.text for run in page_one]
    block = texts[texts.index("Poor sleep (next day)") : texts.index("Poor posture (next day)")]
    (wait,) = [line for line in block if line.startswith("How long:")]
    assert wait.startswith("How long: about ")
    assert wait.endswith(" of logging would show a link of odds ratio 4 with 80 % probability.")


def test_a_suspect_with_too_few_days_says_how_many_it_has_and_needs(page_one) -> None:
    texts = [run.text for run in page_one]
    after = texts[texts.index("Poor posture (next day)") + 2]
    # Posture was logged (poor) on days 4 and 11 only: 2 days follow it, none follow a
    # logged better posture.
    assert after == (
        "Not enough data yet: 2 days with it and 0 without so far (at least 5 of each, and "
        "21 logged days, are needed)."
    )


def test_other_factors_are_headed_apart_from_the_suspects_with_how_sure_under_each(
    page_one,
) -> None:
    heading = first(page_one, "Other factors")
    assert heading.text == "Other factors (exploratory)"
    assert heading.font == "DejaVuSansBold"
    sentence = first(page_one, "On 14 of the 14 days after you exerted yourself")
    # The sentence takes two lines; its footnote follows straight after.
    sure = page_one[page_one.index(sentence) + 2]
    assert sure.text.startswith("How sure: odds of a flare-up at least")
    assert (sure.font, sure.size) == ("DejaVuSansOblique", 7.5)
    assert heading.y < sentence.y < sure.y
    # The statistics hang under the sentence's text, not under its bullet.
    assert sure.x == pytest.approx(sentence.x, abs=0.05)


def test_the_link_note_starts_with_a_capital_and_says_associations_not_causes(page_one) -> None:
    note = first(page_one, "Associations")
    assert note.text.startswith(
        "Associations in this diary, not causes; counts are days on which a flare-up began."
    )


def test_the_where_column_and_the_sciatic_pattern_are_spelled_for_reading(page_one) -> None:
    assert first(page_one, "Where (").text == "Where (days recorded)"
    text = page_text(page_one)
    assert (
        "No day showed the sciatic pattern (buttock or back of thigh down to calf or foot, "
        "same side)." in text
    )


# --- how page 1 looks ---------------------------------------------------------------------


def test_labels_are_small_grey_and_values_bold_in_the_header_and_key_figures(page_one) -> None:
    grey, ink = (0.3922, 0.3922, 0.3922), (0.1294, 0.1294, 0.1294)
    period = first(page_one, "Period")
    assert (period.font, period.size, period.colour) == ("DejaVuSansBook", 9.0, grey)
    label = first(page_one, "Average pain")
    assert (label.font, label.size, label.colour) == ("DejaVuSansBook", 7.5, grey)
    value = first(page_one, "1.8 / 10")
    assert (value.font, value.size, value.colour) == ("DejaVuSansBold", 13.0, ink)
    note = first(page_one, "56 days with a score")
    assert (note.font, note.size) == ("DejaVuSansBook", 6.6)
    flagged = first(page_one, "+1.0 points")
    assert (flagged.font, flagged.size) == ("DejaVuSansBold", 6.6)


def test_the_list_titles_of_both_columns_are_bold_at_body_size(page_one) -> None:
    for title in ("Where (days recorded)", "Kind of pain (days recorded)", "Exercises (days"):
        run = first(page_one, title)
        assert (run.font, run.size) == ("DejaVuSansBold", 9.0), title


def test_the_suspects_note_is_small_italic(page_one) -> None:
    note = first(page_one, "Named by the patient in advance")
    assert (note.font, note.size) == ("DejaVuSansOblique", 7.5)


def test_each_bullet_stands_on_its_texts_first_line(page_one) -> None:
    bullets = [run for run in page_one if run.text == "•"]
    texts = [run.text for run in page_one]
    followers = [page_one[page_one.index(b) + 1] for b in bullets]
    # Three suspects, one exploratory link, two location notes (one checked by its text).
    assert len(bullets) == 6
    for bullet, follower in zip(bullets, followers, strict=True):
        assert bullet.y == pytest.approx(follower.y, abs=0.05), follower.text
    assert "Back pain on 0 days; leg pain on 56 days (left leg 56, right leg 0)." in texts


def test_the_footer_is_small_print(page_one) -> None:
    footer = first(page_one, "Pain Diary records what you enter.")
    assert footer.size == 6.5
    assert first(page_one, "Page 1 of").size == 6.5


# --- the charts page ----------------------------------------------------------------------


def test_the_body_map_is_drawn_below_the_trend_with_a_gap_and_its_own_proportions(
    report: PdfReader,
) -> None:
    (trend_top, trend_h), (body_top, body_h) = charts_placed(report, 1)
    # 180 mm wide: the trend (7.1 x 4.1 in) is 103.9 mm tall, the body map (7.1 x 3.6 in) 91.3.
    assert trend_top == pytest.approx(22.3)  # margin 15 + heading 5.5 + 1.8 under its rule
    assert trend_h == pytest.approx(180 * 4.1 / 7.1, abs=0.05)
    assert body_h == pytest.approx(180 * 3.6 / 7.1, abs=0.05)
    assert body_top == pytest.approx(trend_top + trend_h + 3, abs=0.05)


# --- the day table ------------------------------------------------------------------------


def test_a_day_row_shows_the_side_of_the_pain_and_hours_sat(report: PdfReader) -> None:
    pages = [runs_of(report, page) for page in range(2, len(report.pages))]
    (table,) = [runs for runs in pages if any(run.text == "Mon 5 Jan" for run in runs)]
    monday = first(table, "Mon 5 Jan")
    row = [run.text for run in table if run.y == monday.y]
    # Pain 1, where "L: buttock", sat 480 min = 8.0 h, slept 5.0 h; nothing else logged.
    assert row == ["Mon 5 Jan", "1", "L: buttock", "8.0", "5.0"]
