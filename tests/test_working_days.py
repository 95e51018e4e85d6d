"""Working days in England (dates.working_days): weekends and bank holidays are not counted,
Easter and Christmas move, a holiday on a weekend has its substitute day, one-off holidays come
from the calendar, and counting runs across year ends."""

from datetime import date

import pytest

from dates.working_days import (
    add_working_days,
    holiday_name,
    is_working_day,
    working_days_between,
)

D = date


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2026, 12, 4), True),  # a Friday
        (D(2026, 12, 5), False),  # Saturday
        (D(2026, 12, 6), False),  # Sunday
        (D(2026, 4, 3), False),  # Good Friday 2026
        (D(2026, 4, 6), False),  # Easter Monday 2026
        (D(2026, 4, 7), True),
        (D(2027, 3, 26), False),  # Good Friday 2027, in March
        (D(2026, 12, 25), False),
        (D(2026, 12, 28), False),  # Boxing Day on a Saturday: substitute Monday 28th
        (D(2026, 12, 29), True),
        (D(2022, 1, 3), False),  # New Year's Day on a Saturday: substitute Monday
        (D(2023, 5, 8), False),  # the Coronation: a one-off bank holiday
        (D(2022, 9, 19), False),  # the State Funeral
        (D(2024, 5, 6), False),  # Early May bank holiday
        (D(2024, 5, 7), True),
    ],
)
def test_which_days_are_working_days(day, working):
    assert is_working_day(day) is working


def test_a_holiday_is_named():
    assert holiday_name(D(2026, 4, 6)) == "Easter Monday"
    assert holiday_name(D(2026, 4, 7)) == ""


@pytest.mark.parametrize(
    "start, count, due",
    [
        (D(2026, 12, 4), 0, D(2026, 12, 4)),
        (D(2026, 12, 4), 1, D(2026, 12, 7)),  # Friday + 1: the Monday
        (D(2026, 11, 27), 5, D(2026, 12, 4)),  # a week, no holiday
        (D(2026, 12, 5), 1, D(2026, 12, 7)),  # from a Saturday: Monday is the first
        (D(2026, 3, 30), 5, D(2026, 4, 8)),  # across Good Friday and Easter Monday
        (D(2026, 12, 21), 5, D(2026, 12, 30)),  # Christmas, Boxing Day's substitute
        (D(2026, 12, 24), 5, D(2027, 1, 5)),  # across the year end and New Year's Day
        (D(2026, 12, 4), 15, D(2026, 12, 29)),  # the rapid review's fifteen, past Christmas
    ],
)
def test_adding_working_days(start, count, due):
    assert add_working_days(start, count) == due


def test_counting_is_the_inverse_of_adding_on_both_sides_of_each_boundary():
    start = D(2026, 12, 18)
    for count in range(0, 30):
        due = add_working_days(start, count)
        assert working_days_between(start, due) == count
        assert working_days_between(due, start) == -count


def test_a_day_before_a_due_date_has_one_working_day_left_and_after_it_one_late():
    due = add_working_days(D(2026, 3, 30), 5)  # Wednesday 8 April 2026
    assert working_days_between(D(2026, 4, 7), due) == 1
    assert working_days_between(due, D(2026, 4, 9)) == 1
    assert working_days_between(due, due) == 0
    # From the Thursday before Easter to the Wednesday after: Good Friday and Easter Monday are
    # not counted, so two working days are left (the Tuesday and the Wednesday).
    assert working_days_between(D(2026, 4, 2), due) == 2


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 1), -1)


@pytest.mark.parametrize(
    "day, count, start",
    [
        (D(2026, 12, 4), 0, D(2026, 12, 4)),
        (D(2026, 12, 7), 1, D(2026, 12, 4)),  # Monday - 1: the Friday before
        (D(2026, 4, 8), 5, D(2026, 3, 30)),  # back across Easter Monday and Good Friday
        (D(2027, 1, 5), 5, D(2026, 12, 24)),  # back across New Year’s Day and Christmas
    ],
)
def test_counting_working_days_back(day, count, start):
    from dates.working_days import working_days_before

    assert working_days_before(day, count) == start
    assert add_working_days(start, count) == day  # and forward again
