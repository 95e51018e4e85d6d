"""The learning programme's derived figures on both sides of their boundaries: rates with
nothing to divide by, the follow-up's due date across month ends and leap years, and overdue
the day before, on and after the due date, and once recorded."""

import datetime

import pytest

from learning import rules

D = datetime.date


@pytest.mark.parametrize(
    ("attended", "booked", "rate"),
    [(0, 0, None), (5, 0, None), (0, 1, 0), (1, 1, 1), (3, 4, 0.75), (None, 4, None)],
)
def test_the_attendance_rate_is_attended_over_booked_and_none_when_none_were_booked(
    attended, booked, rate
):
    assert rules.attendance_rate(attended, booked) == rate


@pytest.mark.parametrize(
    ("booked", "places", "rate"),
    [(0, None, None), (10, None, None), (10, 0, None), (0, 20, 0), (10, 20, 0.5), (25, 20, 1.25)],
)
def test_the_fill_rate_is_booked_over_places_and_none_when_there_are_no_places(
    booked, places, rate
):
    assert rules.fill_rate(booked, places) == rate


@pytest.mark.parametrize(
    ("session", "due"),
    [
        (D(2025, 3, 3), D(2025, 6, 3)),
        (D(2025, 10, 31), D(2026, 1, 31)),  # across the year's end
        (D(2025, 11, 1), D(2026, 2, 1)),
        (D(2025, 11, 28), D(2026, 2, 28)),
        (D(2025, 11, 29), D(2026, 2, 28)),  # February is shorter: its last day
        (D(2025, 11, 30), D(2026, 2, 28)),
        (D(2023, 11, 29), D(2024, 2, 29)),  # a leap year
        (D(2023, 11, 30), D(2024, 2, 29)),
        (D(2025, 5, 31), D(2025, 8, 31)),
        (D(2025, 3, 31), D(2025, 6, 30)),  # June has 30 days
        (D(2025, 12, 31), D(2026, 3, 31)),
        (D(2024, 2, 29), D(2024, 5, 29)),
    ],
)
def test_the_follow_up_is_due_three_calendar_months_after_the_session(session, due):
    assert rules.follow_up_due(session) == due


def test_no_date_no_due_date():
    assert rules.follow_up_due(None) is None


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (D(2026, 2, 28), -3, D(2025, 11, 28)),
        (D(2024, 5, 31), -3, D(2024, 2, 29)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2025, 1, 31), 13, D(2026, 2, 28)),
        (D(2025, 6, 30), 0, D(2025, 6, 30)),
    ],
)
def test_months_are_added_and_taken_away_with_the_months_last_day_kept(day, months, result):
    assert rules.add_months(day, months) == result


SESSION = D(2025, 11, 30)  # due 28 February 2026


@pytest.mark.parametrize(
    ("day", "recorded_on", "overdue"),
    [
        (D(2026, 2, 27), None, False),  # the day before it is due
        (D(2026, 2, 28), None, False),  # the day it is due
        (D(2026, 3, 1), None, True),  # the day after
        (D(2026, 3, 1), D(2026, 2, 20), False),  # recorded before it was due
        (D(2026, 3, 5), D(2026, 3, 5), False),  # recorded late, as at the day recorded
        (D(2026, 3, 5), D(2026, 3, 6), True),  # recorded the day after: overdue as at then
        (D(2026, 3, 4), D(2026, 3, 5), True),
    ],
)
def test_a_follow_up_is_overdue_once_due_before_the_day_and_not_recorded_by_then(
    day, recorded_on, overdue
):
    assert rules.follow_up_overdue(SESSION, recorded_on, day) is overdue


def test_the_earliest_session_not_yet_due_agrees_with_the_due_date_for_every_day():
    """The SQL rule (session before this date) says what the due date says, every day of four
    years, leap days and month ends among them."""
    day = D(2023, 1, 1)
    while day < D(2027, 1, 1):
        cutoff = rules.earliest_not_due_before(day)
        assert rules.follow_up_due(cutoff) >= day
        assert rules.follow_up_due(cutoff - datetime.timedelta(days=1)) < day
        day += datetime.timedelta(days=1)
