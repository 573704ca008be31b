"""Own factors as the Today form meets them: copying the last day, and refusals' words."""

from __future__ import annotations

import datetime as dt

from app.diary import Diary
from app.forms.day_form import DayForm, describe_problem

DAY = dt.date(2025, 3, 1)


def test_same_as_previous_leaves_out_archived_factors(diary: Diary) -> None:
    """An archived factor takes no new values: copying it forward made the save refused."""
    diary.add_factor("Coffee", "yesno")
    diary.add_factor("Gardening", "yesno")
    diary.save_day(
        {"date": DAY, "pain": 3, "stress": 5, "factors": {"Coffee": True, "Gardening": False}}
    )
    diary.archive_factor("Coffee")
    copy = diary.same_as_previous(DAY + dt.timedelta(days=1))
    assert copy is not None and copy.stress == 5
    assert copy.factors == {"Gardening": False}
    form = DayForm(diary)
    form.load(DAY + dt.timedelta(days=1))
    form.same_as_last_day()
    assert form.save().saved, form.problem_lines()


def test_a_refused_factor_value_names_the_factor() -> None:
    assert describe_problem("factors.Coffee", "is archived and takes no new values") == (
        "Your factors (Coffee): is archived and takes no new values"
    )
